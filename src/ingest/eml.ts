import PostalMime from 'postal-mime';
import type { Address, Attachment, Email, Mailbox, PostalMimeOptions } from 'postal-mime';
import { INGEST_ERRORS } from '../core/ingest/draft';
import type { DraftAttachment, ParseInput, SourceDraft } from '../core/ingest/draft';
import type { EmailHeaders, SourceProvenance } from '../core/model/records';
import { assembleText, canonicalParagraph, paragraphsOfPlainText } from '../core/text/canonical';
import { formatByteSize } from '../shared/format';
import { err, ok } from '../shared/result';
import type { Result } from '../shared/result';
import { htmlNestingDepth, MAX_HTML_NESTING, paragraphsOfHtml } from './htmlText';
import { headerBlockProblem, MAX_HEADER_BYTES, scanMimeStructure } from './mime';

/**
 * E-mail (.eml, RFC 822 / MIME) parser. Order of work, cheapest first: empty and size checks, the
 * header-block check and the linear MIME pre-scan (src/ingest/mime.ts), and only then postal-mime.
 * The canonical text is the body only; the headers go into provenance. Attachments (attached
 * messages included) are handed back as bytes for the integrator to import as child sources.
 */

export const EML_MEDIA_TYPE = 'message/rfc822';

/** The MIME parser, injectable so tests can prove a refused message never reaches it. */
export type MimeParser = (bytes: Uint8Array, options: PostalMimeOptions) => Promise<Email>;

/** Longest attachment file name kept, in characters. */
export const MAX_ATTACHMENT_NAME = 200;

export async function parseEml(input: ParseInput): Promise<Result<SourceDraft>> {
  return parseEmlWith(input, (bytes, options) => PostalMime.parse(bytes, options));
}

/** parseEml with the MIME parser passed in (the seam tests use). Never throws. */
export async function parseEmlWith(
  input: ParseInput,
  parseMime: MimeParser,
): Promise<Result<SourceDraft>> {
  try {
    return await parseEmlNow(input, parseMime);
  } catch (error) {
    // Anything thrown past the checks below is a bug here, not a property of the file.
    const detail = error instanceof Error ? error.message : String(error);
    return err(INGEST_ERRORS.internal, `${input.fileName} could not be read: ${detail}`);
  }
}

