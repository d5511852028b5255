import { Inflate, deflateSync } from 'fflate';
import { err, ok, type Result } from '../../shared/result';
import { crc32 } from './crc32';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './limits';

/**
 * The ZIP inside a case bundle, written and read by hand around fflate's deflate and inflate.
 *
 * Writing is deterministic (fixed timestamps and attributes, members in the order given), so the
 * same members always give the same bytes. Reading trusts nothing: the central directory is
 * checked whole (entry count, names, methods, declared sizes against the caps) before anything
 * is inflated; each entry is inflated in small input chunks while its output is counted, and
 * refused as soon as it passes its declared size or a cap; its CRC-32 is checked at the end.
 * Declared sizes only ever make us refuse sooner, never allocate.
 *
 * Folder entries (names ending in `/`, which `zip -r` adds) are checked like any name and then
 * ignored: bundles have no folders of their own, only member paths. ZIP64 archives, split
 * archives and encrypted entries are refused: our bundles never need them (see limits.ts).
 */

export const ZIP_ERRORS = {
  invalid: 'bundle.zip.invalid',
  tooManyEntries: 'bundle.zip.tooManyEntries',
  pathUnsafe: 'bundle.zip.pathUnsafe',
  duplicateName: 'bundle.zip.duplicateName',
  entryTooLarge: 'bundle.zip.entryTooLarge',
  tooLarge: 'bundle.zip.tooLarge',
  sizeMismatch: 'bundle.zip.sizeMismatch',
  crcMismatch: 'bundle.zip.crcMismatch',
  methodUnsupported: 'bundle.zip.methodUnsupported',
} as const;

