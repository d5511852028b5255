import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { HISTORY_MERGE_TAG, type LexicalEditor } from 'lexical';
import { startTransition, useEffect, useRef, type RefObject } from 'react';
import { parseNoteDocument, type NoteDocument } from '../../core';
import type { Result } from '../../shared/result';
import { noteDocumentFromEditor } from '../noteDocument';
import type { NoteSaveStatus } from '../types';

/** Quiet time after the last keystroke before a save. */
export const AUTOSAVE_DEBOUNCE_MS = 500;
/**
 * Longest a continuous stream of typing goes unsaved. Long, because serialising a very large note
 * takes tens of milliseconds and is best done in a pause (the recovery journal covers a close).
 */
export const AUTOSAVE_MAX_WAIT_MS = 30_000;

/** localStorage key of a note's recovery journal (written when the window goes away). */
export function noteJournalKey(noteId: string): string {
  return `casefile.noteJournal.${noteId}`;
}

/** What the journal holds: the document, and when it was written (ISO time). */
export interface NoteJournal {
  readonly writtenAt: string;
  readonly document: NoteDocument;
}

/**
 * The journal to apply when a note opens. One written after the stored note last changed holds
 * edits that never reached the database and is applied; an older one is stale (a later save
 * stored them, or the note changed since) and is removed. Comparing times, not a base version,
 * also keeps edits typed while a save was still running when the window went away.
 */
export function takeNoteJournal(noteId: string, storedUpdatedAt: string): NoteDocument | null {
  const key = noteJournalKey(noteId);
  let text: string | null;
  try {
    text = localStorage.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const journal = JSON.parse(text) as Partial<NoteJournal> | null;
    if (typeof journal?.writtenAt === 'string' && journal.writtenAt > storedUpdatedAt) {
      // Checked like stored content: a damaged journal must not replace the note.
      const document = parseNoteDocument(JSON.stringify(journal.document));
      if (document.ok) return document.value;
    }
  } catch {
    // Unreadable journal: treated as stale.
  }
  removeNoteJournal(noteId);
  return null;
}

export function removeNoteJournal(noteId: string): void {
  try {
    localStorage.removeItem(noteJournalKey(noteId));
  } catch {
    // Storage unavailable: nothing to remove.
  }
}

export interface AutosaveController {
  flush(): Promise<void>;
}

export interface AutosavePluginProps {
  readonly noteId: string;
  readonly storedUpdatedAt: string;
  readonly onSave: (document: NoteDocument) => Promise<Result<unknown>>;
  readonly onStatusChange?: ((status: NoteSaveStatus) => void) | undefined;
  /** Save once at mount (the document came from a recovery journal). */
  readonly saveAtOnce: boolean;
  readonly controllerRef: RefObject<AutosaveController | null>;
}

/** Runs `task` when the browser is idle (soon, at the latest), so a save never lands mid-keystroke. */
function whenIdle(task: () => void): void {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(task, { timeout: 1000 });
  } else {
    task();
  }
}

/**
 * Debounced autosave. Only content changes count (not selection moves); the document is
 * serialised when the debounce fires, never per keystroke. `saved` is reported only after
 * onSave resolved ok. When the window is hidden the pending edits are flushed; when it goes away
 * a recovery journal is written synchronously to localStorage, since an asynchronous IndexedDB
 * write may not finish.
 */
export function AutosavePlugin(props: AutosavePluginProps) {
  const [editor] = useLexicalComposerContext();
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const { noteId, saveAtOnce, controllerRef } = props;

  useEffect(() => {
    const session = createAutosave(editor, noteId, () => latest.current);
    controllerRef.current = session;
    if (saveAtOnce) {
      session.markDirty();
      void session.flush();
    }
    const stopListening = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      // Loading the note, registering node transforms: not the investigator's edits (as in
      // Lexical's OnChangePlugin).
      if (tags.has(HISTORY_MERGE_TAG)) return;
      session.markDirty();
    });
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void session.flush();
    };
    const onLeave = () => {
      session.writeJournal();
      void session.flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      stopListening();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      // Closing the note (or switching to another) saves what is pending.
      void session.flush();
      if (controllerRef.current === session) controllerRef.current = null;
    };
  }, [editor, noteId, saveAtOnce, controllerRef]);

  return null;
}

function createAutosave(editor: LexicalEditor, noteId: string, props: () => AutosavePluginProps) {
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstDirtyAt = 0;
  let inFlight: Promise<void> | null = null;
  let lastState: NoteSaveStatus['state'] | null = null;

  function report(status: NoteSaveStatus) {
    if (status.state === lastState && status.state !== 'failed') return;
    lastState = status.state;
    // A transition: the view's re-render for "Unsaved" must not delay the keystroke's paint.
    startTransition(() => props().onStatusChange?.(status));
  }

  function markDirty() {
    dirty = true;
    report({ state: 'unsaved' });
    const now = Date.now();
    if (timer === undefined) firstDirtyAt = now;
    else clearTimeout(timer);
    const wait = Math.min(
      AUTOSAVE_DEBOUNCE_MS,
      Math.max(0, firstDirtyAt + AUTOSAVE_MAX_WAIT_MS - now),
    );
    timer = setTimeout(() => {
      timer = undefined;
      whenIdle(() => void save());
    }, wait);
  }

  async function saveOnce(): Promise<void> {
    dirty = false;
    report({ state: 'saving' });
    const document = noteDocumentFromEditor(editor);
    let result: Result<unknown>;
    try {
      result = await props().onSave(document);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { ok: false, error: { code: 'note.save.failed', message } };
    }
    if (result.ok) {
      if (dirty) {
        report({ state: 'unsaved' });
      } else {
        removeNoteJournal(noteId);
        report({ state: 'saved' });
      }
    } else {
      dirty = true;
      report({ state: 'failed', message: result.error.message });
    }
  }

  async function save(): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    // One save at a time, in order: a later save must never be overtaken by an earlier one.
    while (inFlight) await inFlight;
    if (!dirty) return;
    const run = saveOnce().finally(() => {
      inFlight = null;
    });
    inFlight = run;
    await run;
  }

  async function flush(): Promise<void> {
    await save();
  }

  function writeJournal() {
    if (!dirty && !inFlight) return;
    try {
      const journal: NoteJournal = {
        writtenAt: new Date().toISOString(),
        document: noteDocumentFromEditor(editor),
      };
      localStorage.setItem(noteJournalKey(noteId), JSON.stringify(journal));
    } catch {
      // Quota exceeded or storage unavailable: the flush started alongside is all we can do.
    }
  }

  return { markDirty, flush, writeJournal };
}
