import { render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPE_INFO, asCaseId, asSourceId } from '../../../src/core';
import { CanonicalText, FIRST_PASS_CHARS } from '../../../src/features/sources/CanonicalText';
import {
  blockViews,
  innermost,
  pageAt,
  textBlocks,
  type PlacedLook,
  type TextBlock,
} from '../../../src/features/sources/textBlocks';
import { aSourceContent } from '../../fixtures/builders';

const TEXT = 'Kim Jong Nam died at the airport.\n\nPolice arrested two women.';
const BLOCKS: TextBlock[] = [
  { start: 0, end: 33, text: TEXT.slice(0, 33) },
  { start: 35, end: TEXT.length, text: TEXT.slice(35) },
];

const mention: PlacedLook = {
  id: 'mention',
  kind: 'mention',
  note: '',
  entityName: 'Kim Jong Nam',
  entityType: 'Person',
  start: 0,
  end: 12,
};
const highlight: PlacedLook = {
  id: 'highlight',
  kind: 'highlight',
  colour: 'green',
  note: '',
  start: 4,
  end: 17,
};
const comment: PlacedLook = {
  id: 'comment',
  kind: 'comment',
  note: 'Check the autopsy report',
  start: 25,
  end: 50,
};

function marksOf(container: HTMLElement) {
  return Array.from(container.querySelectorAll('mark'));
}

describe('drawing passages on the text', () => {
  it('renders overlapping passages as flat marks, each knowing every passage over it', () => {
    const views = blockViews(TEXT.length, BLOCKS, [highlight, mention]);
    const { container } = render(<CanonicalText blocks={views} />);

    expect(container.querySelectorAll('mark mark')).toHaveLength(0);
    expect(marksOf(container).map((m) => [m.textContent, m.dataset.passages])).toEqual([
      ['Kim ', 'mention'],
      ['Jong Nam', 'mention highlight'],
      [' died', 'highlight'],
    ]);
    // The text itself is untouched by the marks.
    expect(container.querySelector('p')?.textContent).toBe(TEXT.slice(0, 33));
  });

  it('gives each kind its own channel: fill for highlights, underline for mentions and comments', () => {
    const views = blockViews(TEXT.length, BLOCKS, [highlight, mention, comment]);
    const { container } = render(<CanonicalText blocks={views} />);
    const [mentionOnly, both, highlightOnly] = marksOf(container);

    expect(mentionOnly?.className).toContain('cf-mark--mention');
    expect(mentionOnly?.style.boxShadow).toContain('inset 0 -2px 0');
    expect(mentionOnly?.title).toBe('Kim Jong Nam (Person)');

    expect(both?.className).toContain('cf-mark--overlap');
    expect(both?.style.backgroundImage).toContain('linear-gradient');
    expect(both?.style.boxShadow).not.toBe('');
    expect(both?.title).toBe('Kim Jong Nam (Person)\nHighlight');

    expect(highlightOnly?.style.boxShadow).toBe('');
    expect(highlightOnly?.style.backgroundImage).toContain('linear-gradient');

    const commented = marksOf(container).filter((m) => m.dataset.passages === 'comment');
    expect(commented.map((m) => m.textContent)).toEqual(['airport.', 'Police arrested']);
    expect(commented[0]?.style.textDecorationStyle).toBe('dotted');
    expect(commented[0]?.title).toBe('Comment: Check the autopsy report');
  });

  it('splits a passage across paragraphs into one mark per paragraph', () => {
    const views = blockViews(TEXT.length, BLOCKS, [comment]);
    expect(views.map((v) => v.marks.map((m) => [m.start, m.end]))).toEqual([
      [[25, 33]],
      [[35, 50]],
    ]);
  });

  it('changes a paragraph signature only when what it shows changes', () => {
    const before = blockViews(TEXT.length, BLOCKS, [mention]);
    const same = blockViews(TEXT.length, BLOCKS, [mention]);
    const added = blockViews(TEXT.length, BLOCKS, [mention, { ...comment, start: 40, end: 49 }]);
    expect(same.map((v) => v.signature)).toEqual(before.map((v) => v.signature));
    expect(added[0]?.signature).toBe(before[0]?.signature);
    expect(added[1]?.signature).not.toBe(before[1]?.signature);
  });

  it('stacks mention underlines in their entity type colours', () => {
    const place = { ...mention, id: 'place', entityType: 'Location' as const, start: 4, end: 8 };
    const views = blockViews(TEXT.length, BLOCKS, [mention, place]);
    const inner = views[0]!.marks.find((m) => m.ids.length === 2)!;
    expect(inner.style.boxShadow).toBe(
      `inset 0 -2px 0 ${ENTITY_TYPE_INFO.Location.colour}, inset 0 -4px 0 ${ENTITY_TYPE_INFO.Person.colour}`,
    );
  });

  it('picks the innermost (shortest) passage under a click', () => {
    const ranges = new Map([
      ['outer', { start: 0, end: 30 }],
      ['inner', { start: 4, end: 8 }],
    ]);
    expect(innermost(['outer', 'inner'], (id) => ranges.get(id))).toBe('inner');
    expect(innermost(['gone'], (id) => ranges.get(id))).toBeUndefined();
  });

  it('marks where PDF pages begin and tells the page of an offset', () => {
    const content = aSourceContent(
      { id: asSourceId(crypto.randomUUID()), caseId: asCaseId(crypto.randomUUID()) },
      {
        text: TEXT,
        structure: {
          paragraphs: [
            { start: 0, end: 33 },
            { start: 35, end: TEXT.length },
          ],
          pages: [
            { start: 0, end: 33 },
            { start: 35, end: TEXT.length },
          ],
        },
      },
    );
    expect(textBlocks(content).map((b) => b.page)).toEqual([1, 2]);
    expect(pageAt(content, 10)).toBe(1);
    expect(pageAt(content, 40)).toBe(2);
    const { getByRole } = render(
      <CanonicalText blocks={blockViews(TEXT.length, textBlocks(content), [])} />,
    );
    expect(getByRole('separator', { name: 'Page 2' })).toHaveTextContent('p. 2');
  });
});

