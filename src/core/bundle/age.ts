import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { err, ok, type Result } from '../../shared/result';
import { MAX_AGE_HEADER_BYTES, MAX_BUNDLE_BYTES, MAX_SCRYPT_WORK_FACTOR } from './limits';
import { concat } from './zip';

/**
 * The age layer of a case bundle (https://age-encryption.org/v1), over age-encryption (typage,
 * the reference TypeScript implementation), so that the reference `age` CLI opens every bundle.
 *
 * Whole files in memory: import decrypts fully before anything else looks at the bytes. Every
 * decryption starts with `inspectAgeHeader`, which refuses oversized headers and costly scrypt
 * work factors before any key is derived.
 */

/** The caps this layer checks; tests pass lower ones to reach them without gigabytes. */
export interface AgeLimits {
  readonly maxBundleBytes: number;
  readonly maxHeaderBytes: number;
  readonly maxScryptWorkFactor: number;
}

export const DEFAULT_AGE_LIMITS: AgeLimits = {
  maxBundleBytes: MAX_BUNDLE_BYTES,
  maxHeaderBytes: MAX_AGE_HEADER_BYTES,
  maxScryptWorkFactor: MAX_SCRYPT_WORK_FACTOR,
};

/** What the age CLI writes (about a second of scrypt); also our ceiling, so we can read it back. */
export const DEFAULT_SCRYPT_WORK_FACTOR = 18;

export interface AgeHeaderSummary {
  /** `scrypt`: a passphrase; `x25519`: at least one X25519 recipient; `other`: neither. */
  readonly kind: 'x25519' | 'scrypt' | 'other';
  /** Number of recipient stanzas (of any type) in the header. */
  readonly recipients: number;
  /** log2 of scrypt's N, for a passphrase bundle. */
  readonly scryptWorkFactor?: number;
  /** Bytes from the start of the file through the MAC line's newline. */
  readonly headerBytes: number;
}

export interface AgeIdentityPair {
  /** Secret: `AGE-SECRET-KEY-1…`. */
  readonly identity: string;
  /** Public: `age1…`, what colleagues encrypt to. */
  readonly recipient: string;
}

const INTRO = 'age-encryption.org/v1\n';
const INTRO_BYTES = new TextEncoder().encode(INTRO);
const ARMOR_START = '-----BEGIN AGE ENCRYPTED FILE-----';
const NEWLINE = 0x0a;
/** Stanza bodies are base64 wrapped at 64 columns; a shorter line (maybe empty) ends the body. */
const BODY_LINE_COLUMNS = 64;

const WRONG_IDENTITY = 'This bundle is not encrypted to any of your identities.';
const WRONG_PASSPHRASE = 'Wrong passphrase: this bundle cannot be opened with it.';

/**
 * What to encrypt: one byte array, or parts in order (a ZIP's headers and members, maybe made
 * while encryption runs), streamed through typage one after the other and never joined.
 */
export type Plaintext = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Encrypts `bytes` to one or more X25519 recipients (`age1…`). */
export async function encryptToRecipients(
  bytes: Plaintext,
  recipients: readonly string[],
  limits: AgeLimits = DEFAULT_AGE_LIMITS,
): Promise<Result<Uint8Array>> {
  const size = checkPlaintextSize(bytes, limits);
  if (!size.ok) return size;
  if (recipients.length === 0) {
    return err(
      'bundle.age.noRecipients',
      'Choose at least one recipient to encrypt the bundle to.',
    );
  }
  const encrypter = new Encrypter();
  for (const recipient of new Set(recipients)) {
    if (!isX25519Recipient(recipient)) {
      return err(
        'bundle.age.recipientInvalid',
        `"${shorten(recipient)}" is not a valid age recipient (an X25519 public key starting with age1).`,
      );
    }
    encrypter.addRecipient(recipient);
  }
  return runEncrypter(encrypter, bytes, limits);
}

/**
 * True for a well-formed X25519 recipient (`age1…`). X25519 only: the age CLI 1.1 that
 * investigators have cannot open post-quantum or tag recipients (nor plugin ones), and a bundle
 * must open with the reference CLI. Also the address book's check (src/core/identity).
 */
export function isX25519Recipient(recipient: string): boolean {
  if (
    !recipient.startsWith('age1') ||
    recipient.startsWith('age1pq1') ||
    recipient.startsWith('age1tag')
  ) {
    return false;
  }
  try {
    new Encrypter().addRecipient(recipient); // typage parses it: bech32, `age` prefix, 32 bytes
    return true;
  } catch {
    return false;
  }
}

