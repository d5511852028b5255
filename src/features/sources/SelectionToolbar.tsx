import { Highlighter, MessageSquareText, NotebookPen, Scale, Tag } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type {
  CaseId,
  ClaimId,
  EntityId,
  NewClaimInput,
  NewEntityInput,
  NewPassageInput,
  NoteId,
  Passage,
  SourceId,
} from '../../core';
import { PASSAGE_COLOURS } from '../../db';
import { Button, TextArea } from '../../ui';
import { ClaimDialog } from '../claims';
import { EntityPicker } from '../entities';
import { QuoteInNoteDialog } from '../notebook';
import { useStorage } from '../storage';
import { DEFAULT_HIGHLIGHT_COLOUR, colourLook } from './passageAppearance';
import { registerSelectionActions } from './readerCommands';
import { offsetsFromSelection } from './textOffsets';

export interface SelectionToolbarProps {
  readonly caseId: CaseId;
  readonly sourceId: SourceId;
  /** The canonical text (the quote of the selection is cut from it). */
  readonly text: string;
  /** The rendered text view (CanonicalText's root). */
  readonly textRoot: HTMLElement;
  /** The positioned box the toolbar floats in (it scrolls with the text). */
  readonly container: HTMLElement;
  readonly onCreated: (passage: Passage) => void;
  /** The entities mentioned inside a range, in text order (to prefill a claim's subject and object). */
  readonly entitiesIn?: (start: number, end: number) => readonly EntityId[];
  /** A claim was recorded from the selection. */
  readonly onClaimCreated?: (id: ClaimId) => void;
  /** Opens a note; when given, the selection can be quoted in a note ("Quote in note…"). */
  readonly onOpenNote?: (id: NoteId) => void;
}

interface Pending {
  readonly start: number;
  readonly end: number;
  readonly top: number;
  readonly left: number;
}

type Mode = 'bar' | 'comment' | 'entity' | 'claim' | 'quote';

/** What the entity picker hands back: an entity of the case, or a new one to create with the mention. */
type EntityChoice = { readonly entityId: EntityId } | { readonly newEntity: NewEntityInput };

/** The colour the last highlight used: the next Highlight click reuses it. */
let lastColour: string = DEFAULT_HIGHLIGHT_COLOUR;

/** About the toolbar's width, to keep it inside the text box near the right edge. */
const TOOLBAR_WIDTH = 620;

/** Where to float the toolbar: just below the end of the selection, inside the container. */
function placeBelow(selection: Selection, container: HTMLElement): { top: number; left: number } {
  const range = selection.getRangeAt(0);
  if (typeof range.getClientRects !== 'function') return { top: 0, left: 0 };
  const rects = range.getClientRects();
  const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
  const box = container.getBoundingClientRect();
  const left = Math.max(8, Math.min(last.right - box.left - 40, box.width - TOOLBAR_WIDTH - 8));
  return { top: last.bottom - box.top + 8, left };
}

/**
 * The investigator's core gesture: select text, then highlight it, comment on it or tag it as a
 * mention of an entity. A small toolbar floats under the selection; Tab moves into it (its first
 * button), Escape closes it. Each action stores one passage through the repository, which builds
 * the W3C selectors from the stored text; a refusal is shown here and nothing is stored.
 */
