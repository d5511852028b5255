// Generators for the checksummed values quoted in the extraction fixtures: Bitcoin (Base58Check,
// bech32, bech32m) and Ethereum (EIP-55) addresses, IBANs (ISO 7064 mod 97-10), file hashes, and
// decoys derived from them (one character or the check digits changed, so the checksum fails).
// Shared by scripts/make-labelled-fixtures.mjs and scripts/make-heldout-fixtures.mjs, which differ
// only in their seed and in how many values of each kind they make, with which decoys. Importing
// this module prints nothing.
import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';

const sha256 = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());

const digestHex = (algorithm, text) => createHash(algorithm).update(text).digest('hex');

/**
 * A function giving `length` deterministic bytes for a label (SHA-256 chained as needed). The
 * seed keeps the sets apart: the same label gives other bytes under another seed.
 */
export function deterministicBytes(seed) {
  return (label, length) => {
    const out = new Uint8Array(length);
    let block = sha256(Buffer.from(`casefile-${seed}-fixture:${label}`));
    for (let i = 0; i < length; i += 1) {
      if (i > 0 && i % 32 === 0) block = sha256(block);
      out[i] = block[i % 32];
    }
    return out;
  };
}

/** Collects values by key, and prints them as JSON (only keys containing argv[2], when given). */
export function valueCollector() {
  const values = {};
  return {
    add: (key, value) => (values[key] = value),
    print: () => {
      const filter = process.argv[2];
      const shown = Object.fromEntries(
        Object.entries(values).filter(([key]) => !filter || key.includes(filter)),
      );
      console.log(JSON.stringify(shown, null, 2));
    },
  };
}

// ---------------------------------------------------------------- Base58Check

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Encode(bytes) {
  let n = 0n;
  for (const byte of bytes) n = n * 256n + BigInt(byte);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = '1' + out;
  }
  return out;
}

function base58Check(version, payload) {
  const body = new Uint8Array([version, ...payload]);
  const check = sha256(sha256(body)).slice(0, 4);
  return base58Encode(new Uint8Array([...body, ...check]));
}

// ---------------------------------------------------------------- bech32 / bech32m (BIP-173/350)

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values) {
  const generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i += 1) if ((top >>> i) & 1) chk ^= generator[i];
  }
  return chk >>> 0;
}

const hrpExpand = (hrp) => [
  ...[...hrp].map((c) => c.charCodeAt(0) >> 5),
  0,
  ...[...hrp].map((c) => c.charCodeAt(0) & 31),
];

function convertBits(bytes, from, to) {
  let acc = 0;
  let bits = 0;
  const out = [];
  for (const value of bytes) {
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & ((1 << to) - 1));
    }
  }
  if (bits > 0) out.push((acc << (to - bits)) & ((1 << to) - 1));
  return out;
}

