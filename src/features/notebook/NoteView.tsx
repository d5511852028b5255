import { Copy, Trash2 } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import {
  parseNoteDocument,
  type Note,
  type NoteDocument,
  type NoteId,
  type NoteSummary,
} from '../../core';
import {
  NoteEditor,
  type NoteEditorHandle,
  type NoteReferenceResolver,
  type NoteSaveStatus,
} from '../../editor';
import type { Result } from '../../shared/result';
import { Banner, Button } from '../../ui';
import { useStorage, type QueryState } from '../storage';
import { claimLabel, type CaseReferences } from './caseReferences';
import { InsertPanel } from './InsertPanel';
import { registerOpenNote } from './openNotes';

export interface NoteViewProps {
  readonly summary: NoteSummary;
  readonly readOnly: boolean;
  readonly resolver: NoteReferenceResolver;
  readonly references: QueryState<CaseReferences>;
  /** Put the cursor in the title (a note just created). */
  readonly focusTitle: boolean;
  readonly onRename: (id: NoteId, title: string) => Promise<string | null>;
  readonly onDuplicate: (id: NoteId) => void;
  readonly onDelete: (summary: NoteSummary) => void;
  /** A content save committed (the list shows the new time without re-reading everything). */
  readonly onSaved: (id: NoteId, updatedAt: string) => void;
}

const STATUS_TEXT: Record<Exclude<NoteSaveStatus['state'], 'failed'>, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
};

