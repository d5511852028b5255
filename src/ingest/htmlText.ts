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

/**
 * Deepest nesting real pages reach is a few dozen elements; the parser's time grows faster than
 * linearly with depth (200,000 nested divs, about 1 MB, take tens of seconds), so deeper input is
 * refused before parsing rather than tying up the import for minutes.
 */
export const MAX_HTML_NESTING = 10_000;

/** Elements that never hold children, or whose end tag may be left out (counted as closed). */
const NOT_NESTING = new Set(
  (
    'area base br col embed hr img input link meta source track wbr param keygen ' +
    'p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rt rp rb rtc ' +
    'html head body'
  ).split(' '),
);

/**
 * How deeply `html` nests elements, estimated from start and end tags without building a tree
 * (linear time): void elements and those with optional end tags are not counted. Stops counting
 * once past `limit`.
 */
export function htmlNestingDepth(html: string, limit = MAX_HTML_NESTING): number {
  // A tag's attributes may not hold "<" here, so each character is scanned once at most (a
  // rare tag with "<" in an attribute is skipped: the estimate errs low, never hangs).
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]{0,63})([^<>]{0,4000})>/g;
  let depth = 0;
  let deepest = 0;
  for (let match = tag.exec(html); match !== null; match = tag.exec(html)) {
    const name = (match[2] ?? '').toLowerCase();
    if (NOT_NESTING.has(name)) continue;
    if (match[1] === '/') depth = Math.max(0, depth - 1);
    else if (!(match[3] ?? '').endsWith('/')) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    }
  }
  return deepest;
}

/** Parses an HTML string (a whole page or a fragment) into a (linkedom) document with a body. */
export function parseHtmlDocument(html: string): Document {
  return parseHTML(withSkeleton(html)).document;
}

/**
 * linkedom is not a full HTML5 tree builder: without both <html> and <body> tags it misplaces the
 * content (a <body> with no <html> ends up empty). Rebuild the skeleton a browser would infer.
 */
export function withSkeleton(source: string): string {
  const hasHtml = /<html[\s>]/i.test(source);
  const hasBody = /<body[\s>]/i.test(source);
  if (hasHtml && hasBody) return source;
  // Bounded attribute scans and indexOf below keep this linear on hostile input.
  const rest = source
    .replace(/^\s*<!doctype[^>]{0,1000}>/i, '')
    .replace(/<\/?html\b[^>]{0,1000}>/gi, '');
  if (hasBody) return `<!doctype html><html>${rest}</html>`;
  const lower = rest.toLowerCase();
  const headStart = lower.search(/<head[\s>]/);
  const headEnd = headStart === -1 ? -1 : lower.indexOf('</head>', headStart);
  const head =
    headEnd !== -1
      ? rest.slice(headStart, headEnd + '</head>'.length)
      : // Leading head-only elements of a page written without <head>.
        (/^(?:\s*(?:<(?:meta|link|base)\b[^>]{0,1000}>|<(title|style|script)\b[^>]{0,1000}>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->))*/i.exec(
          rest,
        )?.[0] ?? '');
  const body = rest.replace(head, '');
  const headElement = /^\s*<head[\s>]/i.test(head) ? head : `<head>${head}</head>`;
  return `<!doctype html><html>${headElement}<body>${body}</body></html>`;
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
