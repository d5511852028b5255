import { zipSync, type Zippable } from 'fflate';
import mammoth from 'mammoth';
import {
  INGEST_ERRORS,
  assembleText,
  canonicalParagraph,
  type IngestLimits,
  type ParseInput,
  type SourceDraft,
  type SourceProvenance,
} from '../core';
import { err, ok, type Result } from '../shared/result';
import { paragraphsOfHtml } from './htmlText';
import { hasZipSignature, readZipFiles, type ZipFile, type ZipProblem } from './zip';

export const DOCX_MEDIA_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const NO_TEXT_WARNING =
  'No text: this Word document has no text to quote (it may hold only images).';

const MAX_TITLE_LENGTH = 200;
const MAX_WARNINGS = 20;
const DEFAULT_MAIN_DOCUMENT = 'word/document.xml';
const DEFAULT_CORE_PROPERTIES = 'docProps/core.xml';

/**
 * Word (.docx): zip safety first (entry count, inflated size counted while inflating, no DTDs),
 * then mammoth turns the checked parts into HTML and the HTML path makes the canonical text.
 */
export async function parseDocx(input: ParseInput): Promise<Result<SourceDraft>> {
  const { fileName, bytes, limits } = input;
  if (!hasZipSignature(bytes)) {
    if (isCompoundFile(bytes)) {
      return err(
        INGEST_ERRORS.docxNotZip,
        `${fileName} is not a .docx Word document: it is an older Word (.doc) file or a password-protected one. Open it in Word, remove any password, save it as .docx and import it again.`,
      );
    }
    return err(
      INGEST_ERRORS.docxNotZip,
      `${fileName} is not a Word document: it is not a zip archive.`,
    );
  }
  const read = readZipFiles(bytes, {
    maxEntries: limits.maxZipEntries,
    maxInflatedBytes: limits.maxInflatedBytes,
  });
  if (!read.ok) return zipError(fileName, read.problem, limits);
  const files = read.value;
  const parts = new Map(files.map((file) => [file.name, file.bytes]));

  if (files.some((file) => isXmlPart(file) && containsDtd(file.bytes))) {
    return err(
      INGEST_ERRORS.docxDtd,
      `${fileName} contains an XML document type declaration, which Word never writes; refused as a possible XML entity attack.`,
    );
  }
  const packageRels = xmlText(parts.get('_rels/.rels'));
  const mainDocument = relationshipTarget(packageRels, '/officeDocument') ?? DEFAULT_MAIN_DOCUMENT;
  if (!parts.has(mainDocument)) {
    return err(
      INGEST_ERRORS.docxCorrupt,
      `${fileName} is not a complete Word document: it has no main document part (${mainDocument}).`,
    );
  }

  let html: string;
  let messages: readonly { readonly message: string }[];
  try {
    // mammoth re-reads the zip itself: give it one rebuilt from the parts we checked, so it never
    // sees anything (another directory, an oversized entry) that our checks did not.
    const checked = zipSync(storedZippable(files), { level: 0 }).buffer;
    // mammoth's browser build reads `arrayBuffer`; its Node build (Vitest) reads `buffer`, which
    // JSZip also accepts as an ArrayBuffer. Never a path.
    const source = { arrayBuffer: checked, buffer: checked };
    const converted = await mammoth.convertToHtml(source, { externalFileAccess: false });
    html = converted.value;
    messages = converted.messages;
  } catch (error) {
    return err(
      INGEST_ERRORS.docxCorrupt,
      `${fileName} is a damaged Word document: its contents cannot be read (${errorDetail(error)}).`,
    );
  }

  const { text, structure } = assembleText([paragraphsOfHtml(html)], { paged: false });
  const warnings = conversionWarnings(messages);
  if (text.length === 0) warnings.unshift(NO_TEXT_WARNING);
  const coreXml = xmlText(
    parts.get(
      relationshipTarget(packageRels, '/metadata/core-properties') ?? DEFAULT_CORE_PROPERTIES,
    ),
  );
  const core = coreProperties(coreXml);
  const firstParagraph =
    structure.paragraphs?.[0] &&
    text.slice(structure.paragraphs[0].start, structure.paragraphs[0].end);
  const provenance: SourceProvenance = {
    fileName,
    ...(core.creator ? { author: core.creator } : {}),
    ...(core.created ? { publishedAt: core.created } : {}),
    ...(core.modified ? { modifiedAt: core.modified } : {}),
  };
  return ok({
    title: shortTitle(core.title ?? (firstParagraph || fileName)),
    kind: 'docx',
    mediaType: DOCX_MEDIA_TYPE,
    text,
    structure,
    provenance,
    warnings,
    html,
  });
}

