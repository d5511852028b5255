/** Internal links point into the app's own hash routes. */
export function isInternalLink(url: string): boolean {
  return url.startsWith('#/case/');
}

/**
 * Links a note may hold: web and mail addresses (kept inert) and the app's own routes. Refuses
 * `javascript:`, `data:`, `file:` and anything else a click could turn into code or a fetch.
 */
export function isAllowedLinkUrl(url: string): boolean {
  const trimmed = url.trim();
  if (isInternalLink(trimmed)) return true;
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(trimmed);
}
