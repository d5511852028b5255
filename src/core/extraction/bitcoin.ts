import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Bitcoin mainnet address checks, implemented from the specs so core stays dependency-light:
 * Base58Check (P2PKH / P2SH), BIP-173 bech32 (witness v0) and BIP-350 bech32m (witness v1+).
 */

export type BitcoinAddressKind = 'p2pkh' | 'p2sh' | 'segwit-v0' | 'segwit-v1+';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_INDEX: ReadonlyMap<string, number> = new Map(
  [...BASE58_ALPHABET].map((char, index) => [char, index]),
);

/** Base58 → bytes (big-endian base conversion); each leading '1' is a leading zero byte. */
export function base58Decode(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (const char of text) {
    const digit = BASE58_INDEX.get(char);
    if (digit === undefined) return undefined;
    let carry = digit;
    // bytes is little-endian here: multiply the whole number by 58 and add the digit.
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] ?? 0) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let leadingZeros = 0;
  while (leadingZeros < text.length && text[leadingZeros] === '1') leadingZeros++;
  const out = new Uint8Array(leadingZeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i] ?? 0;
  return out;
}

/** Base58Check: payload ‖ first 4 bytes of SHA-256(SHA-256(payload)). Returns the payload. */
export function base58CheckDecode(text: string): Uint8Array | undefined {
  const raw = base58Decode(text);
  if (raw === undefined || raw.length < 5) return undefined;
  const payload = raw.subarray(0, raw.length - 4);
  const checksum = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) {
    if (raw[raw.length - 4 + i] !== checksum[i]) return undefined;
  }
  return payload;
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** BIP-173 constant for bech32; BIP-350 constant for bech32m. */
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

/** BIP-173 polymod over 5-bit values. */
export function bech32Polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ value) >>> 0;
    for (let i = 0; i < 5; i++) {
      if ((top >>> i) & 1) chk = (chk ^ (GENERATOR[i] ?? 0)) >>> 0;
    }
  }
  return chk;
}

/** BIP-173 hrp expansion: high bits of each char, a zero, then low bits. */
export function bech32HrpExpand(hrp: string): number[] {
  const high: number[] = [];
  const low: number[] = [];
  for (let i = 0; i < hrp.length; i++) {
    const code = hrp.charCodeAt(i);
    high.push(code >> 5);
    low.push(code & 31);
  }
  return [...high, 0, ...low];
}

interface Bech32Decoded {
  readonly hrp: string;
  /** 5-bit data words without the 6-word checksum. */
  readonly data: readonly number[];
  readonly encoding: 'bech32' | 'bech32m';
}

/** Decodes a bech32/bech32m string (BIP-173 §Bech32, BIP-350): no mixed case, ≤ 90 chars. */
export function bech32Decode(text: string): Bech32Decoded | undefined {
  if (text.length > 90) return undefined;
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 33 || code > 126) return undefined;
  }
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || separator + 7 > lower.length) return undefined;
  const hrp = lower.slice(0, separator);
  const words: number[] = [];
  for (const char of lower.slice(separator + 1)) {
    const word = BECH32_CHARSET.indexOf(char);
    if (word === -1) return undefined;
    words.push(word);
  }
  const check = bech32Polymod([...bech32HrpExpand(hrp), ...words]);
  const encoding =
    check === BECH32_CONST ? 'bech32' : check === BECH32M_CONST ? 'bech32m' : undefined;
  if (encoding === undefined) return undefined;
  return { hrp, data: words.slice(0, -6), encoding };
}

/** Regroups 5-bit words into bytes; leftover padding must be < 5 bits and all zero (BIP-173). */
function fiveToEight(words: readonly number[]): Uint8Array | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const word of words) {
    acc = (acc << 5) | word;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits >= 5 || acc !== 0) return undefined;
  return Uint8Array.from(out);
}

/** Segwit address rules (BIP-173 §Segwit address format, BIP-350 §Addresses for segwit outputs). */
function segwitKind(text: string): BitcoinAddressKind | undefined {
  const decoded = bech32Decode(text);
  if (decoded === undefined || decoded.hrp !== 'bc') return undefined;
  const [version, ...rest] = decoded.data;
  if (version === undefined || version > 16) return undefined;
  const program = fiveToEight(rest);
  if (program === undefined || program.length < 2 || program.length > 40) return undefined;
  if (version === 0) {
    if (decoded.encoding !== 'bech32') return undefined;
    if (program.length !== 20 && program.length !== 32) return undefined;
    return 'segwit-v0';
  }
  return decoded.encoding === 'bech32m' ? 'segwit-v1+' : undefined;
}

/** Which kind of mainnet Bitcoin address `s` is, or undefined when it is not a valid one. */
export function bitcoinAddressKind(s: string): BitcoinAddressKind | undefined {
  if (/^bc1/i.test(s)) return segwitKind(s);
  // P2PKH/P2SH are 25 bytes → 25–35 Base58 chars, starting with 1 or 3 on mainnet.
  if (!/^[13][1-9A-HJ-NP-Za-km-z]{24,34}$/.test(s)) return undefined;
  const payload = base58CheckDecode(s);
  if (payload?.length !== 21) return undefined;
  if (payload[0] === 0x00) return 'p2pkh';
  if (payload[0] === 0x05) return 'p2sh';
  return undefined;
}

export function isBitcoinAddress(s: string): boolean {
  return bitcoinAddressKind(s) !== undefined;
}
