import { entityTypeInfo, type KnownEntity } from '../model/entity';

/**
 * Finds mentions of the case's known entities (names and aliases) anywhere in a text, comparing
 * the way `comparableName` does: NFKC, case-folded, dashes and underscores read as spaces, a dot
 * closing a word dropped ("Inc."), white space collapsed. So "Kim Jong-un" in the text is a
 * mention of an entity named "Kim Jong Un". Matches sit on word boundaries and never span a
 * blank line (a paragraph break ends any name).
 *
 * Scale: every name goes into one character trie; the text is normalised once (keeping a map
 * back to the original offsets) and the trie is walked from each word start. The cost is linear
 * in the text and independent of how many names there are, so thousands of names over megabytes
 * of text stay fast. Leftmost-longest: "Bank of America" wins over "Bank" at the same place.
 */

export interface KnownMention {
  /** UTF-16 offsets into the original text; `text.slice(start, end)` is the mention as written. */
  readonly start: number;
  readonly end: number;
  readonly entity: KnownEntity;
  /** The name or alias that matched, as the entity has it. */
  readonly matchedName: string;
  /** True when the match was one of the entity's aliases, not its name. */
  readonly alias: boolean;
}

export interface KnownMatcher {
  find(text: string): KnownMention[];
}

/** Names shorter than this (compared form) are skipped unless the entity is an indicator. */
export const MIN_KNOWN_NAME_LENGTH = 3;

interface Entry {
  readonly entity: KnownEntity;
  readonly name: string;
  readonly alias: boolean;
}

/** Stands for a blank line in the normalised text: no name contains it, so nothing matches across. */
const BARRIER = '\n';

export function createKnownMatcher(known: readonly KnownEntity[]): KnownMatcher {
  // A trie over normalised names: children per node keyed by UTF-16 code unit.
  const children: Map<number, number>[] = [new Map<number, number>()];
  const firstCodes = new Uint8Array(65536);
  const terminal = new Map<number, Entry>();
  for (const entity of known) {
    const indicator = entityTypeInfo(entity.type).indicator;
    entity.names.forEach((name, i) => {
      const key = matchKey(name);
      if (key === '' || key.includes(BARRIER)) return;
      if (key.length < MIN_KNOWN_NAME_LENGTH && !indicator) return;
      let node = 0;
      for (let c = 0; c < key.length; c++) {
        const code = key.charCodeAt(c);
        let next = children[node]!.get(code);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          children[node]!.set(code, next);
          if (node === 0) firstCodes[code] = 1;
        }
        node = next;
      }
      // A shared name goes to the first entity that has it as its name, else the first alias.
      const existing = terminal.get(node);
      if (existing === undefined || (existing.alias && i === 0)) {
        terminal.set(node, { entity, name, alias: i > 0 });
      }
    });
  }
  return {
    find(text) {
      if (terminal.size === 0) return [];
      const { codes, length, starts, ends } = normalise(text);
      const out: KnownMention[] = [];
      let i = 0;
      while (i < length) {
        const code = codes[i]!;
        // A match starts at a word start, or where a name itself starts with punctuation.
        const startsHere =
          firstCodes[code] === 1 && (i === 0 || !isWordCode(code) || !isWordCode(codes[i - 1]!));
        let best: Entry | undefined;
        let bestEnd = -1;
        for (let j = i, node = 0; startsHere && j < length; j++) {
          const next = children[node]!.get(codes[j]!);
          if (next === undefined) break;
          node = next;
          const entry = terminal.get(node);
          // …and ends at a word end.
          if (
            entry !== undefined &&
            (j + 1 === length || !isWordCode(codes[j]!) || !isWordCode(codes[j + 1]!))
          ) {
            best = entry;
            bestEnd = j + 1;
          }
        }
        if (best !== undefined) {
          out.push({
            start: starts[i]!,
            end: ends[bestEnd - 1]!,
            entity: best.entity,
            matchedName: best.name,
            alias: best.alias,
          });
          i = bestEnd;
        } else if (isWordCode(code)) {
          // Nothing starts inside a word: skip to its end.
          i++;
          while (i < length && isWordCode(codes[i]!)) i++;
        } else {
          i++;
        }
      }
      return out;
    },
  };
}

export function findKnownMentions(text: string, known: readonly KnownEntity[]): KnownMention[] {
  return createKnownMatcher(known).find(text);
}

// ---------------------------------------------------------------- normalisation

interface Normalised {
  /** UTF-16 code units of the normalised text (a string of 10 MB is cheaper kept this way). */
  readonly codes: Uint16Array;
  readonly length: number;
  /** For each normalised unit: the original offset where the character it came from starts… */
  readonly starts: Int32Array;
  /** …and where it ends. */
  readonly ends: Int32Array;
}

const DASH_OR_SPACE = /^[\s\u2010-\u2015_-]+$/u;
const HAS_DASH_OR_SPACE = /[\s\u2010-\u2015_-]/u;

/**
 * NFKC + case folding of one character (with its marks), cached: texts reuse few characters.
 * Final sigma is folded to σ: lower-casing one character at a time cannot know that "Σ" ends a
 * word, so "ΟΔΥΣΣΕΥΣ" must still meet "Οδυσσευς".
 */
