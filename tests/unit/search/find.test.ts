import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIND_LIMIT,
  findInPrepared,
  findInText,
  prepareFindableText,
  tokenizeForFind,
  tokenizeForFindInSlices,
  type FindOptions,
} from '../../../src/search/find';
import { parseSearchQuery, type SearchQuery } from '../../../src/search/query';

function parse(input: string): SearchQuery {
  const result = parseSearchQuery(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse`);
  return result.value;
}

/** The pieces of `text` found by `query`, in order. */
function found(text: string, query: string, options?: FindOptions): string[] {
  return findInText(text, parse(query), options).ranges.map((r) => text.slice(r.start, r.end));
}

describe('findInText', () => {
  it('finds words regardless of case and accents, with UTF-16 offsets of the original', () => {
    const text = '🙂 Herr MÜLLER met Mu\u0308ller and müller; Muller left.';
    const result = findInText(text, parse('muller'));
    expect(result.truncated).toBe(false);
    expect(result.ranges.map((r) => text.slice(r.start, r.end))).toEqual([
      'MÜLLER',
      'Mu\u0308ller',
      'müller',
      'Muller',
    ]);
    // The emoji is two UTF-16 units: offsets count them.
    expect(result.ranges[0]).toEqual({ start: 8, end: 14 });
  });

  it('finds a defanged indicator by its refanged value, and the defanged form by itself', () => {
    const text = 'Beacon to 1.2.3[.]4 and hxxp://evil[.]com/x, then 1.2.3.4 again.';
    expect(found(text, '1.2.3.4')).toEqual(['1.2.3[.]4', '1.2.3.4']);
    expect(found(text, '1.2.3[.]4')).toEqual(['1.2.3[.]4', '1.2.3.4']);
    expect(found(text, 'http://evil.com/x')).toEqual(['hxxp://evil[.]com/x']);
    // An indicator is exact: a near miss finds nothing.
    expect(found(text, '1.2.3.5')).toEqual([]);
  });

  it('finds a word written inside an indicator, as the index does', () => {
    const text = 'Mail went to j.smith@acme.com from acme staff.';
    expect(found(text, 'acme')).toEqual(['acme', 'acme']);
  });

  it('finds prefixes', () => {
    expect(found('Kim, Kimball and Akim met.', 'kim*')).toEqual(['Kim', 'Kimball']);
  });

  it('finds similar spellings within the typo budget, never indicators', () => {
    expect(found('Seen at 10.0.0.1', '10.0.0.2')).toEqual([]);
    expect(found('The investigators and the investigator met.', 'investigatrs')).toEqual([
      'investigators',
      'investigator',
    ]);
    // Four to seven letters: one edit, not two.
    expect(found('Kang Chol and Kang Cheol', 'cheol')).toEqual(['Chol', 'Cheol']);
    expect(found('Flights to Macau, not Makao', 'macau')).toEqual(['Macau']);
    expect(found('Kang Chol and Kang Cheol', 'chol')).toEqual(['Chol', 'Cheol']);
    // A quoted word is exact.
    expect(found('Kang Chol and Kang Cheol', '"chol"')).toEqual(['Chol']);
  });

  it('tolerates one edit in a 2–3 letter word only when it occurs nowhere in the text', () => {
    const text = 'Kim Jong Nam was waiting.';
    expect(found(text, 'Kim Jong Nm')).toEqual(['Kim Jong Nam']);
    // "nam" occurs: exact only, "Nm" is not widened to "Nam" words around it.
    expect(found('Nam and Nim', 'nam')).toEqual(['Nam']);
  });

  it('finds a phrase as one range, across line breaks, and not out of order', () => {
    const text = 'He met Kim\nJong Nam there. Jong Kim Nam was not him.';
    expect(found(text, '"kim jong nam"')).toEqual(['Kim\nJong Nam']);
    expect(found(text, '"nam kim"')).toEqual([]);
  });

  it('merges overlapping matches into one range, sorted', () => {
    const text = 'kim jong nam and kim';
    const result = findInText(text, parse('"kim jong" jong nam kim'));
    // "jong" lies inside the phrase "kim jong", "nam" follows it after a space: one range.
    expect(result.ranges).toEqual([
      { start: 0, end: 12 },
      { start: 17, end: 20 },
    ]);
  });

  it('joins matched words with only a space or one line break between into one match', () => {
    expect(found('Kim Jong Nam met Kim\nJong Nam', 'kim jong nam')).toEqual([
      'Kim Jong Nam',
      'Kim\nJong Nam',
    ]);
    // Not across a paragraph break or punctuation.
    expect(found('It was Kim.\n\nJong Nam; Kim, Jong', 'kim jong nam')).toEqual([
      'Kim',
      'Jong Nam',
      'Kim',
      'Jong',
    ]);
  });

  it('ignores negative parts and filters: they select records, not words', () => {
    const text = 'Kim met Nam in Macau.';
    expect(found(text, 'kim -nam type:source before:2020')).toEqual(['Kim']);
    expect(found(text, 'kim OR macau NOT nam')).toEqual(['Kim', 'Macau']);
    expect(findInText(text, parse('-kim')).ranges).toEqual([]);
    expect(findInText(text, parse('type:person')).ranges).toEqual([]);
  });

  it('reads regex-like characters literally', () => {
    const text = 'a.*b (c+d) [e] $f ^g \\h';
    expect(found(text, '.*b')).toEqual(['b']);
    // `c+d` reads as the phrase "c d".
    expect(found(text, '(c+d)')).toEqual(['c+d']);
    // A one-letter prefix is read as the word.
    expect(found(text, 'a.*')).toEqual(['a']);
    expect(found(text, '$f')).toEqual(['f']);
    expect(found(text, '[e]')).toEqual(['e']);
    expect(found(text, '\\h ^g')).toEqual(['g', 'h']);
  });

  it('matches the given terms instead of the query terms, phrases still as phrases', () => {
    const text = 'Kim met Kimball; Kim Jong Nam left.';
    const terms = new Set(['kimball']);
    expect(found(text, 'kim*', { terms })).toEqual(['Kimball']);
    expect(found(text, '"jong nam" kim*', { terms })).toEqual(['Kimball', 'Jong Nam']);
  });

  it('stops at the limit and says so', () => {
    const text = 'spam. '.repeat(30);
    const capped = findInText(text, parse('spam'), { limit: 10 });
    expect(capped.ranges).toHaveLength(10);
    expect(capped.truncated).toBe(true);
    const exact = findInText(text, parse('spam'), { limit: 30 });
    expect(exact.ranges).toHaveLength(30);
    expect(exact.truncated).toBe(false);
  });

  it('caps at DEFAULT_FIND_LIMIT by default', () => {
    const text = 'x1, '.repeat(DEFAULT_FIND_LIMIT + 5);
    const result = findInText(text, parse('x1'));
    expect(result.ranges).toHaveLength(DEFAULT_FIND_LIMIT);
    expect(result.truncated).toBe(true);
  });

  it('finds nothing in an empty text', () => {
    expect(findInText('', parse('kim'))).toEqual({ ranges: [], truncated: false });
  });
});

describe('tokenizing for find in slices', () => {
  it('gives the same tokens as tokenizing at once, offsets into the whole text', () => {
    const line = 'Payment to 1.2.3[.]4 from Müller, IBAN GB82 WEST 1234 5698 7654 32.\n';
    const text = line.repeat(200);
    const sliced = [...tokenizeForFindInSlices(text, 500)].flat();
    expect(sliced).toEqual(tokenizeForFind(text));
    const prepared = prepareFindableText(text, sliced);
    expect(findInPrepared(prepared, parse('gb82west12345698765432')).ranges).toHaveLength(200);
  });

  it('a prepared text answers many queries', () => {
    const text = 'Kim Jong Nam and Kim';
    const prepared = prepareFindableText(text, tokenizeForFind(text));
    expect(findInPrepared(prepared, parse('kim')).ranges).toHaveLength(2);
    expect(findInPrepared(prepared, parse('nam')).ranges).toEqual([{ start: 9, end: 12 }]);
  });
});
