// Computes the checksummed values used in the held-out extraction fixtures
// (tests/fixtures/extraction/heldout/): Bitcoin (Base58Check, bech32, bech32m) and Ethereum
// (EIP-55) addresses, IBANs (ISO 7064 mod 97-10), file hashes, and the decoys derived from them.
//
// Same method as scripts/make-labelled-fixtures.mjs, but seeded differently ("heldout"), so no
// value repeats one the suggester's developers saw while tuning. Deterministic: the fixture texts
// quote these values, and tests/unit/core/labelledFixtures.test.ts re-checks each one against the
// core validators. Nothing here is a real wallet or account.
//
//   node scripts/make-heldout-fixtures.mjs          # all values as JSON
//   node scripts/make-heldout-fixtures.mjs iban     # only keys containing "iban"
import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';

const sha256 = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());
const digestHex = (algorithm, text) => createHash(algorithm).update(text).digest('hex');

/** `length` deterministic bytes for a label (SHA-256 chained as needed). */
function bytesFor(label, length) {
  const out = new Uint8Array(length);
  let block = sha256(Buffer.from(`casefile-heldout-fixture:${label}`));
  for (let i = 0; i < length; i += 1) {
    if (i > 0 && i % 32 === 0) block = sha256(block);
    out[i] = block[i % 32];
  }
  return out;
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

function segwitAddress(version, program) {
  const data = [version, ...convertBits(program, 8, 5)];
  const constant = version === 0 ? 1 : 0x2bc830a3;
  const mod = polymod([...hrpExpand('bc'), ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return 'bc1' + [...data, ...checksum].map((d) => BECH32_CHARSET[d]).join('');
}

// ---------------------------------------------------------------- EIP-55

function eip55(bytes) {
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
 * BBAN shape per country: a = letter, n = digit, anything else literal (registry patterns, with
 * the fixed parts real accounts have: Turkey's reserved 0, Brazil's account type and holder).
 */
const BBAN_SHAPES = {
  GB: 'aaaannnnnnnnnnnnnn',
  DE: 'nnnnnnnnnnnnnnnnnn',
  NL: 'aaaannnnnnnnnn',
  LT: 'nnnnnnnnnnnnnnnn',
  TR: 'nnnnn0nnnnnnnnnnnnnnnn',
  BR: 'nnnnnnnnnnnnnnnnnnnnnnnC1',
};

function bban(country, label) {
  const shape = BBAN_SHAPES[country];
  const bytes = bytesFor(`iban:${label}`, shape.length);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...shape]
    .map((kind, i) => {
      if (kind === 'a') return letters[bytes[i] % 26];
      if (kind === 'n') return String(bytes[i] % 10);
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

/** Flips the case of the last letter of an EIP-55 address: still mixed case, checksum wrong. */
function flipLastLetter(address) {
  const i = [...address].findLastIndex((c, index) => index > 1 && /[a-fA-F]/.test(c));
  const c = address[i];
  const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return address.slice(0, i) + flipped + address.slice(i + 1);
}

// ---------------------------------------------------------------- the values

const values = {};
const add = (key, value) => (values[key] = value);

for (let i = 1; i <= 4; i += 1) {
  const p2pkh = base58Check(0x00, bytesFor(`btc-p2pkh-${i}`, 20));
  add(`btc-p2pkh-${i}`, p2pkh);
  add(`decoy-btc-p2pkh-${i}`, mutate(p2pkh, BASE58, 12));
}
for (let i = 1; i <= 3; i += 1) {
  const p2sh = base58Check(0x05, bytesFor(`btc-p2sh-${i}`, 20));
  add(`btc-p2sh-${i}`, p2sh);
  add(`decoy-btc-p2sh-${i}`, mutate(p2sh, BASE58, -1));
}
for (let i = 1; i <= 4; i += 1) {
  const v0 = segwitAddress(0, bytesFor(`btc-bech32-${i}`, 20));
  add(`btc-bech32-${i}`, v0);
  add(`decoy-btc-bech32-${i}`, mutate(v0, BECH32_CHARSET, 15));
}
for (let i = 1; i <= 2; i += 1) {
  const v1 = segwitAddress(1, bytesFor(`btc-taproot-${i}`, 32));
  add(`btc-taproot-${i}`, v1);
  add(`decoy-btc-taproot-${i}`, mutate(v1, BECH32_CHARSET, -4));
}
for (let i = 1; i <= 6; i += 1) {
  const address = eip55(bytesFor(`eth-${i}`, 20));
  add(`eth-${i}`, address);
  add(`decoy-eth-${i}`, flipLastLetter(address));
}
// All lower case: EIP-55 leaves such addresses unchecked, so they are valid as written.
add('eth-lower-1', eip55(bytesFor('eth-lower-1', 20)).toLowerCase());

const IBAN_COUNTRIES = ['GB', 'GB', 'DE', 'DE', 'NL', 'LT', 'LT', 'TR', 'TR', 'BR', 'BR'];
IBAN_COUNTRIES.forEach((country, n) => {
  const label = `${country}-${n + 1}`;
  const value = iban(country, bban(country, label));
  add(`iban-${label}`, value);
  add(`iban-${label}-printed`, printed(value));
  add(`decoy-iban-${label}`, ibanDecoy(value));
  add(`decoy-iban-${label}-printed`, printed(ibanDecoy(value)));
});
for (let i = 1; i <= 8; i += 1) add(`md5-${i}`, digestHex('md5', `heldout sample ${i}`));
for (let i = 1; i <= 8; i += 1) add(`sha1-${i}`, digestHex('sha1', `heldout sample ${i}`));
for (let i = 1; i <= 12; i += 1) add(`sha256-${i}`, digestHex('sha256', `heldout sample ${i}`));
// Hex runs of lengths no hash has (33, 39, 62): must not be proposed as hashes.
for (let i = 1; i <= 3; i += 1) {
  const hex = digestHex('sha512', `heldout decoy ${i}`);
  add(`decoy-hex33-${i}`, hex.slice(0, 33));
  add(`decoy-hex39-${i}`, hex.slice(0, 39));
  add(`decoy-hex62-${i}`, hex.slice(0, 62));
}

const filter = process.argv[2];
const shown = Object.fromEntries(
  Object.entries(values).filter(([key]) => !filter || key.includes(filter)),
);
console.log(JSON.stringify(shown, null, 2));