const folds = new Map<string, string>();
function fold(segment: string): string {
  let folded = folds.get(segment);
  if (folded === undefined) {
    folded = segment.normalize('NFKC').toLocaleLowerCase('en').replace(/ς/g, 'σ');
    if (folds.size > 20_000) folds.clear();
    folds.set(segment, folded);
  }
  return folded;
}
const COMBINING = /\p{M}/u;
const LETTER = /\p{L}/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * `comparableName` applied to a whole text, one character at a time, remembering where each
 * output character came from. The unit tests keep the two equal.
 */
function normalise(text: string): Normalised {
  let codes = new Uint16Array(text.length + 16);
  let starts = new Int32Array(codes.length);
  let ends = new Int32Array(codes.length);
  let length = 0;
  // White space (and dashes) waiting to be written as one space, or a barrier for a blank line.
  let spaceFrom = -1;
  let newlines = 0;
  // Index of a "." written right after a letter: dropped if white space or the end follows.
  let pendingDot = -1;

  const grow = (): void => {
    // NFKC can expand a character ("\ufb01" → "fi"), so the output may outgrow the input.
    const bigger = codes.length * 2;
    const [c, s, e] = [new Uint16Array(bigger), new Int32Array(bigger), new Int32Array(bigger)];
    c.set(codes);
    s.set(starts);
    e.set(ends);
    [codes, starts, ends] = [c, s, e];
  };
  const emitCode = (code: number, from: number, to: number): void => {
    if (length === codes.length) grow();
    codes[length] = code;
    starts[length] = from;
    ends[length] = to;
    length++;
  };
  const dropPendingDot = (): void => {
    if (pendingDot !== -1 && pendingDot === length - 1) length--;
    pendingDot = -1;
  };
  const flushSpace = (): void => {
    if (spaceFrom === -1) return;
    dropPendingDot();
    if (length > 0) emitCode(newlines >= 2 ? BARRIER_CODE : 32, spaceFrom, spaceFrom + 1);
    spaceFrom = -1;
    newlines = 0;
  };
  const startSpace = (at: number): void => {
    if (spaceFrom === -1) spaceFrom = at;
  };

  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    // ASCII fast path, unless combining marks follow ("e\u0301" is "é").
    if (code < 128 && !(next >= 0x300 && COMBINING.test(text[i + 1]!))) {
      if (code === 32 || (code >= 9 && code <= 13) || code === 45 || code === 95) {
        if (spaceFrom === -1) spaceFrom = i;
        if (code === 10) newlines++;
      } else {
        // The hot path, kept free of calls: most characters are ASCII letters and digits.
        if (spaceFrom !== -1) flushSpace();
        if (code === 46) pendingDot = length > 0 && isLetterCode(codes[length - 1]!) ? length : -1;
        if (length === codes.length) grow();
        codes[length] = code >= 65 && code <= 90 ? code + 32 : code;
        starts[length] = i;
        ends[length] = i + 1;
        length++;
      }
      i++;
      continue;
    }
    // A code point and its combining marks are normalised together ("e\u0301" → "é").
    let end = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1);
    while (end < text.length && COMBINING.test(text[end]!)) end++;
    const folded = fold(text.slice(i, end));
    if (code === 0x2029) newlines += 2;
    if (!HAS_DASH_OR_SPACE.test(folded)) {
      if (spaceFrom !== -1) flushSpace();
      for (let k = 0; k < folded.length; k++) emitCode(folded.charCodeAt(k), i, end);
      i = end;
      continue;
    }
    // NFKC may itself produce spaces or dashes ("\u00a0", "\u2011"): those read as white space.
    for (const part of folded.split(/([\s\u2010-\u2015_-]+)/u)) {
      if (part === '') continue;
      if (DASH_OR_SPACE.test(part)) {
        startSpace(i);
        continue;
      }
      flushSpace();
      for (let k = 0; k < part.length; k++) emitCode(part.charCodeAt(k), i, end);
    }
    i = end;
  }
  dropPendingDot();
  return { codes, length, starts, ends };
}

const BARRIER_CODE = 10;

/** Per UTF-16 unit: 0 not yet known, 1 a word character (letter, digit, mark), 2 not. */
const wordCodes = new Uint8Array(65536);
/** Per UTF-16 unit: 0 not yet known, 1 a letter, 2 not. */
const letterCodes = new Uint8Array(65536);

function isWordCode(code: number): boolean {
  let known = wordCodes[code]!;
  if (known === 0) {
    known = WORD.test(String.fromCharCode(code)) ? 1 : 2;
    wordCodes[code] = known;
  }
  return known === 1;
}

function isLetterCode(code: number): boolean {
  let known = letterCodes[code]!;
  if (known === 0) {
    known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
    letterCodes[code] = known;
  }
  return known === 1;
}

/** The form a name is matched in: comparableName's, with final sigma folded to σ. */
export function matchKey(name: string): string {
  const { codes, length } = normalise(name);
  let out = '';
  for (let k = 0; k < length; k++) out += String.fromCharCode(codes[k]!);
  return out.trim();
}