/** Reads the note's content once per note: later saves come from the editor itself. */
function useNoteContent(id: NoteId): QueryState<Note | undefined> {
  const { storage } = useStorage();
  const [state, setState] = useState<{
    readonly id: NoteId;
    readonly query: QueryState<Note | undefined>;
  }>({ id, query: { status: 'loading' } });
  useEffect(() => {
    let current = true;
    storage.notes.get(id).then(
      (value) => current && setState({ id, query: { status: 'ready', value } }),
      (error: unknown) =>
        current &&
        setState({
          id,
          query: {
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [storage, id]);
  return state.id === id ? state.query : { status: 'loading' };
}

/**
 * One open note: its title (edited in place), save state, the editor, and the Insert panel. A note
 * whose stored content cannot be read is shown with the reason and never edited, so nothing
 * overwrites it.
 */
export function NoteView({
  summary,
  readOnly,
  resolver,
  references,
  focusTitle,
  onRename,
  onDuplicate,
  onDelete,
  onSaved,
}: NoteViewProps) {
  const { storage } = useStorage();
  const content = useNoteContent(summary.id);
  const [status] = useState(createStatusChannel);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const editor = useRef<NoteEditorHandle | null>(null);
  const noteId = summary.id;

  // React 19 ref callbacks may return their cleanup: the editor is registered while mounted.
  const attach = useCallback((handle: NoteEditorHandle | null) => {
    editor.current = handle;
    return handle ? registerOpenNote(handle) : undefined;
  }, []);

  const save = useCallback(
    async (document: NoteDocument): Promise<Result<unknown>> => {
      const saved = await storage.notes.saveContent(noteId, document);
      if (saved.ok) onSaved(noteId, saved.value.updatedAt);
      return saved;
    },
    [storage, noteId, onSaved],
  );

  // Parsed once per read: a long note is megabytes of JSON.
  const parsed = useMemo(
    () =>
      content.status === 'ready' && content.value
        ? parseNoteDocument(content.value.editorState)
        : undefined,
    [content],
  );
  const refs = references.status === 'ready' ? references.value : undefined;
  const editable = !readOnly && parsed?.ok === true;
  const opened = content.status === 'ready' ? content.value : undefined;
  const storedUpdatedAt = opened ? newest(opened.updatedAt, summary.updatedAt) : '';

  // The same element while nothing it shows changed, so a notice or an Insert-panel change does
  // not re-render the editor (React skips an identical element).
  const editorElement = useMemo(
    () =>
      opened && parsed?.ok ? (
        <NoteEditor
          ref={attach}
          noteId={noteId}
          storedUpdatedAt={storedUpdatedAt}
          initialDocument={parsed.value}
          readOnly={!editable}
          resolver={resolver}
          onSave={save}
          onStatusChange={status.set}
          onNotice={setNotice}
        />
      ) : null,
    [opened, parsed, attach, noteId, storedUpdatedAt, editable, resolver, save, status],
  );

  return (
    <article className="cf-notebook__open" aria-label={`Note: ${summary.title}`}>
      <header className="cf-notebook__note-head">
        <NoteTitle
          key={summary.title}
          title={summary.title}
          readOnly={readOnly}
          autoFocus={focusTitle}
          onRename={(title) => onRename(noteId, title)}
        />
        <SaveStatus channel={status} hidden={!editable} />
        {readOnly ? null : (
          <div className="cf-page__actions">
            <Button onClick={() => onDuplicate(noteId)}>
              <Copy size={14} aria-hidden="true" /> Duplicate
            </Button>
            <Button variant="danger" onClick={() => onDelete(summary)}>
              <Trash2 size={14} aria-hidden="true" /> Delete…
            </Button>
          </div>
        )}
      </header>
      {notice ? (
        <Banner tone="warning">
          <span className="cf-banner__row">
            <span>{notice}</span>
            <Button variant="ghost" onClick={() => setNotice(null)}>
              Dismiss
            </Button>
          </span>
        </Banner>
      ) : null}
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {content.status === 'loading' ? <p role="status">Opening note…</p> : null}
      {content.status === 'failed' ? (
        <Banner tone="error">Could not open the note: {content.message}</Banner>
      ) : null}
      {content.status === 'ready' && !content.value ? (
        <Banner tone="error">This note is no longer in the case: it may have been deleted.</Banner>
      ) : null}
      {parsed && !parsed.ok ? (
        <Banner tone="error">
          This note cannot be opened: {parsed.error.message} It is kept exactly as stored and cannot
          be edited here, so nothing is lost.
        </Banner>
      ) : null}
      {content.status === 'ready' && content.value && parsed?.ok ? (
        <div className={`cf-notebook__body${editable ? ' cf-notebook__body--insert' : ''}`}>
          <div className="cf-notebook__editor">{editorElement}</div>
          {editable ? (
            <InsertPanel
              passages={refs?.quotable ?? []}
              claims={refs?.claimList ?? []}
              onInsertPassage={(passage) => {
                setProblem(null);
                void resolver.quoteFor(passage.passageId).then((quote) => {
                  if (quote.ok) editor.current?.insertQuote(quote.value);
                  else setProblem(quote.error.message);
                });
              }}
              onInsertClaim={(claim) => editor.current?.insertClaim(claim.id, claimLabel(claim))}
            />
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

/**
 * The stored note's latest change: a rename after the content was read moves it on, and the
 * editor's recovery journal must be written against the version that will be stored.
 */
function newest(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * The save state, held outside React state: it flips at the first keystroke after each save, and
 * only the status line should re-render then, not the note and its editor.
 */
interface StatusChannel {
  readonly get: () => NoteSaveStatus;
  readonly set: (status: NoteSaveStatus) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

function createStatusChannel(): StatusChannel {
  let current: NoteSaveStatus = { state: 'saved' };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (status) => {
      current = status;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function SaveStatus({
  channel,
  hidden,
}: {
  readonly channel: StatusChannel;
  readonly hidden: boolean;
}) {
  const status = useSyncExternalStore(channel.subscribe, channel.get);
  const text =
    status.state === 'failed' ? `Couldn’t save: ${status.message}` : STATUS_TEXT[status.state];
  return (
    <p
      role="status"
      aria-live="polite"
      aria-label="Save status"
      className={`cf-notebook__status cf-notebook__status--${status.state}`}
      hidden={hidden}
    >
      {text}
    </p>
  );
}

/** The title, edited in place: saved on Enter or when leaving the field, Escape puts it back. */
function NoteTitle({
  title,
  readOnly,
  autoFocus,
  onRename,
}: {
  readonly title: string;
  readonly readOnly: boolean;
  readonly autoFocus: boolean;
  readonly onRename: (title: string) => Promise<string | null>;
}) {
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!autoFocus) return;
    input.current?.focus();
    input.current?.select();
  }, [autoFocus]);

  async function commit() {
    if (draft === title) return;
    setError(await onRename(draft));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape') {
      setDraft(title);
      setError(null);
    }
  }

  if (readOnly) return <h2 className="cf-notebook__title-text">{title}</h2>;
  return (
    <div className="cf-notebook__title">
      <input
        ref={input}
        className="cf-notebook__title-input"
        aria-label="Note title"
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'note-title-error' : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => void commit()}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <span id="note-title-error" role="alert" className="cf-field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
