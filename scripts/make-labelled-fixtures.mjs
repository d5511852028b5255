// Computes the checksummed values used in the labelled extraction fixtures
// (tests/fixtures/extraction/labelled/): Bitcoin (Base58Check, bech32, bech32m) and Ethereum
// (EIP-55) addresses, IBANs (ISO 7064 mod 97-10), file hashes, and the decoys derived from them
// (one character or the check digits changed, so the checksum fails).
//
// The generators are in scripts/fixture-values.mjs. Every value is derived from a fixed label, so
// a run always prints the same values: the fixture texts quote them, and
// tests/unit/core/labelledFixtures.test.ts re-checks each one against the core validators.
// Nothing here is a real wallet or account.
//
//   node scripts/make-labelled-fixtures.mjs          # all values as JSON
//   node scripts/make-labelled-fixtures.mjs iban     # only keys containing "iban"
import {
  addBitcoinAddresses,
  addEthereumAddresses,
  addHashes,
  addIbans,
  bbanOfShape,
  deterministicBytes,
  valueCollector,
} from './fixture-values.mjs';

const bytesFor = deterministicBytes('labelled');

/** BBAN shape per country (see bbanOfShape), from the registry patterns. */
const BBAN_SHAPES = {
  GB: 'aaaannnnnnnnnnnnnn',
  DE: 'nnnnnnnnnnnnnnnnnn',
  NL: 'aaaannnnnnnnnn',
  FR: 'nnnnnnnnnncccccccccccnn',
  CH: 'nnnnncccccccccccc',
  LT: 'nnnnnnnnnnnnnnnn',
  LV: 'aaaaccccccccccccc',
  MT: 'aaaannnnncccccccccccccccccc',
  CY: 'nnnnnnnncccccccccccccccc',
  AE: 'nnnnnnnnnnnnnnnnnnn',
  EE: 'nnnnnnnnnnnnnnnn',
};

const bban = (country, label) =>
  bbanOfShape(BBAN_SHAPES[country], bytesFor(`iban:${label}`, BBAN_SHAPES[country].length));

// ---------------------------------------------------------------- the values

const { add, print } = valueCollector();

addBitcoinAddresses(add, bytesFor, {
  'btc-p2pkh': { count: 8, decoyAt: -3 },
  'btc-p2sh': { count: 4, decoyAt: 10 },
  'btc-bech32': { count: 6, decoyAt: -2 },
  'btc-taproot': { count: 3, decoyAt: 20 },
});
addEthereumAddresses(add, bytesFor, 8, 'first');
const IBAN_COUNTRIES = [
  'GB',
  'GB',
  'GB',
  'DE',
  'DE',
  'NL',
  'NL',
  'FR',
  'CH',
  'LT',
  'LV',
  'MT',
  'CY',
  'AE',
  'EE',
];
addIbans(add, IBAN_COUNTRIES, bban);
// The decoys are hex runs of lengths no hash has (31, 48, 63): they must not be proposed.
addHashes(add, 'fixture', { md5: 16, sha1: 16, sha256: 24 }, { count: 4, lengths: [31, 48, 63] });

print();
