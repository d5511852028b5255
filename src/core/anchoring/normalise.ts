/**
 * Offset-preserving normalisation for the anchoring fallback: NFC plus "any run of white space is
 * one space" (the same rules as canonical text), with a map from each normalised UTF-16 unit back
 * to the original range it came from, so a match in normalised text becomes a range in the original.
 */

export interface NormalisedText {
  readonly text: string;
  /** Original offset where the character that produced normalised char `index` begins. */
  startOf(index: number): number;
  /** Original offset where that character (or white-space run, or cluster) ends, exclusive. */
  endOf(index: number): number;
  /**
   * Whether a cut at normalised `index` falls between characters of the original: false inside
   * a cluster (a letter and its combining marks), which a match must not begin or end in.
   */
  isBoundary(index: number): boolean;
}

/** Same set as JavaScript's `\s` (which canonical text collapses), tested without a regex per char. */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const MARK = /^\p{M}$/u;

/**
 * True when the code point at `index` composes with what precedes it under NFC: combining marks,
 * and Hangul conjoining vowels/trailing consonants (letters, not marks, but they compose too).
 */
function continuesCluster(s: string, index: number): boolean {
  const cp = s.codePointAt(index) ?? 0;
  if (cp < 0x300) return false; // nothing below the combining block composes with a predecessor
  if (cp >= 0x1160 && cp <= 0x11ff) return true;
  return MARK.test(String.fromCodePoint(cp));
}

/** Below U+0300, a character not followed by a mark is its own NFC cluster and unchanged by it. */
function isPlain(s: string, index: number): boolean {
  const code = s.charCodeAt(index);
  return (
    code < 0x300 &&
    !isWhiteSpace(code) &&
    (index + 1 >= s.length || !continuesCluster(s, index + 1))
  );
}

function codePointLength(s: string, index: number): number {
  return (s.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
}

/**
 * Normalises `s` cluster by cluster (a character plus the marks or Hangul jamo that follow it).
 * That matches NFC of the whole string for real text; the rare compositions it misses (non-mark
 * characters that compose) can only make the fallback miss a match, i.e. report an orphan.
 * The map is kept per piece (a run of untouched characters, a white-space run or a cluster) and
 * looked up by binary search, so a 1 MB text does not need millions of map entries.
 */
export function normaliseWithMap(s: string): NormalisedText {
  const parts: string[] = [];
  // Per piece: where it starts in the normalised text, its original range, and whether it maps
  // character by character (untouched run) or as a whole (white-space run, normalised cluster).
  const normStarts: number[] = [];
  const origStarts: number[] = [];
  const origEnds: number[] = [];
  const oneToOne: boolean[] = [];
  const n = s.length;
  let length = 0;
  const piece = (from: number, to: number, out: string, linear: boolean): void => {
    parts.push(out);
    normStarts.push(length);
    origStarts.push(from);
    origEnds.push(to);
    oneToOne.push(linear);
    length += out.length;
  };
  let i = 0;
  while (i < n) {
    let j = i + 1;
    if (isWhiteSpace(s.charCodeAt(i))) {
      while (j < n && isWhiteSpace(s.charCodeAt(j))) j++;
      piece(i, j, ' ', false);
    } else if (isPlain(s, i)) {
      // Most Latin text: a run NFC leaves alone, copied as one slice.
      while (j < n && isPlain(s, j)) j++;
      piece(i, j, s.slice(i, j), true);
    } else {
      j = i + codePointLength(s, i);
      while (j < n && continuesCluster(s, j)) j += codePointLength(s, j);
      piece(i, j, s.slice(i, j).normalize('NFC'), false);
    }
    i = j;
  }

  const pieceOf = (index: number): number => {
    let lo = 0;
    let hi = normStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((normStarts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    text: parts.join(''),
    startOf(index) {
      const p = pieceOf(index);
      const origin = origStarts[p] ?? 0;
      return oneToOne[p] ? origin + index - (normStarts[p] ?? 0) : origin;
    },
    endOf(index) {
      const p = pieceOf(index);
      return oneToOne[p]
        ? (origStarts[p] ?? 0) + index - (normStarts[p] ?? 0) + 1
        : (origEnds[p] ?? 0);
    },
    isBoundary(index) {
      if (index <= 0 || index >= length) return true;
      const p = pieceOf(index);
      return oneToOne[p] === true || normStarts[p] === index;
    },
  };
}

/** Normalised form of a short string (a quote or its context) when no offset map is needed. */
export function normaliseLoose(s: string): string {
  return normaliseWithMap(s).text;
}
