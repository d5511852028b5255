import { boundedEditDistance } from './editDistance';
import type { SearchNode, SearchPhrase, SearchQuery, SearchTerm } from './query';
import { tokenize, type SearchToken } from './tokenize';
import type { SearchRange } from './types';

/**
 * "Find in this source": every place in one text where the words of a query occur, for the
 * reader to highlight and step through. It reads the text with the index's tokenizer, so a match
 * here is a match the index would make: no case, no accents, indicators by their refanged value
 * (`1.2.3.4` finds `1.2.3[.]4`), `kim*` by prefix, plain words with the same typo budget.
 *
 * Only the words are looked for: `-nam` / `NOT nam` and filters choose records, not places in a
 * record, so they are ignored here. No part of the query reaches a RegExp. Matched words with only
 * a space between are one match, so `kim jong nam` steps through the name, not word by word.
 */

/** Matches returned at most, unless the caller asks otherwise; past it `truncated` is set. */
export const DEFAULT_FIND_LIMIT = 10_000;

export interface FindOptions {
  /**
   * The folded terms the index matched for this record (a hit's matched terms): a token matches
   * when its text is one of them, instead of by the query's terms. Phrases still match as phrases.
   */
  readonly terms?: ReadonlySet<string>;
  /** Ranges returned at most (default DEFAULT_FIND_LIMIT). */
  readonly limit?: number;
}

export interface FindResult {
  /** Sorted, non-overlapping UTF-16 ranges of the text. */
  readonly ranges: SearchRange[];
  /** More matches than `limit` exist. */
  readonly truncated: boolean;
}

/** Finds the query's words in `text`. Linear in the text: it is tokenized once. */
export function findInText(
  text: string,
  query: SearchQuery,
  options: FindOptions = {},
): FindResult {
  return findInPrepared(prepareFindableText(text, tokenizeForFind(text)), query, options);
}

/**
 * How find reads a text: the index's tokens, with the words written inside indicators as well
 * (the index has them, so `acme` finds `acme.com`).
 */
export function tokenizeForFind(text: string): SearchToken[] {
  return tokenize(text, { indicatorParts: true });
}

/**
 * Tokenizes a long text a slice at a time (cut at line breaks, which no word or indicator
 * crosses), so a caller can yield to the browser between slices. The concatenation of the yielded
 * arrays equals `tokenizeForFind(text)`, offsets into the whole text.
 */
export function* tokenizeForFindInSlices(
  text: string,
  sliceChars = 100_000,
): Generator<SearchToken[], void, void> {
  let from = 0;
  while (from < text.length) {
    let to = from + sliceChars;
    if (to >= text.length) to = text.length;
    else {
      const newline = text.indexOf('\n', to);
      to = newline === -1 ? text.length : newline + 1;
    }
    const tokens = tokenizeForFind(text.slice(from, to));
    if (from > 0) {
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        tokens[i] = { ...token, start: token.start + from, end: token.end + from };
      }
    }
    yield tokens;
    from = to;
  }
}

/**
 * A tokenized text ready to be searched many times (one query per keystroke): each token's text
 * is numbered once, so a query decides each distinct word once and then only compares numbers.
 */
export interface FindableText {
  readonly text: string;
  readonly tokens: readonly SearchToken[];
  /** Distinct token texts; `wordOf[i]` is the number of `tokens[i].text` in it. */
  readonly vocabulary: readonly string[];
  readonly vocabularyKinds: readonly SearchToken['kind'][];
  readonly wordOf: Int32Array;
  /** Tokens a phrase runs over: all but the words written inside an indicator (which follow it). */
  readonly main: Int32Array;
  /** Position of each token in `main`, -1 for the words inside an indicator. */
  readonly mainIndexOf: Int32Array;
}

export function prepareFindableText(text: string, tokens: readonly SearchToken[]): FindableText {
  const numbers = new Map<string, number>();
  const vocabulary: string[] = [];
  const vocabularyKinds: SearchToken['kind'][] = [];
  const wordOf = new Int32Array(tokens.length);
  const mainIndexOf = new Int32Array(tokens.length).fill(-1);
  const main: number[] = [];
  let indicatorEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let number = numbers.get(token.text);
    if (number === undefined) {
      number = vocabulary.length;
      numbers.set(token.text, number);
      vocabulary.push(token.text);
      vocabularyKinds.push(token.kind);
    } else if (token.kind === 'word') {
      vocabularyKinds[number] = 'word';
    }
    wordOf[i] = number;
    if (token.kind === 'word' && token.start < indicatorEnd) continue;
    if (token.kind === 'indicator') indicatorEnd = token.end;
    mainIndexOf[i] = main.length;
    main.push(i);
  }
  return {
    text,
    tokens,
    vocabulary,
    vocabularyKinds,
    wordOf,
    main: Int32Array.from(main),
    mainIndexOf,
  };
}

