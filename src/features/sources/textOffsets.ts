/**
 * Mapping between the DOM of the rendered canonical text and offsets into that text.
 *
 * The text view renders each paragraph as an element with `data-start` / `data-end` (its range in
 * the canonical text) whose text content is exactly that slice; marks inside a paragraph only wrap
 * parts of it. Everything else in the view (page markers, the gaps between paragraphs) is not
 * canonical text. So a DOM point inside a paragraph is `data-start` plus the length of the text
 * before it, and a point outside every paragraph snaps to the nearest paragraph edge.
 */

export const PARAGRAPH_SELECTOR = '[data-start][data-end]';

export interface TextOffsets {
  readonly start: number;
  readonly end: number;
}

function paragraphsOf(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR));
}

function startOf(paragraph: HTMLElement): number {
  return Number(paragraph.dataset.start);
}

function endOf(paragraph: HTMLElement): number {
  return Number(paragraph.dataset.end);
}

/** The paragraph of the view that holds the DOM point, if any. */
function paragraphAt(root: HTMLElement, node: Node): HTMLElement | undefined {
  const element = node instanceof Element ? node : node.parentElement;
  const paragraph = element?.closest<HTMLElement>(PARAGRAPH_SELECTOR);
  return paragraph && root.contains(paragraph) ? paragraph : undefined;
}

/** -1, 0 or 1 as the paragraph's first point lies before, at or after the DOM point. */
function comparePoint(point: Range, paragraph: HTMLElement): number {
  return point.comparePoint(paragraph, 0);
}

/**
 * Offset of a DOM point. Inside a paragraph: exact. Elsewhere (a page marker, between paragraphs,
 * before or after the text): a start snaps forward to the next paragraph's start, an end snaps
 * back to the previous paragraph's end, so a selection dragged over a page marker still covers
 * the text on both sides and nothing else.
 */
function pointOffset(
  root: HTMLElement,
  paragraphs: readonly HTMLElement[],
  node: Node,
  offset: number,
  side: 'start' | 'end',
): number {
  const paragraph = paragraphAt(root, node);
  if (paragraph) {
    const before = document.createRange();
    before.setStart(paragraph, 0);
    before.setEnd(node, offset);
    return Math.min(startOf(paragraph) + before.toString().length, endOf(paragraph));
  }
  const point = document.createRange();
  point.setStart(node, offset);
  // First paragraph starting after the point (binary search in document order).
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePoint(point, paragraphs[mid]!) > 0) hi = mid;
    else lo = mid + 1;
  }
  if (side === 'start') {
    const next = paragraphs[lo];
    return next ? startOf(next) : endOf(paragraphs[paragraphs.length - 1]!);
  }
  const previous = paragraphs[lo - 1];
  return previous ? endOf(previous) : startOf(paragraphs[0]!);
}

/**
 * The canonical-text range a DOM range covers, or undefined when it covers no text of the view:
 * collapsed, wholly outside the view, or with neither end inside it (select-all over the page).
 */
export function offsetsFromRange(root: HTMLElement, range: Range): TextOffsets | undefined {
  if (range.collapsed) return undefined;
  const startInside = root.contains(range.startContainer);
  const endInside = root.contains(range.endContainer);
  if (!startInside && !endInside) return undefined;
  const paragraphs = paragraphsOf(root);
  if (paragraphs.length === 0) return undefined;
  const start = pointOffset(root, paragraphs, range.startContainer, range.startOffset, 'start');
  const end = pointOffset(root, paragraphs, range.endContainer, range.endOffset, 'end');
  return start < end ? { start, end } : undefined;
}

/** The offsets of the window's current selection inside the view, if it has any there. */
export function offsetsFromSelection(root: HTMLElement): TextOffsets | undefined {
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  return offsetsFromRange(root, selection.getRangeAt(0));
}

/** The DOM point of a canonical offset inside a paragraph: a text node and an offset in it. */
function domPoint(paragraph: HTMLElement, offset: number): { node: Node; offset: number } {
  let remaining = offset - startOf(paragraph);
  const walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining <= node.data.length) return { node, offset: remaining };
    remaining -= node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: paragraph, offset: 0 };
}

/**
 * A DOM range over canonical offsets `[start, end)`, for scrolling to a passage and flashing it.
 * Offsets in the gaps between paragraphs move inwards to the nearest text.
 */
export function rangeFromOffsets(root: HTMLElement, start: number, end: number): Range | undefined {
  const paragraphs = paragraphsOf(root);
  const first = paragraphs.find((p) => endOf(p) > start);
  const last = paragraphs.findLast((p) => startOf(p) < end);
  if (!first || !last || start >= end) return undefined;
  const from = domPoint(first, Math.max(start, startOf(first)));
  const to = domPoint(last, Math.min(end, endOf(last)));
  const range = root.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range.collapsed ? undefined : range;
}
