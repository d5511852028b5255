import { err, ok, type Result } from '../../shared/result';
import type { TextPositionSelector, TextQuoteSelector } from '../model/records';
import {
  isHighSurrogate,
  isLowSurrogate,
  isWhiteSpace,
  normaliseLoose,
  normaliseWithMap,
} from './normalise';

/** Characters of context kept on each side of a quote; enough to tell repeated names apart. */
export const DEFAULT_CONTEXT_LENGTH = 32;

export interface RangeSelectors {
  readonly quote: TextQuoteSelector;
  readonly position: TextPositionSelector;
}

export interface AnchorSelectors {
  readonly quote: TextQuoteSelector;
  readonly position?: TextPositionSelector;
}

/**
 * - `exact`: the stored position still holds the quote.
 * - `moved`: the quote was found elsewhere (or only after normalising white space / NFC).
 * - `orphaned`: the quote is gone; the caller keeps the passage and flags it.
 */
export type AnchorResult =
  | { readonly status: 'exact'; readonly start: number; readonly end: number }
  | { readonly status: 'moved'; readonly start: number; readonly end: number }
  | { readonly status: 'orphaned' };

/**
 * Builds the W3C quote and position selectors for a selection `[start, end)` of canonical text.
 *
 * White space at either edge of the selection is trimmed off the range (selecting " Kim Jong Nam "
 * anchors "Kim Jong Nam"), because a stray edge space makes the quote harder to re-find and is
 * never meaningful. A selection that splits a surrogate pair is widened to the whole character.
 * Prefix and suffix hold up to `context` UTF-16 units and are shortened rather than split a pair.
 */
export function describeRange(
  text: string,
  start: number,
  end: number,
  context: number = DEFAULT_CONTEXT_LENGTH,
): Result<RangeSelectors> {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    return err('anchor.invalid', 'The selection start and end must be whole numbers.');
  }
  if (!Number.isInteger(context) || context < 0) {
    return err('anchor.invalid', 'The context length must be a whole number, zero or more.');
  }
  if (start >= end) return err('anchor.empty', 'A passage needs at least one character.');
  if (start < 0 || end > text.length) {
    return err(
      'anchor.outOfRange',
      `The selection ${start}–${end} lies outside the text, which has ${text.length} characters.`,
    );
  }
  let s = start;
  let e = end;
  while (s < e && isWhiteSpace(text.charCodeAt(s))) s++;
  while (e > s && isWhiteSpace(text.charCodeAt(e - 1))) e--;
  if (s === e) {
    return err('anchor.blank', 'The selection is only white space; select some text.');
  }
  if (s > 0 && splitsPair(text, s)) s--;
  if (e < text.length && splitsPair(text, e)) e++;

  let prefixStart = Math.max(0, s - context);
  if (prefixStart < s && splitsPair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, e + context);
  if (suffixEnd > e && splitsPair(text, suffixEnd)) suffixEnd--;

  return ok({
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: text.slice(prefixStart, s),
      suffix: text.slice(e, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start: s, end: e },
  });
}

/** True when a cut at `index` would fall between the two halves of a surrogate pair. */
function splitsPair(text: string, index: number): boolean {
  return (
    index > 0 &&
    index < text.length &&
    isHighSurrogate(text.charCodeAt(index - 1)) &&
    isLowSurrogate(text.charCodeAt(index))
  );
}

/**
 * Finds where a stored passage lies in (possibly re-extracted) text.
 *
 * 1. Fast path: the stored position still holds the exact quote → `exact`.
 * 2. Otherwise every occurrence of the quote is a candidate; the best one by context agreement
 *    (matching characters of prefix before it + suffix after it) wins, ties going to the one
 *    nearest the old position, then to the first. → `moved`.
 * 3. If the quote does not occur, retry with both sides normalised (NFC, white-space runs as one
 *    space) and map the match back to original offsets. → `moved`.
 * 4. Otherwise `orphaned`: there is deliberately no fuzzy matching, so a passage is never silently
 *    attached to different words.
 *
 * Searching uses `indexOf` (no regex from user text); scoring a candidate costs at most the context
 * length, so the work is linear in the text plus occurrences × context.
 */
