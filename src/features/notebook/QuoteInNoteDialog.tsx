import { useState, type FormEvent } from 'react';
import {
  DEFAULT_NOTE_TITLE,
  appendToNoteDocument,
  emptyNoteDocument,
  evidenceQuoteJson,
  parseNoteDocument,
  validateNoteTitle,
  type CaseId,
  type Note,
  type NoteId,
  type Passage,
  type PassageId,
  type SourceId,
} from '../../core';
import { Button, Dialog, TextField } from '../../ui';
import { useStorage, useStorageQuery } from '../storage';
import { shortQuote } from './format';
import { flushOpenNotes } from './openNotes';

/** What to quote: a passage, or a range of a source's text to make one from. */
export type QuoteSource =
  | { readonly passageId: PassageId }
  | { readonly sourceId: SourceId; readonly start: number; readonly end: number };

export interface QuoteInNoteDialogProps {
  readonly caseId: CaseId;
  readonly target: QuoteSource;
  /** The words quoted, shown while choosing. */
  readonly quote: string;
  readonly onClose: () => void;
  readonly onOpenNote: (id: NoteId) => void;
  /** A passage was made from the range (only when the quote was added). */
  readonly onPassageCreated?: (passage: Passage) => void;
}

const NEW_NOTE = 'new';

/**
 * "Quote in note…": appends the passage as a quote at the end of a note of the case, or of a new
 * one, then offers to open it. A range becomes an evidence passage only if the quote is added;
 * if the note cannot take it, the passage is removed again and the note is left as it was.
 */
export function QuoteInNoteDialog({
  caseId,
  target,
  quote,
  onClose,
  onOpenNote,
  onPassageCreated,
}: QuoteInNoteDialogProps) {
  const { storage, changed } = useStorage();
  const notes = useStorageQuery((s) => s.notes.list(caseId), [caseId]);
  const [choice, setChoice] = useState<string | undefined>();
  const [title, setTitle] = useState(DEFAULT_NOTE_TITLE);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ readonly id: NoteId; readonly title: string } | null>(null);

  const list = notes.status === 'ready' ? notes.value : [];
  // The most recently changed note is the likeliest destination.
  const chosen = choice ?? list[0]?.id ?? NEW_NOTE;

  async function passageToQuote(): Promise<
    { passage: Passage; created: boolean } | { error: string }
  > {
    if ('passageId' in target) {
      const passage = await storage.passages.get(target.passageId);
      return passage ? { passage, created: false } : { error: 'That passage no longer exists.' };
    }
    const made = await storage.passages.create(caseId, {
      sourceId: target.sourceId,
      kind: 'evidence',
      start: target.start,
      end: target.end,
    });
    return made.ok ? { passage: made.value, created: true } : { error: made.error.message };
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const newTitle = chosen === NEW_NOTE ? validateNoteTitle(title) : undefined;
    if (newTitle && !newTitle.ok) {
      setError(newTitle.error.message);
      return;
    }
    setBusy(true);
    const failure = await addQuote(newTitle?.ok ? newTitle.value : undefined);
    setBusy(false);
    if (failure) setError(failure);
  }

  /** Returns an error message, or null once the quote is stored. */
  async function addQuote(newTitle: string | undefined): Promise<string | null> {
    // An open editor may hold newer content than storage: save it before appending to it.
    await flushOpenNotes();
    let existing: Note | undefined;
    if (newTitle === undefined) {
      existing = await storage.notes.get(chosen as NoteId);
      if (!existing) return 'That note no longer exists.';
    }
    const document = existing ? parseNoteDocument(existing.editorState) : undefined;
    if (document && !document.ok) {
      return `“${existing?.title}” cannot be read, so nothing was added to it: ${document.error.message}`;
    }
    const found = await passageToQuote();
    if ('error' in found) return found.error;
    const { passage, created } = found;
    const source = await storage.sources.get(passage.sourceId);
    const node = evidenceQuoteJson({
      passageId: passage.id,
      sourceId: passage.sourceId,
      quote: passage.quote.exact,
      sourceTitle: source?.title ?? 'Unknown source',
    });
    const saved =
      existing && document?.ok
        ? await storage.notes.saveContent(existing.id, appendToNoteDocument(document.value, [node]))
        : await storage.notes.create(caseId, {
            title: newTitle ?? DEFAULT_NOTE_TITLE,
            document: appendToNoteDocument(emptyNoteDocument(), [node]),
          });
    if (!saved.ok) {
      // Nothing half done: the passage made for this quote goes too.
      if (created) await storage.passages.delete(passage.id);
      return saved.error.message;
    }
    changed();
    if (created) onPassageCreated?.(passage);
    setDone({ id: saved.value.id, title: saved.value.title });
    return null;
  }

  if (done) {
    return (
      <Dialog
        title="Quote added"
        onClose={onClose}
        footer={
          <>
            <Button onClick={onClose}>Close</Button>
            <Button variant="primary" autoFocus onClick={() => onOpenNote(done.id)}>
              Open note
            </Button>
          </>
        }
      >
        <p role="status">The quote was added at the end of “{done.title}”.</p>
      </Dialog>
    );
  }

  return (
    <Dialog title="Quote in note" onClose={onClose} className="cf-dialog--wide">
      <form onSubmit={(e) => void add(e)} aria-label="Quote in note">
        <blockquote className="cf-notebook__quote cf-notebook__quote--dialog">
          {shortQuote(quote, 400)}
        </blockquote>
        <fieldset className="cf-fieldset cf-notebook__destinations">
          <legend>Add the quote at the end of</legend>
          {notes.status === 'loading' ? <p role="status">Loading notes…</p> : null}
          <ul className="cf-notebook__destination-list">
            {list.map((note) => (
              <li key={note.id}>
                <label>
                  <input
                    type="radio"
                    name="quote-destination"
                    value={note.id}
                    checked={chosen === note.id}
                    onChange={() => setChoice(note.id)}
                  />
                  {note.title}
                </label>
              </li>
            ))}
            <li>
              <label>
                <input
                  type="radio"
                  name="quote-destination"
                  value={NEW_NOTE}
                  checked={chosen === NEW_NOTE}
                  onChange={() => setChoice(NEW_NOTE)}
                />
                A new note
              </label>
            </li>
          </ul>
          {chosen === NEW_NOTE ? (
            <TextField
              label="Title of the new note"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          ) : null}
        </fieldset>
        {error ? (
          <p role="alert" className="cf-field__error">
            {error}
          </p>
        ) : null}
        <div className="cf-dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy || notes.status === 'loading'}>
            Add quote
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
