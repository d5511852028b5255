import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CanonicalText } from '../../../src/features/sources/CanonicalText';
import { blockViews, type TextBlock } from '../../../src/features/sources/textBlocks';
import {
  offsetsFromRange,
  offsetsFromSelection,
  rangeFromOffsets,
} from '../../../src/features/sources/textOffsets';

// Two pages; the second begins with the third paragraph, so a page marker sits before it.
const TEXT =
  'Kim Jong Nam was waiting to check in.\n\nTwo women approached him.\n\nHe asked staff for help.';
const BLOCKS: TextBlock[] = [
  { start: 0, end: 37, text: TEXT.slice(0, 37), page: 1 },
  { start: 39, end: 64, text: TEXT.slice(39, 64) },
  { start: 66, end: TEXT.length, text: TEXT.slice(66), page: 2 },
];

/** Renders the text with one highlight over "waiting to check", so paragraph 1 has marks. */
function renderText() {
  const views = blockViews(TEXT.length, BLOCKS, [
    { id: 'p1', kind: 'highlight', colour: 'yellow', note: '', start: 17, end: 33 },
  ]);
  const { container } = render(
    <div>
      <h2 id="outside">Heading outside the text</h2>
      <CanonicalText blocks={views} />
    </div>,
  );
  const root = container.querySelector<HTMLElement>('.cf-text')!;
  return { root, container };
}

/** The text node of `element` containing `needle`, and the offset of `needle` in it. */
function locate(root: HTMLElement, needle: string): { node: Text; offset: number } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf(needle);
    if (at !== -1) return { node, offset: at };
  }
  throw new Error(`"${needle}" is not in one text node`);
}

function rangeOver(root: HTMLElement, from: string, to: string, toInclusive = true): Range {
  const a = locate(root, from);
  const b = locate(root, to);
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset + (toInclusive ? to.length : 0));
  return range;
}

describe('mapping a DOM selection to canonical offsets', () => {
  it('maps a selection inside one paragraph', () => {
    const { root } = renderText();
    const offsets = offsetsFromRange(root, rangeOver(root, 'Kim Jong Nam', 'Kim Jong Nam'));
    expect(offsets).toEqual({ start: 0, end: 12 });
    expect(TEXT.slice(offsets!.start, offsets!.end)).toBe('Kim Jong Nam');
  });

  it('counts text inside marks, and selections that start or end inside a mark', () => {
    const { root } = renderText();
    // "check" is inside the mark; " in." is after it.
    const offsets = offsetsFromRange(root, rangeOver(root, 'check', 'in.'));
    expect(TEXT.slice(offsets!.start, offsets!.end)).toBe('check in.');
  });

  it('maps a selection across paragraphs and over a page marker', () => {
    const { root } = renderText();
    const offsets = offsetsFromRange(root, rangeOver(root, 'women', 'asked'));
    expect(offsets).toEqual({ start: TEXT.indexOf('women'), end: TEXT.indexOf('asked') + 5 });
    expect(TEXT.slice(offsets!.start, offsets!.end)).toBe('women approached him.\n\nHe asked');
  });

  it('snaps ends that fall in a page marker to the nearest text', () => {
    const { root } = renderText();
    const marker = root.querySelector('[aria-label="Page 2"]')!;
    const fromMarker = document.createRange();
    fromMarker.setStart(marker.firstChild!, 1);
    const end = locate(root, 'staff');
    fromMarker.setEnd(end.node, end.offset + 5);
    expect(offsetsFromRange(root, fromMarker)).toEqual({
      start: 66,
      end: TEXT.indexOf('staff') + 5,
    });

    const intoMarker = document.createRange();
    const start = locate(root, 'approached');
    intoMarker.setStart(start.node, start.offset);
    intoMarker.setEnd(marker.firstChild!, 2);
    expect(offsetsFromRange(root, intoMarker)).toEqual({
      start: TEXT.indexOf('approached'),
      end: 64,
    });
  });

  it('clips a selection that starts outside the text to the text', () => {
    const { root, container } = renderText();
    const range = document.createRange();
    range.setStart(container.querySelector('#outside')!.firstChild!, 0);
    const end = locate(root, 'Jong');
    range.setEnd(end.node, end.offset + 4);
    expect(offsetsFromRange(root, range)).toEqual({ start: 0, end: 8 });
  });

  it('ignores selections wholly outside the text, and empty ones', () => {
    const { root, container } = renderText();
    const heading = container.querySelector('#outside')!.firstChild!;
    const outside = document.createRange();
    outside.setStart(heading, 0);
    outside.setEnd(heading, 7);
    expect(offsetsFromRange(root, outside)).toBeUndefined();

    const collapsed = document.createRange();
    const at = locate(root, 'women');
    collapsed.setStart(at.node, at.offset);
    expect(offsetsFromRange(root, collapsed)).toBeUndefined();
  });

  it('reads the window selection', () => {
    const { root } = renderText();
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    expect(offsetsFromSelection(root)).toBeUndefined();
    selection.addRange(rangeOver(root, 'Two', 'women'));
    expect(offsetsFromSelection(root)).toEqual({ start: 39, end: 48 });
    selection.removeAllRanges();
  });

  it('turns offsets back into a DOM range over the same text', () => {
    const { root } = renderText();
    expect(rangeFromOffsets(root, 13, 33)?.toString()).toBe('was waiting to check');
    // Across paragraphs the gap is not in the DOM; the range spans both paragraphs.
    const across = rangeFromOffsets(root, 48, 71)!;
    expect(offsetsFromRange(root, across)).toEqual({ start: 48, end: 71 });
    expect(rangeFromOffsets(root, 37, 39)).toBeUndefined();
  });
});