export interface ZipMember {
  /** Member path inside the ZIP, e.g. `sources/<sha256>`; checked like names we read. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Deflate it (text, JSON) or store it as is (already-compressed formats): see shouldCompress. */
  readonly compress: boolean;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_SIZE = 22;
const MAX_COMMENT = 0xffff;

const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** Bit 0: encrypted; bit 6: strong encryption; bit 13: central directory encrypted. */
const ENCRYPTION_FLAGS = 0x0001 | 0x0040 | 0x2000;
/** Bit 11: the name is UTF-8. We always set it; we read every name as UTF-8 anyway. */
const FLAG_UTF8 = 0x0800;
/** Version 2.0: deflate, folders. Made by Unix (3), so unzip honours the permission bits. */
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** A regular file, rw-r--r--, in the Unix half of the external attributes. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const UNIX_FILE_TYPE_MASK = 0o170000;
const UNIX_SYMLINK = 0o120000;
/** 1980-01-01 00:00:00, the earliest DOS date: fixed so output never depends on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/**
 * Deflate level 1: on case.json and text it is about twice as fast as the default 6 for about
 * 15 % more bytes, and deflate is the slowest step of an export after encryption (bundle bench).
 */
const DEFLATE_LEVEL = 1;
/**
 * Deflate expands at most about 1,032 times (258 bytes from 2 bits): how much one push of
 * compressed bytes can yield before we can count it.
 */
const MAX_DEFLATE_RATIO = 1032;
/**
 * Compressed bytes per Inflate push, at least. One push yields at most ~64 MB before we can
 * count it and stop: the most a bomb makes us allocate past the size it declares.
 */
const INFLATE_CHUNK = 64 * 1024;
/**
 * Compressed bytes per Inflate push, at most. Pushes grow while the output still owed (up to
 * the declared size) is large, as long as even a bomb could not overshoot by more than one
 * INFLATE_CHUNK's worth: fewer, larger pushes inflate about twice as fast as 16 KiB ones.
 */
const INFLATE_CHUNK_MAX = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Names

/** Characters Windows cannot store in a file name (`:` also makes drive and stream names). */
const WINDOWS_RESERVED_CHARACTERS = /[<>:"|?*]/u;
/** Device names Windows treats specially whatever the extension (`nul.txt` too). */
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/iu;

/**
 * Checks one member path: what bundle import, `casefile bundle extract` and export all accept.
 * Relative, `/`-separated, no empty, `.` or `..` segment, nothing a file system would read as
 * absolute, a drive, a stream or a device, no controls, at most `maxLength` UTF-8 bytes.
 * Returns the reason it is refused, or undefined when it is safe.
 */
export function memberPathProblem(
  path: string,
  maxLength = DEFAULT_ZIP_LIMITS.maxNameLength,
): string | undefined {
  if (path.length === 0) return 'it is empty';
  if (utf8Length(path) > maxLength) return `it is longer than ${maxLength} bytes`;
  if (path.includes('\u0000')) return 'it contains a NUL character';
  if (hasControlCharacter(path)) return 'it contains a control character';
  if (path.includes('\\')) return 'it contains a backslash';
  if (/^[a-z]:/iu.test(path)) return 'it starts with a drive letter';
  if (path.startsWith('/')) return 'it is an absolute path';
  if (WINDOWS_RESERVED_CHARACTERS.test(path)) {
    return 'it contains a character Windows cannot store (< > : " | ? *)';
  }
  if (isLoneSurrogatePresent(path)) return 'it contains an unpaired surrogate';
  for (const segment of path.split('/')) {
    if (segment === '') return 'it has an empty segment (//)';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
    if (/[. ]$/u.test(segment)) return 'a segment ends with a dot or a space';
    if (WINDOWS_DEVICE_NAMES.test(segment)) return 'a segment is a reserved device name';
  }
  return undefined;
}

/**
 * The key two names collide on: Unicode full case folding (upper then lower, so `ß` meets `SS`)
 * of the NFC form. Case-insensitive file systems (Windows, macOS) would write both to one file.
 */
export function memberNameKey(path: string): string {
  return path.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** A name as messages show it: quoted, controls and invisible characters escaped, shortened. */
export function describeMemberName(name: string): string {
  const shown = name.length > 120 ? `${name.slice(0, 120)}…` : name;
  return JSON.stringify(shown).replace(
    /[\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Checks a list of names as a whole: no two equal, none differing only in case or Unicode
 * normalisation, and no name used both as a file and as a folder (`a` and `a/b`).
 */
function checkNameSet(
  names: readonly { readonly name: string; readonly isFolder: boolean }[],
): Result<true> {
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const { name, isFolder } of names) {
    const path = isFolder ? name.slice(0, -1) : name;
    const key = memberNameKey(path);
    const clash = files.get(key) ?? (isFolder ? undefined : folders.get(key));
    if (clash !== undefined) {
      const detail =
        clash === path
          ? 'appears twice'
          : `differs only in case or Unicode form from ${describeMemberName(clash)}`;
      return err(ZIP_ERRORS.duplicateName, `The entry ${describeMemberName(name)} ${detail}.`);
    }
    if (isFolder) {
      folders.set(key, path);
      continue;
    }
    files.set(key, path);
    // Every parent is a folder; a file of that name would collide with it on disk.
    const segments = path.split('/');
    for (let end = 1; end < segments.length; end += 1) {
      const parent = segments.slice(0, end).join('/');
      const parentKey = memberNameKey(parent);
      const parentFile = files.get(parentKey);
      if (parentFile !== undefined) {
        return err(
          ZIP_ERRORS.duplicateName,
          `The entry ${describeMemberName(name)} needs a folder where the entry ${describeMemberName(parentFile)} is a file.`,
        );
      }
      folders.set(parentKey, parent);
    }
  }
  return ok(true);
}

// ---------------------------------------------------------------------------------------------
// Compression choice

/** Media types whose content is already compressed: deflating them again wastes time. */
const COMPRESSED_MEDIA_TYPES = new Set([
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
  'application/x-7z-compressed',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/java-archive',
  'application/vnd.ms-cab-compressed',
  'application/x-age-encryption',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/jxl',
  'font/woff',
  'font/woff2',
]);

/** Office and OpenDocument files, EPUB, and every `+zip` type are ZIPs already. */
const COMPRESSED_MEDIA_TYPE_PATTERNS = [
  /^application\/vnd\.openxmlformats-officedocument\./u,
  /^application\/vnd\.ms-(word|excel|powerpoint)\.[a-z.]*macroenabled/u,
  /^application\/vnd\.oasis\.opendocument\./u,
  /\+zip$/u,
  /^video\//u,
  /^audio\/(?!(wav|wave|x-wav|vnd\.wave|aiff|x-aiff|basic|l16)$)/u,
];

const COMPRESSED_EXTENSIONS = new Set(
  (
    'pdf docx docm xlsx xlsm pptx pptm odt ods odp odg epub zip jar apk gz tgz bz2 xz zst 7z rar ' +
    'cab age jpg jpeg png gif webp avif heic heif jxl mp4 m4v m4a mov mkv webm avi wmv mp3 aac ' +
    'ogg oga opus flac wma woff woff2'
  ).split(' '),
);

/**
 * Whether a member is worth deflating, from its media type (`image/png`) or its path
 * (`photo.PNG`). False for formats that are already compressed (PDF, Office and OpenDocument
 * files, archives, JPEG, PNG, GIF, WebP, audio and video), true for everything else (text, JSON,
 * HTML, e-mail, BMP, WAV…).
 */
export function shouldCompress(mediaTypeOrPath: string): boolean {
  const value = mediaTypeOrPath.trim().toLowerCase();
  const mediaType = value.split(';')[0]!.trim();
  if (COMPRESSED_MEDIA_TYPES.has(mediaType)) return false;
  if (COMPRESSED_MEDIA_TYPE_PATTERNS.some((pattern) => pattern.test(mediaType))) return false;
  const fileName = value.slice(value.lastIndexOf('/') + 1);
  const dot = fileName.lastIndexOf('.');
  if (dot >= 0 && COMPRESSED_EXTENSIONS.has(fileName.slice(dot + 1))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Writing

interface PreparedMember {
  readonly name: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
  readonly offset: number;
}

/**
 * Writes members into one ZIP, in the order given. Refuses (before any work) what readBundleZip
 * would refuse: unsafe or colliding names, too many members, members or a total over the caps.
 * Deflated members that would not shrink are stored instead.
 */
export function writeBundleZip(
  members: readonly ZipMember[],
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Result<Uint8Array> {
  const parts = writeBundleZipParts(members, limits);
  if (!parts.ok) return parts;
  const all = [...parts.value];
  return ok(concat(all, byteLength(all)));
}

/**
 * writeBundleZip's bytes as parts in order (each member's local header, its data, then the
 * central directory): the same bytes, never joined, so export streams them into encryption
 * without a second copy of the whole ZIP. Everything is checked before this returns; each member
 * is deflated and its CRC-32 computed only as the parts are iterated, so encryption (or another
 * thread) can work on one member while the next is deflated. Stored members' data are the
 * members' own arrays. Iterate the parts once.
 */
export function writeBundleZipParts(
  members: readonly ZipMember[],
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Result<Iterable<Uint8Array>> {
  const checked = checkMembersToWrite(members, limits);
  if (!checked.ok) return checked;
  return ok(zipParts(members, (member) => prepareZipMember(member.bytes, member.compress)));
}

/** A member's CRC-32, and its bytes deflated when asked and smaller (else it is stored). */
export interface ZipMemberData {
  readonly crc: number;
  readonly deflated?: Uint8Array;
}

/** Deflates (level 1, kept only when it shrinks) and checksums one member's bytes. */
export function prepareZipMember(bytes: Uint8Array, compress: boolean): ZipMemberData {
  const crc = crc32(bytes);
  if (!compress || bytes.length === 0) return { crc };
  const deflated = deflateSync(bytes, { level: DEFLATE_LEVEL });
  return deflated.length < bytes.length ? { crc, deflated } : { crc };
}

/**
 * prepareZipMember run somewhere else (the app's ZIP worker), so it works on later members while
 * this thread encrypts earlier ones. Must give exactly what prepareZipMember gives.
 */
export type ZipMemberPreparer = (bytes: Uint8Array, compress: boolean) => Promise<ZipMemberData>;

/**
 * Members deflated elsewhere are sent at most this many bytes (of their input) ahead of the one
 * being written, so the pipeline's extra memory stays bounded whatever the case's size. One
 * member is always allowed, however large.
 */
export const ZIP_PREPARE_AHEAD_BYTES = 48 * 1024 * 1024;
/** Smaller members are deflated on this thread: a round trip would cost more than it saves. */
const PREPARE_ELSEWHERE_MIN_BYTES = 64 * 1024;

/**
 * writeBundleZipParts with the deflating (and checksumming) of large compressible members done by
 * `prepare`, up to `aheadBytes` of them ahead of the member being written, while the caller
 * (encryption) consumes the parts. The same bytes as writeBundleZipParts. Iterate once.
 */
export function writeBundleZipStream(
  members: readonly ZipMember[],
  prepare: ZipMemberPreparer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  aheadBytes: number = ZIP_PREPARE_AHEAD_BYTES,
): Result<AsyncIterable<Uint8Array>> {
  const checked = checkMembersToWrite(members, limits);
  if (!checked.ok) return checked;
  return ok(zipPartsPrepared(members, prepare, aheadBytes));
}

async function* zipPartsPrepared(
  members: readonly ZipMember[],
  prepare: ZipMemberPreparer,
  aheadBytes: number,
): AsyncGenerator<Uint8Array> {
  const elsewhere = members
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => member.compress && member.bytes.length >= PREPARE_ELSEWHERE_MIN_BYTES);
  const pending = new Map<number, Promise<ZipMemberData>>();
  let sent = 0;
  let bytesAhead = 0;
  const sendAhead = (): void => {
    for (;;) {
      const next = elsewhere[sent];
      if (next === undefined) return;
      const size = next.member.bytes.length;
      if (bytesAhead > 0 && bytesAhead + size > aheadBytes) return;
      const data = prepare(next.member.bytes, next.member.compress);
      data.catch(() => undefined); // awaited in order below; a failure is reported there
      pending.set(next.index, data);
      bytesAhead += size;
      sent += 1;
    }
  };
  const headers = new ZipHeaders();
  for (const [index, member] of members.entries()) {
    sendAhead();
    const elsewhereData = pending.get(index);
    let data: ZipMemberData;
    if (elsewhereData === undefined) {
      data = prepareZipMember(member.bytes, member.compress);
    } else {
      data = await elsewhereData;
      pending.delete(index);
      bytesAhead -= member.bytes.length;
    }
    yield* headers.member(member, data);
  }
  yield headers.directory();
}

function checkMembersToWrite(members: readonly ZipMember[], limits: ZipLimits): Result<void> {
  if (members.length > limits.maxEntries) {
    return err(
      ZIP_ERRORS.tooManyEntries,
      `A bundle can hold at most ${limits.maxEntries} members; this one would have ${members.length}.`,
    );
  }
  let total = 0;
  let zipSize = END_SIZE;
  for (const member of members) {
    const problem = memberPathProblem(member.path, limits.maxNameLength);
    if (problem !== undefined) {
      return err(
        ZIP_ERRORS.pathUnsafe,
        `The member name ${describeMemberName(member.path)} is refused: ${problem}.`,
      );
    }
    if (member.bytes.length > limits.maxEntryInflatedBytes) {
      return err(
        ZIP_ERRORS.entryTooLarge,
        `The member ${describeMemberName(member.path)} is ${member.bytes.length} bytes; a member may hold at most ${limits.maxEntryInflatedBytes}.`,
      );
    }
    total += member.bytes.length;
    // Data is never larger than the member (deflated only when it shrinks).
    zipSize += LOCAL_HEADER_SIZE + CENTRAL_HEADER_SIZE + 2 * utf8Length(member.path);
    zipSize += member.bytes.length;
  }
  if (total > limits.maxTotalInflatedBytes) {
    return err(
      ZIP_ERRORS.tooLarge,
      `The members come to ${total} bytes; a bundle may hold at most ${limits.maxTotalInflatedBytes}.`,
    );
  }
  // Only reachable with caps raised past 4 GiB: without ZIP64, offsets are 32-bit.
  if (zipSize > 0xffffffff) {
    return err(ZIP_ERRORS.tooLarge, 'The members do not fit in a ZIP without ZIP64 (4 GiB).');
  }
  const names = checkNameSet(members.map((member) => ({ name: member.path, isFolder: false })));
  if (!names.ok) return names;
  return ok(undefined);
}

function* zipParts(
  members: readonly ZipMember[],
  prepareOne: (member: ZipMember) => ZipMemberData,
): Generator<Uint8Array> {
  const headers = new ZipHeaders();
  for (const member of members) yield* headers.member(member, prepareOne(member));
  yield headers.directory();
}

/** Local headers as members are written, then the central directory over all of them. */
class ZipHeaders {
  private readonly encoder = new TextEncoder();
  private readonly prepared: PreparedMember[] = [];
  private offset = 0;
  private directorySize = 0;

  /** The member's local header and its data (deflated, or its own bytes when stored). */
  *member(member: ZipMember, prepared: ZipMemberData): Generator<Uint8Array> {
    const name = this.encoder.encode(member.path);
    // Never larger than the member: the size checks before writing counted on it.
    const deflated =
      prepared.deflated !== undefined && prepared.deflated.length < member.bytes.length
        ? prepared.deflated
        : undefined;
    const data = deflated ?? member.bytes;
    const entry: PreparedMember = {
      name,
      method: deflated === undefined ? METHOD_STORE : METHOD_DEFLATE,
      crc: prepared.crc,
      size: member.bytes.length,
      data,
      offset: this.offset,
    };
    this.prepared.push(entry);
    this.offset += LOCAL_HEADER_SIZE + name.length + data.length;
    this.directorySize += CENTRAL_HEADER_SIZE + name.length;

    const header = new Uint8Array(LOCAL_HEADER_SIZE + name.length);
    const view = new DataView(header.buffer);
    view.setUint32(0, LOCAL_HEADER, true);
    writeCommonFields(view, 4, entry);
    view.setUint16(28, 0, true);
    header.set(name, LOCAL_HEADER_SIZE);
    yield header;
    yield data;
  }

  directory(): Uint8Array {
    const prepared = this.prepared;
    const directoryOffset = this.offset;
    const directory = new Uint8Array(this.directorySize + END_SIZE);
    const view = new DataView(directory.buffer);
    let at = 0;
    for (const member of prepared) {
      view.setUint32(at, CENTRAL_HEADER, true);
      view.setUint16(at + 4, VERSION_MADE_BY, true);
      writeCommonFields(view, at + 6, member);
      view.setUint16(at + 30, 0, true); // extra field length
      view.setUint16(at + 32, 0, true); // comment length
      view.setUint16(at + 34, 0, true); // disk number
      view.setUint16(at + 36, 0, true); // internal attributes
      view.setUint32(at + 38, FILE_ATTRIBUTES, true);
      view.setUint32(at + 42, member.offset, true);
      directory.set(member.name, at + CENTRAL_HEADER_SIZE);
      at += CENTRAL_HEADER_SIZE + member.name.length;
    }
    view.setUint32(at, END_OF_DIRECTORY, true);
    view.setUint16(at + 8, prepared.length, true);
    view.setUint16(at + 10, prepared.length, true);
    view.setUint32(at + 12, this.directorySize, true);
    view.setUint32(at + 16, directoryOffset, true);
    return directory;
  }
}

/** The fields local and central headers share, from "version needed" to the name length. */
function writeCommonFields(view: DataView, at: number, member: PreparedMember): void {
  view.setUint16(at, VERSION_NEEDED, true);
  view.setUint16(at + 2, FLAG_UTF8, true);
  view.setUint16(at + 4, member.method, true);
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, member.crc, true);
  view.setUint32(at + 14, member.data.length, true);
  view.setUint32(at + 18, member.size, true);
  view.setUint16(at + 22, member.name.length, true);
}

// ---------------------------------------------------------------------------------------------
// Reading

interface DirectoryEntry {
  readonly name: string;
  readonly nameBytes: Uint8Array;
  readonly isFolder: boolean;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

export interface ReadZipOptions {
  /**
   * Whether to check this entry's CRC-32 (default: every entry). Bundle import skips it for
   * members whose SHA-256 it then checks against the manifest (and refuses members the manifest
   * does not list): a second, weaker checksum over the same bytes only costs time.
   */
  readonly checkCrc?: (name: string) => boolean;
}

/**
 * Reads every file of a bundle's ZIP into a map from member path to bytes, or refuses it with
 * the first problem found. Stored members are views into `bytes` (no copy); keep `bytes`
 * unchanged while using them.
 */
export function readBundleZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  options: ReadZipOptions = {},
): Result<Map<string, Uint8Array>> {
  const directory = readDirectory(bytes, limits);
  if (!directory.ok) return directory;
  const { entries, directoryOffset } = directory.value;

  const names = checkNameSet(entries);
  if (!names.ok) return names;

  // Declared sizes can only make us refuse early; the real sizes are counted below.
  let declaredTotal = 0;
  for (const entry of entries) {
    if (entry.declaredSize > limits.maxEntryInflatedBytes) {
      return entryTooLarge(entry.name, limits);
    }
    declaredTotal += entry.declaredSize;
  }
  if (declaredTotal > limits.maxTotalInflatedBytes) return totalTooLarge(limits);

  const located = locateEntries(bytes, entries, directoryOffset);
  if (!located.ok) return located;

  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const [index, entry] of entries.entries()) {
    const data = located.value[index]!;
    const budget = {
      entry: limits.maxEntryInflatedBytes,
      total: limits.maxTotalInflatedBytes - total,
    };
    const inflated = inflateEntry(entry, data, budget, limits);
    if (!inflated.ok) return inflated;
    total += inflated.value.length;
    const checkCrc = options.checkCrc?.(entry.name) ?? true;
    if (checkCrc && crc32(inflated.value) !== entry.crc) {
      return err(
        ZIP_ERRORS.crcMismatch,
        `The entry ${describeMemberName(entry.name)} is corrupted: its CRC-32 does not match.`,
      );
    }
    if (!entry.isFolder) files.set(entry.name, inflated.value);
  }
  return ok(files);
}

/** The end record, then every central directory record it announces, each checked. */
function readDirectory(
  bytes: Uint8Array,
  limits: ZipLimits,
): Result<{ entries: DirectoryEntry[]; directoryOffset: number }> {
  const end = findEndOfDirectory(bytes);
  if (end < 0) {
    return invalid(
      bytes.length >= 4 && u32(bytes, 0) === LOCAL_HEADER
        ? 'its end-of-directory record is missing (is the file truncated?)'
        : 'it is not a ZIP archive',
    );
  }
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0) {
    return invalid('it is split over several disks');
  }
  const count = u16(bytes, end + 10);
  if (u16(bytes, end + 8) !== count) return invalid('its entry counts disagree');
  if (end >= 20 && u32(bytes, end - 20) === ZIP64_LOCATOR) {
    return invalid('it is a ZIP64 archive, which bundles never are');
  }
  if (count > limits.maxEntries) {
    return err(
      ZIP_ERRORS.tooManyEntries,
      `The bundle's ZIP lists ${count} entries; at most ${limits.maxEntries} are accepted.`,
    );
  }
  const directorySize = u32(bytes, end + 12);
  const directoryOffset = u32(bytes, end + 16);
  if (directoryOffset + directorySize !== end) {
    return invalid('its central directory is not where its end record says');
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: DirectoryEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (at + CENTRAL_HEADER_SIZE > end || u32(bytes, at) !== CENTRAL_HEADER) {
      return invalid(`its central directory record ${index + 1} is missing or damaged`);
    }
    const nameLength = u16(bytes, at + 28);
    const next = at + CENTRAL_HEADER_SIZE + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) return invalid(`its central directory record ${index + 1} is cut short`);
    const nameBytes = bytes.subarray(
      at + CENTRAL_HEADER_SIZE,
      at + CENTRAL_HEADER_SIZE + nameLength,
    );
    const entry = readEntry(bytes, at, nameBytes, (raw) => decoder.decode(raw), limits);
    if (!entry.ok) return entry;
    entries.push(entry.value);
    at = next;
  }
  if (at !== end) return invalid('its central directory holds more than its end record counts');
  return ok({ entries, directoryOffset });
}

/** One central directory record: name, method and sizes checked, nothing read yet. */
function readEntry(
  bytes: Uint8Array,
  at: number,
  nameBytes: Uint8Array,
  decodeUtf8: (bytes: Uint8Array) => string,
  limits: ZipLimits,
): Result<DirectoryEntry> {
  let name: string;
  try {
    name = decodeUtf8(nameBytes);
  } catch {
    return err(
      ZIP_ERRORS.pathUnsafe,
      `The entry named by the bytes ${hex(nameBytes)} is refused: its name is not valid UTF-8.`,
    );
  }
  const isFolder = name.endsWith('/') && name.length > 1;
  const problem = memberPathProblem(isFolder ? name.slice(0, -1) : name, limits.maxNameLength);
  if (problem !== undefined) {
    return err(
      ZIP_ERRORS.pathUnsafe,
      `The entry ${describeMemberName(name)} is refused: ${problem}.`,
    );
  }
  const flags = u16(bytes, at + 8);
  const method = u16(bytes, at + 10);
  if (flags & ENCRYPTION_FLAGS) {
    return err(
      ZIP_ERRORS.methodUnsupported,
      `The entry ${describeMemberName(name)} is encrypted with ZIP encryption, which bundles never use.`,
    );
  }
  if (method !== METHOD_STORE && method !== METHOD_DEFLATE) {
    return err(
      ZIP_ERRORS.methodUnsupported,
      `The entry ${describeMemberName(name)} uses compression method ${method}; only stored and deflated entries are read.`,
    );
  }
  const madeByUnix = u16(bytes, at + 4) >>> 8 === 3;
  const unixMode = u32(bytes, at + 38) >>> 16;
  if (madeByUnix && (unixMode & UNIX_FILE_TYPE_MASK) === UNIX_SYMLINK) {
    return err(
      ZIP_ERRORS.pathUnsafe,
      `The entry ${describeMemberName(name)} is refused: it is a symbolic link.`,
    );
  }
  const compressedSize = u32(bytes, at + 20);
  const declaredSize = u32(bytes, at + 24);
  const localHeaderOffset = u32(bytes, at + 42);
  if (
    compressedSize === 0xffffffff ||
    declaredSize === 0xffffffff ||
    localHeaderOffset === 0xffffffff ||
    u16(bytes, at + 34) !== 0
  ) {
    return invalid(`the entry ${describeMemberName(name)} needs ZIP64 or another disk`);
  }
  if (isFolder && declaredSize !== 0) {
    return invalid(`the folder entry ${describeMemberName(name)} holds data`);
  }
  return ok({
    name,
    nameBytes,
    isFolder,
    flags,
    method,
    crc: u32(bytes, at + 16),
    compressedSize,
    declaredSize,
    localHeaderOffset,
  });
}

/**
 * Finds each entry's compressed bytes through its local header, which must repeat the central
 * name and method. Entries may not overlap each other or the central directory (overlapping
 * entries are how the densest zip bombs are built).
 */
function locateEntries(
  bytes: Uint8Array,
  entries: readonly DirectoryEntry[],
  directoryOffset: number,
): Result<Uint8Array[]> {
  const spans: { start: number; end: number; name: string }[] = [];
  const data: Uint8Array[] = [];
  for (const entry of entries) {
    const header = entry.localHeaderOffset;
    const where = describeMemberName(entry.name);
    if (header + LOCAL_HEADER_SIZE > directoryOffset || u32(bytes, header) !== LOCAL_HEADER) {
      return invalid(`the local header of the entry ${where} is missing`);
    }
    const nameLength = u16(bytes, header + 26);
    const start = header + LOCAL_HEADER_SIZE + nameLength + u16(bytes, header + 28);
    const end = start + entry.compressedSize;
    if (end > directoryOffset) return invalid(`the data of the entry ${where} is cut short`);
    const localName = bytes.subarray(
      header + LOCAL_HEADER_SIZE,
      header + LOCAL_HEADER_SIZE + nameLength,
    );
    if (!sameBytes(localName, entry.nameBytes) || u16(bytes, header + 8) !== entry.method) {
      return invalid(`the local header of the entry ${where} disagrees with the central directory`);
    }
    spans.push({ start: header, end, name: entry.name });
    data.push(bytes.subarray(start, end));
  }
  spans.sort((a, b) => a.start - b.start);
  for (let index = 1; index < spans.length; index += 1) {
    const previous = spans[index - 1]!;
    const current = spans[index]!;
    if (current.start < previous.end) {
      return invalid(
        `the entries ${describeMemberName(previous.name)} and ${describeMemberName(current.name)} overlap`,
      );
    }
  }
  return ok(data);
}

/**
 * Inflates one entry while counting its output: stops as soon as it passes the entry cap, the
 * remaining total, or its declared size, whichever is first. Never allocates by a declared size.
 */
function inflateEntry(
  entry: DirectoryEntry,
  data: Uint8Array,
  budget: { readonly entry: number; readonly total: number },
  limits: ZipLimits,
): Result<Uint8Array> {
  const stopAt = Math.min(budget.entry, budget.total, entry.declaredSize);
  if (entry.method === METHOD_STORE) {
    return data.length > stopAt
      ? overrun(entry, data.length, budget, limits)
      : checkedSize(entry, data);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size <= stopAt) chunks.push(chunk);
  });
  try {
    let offset = 0;
    do {
      const owed = Math.floor((stopAt - size) / MAX_DEFLATE_RATIO);
      const push = Math.min(INFLATE_CHUNK_MAX, Math.max(INFLATE_CHUNK, owed));
      const next = Math.min(offset + push, data.length);
      inflate.push(data.subarray(offset, next), next === data.length);
      offset = next;
    } while (offset < data.length && size <= stopAt);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return invalid(
      `the compressed data of the entry ${describeMemberName(entry.name)} is broken (${detail})`,
    );
  }
  if (size > stopAt) return overrun(entry, size, budget, limits);
  return checkedSize(entry, concat(chunks, size));
}

/** Why inflating stopped early: the caps first, then the declared size. */
function overrun(
  entry: DirectoryEntry,
  size: number,
  budget: { readonly entry: number; readonly total: number },
  limits: ZipLimits,
): Result<never> {
  if (size > budget.entry) return entryTooLarge(entry.name, limits);
  if (size > budget.total) return totalTooLarge(limits);
  return sizeMismatch(entry, `more than the ${entry.declaredSize} bytes its headers declare`);
}

function checkedSize(entry: DirectoryEntry, bytes: Uint8Array): Result<Uint8Array> {
  if (bytes.length !== entry.declaredSize) {
    return sizeMismatch(
      entry,
      `${bytes.length} bytes where its headers declare ${entry.declaredSize}`,
    );
  }
  return ok(bytes);
}

function sizeMismatch(entry: DirectoryEntry, detail: string): Result<never> {
  return err(
    ZIP_ERRORS.sizeMismatch,
    `The entry ${describeMemberName(entry.name)} holds ${detail}; it has been tampered with or is corrupted.`,
  );
}

function entryTooLarge(name: string, limits: ZipLimits): Result<never> {
  return err(
    ZIP_ERRORS.entryTooLarge,
    `The entry ${describeMemberName(name)} inflates to more than ${limits.maxEntryInflatedBytes} bytes, the most one member may hold.`,
  );
}

function totalTooLarge(limits: ZipLimits): Result<never> {
  return err(
    ZIP_ERRORS.tooLarge,
    `The bundle's ZIP inflates to more than ${limits.maxTotalInflatedBytes} bytes, the most a bundle may hold.`,
  );
}

function invalid(detail: string): Result<never> {
  return err(ZIP_ERRORS.invalid, `The bundle's ZIP cannot be read: ${detail}.`);
}

/**
 * The end-of-central-directory record: the last one whose comment runs exactly to the end of
 * the file, so trailing bytes after an archive are refused rather than skipped.
 */
function findEndOfDirectory(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - END_SIZE - MAX_COMMENT);
  for (let at = bytes.length - END_SIZE; at >= lowest; at -= 1) {
    if (
      u32(bytes, at) === END_OF_DIRECTORY &&
      at + END_SIZE + u16(bytes, at + 20) === bytes.length
    ) {
      return at;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function utf8Length(text: string): number {
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    length += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return length;
}

function isLoneSurrogatePresent(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(index + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return true;
      index += 1;
    }
  }
  return false;
}

/**
 * C0 and C1 controls, DEL, and the bidirectional marks and overrides that make a name misread
 * (also the check on analysts' names, src/core/identity).
 */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (
      code <= 0x1f ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x200e ||
      code === 0x200f ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    ) {
      return true;
    }
  }
  return false;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

function byteLength(parts: readonly Uint8Array[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}

/** Joins byte chunks of `size` bytes in all into one array (the chunk itself when there is one). */
export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function hex(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 40), (byte) => byte.toString(16).padStart(2, '0'));
  return shown.join(' ') + (bytes.length > 40 ? ' …' : '');
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) + u16(bytes, at + 2) * 0x10000) >>> 0;
}
