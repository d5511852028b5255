import { describe, expect, it } from 'vitest';
import {
  createCandidateExtractor,
  extractCandidates,
  mergeCandidates,
  type EntityId,
  type EntityType,
  type KnownEntity,
  type SuggestionCandidate,
} from '../../../src/core';

function entity(id: string, type: EntityType, ...names: string[]): KnownEntity {
  return { id: id as EntityId, type, names };
}

/** [as written, origin, type, value, detail, entityId] in text order; offsets checked on the way. */
function rows(text: string, candidates: readonly SuggestionCandidate[]) {
  expectWellFormed(text, candidates);
  return candidates.map((c) => [
    text.slice(c.start, c.end),
    c.origin,
    c.type,
    c.value,
    c.detail ?? '',
    c.entityId === undefined ? '' : String(c.entityId),
  ]);
}

function expectWellFormed(text: string, candidates: readonly SuggestionCandidate[]): void {
  let lastEnd = 0;
  for (const c of candidates) {
    expect(c.start).toBeGreaterThanOrEqual(lastEnd); // in text order, never overlapping
    expect(c.end).toBeGreaterThan(c.start);
    expect(c.end).toBeLessThanOrEqual(text.length);
    lastEnd = c.end;
  }
}

const REPORT =
  'On 4 February 2016 hackers sent $81 million from Bangladesh Bank via ' +
  'hxxps://swift-update[.]com/pay?id=7 and 198.51.100[.]23, contact billing[@]examp1e(dot)com ' +
  'or +44 20 7946 0958. Hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ' +
  'and CVE-2023-4966. Ransom to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa and ' +
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed; mule account GB82 WEST 1234 5698 7654 32.';

describe('extractCandidates', () => {
  it('proposes indicators, phones, money, dates and known entities in text order', () => {
    const bank = entity('bb', 'Organization', 'Bangladesh Bank');
    expect(rows(REPORT, extractCandidates(REPORT, [bank]))).toEqual([
      ['4 February 2016', 'indicator', 'Date', '2016-02-04', 'date', ''],
      ['$81 million', 'indicator', 'Money', 'USD 81,000,000', 'USD', ''],
      ['Bangladesh Bank', 'known', 'Organization', 'Bangladesh Bank', '', 'bb'],
      [
        'hxxps://swift-update[.]com/pay?id=7',
        'indicator',
        'URL',
        'https://swift-update.com/pay?id=7',
        'url, defanged',
        '',
      ],
      ['198.51.100[.]23', 'indicator', 'IPAddress', '198.51.100.23', 'ipv4, defanged', ''],
      [
        'billing[@]examp1e(dot)com',
        'indicator',
        'Email',
        'billing@examp1e.com',
        'email, defanged',
        '',
      ],
      ['+44 20 7946 0958', 'indicator', 'Phone', '+442079460958', 'phone, GB', ''],
      [
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'indicator',
        'Hash',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'sha256',
        '',
      ],
      ['CVE-2023-4966', 'indicator', 'Vulnerability', 'CVE-2023-4966', 'cve', ''],
      [
        '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
        'indicator',
        'CryptoWallet',
        '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
        'bitcoin',
        '',
      ],
      [
        '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
        'indicator',
        'CryptoWallet',
        '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
        'ethereum',
        '',
      ],
      [
        'GB82 WEST 1234 5698 7654 32',
        'indicator',
        'BankAccount',
        'GB82WEST12345698765432',
        'iban',
        '',
      ],
    ]);
  });

  it('keeps defanged forms as written in the offsets and refangs the value', () => {
    const text = 'Beacon to evil[.]example(dot)com from hxxp://10.0.0[.]1:8080/x today.';
    const candidates = extractCandidates(text, []);
    expect(rows(text, candidates)).toEqual([
      ['evil[.]example(dot)com', 'indicator', 'Domain', 'evil.example.com', 'domain, defanged', ''],
      [
        'hxxp://10.0.0[.]1:8080/x',
        'indicator',
        'URL',
        'http://10.0.0.1:8080/x',
        'url, defanged',
        '',
      ],
    ]);
  });

  it('does not propose look-alike wallets and IBANs that fail their checksums, in any form', () => {
    const text =
      'Pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb or bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5 or ' +
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD into GB82 WEST 1234 5698 7654 33 or ' +
      'DE89 3704 0044 0532 0130 01.';
    expect(extractCandidates(text, [])).toEqual([]);
  });

  it('proposes a known entity instead of a fresh indicator at the same place', () => {
    const domain = entity('d', 'Domain', 'evil.com');
    const text = 'Traffic to evil.com and to evil[.]com.';
    expect(rows(text, extractCandidates(text, [domain]))).toEqual([
      ['evil.com', 'known', 'Domain', 'evil.com', 'domain', 'd'],
      ['evil[.]com', 'known', 'Domain', 'evil.com', 'domain, defanged', 'd'],
    ]);
  });

  it('recognises a known entity written in another form of the same value', () => {
    const phone = entity('p', 'Phone', '+44 20 7946 0958');
    const money = entity('m', 'Money', '$81 million');
    const date = entity('t', 'Date', '4 February 2016');
    const text = 'Call 020 7946 0958 about the USD 81,000,000 sent on 2016-02-04.';
    expect(rows(text, extractCandidates(text, [phone, money, date]))).toEqual([
      ['020 7946 0958', 'known', 'Phone', '+44 20 7946 0958', 'phone, GB', 'p'],
      ['USD 81,000,000', 'known', 'Money', '$81 million', 'USD', 'm'],
      ['2016-02-04', 'known', 'Date', '4 February 2016', 'date', 't'],
    ]);
  });

  it('names the entity (not the alias) and says which alias matched', () => {
    const kim = entity('k', 'Person', 'Kim Jong Un', 'Marshal Kim');
    const text = 'Marshal Kim and Kim Jong-un, or KIM JONG UN.';
    expect(rows(text, extractCandidates(text, [kim]))).toEqual([
      ['Marshal Kim', 'known', 'Person', 'Kim Jong Un', 'alias "Marshal Kim"', 'k'],
      ['Kim Jong-un', 'known', 'Person', 'Kim Jong Un', '', 'k'],
      ['KIM JONG UN', 'known', 'Person', 'Kim Jong Un', '', 'k'],
    ]);
  });

  it('lets indicators win over dates, money and phones that overlap them', () => {
    const text = 'See https://news.example.com/2016-02-04/$81m/+12025550143 now.';
    expect(rows(text, extractCandidates(text, []))).toEqual([
      [
        'https://news.example.com/2016-02-04/$81m/+12025550143',
        'indicator',
        'URL',
        'https://news.example.com/2016-02-04/$81m/+12025550143',
        'url',
        '',
      ],
    ]);
  });

  it('lets the longer span win otherwise', () => {
    const known = [
      entity('bank', 'Organization', 'Bank'),
      entity('bofa', 'Organization', 'Bank of America'),
      entity('march', 'Person', 'Ada March'),
    ];
    const text = 'Bank of America paid Ada March 5 times.';
    expect(rows(text, extractCandidates(text, known))).toEqual([
      ['Bank of America', 'known', 'Organization', 'Bank of America', '', 'bofa'],
      ['Ada March', 'known', 'Person', 'Ada March', '', 'march'],
    ]);
  });

  it('reuses one prepared extractor for many texts', () => {
    const extract = createCandidateExtractor([entity('k', 'Person', 'Kim Jong Un')]);
    expect(extract('Kim Jong Un').map((c) => c.entityId)).toEqual(['k']);
    expect(extract('nothing here')).toEqual([]);
    expect(extract('kim jong-un').map((c) => c.entityId)).toEqual(['k']);
  });

  it('finds nothing in an empty text', () => {
    expect(extractCandidates('', [entity('k', 'Person', 'Kim Jong Un')])).toEqual([]);
  });
});

