import { foldWord, tokenize, type SearchToken } from './tokenize';
import type { SearchRange, SearchSnippet } from './types';

/**
 * Finding matches inside one document's text, for snippets, highlights and phrase checks. Texts
 * can be megabytes long and many hits are shown, so nothing here tokenizes a whole text (the
 * tokenizer's indicator scan costs about 0.3 ms per 5 KB). Instead a "word reader" walks the
 * lower-cased text: candidate places come from `indexOf` of a word at word boundaries, plus the
 * few words written with non-ASCII letters (folded one by one), the words after a candidate are
 * read and compared, and only a place that reads right is confirmed by tokenizing a small window
 * around it, so what is reported always agrees with `tokenize`. Texts the reader cannot follow
 * (Han/Kana, or where lower-casing changes lengths) and non-word terms (indicators) not found
 * verbatim fall back to tokenizing CHUNK_LENGTH-character windows until the first hit.
 */

export const SNIPPET_LENGTH = 200;
/** Characters shown before the first match in a snippet. */
const SNIPPET_LEAD = 60;
const CHUNK_LENGTH = 4096;
/** How far a window is stretched to end on whitespace before it is cut anyway. */
const CUT_SLACK = 256;
/** Candidates that read right but failed the tokenizer's confirmation before giving up. */
const MAX_FALSE_CANDIDATES = 64;

/** What the matchers need to know about a text; cheap to keep per document. */
export interface TextInfo {
  readonly ascii: boolean;
  /** The word reader can follow it (see the file comment). */
  readonly readable: boolean;
  /** Its words written with non-ASCII characters, folded; filled on first use. */
  foreign?: readonly ReadWord[];
}

const NOT_ASCII = /[\u0080-\uffff]/;
const NOT_ASCII_GLOBAL = /[\u0080-\uffff]/g;
/**
 * Han, Hiragana and Katakana by code-unit ranges (with the surrogates of the planes holding Han
 * extensions): much cheaper than script properties on long texts, and a false alarm only costs
 * the slower fallback.
 */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ud840-\ud87f]/;
