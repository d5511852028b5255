import { keccak_256 } from '@noble/hashes/sha3.js';
import { parse as parseHostname } from 'tldts';
import { IBAN_LENGTHS } from './ibanRegistry';

/**
 * Pure predicates and normalisers for the indicator kinds investigators paste: network
 * indicators, hashes, CVEs, crypto-currency addresses and IBANs. Each is strict on purpose: a
 * false positive becomes a bogus entity in a case, which is worse than a miss.
 */

export { bitcoinAddressKind, isBitcoinAddress } from './bitcoin';
export type { BitcoinAddressKind } from './bitcoin';
export { IBAN_LENGTHS } from './ibanRegistry';

// ---------------------------------------------------------------- IP addresses

const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;

/** Dotted-quad IPv4; "0" is the only octet allowed to start with 0 (01 is ambiguous octal). */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((part) => IPV4_OCTET.test(part) && Number(part) <= 255);
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** RFC 4291 §2.2 text forms: 8 hextets, one `::` run, optional trailing dotted IPv4. No zone ids. */
export function isIPv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let text = s;
  // An embedded dotted IPv4 stands for the last two hextets: swap in "0:0" and check the rest.
  const lastColon = text.lastIndexOf(':');
  if (lastColon !== -1 && text.includes('.', lastColon)) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] | undefined => {
    if (half === '') return [];
    const parts = half.split(':');
    return parts.every((part) => HEXTET.test(part)) ? parts : undefined;
  };
  if (halves.length === 1) {
    const all = groups(text);
    return all?.length === 8;
  }
  const head = groups(halves[0] ?? '');
  const tail = groups(halves[1] ?? '');
  if (head === undefined || tail === undefined) return false;
  // "::" stands for at least one zero group.
  return head.length + tail.length < 8;
}

/** `address/prefix`, prefix 0–32 for IPv4 and 0–128 for IPv6, no leading zeros. */
export function isCidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash === -1) return false;
  const address = s.slice(0, slash);
  const prefix = s.slice(slash + 1);
  if (!/^(?:0|[1-9]\d{0,2})$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (isIPv4(address)) return bits <= 32;
  if (isIPv6(address)) return bits <= 128;
  return false;
}

// ---------------------------------------------------------------- domains

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Lower-cased domain when `s` is a syntactically valid LDH host name under a known public suffix
 * with a registrable part (`evil.co.uk`, not `co.uk`), otherwise undefined. The suffix test is
 * what rejects file names such as `report.docx`. Private-section suffixes (github.io…) all sit
 * under ICANN TLDs, so matching against the ICANN list alone keeps `github.io` itself valid.
 * Internationalised names must be given in punycode (`xn--…`); a trailing root dot is rejected.
 */
export function normalizeDomain(s: string): string | undefined {
  if (s.length === 0 || s.length > 253) return undefined;
  const domain = s.toLowerCase();
  const labels = domain.split('.');
  if (labels.length < 2) return undefined;
  if (!labels.every((label) => LDH_LABEL.test(label))) return undefined;
  const tld = labels[labels.length - 1] ?? '';
  if (/^\d+$/.test(tld)) return undefined;
  const parsed = parseHostname(domain, {
    allowPrivateDomains: false,
    extractHostname: false,
    detectIp: false,
  });
  if (parsed.isIcann !== true || parsed.domain === null || parsed.publicSuffix === null) {
    return undefined;
  }
  return domain;
}

export function isDomain(s: string): boolean {
  return normalizeDomain(s) !== undefined;
}

// ---------------------------------------------------------------- URLs

export interface ParsedUrl {
  /** Lower-cased: `http`, `https` or `ftp`. */
  readonly scheme: 'http' | 'https' | 'ftp';
  /** Lower-cased domain, dotted IPv4, or IPv6 without brackets. */
  readonly host: string;
  readonly hostKind: 'domain' | 'ipv4' | 'ipv6';
  readonly port: number | undefined;
  /** Everything from the first `/`, `?` or `#` after the authority, as written ('' if none). */
  readonly rest: string;
}

