import { Readability } from '@mozilla/readability';
import { INGEST_ERRORS } from '../core/ingest/draft';
import type { ParseInput, SourceDraft } from '../core/ingest/draft';
import type { SourceProvenance } from '../core/model/records';
import { assembleText, canonicalParagraph } from '../core/text/canonical';
import { err, ok } from '../shared/result';
import type { Result } from '../shared/result';
import {
  byteOrderMark,
  checkSize,
  decodeText,
  definedOnly,
  fileStem,
  isUtf16Label,
  settle,
  shortTitle,
  sniffHtmlCharset,
} from './decode';
import {
  htmlNestingDepth,
  MAX_HTML_NESTING,
  paragraphsOfHtml,
  paragraphsOfNode,
  parseHtmlDocument,
} from './htmlText';

/**
 * Web pages: the main article (Mozilla Readability) becomes the canonical text, so menus, cookie
 * banners, paywall prompts and footers do not end up in passages. The page's metadata goes into
 * provenance; the original HTML is kept (untrusted) for the sandboxed reader. Nothing is fetched.
 */

/** Below this many characters Readability's "article" is not the page's text (a short page). */
export const MIN_ARTICLE_CHARS = 200;

export const NO_ARTICLE_WARNING = 'No main article found: the whole page text was kept.';

export function parseHtml(input: ParseInput): Promise<Result<SourceDraft>> {
  return settle(
    () => parseHtmlNow(input),
    (message) =>
      err(
        INGEST_ERRORS.htmlCorrupt,
        `${input.fileName} could not be read as a web page: ${message}`,
      ),
  );
}

function parseHtmlNow(input: ParseInput): Result<SourceDraft> {
  const size = checkSize(input);
  if (!size.ok) return size;
  const { bytes, fileName } = input;
  const sniffed = byteOrderMark(bytes) ? undefined : sniffHtmlCharset(bytes);
  // HTML: a <meta> that could be read as ASCII is not UTF-16, whatever it says; UTF-8 then.
  const declaredCharset = sniffed && isUtf16Label(sniffed) ? 'utf-8' : sniffed;
  const decoded = decodeText(bytes, fileName, declaredCharset ? { declaredCharset } : {});
  if (!decoded.ok) return decoded;
  const source = decoded.value.text;
  const warnings = [...decoded.value.warnings];
  if (htmlNestingDepth(source) > MAX_HTML_NESTING) {
    return err(
      INGEST_ERRORS.htmlTooDeep,
      `${fileName} nests its elements more than ${MAX_HTML_NESTING.toLocaleString('en')} deep (real pages nest a few dozen), so it was not read: a page built like this only stalls the import.`,
    );
  }

  // Readability mutates the document it reads, so it gets its own parse; `page` stays pristine
  // for metadata and for the whole-page fallback.
  const page = parseHtmlDocument(source);
  const article = maxDepth(page) > MAX_READABILITY_DEPTH ? undefined : readArticle(source);
  const metadata = pageMetadata(page);

  let paragraphs =
    article && article.textLength >= MIN_ARTICLE_CHARS
      ? withoutBoilerplateParagraphs(paragraphsOfHtml(article.content))
      : [];
  if (paragraphs.length === 0) {
    paragraphs = wholePageParagraphs(page);
    if (paragraphs.length > 0) warnings.push(NO_ARTICLE_WARNING);
  }
  const { text, structure } = assembleText([paragraphs], { paged: false });
  if (text.length === 0) {
    return err(INGEST_ERRORS.empty, `${fileName} has no readable text.`);
  }

  const provenance: SourceProvenance = {
    fileName,
    ...definedOnly({
      url: metadata.url,
      author: cleanByline(article?.byline) ?? metadata.author,
      publisher: shortTitle(article?.siteName) ?? metadata.publisher,
      publishedAt: publishedAt(article?.publishedTime) ?? metadata.publishedAt,
    }),
  };
  return ok({
    title:
      shortTitle(article?.title) ??
      metadata.title ??
      shortTitle(paragraphs[0]) ??
      fileStem(fileName),
    kind: 'html',
    mediaType: 'text/html',
    text,
    structure,
    provenance,
    warnings,
    html: source,
  });
}

