import type { SearchHit, SearchRange } from '../../search/types';

/**
 * Where in its source's canonical text a hit's match sits, for "Tag as entity…", or undefined
 * when it cannot be placed there exactly.
 * - A source hit: its first match (document text = canonical text).
 * - A passage hit: the first highlight in its heading, which is the passage's quote with
 *   whitespace runs collapsed (search/documents.ts); it is mapped back into the quote's span of
 *   the source text, and used only when the words there are exactly the highlighted ones.
 */
export function sourceRangeOfHit(hit: SearchHit, sourceText: string): SearchRange | undefined {
  if (hit.kind === 'source') {
    const match = hit.firstMatch;
    if (!match || match.start < 0 || match.end > sourceText.length || match.end <= match.start) {
      return undefined;
    }
    return match;
  }
  if (hit.kind !== 'passage' || !hit.position) return undefined;
  const range = hit.titleHighlights[0];
  if (!range || range.end <= range.start) return undefined;
  const { start, end } = hit.position;
  if (start < 0 || end > sourceText.length) return undefined;
  const { text, offsets } = collapsed(sourceText, start, end);
  if (range.end > text.length) return undefined;
  if (text.slice(range.start, range.end) !== hit.title.slice(range.start, range.end))
    return undefined;
  const from = offsets[range.start];
  const to = offsets[range.end - 1];
  return from === undefined || to === undefined ? undefined : { start: from, end: to + 1 };
}

/**
 * `source.slice(start, end)` with whitespace runs collapsed to one space and the ends trimmed,
 * and for each of its characters the offset in `source` it came from.
 */
function collapsed(
  source: string,
  start: number,
  end: number,
): { readonly text: string; readonly offsets: readonly number[] } {
  let text = '';
  const offsets: number[] = [];
  let pendingSpace = -1;
  for (let i = start; i < end; i += 1) {
    const char = source[i] ?? '';
    if (/\s/.test(char)) {
      if (pendingSpace === -1 && text !== '') pendingSpace = i;
      continue;
    }
    if (pendingSpace !== -1) {
      text += ' ';
      offsets.push(pendingSpace);
      pendingSpace = -1;
    }
    text += char;
    offsets.push(i);
  }
  return { text, offsets };
}