async function parseEmlNow(input: ParseInput, parseMime: MimeParser): Promise<Result<SourceDraft>> {
  const { fileName, bytes, limits } = input;
  if (bytes.length === 0) return err(INGEST_ERRORS.empty, `${fileName} is empty.`);
  if (bytes.length > limits.maxFileBytes) {
    return err(
      INGEST_ERRORS.tooLarge,
      `${fileName} is ${formatByteSize(bytes.length)}; the limit is ${formatByteSize(limits.maxFileBytes)}.`,
    );
  }
  const problem = headerBlockProblem(bytes);
  if (problem !== undefined) {
    return err(INGEST_ERRORS.emlMalformed, `${fileName} is not an e-mail message: ${problem}.`);
  }
  const scan = scanMimeStructure(bytes, {
    maxParts: limits.maxMimeParts,
    maxDepth: limits.maxMimeDepth,
    maxHeaderBytes: MAX_HEADER_BYTES,
  });
  if (!scan.ok) {
    if (scan.problem === 'tooManyParts') return tooManyParts(fileName, limits.maxMimeParts);
    if (scan.problem === 'tooDeep') return tooDeep(fileName, limits.maxMimeDepth);
    return headersTooLarge(fileName);
  }

  let email: Email;
  try {
    email = await parseMime(bytes, {
      // Attached messages stay attachments: the integrator imports each as its own source.
      forceRfc822Attachments: true,
      attachmentEncoding: 'arraybuffer',
      // Backstops in case the pre-scan and postal-mime ever read a boundary differently.
      maxNestingDepth: limits.maxMimeDepth,
      maxHeadersSize: MAX_HEADER_BYTES,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/nesting depth/i.test(reason)) return tooDeep(fileName, limits.maxMimeDepth);
    if (/header size/i.test(reason)) return headersTooLarge(fileName);
    return err(
      INGEST_ERRORS.emlMalformed,
      `${fileName} could not be read as an e-mail message (${reason}).`,
    );
  }
  // Second backstop: a message the pre-scan under-counted still cannot flood the import.
  if (email.attachments.length > limits.maxMimeParts) {
    return tooManyParts(fileName, limits.maxMimeParts);
  }
  return ok(draftOf(fileName, email, limits.maxAttachments));
}

function tooManyParts(fileName: string, max: number): Result<never> {
  return err(
    INGEST_ERRORS.emlTooManyParts,
    `${fileName} has more than ${max} MIME parts; refused as a possible resource-exhaustion attack.`,
  );
}

function tooDeep(fileName: string, max: number): Result<never> {
  return err(
    INGEST_ERRORS.emlTooDeep,
    `${fileName} nests MIME parts more than ${max} levels deep; refused as a possible resource-exhaustion attack.`,
  );
}

function headersTooLarge(fileName: string): Result<never> {
  return err(
    INGEST_ERRORS.emlMalformed,
    `${fileName} has more than ${formatByteSize(MAX_HEADER_BYTES)} of headers, which no real e-mail has.`,
  );
}

function draftOf(fileName: string, email: Email, maxAttachments: number): SourceDraft {
  const warnings: string[] = [];
  const headers = emailHeaders(email);
  if (headers.date === undefined) warnings.push('Message has no Date header.');
  const publishedAt = isIsoDate(headers.date) ? headers.date : undefined;
  if (headers.date !== undefined && publishedAt === undefined) {
    warnings.push(`The Date header "${headers.date}" could not be read as a date.`);
  }

  // The plain-text body is what the sender wrote as text; the HTML one is the fallback.
  const plain = email.text === undefined ? [] : paragraphsOfPlainText(email.text);
  let html = email.html !== undefined && email.html.trim().length > 0 ? email.html : undefined;
  if (html !== undefined && htmlNestingDepth(html) > MAX_HTML_NESTING) {
    // Built to stall a parser: neither read for text nor kept for the sealed view.
    warnings.push(
      `The HTML body nests its elements more than ${MAX_HTML_NESTING.toLocaleString('en')} deep, so it was left out.`,
    );
    html = undefined;
  }
  const paragraphs = plain.length > 0 || html === undefined ? plain : paragraphsOfHtml(html);
  const { text, structure } = assembleText([paragraphs], { paged: false });
  if (text.length === 0) warnings.push('Message has no text body.');

  const attachments = draftAttachments(email.attachments);
  if (attachments.length > maxAttachments) {
    warnings.push(
      `Message has ${attachments.length} attachments; only the first ${maxAttachments} were imported.`,
    );
  }

  const provenance: SourceProvenance = {
    fileName,
    email: headers,
    ...(headers.from !== undefined ? { author: headers.from } : {}),
    ...(publishedAt !== undefined ? { publishedAt } : {}),
  };
  return {
    title: headers.subject ?? (headers.from ? `(no subject) from ${headers.from}` : '(no subject)'),
    kind: 'eml',
    mediaType: EML_MEDIA_TYPE,
    text,
    structure,
    provenance,
    warnings,
    ...(html !== undefined ? { html } : {}),
    attachments: attachments.slice(0, maxAttachments),
  };
}

function emailHeaders(email: Email): EmailHeaders {
  const from = email.from === undefined ? [] : formatAddresses([email.from]);
  const subject = cleanHeader(email.subject);
  const date = cleanHeader(email.date);
  const messageId = cleanHeader(email.messageId);
  return {
    ...(from[0] !== undefined ? { from: from[0] } : {}),
    to: formatAddresses(email.to),
    cc: formatAddresses(email.cc),
    ...(subject !== undefined ? { subject } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(messageId !== undefined ? { messageId } : {}),
  };
}

/** One line, no control characters, white space collapsed; undefined when nothing is left. */
function cleanHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const clean = canonicalParagraph(value);
  return clean.length > 0 ? clean : undefined;
}

/** `Name <address>`, or the bare address; group members are listed as themselves. */
export function formatAddresses(addresses: readonly Address[] | undefined): string[] {
  const out: string[] = [];
  for (const address of addresses ?? []) {
    if (address.group === undefined) {
      const one = formatMailbox(address);
      if (one !== undefined) out.push(one);
      continue;
    }
    const members = address.group.map(formatMailbox).filter((m) => m !== undefined);
    // An empty group ("undisclosed-recipients:;") still says who the message claimed to go to.
    if (members.length === 0) {
      const name = cleanHeader(address.name);
      if (name !== undefined) out.push(`${name}:;`);
    }
    out.push(...members);
  }
  return out;
}

function formatMailbox(mailbox: Mailbox): string | undefined {
  const name = cleanHeader(mailbox.name);
  const address = cleanHeader(mailbox.address);
  if (name !== undefined && address !== undefined && name !== address) {
    return `${name} <${address}>`;
  }
  return address ?? name;
}

function isIsoDate(value: string | undefined): value is string {
  // postal-mime turns a readable Date header into toISOString() and leaves others raw.
  return value !== undefined && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value);
}