const URL_SHAPE = /^(https?|ftp):\/\/([^/?#\s]+)((?:[/?#]\S*)?)$/i;
const USERINFO = /^[A-Za-z0-9._~!$&'()*+,;=:%-]*$/;

/**
 * Parses `scheme://[userinfo@]host[:port][/path][?query][#fragment]` for http, https and ftp.
 * Written by hand because core compiles without DOM/Node types (no `URL`). No whitespace or
 * control characters anywhere; the host must be a public domain, IPv4 or bracketed IPv6.
 */
export function parseUrl(s: string): ParsedUrl | undefined {
  if (s.length > 2048 || hasControlChar(s)) return undefined;
  const match = URL_SHAPE.exec(s);
  if (match === null) return undefined;
  const scheme = (match[1] ?? '').toLowerCase() as ParsedUrl['scheme'];
  let authority = match[2] ?? '';
  const rest = match[3] ?? '';
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    if (!USERINFO.test(authority.slice(0, at))) return undefined;
    authority = authority.slice(at + 1);
  }
  let hostText: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return undefined;
    hostText = authority.slice(1, close);
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return undefined;
    portText = after === '' ? undefined : after.slice(1);
    if (!isIPv6(hostText)) return undefined;
  } else {
    const colon = authority.indexOf(':');
    hostText = colon === -1 ? authority : authority.slice(0, colon);
    portText = colon === -1 ? undefined : authority.slice(colon + 1);
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return undefined;
    port = Number(portText);
    if (port < 1 || port > 65535) return undefined;
  }
  if (authority.startsWith('[')) {
    return { scheme, host: hostText.toLowerCase(), hostKind: 'ipv6', port, rest };
  }
  if (isIPv4(hostText)) return { scheme, host: hostText, hostKind: 'ipv4', port, rest };
  const domain = normalizeDomain(hostText);
  if (domain === undefined) return undefined;
  return { scheme, host: domain, hostKind: 'domain', port, rest };
}

function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function isUrl(s: string): boolean {
  return parseUrl(s) !== undefined;
}

// ---------------------------------------------------------------- e-mail

/** RFC 5322 dot-atom: atext runs separated by single dots. Quoted local parts are not accepted. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * `local@domain` with a dot-atom local part of ≤ 64 octets (RFC 5321 §4.5.3.1.1), a public
 * domain (no IP literals) and ≤ 254 characters overall. Returns the address with the domain
 * lower-cased; the local part keeps its case because it may be case-sensitive.
 */
export function normalizeEmail(s: string): string | undefined {
  if (s.length > 254) return undefined;
  const at = s.lastIndexOf('@');
  if (at < 1) return undefined;
  const local = s.slice(0, at);
  if (local.length > 64 || !DOT_ATOM.test(local)) return undefined;
  const domain = normalizeDomain(s.slice(at + 1));
  return domain === undefined ? undefined : `${local}@${domain}`;
}

export function isEmail(s: string): boolean {
  return normalizeEmail(s) !== undefined;
}

// ---------------------------------------------------------------- hashes

export type HashKind = 'md5' | 'sha1' | 'sha256';

const HASH_KIND_BY_LENGTH: ReadonlyMap<number, HashKind> = new Map([
  [32, 'md5'],
  [40, 'sha1'],
  [64, 'sha256'],
]);

/**
 * Hash algorithm implied by the length of a hex string (32/40/64). A length guess cannot tell
 * md5 from e.g. NTLM; it is a hint. Strings of one repeated character (000…0, fff…f) are
 * placeholders, never real digests.
 */
export function hashKind(s: string): HashKind | undefined {
  if (!/^[0-9a-fA-F]+$/.test(s)) return undefined;
  const kind = HASH_KIND_BY_LENGTH.get(s.length);
  if (kind === undefined) return undefined;
  const first = s[0]?.toLowerCase();
  if ([...s.toLowerCase()].every((char) => char === first)) return undefined;
  return kind;
}

// ---------------------------------------------------------------- CVE

/**
 * Upper-cased `CVE-YYYY-NNNN…` when valid. Year 1999–2099; the sequence is exactly 4 digits
 * (leading zeros allowed, e.g. CVE-2014-0160) or 5+ digits without a leading zero (CVE syntax
 * rules since 2014).
 */
export function normalizeCve(s: string): string | undefined {
  const match = /^CVE-(\d{4})-(\d{4,})$/i.exec(s);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const sequence = match[2] ?? '';
  if (year < 1999 || year > 2099) return undefined;
  if (sequence.length > 4 && sequence.startsWith('0')) return undefined;
  return s.toUpperCase();
}

export function isCve(s: string): boolean {
  return normalizeCve(s) !== undefined;
}

// ---------------------------------------------------------------- Ethereum

/** ASCII-only string → bytes (no TextEncoder in core's ES2023 lib). */
function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0x7f;
  return out;
}

/** EIP-55: a letter is upper-case iff the matching nibble of keccak256(lower-hex ASCII) is ≥ 8. */
export function toChecksumAddress(address: string): string | undefined {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return undefined;
  const lower = address.slice(2).toLowerCase();
  const hash = keccak_256(asciiBytes(lower));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const char = lower[i] ?? '';
    const byte = hash[i >> 1] ?? 0;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    out += nibble >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

/**
 * `0x` + 40 hex digits. All-lower and all-upper hex carry no checksum and are accepted; mixed
 * case is an EIP-55 checksum and must match exactly (it catches typos).
 */
export function isEthereumAddress(s: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(s)) return false;
  const hex = s.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  return toChecksumAddress(s) === s;
}

// ---------------------------------------------------------------- IBAN

/**
 * Electronic-format IBAN (upper-case, no spaces) when `s` is valid: a registry country, the
 * registry length for it, check digits 02–98, an alphanumeric BBAN and ISO 7064 mod 97-10
 * remainder 1. Spaces between groups are accepted on input.
 */
export function normalizeIban(s: string): string | undefined {
  const iban = s.replace(/ /g, '').toUpperCase();
  const match = /^([A-Z]{2})(\d{2})[A-Z0-9]+$/.exec(iban);
  if (match === null) return undefined;
  const expected = IBAN_LENGTHS[match[1] ?? ''];
  if (expected === undefined || iban.length !== expected) return undefined;
  const check = Number(match[2]);
  if (check < 2 || check > 98) return undefined;
  return ibanMod97(iban) === 1 ? iban : undefined;
}

export function isIban(s: string): boolean {
  return normalizeIban(s) !== undefined;
}

/** Rearranged (first four chars moved to the end), letters as 10–35, reduced mod 97 digit by digit. */
function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}
