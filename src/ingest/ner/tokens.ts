import { lexicon, lookupKey } from './lexicon';

/**
 * What separates a word from the one before it: only spaces (or "&"), so both may belong to one
 * name; a comma (lists, appositions: "Kang Chol, the ambassador"); or anything else.
 */
export type Gap = 'space' | 'comma' | 'other';

export interface Token {
  readonly start: number;
  /** End of the word as a name would use it: without a possessive 's or a "-based" suffix. */
  readonly end: number;
  readonly text: string;
  /** lookupKey(text): lower case, no diacritics, no dots. */
  readonly key: string;
  /** Starts with a capital letter, or is a particle-prefixed name ("al-Qahtani"). */
  readonly cap: boolean;
  /** All capitals, at least two letters ("FBI", "KUALA"). */
  readonly upper: boolean;
  /** Followed by 's or ’s (cut from `end`). */
  readonly possessive: boolean;
  /** A lower-case suffix cut after a hyphen: "based" in "Moscow-based". */
  readonly suffix: string | undefined;
  /** The word a sentence, line or heading begins with: its capital says nothing. */
  sentenceStart: boolean;
  readonly gap: Gap;
  /** A word of digits ("52"), for ages and dates. */
  readonly number: boolean;
  /** Inside an e-mail address, URL or file name: says nothing about the prose around it. */
  readonly technical: boolean;
  /** On a line in capitals: not an acronym. */
  shouted: boolean;
}

const NON_ASCII_WORD_CHAR = /^[\p{L}\p{N}\p{M}]/u;

/** Letters, digits and combining marks. ASCII is decided inline: most text is ASCII. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return NON_ASCII_WORD_CHAR.test(text.slice(i, i + 2));
}

/**
 * Glued by @ . / : _ to other word characters, as in addresses, handles, paths and URLs. A
 * capitalised word after a slash stays prose ("Kuala Lumpur/Singapore").
 */
function isTechnical(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (before === 64) return true; // @example, @handle
  if ((before === 46 || before === 95) && isWordChar(text, start - 2)) return true; // .org, _name
  if (before === 47 && !isAsciiCapital(text, start)) return true; // /path
  const after = text.charCodeAt(end);
  if (after === 64 || after === 95) return true;
  if ((after === 46 || after === 47 || after === 58) && isWordChar(text, end + 1)) return true;
  return after === 58 && text[end + 1] === '/';
}

/**
 * Hashes, wallets, IBANs and identifiers ("CVE-2021-16577", "1A1zP1eP5QG…"): words with three
 * or more digits. "G7", "APT38", "1Malaysia" and "CyberAv3ngers" stay words.
 */
function isCode(word: string): boolean {
  let digits = 0;
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += 1;
  }
  return digits >= 3;
}

function isJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019 || c === 38; // - ' ’ &
}

function isAsciiCapital(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90;
}

/**
 * End of the word starting at `start`: a dotted acronym ("U.S."), or letters and digits joined
 * inside by - ' ’ or & ("Jong-un", "O'Brien", "AT&T"). One pass, no backtracking.
 */
function wordEnd(text: string, start: number): number {
  if (isAsciiCapital(text, start) && text[start + 1] === '.' && isAsciiCapital(text, start + 2)) {
    let i = start;
    while (isAsciiCapital(text, i) && text[i + 1] === '.') i += 2;
    if (i - start >= 4 && !isWordChar(text, i)) return i;
  }
  let i = start + 1;
  for (;;) {
    while (i < text.length && isWordChar(text, i)) i += 1;
    if (i + 1 < text.length && isJoiner(text.charCodeAt(i)) && isWordChar(text, i + 1)) i += 1;
    else return i;
  }
}

/** Lower-case prefixes joined to a name by a hyphen: "anti-China", "pro-Kremlin", "ex-FBI". */
const PREFIX =
  /^(?:anti|pro|ex|non|post|pre|mid|pan|trans|neo|inter|intra|ultra|sub|cross)-(?=\p{Lu})/u;