/** Encrypts `bytes` with a passphrase (scrypt, work factor 18 unless told otherwise). */
export async function encryptWithPassphrase(
  bytes: Plaintext,
  passphrase: string,
  workFactor: number = DEFAULT_SCRYPT_WORK_FACTOR,
  limits: AgeLimits = DEFAULT_AGE_LIMITS,
): Promise<Result<Uint8Array>> {
  const size = checkPlaintextSize(bytes, limits);
  if (!size.ok) return size;
  if (passphrase.length === 0) {
    return err('bundle.age.passphraseEmpty', 'Enter a passphrase to encrypt the bundle with.');
  }
  // Never write what our own import would refuse.
  if (!Number.isInteger(workFactor) || workFactor < 1 || workFactor > limits.maxScryptWorkFactor) {
    return err(
      'bundle.age.workFactorInvalid',
      `The scrypt work factor must be a whole number from 1 to ${limits.maxScryptWorkFactor}.`,
    );
  }
  const encrypter = new Encrypter();
  encrypter.setScryptWorkFactor(workFactor);
  encrypter.setPassphrase(passphrase);
  return runEncrypter(encrypter, bytes, limits);
}

/** Decrypts an X25519 bundle with any of the analyst's identities (`AGE-SECRET-KEY-1…`). */
export async function decryptWithIdentities(
  bytes: Uint8Array,
  identities: readonly string[],
  limits: AgeLimits = DEFAULT_AGE_LIMITS,
): Promise<Result<Uint8Array>> {
  const header = inspectAgeHeader(bytes, limits);
  if (!header.ok) return header;
  if (header.value.kind === 'scrypt') {
    return err(
      'bundle.age.wrongKey',
      'This bundle is protected by a passphrase, not encrypted to an identity: enter its passphrase.',
    );
  }
  if (identities.length === 0) {
    return err('bundle.age.noIdentities', 'Add an identity to open bundles encrypted to you.');
  }
  const decrypter = new Decrypter();
  for (const [index, identity] of identities.entries()) {
    try {
      decrypter.addIdentity(identity);
    } catch {
      // The identity is secret: name it by position, never echo it.
      return err(
        'bundle.age.identityInvalid',
        `Identity ${index + 1} is not a valid age identity (AGE-SECRET-KEY-1…).`,
      );
    }
  }
  return runDecrypter(decrypter, bytes, WRONG_IDENTITY);
}

/** Decrypts a passphrase bundle; the header is checked before scrypt runs. */
export async function decryptWithPassphrase(
  bytes: Uint8Array,
  passphrase: string,
  limits: AgeLimits = DEFAULT_AGE_LIMITS,
): Promise<Result<Uint8Array>> {
  const header = inspectAgeHeader(bytes, limits);
  if (!header.ok) return header;
  if (header.value.kind !== 'scrypt') {
    return err(
      'bundle.age.wrongKey',
      'This bundle is encrypted to recipients, not protected by a passphrase: open it with your identity.',
    );
  }
  if (passphrase.length === 0) {
    return err('bundle.age.passphraseEmpty', 'Enter the passphrase the bundle was encrypted with.');
  }
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  return runDecrypter(decrypter, bytes, WRONG_PASSPHRASE);
}

/** A new X25519 identity and its recipient. Explicitly X25519: typage's default may change. */
export async function generateAgeIdentity(): Promise<AgeIdentityPair> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/**
 * The recipient (`age1…`) of an X25519 identity (`AGE-SECRET-KEY-1…`), or undefined when it is
 * not one: malformed, post-quantum (`AGE-SECRET-KEY-PQ-1…`) or a plugin's. Checks imported keys.
 */
export async function x25519RecipientOf(identity: string): Promise<string | undefined> {
  if (!identity.startsWith('AGE-SECRET-KEY-1')) return undefined;
  try {
    return await identityToRecipient(identity);
  } catch {
    return undefined;
  }
}

/**
 * Reads just enough of an age header to refuse what would be costly or pointless to decrypt:
 * not age, a header longer than the cap (found without scanning past it), an scrypt work factor
 * above the cap, an scrypt stanza beside others (the age spec forbids it). It derives no key.
 */
