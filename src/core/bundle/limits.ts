import { MAX_OPEN_FILE_BYTES } from '../../shared/security';

/**
 * Every cap a case bundle import checks, in one place so export, import, the CLI and tests agree.
 * A bundle comes from outside (removable media), so each cap is checked before the work it bounds
 * (sizes, counts, depth) or counted while doing it (inflated bytes); declared sizes are never
 * trusted. Export must stay within the same caps, so that what we write we can read back.
 */

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/**
 * Largest encrypted bundle file accepted, checked before reading it. Import decrypts fully into
 * memory (never streamed into the database), holding ciphertext, the ZIP and the inflated members
 * at once, so this bounds peak memory. It is the inflated cap plus room for ZIP headers (at most
 * MAX_ZIP_ENTRIES × ~600 bytes) and age's overhead (16 bytes per 64 KiB chunk plus the header), and
 * stays under 4 GiB: fflate writes no ZIP64 and Node 20's typed arrays stop at 4 GiB.
 */
export const MAX_BUNDLE_BYTES = 2 * GiB + 64 * MiB;

/**
 * Largest age header (everything before the payload), checked before parsing it or deriving any
 * key. One recipient stanza is about 200 bytes, so this allows hundreds of recipients while a
 * hostile 64 MB header line is refused after reading 64 KiB.
 */
export const MAX_AGE_HEADER_BYTES = 64 * KiB;

/**
 * Highest scrypt work factor (log2 N) accepted for passphrase bundles, checked before any key
 * derivation. 18 is what the age CLI writes (about a second); each step doubles time and memory
 * an attacker-supplied header could make us spend (22 would take 4 GiB and a quarter of a minute).
 */
export const MAX_SCRYPT_WORK_FACTOR = 18;

/**
 * Most entries in a bundle's ZIP, checked on the end-of-central-directory record before reading
 * any entry. 65,535 is the most a ZIP without ZIP64 can count (a 16-bit field), far above the
 * sources a case holds (one entry each, plus manifest.json, case.json and signature.json).
 */
export const MAX_ZIP_ENTRIES = 65_535;

/**
 * Largest JSON member (manifest.json, case.json, signature.json), checked before decoding. V8's
 * longest string is about 512 Mi UTF-16 units and JSON.parse needs several times the text in
 * objects, so 256 MiB is the most a desktop renderer or worker parses safely, and ample for the
 * records of a large case (source bytes travel as separate members, not inside the JSON).
 */
export const MAX_JSON_BYTES = 256 * MiB;

/**
 * Most bytes one entry may inflate to, counted while inflating. A source is never larger than a
 * file the app agreed to open (MAX_OPEN_FILE_BYTES), and the JSON members are capped lower
 * (MAX_JSON_BYTES), so every honest member fits.
 */
export const MAX_ENTRY_INFLATED_BYTES = Math.max(MAX_OPEN_FILE_BYTES, MAX_JSON_BYTES);

/**
 * Most bytes all entries together may inflate to, counted while inflating; a zip bomb stops
 * here. 2 GiB is twice the most one can open in one go and keeps import's peak memory bounded;
 * export refuses a case larger than this so the recipient can always import it.
 */
export const MAX_TOTAL_INFLATED_BYTES = 2 * GiB;

/**
 * Deepest nesting of arrays and objects in a JSON member, checked by a scan before JSON.parse.
 * Notes are capped at 64 levels of nodes (MAX_NOTE_DEPTH), two JSON levels each (node and its
 * children array), inside a few levels of records: 256 leaves room while a hostile 100,000-deep
 * document is refused before any recursive code sees it.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Longest member name in UTF-8 bytes, checked before the name is used. Names we write are short
 * (`sources/` and 64 hex digits); 255 is the common limit for a file name on disk, so
 * `casefile bundle extract` can always write what it accepts.
 */
export const MAX_MEMBER_NAME_LENGTH = 255;

/** The ZIP caps as one value, so tests (and callers with stricter needs) can pass lower ones. */
export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryInflatedBytes: number;
  readonly maxTotalInflatedBytes: number;
  readonly maxNameLength: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: MAX_ZIP_ENTRIES,
  maxEntryInflatedBytes: MAX_ENTRY_INFLATED_BYTES,
  maxTotalInflatedBytes: MAX_TOTAL_INFLATED_BYTES,
  maxNameLength: MAX_MEMBER_NAME_LENGTH,
};

/** The JSON caps as one value, for the same reason. */
export interface JsonLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxBytes: MAX_JSON_BYTES,
  maxDepth: MAX_JSON_DEPTH,
};