describe('mergeCandidates', () => {
  const name = (start: number, end: number, value: string, type: EntityType = 'Person') =>
    ({ origin: 'name', type, value, start, end }) as const satisfies SuggestionCandidate;

  it('keeps known mentions over names at the same place, and drops names overlapping indicators', () => {
    const text = 'Kim Jong Un emailed bob@evil.com from Pyongyang.';
    const core = extractCandidates(text, [entity('k', 'Person', 'Kim Jong Un')]);
    const names = [
      name(0, 11, 'Kim Jong Un'),
      name(20, 23, 'bob'),
      name(38, 47, 'Pyongyang', 'Location'),
    ];
    expect(rows(text, mergeCandidates(core, names))).toEqual([
      ['Kim Jong Un', 'known', 'Person', 'Kim Jong Un', '', 'k'],
      ['bob@evil.com', 'indicator', 'Email', 'bob@evil.com', 'email', ''],
      ['Pyongyang', 'name', 'Location', 'Pyongyang', '', ''],
    ]);
  });

  it('drops names that overlap any core candidate, and the shorter of two overlapping names', () => {
    const text = 'Sept. 11, 2001 Commission met John Smith Jones.';
    const core = extractCandidates(text, []);
    const merged = mergeCandidates(core, [
      name(0, 25, 'Sept. 11, 2001 Commission', 'Organization'),
      name(30, 40, 'John Smith'),
      name(30, 46, 'John Smith Jones'),
    ]);
    expect(rows(text, merged)).toEqual([
      ['Sept. 11, 2001', 'indicator', 'Date', '2001-09-11', 'date', ''],
      ['John Smith Jones', 'name', 'Person', 'John Smith Jones', '', ''],
    ]);
  });

  it('returns the first list unchanged when there are no names', () => {
    const core = extractCandidates(REPORT, []);
    expect(mergeCandidates(core, [])).toEqual(core);
  });

  it('proposes dates only with their year', () => {
    const text = 'He died on 13 February; the report of 24 February 2017 says so.';
    expect(
      extractCandidates(text, [])
        .filter((c) => c.type === 'Date')
        .map((c) => c.value),
    ).toEqual(['2017-02-24']);
  });
});
