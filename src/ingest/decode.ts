import { INGEST_ERRORS } from '../core/ingest/draft';
import type { ParseInput, SourceDraft } from '../core/ingest/draft';
import { formatByteSize } from '../shared/format';
import { err, ok } from '../shared/result';
import type { Result } from '../shared/result';

/**
 * Bytes → text for the text-like formats (plain text, Markdown, HTML), plus the small helpers
 * those three parsers share. Runs in the ingest worker and in Node tests: no DOM, no Node APIs.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | (string & {});

export interface DecodedText {
  readonly text: string;
  /** WHATWG name of the encoding actually used. */
  readonly encoding: TextEncoding;
  readonly warnings: readonly string[];
}

export interface DecodeOptions {
  /**
   * Charset the document itself declares (an HTML `<meta charset>`, an e-mail part's
   * Content-Type). A byte-order mark still wins over it, as in browsers.
   */
  readonly declaredCharset?: string;
}

const FALLBACK_ADVICE = 'Check accented characters against the original.';

/** The encoding a byte-order mark announces, and the mark's length. */
export function byteOrderMark(
  bytes: Uint8Array,
): { readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; readonly length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence at or after `start`, or
 * undefined if the bytes are well-formed (Unicode table 3-7: no overlongs, surrogates, or code
 * points past U+10FFFF; a sequence cut short by the end of the data is ill-formed too).
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array, start = 0): number | undefined {
  const length = bytes.length;
  let i = start;
  while (i < length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else {
      return i;
    }
    if (i + needed >= length) return i;
    // The first continuation byte has the narrowed range; the rest are plain 80..BF.
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= needed; k += 1) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += needed + 1;
  }
  return undefined;
}

/** Windows-1252 0x80–0x9F; the five holes (0x81 0x8D 0x8F 0x90 0x9D) are undefined. */
const WINDOWS_1252_HIGH: readonly (number | undefined)[] = [
  0x20ac,
  undefined,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  undefined,
  0x017d,
  undefined,
  undefined,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  undefined,
  0x017e,
  0x0178,
];

export interface Windows1252Text {
  readonly text: string;
  /** Offsets of bytes with no Windows-1252 character; they are decoded as U+FFFD. */
  readonly undefinedOffsets: readonly number[];
}

/**
 * Decodes Windows-1252 with our own table, so the result does not depend on which legacy
 * encodings the host's TextDecoder carries. Undefined bytes become U+FFFD (visible in the reader)
 * rather than the invisible C1 controls a WHATWG decoder would give.
 */
