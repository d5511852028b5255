import { Inflate } from 'fflate';

/**
 * Reading zip containers (Word files) without trusting them. The central directory is read by
 * hand; every entry is inflated with fflate's streaming Inflate in small input chunks while the
 * inflated bytes are counted, so a zip bomb is refused after at most one chunk's worth of output,
 * whatever sizes its headers declare. Nothing here allocates by a size the file states.
 */

export interface ZipLimits {
  /** Most entries (files and folders) the central directory may list. */
  readonly maxEntries: number;
  /** Most bytes all entries together may inflate to, counted while inflating. */
  readonly maxInflatedBytes: number;
  /**
   * Inflated bytes kept while counting. Archives that inflate to more (but within the limit) are
   * inflated a second time once their total is known, so refusing a bomb never holds more than
   * this. Defaults to 32 MB.
   */
  readonly retainBytes?: number;
}

/** An entry as the central directory describes it. Sizes are as declared: never trusted. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

/** A file from the archive, inflated. */
export interface ZipFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type ZipProblem =
  /** No local file header at the start: not a zip at all. */
  | { readonly kind: 'notZip' }
  /** The end record or central directory is missing or unreadable (often: truncated). */
  | { readonly kind: 'badDirectory'; readonly detail: string }
  | { readonly kind: 'tooManyEntries'; readonly limit: number }
  | { readonly kind: 'tooLarge'; readonly limit: number }
  /** One entry cannot be read: bad offsets, broken compressed data, a duplicate name. */
  | { readonly kind: 'badEntry'; readonly name: string; readonly detail: string }
  /** Encryption or a compression method other than store/deflate. */
  | { readonly kind: 'unsupported'; readonly name: string; readonly detail: string };

export type ZipOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ZipProblem };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Input bytes per Inflate push: deflate expands at most ~1,032×, so one push yields ≤ ~8 MB. */
const INFLATE_CHUNK = 8 * 1024;
const DEFAULT_RETAIN = 32 * 1024 * 1024;

const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;

/** True when the bytes start with a zip local file header (`PK\x03\x04`). */
export function hasZipSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === LOCAL_HEADER;
}

/**
 * Reads the central directory: the entries as listed, at most `maxEntries` of them. Handles
 * ZIP64 end records and extra fields.
 */
export function readZipDirectory(
  bytes: Uint8Array,
  limits: Pick<ZipLimits, 'maxEntries'>,
): ZipOutcome<ZipEntryInfo[]> {
  if (!hasZipSignature(bytes)) return fail({ kind: 'notZip' });
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) return badDirectory('its end-of-directory record is missing');
  let declaredCount = u16(bytes, eocd + 10);
  let directorySize = u32(bytes, eocd + 12);
  let directoryOffset = u32(bytes, eocd + 16);
  if (declaredCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const zip64 = readZip64End(bytes, eocd);
    if (!zip64) return badDirectory('its ZIP64 end-of-directory record is missing');
    ({ declaredCount, directorySize, directoryOffset } = zip64);
  }
  if (declaredCount > limits.maxEntries) {
    return fail({ kind: 'tooManyEntries', limit: limits.maxEntries });
  }
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > eocd) return badDirectory('its central directory lies outside the file');
  const entries: ZipEntryInfo[] = [];
  let pos = directoryOffset;
  // Walk the records that are really there: the declared count is only a hint.
  while (pos + 46 <= directoryEnd && u32(bytes, pos) === CENTRAL_HEADER) {
    if (entries.length >= limits.maxEntries) {
      return fail({ kind: 'tooManyEntries', limit: limits.maxEntries });
    }
    const nameLength = u16(bytes, pos + 28);
    const extraLength = u16(bytes, pos + 30);
    const commentLength = u16(bytes, pos + 32);
    const next = pos + 46 + nameLength + extraLength + commentLength;
    if (next > directoryEnd) return badDirectory('a central directory record is cut short');
    const flags = u16(bytes, pos + 8);
    const name = decodeName(bytes.subarray(pos + 46, pos + 46 + nameLength), flags);
    let compressedSize = u32(bytes, pos + 20);
    let declaredSize = u32(bytes, pos + 24);
    let localHeaderOffset = u32(bytes, pos + 42);
    if (
      compressedSize === 0xffffffff ||
      declaredSize === 0xffffffff ||
      localHeaderOffset === 0xffffffff
    ) {
      const extra = zip64Extra(
        bytes.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength),
        {
          declaredSize,
          compressedSize,
          localHeaderOffset,
        },
      );
      if (!extra) return badDirectory(`the ZIP64 sizes of "${name}" are missing`);
      ({ declaredSize, compressedSize, localHeaderOffset } = extra);
    }
    entries.push({
      name,
      method: u16(bytes, pos + 10),
      flags,
      compressedSize,
      declaredSize,
      localHeaderOffset,
    });
    pos = next;
  }
  if (entries.length === 0 && declaredCount > 0) {
    return badDirectory('its central directory cannot be read');
  }
  return { ok: true, value: entries };
}