const ASCII_WORD = /[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*/g;
const POSSESSIVE_S = /'[sS]$/;
const NON_ASCII_WORD_CHAR = /^[\p{L}\p{N}\p{M}\u00AD\u200C\u200D]$/u;
/** A term the word reader can find: a folded word (Han/Kana texts are not read at all). */
const READABLE_TERM = /^[\p{L}\p{N}\p{M}']+$/u;

export function textInfo(text: string): TextInfo {
  if (!NOT_ASCII.test(text)) return { ascii: true, readable: true };
  // U+0130 (İ) is the one character whose lower case is longer, which would shift offsets.
  return { ascii: false, readable: !text.includes('\u0130') && !CJK.test(text) };
}

/** The whitespace the snippet collapses and windows are cut at. */
export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Tokens of `text` (with indicator parts, as indexed) whose text is in `terms`, merged ranges. */
export function highlightRanges(text: string, terms: ReadonlySet<string>): SearchRange[] {
  if (terms.size === 0 || text === '') return [];
  const ranges: SearchRange[] = [];
  if (!NOT_ASCII.test(text)) {
    // An ASCII text's words are exactly these runs (indicator parts included), lower-cased.
    ASCII_WORD.lastIndex = 0;
    for (let match = ASCII_WORD.exec(text); match !== null; match = ASCII_WORD.exec(text)) {
      let word = match[0];
      if (word.length > 2 && POSSESSIVE_S.test(word)) word = word.slice(0, -2);
      if (terms.has(word.toLowerCase())) {
        ranges.push({ start: match.index, end: match.index + word.length });
      }
    }
    if (everyReadable(terms)) return ranges;
    for (const token of tokenize(text, { indicatorParts: true })) {
      if (token.kind === 'indicator' && terms.has(token.text)) {
        ranges.push({ start: token.start, end: token.end });
      }
    }
    return mergeRanges(ranges);
  }
  if (everyReadable(terms) && textInfo(text).readable) {
    // Words only: the word reader gives the same words as the tokenizer, without its
    // indicator scan.
    const lower = text.toLowerCase();
    for (let position = 0; position < text.length;) {
      if (!isWordAt(text, position)) {
        position++;
        continue;
      }
      const word = readWord(text, lower, position);
      if (terms.has(word.folded)) ranges.push({ start: word.start, end: word.end });
      position = Math.max(word.next, position + 1);
    }
    return ranges;
  }
  for (const token of tokenize(text, { indicatorParts: true })) {
    if (terms.has(token.text)) ranges.push({ start: token.start, end: token.end });
  }
  return mergeRanges(ranges);
}

function everyReadable(terms: Iterable<string>): boolean {
  for (const term of terms) if (!READABLE_TERM.test(term)) return false;
  return true;
}

/** The first token of `text` whose text is in `terms`, as offsets into `text`. */
export function findFirstMatch(
  text: string,
  terms: ReadonlySet<string>,
  info: TextInfo,
): SearchRange | undefined {
  if (terms.size === 0 || text === '') return undefined;
  if (info.readable) {
    const found = findFirstByReading(text, terms, info);
    if (found !== UNSURE) return found;
  }
  let found: SearchRange | undefined;
  scanChunks(text, 0, (tokens) => {
    const token = tokens.find((candidate) => terms.has(candidate.text));
    if (token !== undefined) found = { start: token.start, end: token.end };
    return found !== undefined;
  });
  return found;
}

/**
 * The first place `tokens` occur consecutively in `text` (from the first token's start to the
 * last one's end), or undefined.
 */
export function findPhrase(
  text: string,
  tokens: readonly string[],
  info: TextInfo,
): SearchRange | undefined {
  if (tokens.length === 0 || text === '') return undefined;
  if (info.readable && tokens.every((token) => READABLE_TERM.test(token))) {
    const found = findPhraseByReading(text, tokens, info);
    if (found !== UNSURE) return found;
  }
  let found: SearchRange | undefined;
  let carried: SearchToken[] = [];
  scanChunks(text, 0, (chunkTokens) => {
    const all = carried.length === 0 ? chunkTokens : [...carried, ...chunkTokens];
    found = phraseIn(all, tokens);
    carried = all.slice(Math.max(0, all.length - tokens.length + 1));
    return found !== undefined;
  });
  return found;
}

/**
 * A snippet of about SNIPPET_LENGTH characters of `text` around `match` (its start when there is
 * none), whitespace runs collapsed, with the tokens in `terms` highlighted.
 */
export function makeSnippet(
  text: string,
  match: SearchRange | undefined,
  terms: ReadonlySet<string>,
): SearchSnippet {
  const anchor = match?.start ?? 0;
  let start = Math.max(0, anchor - SNIPPET_LEAD);
  // Start on a word boundary, never after the match.
  if (start > 0 && !isSpace(text.charCodeAt(start - 1))) {
    let next = start;
    while (next < anchor && !isSpace(text.charCodeAt(next))) next++;
    start = next < anchor ? next + 1 : start;
  }
  const matchEnd = match?.end ?? anchor;
  let end = Math.min(text.length, Math.max(start + SNIPPET_LENGTH, matchEnd));
  if (end < text.length) {
    let previous = end;
    while (previous > matchEnd && !isSpace(text.charCodeAt(previous))) previous--;
    if (previous > matchEnd) end = previous;
  }
  const window = text.slice(start, end);
  const { collapsed, positions } = collapseWhitespace(window);
  const highlights: SearchRange[] = [];
  for (const range of highlightRanges(window, terms)) {
    const from = positions[range.start]!;
    const to = positions[range.end - 1]! + 1;
    if (to > from) highlights.push({ start: from, end: to });
  }
  return {
    text: collapsed,
    highlights,
    cutBefore: hasTextBefore(text, start),
    cutAfter: hasTextAfter(text, end),
  };
}

// ---------------------------------------------------------------- the word reader

const UNSURE = Symbol('unsure');

/** Whether the character at `index` belongs to a word (as the tokenizer's words are made). */
function isWordAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  if (Number.isNaN(code)) return false;
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return NON_ASCII_WORD_CHAR.test(isHighSurrogate ? text.slice(index, index + 2) : text[index]!);
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x02bc;
}

function charLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff ? 2 : 1;
}

export interface ReadWord {
  readonly start: number;
  readonly end: number;
  /** Where reading goes on (after a dropped possessive `'s`). */
  readonly next: number;
  readonly folded: string;
}

/** The word starting at `start`, read and folded as the tokenizer does. */
function readWord(text: string, lower: string, start: number): ReadWord {
  let end = start;
  for (;;) {
    while (end < text.length && isWordAt(text, end)) end += charLength(text, end);
    if (end + 1 < text.length && isApostrophe(text.charCodeAt(end)) && isWordAt(text, end + 1)) {
      end++;
      continue;
    }
    break;
  }
  const next = end;
  // English possessive: `Kim's` is `kim`.
  if (
    end - start > 2 &&
    (text.charCodeAt(end - 1) | 32) === 115 &&
    isApostrophe(text.charCodeAt(end - 2))
  ) {
    end -= 2;
  }
  const raw = text.slice(start, end);
  return {
    start,
    end,
    next,
    folded: !NOT_ASCII.test(raw) ? lower.slice(start, end) : foldWord(raw),
  };
}

function foreignWordsOf(text: string, lower: string, info: TextInfo): readonly ReadWord[] {
  info.foreign ??= foreignWords(text, lower);
  return info.foreign;
}