/** Name particles written onto the name: "al-Qahtani", "el-Sisi", "d'Estaing". */
const PARTICLE_PREFIX = /^(?:al|el|ad|ar|as|at|ash|az|ul|bin|ibn|d)[-'’]\p{Lu}/u;

/** Suffixes after a hyphen that are not part of the name before them: "Moscow-based". */
const HYPHEN_SUFFIXES = new Set(
  `based, linked, backed, born, led, owned, run, controlled, made, style, era, funded, sponsored,
affiliated, bound, registered, listed, headquartered, focused, related, specific, wide, level,
aligned, allied, supported, friendly, leaning, educated, trained, flagged, area, region, built,
designed, origin, origins, centric, type, like, speaking, language`
    .split(',')
    .map((word) => word.trim()),
);

/** Names ending in 's that keep it: "People's Republic", "Moody's". */
const KEEPS_APOSTROPHE_S = new Set([
  "people's",
  "women's",
  "children's",
  "men's",
  "workers'",
  "lloyd's",
  "moody's",
  "mcdonald's",
  "macy's",
  "sotheby's",
  "christie's",
  "dunkin's",
  "wendy's",
  "kellogg's",
  "sainsbury's",
  "hamley's",
  "harrod's",
  "re's",
]);

/**
 * What the previous word was: a title whose full stop joins it to the name ("Ms. Lee",
 * "St. Petersburg"), a word that carries its own full stop (an initial "R.", "U.S."), or neither.
 */
type Abbreviation = 'title' | 'other' | 'none';

const TITLE_ABBREVIATIONS = new Set(
  `mr, mrs, ms, dr, prof, st, mt, ft, gen, col, lt, sgt, capt, cmdr, adm, maj, gov, sen, rep, rev,
hon, det, insp, supt, cpl, pte, gen, brig, atty, amb, pres`
    .split(',')
    .map((word) => word.trim()),
);

function isUpperLetter(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

/** At least two letters, all capitals ("FBI", "U.S."; not "A" or "CyberSecurity"). */
function isAllCapitals(word: string): boolean {
  let letters = 0;
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) letters += 1;
    else if (c >= 97 && c <= 122) return false;
    else if (c > 127) {
      const char = word[i] as string;
      if (isLowerLetter(char)) return false;
      if (isUpperLetter(char)) letters += 1;
    }
  }
  return letters >= 2;
}

function isLowerLetter(char: string): boolean {
  return char !== char.toUpperCase() && char === char.toLowerCase();
}

interface GapInfo {
  readonly gap: Gap;
  /** The next word starts a sentence. */
  readonly breaks: boolean;
  /** The next word starts a line. */
  readonly line: boolean;
}

const SPACE_GAP: GapInfo = { gap: 'space', breaks: false, line: false };
const COMMA_GAP: GapInfo = { gap: 'comma', breaks: false, line: false };
const OTHER_GAP: GapInfo = { gap: 'other', breaks: false, line: false };
const BREAK_GAP: GapInfo = { gap: 'other', breaks: true, line: false };
const LINE_GAP: GapInfo = { gap: 'other', breaks: true, line: true };

/**
 * Reads what lies between two words: whether they may share a name, and whether the second
 * starts a sentence (after . ! ? : ; a line break, or a dash or bar as in "DHAKA - Hackers").
 */
function readGap(text: string, from: number, to: number, afterAbbreviation: Abbreviation): GapInfo {
  let spaces = 0;
  let comma = 0;
  let ampersand = 0;
  let other = 0;
  let stop = false;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0) spaces += 1;
    else if (c === 44) comma += 1;
    else if (c === 38) ampersand += 1;
    else if (c === 10 || c === 13 || c === 0x2029 || c === 0x2028) return LINE_GAP;
    else if (c === 46) {
      if (afterAbbreviation === 'none' || i !== from) stop = true;
      if (afterAbbreviation !== 'title' || i !== from) other += 1;
    } else if (
      c === 33 || // !
      c === 63 || // ?
      c === 58 || // :
      c === 59 || // ;
      c === 124 || // |
      c === 62 || // > (breadcrumbs: "SECURITY > Cybersecurity")
      c === 0xbb || // »
      c === 0x203a || // ›
      c === 0x2022 || // •
      c === 0xb7 // ·
    ) {
      stop = true;
      other += 1;
    } else if (c === 0x2014 || c === 0x2013 || (c === 45 && spaces > 0)) {
      // A dash between spaces separates a dateline or heading from the text.
      stop = true;
      other += 1;
    } else other += 1;
  }
  if (stop) return BREAK_GAP;
  if (other === 0 && comma === 0 && ampersand <= 1 && (spaces > 0 || ampersand === 1)) {
    return SPACE_GAP;
  }
  if (other === 0 && comma === 1) return COMMA_GAP;
  return OTHER_GAP;
}

