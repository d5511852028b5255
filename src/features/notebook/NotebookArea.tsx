import { useCallback, useMemo, useState } from 'react';
import {
  noteTitleMatches,
  type CaseId,
  type ClaimId,
  type EntityId,
  type Note,
  type NoteId,
  type NoteSummary,
  type PassageId,
  type SourceId,
} from '../../core';
import { Banner, Button, ConfirmDialog, ResizeHandle, useResizablePane } from '../../ui';
import { useStorage, useStorageQuery } from '../storage';
import { NoteList } from './NoteList';
import { NoteView } from './NoteView';
import { flushOpenNotes } from './openNotes';
import { useNoteResolver } from './useNoteResolver';

/** A note's row in the list: everything but its content. */
function summaryOf(note: Note): NoteSummary {
  const { editorState: _content, ...summary } = note;
  return summary;
}

export interface NotebookAreaProps {
  readonly caseId: CaseId;
  /** The open note (route state). */
  readonly noteId: NoteId | undefined;
  readonly readOnly: boolean;
  readonly onOpenNote: (id: NoteId | undefined) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
}

/**
 * The case's notebook: the notes (search by title, New note) beside the open note (title, save
 * state, the editor, and the passages and claims to insert). Create, rename, duplicate and delete
 * call `changed()`; content saves do not (every view would re-read while the investigator types).
 */
export function NotebookArea({
  caseId,
  noteId,
  readOnly,
  onOpenNote,
  onOpenEntity,
  onOpenPassage,
  onOpenClaim,
}: NotebookAreaProps) {
  const { storage, changed } = useStorage();
  const listed = useStorageQuery((s) => s.notes.list(caseId), [caseId]);
  const listPane = useResizablePane({
    caseId,
    pane: 'notebook.list',
    defaultSize: 224,
    min: 176,
    max: 480,
  });
  const { resolver, references } = useNoteResolver(
    caseId,
    { onOpenEntity, onOpenPassage, onOpenClaim },
    noteId !== undefined,
  );
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<NoteSummary | null>(null);
  const [justCreated, setJustCreated] = useState<NoteId | null>(null);
  // Times of saves made here since the list was read (content saves do not re-read the list).
  const [savedAt, setSavedAt] = useState<ReadonlyMap<NoteId, string>>(new Map());
  // Notes made here, shown (and opened) before the list has been read again.
  const [created, setCreated] = useState<readonly NoteSummary[]>([]);

  const stored = useMemo(() => {
    if (listed.status !== 'ready') return undefined;
    const ids = new Set(listed.value.map((n) => n.id));
    const fresh = created.filter((n) => n.caseId === caseId && !ids.has(n.id));
    return [...listed.value, ...fresh];
  }, [listed, created, caseId]);
  // As listed: with the time of saves made since the list was read.
  const notes = useMemo(
    () =>
      (stored ?? [])
        .map((note) => {
          const at = savedAt.get(note.id);
          return at && at > note.updatedAt ? { ...note, updatedAt: at } : note;
        })
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    [stored, savedAt],
  );
  const shown = useMemo(
    () => notes.filter((n) => noteTitleMatches(n.title, query)),
    [notes, query],
  );
  // The open note as read (not re-made at each save, so the note view does not re-render then).
  const open = noteId ? stored?.find((n) => n.id === noteId) : undefined;

  const onSaved = useCallback((id: NoteId, updatedAt: string) => {
    setSavedAt((map) => new Map(map).set(id, updatedAt));
  }, []);

  async function create() {
    setBusy(true);
    setProblem(null);
    const made = await storage.notes.create(caseId);
    setBusy(false);
    if (!made.ok) {
      setProblem(`Could not create a note: ${made.error.message}`);
      return;
    }
    setCreated((list) => [...list, summaryOf(made.value)]);
    changed();
    setQuery('');
    setJustCreated(made.value.id);
    onOpenNote(made.value.id);
  }

  async function rename(id: NoteId, title: string): Promise<string | null> {
    const renamed = await storage.notes.rename(id, title);
    if (!renamed.ok) return renamed.error.message;
    changed();
    return null;
  }

  async function duplicate(id: NoteId) {
    setProblem(null);
    // The copy takes the content as stored: save what is still being typed first.
    await flushOpenNotes();
    const copy = await storage.notes.duplicate(id);
    if (!copy.ok) {
      setProblem(`Could not duplicate the note: ${copy.error.message}`);
      return;
    }
    setCreated((list) => [...list, summaryOf(copy.value)]);
    changed();
    onOpenNote(copy.value.id);
  }

  return (
    <div
      className="cf-notebook cf-split"
      style={listPane.style}
      role="region"
      aria-label="Notebook"
    >
      <ResizeHandle pane={listPane} label="Resize the notes list" side="start" />
      <NoteList
        notes={shown}
        total={notes.length}
        loaded={listed.status === 'ready'}
        query={query}
        onQueryChange={setQuery}
        selectedId={noteId}
        readOnly={readOnly}
        busy={busy}
        onOpen={onOpenNote}
        onCreate={() => void create()}
      />
      <div className="cf-notebook__main">
        {problem ? <Banner tone="error">{problem}</Banner> : null}
        {listed.status === 'loading' ? <p role="status">Loading notes…</p> : null}
        {listed.status === 'failed' ? (
          <Banner tone="error">Could not read the notes: {listed.message}</Banner>
        ) : null}
        {listed.status === 'ready' && noteId && !open ? (
          <div className="cf-empty">
            <h3>Note not found</h3>
            <p>It may have been deleted.</p>
            <Button onClick={() => onOpenNote(undefined)}>Close</Button>
          </div>
        ) : null}
        {listed.status === 'ready' && !noteId ? (
          <div className="cf-empty cf-notebook__empty">
            <h3>{notes.length === 0 ? 'Start the case notebook' : 'Choose a note'}</h3>
            <p>
              Write running notes, interview notes or the draft assessment. Type @ to mention an
              entity, drag a passage in to quote it with its source, or embed a claim to show its
              grade and status as they change.
            </p>
            {readOnly ? null : (
              <Button variant="primary" onClick={() => void create()} disabled={busy}>
                New note
              </Button>
            )}
          </div>
        ) : null}
        {open ? (
          <NoteView
            key={open.id}
            summary={open}
            readOnly={readOnly}
            resolver={resolver}
            references={references}
            focusTitle={justCreated === open.id}
            onRename={rename}
            onDuplicate={(id) => void duplicate(id)}
            onDelete={setDeleting}
            onSaved={onSaved}
          />
        ) : null}
      </div>
      {deleting ? (
        <ConfirmDialog
          title="Delete note?"
          confirmLabel="Delete note"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await flushOpenNotes();
            const deleted = await storage.notes.delete(deleting.id);
            if (!deleted.ok) return deleted.error.message;
            setCreated((list) => list.filter((n) => n.id !== deleting.id));
            setDeleting(null);
            changed();
            if (noteId === deleting.id) onOpenNote(undefined);
            return null;
          }}
        >
          <p>
            “{deleting.title}” will be deleted. The passages, entities and claims it refers to stay
            in the case.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
