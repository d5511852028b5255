import {
  Fragment,
  memo,
  startTransition,
  useEffect,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { BlockView } from './textBlocks';

export interface CanonicalTextProps {
  readonly blocks: readonly BlockView[];
  readonly textRef?: Ref<HTMLDivElement>;
  /** A click on a mark (not the end of a selection): the ids of the passages under it. */
  readonly onMarkClick?: (ids: readonly string[]) => void;
  /** A text offset that must be drawn in the first pass (a deep-linked passage). */
  readonly firstShow?: number | undefined;
  /** After each pass: how many paragraphs are drawn, and whether that is all of them. */
  readonly onProgress?: (drawn: number, complete: boolean) => void;
}

/** Characters drawn in the first pass: several screens, so the reader is usable at once. */
export const FIRST_PASS_CHARS = 24_000;
/** Characters drawn per later pass, each a low-priority update the browser can interrupt. */
const LATER_PASS_CHARS = 120_000;

/** How many blocks from `from` cover `chars` characters (at least one), or reach `offset`. */
function blocksFor(blocks: readonly BlockView[], from: number, chars: number, offset = -1): number {
  let end = from;
  let covered = 0;
  while (end < blocks.length && (covered < chars || (blocks[end]?.start ?? 0) <= offset)) {
    covered += blocks[end]!.text.length;
    end++;
  }
  return Math.max(end, Math.min(from + 1, blocks.length));
}

/**
 * The canonical text, paragraph by paragraph, with a marker where each PDF page begins and flat
 * marks for passages. Every paragraph carries its range (`data-start`/`data-end`) so a DOM
 * selection maps back to offsets (textOffsets.ts). Paragraphs are memoised on what they show, so
 * adding a passage redraws only the paragraphs it touches, and selecting text redraws nothing.
 *
 * A long text is drawn in passes: the first screens at once, the rest in low-priority updates
 * (React transitions) that never block input. Once drawn, every paragraph stays in the DOM (the
 * browser skips painting those off screen: content-visibility), so find-in-page and selections
 * across paragraphs work as in any document.
 */
export const CanonicalText = memo(function CanonicalText({
  blocks,
  textRef,
  onMarkClick,
  firstShow,
  onProgress,
}: CanonicalTextProps) {
  const [drawn, setDrawn] = useState(() => blocksFor(blocks, 0, FIRST_PASS_CHARS, firstShow));
  const complete = drawn >= blocks.length;

  useEffect(() => {
    onProgress?.(Math.min(drawn, blocks.length), complete);
    if (complete) return;
    // A macrotask first, so the browser paints the first pass before the next one starts.
    const next = setTimeout(() =>
      startTransition(() => setDrawn((n) => blocksFor(blocks, n, LATER_PASS_CHARS))),
    );
    return () => clearTimeout(next);
  }, [drawn, complete, blocks, onProgress]);

  function onClick(event: MouseEvent<HTMLDivElement>) {
    if (!onMarkClick) return;
    const selection = event.currentTarget.ownerDocument.getSelection();
    // The click that ends a drag-selection is not a click on a mark.
    if (selection && !selection.isCollapsed) return;
    const mark = (event.target as Element).closest?.('mark[data-passages]');
    const ids = mark?.getAttribute('data-passages');
    if (ids) onMarkClick(ids.split(' '));
  }
  return (
    // Clicking a mark is a shortcut; every passage is reachable from the list by keyboard too.
    // Focusable, so text can be selected from the keyboard (moveSelectionByKey).
    <div
      className="cf-text"
      aria-label="Extracted text"
      aria-busy={complete ? undefined : true}
      ref={textRef}
      tabIndex={0}
      onClick={onClick}
      onKeyDown={moveSelectionByKey}
    >
      {(complete ? blocks : blocks.slice(0, drawn)).map((block) => (
        <Paragraph key={block.start} block={block} />
      ))}
    </div>
  );
});

const CARET_MOVES: Readonly<
  Record<string, readonly ['forward' | 'backward', 'character' | 'line' | 'lineboundary']>
> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
  End: ['forward', 'lineboundary'],
  Home: ['backward', 'lineboundary'],
};

/**
 * Keyboard selection in the (read-only) text, as in an editor: Shift+arrows extend the selection
 * (with Ctrl, or ⌥ on macOS, by word), Shift+Home/End to the line's ends; arrows alone move the
 * collapsed selection once there is one. The selection starts from the current one (e.g. a find
 * match chosen with Alt+Enter) or, with none, at the first paragraph in view. Without a selection
 * in the text, plain arrows keep scrolling.
 */
function moveSelectionByKey(event: KeyboardEvent<HTMLDivElement>) {
  const move = CARET_MOVES[event.key];
  if (!move) return;
  const root = event.currentTarget;
  const selection = root.ownerDocument.getSelection();
  if (!selection || typeof selection.modify !== 'function') return;
  const inside = selection.rangeCount > 0 && root.contains(selection.anchorNode);
  if (!inside) {
    if (!event.shiftKey) return;
    const first = firstParagraphInView(root);
    if (!first) return;
    selection.collapse(first, 0);
  }
  const byWord = event.altKey || event.ctrlKey || event.metaKey;
  const [direction, unit] = move;
  event.preventDefault();
  selection.modify(
    event.shiftKey ? 'extend' : 'move',
    direction,
    byWord && unit === 'character' ? 'word' : unit,
  );
}

function firstParagraphInView(root: HTMLElement): HTMLElement | undefined {
  const paragraphs = Array.from(root.querySelectorAll<HTMLElement>('.cf-text__block'));
  const top = root.getBoundingClientRect().top;
  return paragraphs.find((p) => p.getBoundingClientRect().bottom > top) ?? paragraphs[0];
}

const Paragraph = memo(
  function Paragraph({ block }: { readonly block: BlockView }) {
    const children: ReactNode[] = [];
    let at = block.start;
    for (const mark of block.marks) {
      if (mark.start > at) {
        children.push(block.text.slice(at - block.start, mark.start - block.start));
      }
      children.push(
        <mark
          key={mark.start}
          className={mark.className}
          style={mark.style}
          title={mark.title}
          data-passages={mark.ids.join(' ')}
        >
          {block.text.slice(mark.start - block.start, mark.end - block.start)}
        </mark>,
      );
      at = mark.end;
    }
    if (at < block.end) children.push(block.text.slice(at - block.start));
    return (
      <Fragment>
        {block.page !== undefined ? (
          <div className="cf-page-marker" role="separator" aria-label={`Page ${block.page}`}>
            p. {block.page}
          </div>
        ) : null}
        <p className="cf-text__block" data-start={block.start} data-end={block.end}>
          {children}
        </p>
      </Fragment>
    );
  },
  (before, after) =>
    before.block.signature === after.block.signature &&
    before.block.start === after.block.start &&
    before.block.page === after.block.page &&
    before.block.text === after.block.text,
);
