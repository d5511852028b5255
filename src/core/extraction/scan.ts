import type { EntityType } from '../model/records';
import { refang } from './refang';
import {
  hashKind,
  isBitcoinAddress,
  isCidr,
  isIPv4,
  isIPv6,
  normalizeCve,
  normalizeDomain,
  normalizeEmail,
  normalizeIban,
  parseUrl,
  toChecksumAddress,
  isEthereumAddress,
  IBAN_LENGTHS,
} from './validators';

/**
 * Finds indicators (network, hashes, CVEs, crypto addresses, IBANs) in free text, including
 * defanged forms, with offsets into the original text. Pipeline: per-kind candidate regexes on
 * the original text → refang the candidate → strict validation → overlap resolution.
 *
 * Linear-time safety: every candidate regex that starts with a repeated class is anchored by a
 * lookbehind to the start of a run, so a failed attempt is not retried from inside the same run,
 * and no regex has nested quantifiers over overlapping classes.
 */

export type IndicatorKind =
  | 'ipv4'
  | 'ipv6'
  | 'cidr'
  | 'domain'
  | 'url'
  | 'email'
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'cve'
  | 'bitcoin'
  | 'ethereum'
  | 'iban';

/** The entity type each indicator kind is proposed as (all three IP forms are one type, and so on). */
export const INDICATOR_ENTITY_TYPE: Readonly<Record<IndicatorKind, EntityType>> = {
  ipv4: 'IPAddress',
  ipv6: 'IPAddress',
  cidr: 'IPAddress',
  domain: 'Domain',
  url: 'URL',
  email: 'Email',
  md5: 'Hash',
  sha1: 'Hash',
  sha256: 'Hash',
  cve: 'Vulnerability',
  bitcoin: 'CryptoWallet',
  ethereum: 'CryptoWallet',
  iban: 'BankAccount',
};

export interface IndicatorMatch {
  kind: IndicatorKind;
  /** UTF-16 offsets into the scanned text: `text.slice(start, end) === raw`. */
  start: number;
  end: number;
  /** Exactly as written in the text (maybe defanged). */
  raw: string;
  /** Refanged, normalised value for the entity. */
  value: string;
  /** True when the raw text differs from its refanged form. */
  defanged: boolean;
}

export interface ScanOptions {
  /** Report only these kinds. Overlaps are resolved first, so the result is always a subset of the full scan. */
  readonly kinds?: readonly IndicatorKind[];
}

/** Tie-break for equally long overlapping candidates: the more specific kind wins. */
const PRIORITY: readonly IndicatorKind[] = [
  'url',
  'email',
  'cidr',
  'ipv6',
  'ipv4',
  'iban',
  'ethereum',
  'bitcoin',
  'cve',
  'sha256',
  'sha1',
  'md5',
  'domain',
];

export function scanIndicators(text: string, options: ScanOptions = {}): IndicatorMatch[] {
  const candidates: IndicatorMatch[] = [];
  const push = (kind: IndicatorKind, start: number, raw: string, value: string): void => {
    candidates.push({
      kind,
      start,
      end: start + raw.length,
      raw,
      value,
      defanged: raw !== refang(raw),
    });
  };
  scanUrls(text, push);
  scanEmails(text, push);
  scanHosts(text, push);
  scanIPv6(text, push);
  scanSimple(text, push);
  scanIbans(text, push);
  const resolved = resolveOverlaps(candidates);
  const kinds = options.kinds;
  if (kinds === undefined) return resolved;
  const wanted = new Set(kinds);
  return resolved.filter((match) => wanted.has(match.kind));
}

type Push = (kind: IndicatorKind, start: number, raw: string, value: string) => void;

// ---------------------------------------------------------------- shared pieces

const LABEL_CHAR = '[A-Za-z0-9-]';
/** A dot, tight or bracket-spaced defanged dot (`[.]`, `(dot)`, ` [dot] `, `\.`), or ` dot `. */
const DOT = `(?:\\.|\\\\\\.| ?(?:\\[(?:\\.|dot)\\]|\\((?:\\.|dot)\\)|\\{(?:\\.|dot)\\}) ?| dot )`;
const HOST = `${LABEL_CHAR}+(?:${DOT}${LABEL_CHAR}+)+`;

// ---------------------------------------------------------------- URLs

const URL_CANDIDATE =
  /(?<![A-Za-z0-9])(?:hxxps?|https?|ftp|fxp)(?::\/\/|\[:\/\/\]|\[:\]\/\/)[^\s"<>`]+/gi;

function scanUrls(text: string, push: Push): void {
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const raw = trimUrlTail(match[0]);
    const value = normalizeUrl(refang(raw));
    if (value !== undefined) push('url', match.index, raw, value);
  }
}

