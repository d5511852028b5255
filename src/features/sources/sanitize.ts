import DOMPurify from 'dompurify';

/**
 * Turns a source's untrusted HTML into a document for the sandboxed "original" view. The frame is
 * sandboxed without scripts, and this removes everything that could still act or reach out:
 * scripts, handlers, forms, frames, styles and remote resources. Links become inert text that
 * shows where they pointed; remote images become a note naming their address.
 */
const FRAME_POLICY =
  "default-src 'none'; img-src data:; style-src 'none'; form-action 'none'; base-uri 'none'";

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'article',
  'aside',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'details',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'nav',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
];
const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'colspan',
  'rowspan',
  'datetime',
  'lang',
  'dir',
];

/**
 * `theme` sets the frame's colour scheme: styles are refused in the frame, but a `color-scheme`
 * meta tag lets the browser draw its own default page dark (dark canvas, light text) in the dark
 * theme.
 */
export function sanitizeForFrame(
  untrusted: string,
  title: string,
  theme: 'light' | 'dark' = 'light',
): string {
  const purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const target = node.getAttribute('href');
      node.removeAttribute('href');
      if (target && !target.startsWith('#')) {
        const shown = node.ownerDocument.createElement('span');
        shown.setAttribute('title', 'Link target (links are inert in Casefile)');
        shown.textContent = ` [${target}]`;
        node.after(shown);
      }
    }
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!src.startsWith('data:image/')) {
        const note = node.ownerDocument.createElement('span');
        note.textContent = `[image not loaded: ${src || 'no address'}]`;
        node.replaceWith(note);
      }
    }
  });
  const body = purifier.sanitize(untrusted, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:data:image\/|#|https?:|mailto:)/i,
    WHOLE_DOCUMENT: false,
  });
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><meta name="color-scheme" content="${theme}"><title>${escapedTitle}</title></head><body>${body}</body></html>`;
}
