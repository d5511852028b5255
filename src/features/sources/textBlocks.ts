import { segmentsForHighlights, type SourceContent } from '../../core';
import { lookKey, markLook, type MarkLook, type PassageLook } from './passageAppearance';

/** A paragraph of canonical text as rendered, with the PDF page that begins with it. */
export interface TextBlock {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 1-based page number when a page starts at this paragraph. */
  readonly page?: number | undefined;
}

/** A flat (never nested) mark over `[start, end)`, absolute offsets, and the passages under it. */
export interface BlockMark extends MarkLook {
  readonly start: number;
  readonly end: number;
  readonly ids: readonly string[];
}

export interface BlockView extends TextBlock {
  readonly marks: readonly BlockMark[];
  /** Changes whenever anything the paragraph shows changes; equal signatures render the same. */
  readonly signature: string;
}

/** A passage placed in the current text (orphaned ones are not drawn). */
export interface PlacedLook extends PassageLook {
  readonly start: number;
  readonly end: number;
}

/** Paragraphs as extracted (the whole text as one when the parser gave none), with page starts. */
export function textBlocks(content: SourceContent): TextBlock[] {
  const paragraphs = content.structure.paragraphs ?? [{ start: 0, end: content.text.length }];
  const pageStarts = new Map(
    (content.structure.pages ?? []).map((p, i) => [p.start, i + 1] as const),
  );
  return paragraphs.map((p) => ({
    start: p.start,
    end: p.end,
    page: pageStarts.get(p.start),
    text: content.text.slice(p.start, p.end),
  }));
}

/** The 1-based page an offset falls on, for paged sources. */
export function pageAt(content: SourceContent, offset: number): number | undefined {
  const pages = content.structure.pages;
  if (!pages || pages.length === 0) return undefined;
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pages[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Cuts the passages into flat marks (core segmentsForHighlights, so overlaps become separate
 * segments each knowing every passage over it) and hands each paragraph its own marks. Linear in
 * paragraphs + segments; each distinct set of passages gets its look computed once.
 */
export function blockViews(
  textLength: number,
  blocks: readonly TextBlock[],
  passages: readonly PlacedLook[],
): BlockView[] {
  // Outer (earlier, then longer) passages first, so looks stack outermost to innermost.
  const ordered = [...passages].sort((a, b) => a.start - b.start || b.end - a.end);
  const byId = new Map(ordered.map((p) => [p.id, p] as const));
  const segments = segmentsForHighlights(textLength, ordered).filter((s) => s.ids.length > 0);
  const looks = new Map<string, { look: MarkLook; key: string }>();
  const lookFor = (ids: readonly string[]) => {
    const setKey = ids.join(' ');
    let found = looks.get(setKey);
    if (!found) {
      const members = ids.map((id) => byId.get(id)!);
      found = { look: markLook(members), key: members.map(lookKey).join('\u0002') };
      looks.set(setKey, found);
    }
    return found;
  };

  let next = 0;
  return blocks.map((block) => {
    while (next < segments.length && segments[next]!.end <= block.start) next++;
    const marks: BlockMark[] = [];
    const keys: string[] = [];
    for (let i = next; i < segments.length && segments[i]!.start < block.end; i++) {
      const segment = segments[i]!;
      const start = Math.max(segment.start, block.start);
      const end = Math.min(segment.end, block.end);
      if (start >= end) continue;
      const { look, key } = lookFor(segment.ids);
      marks.push({ ...look, start, end, ids: segment.ids });
      keys.push(`${start}-${end}:${key}`);
    }
    return { ...block, marks, signature: keys.join('|') };
  });
}

/** Among the passages under a mark, the one a click means: the shortest (innermost). */
export function innermost(
  ids: readonly string[],
  rangeOf: (id: string) => { readonly start: number; readonly end: number } | undefined,
): string | undefined {
  let best: string | undefined;
  let bestLength = Infinity;
  for (const id of ids) {
    const range = rangeOf(id);
    if (range && range.end - range.start < bestLength) {
      best = id;
      bestLength = range.end - range.start;
    }
  }
  return best;
}