/**
 * Every attachment postal-mime found, in message order, except images (or other parts) that
 * belong to the HTML body: a multipart/related part referenced by Content-ID with no file name
 * (logos, spacer gifs, signature art) is part of the rendering, not a file the sender attached.
 * A related part that does carry a file name (e.g. a pasted screenshot) is kept.
 */
function draftAttachments(attachments: readonly Attachment[]): DraftAttachment[] {
  const out: DraftAttachment[] = [];
  for (const attachment of attachments) {
    if (attachment.related === true && !attachment.filename) continue;
    const mediaType = attachment.mimeType.trim() || 'application/octet-stream';
    out.push({
      fileName: sanitiseAttachmentName(attachment.filename, out.length + 1, mediaType),
      mediaType,
      bytes: contentBytes(attachment.content),
    });
  }
  return out;
}

function contentBytes(content: Attachment['content']): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

// C0/C1 controls, and bidirectional controls that can disguise an extension ("cod\u202Eexe.txt").
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * A file name safe to show and store: the last path segment only (a sender's "../../x" or
 * "C:\\Users\\x\\y.pdf" names nothing on this machine), no control or bidi characters, no
 * trailing dots or spaces, at most 200 characters (the extension kept when cut). When nothing
 * usable is left: `attachment-<n>` plus an extension for the media type.
 */
export function sanitiseAttachmentName(
  raw: string | null | undefined,
  index: number,
  mediaType: string,
): string {
  let name = (raw ?? '').normalize('NFC').replace(UNSAFE_NAME_CHARS, '');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if (name.length === 0) return `attachment-${index}${extensionFor(mediaType)}`;
  const chars = Array.from(name);
  if (chars.length <= MAX_ATTACHMENT_NAME) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return chars.slice(0, MAX_ATTACHMENT_NAME - Array.from(extension).length).join('') + extension;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'message/rfc822': '.eml',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/csv': '.csv',
  'text/calendar': '.ics',
  'text/markdown': '.md',
  'application/pdf': '.pdf',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-powerpoint': '.ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/zip': '.zip',
  'application/json': '.json',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/tiff': '.tif',
  'image/bmp': '.bmp',
  'image/svg+xml': '.svg',
  'audio/mpeg': '.mp3',
  'video/mp4': '.mp4',
};

/** Extension for a media type ('' when unknown: the integrator still has the media type). */
export function extensionFor(mediaType: string): string {
  return EXTENSIONS[mediaType.toLowerCase().split(';')[0]?.trim() ?? ''] ?? '';
}
