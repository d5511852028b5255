import { describe, expect, test } from 'vitest';
import {
  anchor,
  describeRange,
  reanchorPassages,
  type AnchorResult,
  type RangeSelectors,
} from '../../../src/core/anchoring/anchor';
import { normaliseWithMap } from '../../../src/core/anchoring/normalise';
import { segmentsForHighlights, type HighlightSpan } from '../../../src/core/anchoring/segments';
import type { TextPositionSelector, TextQuoteSelector } from '../../../src/core/model/records';

function describeOk(text: string, start: number, end: number, context?: number): RangeSelectors {
  const result = describeRange(text, start, end, context);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

function errorCode(text: string, start: number, end: number, context?: number): string {
  const result = describeRange(text, start, end, context);
  if (result.ok) throw new Error('expected an error');
  expect(result.error.message.length).toBeGreaterThan(0);
  return result.error.code;
}

function quote(exact: string, prefix = '', suffix = ''): TextQuoteSelector {
  return { type: 'TextQuoteSelector', exact, prefix, suffix };
}

function position(start: number, end: number): TextPositionSelector {
  return { type: 'TextPositionSelector', start, end };
}

/** Slices the text a result points at, so tests assert on words, not just numbers. */
function anchored(text: string, result: AnchorResult): string | undefined {
  return result.status === 'orphaned' ? undefined : text.slice(result.start, result.end);
}

const NAME = 'Kim Jong Nam';
const STORY = `${NAME} arrived in Macau. Reports say ${NAME} met a banker. Later ${NAME} flew to Kuala Lumpur.`;

describe('describeRange', () => {
  test('builds quote and position selectors with context on both sides', () => {
    const start = STORY.indexOf('met a banker');
    const { quote: q, position: p } = describeOk(STORY, start, start + 12, 8);
    expect(q).toEqual({
      type: 'TextQuoteSelector',
      exact: 'met a banker',
      prefix: STORY.slice(start - 8, start),
      suffix: '. Later ',
    });
    expect(p).toEqual({ type: 'TextPositionSelector', start, end: start + 12 });
  });

  test('uses 32 characters of context by default', () => {
    const start = STORY.indexOf('met');
    const { quote: q } = describeOk(STORY, start, start + 3);
    expect(q.prefix).toHaveLength(32);
    expect(q.suffix).toHaveLength(32);
  });

  test('context is shorter at the start and end of the text', () => {
    const first = describeOk(STORY, 0, NAME.length);
    expect(first.quote.prefix).toBe('');
    expect(first.quote.suffix).toBe(STORY.slice(NAME.length, NAME.length + 32));
    const last = describeOk(STORY, STORY.length - 6, STORY.length);
    expect(last.quote.exact).toBe('umpur.');
    expect(last.quote.suffix).toBe('');
    const tiny = describeOk('abc', 1, 2, 10);
    expect(tiny.quote).toMatchObject({ prefix: 'a', exact: 'b', suffix: 'c' });
  });

  test('context 0 gives empty prefix and suffix', () => {
    expect(describeOk(STORY, 4, 8, 0).quote).toMatchObject({ prefix: '', suffix: '' });
  });

  test('trims white space at the edges of the selection into the range', () => {
    const text = 'Meeting with  Kim Jong Nam \n\nin Macau.';
    const start = text.indexOf(NAME) - 2;
    const end = text.indexOf(NAME) + NAME.length + 3;
    const { quote: q, position: p } = describeOk(text, start, end, 5);
    expect(q.exact).toBe(NAME);
    expect(p).toEqual({ type: 'TextPositionSelector', start: start + 2, end: end - 3 });
    expect(q.prefix).toBe('ith  ');
    expect(q.suffix).toBe(' \n\nin');
  });

  test('keeps white space inside the selection', () => {
    expect(describeOk('a b\n\nc d', 0, 8).quote.exact).toBe('a b\n\nc d');
  });

  test('does not split a surrogate pair at either context edge', () => {
    // '😀' is two UTF-16 units; context 3 would cut each emoji in half.
    const text = 'x😀ab[Q]cd😀y';
    const start = text.indexOf('[Q]');
    const { quote: q } = describeOk(text, start, start + 3, 3);
    expect(q.prefix).toBe('ab');
    expect(q.suffix).toBe('cd');
    // With room for the whole pair it is kept.
    const wide = describeOk(text, start, start + 3, 4);
    expect(wide.quote.prefix).toBe('😀ab');
    expect(wide.quote.suffix).toBe('cd😀');
  });

  test('widens a selection that splits a surrogate pair to the whole character', () => {
    const text = 'a😀b';
    expect(describeOk(text, 2, 4).quote.exact).toBe('😀b');
    expect(describeOk(text, 0, 2).quote.exact).toBe('a😀');
  });

  test('refuses an empty or inverted selection', () => {
    expect(errorCode(STORY, 3, 3)).toBe('anchor.empty');
    expect(errorCode(STORY, 5, 3)).toBe('anchor.empty');
    const result = describeRange(STORY, 3, 3);
    expect(result.ok ? '' : result.error.message).toBe('A passage needs at least one character.');
  });

  test('refuses a selection outside the text', () => {
    expect(errorCode(STORY, -1, 3)).toBe('anchor.outOfRange');
    expect(errorCode(STORY, 0, STORY.length + 1)).toBe('anchor.outOfRange');
    expect(errorCode('', 0, 1)).toBe('anchor.outOfRange');
  });

  test('refuses a selection of only white space', () => {
    expect(errorCode('a \n\n b', 1, 5)).toBe('anchor.blank');
    expect(errorCode('a\u00a0b', 1, 2)).toBe('anchor.blank');
  });

  test('refuses non-integer offsets and a bad context length', () => {
    expect(errorCode(STORY, 0.5, 3)).toBe('anchor.invalid');
    expect(errorCode(STORY, 0, Number.NaN)).toBe('anchor.invalid');
    expect(errorCode(STORY, 0, Infinity)).toBe('anchor.invalid');
    expect(errorCode(STORY, 0, 3, -1)).toBe('anchor.invalid');
    expect(errorCode(STORY, 0, 3, 1.5)).toBe('anchor.invalid');
  });
});

describe('anchor', () => {
  test('exact when the stored position still holds the quote', () => {
    const start = STORY.indexOf('banker');
    const selectors = describeOk(STORY, start, start + 6);
    expect(anchor(STORY, selectors)).toEqual({ status: 'exact', start, end: start + 6 });
  });

  test('moved when text was inserted before the passage', () => {
    const start = STORY.indexOf('banker');
    const selectors = describeOk(STORY, start, start + 6);
    const edited = `Editor's note: names are as reported.\n\n${STORY}`;
    const result = anchor(edited, selectors);
    expect(result.status).toBe('moved');
    expect(anchored(edited, result)).toBe('banker');
    expect(result).toMatchObject({ start: start + 39 });
  });

  test('moved without a stored position', () => {
    const result = anchor(STORY, { quote: quote('Macau') });
    expect(result).toEqual({
      status: 'moved',
      start: STORY.indexOf('Macau'),
      end: STORY.indexOf('Macau') + 5,
    });
  });

  test('picks the occurrence whose prefix and suffix agree (the 2nd of 3)', () => {
    const second = STORY.indexOf(NAME, STORY.indexOf(NAME) + 1);
    const selectors = describeOk(STORY, second, second + NAME.length);
    // Shift everything so the old position is useless, and move the 3rd occurrence nearer it.
    const edited = `${'Preface. '.repeat(5)}${STORY}`;
    const result = anchor(edited, selectors);
    expect(result).toEqual({ status: 'moved', start: second + 45, end: second + 45 + NAME.length });
  });

  test('context beats distance to the old position', () => {
    const text = `Later ${NAME} flew. Reports say ${NAME} met a banker.`;
    const target = text.lastIndexOf(NAME);
    const selectors = {
      quote: quote(NAME, 'Reports say ', ' met a'),
      position: position(text.indexOf(NAME), text.indexOf(NAME) + 1), // stale and wrong
    };
    expect(anchor(text, selectors)).toMatchObject({ status: 'moved', start: target });
  });

  test('a tie in context goes to the occurrence nearest the old position', () => {
    const text = 'x Kim x Kim x Kim x';
    const occurrences = [2, 8, 14];
    for (const [old, expected] of [
      [7, 8],
      [15, 14],
      [0, 2],
      [11, 8], // equidistant from 8 and 14: the first wins
    ] as const) {
      const result = anchor(text, {
        quote: quote('Kim', 'x ', ' x'),
        position: position(old, old + 3),
      });
      expect(result).toEqual({ status: 'moved', start: expected, end: expected + 3 });
      expect(occurrences).toContain(expected);
    }
  });

  test('a tie with no old position goes to the first occurrence', () => {
    expect(anchor('x Kim x Kim x', { quote: quote('Kim', 'x ', ' x') })).toMatchObject({
      start: 2,
    });
  });

  test('orphaned when the quote was removed', () => {
    const selectors = describeOk(STORY, 0, NAME.length);
    expect(anchor('Reports say a man arrived in Macau.', selectors)).toEqual({
      status: 'orphaned',
    });
  });

  test('orphaned when the quote was edited, never attached to something similar', () => {
    const selectors = describeOk(STORY, 0, NAME.length);
    const edited = STORY.replaceAll('Kim Jong Nam', 'Kim Jong-nam');
    expect(anchor(edited, selectors)).toEqual({ status: 'orphaned' });
    expect(anchor('', selectors)).toEqual({ status: 'orphaned' });
  });

  test('orphaned for an empty quote', () => {
    expect(anchor(STORY, { quote: quote(''), position: position(0, 0) })).toEqual({
      status: 'orphaned',
    });
  });

  test('ignores a stored position that is out of range or not an integer', () => {
    for (const p of [position(-3, 2), position(1e9, 1e9 + 5), position(0.5, 5.5)]) {
      expect(anchor(STORY, { quote: quote('Macau'), position: p })).toMatchObject({
        status: 'moved',
        start: STORY.indexOf('Macau'),
      });
    }
  });

  test('treats regex-special characters literally', () => {
    const text = 'The fee was $4.2 (million)? Or $4.2 million. Or $402 (million)?';
    const selectors = describeOk(text, 12, 27);
    expect(selectors.quote.exact).toBe('$4.2 (million)?');
    const edited = `Note. ${text}`;
    const result = anchor(edited, selectors);
    expect(anchored(edited, result)).toBe('$4.2 (million)?');
    expect(result).toMatchObject({ status: 'moved', start: 18 });
    expect(anchor('The fee was $402 million.', selectors)).toEqual({ status: 'orphaned' });
  });

  test('finds overlapping occurrences', () => {
    // "aa" occurs at 0, 1 and 2 in "aaaa"; the suffix "b" only fits the one at 2.
    expect(anchor('aaaab', { quote: quote('aa', '', 'b') })).toMatchObject({ start: 2, end: 4 });
  });

  describe('normalised fallback', () => {
    test('matches a quote whose white space differs from the canonical text', () => {
      const text = 'Meeting with Kim Jong Nam in Macau.';
      const result = anchor(text, { quote: quote('Kim  Jong\n\nNam', 'with ', ' in') });
      expect(result).toEqual({ status: 'moved', start: 13, end: 25 });
    });

    test('maps offsets back through collapsed white space in the text', () => {
      const text = 'Intro.\n\nMeeting   with Kim\tJong  \n Nam in Macau.';
      const result = anchor(text, { quote: quote('with Kim Jong Nam in') });
      expect(result.status).toBe('moved');
      expect(anchored(text, result)).toBe('with Kim\tJong  \n Nam in');
    });

    test('matches a decomposed (NFD) quote against NFC text', () => {
      const text = 'Le président José Ramos a signé.';
      const nfd = 'José Ramos'.normalize('NFD');
      expect(nfd).not.toBe('José Ramos');
      const result = anchor(text, { quote: quote(nfd), position: position(14, 25) });
      expect(result.status).toBe('moved');
      expect(anchored(text, result)).toBe('José Ramos');
    });

    test('maps offsets back through NFC composition in the text', () => {
      const text = 'Le président Jose\u0301 Ramos a signé.';
      const result = anchor(text, { quote: quote('José Ramos') });
      expect(result.status).toBe('moved');
      expect(anchored(text, result)).toBe('Jose\u0301 Ramos');
    });

    test('never matches part of a cluster: "Kim q" is not in "Kim q\u0301" (found by fuzzing)', () => {
      expect(anchor('Kim  q\u0301', { quote: quote('Kim q') })).toEqual({ status: 'orphaned' });
      // A later whole occurrence is found instead of the cut one.
      const text = 'Kim  q\u0301 then Kim  q.';
      const result = anchor(text, { quote: quote('Kim q') });
      expect(result.status).toBe('moved');
      expect(anchored(text, result)).toBe('Kim  q');
    });

    test('uses context and old position in normalised text too', () => {
      const text = 'a  Kim\nx  b  Kim\nx  a  Kim\nx';
      const q = quote('Kim x', 'b ', '');
      const result = anchor(text, { quote: q });
      expect(result).toMatchObject({ status: 'moved', start: text.indexOf('b  Kim') + 3 });
      const near = anchor(text, { quote: quote('Kim x'), position: position(24, 29) });
      expect(near).toMatchObject({ start: text.lastIndexOf('Kim') });
    });

    test('still orphaned when the normalised quote is absent or blank', () => {
      expect(anchor('Kim Jong-nam', { quote: quote('Kim  Jong Nam') })).toEqual({
        status: 'orphaned',
      });
      expect(anchor('a b', { quote: quote(' \n ') })).toEqual({ status: 'orphaned' });
    });

    test('normaliseWithMap composes clusters and collapses white space with a true map', () => {
      const source = 'e\u0301 \t x\u{1F600}';
      const normalised = normaliseWithMap(source);
      expect(normalised.text).toBe('é x\u{1F600}');
      const indexes = [0, 1, 2, 3, 4];
      expect(indexes.map((i) => normalised.startOf(i))).toEqual([0, 2, 5, 6, 6]);
      expect(indexes.map((i) => normalised.endOf(i))).toEqual([2, 5, 6, 8, 8]);
      const plain = normaliseWithMap('ab  cd');
      expect(plain.text).toBe('ab cd');
      expect([0, 1, 2, 3, 4].map((i) => plain.startOf(i))).toEqual([0, 1, 2, 4, 5]);
      expect([0, 1, 2, 3, 4].map((i) => plain.endOf(i))).toEqual([1, 2, 4, 5, 6]);
      // Hangul conjoining jamo compose into one syllable, as whole-string NFC does.
      const jamo = '\u1100\u1161\u11A8 \u1100\u1161';
      expect(normaliseWithMap(jamo).text).toBe(jamo.normalize('NFC'));
    });
  });

  test('handles a 1 MB text with thousands of occurrences', () => {
    const filler = 'Reports say Kim Jong Nam met someone. ';
    const parts: string[] = [];
    while (parts.length * filler.length < 1_000_000) parts.push(filler);
    const middle = Math.floor(parts.length / 2);
    parts[middle] = 'Reports say Kim Jong Nam met a banker. ';
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(1_000_000);
    const target = text.indexOf('Kim Jong Nam met a banker');
    const selectors = describeOk(text, target, target + NAME.length);
    // Insert text at the start so the fast path fails and every occurrence is scored.
    const edited = `Preface.\n\n${text}`;
    const result = anchor(edited, selectors);
    expect(result).toEqual({ status: 'moved', start: target + 10, end: target + 10 + NAME.length });
    // Quote absent: the normalised fallback also scans the whole text and gives up cleanly.
    expect(anchor(edited, { quote: quote('Kim Jong-nam') })).toEqual({ status: 'orphaned' });
    // Fallback success on a large text maps back correctly.
    const spaced = edited.replace('met a banker', 'met  a\n\nbanker');
    const found = anchor(spaced, { quote: quote('met a banker') });
    expect(anchored(spaced, found)).toBe('met  a\n\nbanker');
  });
});

describe('reanchorPassages', () => {
  test('keeps the order and reports orphaned passages instead of dropping them', () => {
    const at = (word: string) => {
      const start = STORY.indexOf(word);
      return { ...describeOk(STORY, start, start + word.length), orphaned: false, id: word };
    };
    const passages = [at('Macau'), at('banker'), at('Kuala Lumpur'), at('arrived')];
    const edited = `Update.\n\n${STORY.replace('banker', 'lawyer')}`.replace(
      'Kuala Lumpur',
      'Kuala  Lumpur',
    );
    const results = reanchorPassages(edited, passages);
    expect(results.map((r) => r.passage.id)).toEqual([
      'Macau',
      'banker',
      'Kuala Lumpur',
      'arrived',
    ]);
    expect(results.map((r) => r.result.status)).toEqual(['moved', 'orphaned', 'moved', 'moved']);
    expect(results[0]!.passage).toBe(passages[0]);
    expect(anchored(edited, results[0]!.result)).toBe('Macau');
    expect(anchored(edited, results[2]!.result)).toBe('Kuala  Lumpur');
    expect(reanchorPassages(STORY, passages).every((r) => r.result.status === 'exact')).toBe(true);
    expect(reanchorPassages(STORY, [])).toEqual([]);
  });
});

describe('segmentsForHighlights', () => {
  const span = (id: string, start: number, end: number): HighlightSpan => ({ id, start, end });
  const seg = (start: number, end: number, ...ids: string[]) => ({ start, end, ids });

  /** Sorted, non-overlapping, covering [0, length), and each segment's ids are its true cover. */
  function checkInvariants(length: number, spans: readonly HighlightSpan[]): void {
    const segments = segmentsForHighlights(length, spans);
    let cursor = 0;
    for (const s of segments) {
      expect(s.start).toBe(cursor);
      expect(s.end).toBeGreaterThan(s.start);
      for (const offset of [s.start, s.end - 1]) {
        const covering = [
          ...new Set(spans.filter((x) => x.start <= offset && offset < x.end).map((x) => x.id)),
        ];
        expect([...s.ids].sort()).toEqual(covering.sort());
      }
      cursor = s.end;
    }
    expect(cursor).toBe(Math.max(0, length));
  }

  test('no spans: one uncovered segment; empty text: no segments', () => {
    expect(segmentsForHighlights(10, [])).toEqual([seg(0, 10)]);
    expect(segmentsForHighlights(0, [span('a', 0, 5)])).toEqual([]);
  });

  test('disjoint spans', () => {
    const spans = [span('a', 2, 4), span('b', 6, 8)];
    expect(segmentsForHighlights(10, spans)).toEqual([
      seg(0, 2),
      seg(2, 4, 'a'),
      seg(4, 6),
      seg(6, 8, 'b'),
      seg(8, 10),
    ]);
    checkInvariants(10, spans);
  });

  test('overlapping spans', () => {
    const spans = [span('a', 0, 10), span('b', 5, 15)];
    expect(segmentsForHighlights(15, spans)).toEqual([
      seg(0, 5, 'a'),
      seg(5, 10, 'a', 'b'),
      seg(10, 15, 'b'),
    ]);
    expect(segmentsForHighlights(20, spans).at(-1)).toEqual(seg(15, 20));
  });

  test('nested spans, given in any order', () => {
    const spans = [span('inner', 3, 5), span('outer', 0, 10)];
    expect(segmentsForHighlights(10, spans)).toEqual([
      seg(0, 3, 'outer'),
      seg(3, 5, 'inner', 'outer'),
      seg(5, 10, 'outer'),
    ]);
  });

  test('identical spans', () => {
    expect(segmentsForHighlights(6, [span('a', 2, 4), span('b', 2, 4)])).toEqual([
      seg(0, 2),
      seg(2, 4, 'a', 'b'),
      seg(4, 6),
    ]);
  });

  test('touching spans do not overlap; touching pieces of one id merge', () => {
    expect(segmentsForHighlights(6, [span('a', 0, 3), span('b', 3, 6)])).toEqual([
      seg(0, 3, 'a'),
      seg(3, 6, 'b'),
    ]);
    expect(segmentsForHighlights(6, [span('a', 0, 3), span('a', 3, 5)])).toEqual([
      seg(0, 5, 'a'),
      seg(5, 6),
    ]);
  });

  test('clips out-of-range spans and ignores empty, inverted and NaN spans', () => {
    const spans = [
      span('before', -5, 2),
      span('after', 8, 50),
      span('outside', 20, 30),
      span('empty', 4, 4),
      span('inverted', 7, 5),
      span('nan', Number.NaN, 3),
    ];
    expect(segmentsForHighlights(10, spans)).toEqual([
      seg(0, 2, 'before'),
      seg(2, 8),
      seg(8, 10, 'after'),
    ]);
  });

  test('union covers the whole text for many random spans', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      const length = 1 + random(60);
      const spans = Array.from({ length: random(12) }, (_, i) => {
        const a = random(80) - 10;
        return span(`s${i % 7}`, a, a + random(30) - 5);
      });
      checkInvariants(length, spans);
    }
  });
});
