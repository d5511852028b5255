import { boundedEditDistance } from './editDistance';

/**
 * The index's own list of terms with their document frequency, for prefix and typo expansion
 * (FlexSearch has neither) and for idf. A term's frequency counts every indexed version of a
 * document, tombstoned ones included, until the engine compacts (engine.ts): it is exact after a
 * compaction and an upper bound in between, which is all ordering expansions and idf need.
 */

/** Expansions of one prefix or misspelt word, most frequent kept. */
export const MAX_EXPANSIONS = 50;

/** Only plain words are typo-tolerant: never terms with digits, indicators or punctuation. */
const FUZZY_ELIGIBLE = /^[\p{L}']+$/u;

export interface Expansion {
  readonly term: string;
  /** Document frequency (see above). */
  readonly frequency: number;
  /** Reached through typo tolerance (edit distance ≥ 1). */
  readonly fuzzy: boolean;
}

/** A term's document frequency, and the last document counted (so each counts once). */
interface TermStats {
  frequency: number;
  lastDocument: number;
}

export class Vocabulary {
  private readonly stats = new Map<string, TermStats>();
  /** Sorted terms for prefix search; rebuilt lazily after a new term appears. */
  private sorted: string[] | undefined;
  /** Fuzzy-eligible terms by length, with their letter masks; rebuilt lazily after a new term. */
  private byLength: Map<number, LengthBucket> | undefined;

  get size(): number {
    return this.stats.size;
  }

  frequency(term: string): number {
    return this.stats.get(term)?.frequency ?? 0;
  }

  has(term: string): boolean {
    return this.stats.has(term);
  }

  /**
   * Counts `term` as occurring in `document` (an internal id); true the first time for that
   * document, false for its repetitions. One map lookup per token while indexing.
   */
  countIn(term: string, document: number): boolean {
    const stats = this.stats.get(term);
    if (stats === undefined) {
      this.stats.set(term, { frequency: 1, lastDocument: document });
      this.sorted = undefined;
      this.byLength = undefined;
      return true;
    }
    if (stats.lastDocument === document) return false;
    stats.lastDocument = document;
    stats.frequency++;
    return true;
  }

  /** Adds `count` documents to a term's frequency (compaction recounts this way). */
  add(term: string, count: number): void {
    const stats = this.stats.get(term);
    if (stats === undefined) {
      this.stats.set(term, { frequency: count, lastDocument: -1 });
      this.sorted = undefined;
      this.byLength = undefined;
    } else {
      stats.frequency += count;
    }
  }

  clear(): void {
    this.stats.clear();
    this.sorted = undefined;
    this.byLength = undefined;
  }

  /** Every term with its frequency, in code-unit order (so `load` needs no sort). */
  sortedEntries(): [string, number][] {
    return this.sortedTerms().map((term) => [term, this.frequency(term)]);
  }

  /** Fills an empty vocabulary; entries in code-unit order are kept as the sorted list. */
  load(entries: readonly (readonly [string, number])[]): void {
    let ordered = true;
    for (let i = 0; i < entries.length; i++) {
      const [term, frequency] = entries[i]!;
      this.stats.set(term, { frequency, lastDocument: -1 });
      if (i > 0 && !(entries[i - 1]![0] < term)) ordered = false;
    }
    this.sorted = ordered ? entries.map(([term]) => term) : undefined;
    this.byLength = undefined;
  }

  /** Terms starting with `prefix` (itself included), most frequent first, at most `cap`. */
  prefix(prefix: string, cap = MAX_EXPANSIONS): Expansion[] {
    const sorted = this.sortedTerms();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    const found: Expansion[] = [];
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) {
      const term = sorted[i]!;
      found.push({ term, frequency: this.frequency(term), fuzzy: false });
    }
    return mostFrequent(found, cap);
  }

  /**
   * `word` itself when known, then terms within `maxDistance` edits, most frequent first (the exact
   * term always first), at most `cap`. Only plain-letter terms of a length within the budget are
   * compared, so a query never reaches a number, hash, wallet or address by typo tolerance.
   */
  similar(word: string, maxDistance: number, cap = MAX_EXPANSIONS): Expansion[] {
    const exact = this.stats.get(word)?.frequency;
    const found: Expansion[] = [];
    if (maxDistance > 0 && FUZZY_ELIGIBLE.test(word)) {
      const buckets = this.lengthBuckets();
      const wordMask = letterMask(word);
      for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
        const bucket = buckets.get(length);
        if (bucket === undefined) continue;
        const { terms, masks } = bucket;
        for (let i = 0; i < terms.length; i++) {
          // Each edit adds or removes at most one letter: a cheap bound before the real distance.
          const mask = masks[i]!;
          if (
            bitCount(wordMask & ~mask) > maxDistance ||
            bitCount(mask & ~wordMask) > maxDistance
          ) {
            continue;
          }
          const term = terms[i]!;
          if (term === word) continue;
          if (boundedEditDistance(word, term, maxDistance) <= maxDistance) {
            found.push({ term, frequency: this.frequency(term), fuzzy: true });
          }
        }
      }
    }
    const kept = mostFrequent(found, exact === undefined ? cap : cap - 1);
    return exact === undefined ? kept : [{ term: word, frequency: exact, fuzzy: false }, ...kept];
  }

  private sortedTerms(): string[] {
    if (this.sorted === undefined) {
      // The default sort is code-unit order, the order `<` and startsWith agree on.
      this.sorted = [...this.stats.keys()].sort();
    }
    return this.sorted;
  }

  private lengthBuckets(): Map<number, LengthBucket> {
    if (this.byLength === undefined) {
      const terms = new Map<number, string[]>();
      for (const term of this.stats.keys()) {
        if (!FUZZY_ELIGIBLE.test(term)) continue;
        let bucket = terms.get(term.length);
        if (bucket === undefined) terms.set(term.length, (bucket = []));
        bucket.push(term);
      }
      this.byLength = new Map(
        [...terms].map(([length, list]) => [
          length,
          { terms: list, masks: Int32Array.from(list, letterMask) },
        ]),
      );
    }
    return this.byLength;
  }
}

interface LengthBucket {
  readonly terms: readonly string[];
  readonly masks: Int32Array;
}

/** Which letters a word has: a–z one bit each, every other character one of 6 shared bits. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    mask |= 1 << (code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6));
  }
  return mask;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function mostFrequent(found: Expansion[], cap: number): Expansion[] {
  found.sort((a, b) => b.frequency - a.frequency || (a.term < b.term ? -1 : 1));
  if (found.length > cap) found.length = Math.max(0, cap);
  return found;
}