/** Words of `text` written with non-ASCII characters, folded (the rest is found by indexOf). */
function foreignWords(text: string, lower: string): ReadWord[] {
  const words: ReadWord[] = [];
  NOT_ASCII_GLOBAL.lastIndex = 0;
  for (let match = NOT_ASCII_GLOBAL.exec(text); match !== null;) {
    let start = match.index;
    if (isWordAt(text, start)) {
      while (start > 0) {
        if (isWordAt(text, start - 1)) start--;
        else if (
          start > 1 &&
          isApostrophe(text.charCodeAt(start - 1)) &&
          isWordAt(text, start - 2)
        ) {
          start -= 2;
        } else break;
      }
      // A low surrogate is not a start.
      const code = text.charCodeAt(start);
      if (code >= 0xdc00 && code <= 0xdfff && start > 0) start--;
      const word = readWord(text, lower, start);
      if (word.end > word.start) words.push(word);
      NOT_ASCII_GLOBAL.lastIndex = Math.max(word.next, match.index + 1);
    }
    match = NOT_ASCII_GLOBAL.exec(text);
  }
  return words;
}

/**
 * Where reading goes on after the word at `start` when that word is `token` (folded), else -1.
 * Plain ASCII words are compared in place; anything else is read and folded.
 */
function wordAt(text: string, lower: string, start: number, token: string): number {
  let end = start;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (!(
      (code >= 48 && code <= 57) ||
      (code >= 97 && code <= 122) ||
      (code >= 65 && code <= 90)
    )) {
      break;
    }
  }
  const stop = end < text.length ? text.charCodeAt(end) : 32;
  if (stop < 128 && stop !== 39) {
    return end - start === token.length && lower.startsWith(token, start) ? end : -1;
  }
  const word = readWord(text, lower, start);
  return word.end > word.start && word.folded === token ? word.next : -1;
}

/** Where `term` (a folded ASCII word) is next written as a whole word from `from`, or -1. */
function nextAsciiWord(text: string, lower: string, term: string, from: number): number {
  for (let at = lower.indexOf(term, from); at >= 0; at = lower.indexOf(term, at + 1)) {
    if (at > 0 && isWordAt(text, at - 1)) continue;
    const after = at + term.length;
    // Most rejections: the word goes on (only an apostrophe needs a closer look).
    if (isWordAt(text, after)) continue;
    if (!isApostrophe(text.charCodeAt(after)) || readWord(text, lower, at).folded === term)
      return at;
  }
  return -1;
}

/** Tokens of the window around [start, end) with offsets into `text`. */
function windowTokens(text: string, start: number, end: number): SearchToken[] {
  const from = spaceBefore(text, start);
  const to = spaceAfter(text, end);
  return tokenize(text.slice(from, to), { indicatorParts: true }).map((token) => ({
    ...token,
    start: token.start + from,
    end: token.end + from,
  }));
}

function findFirstByReading(
  text: string,
  terms: ReadonlySet<string>,
  info: TextInfo,
): SearchRange | undefined | typeof UNSURE {
  const lower = text.toLowerCase();
  const asciiWords: string[] = [];
  const verbatim: string[] = [];
  let longest = 0;
  for (const term of terms) {
    longest = Math.max(longest, term.length);
    if (!READABLE_TERM.test(term)) verbatim.push(term);
    else if (!NOT_ASCII.test(term)) asciiWords.push(term);
  }
  const foreign = info.ascii
    ? []
    : foreignWordsOf(text, lower, info).filter((w) => terms.has(w.folded));
  // Next candidate per term, recomputed only once passed.
  const next = new Map<string, number>();
  let foreignIndex = 0;
  let from = 0;
  for (let attempt = 0; attempt < MAX_FALSE_CANDIDATES; attempt++) {
    let best = -1;
    for (const term of asciiWords) {
      let at = next.get(term);
      if (at === undefined || (at >= 0 && at < from)) {
        at = nextAsciiWord(text, lower, term, from);
        next.set(term, at);
      }
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    let bestIsWord = best >= 0;
    for (const term of verbatim) {
      const at = lower.indexOf(term, from);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
        bestIsWord = false;
      }
    }
    while (foreignIndex < foreign.length && foreign[foreignIndex]!.start < from) foreignIndex++;
    const word = foreign[foreignIndex];
    if (word !== undefined && (best < 0 || word.start <= best)) {
      return { start: word.start, end: word.end };
    }
    // Nothing readable left: a defanged indicator may still be there.
    if (best < 0) return verbatim.length > 0 ? UNSURE : undefined;
    // A word the reader found is a token (indicator parts are tokens too); an indicator written
    // verbatim is confirmed by the tokenizer.
    if (bestIsWord) return { start: best, end: readWord(text, lower, best).end };
    const token = windowTokens(text, best, best + longest + 64).find(
      (candidate) => candidate.start >= best && terms.has(candidate.text),
    );
    if (token !== undefined) return { start: token.start, end: token.end };
    from = best + 1;
  }
  return UNSURE;
}

