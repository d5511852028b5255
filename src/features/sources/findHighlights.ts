import { PARAGRAPH_SELECTOR } from './textOffsets';

/**
 * Painting "find in this source" matches with the CSS Custom Highlight API, as rangeHighlights.ts
 * paints the selected passage: React keeps owning the text and its passage marks, so thousands of
 * matches never re-render a paragraph, and passage marks, clicks and selections work as before.
 * Every match is painted under FIND_HIGHLIGHT, the current one also under FIND_CURRENT_HIGHLIGHT
 * (styled `::highlight(cf-find)` / `::highlight(cf-find-current)` in find.css).
 *
 * Ranges are StaticRanges: live Ranges are updated by the browser on every DOM change, which
 * would make each later drawing pass of a long text pay for every match. A paragraph that React
 * redraws invalidates its static ranges, so the caller repaints whenever the text view changes.
 */

export const FIND_HIGHLIGHT = 'cf-find';
export const FIND_CURRENT_HIGHLIGHT = 'cf-find-current';

interface Span {
  readonly start: number;
  readonly end: number;
}

function registry(): HighlightRegistry | undefined {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
    ? CSS.highlights
    : undefined;
}

/** A DOM point: a text node (or an element, for an empty paragraph) and an offset in it. */
interface Point {
  readonly node: Node;
  readonly offset: number;
}

/**
 * Maps ascending canonical offsets to DOM points in one forward walk over the drawn paragraphs
 * and their text nodes. `start` points in a gap between paragraphs move to the next paragraph's
 * start, `end` points to the previous paragraph's end. Undefined past the last drawn paragraph.
 */
class PointWalker {
  private readonly paragraphs: HTMLElement[];
  private index = 0;
  private walker: TreeWalker | undefined;
  private node: Text | null = null;
  /** Canonical offset where `node` starts. */
  private nodeStart = 0;

  constructor(root: HTMLElement) {
    this.paragraphs = Array.from(root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR));
  }

  point(offset: number, side: 'start' | 'end'): Point | undefined {
    // Move to the paragraph holding the offset (or the first one after it).
    while (this.index < this.paragraphs.length && this.endOf(this.index) < offset) {
      this.index++;
      this.walker = undefined;
    }
    let paragraph = this.paragraphs[this.index];
    if (!paragraph) return undefined;
    let at = offset;
    const start = Number(paragraph.dataset.start);
    if (at < start) {
      if (side === 'end') {
        const previous = this.paragraphs[this.index - 1];
        if (!previous) return undefined;
        return this.lastPointOf(previous);
      }
      at = start;
    } else if (side === 'start' && at === this.endOf(this.index)) {
      // A start at a paragraph's very end belongs to the next paragraph.
      const next = this.paragraphs[this.index + 1];
      if (!next) return undefined;
      this.index++;
      this.walker = undefined;
      paragraph = next;
      at = Number(next.dataset.start);
    }
    if (!this.walker) {
      this.walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      this.node = this.walker.nextNode() as Text | null;
      this.nodeStart = Number(paragraph.dataset.start);
    }
    while (this.node && this.nodeStart + this.node.data.length < at) {
      this.nodeStart += this.node.data.length;
      this.node = this.walker.nextNode() as Text | null;
    }
    if (!this.node) return this.lastPointOf(paragraph);
    // A start at a node's very end is better placed at the next node's start (same position).
    if (side === 'start' && this.nodeStart + this.node.data.length === at) {
      const next = this.walker.nextNode() as Text | null;
      if (next) {
        this.nodeStart += this.node.data.length;
        this.node = next;
      } else {
        this.walker.previousNode();
      }
    }
    return { node: this.node, offset: at - this.nodeStart };
  }

  private endOf(index: number): number {
    return Number(this.paragraphs[index]!.dataset.end);
  }

  private lastPointOf(paragraph: HTMLElement): Point {
    const walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
    return last ? { node: last, offset: last.data.length } : { node: paragraph, offset: 0 };
  }
}

function staticRange(from: Point, to: Point): AbstractRange {
  const init = {
    startContainer: from.node,
    startOffset: from.offset,
    endContainer: to.node,
    endOffset: to.offset,
  };
  if (typeof StaticRange === 'function') return new StaticRange(init);
  const range = from.node.ownerDocument!.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/**
 * DOM ranges for sorted, non-overlapping canonical ranges, as far as the text is drawn. Linear
 * in the drawn text plus the ranges.
 */
export function domRanges(root: HTMLElement, spans: readonly Span[]): AbstractRange[] {
  const walker = new PointWalker(root);
  const out: AbstractRange[] = [];
  for (const span of spans) {
    if (span.start >= span.end) continue;
    const from = walker.point(span.start, 'start');
    if (!from) break;
    const to = walker.point(span.end, 'end');
    if (!to) break;
    if (from.node === to.node && from.offset >= to.offset) continue;
    out.push(staticRange(from, to));
  }
  return out;
}

/**
 * Paints every match, replacing what was painted before (no matches clears it). Returns how
 * many are painted: those in paragraphs drawn so far.
 */
export function paintFindMatches(root: HTMLElement, matches: readonly Span[]): number {
  const highlights = registry();
  if (!highlights) return 0;
  if (matches.length === 0) {
    highlights.delete(FIND_HIGHLIGHT);
    return 0;
  }
  const all = domRanges(root, matches);
  highlights.set(FIND_HIGHLIGHT, new Highlight(...all));
  return all.length;
}

/** Paints the current match on top of the others (undefined clears it). */
export function paintCurrentMatch(root: HTMLElement, current: Span | undefined): void {
  const highlights = registry();
  if (!highlights) return;
  const [range] = current ? domRanges(root, [current]) : [];
  if (!range) {
    highlights.delete(FIND_CURRENT_HIGHLIGHT);
    return;
  }
  const highlight = new Highlight(range);
  // Drawn above the other matches and the selected passage.
  highlight.priority = 2;
  highlights.set(FIND_CURRENT_HIGHLIGHT, highlight);
}

export function clearFindMatches(): void {
  const highlights = registry();
  highlights?.delete(FIND_HIGHLIGHT);
  highlights?.delete(FIND_CURRENT_HIGHLIGHT);
}
