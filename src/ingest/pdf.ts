// Importing pdf.js's worker module sets `globalThis.pdfjsWorker`; pdf.js then runs its parser in
// this thread (a "fake worker") instead of spawning a Web Worker: we are already inside the ingest
// worker, and a nested worker would need pdf.js's worker script shipped as a separate asset.
// Side effect to know about: in a dedicated worker, that module also answers on `self` and posts
// one {sourceName: 'worker', targetName: 'main', action: 'ready'} message to the page; the page
// must ignore messages it does not recognise (src/ingest/client.ts does: they carry no job id).
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type {
  DocumentInitParameters,
  TextItem,
  TextMarkedContent,
} from 'pdfjs-dist/types/src/display/api';
import {
  INGEST_ERRORS,
  assembleText,
  canonicalParagraph,
  type ParseInput,
  type SourceDraft,
  type SourceProvenance,
} from '../core';
import { err, ok, type Result } from '../shared/result';

export const PDF_MEDIA_TYPE = 'application/pdf';

export const NO_TEXT_LAYER_WARNING =
  'No text layer: this PDF has no extractable text (probably a scan). Run OCR and import the result to quote from it.';

/** The PDF spec lets the header start anywhere in the first 1,024 bytes; readers accept that. */
const HEADER_WINDOW = 1024;
const MAX_TITLE_LENGTH = 200;

/**
 * Loads pdf.js's character maps with plain `fetch`. pdf.js's own browser loader reads
 * `document.baseURI`, which a worker does not have, and silently gives up.
 */
