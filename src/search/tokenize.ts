import { scanIndicators, type IndicatorKind } from '../core/extraction/scan';
import { foldForSearch } from '../core/model/note';

/**
 * The one tokenizer of case-wide search, used both to index texts and to read query terms, so a
 * word is always cut and folded the same way on both sides.
 *
 * - Indicators (IPs, CIDRs, domains, URLs, e-mail addresses, hashes, CVEs, Bitcoin and Ethereum
 *   addresses, IBANs) are found first with core's validated scanner (`scanIndicators`), defanged
 *   forms included, and each becomes one `indicator` token whose text is core's refanged,
 *   normalised value (IBANs compact, URLs with scheme and host normalised, Ethereum addresses
 *   checksummed …), lower-cased: search ignores case everywhere, so `Admin@Corp.com` and
 *   `admin@corp.com` are one token (and Base58 case never tells two real wallets apart). They are
 *   never split into words, so `1.2.3.4` or a wallet is one exact token.
 * - The text around them is cut into `word` tokens: runs of letters, digits and combining marks
 *   (soft hyphens and zero-width joiners inside a word do not cut it). An apostrophe between two
 *   letters stays inside the word (`o'brien`), and an English possessive `'s` is dropped
 *   (`Kim's` → `kim`). Han, Hiragana and Katakana are written without spaces, so each of their
 *   characters is a token of its own (a phrase query then matches the characters in order).
 * - Words are folded: NFKD, combining marks stripped, lower-cased, and the Latin letters that have
 *   no decomposition mapped by hand (ø → o, ł → l, ß → ss, æ → ae …), so "Müller", "MULLER" and
 *   "Mu\u0308ller" all give `muller` and "Łukasz" gives `lukasz`.
 *
 * Offsets are UTF-16 offsets into the text as given: `text.slice(start, end)` is what the token
 * was read from (the defanged form for a defanged indicator, `Kim` for `Kim's`), so hits can be
 * highlighted in the original.
 *
 * Linear time: the indicator scanner is linear by construction (see scan.ts), and words are read
 * with one regular expression without nested overlapping quantifiers.
 */

/**
 * Version of what `tokenize` produces, recorded in persisted indexes (snapshot.ts): bump whenever
 * tokenize output changes, so indexes built with the old tokens are rebuilt instead of used.
 */
export const TOKENIZER_VERSION = 1;

export type SearchTokenKind = 'word' | 'indicator';

export interface SearchToken {
  /** Folded word, or the indicator's canonical value lower-cased. */
  readonly text: string;
  /** UTF-16 offsets into the tokenized text. */
  readonly start: number;
  readonly end: number;
  readonly kind: SearchTokenKind;
  /** For indicators: which kind core recognised. */
  readonly indicator?: IndicatorKind;
}

export interface TokenizeOptions {
  /**
   * Also emit the words written inside each indicator, after its indicator token (for indexing:
   * so `acme` finds `acme.com` and `smith` finds `j.smith@corp.com`). A query never uses this:
   * an indicator in a query must match exactly.
   */
  readonly indicatorParts?: boolean;
}

export function tokenize(text: string, options: TokenizeOptions = {}): SearchToken[] {
  const tokens: SearchToken[] = [];
  let cursor = 0;
  for (const match of scanIndicators(text)) {
    if (match.start < cursor) continue; // scanIndicators never overlaps; defensive only
    pushWords(text, cursor, match.start, tokens);
    tokens.push({
      text: match.value.toLowerCase(),
      start: match.start,
      end: match.end,
      kind: 'indicator',
      indicator: match.kind,
    });
    if (options.indicatorParts === true) pushWords(text, match.start, match.end, tokens);
    cursor = match.end;
  }
  pushWords(text, cursor, text.length, tokens);
  return tokens;
}

/** Folds a word as the tokenizer does: no case, no accents, canonical apostrophe. */
export function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase().replace(EDGE_APOSTROPHES, '');
  // Texts repeat their few non-ASCII words (names) many times: remember the folds.
  let folded = foldCache.get(word);
  if (folded === undefined) {
    if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear();
    folded = foldUnicode(word);
    foldCache.set(word, folded);
  }
  return folded;
}

const FOLD_CACHE_SIZE = 10_000;
const foldCache = new Map<string, string>();

function foldUnicode(word: string): string {
  return foldForSearch(word)
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(UNDECOMPOSED, (letter) => UNDECOMPOSED_MAP[letter] ?? letter)
    .replace(NOT_WORD, '')
    .replace(EDGE_APOSTROPHES, '');
}

// ---------------------------------------------------------------- words

/** Letters, digits and apostrophes of ASCII: runs that fold by lower-casing alone. */
const ASCII = /^[A-Za-z0-9']*$/;
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}\\u00AD\\u200C\\u200D]';
const APOSTROPHE = "['\u2019\u02BC]";
/** A run of word characters, and further runs joined to it by single apostrophes. */
const WORD = new RegExp(`${WORD_CHAR}+(?:${APOSTROPHE}${WORD_CHAR}+)*`, 'gu');
const POSSESSIVE = new RegExp(`${APOSTROPHE}[sS]$`, 'u');
const TRAILING_APOSTROPHES = new RegExp(`${APOSTROPHE}+$`, 'u');
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const CJK_SPLIT =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+/gu;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const APOSTROPHES = /[\u2019\u02BC]/g;
/** What NFKD may leave that is not part of a word (`⑴` → `(1)`, `½` → `1⁄2`). */
const NOT_WORD = /[^\p{L}\p{N}']/gu;
const EDGE_APOSTROPHES = /^'+|'+$/g;

/** Latin letters that NFKD does not decompose, written as investigators type them without accents. */
const UNDECOMPOSED_MAP: Readonly<Record<string, string>> = {
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};
const UNDECOMPOSED = /[øđðłßæœþıħŧ]/g;

function pushWords(text: string, from: number, to: number, tokens: SearchToken[]): void {
  // One regular expression walked over the original text (no slices, no new iterators per gap).
  WORD.lastIndex = from;
  for (let match = WORD.exec(text); match !== null && match.index < to; match = WORD.exec(text)) {
    const start = match.index;
    // An indicator may begin right after a word character (scanIndicators' lookbehinds are ASCII).
    let run = match[0];
    if (start + run.length > to) run = run.slice(0, to - start).replace(TRAILING_APOSTROPHES, '');
    if (run === '') continue;
    if (run.length > 2 && POSSESSIVE.test(run)) run = run.slice(0, -2);
    if (ASCII.test(run)) {
      tokens.push({ text: run.toLowerCase(), start, end: start + run.length, kind: 'word' });
    } else if (CJK.test(run)) {
      for (const part of run.matchAll(CJK_SPLIT)) pushWord(part[0], start + part.index, tokens);
    } else {
      pushWord(run, start, tokens);
    }
  }
}

function pushWord(raw: string, start: number, tokens: SearchToken[]): void {
  const folded = foldWord(raw);
  if (folded === '') return;
  tokens.push({ text: folded, start, end: start + raw.length, kind: 'word' });
}