describe('drawing a long text', () => {
  /** 400 paragraphs of 500 characters: 200,000 characters, several passes. */
  function longBlocks(): TextBlock[] {
    const blocks: TextBlock[] = [];
    for (let i = 0, start = 0; i < 400; i++, start += 502) {
      blocks.push({
        start,
        end: start + 500,
        text: `${String(i).padStart(4, '0')} `.padEnd(500, 'x'),
      });
    }
    return blocks;
  }

  it('draws the first screens at once and the rest in later passes, then every paragraph', async () => {
    const blocks = longBlocks();
    const length = blocks.at(-1)!.end;
    const views = blockViews(length, blocks, [
      { id: 'late', kind: 'highlight', note: '', start: 150_000, end: 150_010 },
    ]);
    const progress: [number, boolean][] = [];
    const { container } = render(
      <CanonicalText blocks={views} onProgress={(n, done) => progress.push([n, done])} />,
    );
    const first = container.querySelectorAll('p').length;
    expect(first).toBeGreaterThan(0);
    expect(first * 500).toBeLessThan(FIRST_PASS_CHARS + 500);
    expect(container.querySelector('.cf-text')).toHaveAttribute('aria-busy', 'true');

    await waitFor(() => expect(container.querySelectorAll('p')).toHaveLength(400));
    expect(container.querySelector('.cf-text')).not.toHaveAttribute('aria-busy');
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    await waitFor(() => expect(progress.at(-1)).toEqual([400, true]));
  });

  it('draws a deep-linked offset in the first pass', () => {
    const blocks = longBlocks();
    const views = blockViews(blocks.at(-1)!.end, blocks, []);
    const { container } = render(<CanonicalText blocks={views} firstShow={100_400} />);
    const drawn = Array.from(container.querySelectorAll('p'));
    expect(Number(drawn.at(-1)!.dataset.end)).toBeGreaterThan(100_400);
  });
});
