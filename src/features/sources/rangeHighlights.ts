import { PARAGRAPH_SELECTOR, rangeFromOffsets } from './textOffsets';

/**
 * Painting ranges of the text without touching its DOM: the CSS Custom Highlight API paints a
 * named set of ranges (styled with `::highlight(name)` in app.css). React keeps owning the marks;
 * a flash or the selected passage never forces a paragraph to re-render. Where the API is missing
 * (jsdom), nothing is painted; scrolling still works.
 */

export const FLASH_HIGHLIGHT = 'cf-flash';
export const SELECTED_HIGHLIGHT = 'cf-selected';
const FLASH_MS = 1600;

function registry(): HighlightRegistry | undefined {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
    ? CSS.highlights
    : undefined;
}

let flashTimer: ReturnType<typeof setTimeout> | undefined;

/** Paints `[start, end)` under `name` (replacing what it painted before); undefined clears it. */
export function paintRange(
  root: HTMLElement,
  name: string,
  range: { readonly start: number; readonly end: number } | undefined,
): void {
  const highlights = registry();
  if (!highlights) return;
  const dom = range ? rangeFromOffsets(root, range.start, range.end) : undefined;
  if (dom) highlights.set(name, new Highlight(dom));
  else highlights.delete(name);
}

/** The nearest ancestor that scrolls vertically. */
function scrollerOf(element: Element | null): Element | undefined {
  for (let at = element?.parentElement; at; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && at.scrollHeight > at.clientHeight) {
      return at;
    }
  }
  return undefined;
}

/**
 * In a paragraph taller than the view, centring the paragraph can leave the passage off screen:
 * then scroll by the range's own position.
 */
function centreLongRange(dom: Range): void {
  if (typeof dom.getBoundingClientRect !== 'function') return;
  const rect = dom.getBoundingClientRect();
  const node = dom.startContainer;
  const scroller = scrollerOf(node instanceof Element ? node : node.parentElement);
  if (!scroller || rect.height === 0) return;
  const view = scroller.getBoundingClientRect();
  if (rect.top >= view.top && rect.bottom <= view.bottom) return;
  scroller.scrollTop += rect.top - (view.top + view.height / 2 - rect.height / 2);
}

/** Frames after a scroll during which a range is kept centred while the layout settles. */
const SETTLE_FRAMES = 12;

/**
 * Keeps a range that was just scrolled to in the middle half of its scroller for a few frames:
 * paragraphs skipped by content-visibility get their real height only once near the view, which
 * can push the range towards an edge after the scroll. Stops early if something else (the user)
 * scrolls. Returns a function that stops it.
 */
export function keepRangeCentred(dom: AbstractRange): () => void {
  const node = dom.startContainer;
  const scroller = scrollerOf(node instanceof Element ? node : node.parentElement);
  if (!scroller || typeof requestAnimationFrame !== 'function') return () => undefined;
  const range = node.ownerDocument!.createRange();
  range.setStart(dom.startContainer, dom.startOffset);
  range.setEnd(dom.endContainer, dom.endOffset);
  let expected = scroller.scrollTop;
  let frame = 0;
  let left = SETTLE_FRAMES;
  const check = () => {
    if (Math.abs(scroller.scrollTop - expected) > 1 || left-- === 0) return;
    const rect = range.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    const margin = view.height / 4;
    if (rect.height > 0 && (rect.top < view.top + margin || rect.bottom > view.bottom - margin)) {
      scroller.scrollTop += rect.top - (view.top + view.height / 2 - rect.height / 2);
      expected = scroller.scrollTop;
    }
    frame = requestAnimationFrame(check);
  };
  frame = requestAnimationFrame(check);
  return () => cancelAnimationFrame(frame);
}

/** Scrolls the text so `[start, end)` is in the middle of the view; undefined when not drawn yet. */
export function scrollToRange(root: HTMLElement, start: number, end: number): Range | undefined {
  const dom = rangeFromOffsets(root, start, end);
  if (!dom) return undefined;
  const node = dom.startContainer;
  const paragraph = (node instanceof Element ? node : node.parentElement)?.closest(
    PARAGRAPH_SELECTOR,
  );
  paragraph?.scrollIntoView?.({ block: 'center' });
  centreLongRange(dom);
  return dom;
}

/** Scrolls the text so `[start, end)` is in the middle of the view and flashes it once. */
export function showRange(root: HTMLElement, start: number, end: number): boolean {
  const dom = scrollToRange(root, start, end);
  if (!dom) return false;
  const highlights = registry();
  if (highlights) {
    highlights.set(FLASH_HIGHLIGHT, new Highlight(dom));
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => highlights.delete(FLASH_HIGHLIGHT), FLASH_MS);
  }
  return true;
}
