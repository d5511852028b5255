/**
 * Splits a long text into chunks of a few hundred kilobytes so extraction can report progress
 * and be cancelled between them.
 *
 * Boundaries fall at paragraph breaks where possible (then line breaks, then white space). Each
 * chunk *owns* [start, end) but is scanned over [scanStart, scanEnd), which adds `margin`
 * characters of context on both sides; only candidates that start inside the owned range are
 * kept. So a name, URL or date that straddles a boundary is still found whole, once, by the
 * chunk where it starts, and regex look-behinds see the text before the chunk. Any candidate
 * shorter than the margin (every name: they are capped at 300 characters) is found exactly as
 * in the whole text.
 */

export interface TextChunk {
  /** The range this chunk owns: candidates starting here are its. */
  readonly start: number;
  readonly end: number;
  /** The range it scans: the owned range plus context. */
  readonly scanStart: number;
  readonly scanEnd: number;
}

export interface ChunkOptions {
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly margin?: number;
}

export const DEFAULT_CHUNK_OPTIONS = {
  minSize: 256 * 1024,
  maxSize: 512 * 1024,
  margin: 4 * 1024,
} as const;

export function planChunks(text: string, options: ChunkOptions = {}): TextChunk[] {
  const minSize = options.minSize ?? DEFAULT_CHUNK_OPTIONS.minSize;
  const maxSize = Math.max(minSize, options.maxSize ?? DEFAULT_CHUNK_OPTIONS.maxSize);
  const margin = options.margin ?? DEFAULT_CHUNK_OPTIONS.margin;
  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < text.length) {
    const end =
      text.length - start <= maxSize ? text.length : boundary(text, start, minSize, maxSize);
    chunks.push({
      start,
      end,
      scanStart: Math.max(0, start - margin),
      scanEnd: Math.min(text.length, end + margin),
    });
    start = end;
  }
  return chunks;
}

/** The best break in [start + minSize, start + maxSize]: after a blank line, a line, a space. */
function boundary(text: string, start: number, minSize: number, maxSize: number): number {
  const from = start + minSize;
  const window = text.slice(from, start + maxSize);
  for (const separator of ['\n\n', '\n']) {
    const at = window.lastIndexOf(separator);
    if (at !== -1) return from + at + separator.length;
  }
  for (let i = window.length - 1; i >= 0; i--) {
    if (/\s/.test(window[i]!)) return from + i + 1;
  }
  // No white space at all: cut anywhere, but never inside a surrogate pair.
  const cut = start + maxSize;
  const code = text.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}
