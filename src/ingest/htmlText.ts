import { parseHTML } from 'linkedom';

/**
 * Turning HTML into canonical paragraphs, shared by the HTML, Word and e-mail parsers so all three
 * produce the same text from the same markup. Uses linkedom: the ingest worker has no DOM.
 */

/** Elements whose start and end break a paragraph. */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
]);
/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'SELECT',
  'BUTTON',
  'INPUT',
  'TEXTAREA',
]);
/** Inline cells that should not run their words together. */
const SPACED = new Set(['TD', 'TH', 'BR']);

interface MinimalNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<MinimalNode>;
}

/** Parses an HTML string (a whole page or a fragment) into a (linkedom) document with a body. */
export function parseHtmlDocument(html: string): Document {
  // linkedom gives a bare fragment no <body>; wrap it so every caller can rely on one.
  const whole = /<(html|body)[\s>]/i.test(html)
    ? html
    : `<!doctype html><html><body>${html}</body></html>`;
  return parseHTML(whole).document;
}

/** The visible text of a node as raw paragraphs (not yet canonicalised; callers use assembleText). */
export function paragraphsOfNode(root: MinimalNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim().length > 0) paragraphs.push(current);
    current = '';
  };
  // Iterative walk: hostile documents can nest deeply enough to overflow a recursive one.
  const stack: { node: MinimalNode; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    const name = node.nodeName.toUpperCase();
    if (leaving) {
      if (BLOCKS.has(name)) flush();
      continue;
    }
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    if (SKIPPED.has(name)) continue;
    if (BLOCKS.has(name)) flush();
    if (SPACED.has(name)) current += ' ';
    stack.push({ node, leaving: true });
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i];
      if (child) stack.push({ node: child, leaving: false });
    }
  }
  flush();
  return paragraphs;
}

/** Raw paragraphs of an HTML fragment or document. */
export function paragraphsOfHtml(html: string): string[] {
  const document = parseHtmlDocument(html);
  return paragraphsOfNode(document.body ?? document.documentElement);
}
