// Computes the checksummed values used in the held-out extraction fixtures
// (tests/fixtures/extraction/heldout/): Bitcoin (Base58Check, bech32, bech32m) and Ethereum
// (EIP-55) addresses, IBANs (ISO 7064 mod 97-10), file hashes, and the decoys derived from them.
//
// Same generators (scripts/fixture-values.mjs) as scripts/make-labelled-fixtures.mjs, but seeded differently ("heldout"), so no
// value repeats one the suggester's developers saw while tuning. Deterministic: the fixture texts
// quote these values, and tests/unit/core/labelledFixtures.test.ts re-checks each one against the
// core validators. Nothing here is a real wallet or account.
//
//   node scripts/make-heldout-fixtures.mjs          # all values as JSON
//   node scripts/make-heldout-fixtures.mjs iban     # only keys containing "iban"
import {
  addBitcoinAddresses,
  addEthereumAddresses,
  addHashes,
  addIbans,
  bbanOfShape,
  deterministicBytes,
  eip55,
  valueCollector,
} from './fixture-values.mjs';

const bytesFor = deterministicBytes('heldout');

/**
 * BBAN shape per country (see bbanOfShape), from the registry patterns with the fixed parts real
 * accounts have: Turkey's reserved 0, Brazil's account type and holder.
 */
const BBAN_SHAPES = {
  GB: 'aaaannnnnnnnnnnnnn',
  DE: 'nnnnnnnnnnnnnnnnnn',
  NL: 'aaaannnnnnnnnn',
  LT: 'nnnnnnnnnnnnnnnn',
  TR: 'nnnnn0nnnnnnnnnnnnnnnn',
  BR: 'nnnnnnnnnnnnnnnnnnnnnnnC1',
};

const bban = (country, label) =>
  bbanOfShape(BBAN_SHAPES[country], bytesFor(`iban:${label}`, BBAN_SHAPES[country].length));

// ---------------------------------------------------------------- the values

const { add, print } = valueCollector();

addBitcoinAddresses(add, bytesFor, {
  'btc-p2pkh': { count: 4, decoyAt: 12 },
  'btc-p2sh': { count: 3, decoyAt: -1 },
  'btc-bech32': { count: 4, decoyAt: 15 },
  'btc-taproot': { count: 2, decoyAt: -4 },
});
addEthereumAddresses(add, bytesFor, 6, 'last');
// All lower case: EIP-55 leaves such addresses unchecked, so they are valid as written.
add('eth-lower-1', eip55(bytesFor('eth-lower-1', 20)).toLowerCase());
addIbans(add, ['GB', 'GB', 'DE', 'DE', 'NL', 'LT', 'LT', 'TR', 'TR', 'BR', 'BR'], bban);
// The decoys are hex runs of lengths no hash has (33, 39, 62): they must not be proposed.
addHashes(add, 'heldout', { md5: 8, sha1: 8, sha256: 12 }, { count: 3, lengths: [33, 39, 62] });

print();
