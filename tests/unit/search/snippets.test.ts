import { describe, expect, it } from 'vitest';
import {
  findFirstMatch,
  findPhrase,
  highlightRanges,
  makeSnippet,
  textInfo,
} from '../../../src/search/snippets';
import { tokenize } from '../../../src/search/tokenize';

/** What the matchers must agree with: the tokenizer over the whole text. */
function referenceFirst(text: string, terms: ReadonlySet<string>) {
  const token = tokenize(text, { indicatorParts: true }).find((t) => terms.has(t.text));
  return token === undefined ? undefined : { start: token.start, end: token.end };
}

function referencePhrase(text: string, words: readonly string[]) {
  const tokens = tokenize(text, { indicatorParts: true });
  for (let i = 0; i + words.length <= tokens.length; i++) {
    if (words.every((word, k) => tokens[i + k]!.text === word)) {
      return { start: tokens[i]!.start, end: tokens[i + words.length - 1]!.end };
    }
  }
  return undefined;
}

const TEXTS = [
  'Kim Jong Nam was seen at the airport. KIM JONG NAM left.',
  "Kim's driver met O'Brien; o'brien's car was there. Kims went home.",
  'Müller and MULLER and Mu\u0308ller met Łukasz in Zürich — über alles.',
  'The invest\u00ADigation found 10.1.2.3 and admin@acme.com, also evil[.]com and acme.',
  'Иванов встретил Петрова в Москве. Иванов уехал.',
  '金正男 在 機場 被 看見。金正男。',
  'word\u00a0spaced\u2003out\n\nnew   para graph',
  'İstanbul İSTANBUL istanbul',
  'emoji 🙂 between 🙂 words and 𝐛𝐨𝐥𝐝 letters',
  `${'filler text here '.repeat(400)}needle at the end`,
  `${'Straße über alles '.repeat(400)}Zürich needle`,
];

const TERM_SETS = [
  ['kim'],
  ['nam', 'jong'],
  ["o'brien"],
  ['kims', 'driver'],
  ['muller'],
  ['lukasz', 'zurich'],
  ['uber'],
  ['investigation'],
  ['acme'],
  ['10.1.2.3'],
  ['admin@acme.com'],
  ['evil.com'],
  ['evil'],
  ['иванов'],
  ['петрова'],
  ['金'],
  ['spaced', 'para'],
  ['istanbul'],
  ['between', 'letters'],
  ['bold'],
  ['needle'],
  ['nothing'],
];

const PHRASES = [
  ['kim', 'jong', 'nam'],
  ['jong', 'nam', 'left'],
  ['kim', 'driver'],
  ["o'brien", 'car'],
  ['muller', 'and', 'muller'],
  ['lukasz', 'in', 'zurich'],
  ['found', '10.1.2.3'],
  ['admin', 'acme', 'com'],
  ['com', 'also'],
  ['also', 'evil'],
  ['acme', 'com'],
  ['иванов', 'встретил'],
  ['金', '正', '男'],
  ['spaced', 'out', 'new'],
  ['at', 'the', 'end'],
  ['zurich', 'needle'],
  ['between', 'words'],
  ['nam', 'kim'],
];

describe('snippets: matchers agree with the tokenizer', () => {
  it('finds the same first match as tokenizing the whole text', () => {
    for (const text of TEXTS) {
      for (const terms of TERM_SETS) {
        const set = new Set(terms);
        expect(
          findFirstMatch(text, set, textInfo(text)),
          `${terms.join(',')} in ${text.slice(0, 30)}`,
        ).toEqual(referenceFirst(text, set));
      }
    }
  });

  it('highlights the same words as tokenizing the whole text', () => {
    for (const text of TEXTS) {
      for (const terms of TERM_SETS) {
        const set = new Set(terms);
        const reference = tokenize(text, { indicatorParts: true })
          .filter((t) => set.has(t.text))
          .map((t) => text.slice(t.start, t.end));
        const found = highlightRanges(text, set).map((r) => text.slice(r.start, r.end));
        // Overlapping ranges (an indicator and its parts) are merged into one.
        expect(found.join('|').length > 0, `${terms.join(',')}`).toBe(reference.length > 0);
        for (const part of reference) expect(found.some((f) => f.includes(part))).toBe(true);
      }
    }
  });

  it('finds the same first phrase as tokenizing the whole text', () => {
    for (const text of TEXTS) {
      for (const phrase of PHRASES) {
        expect(
          findPhrase(text, phrase, textInfo(text)),
          `${phrase.join(' ')} in ${text.slice(0, 30)}`,
        ).toEqual(referencePhrase(text, phrase));
      }
    }
  });
});

describe('snippets: windows and highlights', () => {
  it('collapses whitespace and maps highlights into the collapsed text', () => {
    const text = 'The   cargo\n\n\twas  loaded at\u00a0Nampo.';
    const terms = new Set(['cargo', 'nampo']);
    const snippet = makeSnippet(text, findFirstMatch(text, terms, textInfo(text)), terms);
    expect(snippet.text).toBe('The cargo was loaded at Nampo.');
    expect(snippet.highlights.map((r) => snippet.text.slice(r.start, r.end))).toEqual([
      'cargo',
      'Nampo',
    ]);
    expect(snippet.cutBefore).toBe(false);
    expect(snippet.cutAfter).toBe(false);
  });

  it('merges overlapping highlights of an indicator and its parts', () => {
    expect(highlightRanges('mail admin@acme.com now', new Set(['admin@acme.com', 'acme']))).toEqual(
      [{ start: 5, end: 19 }],
    );
  });

  it('starts a snippet without a match at the text start', () => {
    const snippet = makeSnippet(`  ${'word '.repeat(100)}`, undefined, new Set());
    expect(snippet.text.startsWith('word word')).toBe(true);
    expect(snippet.cutBefore).toBe(false);
    expect(snippet.cutAfter).toBe(true);
    expect(snippet.highlights).toEqual([]);
  });
});
