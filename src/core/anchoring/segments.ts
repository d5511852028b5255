export interface HighlightSpan {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export interface HighlightSegment {
  readonly start: number;
  readonly end: number;
  /** Ids of the spans covering this segment, in input order; empty for uncovered text. */
  readonly ids: readonly string[];
}

/**
 * Splits `[0, textLength)` into maximal segments over which the set of covering spans is constant,
 * so overlapping passages can be rendered as flat, non-nested marks. Segments are sorted, do not
 * overlap and together cover the whole text (uncovered stretches get `ids: []`). Spans are clipped
 * to the text; empty, inverted or non-numeric spans are ignored. A span id given twice counts once.
 *
 * O(n log n) in the number of spans, plus the size of the output (nested spans make long id lists).
 */
export function segmentsForHighlights(
  textLength: number,
  spans: readonly HighlightSpan[],
): HighlightSegment[] {
  if (!(textLength > 0)) return [];

  interface Edge {
    readonly at: number;
    readonly span: number;
    readonly opens: boolean;
  }
  const edges: Edge[] = [];
  spans.forEach((span, index) => {
    const start = Math.max(0, span.start);
    const end = Math.min(textLength, span.end);
    // `!(a < b)` also rejects NaN.
    if (!(start < end)) return;
    edges.push({ at: start, span: index, opens: true }, { at: end, span: index, opens: false });
  });
  edges.sort((a, b) => a.at - b.at);

  const active = new Set<number>();
  const segments: HighlightSegment[] = [];
  let cursor = 0;
  let e = 0;
  while (cursor < textLength) {
    // Apply every edge at the cursor: closing and opening at the same point do not overlap.
    while (e < edges.length && (edges[e]?.at ?? Infinity) <= cursor) {
      const edge = edges[e];
      if (edge) {
        if (edge.opens) active.add(edge.span);
        else active.delete(edge.span);
      }
      e++;
    }
    const next = Math.min(edges[e]?.at ?? textLength, textLength);
    const ids = idsOf(active, spans);
    const last = segments.at(-1);
    if (last && sameIds(last.ids, ids)) {
      // Touching spans with the same id(s): one maximal segment, not two.
      segments[segments.length - 1] = { start: last.start, end: next, ids: last.ids };
    } else {
      segments.push({ start: cursor, end: next, ids });
    }
    cursor = next;
  }
  return segments;
}

function idsOf(active: ReadonlySet<number>, spans: readonly HighlightSpan[]): string[] {
  const ids = new Set<string>();
  for (const index of [...active].sort((a, b) => a - b)) {
    const span = spans[index];
    if (span) ids.add(span.id);
  }
  return [...ids];
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