/** Prose punctuation after a URL is not part of it; closing brackets only when unbalanced. */
function trimUrlTail(candidate: string): string {
  let raw = candidate;
  for (;;) {
    const last = raw.at(-1) ?? '';
    if (`.,;:!?'*`.includes(last) && last !== '') {
      raw = raw.slice(0, -1);
      continue;
    }
    const open = CLOSERS.get(last);
    if (open !== undefined && count(raw, open) < count(raw, last)) {
      raw = raw.slice(0, -1);
      continue;
    }
    return raw;
  }
}

const CLOSERS: ReadonlyMap<string, string> = new Map([
  [')', '('],
  [']', '['],
  ['}', '{'],
]);

function count(s: string, char: string): number {
  let n = 0;
  for (const c of s) if (c === char) n++;
  return n;
}

/** Scheme and host lower-cased (IPv6 re-bracketed), userinfo, port and the rest kept. */
function normalizeUrl(s: string): string | undefined {
  const parsed = parseUrl(s);
  if (parsed === undefined) return undefined;
  const afterScheme = s.slice(s.indexOf('//') + 2);
  const authority = afterScheme.slice(0, afterScheme.search(/[/?#]|$/));
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : authority.slice(0, at + 1);
  const host = parsed.hostKind === 'ipv6' ? `[${parsed.host}]` : parsed.host;
  const port = parsed.port === undefined ? '' : `:${String(parsed.port)}`;
  return `${parsed.scheme}://${userinfo}${host}${port}${parsed.rest}`;
}

// ---------------------------------------------------------------- e-mail

/**
 * Practical local parts only (`[A-Za-z0-9._%+-]`): RFC atext also allows `'`, `=`, `/`… which in
 * prose and query strings glue neighbouring text onto the address.
 */
const EMAIL_CANDIDATE = new RegExp(
  `(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*` +
    `(?:@| ?(?:\\[(?:at|@)\\]|\\((?:at|@)\\)|\\{(?:at|@)\\}) ?)${HOST}`,
  'gi',
);

function scanEmails(text: string, push: Push): void {
  for (const match of text.matchAll(EMAIL_CANDIDATE)) {
    const raw = match[0];
    const value = normalizeEmail(refang(raw));
    if (value !== undefined) push('email', match.index, raw, value);
  }
}

// ---------------------------------------------------------------- domains, IPv4, CIDR

// `_` counts as part of the word, so `quickrefund_v4.zip` is not read as the domain `v4.zip`.
const HOST_CANDIDATE = new RegExp(`(?<![A-Za-z0-9_-])${HOST}(?:\\/\\d{1,3}(?![0-9]))?`, 'gi');

/**
 * Country and generic TLDs that are also everyday file extensions. A bare `name.ext` with one of
 * them (`readme.md`, `install.sh`, `invoice.zip`) is far more often a file than a host in case
 * material, so it is proposed as a domain only when defanged (`evil[.]zip`), which says "host".
 * Inside URLs and e-mail addresses these domains are found as usual.
 */
const FILE_EXTENSION_TLDS = new Set([
  'ac',
  'am',
  'cc',
  'md',
  'mk',
  'ml',
  'mov',
  'ps',
  'py',
  'rs',
  'sh',
  'so',
  'zip',
]);

function looksLikeFileName(raw: string, domain: string): boolean {
  if (raw !== refang(raw)) return false;
  const labels = domain.split('.');
  return labels.length === 2 && FILE_EXTENSION_TLDS.has(labels[1]!);
}

function scanHosts(text: string, push: Push): void {
  for (const match of text.matchAll(HOST_CANDIDATE)) {
    const candidate = match[0];
    const slash = candidate.lastIndexOf('/');
    if (slash !== -1) {
      const cidr = refang(candidate);
      if (isCidr(cidr) && isIPv4(cidr.slice(0, cidr.indexOf('/')))) {
        push('cidr', match.index, candidate, cidr);
        continue;
      }
    }
    // An invalid prefix (`/33`) still leaves a valid address or domain before it.
    const raw = slash === -1 ? candidate : candidate.slice(0, slash);
    const host = refang(raw);
    if (isIPv4(host)) {
      push('ipv4', match.index, raw, host);
      continue;
    }
    const domain = normalizeDomain(host);
    if (domain !== undefined && !looksLikeFileName(raw, domain)) {
      push('domain', match.index, raw, domain);
    }
  }
}

// ---------------------------------------------------------------- IPv6

const IPV6_CANDIDATE = /(?<![0-9A-Za-z:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:\/\d{1,3})?/g;

function scanIPv6(text: string, push: Push): void {
  for (const match of text.matchAll(IPV6_CANDIDATE)) {
    let raw = match[0];
    // Glued to a following word (`fe80::1g`) it is not an address.
    if (/[G-Zg-z_]/.test(text.charAt(match.index + raw.length))) continue;
    // Sentence punctuation may follow (`… ::1.` / `fe80::1:`); `2001:db8::` legitimately ends in ':'.
    for (let tries = 0; tries < 3 && raw.length > 0; tries++) {
      if (/[0-9A-Fa-f]/.test(raw) && (isIPv6(raw) || isCidr(raw))) {
        const value = raw.toLowerCase();
        push(raw.includes('/') ? 'cidr' : 'ipv6', match.index, raw, value);
        break;
      }
      if (!/[.:]$/.test(raw)) break;
      raw = raw.slice(0, -1);
    }
  }
}

// ---------------------------------------------------------------- hashes, CVE, crypto

const HEX_RUN = /(?<![0-9A-Za-z_])[0-9A-Fa-f]{32,64}(?![0-9A-Za-z_])/g;
const CVE = /(?<![A-Za-z0-9])CVE-\d{4}-\d{4,}(?![A-Za-z0-9])/gi;
const BASE58 = /(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{24,34}(?![A-Za-z0-9])/g;
const BECH32 = /(?<![A-Za-z0-9])bc1[ac-hj-np-z02-9]{6,87}(?![A-Za-z0-9])/gi;
/** `0x` is required: a bare 40-hex string is a SHA-1. */
const ETHEREUM = /(?<![A-Za-z0-9])0x[0-9A-Fa-f]{40}(?![A-Za-z0-9])/g;

function scanSimple(text: string, push: Push): void {
  for (const match of text.matchAll(HEX_RUN)) {
    const kind = hashKind(match[0]);
    if (kind !== undefined) push(kind, match.index, match[0], match[0].toLowerCase());
  }
  for (const match of text.matchAll(CVE)) {
    const value = normalizeCve(match[0]);
    if (value !== undefined) push('cve', match.index, match[0], value);
  }
  for (const match of text.matchAll(BASE58)) {
    if (isBitcoinAddress(match[0])) push('bitcoin', match.index, match[0], match[0]);
  }
  for (const match of text.matchAll(BECH32)) {
    if (isBitcoinAddress(match[0])) push('bitcoin', match.index, match[0], match[0].toLowerCase());
  }
  for (const match of text.matchAll(ETHEREUM)) {
    if (!isEthereumAddress(match[0])) continue;
    const value = toChecksumAddress(match[0]);
    if (value !== undefined) push('ethereum', match.index, match[0], value);
  }
}

// ---------------------------------------------------------------- IBAN

/** Country + check digits, then alphanumerics optionally separated by single spaces (groups of 4). */
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){8,30}/g;

function scanIbans(text: string, push: Push): void {
  const regex = new RegExp(IBAN_CANDIDATE.source, 'g');
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const start = match.index;
    const raw = cutIban(text, start, match[0]);
    const value = raw === undefined ? undefined : normalizeIban(raw);
    if (raw === undefined || value === undefined) {
      // The greedy candidate may have swallowed the start of a following IBAN: retry just after.
      regex.lastIndex = start + 1;
      continue;
    }
    push('iban', start, raw, value);
    regex.lastIndex = start + raw.length;
  }
}

/** The registry length says where the IBAN ends, so a following word or IBAN is not glued on. */
function cutIban(text: string, start: number, candidate: string): string | undefined {
  const length = IBAN_LENGTHS[candidate.slice(0, 2)];
  if (length === undefined) return undefined;
  let seen = 0;
  let end = 0;
  while (end < candidate.length && seen < length) {
    if (candidate[end] !== ' ') seen++;
    end++;
  }
  if (seen !== length || /[A-Za-z0-9]/.test(text.charAt(start + end))) return undefined;
  return candidate.slice(0, end);
}

// ---------------------------------------------------------------- overlaps

/**
 * Longest valid candidate wins (a URL over its host, an e-mail over its domain, a CIDR over its
 * address, an Ethereum address over its hex body); ties go by PRIORITY. Candidates are grouped
 * into clusters of transitively overlapping spans first, so the greedy pass stays local.
 */
function resolveOverlaps(candidates: IndicatorMatch[]): IndicatorMatch[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: IndicatorMatch[] = [];
  let cluster: IndicatorMatch[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) out.push(...cluster);
    else if (cluster.length > 1) out.push(...pickLongest(cluster));
    cluster = [];
  };
  for (const candidate of candidates) {
    if (candidate.start >= clusterEnd) flush();
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.end);
  }
  flush();
  return out.sort((a, b) => a.start - b.start);
}

function pickLongest(cluster: readonly IndicatorMatch[]): IndicatorMatch[] {
  const ordered = [...cluster].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) ||
      a.start - b.start,
  );
  const kept: IndicatorMatch[] = [];
  for (const candidate of ordered) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) {
      kept.push(candidate);
    }
  }
  return kept;
}