export function SelectionToolbar({
  caseId,
  sourceId,
  text,
  textRoot,
  container,
  onCreated,
  entitiesIn,
  onClaimCreated,
  onOpenNote,
}: SelectionToolbarProps) {
  const { storage, changed } = useStorage();
  const [pending, setPending] = useState<Pending | null>(null);
  const [mode, setMode] = useState<Mode>('bar');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [colour, setColour] = useState(lastColour);
  const bar = useRef<HTMLDivElement>(null);
  const modeRef = useRef<Mode>('bar');
  useLayoutEffect(() => {
    modeRef.current = mode;
  }, [mode]);

  const close = useCallback(() => {
    setPending(null);
    setMode('bar');
    setError(null);
    setComment('');
  }, []);

  // Follow the selection: shown when a gesture ends with text selected in the view, hidden when
  // the selection goes away. While a form is open the selection may change freely.
  useEffect(() => {
    const doc = textRoot.ownerDocument;
    let pointerDown = false;
    let frame = 0;
    const update = () => {
      if (modeRef.current !== 'bar') return;
      const selection = doc.getSelection();
      const offsets = offsetsFromSelection(textRoot);
      if (!offsets || !selection) {
        // Focus in the toolbar, or in the command palette (to run "Tag selection" from there),
        // keeps the selection taken; the palette's field took the document's selection.
        const active = doc.activeElement;
        if (!bar.current?.contains(active) && !active?.closest('.cf-palette')) setPending(null);
        return;
      }
      setError(null);
      setPending({ ...offsets, ...placeBelow(selection, container) });
    };
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    const onSelectionChange = () => {
      // Mid-drag the toolbar would chase the pointer; it appears when the drag ends.
      if (!pointerDown) schedule();
    };
    const onPointerDown = (event: MouseEvent) => {
      if (!bar.current?.contains(event.target as Node)) pointerDown = true;
    };
    const onPointerUp = () => {
      if (!pointerDown) return;
      pointerDown = false;
      schedule();
    };
    const onKeyUp = (event: globalThis.KeyboardEvent) => {
      if (event.shiftKey || event.key === 'Shift') schedule();
    };
    doc.addEventListener('selectionchange', onSelectionChange);
    textRoot.addEventListener('mousedown', onPointerDown);
    doc.addEventListener('mouseup', onPointerUp);
    textRoot.addEventListener('mouseup', schedule);
    doc.addEventListener('keyup', onKeyUp);
    return () => {
      cancelAnimationFrame(frame);
      doc.removeEventListener('selectionchange', onSelectionChange);
      textRoot.removeEventListener('mousedown', onPointerDown);
      doc.removeEventListener('mouseup', onPointerUp);
      textRoot.removeEventListener('mouseup', schedule);
      doc.removeEventListener('keyup', onKeyUp);
    };
  }, [textRoot, container]);

  // With the bar open, Tab goes to its first button wherever focus was; Escape closes it.
  const open = pending !== null && mode === 'bar';
  useEffect(() => {
    if (!open) return;
    const doc = textRoot.ownerDocument;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const inside = bar.current?.contains(doc.activeElement) ?? false;
      // A dialog open meanwhile (editing a passage) keeps its own keys.
      if (doc.activeElement?.closest('[role="dialog"], [role="alertdialog"]')) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'Tab' && !event.shiftKey && !inside) {
        const first = bar.current?.querySelector<HTMLElement>('button:not([disabled])');
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    doc.addEventListener('keydown', onKeyDown, true);
    return () => doc.removeEventListener('keydown', onKeyDown, true);
  }, [open, textRoot, close]);

  // Alt+T / Alt+C (registry commands "Tag selection as entity", "New claim from selection").
  // Registered for as long as the reader is mounted, before paint, and enabled by the live
  // selection: a key pressed right after Shift+arrow must not wait for the toolbar to catch up.
  const pendingRef = useRef(pending);
  useLayoutEffect(() => {
    pendingRef.current = pending;
  }, [pending]);
  useLayoutEffect(
    () =>
      registerSelectionActions({
        available: () =>
          modeRef.current === 'bar' &&
          (offsetsFromSelection(textRoot) !== null || pendingRef.current !== null),
        run: (action) => {
          // The selection as it is now; without one (focus went to the palette) the shown one.
          const selection = textRoot.ownerDocument.getSelection();
          const offsets = offsetsFromSelection(textRoot);
          if (offsets && selection) setPending({ ...offsets, ...placeBelow(selection, container) });
          setError(null);
          setMode(action === 'tag' ? 'entity' : 'claim');
        },
      }),
    [textRoot, container],
  );

  if (!pending) return null;
  const quote = text.slice(pending.start, pending.end);

  async function create(
    input: Omit<NewPassageInput, 'sourceId' | 'start' | 'end'>,
  ): Promise<string | null> {
    if (!pending) return null;
    setBusy(true);
    const result = await storage.passages.create(caseId, {
      sourceId,
      start: pending.start,
      end: pending.end,
      ...input,
    });
    setBusy(false);
    if (!result.ok) return result.error.message;
    textRoot.ownerDocument.getSelection()?.removeAllRanges();
    close();
    changed();
    onCreated(result.value);
    return null;
  }

  async function highlight(chosen: string) {
    lastColour = chosen;
    setColour(chosen);
    setError(await create({ kind: 'highlight', colour: chosen }));
  }

  async function saveComment(event: FormEvent) {
    event.preventDefault();
    if (comment.trim() === '') {
      setError('Write the comment first.');
      return;
    }
    setError(await create({ kind: 'comment', note: comment.trim() }));
  }

  async function tag(choice: EntityChoice): Promise<string | null> {
    return create({ kind: 'mention', ...choice });
  }

  /** Arrow keys move along the toolbar (the ARIA toolbar pattern); Tab works too. */
  function onBarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const buttons = Array.from(
      bar.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? [],
    );
    const at = buttons.indexOf(event.target as HTMLElement);
    if (at === -1) return;
    event.preventDefault();
    const step = event.key === 'ArrowRight' ? 1 : -1;
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  }

  const position = { top: pending.top, left: pending.left };
  return (
    <>
      {mode === 'bar' ? (
        // Pressing a button must not move the selection; the offsets are already taken.
        <div
          ref={bar}
          className="cf-selbar"
          role="toolbar"
          aria-label="Selection"
          style={position}
          onMouseDown={(e) => e.preventDefault()}
          onKeyDown={onBarKeyDown}
        >
          <button
            type="button"
            className="cf-selbar__button"
            disabled={busy}
            onClick={() => void highlight(colour)}
            title={`Highlight in ${colourLook(colour).label.toLowerCase()}`}
          >
            <Highlighter size={15} aria-hidden="true" />
            Highlight
            <span className="cf-swatch" style={{ background: colourLook(colour).swatch }} />
          </button>
          <span className="cf-selbar__swatches" role="group" aria-label="Highlight colour">
            {PASSAGE_COLOURS.map((name) => (
              <button
                key={name}
                type="button"
                className="cf-selbar__swatch"
                disabled={busy}
                aria-label={`Highlight ${colourLook(name).label.toLowerCase()}`}
                title={`Highlight ${colourLook(name).label.toLowerCase()}`}
                onClick={() => void highlight(name)}
              >
                <span className="cf-swatch" style={{ background: colourLook(name).swatch }} />
              </button>
            ))}
          </span>
          <span className="cf-selbar__divider" aria-hidden="true" />
          <button
            type="button"
            className="cf-selbar__button"
            disabled={busy}
            onClick={() => {
              setError(null);
              setMode('comment');
            }}
          >
            <MessageSquareText size={15} aria-hidden="true" />
            Comment
          </button>
          <button
            type="button"
            className="cf-selbar__button"
            disabled={busy}
            aria-keyshortcuts="Alt+T"
            title="Tag as entity (Alt+T)"
            onClick={() => {
              setError(null);
              setMode('entity');
            }}
          >
            <Tag size={15} aria-hidden="true" />
            Tag as entity
          </button>
          <button
            type="button"
            className="cf-selbar__button"
            disabled={busy}
            aria-keyshortcuts="Alt+C"
            title="Record a claim with this text as its evidence (Alt+C)"
            onClick={() => {
              setError(null);
              setMode('claim');
            }}
          >
            <Scale size={15} aria-hidden="true" />
            Claim…
          </button>
          {onOpenNote ? (
            <button
              type="button"
              className="cf-selbar__button"
              disabled={busy}
              // Short on screen so the bar stays on one line; the name says where it goes.
              aria-label="Quote in note…"
              title="Quote this text in a note"
              onClick={() => {
                setError(null);
                setMode('quote');
              }}
            >
              <NotebookPen size={15} aria-hidden="true" />
              Quote…
            </button>
          ) : null}
          {error ? (
            <p role="alert" className="cf-selbar__error">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
      {mode === 'comment' ? (
        <form
          className="cf-selbar cf-selbar--form"
          aria-label="Comment on the selection"
          style={position}
          onSubmit={(e) => void saveComment(e)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <blockquote className="cf-selbar__quote">{quote}</blockquote>
          <TextArea
            label="Comment"
            autoFocus
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            error={error ?? undefined}
          />
          <div className="cf-selbar__actions">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={busy}>
              Save comment
            </Button>
          </div>
        </form>
      ) : null}
      {mode === 'entity' ? (
        <EntityPicker
          caseId={caseId}
          title="Tag as entity"
          initialName={quote}
          onPick={tag}
          onCancel={() => setMode('bar')}
        />
      ) : null}
      {mode === 'claim' ? (
        <ClaimDialog
          caseId={caseId}
          initial={claimStart(sourceId, pending, entitiesIn?.(pending.start, pending.end) ?? [])}
          onDone={(claimId) => {
            if (!claimId) {
              setMode('bar');
              return;
            }
            textRoot.ownerDocument.getSelection()?.removeAllRanges();
            close();
            onClaimCreated?.(claimId);
          }}
        />
      ) : null}
      {mode === 'quote' && onOpenNote ? (
        <QuoteInNoteDialog
          caseId={caseId}
          target={{ sourceId, start: pending.start, end: pending.end }}
          quote={quote}
          onClose={() => {
            textRoot.ownerDocument.getSelection()?.removeAllRanges();
            close();
          }}
          onOpenNote={onOpenNote}
          onPassageCreated={onCreated}
        />
      ) : null}
    </>
  );
}

/** A new claim from the selection: the range as evidence, the first two entities it mentions as subject and object. */
function claimStart(
  sourceId: SourceId,
  range: { readonly start: number; readonly end: number },
  mentioned: readonly EntityId[],
): Partial<NewClaimInput> {
  const [subjectId, objectId] = mentioned;
  return {
    newEvidence: [{ sourceId, start: range.start, end: range.end }],
    ...(subjectId ? { subjectId } : {}),
    ...(objectId ? { object: { kind: 'entity', entityId: objectId } } : {}),
  };
}