export function inspectAgeHeader(
  bytes: Uint8Array,
  limits: AgeLimits = DEFAULT_AGE_LIMITS,
): Result<AgeHeaderSummary> {
  if (bytes.length > limits.maxBundleBytes) {
    return err(
      'bundle.age.tooLarge',
      `The bundle is ${formatBytes(bytes.length)}, more than the ${formatBytes(limits.maxBundleBytes)} Casefile opens.`,
    );
  }
  const intro = checkIntro(bytes);
  if (!intro.ok) return intro;

  // Everything after this works inside the cap, so a huge header costs at most the cap to refuse.
  const window = bytes.subarray(0, Math.min(bytes.length, limits.maxHeaderBytes));
  const reachedEnd = window.length === bytes.length;
  const cutShort = (): Result<never> =>
    reachedEnd
      ? err('bundle.age.damaged', 'The bundle is damaged: it ends inside its header.')
      : err(
          'bundle.age.headerTooLarge',
          `The bundle's header is longer than ${formatBytes(limits.maxHeaderBytes)}; Casefile refuses it.`,
        );

  let position = INTRO_BYTES.length;
  let stanzas = 0;
  let scryptStanzas = 0;
  let x25519Stanzas = 0;
  let scryptWorkFactor: number | undefined;
  for (;;) {
    const end = window.indexOf(NEWLINE, position);
    if (end < 0) return cutShort();
    const line = asciiLine(window, position, end);
    position = end + 1;
    if (line === undefined) return damaged('its header holds a character age does not allow');

    if (line.startsWith('--- ')) break;
    if (!line.startsWith('-> ')) return damaged('its header has a line age does not expect');

    const args = line.slice(3).split(' ');
    const type = args[0] ?? '';
    if (args.some((arg) => arg.length === 0)) return damaged('a recipient line is malformed');
    stanzas += 1;
    if (type === 'X25519') x25519Stanzas += 1;
    if (type === 'scrypt') {
      scryptStanzas += 1;
      const factor = args[2];
      if (args.length !== 3 || factor === undefined || !/^[1-9][0-9]*$/.test(factor)) {
        return damaged('its passphrase line is malformed');
      }
      scryptWorkFactor = Number(factor);
      if (scryptWorkFactor > limits.maxScryptWorkFactor) {
        return err(
          'bundle.age.workFactorTooHigh',
          `The bundle asks for scrypt work factor ${factor}; Casefile accepts at most ${limits.maxScryptWorkFactor}, so it would take too long and too much memory to open.`,
        );
      }
    }
    // Skip the body: full 64-column lines, then one shorter line.
    for (;;) {
      const bodyEnd = window.indexOf(NEWLINE, position);
      if (bodyEnd < 0) return cutShort();
      const columns = bodyEnd - position;
      position = bodyEnd + 1;
      if (columns > BODY_LINE_COLUMNS) return damaged('a recipient body line is too long');
      if (columns < BODY_LINE_COLUMNS) break;
    }
  }

  if (stanzas === 0) return damaged('its header lists no recipient');
  if (scryptStanzas > 0 && stanzas > 1) {
    return damaged('its header mixes a passphrase with other recipients, which age forbids');
  }
  const kind = scryptStanzas > 0 ? 'scrypt' : x25519Stanzas > 0 ? 'x25519' : 'other';
  return ok({
    kind,
    recipients: stanzas,
    ...(scryptWorkFactor === undefined ? {} : { scryptWorkFactor }),
    headerBytes: position,
  });
}

function checkIntro(bytes: Uint8Array): Result<void> {
  if (bytes.length === 0) return err('bundle.age.notAge', 'The file is empty.');
  const compared = Math.min(bytes.length, INTRO_BYTES.length);
  for (let index = 0; index < compared; index += 1) {
    if (bytes[index] === INTRO_BYTES[index]) continue;
    const armored = asciiLine(bytes, 0, Math.min(bytes.length, ARMOR_START.length));
    if (armored === ARMOR_START) {
      return err(
        'bundle.age.notAge',
        'This is an ASCII-armoured age file; Casefile bundles are binary. Remove the armour with `age -d` first.',
      );
    }
    return err('bundle.age.notAge', 'This file is not a Casefile bundle (not an age file).');
  }
  if (bytes.length < INTRO_BYTES.length) return damaged('it ends inside its first line');
  return ok(undefined);
}

/**
 * The little of the web streams API this file uses: core compiles without DOM types, and typage
 * takes and returns WHATWG streams (present in browsers, workers and Node alike).
 */
interface ChunkStream {
  getReader(): { read(): Promise<{ readonly done: boolean; readonly value?: Uint8Array }> };
}
interface StreamSource {
  pull(controller: { enqueue(chunk: Uint8Array): void; close(): void }): Promise<void>;
}
type TypageStream = Parameters<Encrypter['encrypt']>[0];

/** Counts what a stream of parts has handed over, and whether it passed the size cap. */
interface PartCount {
  bytes: number;
  tooLarge: boolean;
}