class FetchCMapReaderFactory {
  private readonly baseUrl: string | null;
  private readonly isCompressed: boolean;
  constructor({
    baseUrl = null,
    isCompressed = true,
  }: {
    baseUrl?: string | null;
    isCompressed?: boolean;
  }) {
    this.baseUrl = baseUrl;
    this.isCompressed = isCompressed;
  }
  async fetch({
    name,
  }: {
    name: string;
  }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    if (!this.baseUrl) throw new Error('No character maps are available.');
    const url = `${this.baseUrl}${name}${this.isCompressed ? '.bcmap' : ''}`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Unable to load the character map ${name}.`);
    return {
      cMapData: new Uint8Array(await response.arrayBuffer()),
      isCompressed: this.isCompressed,
    };
  }
}

/** getDocument options for the character maps: fetched by URL in the app, read from disk in Node. */
function characterMaps(url: string | undefined) {
  if (!url) return {};
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
  return {
    cMapUrl: url,
    cMapPacked: true,
    ...(isUrl
      ? {
          CMapReaderFactory:
            FetchCMapReaderFactory as unknown as DocumentInitParameters['CMapReaderFactory'],
        }
      : {}),
  };
}

/** Reads a PDF's text layer page by page, so passages can be cited by page. */
export async function parsePdf(input: ParseInput): Promise<Result<SourceDraft>> {
  const { fileName, bytes, limits } = input;
  if (!hasPdfHeader(bytes)) {
    return err(INGEST_ERRORS.pdfCorrupt, `${fileName} is not a PDF (no %PDF header).`);
  }
  const task = getDocument({
    // pdf.js transfers (detaches) the buffer it is given: hand it a copy, never the original.
    data: bytes.slice(),
    isEvalSupported: false, // our CSP forbids eval; pdf.js would compile PostScript functions with it
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false, // no fetching of decoders: we only need text, never images
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    verbosity: VerbosityLevel.ERRORS,
    ...characterMaps(input.pdfCMapUrl),
  });
  try {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      return loadError(fileName, error);
    }
    if (doc.numPages > limits.maxPdfPages) {
      return err(
        INGEST_ERRORS.pdfTooManyPages,
        `${fileName} has ${formatCount(doc.numPages)} pages; Casefile imports PDFs of at most ${formatCount(limits.maxPdfPages)} pages.`,
      );
    }
    if (doc.numPages < 1) {
      return err(INGEST_ERRORS.pdfCorrupt, `${fileName} is damaged: it has no pages.`);
    }
    const warnings: string[] = [];
    const pages: string[][] = [];
    let unreadable = 0;
    let firstLine: string | undefined;
    for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber += 1) {
      try {
        const page = await doc.getPage(pageNumber);
        try {
          const content = await page.getTextContent();
          const lines = linesOfTextItems(content.items);
          firstLine ??= lines.map((line) => canonicalParagraph(line.text)).find(Boolean);
          pages.push(paragraphsOfLines(lines));
        } finally {
          page.cleanup();
        }
      } catch (error) {
        // One broken page should not cost the investigator the other pages.
        unreadable += 1;
        pages.push([]);
        warnings.push(
          `Page ${pageNumber} could not be read (${describe(error)}); it is left empty.`,
        );
      }
    }
    if (unreadable === doc.numPages) {
      return err(
        INGEST_ERRORS.pdfCorrupt,
        `${fileName} is damaged: none of its ${formatCount(doc.numPages)} pages could be read.`,
      );
    }
    const { text, structure } = assembleText(pages, { paged: true });
    if (text.length === 0) warnings.unshift(NO_TEXT_LAYER_WARNING);
    if (!hasEndOfFileMarker(bytes)) {
      warnings.push(
        `${fileName} has no end-of-file marker, so it may be truncated: some pages or text may be missing.`,
      );
    }
    const meta = await readMetadata(doc);
    const provenance: SourceProvenance = {
      fileName,
      ...(meta.author ? { author: meta.author } : {}),
      ...(meta.publishedAt ? { publishedAt: meta.publishedAt } : {}),
      ...(meta.modifiedAt ? { modifiedAt: meta.modifiedAt } : {}),
    };
    return ok({
      title: meta.title ?? (firstLine ? shortTitle(firstLine) : fileName),
      kind: 'pdf',
      mediaType: PDF_MEDIA_TYPE,
      text,
      structure,
      provenance,
      warnings,
    });
  } finally {
    // Frees the document and its fake worker, on success and on every error path alike.
    await task.destroy().catch(() => undefined);
  }
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, HEADER_WINDOW));
  return head.includes('%PDF-');
}

function hasEndOfFileMarker(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF');
}

function loadError(fileName: string, error: unknown): Result<never> {
  const name = isNamed(error) ? error.name : '';
  if (name === 'PasswordException') {
    return err(
      INGEST_ERRORS.pdfEncrypted,
      `${fileName} is password-protected; remove the password and import it again.`,
    );
  }
  if (name === 'InvalidPDFException') {
    return err(
      INGEST_ERRORS.pdfCorrupt,
      `${fileName} is damaged or truncated: its PDF structure cannot be read.`,
    );
  }
  return err(
    INGEST_ERRORS.pdfCorrupt,
    `${fileName} could not be opened as a PDF (${describe(error)}).`,
  );
}

/** pdf.js rebuilds its exceptions across the (fake) worker boundary, so match them by shape. */
function isNamed(value: unknown): value is { name: string; message?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

function describe(error: unknown): string {
  const message = isNamed(error) && typeof error.message === 'string' ? error.message : '';
  const trimmed = message.trim().replace(/\.$/, '');
  return trimmed.length > 0 ? trimmed : 'unknown error';
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function shortTitle(line: string): string {
  if (line.length <= MAX_TITLE_LENGTH) return line;
  const cut = line.slice(0, MAX_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

// ---------------------------------------------------------------------------------------------
// Metadata

interface PdfMetadata {
  readonly title?: string;
  readonly author?: string;
  readonly publishedAt?: string;
  readonly modifiedAt?: string;
}

/** The info dictionary first (what most tools show), XMP as a fallback. */
async function readMetadata(doc: PDFDocumentProxy): Promise<PdfMetadata> {
  let info: Record<string, unknown> = {};
  let xmp: { get(name: string): unknown } | null = null;
  try {
    const meta = await doc.getMetadata();
    info = meta.info as Record<string, unknown>;
    xmp = meta.metadata;
  } catch {
    // Broken metadata is no reason to refuse the text.
    return {};
  }
  const xmpText = (name: string): string | undefined => {
    const value = xmp?.get(name);
    const first = Array.isArray(value) ? (value as unknown[])[0] : value;
    return typeof first === 'string' ? cleanText(first) : undefined;
  };
  const infoText = (name: string): string | undefined => {
    const value = info[name];
    return typeof value === 'string' ? cleanText(value) : undefined;
  };
  const date = (infoName: string, xmpName: string): string | undefined =>
    parsePdfDate(infoText(infoName) ?? '') ?? parsePdfDate(xmpText(xmpName) ?? '');
  const title = infoText('Title') ?? xmpText('dc:title');
  const author = infoText('Author') ?? xmpText('dc:creator');
  const publishedAt = date('CreationDate', 'xmp:createdate');
  const modifiedAt = date('ModDate', 'xmp:modifydate');
  return {
    ...(title ? { title: shortTitle(title) } : {}),
    ...(author ? { author } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
  };
}

function cleanText(value: string): string | undefined {
  const text = canonicalParagraph(value);
  return text.length > 0 ? text : undefined;
}

const PDF_DATE =
  /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)(?:00'?(?:00'?)?)?|([+-])(\d{2})(?:'?(\d{2}))?'?)?$/i;
const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?)?)?$/i;

/**
 * A PDF date ("D:YYYYMMDDHHmmSSOHH'mm'", every part after the year optional) as ISO-8601, as
 * precise as the PDF states it: "2016", "2016-02-05", "2016-02-05T12:00:00" (no zone stated) or
 * "2016-02-05T12:00:00+09:00". XMP-style ISO dates are accepted too. Invalid → undefined.
 */
export function parsePdfDate(raw: string): string | undefined {
  const value = raw.trim();
  const match = PDF_DATE.exec(value) ?? ISO_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, zulu, sign, tzHour, tzMinute] = match;
  if (year === undefined) return undefined;
  const y = Number(year);
  let iso = year;
  if (month === undefined) return iso;
  const mo = Number(month);
  if (mo < 1 || mo > 12) return undefined;
  iso += `-${month}`;
  if (day === undefined) return iso;
  const d = Number(day);
  if (d < 1 || d > daysInMonth(y, mo)) return undefined;
  iso += `-${day}`;
  if (hour === undefined) return iso;
  if (Number(hour) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return undefined;
  iso += `T${hour}:${minute ?? '00'}:${second ?? '00'}`;
  if (zulu) return `${iso}Z`;
  if (sign && tzHour !== undefined) {
    if (Number(tzHour) > 23 || Number(tzMinute ?? 0) > 59) return undefined;
    return `${iso}${sign}${tzHour}:${tzMinute ?? '00'}`;
  }
  return iso;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------
// Text layout: pdf.js gives positioned runs of text; we rebuild lines, then paragraphs.

/** A line of text as drawn on the page (PDF user space: y grows upwards). */
export interface PdfLine {
  text: string;
  /** Left and right edges, baseline, and the largest font size on the line. */
  left: number;
  right: number;
  y: number;
  size: number;
  /** An empty line followed this one (pdf.js reported two line ends in a row). */
  blankAfter: boolean;
}

/** Rebuilds lines from pdf.js text items: a line ends at `hasEOL` or when the baseline moves. */
export function linesOfTextItems(items: readonly (TextItem | TextMarkedContent)[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | undefined;
  const endLine = () => {
    if (current && current.text.trim().length > 0) lines.push(current);
    current = undefined;
  };
  for (const item of items) {
    if (!('str' in item)) continue; // marked-content boundaries carry no text
    const transform = item.transform as number[];
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = transform;
    const size = item.height > 0 ? item.height : Math.hypot(c, d) || Math.hypot(a, b) || 1;
    if (item.str.trim().length > 0) {
      if (current && Math.abs(y - current.y) > 0.5 * Math.max(size, current.size)) endLine();
      if (!current) {
        current = { text: item.str, left: x, right: x + item.width, y, size, blankAfter: false };
      } else {
        // pdf.js usually emits spaces itself; add one where a visible gap has none.
        const gap = x - current.right;
        if (gap > 0.25 * size && !/\s$/.test(current.text) && !/^\s/.test(item.str)) {
          current.text += ' ';
        }
        current.text += item.str;
        current.right = Math.max(current.right, x + item.width);
        current.size = Math.max(current.size, size);
      }
    } else if (current && item.str.length > 0) {
      current.text += ' ';
    }
    if (item.hasEOL) {
      if (current) {
        endLine();
      } else {
        const last = lines.at(-1);
        if (last) last.blankAfter = true;
      }
    }
  }
  endLine();
  return lines;
}

/** Sentence-final punctuation, optionally followed by a closing quote or bracket. */
const ENDS_SENTENCE = /[.!?:…]["'”’)\]]?$/;
const STARTS_BULLET = /^[•◦▪▫●○■□‣⁃]\s/;

/**
 * Groups a page's lines into paragraphs. A new paragraph starts after a blank line, at a vertical
 * gap clearly larger than the page's usual line spacing, at a change of font size (headings), at a
 * jump up the page (a new column), at a bullet, and after a short line that ends a sentence.
 */
export function paragraphsOfLines(lines: readonly PdfLine[]): string[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((line) => line.left));
  const right = Math.max(...lines.map((line) => line.right));
  const typical = typicalLineGap(lines);
  const paragraphs: string[] = [];
  let paragraph = '';
  lines.forEach((line, index) => {
    const previous = index > 0 ? lines[index - 1] : undefined;
    if (!previous) {
      paragraph = line.text;
      return;
    }
    if (startsParagraph(previous, line, { left, right, typical })) {
      paragraphs.push(paragraph);
      paragraph = line.text;
    } else {
      paragraph = joinLines(paragraph, line.text);
    }
  });
  paragraphs.push(paragraph);
  return paragraphs;
}

/** The median gap between consecutive baselines, if there are enough lines to tell. */
function typicalLineGap(lines: readonly PdfLine[]): number | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    const gap = a.y - b.y;
    if (gap > 0 && gap < 4 * Math.max(a.size, b.size)) gaps.push(gap);
  }
  if (gaps.length < 3) return undefined;
  gaps.sort((x, y) => x - y);
  return gaps[Math.floor(gaps.length / 2)];
}

function startsParagraph(
  a: PdfLine,
  b: PdfLine,
  page: { left: number; right: number; typical: number | undefined },
): boolean {
  const size = Math.max(a.size, b.size);
  const gap = a.y - b.y;
  if (a.blankAfter) return true;
  if (gap < -0.5 * size) return true; // moved up the page: a new column or block
  if (Math.abs(a.size - b.size) > 0.15 * size) return true;
  if (STARTS_BULLET.test(b.text.trim())) return true;
  const limit = page.typical !== undefined ? Math.max(page.typical * 1.3, size * 1.1) : size * 1.6;
  if (gap > limit) return true;
  const finished = ENDS_SENTENCE.test(a.text.trim());
  // Lines spaced like blank lines (single-line paragraphs, or double spacing): a finished
  // sentence at a line end is the best evidence of a paragraph end we have.
  if (finished && page.typical !== undefined && page.typical >= 1.8 * size) return true;
  const width = page.right - page.left;
  return finished && width > 0 && a.right - page.left < 0.7 * width;
}

function joinLines(paragraph: string, line: string): string {
  const head = paragraph.trimEnd();
  const tail = line.trimStart();
  if (head.endsWith('\u00AD')) return head.slice(0, -1) + tail; // soft hyphen: one word
  if (/\p{L}-$/u.test(head) && /^\p{Ll}/u.test(tail)) return head + tail; // "well-" + "known"
  return `${head} ${tail}`;
}
