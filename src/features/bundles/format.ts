import type { SignerTrust } from '../../core/bundle/bundle';
import type { TransferCounts, TransferRecordKind } from '../../core/ports/transfer';

/** A fingerprint as analysts read it aloud: lower-case hex in groups of 4. */
export function groupedFingerprint(fingerprint: string): string {
  const hex = fingerprint.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  return hex.match(/.{1,4}/g)?.join(' ') ?? '';
}

/** `age1abcd…wxyz`: long recipients in tables. */
export function shortRecipient(recipient: string): string {
  return recipient.length <= 24 ? recipient : `${recipient.slice(0, 12)}…${recipient.slice(-8)}`;
}

export type PassphraseStrength = 'empty' | 'weak' | 'fair' | 'strong';

/**
 * A rough strength hint (not a guarantee): bits ≈ length × log2(alphabet in use). Long passphrases
 * of several words score well, short mixed-symbol passwords do not, which is the advice we want.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  if (passphrase.length === 0) return 'empty';
  let alphabet = 0;
  if (/[a-z]/.test(passphrase)) alphabet += 26;
  if (/[A-Z]/.test(passphrase)) alphabet += 26;
  if (/[0-9]/.test(passphrase)) alphabet += 10;
  if (/[^A-Za-z0-9]/.test(passphrase)) alphabet += 33;
  const distinct = new Set(passphrase).size;
  // Repetition ("aaaaaaaaaaaa") adds length but little strength.
  const bits = Math.min(passphrase.length, distinct * 2) * Math.log2(Math.max(alphabet, 2));
  if (bits < 50) return 'weak';
  if (bits < 75) return 'fair';
  return 'strong';
}

export const STRENGTH_HINTS: Readonly<Record<PassphraseStrength, string>> = {
  empty: 'Several unrelated words make a passphrase both strong and memorable.',
  weak: 'Weak: anyone holding the file could guess it. Use more words.',
  fair: 'Fair: another word or two would make it strong.',
  strong: 'Strong.',
};

/** What the import preview says about who signed a bundle. */
export type SignerStanding = SignerTrust | 'unknown' | 'unsigned';

export const SIGNER_STANDING_LABELS: Readonly<Record<SignerStanding, string>> = {
  trusted: 'Verified contact',
  known: 'Known contact (fingerprint not verified)',
  unknown: 'Unknown key: not in your address book',
  unsigned: 'Unsigned: nobody vouches for this bundle',
};

export const RECORD_KIND_LABELS: Readonly<Record<TransferRecordKind, string>> = {
  sources: 'Sources',
  sourceContents: 'Source texts',
  passages: 'Passages',
  entities: 'Entities',
  entityMerges: 'Entity merges',
  claims: 'Claims',
  notes: 'Notes',
  charts: 'Charts',
  savedSearches: 'Saved searches',
  audit: 'Audit events',
};

export function countTotals(counts: Readonly<Record<TransferRecordKind, TransferCounts>>): {
  readonly added: number;
  readonly identical: number;
  readonly conflicting: number;
} {
  let added = 0;
  let identical = 0;
  let conflicting = 0;
  for (const kind of Object.keys(counts) as TransferRecordKind[]) {
    added += counts[kind].added;
    identical += counts[kind].identical;
    conflicting += counts[kind].conflicting;
  }
  return { added, identical, conflicting };
}

/**
 * A title as a file name: what file systems refuse (path separators, reserved punctuation,
 * control characters) turned into spaces, leading dots dropped (no hidden file).
 */
function fileNameFrom(title: string, fallback: string, extension: string): string {
  let stem = '';
  for (const character of title.normalize('NFC')) {
    stem += /[\\/:*?"<>|]/.test(character) || character < ' ' ? ' ' : character;
  }
  stem = stem
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .slice(0, 120)
    .trim();
  return `${stem || fallback}.${extension}`;
}

/** `<case title>.casefile`. */
export function bundleFileName(caseTitle: string): string {
  return fileNameFrom(caseTitle, 'case', 'casefile');
}

/** `<analyst name>.casefile-key` or `.casefile-identity`: "R. Okafor / Desk 3" is a valid name. */
export function keyFileName(analystName: string, extension: string): string {
  return fileNameFrom(analystName, 'identity', extension);
}

/** The bytes as host.saveFile takes them (a view over a plain ArrayBuffer; copied only if not). */
export function savableBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
}