/**
 * One byte array, whichever realm made it: `instanceof Uint8Array` is false for another realm's
 * array (a test's jsdom window), which would then be iterated byte by byte as if it were parts.
 */
function isBytes(parts: Plaintext): parts is Uint8Array {
  return ArrayBuffer.isView(parts);
}

/** The parts as a stream typage reads one at a time (each is encrypted in place, not copied). */
function streamOf(parts: Plaintext, count: PartCount, limit: number): TypageStream {
  const Stream = (
    globalThis as unknown as { ReadableStream: new (source: StreamSource) => unknown }
  ).ReadableStream;
  const iterator = isBytes(parts)
    ? [parts][Symbol.iterator]()
    : Symbol.asyncIterator in parts
      ? parts[Symbol.asyncIterator]()
      : parts[Symbol.iterator]();
  const stream = new Stream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done === true) {
        controller.close();
        return;
      }
      count.bytes += next.value.length;
      if (count.bytes > limit) {
        count.tooLarge = true;
        throw new Error('the plaintext is larger than the cap');
      }
      controller.enqueue(next.value);
    },
  });
  return stream as TypageStream;
}

/**
 * Reads typage's output stream into one buffer: of the size it announces when known (no list of
 * chunks joined at the end, which typage's own Uint8Array path does), else joined once.
 */
async function collect(stream: ChunkStream, size: number | undefined): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  const out = size === undefined ? undefined : new Uint8Array(size);
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value === undefined) break;
    if (out === undefined) chunks.push(value);
    else if (at + value.length > out.length) throw new Error('more output than announced');
    else out.set(value, at);
    at += value.length;
  }
  if (out === undefined) return concat(chunks, at);
  if (at !== out.length) throw new Error('less output than announced');
  return out;
}

async function runEncrypter(
  encrypter: Encrypter,
  bytes: Plaintext,
  limits: AgeLimits,
): Promise<Result<Uint8Array>> {
  const count: PartCount = { bytes: 0, tooLarge: false };
  try {
    const encrypted = await encrypter.encrypt(streamOf(bytes, count, limits.maxBundleBytes));
    const size = isBytes(bytes) ? encrypted.size(bytes.length) : undefined;
    return ok(await collect(encrypted as ChunkStream, size));
  } catch (error) {
    if (count.tooLarge) {
      const size = checkPlaintextSize(count.bytes, limits);
      if (!size.ok) return size;
    }
    return err(
      'bundle.age.encryptFailed',
      `The bundle could not be encrypted: ${describe(error)}.`,
    );
  }
}

async function runDecrypter(
  decrypter: Decrypter,
  bytes: Uint8Array,
  wrongKeyMessage: string,
): Promise<Result<Uint8Array>> {
  try {
    // Buffered all the same: the whole plaintext is collected (every chunk authenticated, the
    // last one included) before the caller sees any of it.
    const count: PartCount = { bytes: 0, tooLarge: false };
    const decrypted = await decrypter.decrypt(streamOf(bytes, count, Infinity));
    return ok(await collect(decrypted as ChunkStream, decrypted.size(bytes.length)));
  } catch (error) {
    // typage reports "no identity matched any of the file's recipients" when no stanza unwraps
    // (wrong key); everything else (header MAC, a payload chunk, a malformed stanza) is damage.
    // The wrong-key tests pin this message, so a typage upgrade that changes it fails loudly.
    if (describe(error).includes('no identity matched')) {
      return err('bundle.age.wrongKey', wrongKeyMessage);
    }
    return damaged('it failed its integrity check (it was altered, cut short or corrupted)');
  }
}

/** The cap on a whole plaintext; parts are counted as they stream (see runEncrypter). */
function checkPlaintextSize(bytes: Plaintext | number, limits: AgeLimits): Result<void> {
  const length = typeof bytes === 'number' ? bytes : isBytes(bytes) ? bytes.length : 0;
  if (length > limits.maxBundleBytes) {
    return err(
      'bundle.age.tooLarge',
      `The bundle would be ${formatBytes(length)}, more than the ${formatBytes(limits.maxBundleBytes)} Casefile opens.`,
    );
  }
  return ok(undefined);
}

function damaged(why: string): Result<never> {
  return err('bundle.age.damaged', `The bundle is damaged: ${why}.`);
}

/** The line's text if every byte is printable ASCII (what age headers allow), else undefined. */
function asciiLine(bytes: Uint8Array, start: number, end: number): string | undefined {
  let text = '';
  for (let index = start; index < end; index += 1) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x20 || byte > 0x7e) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit] ?? ''}`;
}