export function anchor(text: string, selectors: AnchorSelectors): AnchorResult {
  const { quote, position } = selectors;
  if (quote.exact.length === 0) return { status: 'orphaned' };

  if (
    position &&
    Number.isInteger(position.start) &&
    Number.isInteger(position.end) &&
    position.start >= 0 &&
    position.end <= text.length &&
    position.end - position.start === quote.exact.length &&
    text.startsWith(quote.exact, position.start)
  ) {
    return { status: 'exact', start: position.start, end: position.end };
  }

  const oldStart = position?.start;
  const distance =
    oldStart === undefined ? () => 0 : (candidate: number) => Math.abs(candidate - oldStart);

  const direct = bestOccurrence(text, quote.exact, quote.prefix, quote.suffix, distance);
  if (direct !== -1) {
    return { status: 'moved', start: direct, end: direct + quote.exact.length };
  }

  const exact = normaliseLoose(quote.exact);
  if (exact.trim().length === 0) return { status: 'orphaned' };
  const normalised = normaliseWithMap(text);
  const found = bestOccurrence(
    normalised.text,
    exact,
    normaliseLoose(quote.prefix),
    normaliseLoose(quote.suffix),
    oldStart === undefined
      ? () => 0
      : (candidate: number) => Math.abs(normalised.startOf(candidate) - oldStart),
    // "Kim q" is not in "Kim q\u0301": a match may not begin or end inside a cluster.
    (candidate: number) =>
      normalised.isBoundary(candidate) && normalised.isBoundary(candidate + exact.length),
  );
  if (found === -1) return { status: 'orphaned' };
  return {
    status: 'moved',
    start: normalised.startOf(found),
    end: normalised.endOf(found + exact.length - 1),
  };
}

/**
 * Index of the best occurrence of `needle` in `haystack`, or -1 if there is none. Overlapping
 * occurrences count (the quote "aa" in "aaa" has two).
 */
function bestOccurrence(
  haystack: string,
  needle: string,
  prefix: string,
  suffix: string,
  distance: (candidate: number) => number,
  accept: (candidate: number) => boolean = () => true,
): number {
  let best = -1;
  let bestScore = -1;
  let bestDistance = Infinity;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (!accept(at)) continue;
    const score =
      commonSuffixBefore(haystack, at, prefix) +
      commonPrefixAfter(haystack, at + needle.length, suffix);
    if (score < bestScore) continue;
    const d = distance(at);
    // Strictly better only, so equal candidates keep the first occurrence.
    if (score > bestScore || d < bestDistance) {
      best = at;
      bestScore = score;
      bestDistance = d;
    }
  }
  return best;
}

/** How many characters of the end of `prefix` match the text just before `index`. */
function commonSuffixBefore(text: string, index: number, prefix: string): number {
  const limit = Math.min(prefix.length, index);
  let k = 0;
  while (k < limit && text.charCodeAt(index - 1 - k) === prefix.charCodeAt(prefix.length - 1 - k)) {
    k++;
  }
  return k;
}

/** How many characters of the start of `suffix` match the text from `index` on. */
function commonPrefixAfter(text: string, index: number, suffix: string): number {
  const limit = Math.min(suffix.length, text.length - index);
  let k = 0;
  while (k < limit && text.charCodeAt(index + k) === suffix.charCodeAt(k)) k++;
  return k;
}

export interface Reanchored<P> {
  readonly passage: P;
  readonly result: AnchorResult;
}

/**
 * Re-anchors every passage of a source after its text was re-extracted. Results keep the input
 * order, one per passage; orphaned passages are reported, never dropped. Callers update `position`
 * and `orphaned` from `result`.
 */
export function reanchorPassages<
  P extends {
    readonly quote: TextQuoteSelector;
    readonly position?: TextPositionSelector;
    readonly orphaned: boolean;
  },
>(text: string, passages: readonly P[]): Reanchored<P>[] {
  return passages.map((passage) => ({
    passage,
    result: anchor(text, { quote: passage.quote, position: passage.position }),
  }));
}
