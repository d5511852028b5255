/**
 * Typo distance between two folded words: the optimal-string-alignment distance (insertions,
 * deletions, substitutions and swaps of two neighbouring letters each cost 1), computed only up to
 * `max`. Used by the index (typo expansion over its vocabulary) and by "find in this source".
 */

// Reused rows: the words compared are short and this runs tens of thousands of times per query.
let previousPrevious = new Int32Array(64);
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * The distance between `a` and `b` when it is at most `max`, else `max + 1`. Linear in the
 * shorter word for each row and stops as soon as every cell of a row exceeds `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const lengthGap = Math.abs(a.length - b.length);
  if (lengthGap > max) return max + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  const width = b.length + 1;
  if (width > current.length) {
    const size = Math.max(width, current.length * 2);
    previousPrevious = new Int32Array(size);
    previous = new Int32Array(size);
    current = new Int32Array(size);
  }
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bc = b.charCodeAt(j - 1);
      const cost = ac === bc ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && ac === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bc) {
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = previousPrevious;
    previousPrevious = previous;
    previous = current;
    current = spare;
  }
  const distance = previous[width - 1]!;
  return distance > max ? max + 1 : distance;
}