/**
 * Reads every file of an archive within the limits: entry count first, then a counting pass that
 * inflates everything (keeping at most `retainBytes`) and stops as soon as the running total
 * passes `maxInflatedBytes`. Folders are left out; duplicate names are refused.
 */
export function readZipFiles(bytes: Uint8Array, limits: ZipLimits): ZipOutcome<ZipFile[]> {
  const directory = readZipDirectory(bytes, limits);
  if (!directory.ok) return directory;
  const entries = directory.value.filter((entry) => !entry.name.endsWith('/'));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.name)) {
      return fail({ kind: 'badEntry', name: entry.name, detail: 'it appears twice' });
    }
    seen.add(entry.name);
  }
  const retain = Math.min(limits.retainBytes ?? DEFAULT_RETAIN, limits.maxInflatedBytes);
  // Pass 1: count everything; keep the output only while the running total stays within `retain`.
  let total = 0;
  let kept: ZipFile[] | undefined = [];
  for (const entry of entries) {
    const inflated = inflateEntry(bytes, entry, {
      budget: limits.maxInflatedBytes - total,
      keepUpTo: kept ? retain - total : 0,
    });
    if (!inflated.ok) {
      return inflated.problem.kind === 'tooLarge'
        ? fail({ kind: 'tooLarge', limit: limits.maxInflatedBytes })
        : inflated;
    }
    total += inflated.value.size;
    if (kept && inflated.value.data) kept.push({ name: entry.name, bytes: inflated.value.data });
    else kept = undefined; // past the retain budget: drop what we have and only count on
  }
  if (kept) return { ok: true, value: kept };
  // Pass 2: the total is now known to be within the limit, so keeping it all is bounded.
  const files: ZipFile[] = [];
  let budget = limits.maxInflatedBytes;
  for (const entry of entries) {
    const inflated = inflateEntry(bytes, entry, { budget, keepUpTo: budget });
    if (!inflated.ok) return inflated;
    budget -= inflated.value.size;
    files.push({ name: entry.name, bytes: inflated.value.data ?? new Uint8Array(0) });
  }
  return { ok: true, value: files };
}

/**
 * Inflates one entry, refusing (`tooLarge`) as soon as its output passes `budget` bytes. The
 * output is returned only if it is at most `keepUpTo` bytes; past that, chunks are counted and
 * dropped as they come, so memory stays at about one chunk's output.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntryInfo,
  caps: { readonly budget: number; readonly keepUpTo: number },
): ZipOutcome<{ readonly size: number; readonly data?: Uint8Array }> {
  const { budget, keepUpTo } = caps;
  const located = locateData(bytes, entry);
  if (!located.ok) return located;
  const compressed = located.value;
  if (entry.method === METHOD_STORE) {
    if (compressed.length > budget) return fail({ kind: 'tooLarge', limit: budget });
    const keep = compressed.length <= keepUpTo;
    return { ok: true, value: { size: compressed.length, ...(keep ? { data: compressed } : {}) } };
  }
  let size = 0;
  let over = false;
  let chunks: Uint8Array[] | undefined = [];
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > budget) over = true;
    else if (chunks && size <= keepUpTo) chunks.push(chunk);
    else chunks = undefined;
  });
  try {
    for (let offset = 0; offset < compressed.length && !over; offset += INFLATE_CHUNK) {
      const end = Math.min(offset + INFLATE_CHUNK, compressed.length);
      inflate.push(compressed.subarray(offset, end), end === compressed.length);
    }
    if (compressed.length === 0) inflate.push(compressed, true);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({
      kind: 'badEntry',
      name: entry.name,
      detail: `its compressed data is broken (${detail})`,
    });
  }
  if (over) return fail({ kind: 'tooLarge', limit: budget });
  return { ok: true, value: { size, ...(chunks ? { data: concat(chunks, size) } : {}) } };
}

/** The compressed bytes of an entry, found through its local header (whose lengths may differ). */
function locateData(bytes: Uint8Array, entry: ZipEntryInfo): ZipOutcome<Uint8Array> {
  if (entry.flags & 0x0001) {
    return fail({ kind: 'unsupported', name: entry.name, detail: 'it is encrypted' });
  }
  if (entry.method !== METHOD_STORE && entry.method !== METHOD_DEFLATE) {
    return fail({
      kind: 'unsupported',
      name: entry.name,
      detail: `it uses compression method ${entry.method}`,
    });
  }
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || u32(bytes, header) !== LOCAL_HEADER) {
    return fail({ kind: 'badEntry', name: entry.name, detail: 'its local header is missing' });
  }
  const start = header + 30 + u16(bytes, header + 26) + u16(bytes, header + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) {
    return fail({
      kind: 'badEntry',
      name: entry.name,
      detail: 'its data runs past the end of the file',
    });
  }
  return { ok: true, value: bytes.subarray(start, end) };
}