export function decodeWindows1252(bytes: Uint8Array, start = 0): Windows1252Text {
  const undefinedOffsets: number[] = [];
  const chunks: string[] = [];
  const CHUNK = 8192;
  const codes = new Array<number>(CHUNK);
  for (let chunkStart = start; chunkStart < bytes.length; chunkStart += CHUNK) {
    const chunkEnd = Math.min(bytes.length, chunkStart + CHUNK);
    codes.length = chunkEnd - chunkStart;
    for (let i = chunkStart; i < chunkEnd; i += 1) {
      const byte = bytes[i]!;
      let code = byte;
      if (byte >= 0x80 && byte <= 0x9f) {
        const mapped = WINDOWS_1252_HIGH[byte - 0x80];
        if (mapped === undefined) {
          undefinedOffsets.push(i);
          code = 0xfffd;
        } else {
          code = mapped;
        }
      }
      codes[i - chunkStart] = code;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return { text: chunks.join(''), undefinedOffsets };
}

const UTF8_LABELS = new Set([
  'utf-8',
  'utf8',
  'unicode-1-1-utf-8',
  'unicode11utf8',
  'unicode20utf8',
  'x-unicode20utf8',
]);
/** WHATWG labels of UTF-16LE and UTF-16BE. */
const UTF16_LABELS: ReadonlyMap<string, 'utf-16le' | 'utf-16be'> = new Map([
  ['utf-16', 'utf-16le'],
  ['utf-16le', 'utf-16le'],
  ['unicode', 'utf-16le'],
  ['ucs-2', 'utf-16le'],
  ['csunicode', 'utf-16le'],
  ['iso-10646-ucs-2', 'utf-16le'],
  ['unicodefeff', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['unicodefffe', 'utf-16be'],
]);

/** True for a UTF-16 label: an HTML <meta> naming one is wrong (it was read as ASCII). */
export function isUtf16Label(label: string): boolean {
  return UTF16_LABELS.has(label.trim().toLowerCase());
}
/** WHATWG: ASCII and Latin-1 labels all mean Windows-1252. */
const WINDOWS_1252_LABELS = new Set([
  'ansi_x3.4-1968',
  'ascii',
  'cp1252',
  'cp819',
  'csisolatin1',
  'ibm819',
  'iso-8859-1',
  'iso-ir-100',
  'iso8859-1',
  'iso88591',
  'iso_8859-1',
  'iso_8859-1:1987',
  'l1',
  'latin1',
  'us-ascii',
  'windows-1252',
  'x-cp1252',
]);

/**
 * The charset an HTML (or XHTML) document declares in its first 1024 bytes, read as ASCII as the
 * HTML prescan does: `<meta charset>`, `<meta http-equiv="Content-Type" content="…; charset=…">`,
 * or an XML declaration's encoding. Lower-cased label, or undefined.
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:+-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  const withoutComments = head.replace(/<!--[\s\S]*?(-->|$)/g, '');
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/i.exec(withoutComments);
  return meta?.[1]?.toLowerCase();
}

/** Offset of the first NUL byte within the first `window` bytes, if any. */
function firstNul(bytes: Uint8Array, window: number): number | undefined {
  const index = bytes.subarray(0, window).indexOf(0);
  return index === -1 ? undefined : index;
}

/**
 * Guesses UTF-16 without a byte-order mark from the zero bytes of mostly-ASCII text: every other
 * byte is zero, on one side only. Anything else with NUL bytes is binary.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  const pairs = sample.length / 2;
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.02) return 'utf-16le';
  if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.02) return 'utf-16be';
  return undefined;
}

/** Decodes UTF-16 (either byte order) via the always-available utf-16le decoder. */
function decodeUtf16(
  bytes: Uint8Array,
  encoding: 'utf-16le' | 'utf-16be',
): { text: string; warnings: string[] } {
  let data = bytes;
  if (encoding === 'utf-16be') {
    data = new Uint8Array(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      data[i] = bytes[i + 1]!;
      data[i + 1] = bytes[i]!;
    }
    if (bytes.length % 2 === 1) data[bytes.length - 1] = bytes[bytes.length - 1]!;
  }
  try {
    return {
      text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(data),
      warnings: [],
    };
  } catch {
    return {
      text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(data),
      warnings: [
        `Not valid ${encoding.toUpperCase()} (a lone surrogate or a stray last byte): the damaged characters show as \uFFFD. Check the text against the original.`,
      ],
    };
  }
}

function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function windows1252Warning(bytes: Uint8Array, undefinedOffsets: readonly number[]): string {
  const first = undefinedOffsets[0];
  if (first === undefined) return '';
  const hex = `0x${bytes[first]!.toString(16).toUpperCase()}`;
  const count = undefinedOffsets.length;
  return count === 1
    ? ` 1 byte has no Windows-1252 character (${hex} at offset ${first}) and shows as \uFFFD.`
    : ` ${count} bytes have no Windows-1252 character (the first, ${hex}, at offset ${first}) and show as \uFFFD.`;
}

/** Decodes UTF-8 if it is valid, else Windows-1252 with a warning naming the first bad byte. */
function decodeUtf8OrFallback(
  bytes: Uint8Array,
  start: number,
  declaredUtf8: boolean,
): { text: string; encoding: TextEncoding; warnings: string[] } {
  const body = bytes.subarray(start);
  const text = decodeUtf8Strict(body);
  if (text !== undefined) return { text, encoding: 'utf-8', warnings: [] };
  const offset = firstInvalidUtf8Offset(bytes, start);
  const fallback = decodeWindows1252(bytes, start);
  return {
    text: fallback.text,
    encoding: 'windows-1252',
    warnings: [
      `${declaredUtf8 ? 'Declares UTF-8 but is not valid UTF-8' : 'Not valid UTF-8'} (first invalid byte at offset ${offset ?? 'unknown'}): decoded as Windows-1252. ${FALLBACK_ADVICE}${windows1252Warning(bytes, fallback.undefinedOffsets)}`,
    ],
  };
}

/** Decodes with a declared legacy charset the host's TextDecoder knows, if it knows it. */
function decodeDeclared(
  bytes: Uint8Array,
  label: string,
): { text: string; encoding: string; replaced: boolean } | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return undefined;
  }
  const text = decoder.decode(bytes);
  return { text, encoding: decoder.encoding, replaced: text.includes('\uFFFD') };
}

/**
 * Bytes → text. Order: byte-order mark (UTF-8, UTF-16LE/BE); else the declared charset, if any;
 * else UTF-8 if valid; else Windows-1252 with a warning (the caller keeps the original bytes, so
 * nothing is lost). Errors: invalid UTF-8 after a UTF-8 byte-order mark (the file contradicts
 * itself), binary data (NUL bytes that are not UTF-16), or nothing but white space.
 */
export function decodeText(
  bytes: Uint8Array,
  fileName: string,
  options: DecodeOptions = {},
): Result<DecodedText> {
  const decoded = decodeBytes(bytes, fileName, options);
  if (!decoded.ok) return decoded;
  if (decoded.value.text.trim().length === 0) return emptyError(fileName);
  return decoded;
}

function decodeBytes(
  bytes: Uint8Array,
  fileName: string,
  options: DecodeOptions,
): Result<DecodedText> {
  const bom = byteOrderMark(bytes);
  if (bom?.encoding === 'utf-8') {
    const text = decodeUtf8Strict(bytes.subarray(bom.length));
    if (text === undefined) {
      const offset = firstInvalidUtf8Offset(bytes, bom.length);
      return err(
        INGEST_ERRORS.invalidUtf8,
        `${fileName} declares UTF-8 (byte-order mark) but has invalid UTF-8 at byte ${offset ?? 'unknown'}.`,
      );
    }
    return ok({ text, encoding: 'utf-8', warnings: [] });
  }
  if (bom) {
    const { text, warnings } = decodeUtf16(bytes.subarray(bom.length), bom.encoding);
    return ok({ text, encoding: bom.encoding, warnings });
  }

  const declared = options.declaredCharset?.trim().toLowerCase();
  const declaredUtf16 = declared === undefined ? undefined : UTF16_LABELS.get(declared);
  if (declaredUtf16) {
    const { text, warnings } = decodeUtf16(bytes, declaredUtf16);
    return ok({ text, encoding: declaredUtf16, warnings });
  }

  const nul = firstNul(bytes, 8192);
  if (nul !== undefined) {
    // Git's heuristic: a NUL near the start means binary, unless it is BOM-less UTF-16 text.
    const utf16 = utf16WithoutBom(bytes);
    if (!utf16) {
      return err(
        INGEST_ERRORS.unsupported,
        `${fileName} is not a text file: it contains binary data (a NUL byte at offset ${nul}).`,
      );
    }
    const { text, warnings } = decodeUtf16(bytes, utf16);
    return ok({
      text,
      encoding: utf16,
      warnings: [
        `No byte-order mark, but every other byte is zero: decoded as ${utf16.toUpperCase()}. ${FALLBACK_ADVICE}`,
        ...warnings,
      ],
    });
  }

  if (declared && !UTF8_LABELS.has(declared)) {
    if (WINDOWS_1252_LABELS.has(declared)) {
      const { text, undefinedOffsets } = decodeWindows1252(bytes);
      const extra = windows1252Warning(bytes, undefinedOffsets).trim();
      return ok({
        text,
        encoding: 'windows-1252',
        warnings: extra ? [`Decoded as Windows-1252 (declared "${declared}"). ${extra}`] : [],
      });
    }
    const legacy = decodeDeclared(bytes, declared);
    if (legacy) {
      return ok({
        text: legacy.text,
        encoding: legacy.encoding,
        warnings: legacy.replaced
          ? [
              `Not valid ${legacy.encoding} (its declared encoding): the undecodable bytes show as \uFFFD. Check the text against the original.`,
            ]
          : [],
      });
    }
    const guessed = decodeUtf8OrFallback(bytes, 0, false);
    return ok({
      ...guessed,
      warnings: [
        `Declares the encoding "${declared}", which Casefile cannot decode: read as ${guessed.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'} instead. ${FALLBACK_ADVICE}`,
        ...guessed.warnings,
      ],
    });
  }

  return ok(decodeUtf8OrFallback(bytes, 0, declared !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the text, Markdown and HTML parsers.

export function emptyError(fileName: string): Result<never> {
  return err(INGEST_ERRORS.empty, `${fileName} is empty.`);
}

/** The file name without directories and without its last extension ("notes.final.txt" → "notes.final"). */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem.trim().length > 0 ? stem.trim() : base;
}

/** Longest text accepted as a title taken from the content. */
export const MAX_TITLE_LENGTH = 200;

/** A candidate title if it is non-empty and short enough to be one (white space collapsed). */
export function shortTitle(candidate: string | null | undefined): string | undefined {
  if (!candidate) return undefined;
  const title = candidate.normalize('NFC').replace(/\s+/g, ' ').trim();
  return title.length > 0 && title.length <= MAX_TITLE_LENGTH ? title : undefined;
}

/** Refuses a file over the size cap (the caller checks first; this keeps parsers safe alone). */
export function checkSize(input: ParseInput): Result<undefined> {
  const max = input.limits.maxFileBytes;
  if (input.bytes.length <= max) return ok(undefined);
  return err(
    INGEST_ERRORS.tooLarge,
    `${input.fileName} is ${formatByteSize(input.bytes.length)}; the limit is ${formatByteSize(max)}.`,
  );
}

/**
 * Runs a synchronous parse as a Parser: a bug or a library failure on hostile input becomes a
 * specific error instead of a rejected promise.
 */
export function settle(
  work: () => Result<SourceDraft>,
  onFailure: (message: string) => Result<SourceDraft>,
): Promise<Result<SourceDraft>> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.resolve(onFailure(error instanceof Error ? error.message : String(error)));
  }
}

/** Drops undefined values, so provenance carries only what the document states. */
export function definedOnly<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