/** A mainnet SegWit address: bech32 for version 0, bech32m (taproot) for version 1. */
function segwitAddress(version, program) {
  const data = [version, ...convertBits(program, 8, 5)];
  const constant = version === 0 ? BECH32_CONST : BECH32M_CONST;
  const mod = polymod([...hrpExpand('bc'), ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return 'bc1' + [...data, ...checksum].map((d) => BECH32_CHARSET[d]).join('');
}

// ---------------------------------------------------------------- EIP-55

export function eip55(bytes) {
  const lower = Buffer.from(bytes).toString('hex');
  const hash = keccak_256(Buffer.from(lower, 'ascii'));
  let out = '0x';
  for (let i = 0; i < lower.length; i += 1) {
    const nibble = i % 2 === 0 ? hash[i >> 1] >> 4 : hash[i >> 1] & 0x0f;
    out += nibble >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return out;
}

// ---------------------------------------------------------------- IBAN

function mod97(text) {
  let remainder = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}

function iban(country, bban) {
  const check = 98 - mod97(`${bban}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

/**
 * A BBAN of the given shape, one byte per character: a = letter, n = digit, c = letter or digit,
 * anything else literal (the fixed parts some countries have).
 */
export function bbanOfShape(shape, bytes) {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...shape]
    .map((kind, i) => {
      const b = bytes[i];
      if (kind === 'a') return letters[b % 26];
      if (kind === 'n') return String(b % 10);
      if (kind === 'c') return b % 2 === 0 ? letters[b % 26] : String(b % 10);
      return kind;
    })
    .join('');
}

/** The IBAN with the same BBAN but check digits off by one (so mod 97 ≠ 1). */
function ibanDecoy(value) {
  const check = Number(value.slice(2, 4));
  const wrong = check === 98 ? 97 : check + 1;
  return `${value.slice(0, 2)}${String(wrong).padStart(2, '0')}${value.slice(4)}`;
}

/** Groups of four, as IBANs are printed. */
const printed = (value) => value.replace(/(.{4})(?=.)/g, '$1 ');

// ---------------------------------------------------------------- decoys

/** Changes one character to the next one of the same alphabet. */
function mutate(value, alphabet, position) {
  const i = position < 0 ? value.length + position : position;
  const next = alphabet[(alphabet.indexOf(value[i]) + 1) % alphabet.length];
  return value.slice(0, i) + next + value.slice(i + 1);
}

const isHexLetterAfterPrefix = (c, index) => index > 1 && /[a-fA-F]/.test(c);

/** Flips the case of the letter at `i`: an EIP-55 address stays mixed case, its checksum fails. */
function flipCaseAt(address, i) {
  const c = address[i];
  const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return address.slice(0, i) + flipped + address.slice(i + 1);
}

/** Flips the case of the first letter of an EIP-55 address. */
const flipFirstLetter = (address) =>
  flipCaseAt(address, [...address].findIndex(isHexLetterAfterPrefix));

/** Flips the case of the last letter of an EIP-55 address. */
const flipLastLetter = (address) =>
  flipCaseAt(address, [...address].findLastIndex(isHexLetterAfterPrefix));

// ---------------------------------------------------------------- sets of values

const BITCOIN_KINDS = {
  'btc-p2pkh': { make: (bytes) => base58Check(0x00, bytes(20)), alphabet: BASE58 },
  'btc-p2sh': { make: (bytes) => base58Check(0x05, bytes(20)), alphabet: BASE58 },
  'btc-bech32': { make: (bytes) => segwitAddress(0, bytes(20)), alphabet: BECH32_CHARSET },
  'btc-taproot': { make: (bytes) => segwitAddress(1, bytes(32)), alphabet: BECH32_CHARSET },
};

/**
 * Bitcoin addresses `<kind>-1`…`<kind>-<count>` per kind of the plan (in its order), each with a
 * decoy `decoy-<kind>-<i>`: the character at `decoyAt` (negative: from the end) changed.
 */
export function addBitcoinAddresses(add, bytesFor, plan) {
  for (const [kind, { count, decoyAt }] of Object.entries(plan)) {
    const { make, alphabet } = BITCOIN_KINDS[kind];
    for (let i = 1; i <= count; i += 1) {
      const address = make((length) => bytesFor(`${kind}-${i}`, length));
      add(`${kind}-${i}`, address);
      add(`decoy-${kind}-${i}`, mutate(address, alphabet, decoyAt));
    }
  }
}

/**
 * EIP-55 addresses `eth-1`…`eth-<count>`, each with a decoy `decoy-eth-<i>` whose first (or last)
 * letter has its case flipped.
 */
export function addEthereumAddresses(add, bytesFor, count, flip) {
  const decoy = flip === 'first' ? flipFirstLetter : flipLastLetter;
  for (let i = 1; i <= count; i += 1) {
    const address = eip55(bytesFor(`eth-${i}`, 20));
    add(`eth-${i}`, address);
    add(`decoy-eth-${i}`, decoy(address));
  }
}

/** One IBAN per entry of `countries` (labelled `<country>-<n>`), printed, and their decoys. */
export function addIbans(add, countries, bbanFor) {
  countries.forEach((country, n) => {
    const label = `${country}-${n + 1}`;
    const value = iban(country, bbanFor(country, label));
    add(`iban-${label}`, value);
    add(`iban-${label}-printed`, printed(value));
    add(`decoy-iban-${label}`, ibanDecoy(value));
    add(`decoy-iban-${label}-printed`, printed(ibanDecoy(value)));
  });
}

/**
 * MD5, SHA-1 and SHA-256 digests of `<seed> sample <i>`, then `decoys.count` sets of hex runs cut
 * from SHA-512 digests of `<seed> decoy <i>` at `decoys.lengths`, lengths no hash has.
 */
export function addHashes(add, seed, counts, decoys) {
  for (const algorithm of ['md5', 'sha1', 'sha256']) {
    for (let i = 1; i <= counts[algorithm]; i += 1) {
      add(`${algorithm}-${i}`, digestHex(algorithm, `${seed} sample ${i}`));
    }
  }
  for (let i = 1; i <= decoys.count; i += 1) {
    const hex = digestHex('sha512', `${seed} decoy ${i}`);
    for (const length of decoys.lengths) add(`decoy-hex${length}-${i}`, hex.slice(0, length));
  }
}