/**
 * Readability's cost grows steeply with nesting depth (1,000 levels take ~10 s), so a page
 * nested deeper than any real one skips it and takes the whole-page fallback.
 */
const MAX_READABILITY_DEPTH = 256;

/** Deepest element nesting, walked iteratively (hostile pages nest past the stack limit). */
function maxDepth(document: Document): number {
  let deepest = 0;
  const stack: { element: Element; depth: number }[] = [];
  if (document.documentElement) stack.push({ element: document.documentElement, depth: 1 });
  while (stack.length > 0) {
    const { element, depth } = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_READABILITY_DEPTH) return deepest;
    for (const child of Array.from(element.children))
      stack.push({ element: child, depth: depth + 1 });
  }
  return deepest;
}

interface Article {
  readonly title?: string;
  readonly content: string;
  readonly textLength: number;
  readonly byline?: string;
  readonly siteName?: string;
  readonly publishedTime?: string;
}

function readArticle(source: string): Article | undefined {
  const document = parseHtmlDocument(source);
  removeBoilerplate(document);
  let parsed: ReturnType<Readability['parse']>;
  try {
    // The element cap keeps a hostile page from costing minutes; past it we use the fallback.
    parsed = new Readability(document, { charThreshold: 100, maxElemsToParse: 100_000 }).parse();
  } catch {
    return undefined;
  }
  if (!parsed?.content) return undefined;
  return {
    content: parsed.content,
    textLength: canonicalParagraph(parsed.textContent ?? '').length,
    ...definedOnly({
      title: parsed.title ?? undefined,
      byline: parsed.byline ?? undefined,
      siteName: parsed.siteName ?? undefined,
      publishedTime: parsed.publishedTime ?? undefined,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Boilerplate. Readability already drops menus, sidebars and footers by score; these catch what
// sits *inside* an article container on real news pages (paywall meters, share bars, consent).

/** Class or id words of page furniture (matched as whole words of the class/id). */
const BOILERPLATE_WORDS =
  /(?:^|[\s_-])(?:paywall|regwall|meter|cookies?|consent|gdpr|newsletter|subscribe|subscription|promo|social|share|sharing|related|breadcrumbs?|advert|advertisement|ads?)(?:$|[\s_-])/i;
const BOILERPLATE_ROLES = new Set(['dialog', 'alertdialog', 'banner', 'navigation', 'contentinfo']);
/** Never removed by class alone: a page whose <body> says "cookie-consent-pending" is still a page. */
const STRUCTURAL = new Set(['HTML', 'HEAD', 'BODY', 'MAIN', 'ARTICLE']);

function isBoilerplateElement(element: Element): boolean {
  if (STRUCTURAL.has(element.nodeName.toUpperCase())) return false;
  const role = element.getAttribute('role')?.toLowerCase();
  if (role && BOILERPLATE_ROLES.has(role)) return true;
  const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (!BOILERPLATE_WORDS.test(words)) return false;
  // A wrapper that holds the article itself is not furniture, whatever it is called.
  return element.querySelector('article, main, [role="main"]') === null;
}

function removeBoilerplate(document: Document): void {
  for (const element of Array.from(document.querySelectorAll('[class], [id], [role]'))) {
    if (isBoilerplateElement(element)) element.remove();
  }
}

/** Short paragraphs that are paywall, consent or sharing prompts whatever the markup says. */
const BOILERPLATE_PARAGRAPHS = [
  /\b(?:subscribe|sign in|log in|register)\b.{0,40}\b(?:to (?:continue|keep) reading|for (?:full|unlimited) access)\b/i,
  /\byou have (?:\d+|one|two|three) free (?:articles?|stories|reads?)\b.{0,20}\b(?:left|remaining)\b/i,
  /^already an? (?:subscriber|member)\b/i,
  /^we use cookies\b/i,
  /^(?:accept|reject|manage) (?:all )?cookies\b/i,
  /^(?:advertisement|share this (?:article|story)|share)$/i,
];

function withoutBoilerplateParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs.filter((raw) => {
    const paragraph = canonicalParagraph(raw);
    return !(paragraph.length <= 200 && BOILERPLATE_PARAGRAPHS.some((re) => re.test(paragraph)));
  });
}

/** The fallback: the whole body's text without navigation, header, footer, asides and forms. */
function wholePageParagraphs(page: Document): string[] {
  const body = page.body ?? page.documentElement;
  const everything = paragraphsOfNode(body);
  for (const element of Array.from(
    page.querySelectorAll('nav, header, footer, aside, form, dialog'),
  )) {
    element.remove();
  }
  removeBoilerplate(page);
  const kept = withoutBoilerplateParagraphs(paragraphsOfNode(body));
  // A page that is nothing but a header or a form is still that text, not "no text".
  return kept.length > 0 ? kept : everything;
}

// ---------------------------------------------------------------------------------------------
// Metadata.

interface PageMetadata {
  readonly title?: string;
  readonly author?: string;
  readonly publisher?: string;
  readonly publishedAt?: string;
  readonly url?: string;
}

function pageMetadata(page: Document): PageMetadata {
  const meta = (...selectors: string[]): string | undefined => {
    for (const selector of selectors) {
      const value = page.querySelector(selector)?.getAttribute('content')?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const timeElement =
    page.querySelector('article time[datetime]') ?? page.querySelector('time[datetime]');
  const url =
    httpUrl(page.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) ??
    httpUrl(meta('meta[property="og:url"]', 'meta[name="og:url"]'));
  return definedOnly({
    title:
      shortTitle(page.querySelector('title')?.textContent) ??
      shortTitle(meta('meta[property="og:title"]', 'meta[name="twitter:title"]')) ??
      shortTitle(page.querySelector('h1')?.textContent),
    author: cleanByline(meta('meta[name="author" i]', 'meta[name="byl"]')),
    publisher: shortTitle(meta('meta[property="og:site_name"]', 'meta[name="application-name"]')),
    publishedAt:
      publishedAt(
        meta(
          'meta[property="article:published_time"]',
          'meta[name="article:published_time"]',
          'meta[itemprop="datePublished"]',
          'meta[name="date"]',
        ),
      ) ?? publishedAt(timeElement?.getAttribute('datetime')),
    url,
  });
}

/** "By Jane Doe" → "Jane Doe"; URLs (article:author often is one) and paragraphs are not names. */
function cleanByline(value: string | null | undefined): string | undefined {
  const byline = shortTitle(value?.replace(/^\s*by\s+/i, ''));
  if (!byline || /^[a-z][\w+.-]*:\/\//i.test(byline)) return undefined;
  return byline;
}

function publishedAt(value: string | null | undefined): string | undefined {
  const raw = value?.trim();
  // An unparseable date is kept as written, but a paragraph is not a date.
  if (!raw || raw.length > MAX_DATE_LENGTH) return undefined;
  return normaliseDate(raw) ?? raw;
}

const MAX_DATE_LENGTH = 100;

/** Only absolute http(s) URLs; anything else (javascript:, data:, relative) is dropped. */
export function httpUrl(value: string | null | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const HAS_TIME = /\d{1,2}:\d{2}/;
const HAS_ZONE = /(?:\bZ|\bGMT|\bUTC|\bUT|\b[ECMP][SD]T|[+-]\d{2}:?\d{2})\s*(?:\([^)]*\))?\s*$/i;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date string as ISO-8601, as precise as it was stated: an ISO value stays as it is; a value
 * with a time zone becomes UTC; one without a zone keeps its wall-clock time and no offset; a
 * date alone stays a date. Undefined when it is not a date.
 */
export function normaliseDate(value: string): string | undefined {
  const raw = value.trim();
  if (ISO_DATE.test(raw)) {
    return Number.isNaN(Date.parse(raw.replace(' ', 'T'))) ? undefined : raw.replace(' ', 'T');
  }
  // Date.parse accepts nearly anything ("1" is 2001); insist on a four-digit year.
  if (!/\b\d{4}\b/.test(raw)) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  if (HAS_ZONE.test(raw)) return date.toISOString().replace(/\.000Z$/, 'Z');
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  if (!HAS_TIME.test(raw)) return day;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