/**
 * Splits a text into words with what a name recogniser needs to know about each: offsets,
 * capitals, possessives, what separates it from the previous word, and sentence starts.
 */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  let previousAbbreviation: Abbreviation = 'none';
  let lineStart = 0;
  for (let scan = 0; scan < text.length;) {
    if (!isWordChar(text, scan)) {
      scan += 1;
      continue;
    }
    const wordStart = scan;
    scan = wordEnd(text, scan);
    let word = text.slice(wordStart, scan);
    const dash = word.indexOf('-');
    if (dash > 0 && isUpperLetter(word[dash + 1] ?? '') && isUpperLetter(word[0] ?? '')) {
      // "Malaysia-South Korea relations": two places, not one name.
      const places = lexicon().places;
      if (!places.has(lookupKey(word)) && places.has(lookupKey(word.slice(0, dash)))) {
        scan = wordStart + dash;
        word = word.slice(0, dash);
      }
    }
    let start = wordStart;
    let end = scan;
    let rawEnd = end;
    let suffix: string | undefined;
    let possessive = false;

    if (word.length === 1 && text.charCodeAt(end) === 46 && isUpperLetter(word)) {
      // An initial: "Thomas R.", "John F. Kennedy" keep its full stop.
      word += '.';
      end += 1;
      rawEnd = end;
    }
    const plainLower = word.indexOf('-') < 0 && word.indexOf("'") < 0 && word.indexOf('’') < 0;
    const prefix = plainLower ? null : PREFIX.exec(word);
    if (prefix) {
      start += prefix[0].length;
      word = word.slice(prefix[0].length);
    }
    const last = word.length - 1;
    if (
      last >= 2 &&
      (word[last] === 's' || word[last] === 'S') &&
      (word[last - 1] === "'" || word[last - 1] === '’')
    ) {
      if (!KEEPS_APOSTROPHE_S.has(word.toLowerCase().replace('’', "'"))) {
        possessive = true;
        word = word.slice(0, -2);
        end -= 2;
      }
    }
    const hyphen = word.lastIndexOf('-');
    if (hyphen > 0) {
      const tail = word.slice(hyphen + 1);
      if (HYPHEN_SUFFIXES.has(tail.toLowerCase()) && isLowerLetter(tail[0] ?? '')) {
        suffix = tail.toLowerCase();
        word = word.slice(0, hyphen);
        end = start + hyphen;
      }
    }

    // Part of an e-mail address, URL or file name ("priya.raman@example.org"): not prose.
    const technical = isTechnical(text, wordStart, rawEnd) || isCode(word);
    const code = word.charCodeAt(0);
    const isDigit = code >= 48 && code <= 57;
    let cap: boolean;
    if (code >= 65 && code <= 90) cap = true;
    else if (code >= 97 && code <= 122) cap = !plainLower && PARTICLE_PREFIX.test(word);
    else if (isDigit) cap = isUpperLetter(word[1] ?? '');
    else cap = isUpperLetter(word[0] ?? '') || PARTICLE_PREFIX.test(word);
    if (technical) cap = false;
    const upper = cap && isAllCapitals(word);
    const gapInfo =
      tokens.length === 0 ? LINE_GAP : readGap(text, previousEnd, start, previousAbbreviation);
    if (gapInfo.line) {
      markHeadline(text, tokens, lineStart);
      lineStart = tokens.length;
    }
    const key = lookupKey(word);
    tokens.push({
      start,
      end,
      text: word,
      key,
      cap,
      upper,
      possessive,
      suffix,
      sentenceStart: gapInfo.breaks,
      gap: gapInfo.gap,
      number: isDigit && !cap,
      technical,
      shouted: false,
    });
    previousEnd = rawEnd;
    // "Ms. Lee": a title's full stop joins it to the name. Other abbreviations ("Ltd.", "Inc.")
    // end sentences often enough that their full stop is read as one.
    previousAbbreviation =
      !possessive && TITLE_ABBREVIATIONS.has(key) && text[rawEnd] === '.'
        ? 'title'
        : word.endsWith('.')
          ? 'other'
          : 'none';
  }
  markHeadline(text, tokens, lineStart);
  return tokens;
}

/**
 * A heading in Title Case capitalises every word, and a line in capitals ("LEAVE A REPLY")
 * shouts: either way a capital is no evidence of a name, so each word is treated like the start
 * of a sentence, and shouted words are not taken for acronyms.
 */
function markHeadline(text: string, tokens: Token[], lineStart: number): void {
  let capitals = 0;
  let uppers = 0;
  let words = 0;
  for (let i = lineStart; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (token.number) continue;
    words += 1;
    if (token.cap) capitals += 1;
    if (token.upper) uppers += 1;
  }
  const shouted = uppers >= 2 && uppers >= words * 0.5;
  if (!shouted) {
    if (words < 4 || words > 20 || capitals < words * 0.75) return;
    // A sentence full of names ends with a full stop; a heading does not.
    const end = (tokens[tokens.length - 1] as Token).end;
    if (/^[\p{Pe}\p{Pf}"']*[.!?]/u.test(text.slice(end, end + 4))) return;
  }
  for (let i = lineStart; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    token.sentenceStart = true;
    token.shouted = shouted;
  }
}