function zipError(fileName: string, problem: ZipProblem, limits: IngestLimits): Result<never> {
  switch (problem.kind) {
    case 'notZip':
      return err(
        INGEST_ERRORS.docxNotZip,
        `${fileName} is not a Word document: it is not a zip archive.`,
      );
    case 'badDirectory':
      return err(
        INGEST_ERRORS.docxNotZip,
        `${fileName} is not a readable Word document: ${problem.detail} (the file may be truncated).`,
      );
    case 'tooManyEntries':
      return err(
        INGEST_ERRORS.docxZipBomb,
        `${fileName} contains more than ${problem.limit.toLocaleString('en-US')} files; refused as a possible zip bomb.`,
      );
    case 'tooLarge':
      return err(
        INGEST_ERRORS.docxZipBomb,
        `${fileName} would inflate to more than ${megabytes(limits.maxInflatedBytes)} MB; refused as a possible zip bomb.`,
      );
    case 'badEntry':
      return err(
        INGEST_ERRORS.docxCorrupt,
        `${fileName} is a damaged Word document: its part "${problem.name}" cannot be read (${problem.detail}).`,
      );
    case 'unsupported':
      return err(
        INGEST_ERRORS.docxCorrupt,
        `${fileName} cannot be read: its part "${problem.name}" ${problem.detail}. Open it in Word, save it again and import the new file.`,
      );
  }
}

function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/** OLE2 compound file (D0 CF 11 E0): legacy .doc, or an encrypted (password-protected) .docx. */
function isCompoundFile(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return magic.every((byte, i) => bytes[i] === byte);
}

function storedZippable(files: readonly ZipFile[]): Zippable {
  const zippable: Zippable = {};
  for (const file of files) zippable[file.name] = file.bytes;
  return zippable;
}

// ---------------------------------------------------------------------------------------------
// XML entity attacks

/**
 * Parts that are parsed (or could be) as XML: .xml/.rels/.vml by name, and anything else that
 * starts with "<", except embedded HTML chunks and SVG images, which are user content that is
 * never parsed as XML on import (and are sanitised like any HTML when shown).
 */
export function isXmlPart(file: ZipFile): boolean {
  if (/\.(xml|rels|vml)$/i.test(file.name)) return true;
  if (/\.(x?html?|mht(ml)?|svg)$/i.test(file.name)) return false;
  for (const byte of file.bytes.subarray(0, 64)) {
    // Skip a byte-order mark, NULs (UTF-16/32) and white space to the first real character.
    if (byte === 0x00 || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte === 0xef || byte === 0xbb || byte === 0xbf || byte === 0xfe || byte === 0xff) continue;
    return byte === 0x3c; // "<"
  }
  return false;
}

const DOCTYPE = [...'DOCTYPE'].map((c) => c.charCodeAt(0));
const ENTITY = [...'ENTITY'].map((c) => c.charCodeAt(0));

/**
 * Whether the bytes contain "<!DOCTYPE" or "<!ENTITY" (any case). NUL bytes are skipped, so
 * UTF-16 and UTF-32 encodings of the markers are caught too.
 */
export function containsDtd(bytes: Uint8Array): boolean {
  // Jump between "!" bytes with the native indexOf: they are rare in XML, "<" is everywhere.
  for (let bang = bytes.indexOf(0x21); bang !== -1; bang = bytes.indexOf(0x21, bang + 1)) {
    let before = bang - 1;
    while (before >= 0 && bytes[before] === 0x00) before -= 1;
    if (bytes[before] !== 0x3c) continue; // "<"
    const after = skipNuls(bytes, bang + 1);
    if (matchesWord(bytes, after, DOCTYPE) || matchesWord(bytes, after, ENTITY)) return true;
  }
  return false;
}

function skipNuls(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length && bytes[i] === 0x00) i += 1;
  return i;
}

