import { Marked } from 'marked';
import { INGEST_ERRORS } from '../core/ingest/draft';
import type { ParseInput, SourceDraft } from '../core/ingest/draft';
import type { SourceProvenance } from '../core/model/records';
import { assembleText, paragraphsOfPlainText } from '../core/text/canonical';
import { err, ok } from '../shared/result';
import type { Result } from '../shared/result';
import {
  checkSize,
  decodeText,
  definedOnly,
  emptyError,
  fileStem,
  settle,
  shortTitle,
} from './decode';
import { httpUrl, normaliseDate } from './html';
import { paragraphsOfNode, parseHtmlDocument } from './htmlText';

/**
 * Markdown: rendered to HTML with marked, and the canonical text taken from that HTML with the
 * shared walker, so headings, list items and paragraphs become paragraphs and markup disappears.
 * The rendered HTML is kept as the (untrusted, sanitised-on-display) reading view.
 */

// Own instance: options or extensions another module sets on the global `marked` cannot leak in.
const markdown = new Marked({ gfm: true });

export function parseMarkdown(input: ParseInput): Promise<Result<SourceDraft>> {
  return settle(
    () => parseMarkdownNow(input),
    (message) =>
      err(INGEST_ERRORS.internal, `${input.fileName} could not be read as Markdown: ${message}`),
  );
}

function parseMarkdownNow(input: ParseInput): Result<SourceDraft> {
  const size = checkSize(input);
  if (!size.ok) return size;
  const decoded = decodeText(input.bytes, input.fileName);
  if (!decoded.ok) return decoded;
  const { fields, body } = splitFrontMatter(decoded.value.text);
  if (body.trim().length === 0) {
    return fields
      ? err(INGEST_ERRORS.empty, `${input.fileName} has no text besides its front matter.`)
      : emptyError(input.fileName);
  }

  const rendered = renderMarkdown(body);
  const warnings = [...decoded.value.warnings];
  let paragraphs: string[];
  let heading: string | null | undefined;
  if (rendered === undefined) {
    // Degrade to plain text rather than refuse the file: the words are still evidence.
    paragraphs = paragraphsOfPlainText(body);
    warnings.push(UNRENDERED_WARNING);
  } else {
    const document = parseHtmlDocument(rendered);
    paragraphs = paragraphsOfNode(document.body ?? document.documentElement);
    heading = document.querySelector('h1, h2, h3, h4, h5, h6')?.textContent;
  }
  const { text, structure } = assembleText([paragraphs], { paged: false });
  if (text.length === 0) {
    return err(INGEST_ERRORS.empty, `${input.fileName} has no readable text.`);
  }
  const firstParagraph = text.slice(0, structure.paragraphs?.[0]?.end ?? 0);

  const provenance: SourceProvenance = {
    fileName: input.fileName,
    ...definedOnly(fields ? provenanceOfFrontMatter(fields) : {}),
  };
  return ok({
    title:
      shortTitle(fields?.get('title')) ??
      shortTitle(heading) ??
      shortTitle(firstParagraph) ??
      fileStem(input.fileName),
    kind: 'markdown',
    mediaType: 'text/markdown',
    text,
    structure,
    provenance,
    warnings,
    ...(rendered === undefined ? {} : { html: rendered }),
  });
}

export const UNRENDERED_WARNING =
  'The Markdown is nested too deeply to render: its text was kept as plain text.';

/**
 * marked's time grows steeply with list nesting (2,000 levels take over a minute, then overflow
 * the stack); no real document indents this far, so such input is not rendered at all.
 */
const MAX_INDENT_COLUMNS = 256;

/** Rendered HTML, or undefined for input too deeply nested to render safely. */
function renderMarkdown(body: string): string | undefined {
  for (const match of body.matchAll(/^[ \t>]{64,}/gm)) {
    const columns = match[0].replace(/\t/g, '    ').length;
    if (columns > MAX_INDENT_COLUMNS) return undefined;
  }
  try {
    return markdown.parse(body, { async: false });
  } catch {
    return undefined;
  }
}

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const KEY_VALUE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;

export interface FrontMatter {
  /** Lower-cased keys to their values (quotes removed; a list's items joined with ", "). */
  readonly fields: ReadonlyMap<string, string> | undefined;
  /** The Markdown after the front matter (the whole text when there is none). */
  readonly body: string;
}

/**
 * YAML-style front matter as simple `key: value` lines (plus `- item` lists under a key), without
 * a YAML dependency. A leading `---` whose next line is not `key: value` is a thematic break.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { fields: undefined, body: text };
  const lines = (match[1] ?? '').split(/\r?\n/);
  const firstContent = lines.find((line) => line.trim().length > 0 && !line.trim().startsWith('#'));
  if (firstContent !== undefined && !KEY_VALUE.test(firstContent)) {
    return { fields: undefined, body: text };
  }
  const fields = new Map<string, string>();
  let listKey: string | undefined;
  for (const line of lines) {
    const pair = KEY_VALUE.exec(line);
    if (pair) {
      const key = pair[1]!.toLowerCase();
      const value = unquote(pair[2] ?? '');
      listKey = value.length === 0 ? key : undefined;
      if (value.length > 0) fields.set(key, value);
      continue;
    }
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (listKey && item) {
      const value = unquote(item[1] ?? '');
      if (value.length === 0) continue;
      const previous = fields.get(listKey);
      fields.set(listKey, previous ? `${previous}, ${value}` : value);
    }
  }
  return { fields, body: text.slice(match[0].length) };
}

function unquote(raw: string): string {
  let value = raw.trim();
  // A trailing YAML comment (" # …") is not part of an unquoted value.
  if (!/^["']/.test(value)) {
    const comment = value.search(/\s#/);
    if (comment !== -1) value = value.slice(0, comment);
  }
  const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
  if (quoted) value = quoted[1] ?? '';
  const list = /^\[(.*)\]$/.exec(value);
  if (list) {
    value = (list[1] ?? '')
      .split(',')
      .map((part) => part.trim().replace(/^["']|["']$/g, ''))
      .filter((part) => part.length > 0)
      .join(', ');
  }
  return value.trim();
}

function first(fields: ReadonlyMap<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = fields.get(key);
    if (value) return value;
  }
  return undefined;
}

function provenanceOfFrontMatter(fields: ReadonlyMap<string, string>) {
  const date = first(fields, 'date', 'published', 'publishedat', 'published_at', 'pubdate');
  // "source:" is sometimes the publication, sometimes its address.
  const source = first(fields, 'source', 'publisher', 'site', 'site_name');
  const sourceUrl = httpUrl(source);
  return {
    author: shortTitle(first(fields, 'author', 'authors', 'by', 'byline')),
    publisher: sourceUrl ? undefined : shortTitle(source),
    publishedAt: date && date.length <= 100 ? (normaliseDate(date) ?? date) : undefined,
    url:
      httpUrl(first(fields, 'url', 'link', 'canonical', 'canonical_url', 'source_url')) ??
      sourceUrl,
  };
}
