import { parseHtmlDocument } from './htmlText';

/**
 * First pass over a document's HTML view, done in the worker at import: drop everything active
 * (scripts, handlers, frames, forms, styles, base/meta redirects, remote-loading attributes) so the
 * UI thread never parses hostile markup into a live element. DOMPurify still sanitises the result
 * each time it is shown; this pass means even that parse meets nothing that could act.
 */
const ACTIVE_ELEMENTS = [
  'script',
  'style',
  'link',
  'meta',
  'base',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'svg',
  'math',
  'template',
  'noscript',
  'audio',
  'video',
  'source',
  'track',
  'canvas',
  'portal',
  'dialog',
];
const DROPPED_ATTRIBUTES = new Set([
  'style',
  'srcdoc',
  'srcset',
  'formaction',
  'action',
  'background',
  'poster',
  'ping',
  'xmlns',
  'http-equiv',
]);
const SAFE_URL = /^(?:https?:|mailto:|#|data:image\/(?:png|gif|jpe?g|webp);)/i;

export function inertHtml(html: string): string {
  const document = parseHtmlDocument(html);
  for (const element of Array.from(document.querySelectorAll(ACTIVE_ELEMENTS.join(','))))
    element.remove();
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const { name, value } of Array.from(element.attributes)) {
      const lower = name.toLowerCase();
      const isUrl = lower === 'href' || lower === 'src' || lower === 'xlink:href';
      if (
        lower.startsWith('on') ||
        DROPPED_ATTRIBUTES.has(lower) ||
        (isUrl && !SAFE_URL.test(value.trim()))
      ) {
        element.removeAttribute(name);
      }
    }
  }
  return document.body?.innerHTML ?? '';
}