function matchesWord(bytes: Uint8Array, from: number, word: readonly number[]): boolean {
  let j = from;
  for (const upper of word) {
    j = skipNuls(bytes, j);
    const byte = bytes[j];
    if (byte === undefined || (byte & 0xdf) !== upper) return false; // ASCII case fold
    j += 1;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Package relationships and core properties (small, DTD-free XML: read with regular expressions)

function xmlText(bytes: Uint8Array | undefined): string {
  if (!bytes) return '';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes); // drops a UTF-8 BOM
}

/** The package-relative target of the first root relationship whose type ends with `typeSuffix`. */
function relationshipTarget(relsXml: string, typeSuffix: string): string | undefined {
  for (const [tag] of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const type = attribute(tag, 'Type');
    const target = attribute(tag, 'Target');
    if (type?.endsWith(typeSuffix) && target && attribute(tag, 'TargetMode') !== 'External') {
      return target.replace(/^(?:\/+|\.\/)/, '');
    }
  }
  return undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  const raw = match?.[1] ?? match?.[2];
  return raw === undefined ? undefined : decodeXmlEntities(raw);
}

interface CoreProperties {
  readonly title?: string;
  readonly creator?: string;
  readonly created?: string;
  readonly modified?: string;
}

/** dc:title, dc:creator, dcterms:created and dcterms:modified from docProps/core.xml. */
export function coreProperties(xml: string): CoreProperties {
  const title = elementText(xml, 'title');
  const creator = elementText(xml, 'creator');
  const created = w3cDate(elementText(xml, 'created'));
  const modified = w3cDate(elementText(xml, 'modified'));
  return {
    ...(title ? { title } : {}),
    ...(creator ? { creator } : {}),
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
  };
}

function elementText(xml: string, localName: string): string | undefined {
  const match = new RegExp(
    `<(?:[\\w.-]+:)?${localName}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}\\s*>`,
  ).exec(xml);
  if (!match?.[1]) return undefined;
  const text = canonicalParagraph(
    decodeXmlEntities(
      match[1].replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]*>/g, ''),
    ),
  );
  return text.length > 0 ? text : undefined;
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x')
        ? parseInt(lower.slice(2), 16)
        : parseInt(lower.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole;
  });
}

const W3C_DATE =
  /^\d{4}(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A W3CDTF date (what Word writes: "2019-11-14T08:45:00Z") if it is one; otherwise undefined. */
function w3cDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = W3C_DATE.exec(value);
  if (!match) return undefined;
  const [, month, day, hour, minute, second] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return undefined;
  if (
    hour !== undefined &&
    (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)
  ) {
    return undefined;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------

/** mammoth's style messages are about formatting only, and real documents have dozens of them. */
const STYLE_MESSAGE =
  /^(?:Unrecognised (?:paragraph|run|table) style: .*\(Style ID: (.*)\)|(?:Paragraph|Run|Table|Numbering) style with ID (.*) was referenced but not defined)/;

/**
 * mammoth's messages as warnings: the style ones collapsed into one line, the rest de-duplicated
 * and capped at MAX_WARNINGS lines in all.
 */
function conversionWarnings(messages: readonly { readonly message: string }[]): string[] {
  const unique = [...new Set(messages.map((m) => m.message.trim()).filter(Boolean))];
  const styles = new Set<string>();
  const others: string[] = [];
  for (const message of unique) {
    const style = STYLE_MESSAGE.exec(message);
    if (style) styles.add(style[1] ?? style[2] ?? message);
    else others.push(message);
  }
  const room = styles.size > 0 ? MAX_WARNINGS - 1 : MAX_WARNINGS;
  const warnings =
    others.length <= room
      ? others
      : [
          ...others.slice(0, room - 1),
          `${others.length - (room - 1)} more conversion warnings are not shown.`,
        ];
  if (styles.size > 0) {
    warnings.push(
      `${styles.size} Word ${styles.size === 1 ? 'style has' : 'styles have'} no equivalent in the HTML view and ${styles.size === 1 ? 'is' : 'are'} shown as plain text; the text itself is complete.`,
    );
  }
  return warnings;
}

function shortTitle(raw: string): string {
  const title = canonicalParagraph(raw);
  if (title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

/** mammoth's (xmldom's) errors are multi-line and tagged; keep the first line, untagged. */
function errorDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n')[0] ?? '')
    .replace(/^(?:error:\s*)?\[xmldom error\]\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
  if (line.length === 0) return 'it cannot be converted';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