/** Finds the query's words in a prepared text. Linear in its tokens plus its distinct words. */
export function findInPrepared(
  text: FindableText,
  query: SearchQuery,
  options: FindOptions = {},
): FindResult {
  const limit = Math.max(0, options.limit ?? DEFAULT_FIND_LIMIT);
  const leaves: (SearchTerm | SearchPhrase)[] = [];
  if (query.root) collectPositive(query.root, leaves);
  if (leaves.length === 0) return { ranges: [], truncated: false };

  const { tokens, vocabulary, wordOf, main, mainIndexOf } = text;
  const numberOf = new Map<string, number>();
  vocabulary.forEach((word, number) => numberOf.set(word, number));
  // Which distinct words match a term: decided once per word, not once per occurrence.
  const wordMatches = new Uint8Array(vocabulary.length);
  const phrases: Int32Array[] = [];
  for (const leaf of leaves) {
    if (leaf.kind === 'phrase') {
      const numbers = leaf.tokens.map((word) => numberOf.get(word) ?? -1);
      // A phrase with a word the text lacks cannot occur.
      if (!numbers.includes(-1)) phrases.push(Int32Array.from(numbers));
      continue;
    }
    markTerm(leaf, text, numberOf, options.terms, wordMatches);
  }

  const ranges: SearchRange[] = [];
  let truncated = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let end = wordMatches[wordOf[i]!] === 1 ? token.end : -1;
    const at = mainIndexOf[i]!;
    if (at >= 0) {
      for (const phrase of phrases) {
        const phraseEnd = phraseEndAt(tokens, wordOf, main, at, phrase);
        if (phraseEnd > end) end = phraseEnd;
      }
    }
    if (end === -1) continue;
    const last = ranges[ranges.length - 1];
    if (last && (token.start < last.end || onlySpaceBetween(text.text, last.end, token.start))) {
      // Overlaps the previous match (a word inside a matched indicator or phrase), or follows it
      // with only a space between (`kim jong nam` finds the name, not three words): one range.
      if (end > last.end) ranges[ranges.length - 1] = { start: last.start, end };
    } else if (ranges.length === limit) {
      truncated = true;
      break;
    } else {
      ranges.push({ start: token.start, end });
    }
  }
  return { ranges, truncated };
}

/** Whether the query has words to find (not only filters or excluded words). */
export function hasWordsToFind(query: SearchQuery): boolean {
  const leaves: (SearchTerm | SearchPhrase)[] = [];
  if (query.root) collectPositive(query.root, leaves);
  return leaves.length > 0;
}

/** Longest gap between two matched words that still joins them into one match. */
const MAX_JOINING_GAP = 4;

/**
 * Whether `text[from, to)` is a short run of spaces and tabs with at most one line break (a name
 * wrapped at the end of a line), so the matches on either side are read as one.
 */
function onlySpaceBetween(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > MAX_JOINING_GAP) return false;
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) breaks++;
    else if (code !== 0x20 && code !== 0x09 && code !== 0xa0 && code !== 0x0d) return false;
  }
  return breaks <= 1;
}

/** The terms and phrases that say what to look for; `not` subtrees only exclude records. */
function collectPositive(node: SearchNode, into: (SearchTerm | SearchPhrase)[]): void {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      into.push(node);
      return;
    case 'and':
    case 'or':
      for (const child of node.children) collectPositive(child, into);
      return;
    case 'not':
      return;
  }
}

/** Where a phrase starting at main token `at` ends, or -1 when it does not start there. */
function phraseEndAt(
  tokens: readonly SearchToken[],
  wordOf: Int32Array,
  main: Int32Array,
  at: number,
  phrase: Int32Array,
): number {
  if (at + phrase.length > main.length) return -1;
  for (let k = 0; k < phrase.length; k++) {
    if (wordOf[main[at + k]!] !== phrase[k]) return -1;
  }
  return tokens[main[at + phrase.length - 1]!]!.end;
}

/** A short word typed with one letter missing or wrong ("Nm"): tolerated only if it occurs nowhere. */
const SHORT_WORD = /^\p{L}{2,3}$/u;

/** Sets `matches[n]` for every distinct word `n` of the text that the term matches. */
function markTerm(
  term: SearchTerm,
  text: FindableText,
  numberOf: ReadonlyMap<string, number>,
  matchedTerms: ReadonlySet<string> | undefined,
  matches: Uint8Array,
): void {
  const { vocabulary, vocabularyKinds } = text;
  const wanted = term.text;
  if (matchedTerms) {
    for (const word of matchedTerms) {
      const number = numberOf.get(word);
      if (number !== undefined) matches[number] = 1;
    }
    return;
  }
  const exactly = numberOf.get(wanted);
  if (exactly !== undefined) matches[exactly] = 1;
  if (term.exact || term.indicator !== undefined) return;
  if (term.prefix) {
    vocabulary.forEach((word, number) => {
      if (word.startsWith(wanted)) matches[number] = 1;
    });
    return;
  }
  let budget = term.fuzzy;
  if (budget === 0 && exactly === undefined && SHORT_WORD.test(wanted)) budget = 1;
  if (budget === 0) return;
  vocabulary.forEach((word, number) => {
    // Indicators are never typo-tolerant.
    if (vocabularyKinds[number] !== 'word') return;
    if (boundedEditDistance(word, wanted, budget) <= budget) matches[number] = 1;
  });
}
