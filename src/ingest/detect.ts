import { byteOrderMark, firstInvalidUtf8Offset } from './decode';

/**
 * Which parser a file goes to. Order: magic bytes (a PDF is a PDF whatever it is called), then
 * the extension (so a broken .pdf or .docx reaches its own parser and gets a specific error), then
 * the media type a container declared, then a look at the content for files with neither.
 */

export const SOURCE_FORMATS = ['text', 'markdown', 'html', 'pdf', 'docx', 'eml'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

const FORMAT_NAMES: Readonly<Record<SourceFormat, string>> = {
  text: 'plain text',
  markdown: 'Markdown',
  html: 'web page',
  pdf: 'PDF',
  docx: 'Word document',
  eml: 'e-mail',
};

/** A human name for a format, for import reports ("web page", "Word document"). */
export function describeFormat(format: SourceFormat): string {
  return FORMAT_NAMES[format];
}

// Maps, not object literals: a file called "x.constructor" must not find Object.prototype.
const EXTENSIONS: ReadonlyMap<string, SourceFormat> = new Map<string, SourceFormat>([
  ['txt', 'text'],
  ['text', 'text'],
  ['log', 'text'],
  ['csv', 'text'],
  ['tsv', 'text'],
  ['md', 'markdown'],
  ['markdown', 'markdown'],
  ['mdown', 'markdown'],
  ['mkd', 'markdown'],
  ['html', 'html'],
  ['htm', 'html'],
  ['xhtml', 'html'],
  ['xht', 'html'],
  ['pdf', 'pdf'],
  ['docx', 'docx'],
  ['eml', 'eml'],
]);

const MEDIA_TYPES: ReadonlyMap<string, SourceFormat> = new Map<string, SourceFormat>([
  ['text/plain', 'text'],
  ['text/csv', 'text'],
  ['text/tab-separated-values', 'text'],
  ['text/markdown', 'markdown'],
  ['text/x-markdown', 'markdown'],
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['application/pdf', 'pdf'],
  ['application/x-pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['message/rfc822', 'eml'],
]);

/** The lower-cased last extension of a file name, without the dot ("Report.PDF" → "pdf"). */
export function extensionOf(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined;
}

/** The format a media type names ("text/html; charset=utf-8" → html), if Casefile reads it. */
export function formatOfMediaType(mediaType: string): SourceFormat | undefined {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPES.get(essence);
}

export function detectFormat(
  fileName: string,
  bytes: Uint8Array,
  declaredMediaType?: string,
): SourceFormat | undefined {
  if (startsWithAscii(bytes, '%PDF-')) return 'pdf';
  const extension = extensionOf(fileName);
  const byExtension = extension === undefined ? undefined : EXTENSIONS.get(extension);
  if (byExtension) return byExtension;
  const declared = declaredMediaType ? formatOfMediaType(declaredMediaType) : undefined;
  if (declared) return declared;
  return sniffFormat(bytes);
}

/** Content sniffing for a file with no known extension or media type. */
export function sniffFormat(bytes: Uint8Array): SourceFormat | undefined {
  if (bytes.length === 0) return 'text'; // the text parser then says "empty", not "unsupported"
  if (startsWithAscii(bytes, 'PK\u0003\u0004')) {
    // A Word document's parts are named in the zip's local headers near the start.
    return latin1(bytes.subarray(0, 65_536)).includes('word/') ? 'docx' : undefined;
  }
  const bom = byteOrderMark(bytes);
  let head: string;
  if (bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be') {
    head = new TextDecoder(bom.encoding).decode(bytes.subarray(0, 4096));
  } else {
    // NUL bytes near the start mean binary (git's rule); .exe, .png, .zip all have them.
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    head = latin1(bytes.subarray(bom ? bom.length : 0, 4096));
    if (!looksLikeText(bytes, bom ? bom.length : 0)) return undefined;
  }
  if (HTML_START.test(head)) return 'html';
  if (looksLikeEmail(head)) return 'eml';
  return 'text';
}

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/i;

/** Headers only an e-mail (or a saved message) starts with. */
const EMAIL_HEADERS = new Set([
  'from',
  'received',
  'mime-version',
  'return-path',
  'message-id',
  'delivered-to',
  'dkim-signature',
  'authentication-results',
  'x-original-to',
]);

/** RFC 5322 header lines from the first line on, one of them a header only messages carry. */
function looksLikeEmail(head: string): boolean {
  const lines = head.split(/\r?\n/);
  let headers = 0;
  let strong = false;
  for (const line of lines.slice(0, 40)) {
    if (line.length === 0) break;
    if (/^[ \t]/.test(line) && headers > 0) continue; // folded header
    const field = /^([!-9;-~]+):/.exec(line);
    if (!field) break;
    headers += 1;
    if (EMAIL_HEADERS.has(field[1]!.toLowerCase())) strong = true;
  }
  return headers >= 2 && strong;
}

/**
 * Valid UTF-8 is text. Invalid UTF-8 with almost no control characters is legacy-encoded text
 * (the text parser decodes it as Windows-1252 and says so); anything else is binary.
 */
function looksLikeText(bytes: Uint8Array, start: number): boolean {
  if (firstInvalidUtf8Offset(bytes, start) === undefined) return true;
  const sample = bytes.subarray(start, start + 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) {
      controls += 1;
    }
  }
  return controls <= sample.length * 0.01;
}

function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i += 1) {
    if (bytes[i] !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return text;
}
