import { NotebookPen } from 'lucide-react';
import type { ClaimId, EntityId, NoteId, PassageId } from '../../core';
import { useStorageQuery } from '../storage';
import { formatUpdated } from './format';

export type NoteBacklinksProps = (
  | { readonly entityId: EntityId; readonly passageId?: undefined; readonly claimId?: undefined }
  | { readonly passageId: PassageId; readonly entityId?: undefined; readonly claimId?: undefined }
  | { readonly claimId: ClaimId; readonly entityId?: undefined; readonly passageId?: undefined }
) & {
  readonly onOpenNote: (id: NoteId) => void;
};

/**
 * The notes that mention an entity, quote a passage or embed a claim (from the references each
 * save derives). For an entity it is a section of its page, saying so when there are none; for a
 * passage or a claim it is a line under it, shown only when some note cites it.
 */
export function NoteBacklinks(props: NoteBacklinksProps) {
  const { entityId, passageId, claimId, onOpenNote } = props;
  const found = useStorageQuery(
    (s) =>
      entityId !== undefined
        ? s.notes.mentioning(entityId)
        : passageId !== undefined
          ? s.notes.quoting(passageId)
          : s.notes.embedding(claimId),
    [entityId, passageId, claimId],
  );
  const notes = found.status === 'ready' ? found.value : [];

  if (entityId === undefined) {
    if (notes.length === 0) return null;
    const label = passageId !== undefined ? 'Quoted in' : 'Embedded in';
    return (
      <div
        className="cf-backlinks cf-backlinks--passage"
        aria-label={`${label} notes`}
        role="group"
      >
        <span className="cf-muted">
          <NotebookPen size={13} aria-hidden="true" /> {label}
        </span>
        {notes.map((note) => (
          <button
            key={note.id}
            type="button"
            className="cf-link"
            aria-label={`Open note: ${note.title}`}
            onClick={() => onOpenNote(note.id)}
          >
            {note.title}
          </button>
        ))}
      </div>
    );
  }

  return (
    <section className="cf-entity-section cf-backlinks" aria-labelledby="note-backlinks-heading">
      <h3 id="note-backlinks-heading">In the notebook</h3>
      {found.status === 'failed' ? (
        <p className="cf-field__error">Could not read the notes: {found.message}</p>
      ) : null}
      {found.status === 'ready' && notes.length === 0 ? (
        <p className="cf-muted">No note mentions this entity yet.</p>
      ) : null}
      {notes.length > 0 ? (
        <ul className="cf-backlinks__list">
          {notes.map((note) => (
            <li key={note.id}>
              <button
                type="button"
                className="cf-link"
                aria-label={`Open note: ${note.title}`}
                onClick={() => onOpenNote(note.id)}
              >
                {note.title}
              </button>{' '}
              <time className="cf-muted" dateTime={note.updatedAt}>
                {formatUpdated(note.updatedAt)}
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