/** The last end-of-central-directory record whose comment fits in the file. */
function findEndOfDirectory(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let pos = bytes.length - EOCD_SIZE; pos >= lowest; pos -= 1) {
    if (
      u32(bytes, pos) === END_OF_DIRECTORY &&
      pos + EOCD_SIZE + u16(bytes, pos + 20) <= bytes.length
    ) {
      return pos;
    }
  }
  return -1;
}

function readZip64End(
  bytes: Uint8Array,
  eocd: number,
): { declaredCount: number; directorySize: number; directoryOffset: number } | undefined {
  const locator = eocd - 20;
  if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR) return undefined;
  const record = u64(bytes, locator + 8);
  if (
    record === undefined ||
    record + 56 > locator ||
    u32(bytes, record) !== ZIP64_END_OF_DIRECTORY
  ) {
    return undefined;
  }
  const declaredCount = u64(bytes, record + 32);
  const directorySize = u64(bytes, record + 40);
  const directoryOffset = u64(bytes, record + 48);
  if (declaredCount === undefined || directorySize === undefined || directoryOffset === undefined) {
    return undefined;
  }
  return { declaredCount, directorySize, directoryOffset };
}

/** ZIP64 extended information (header 0x0001): present only for the fields set to 0xFFFFFFFF. */
function zip64Extra(
  extra: Uint8Array,
  fields: { declaredSize: number; compressedSize: number; localHeaderOffset: number },
): { declaredSize: number; compressedSize: number; localHeaderOffset: number } | undefined {
  for (let pos = 0; pos + 4 <= extra.length;) {
    const id = u16(extra, pos);
    const length = u16(extra, pos + 2);
    if (id === 0x0001) {
      const data = extra.subarray(pos + 4, pos + 4 + length);
      let at = 0;
      const next = (value: number): number | undefined => {
        if (value !== 0xffffffff) return value;
        const wide = at + 8 <= data.length ? u64(data, at) : undefined;
        at += 8;
        return wide;
      };
      const declaredSize = next(fields.declaredSize);
      const compressedSize = next(fields.compressedSize);
      const localHeaderOffset = next(fields.localHeaderOffset);
      if (
        declaredSize === undefined ||
        compressedSize === undefined ||
        localHeaderOffset === undefined
      ) {
        return undefined;
      }
      return { declaredSize, compressedSize, localHeaderOffset };
    }
    pos += 4 + length;
  }
  return undefined;
}

function decodeName(raw: Uint8Array, flags: number): string {
  // Bit 11: UTF-8 names. Otherwise CP437, which matches ASCII for every name Word writes.
  if (flags & 0x0800) return new TextDecoder('utf-8').decode(raw);
  let name = '';
  for (const byte of raw) name += byte < 0x80 ? String.fromCharCode(byte) : '\uFFFD';
  return name;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === size) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function u16(bytes: Uint8Array, pos: number): number {
  return (bytes[pos] ?? 0) | ((bytes[pos + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, pos: number): number {
  return (u16(bytes, pos) + u16(bytes, pos + 2) * 0x10000) >>> 0;
}

/** A little-endian 64-bit integer, or undefined beyond 2^53 (no real file is that large). */
function u64(bytes: Uint8Array, pos: number): number | undefined {
  const high = u32(bytes, pos + 4);
  if (high >= 0x200000) return undefined;
  return high * 0x100000000 + u32(bytes, pos);
}

function badDirectory(detail: string): ZipOutcome<never> {
  return fail({ kind: 'badDirectory', detail });
}

function fail(problem: ZipProblem): ZipOutcome<never> {
  return { ok: false, problem };
}
