import { FilePlus2 } from 'lucide-react';
import type { NoteId, NoteSummary } from '../../core';
import { Button } from '../../ui';
import { formatUpdated } from './format';

export interface NoteListProps {
  /** Notes to show (already filtered), most recently updated first. */
  readonly notes: readonly NoteSummary[];
  /** How many notes the case has, whatever the search. */
  readonly total: number;
  /** False while the notes are being read or could not be read: "No notes yet" would be wrong. */
  readonly loaded?: boolean;
  readonly query: string;
  readonly onQueryChange: (query: string) => void;
  readonly selectedId: NoteId | undefined;
  readonly readOnly: boolean;
  readonly busy: boolean;
  readonly onOpen: (id: NoteId) => void;
  readonly onCreate: () => void;
}

/** The case's notes: search by title, New note, and one row per note (title, last change). */
export function NoteList({
  notes,
  total,
  loaded = true,
  query,
  onQueryChange,
  selectedId,
  readOnly,
  busy,
  onOpen,
  onCreate,
}: NoteListProps) {
  return (
    <aside className="cf-notebook__list" aria-label="Notes">
      <div className="cf-notebook__list-head">
        <h2>Notebook</h2>
        {readOnly ? null : (
          <Button variant="primary" onClick={onCreate} disabled={busy}>
            <FilePlus2 size={15} aria-hidden="true" /> New note
          </Button>
        )}
      </div>
      {total > 0 ? (
        <input
          type="search"
          className="cf-search cf-notebook__search"
          aria-label="Search notes by title"
          placeholder="Search notes by title"
          value={query}
          onChange={(event) => onQueryChange(event.target.value)}
        />
      ) : null}
      {!loaded ? null : total === 0 ? (
        <p className="cf-muted cf-notebook__hint">
          {readOnly ? 'This case has no notes.' : 'No notes yet.'}
        </p>
      ) : notes.length === 0 ? (
        <p className="cf-muted cf-notebook__hint">No note title contains “{query.trim()}”.</p>
      ) : (
        <ul className="cf-notebook__notes" aria-label="Notes by last change">
          {notes.map((note) => (
            <li key={note.id}>
              <button
                type="button"
                className="cf-notebook__note-link"
                aria-current={note.id === selectedId ? 'page' : undefined}
                onClick={() => onOpen(note.id)}
              >
                <span className="cf-notebook__note-title">{note.title}</span>
                <time className="cf-muted" dateTime={note.updatedAt}>
                  {formatUpdated(note.updatedAt)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
