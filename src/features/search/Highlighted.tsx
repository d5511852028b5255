import type { SearchRange } from '../../search/types';

/**
 * Text with its matched words in <mark>, built from ranges as React text nodes: the text is
 * untrusted (it comes from sources), so it is never parsed as HTML. Ranges out of bounds,
 * overlapping or out of order are clipped and merged rather than trusted.
 */
export function Highlighted({
  text,
  ranges,
}: {
  readonly text: string;
  readonly ranges: readonly SearchRange[];
}) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const range of sorted) {
    const start = Math.max(at, Math.min(range.start, text.length));
    const end = Math.min(text.length, range.end);
    if (end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
