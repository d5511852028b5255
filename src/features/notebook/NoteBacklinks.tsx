import { NotebookPen } from 'lucide-react';
import type { EntityId, NoteId, PassageId } from '../../core';
import { useStorageQuery } from '../storage';
import { formatUpdated } from './format';

export type NoteBacklinksProps = (
  | { readonly entityId: EntityId; readonly passageId?: undefined }
  | { readonly passageId: PassageId; readonly entityId?: undefined }
) & {
  readonly onOpenNote: (id: NoteId) => void;
};

/**
 * The notes that mention an entity or quote a passage (from the references each save derives).
 * For an entity it is a section of its page, saying so when there are none; for a passage it is
 * a line under the passage, shown only when some note quotes it.
 */
export function NoteBacklinks(props: NoteBacklinksProps) {
  const { entityId, passageId, onOpenNote } = props;
  const found = useStorageQuery(
    (s) => (entityId !== undefined ? s.notes.mentioning(entityId) : s.notes.quoting(passageId)),
    [entityId, passageId],
  );
  const notes = found.status === 'ready' ? found.value : [];

  if (passageId !== undefined) {
    if (notes.length === 0) return null;
    return (
      <div className="cf-backlinks cf-backlinks--passage" aria-label="Quoted in notes" role="group">
        <span className="cf-muted">
          <NotebookPen size={13} aria-hidden="true" /> Quoted in
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
