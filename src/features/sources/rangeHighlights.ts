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

/** Scrolls the text so `[start, end)` is in the middle of the view and flashes it once. */
export function showRange(root: HTMLElement, start: number, end: number): boolean {
  const dom = rangeFromOffsets(root, start, end);
  if (!dom) return false;
  const node = dom.startContainer;
  const paragraph = (node instanceof Element ? node : node.parentElement)?.closest(
    PARAGRAPH_SELECTOR,
  );
  paragraph?.scrollIntoView?.({ block: 'center' });
  centreLongRange(dom);
  const highlights = registry();
  if (highlights) {
    highlights.set(FLASH_HIGHLIGHT, new Highlight(dom));
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => highlights.delete(FLASH_HIGHLIGHT), FLASH_MS);
  }
  return true;
}
