const UPDATED = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When a note last changed, in the investigator's locale ("21 Nov 2026, 23:10"). */
export function formatUpdated(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : UPDATED.format(at);
}

/** A long quote cut for a list, on a word boundary when one is near. */
export function shortQuote(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