function findPhraseByReading(
  text: string,
  tokens: readonly string[],
  info: TextInfo,
): SearchRange | undefined | typeof UNSURE {
  const lower = text.toLowerCase();
  const first = tokens[0]!;
  const foreign = info.ascii
    ? []
    : foreignWordsOf(text, lower, info).filter((w) => w.folded === first);
  const ascii = !NOT_ASCII.test(first);
  let foreignIndex = 0;
  let asciiAt = ascii ? nextAsciiWord(text, lower, first, 0) : -1;
  let falseCandidates = 0;
  for (;;) {
    const word = foreign[foreignIndex];
    let at: number;
    if (asciiAt >= 0 && (word === undefined || asciiAt < word.start)) {
      at = asciiAt;
      asciiAt = nextAsciiWord(text, lower, first, at + 1);
    } else if (word !== undefined) {
      at = word.start;
      foreignIndex++;
    } else {
      return undefined;
    }
    // Read on: do the next words spell the rest of the phrase?
    let position = wordAt(text, lower, at, first);
    for (let k = 1; k < tokens.length && position >= 0; k++) {
      while (position < text.length && !isWordAt(text, position)) position++;
      position = position < text.length ? wordAt(text, lower, position, tokens[k]!) : -1;
    }
    if (position < 0) continue;
    const found = phraseIn(windowTokens(text, at, position), tokens);
    if (found !== undefined) return found;
    if (++falseCandidates >= MAX_FALSE_CANDIDATES) return UNSURE;
  }
}

// ---------------------------------------------------------------- internals

function phraseIn(all: readonly SearchToken[], tokens: readonly string[]): SearchRange | undefined {
  for (let i = 0; i + tokens.length <= all.length; i++) {
    let j = 0;
    while (j < tokens.length && all[i + j]!.text === tokens[j]) j++;
    if (j === tokens.length) {
      return { start: all[i]!.start, end: all[i + tokens.length - 1]!.end };
    }
  }
  return undefined;
}

/**
 * Tokenizes `text` window by window from `from`, each cut on whitespace, until `visit` (given
 * tokens with offsets into `text`) returns true.
 */
function scanChunks(text: string, from: number, visit: (tokens: SearchToken[]) => boolean): void {
  for (let start = from; start < text.length;) {
    const end = spaceAfter(text, start + CHUNK_LENGTH);
    const tokens = tokenize(text.slice(start, end), { indicatorParts: true }).map((token) => ({
      ...token,
      start: token.start + start,
      end: token.end + start,
    }));
    if (visit(tokens)) return;
    start = end;
  }
}

/** The start of the whitespace-separated run holding `at` (at most CUT_SLACK back). */
function spaceBefore(text: string, at: number): number {
  const limit = Math.max(0, at - CUT_SLACK);
  let position = at;
  while (position > limit && !isSpace(text.charCodeAt(position - 1))) position--;
  return position;
}

/** `at` moved forward to the next whitespace (at most CUT_SLACK further), or the text's end. */
function spaceAfter(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const limit = Math.min(text.length, at + CUT_SLACK);
  let position = at;
  while (position < limit && !isSpace(text.charCodeAt(position))) position++;
  return position;
}

function hasTextBefore(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

function hasTextAfter(text: string, end: number): boolean {
  for (let i = end; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

/**
 * `window` with whitespace runs as single spaces and no leading or trailing whitespace, and for
 * each of its characters the index it has in the result (collapsed characters map to their run's
 * space).
 */
function collapseWhitespace(window: string): { collapsed: string; positions: Int32Array } {
  const positions = new Int32Array(window.length + 1);
  const parts: string[] = [];
  let length = 0;
  let pendingSpace = false;
  let runStart = 0;
  for (let i = 0; i < window.length; i++) {
    if (isSpace(window.charCodeAt(i))) {
      if (i > runStart) parts.push(window.slice(runStart, i));
      runStart = i + 1;
      if (length > 0) pendingSpace = true;
      positions[i] = length;
      continue;
    }
    if (pendingSpace) {
      parts.push(' ');
      length++;
      pendingSpace = false;
    }
    positions[i] = length;
    length++;
  }
  if (window.length > runStart) parts.push(window.slice(runStart));
  positions[window.length] = length;
  return { collapsed: parts.join(''), positions };
}

function mergeRanges(ranges: SearchRange[]): SearchRange[] {
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SearchRange[] = [{ ...ranges[0]! }];
  for (const range of ranges.slice(1)) {
    const last = merged[merged.length - 1]!;
    if (range.start <= last.end) {
      if (range.end > last.end) merged[merged.length - 1] = { start: last.start, end: range.end };
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}
