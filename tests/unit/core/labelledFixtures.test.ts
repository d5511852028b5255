import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import {
  hashKind,
  isBitcoinAddress,
  isCidr,
  isEthereumAddress,
  isIban,
  isIPv4,
  isIPv6,
  normalizeCve,
  normalizeDomain,
  normalizeEmail,
  normalizeIban,
  parseUrl,
} from '../../../src/core/extraction/validators';
import { comparableName } from '../../../src/core/model/entity';
import {
  INDICATOR_TYPES,
  LABELLED_DIR,
  NAME_TYPES,
  comparableIndicator,
  loadLabelledSet,
  refangWritten,
  type Genre,
  type LabelType,
  type LabelledDocument,
  type LabelledEntity,
} from '../../fixtures/extraction/labelled/labelledSet.mjs';

// The yardsticks for the extraction quality bench (tests/bench/quality.bench.mjs) must themselves
// be right: these tests check the fixture sets, not the suggester.

const HELDOUT_DIR = fileURLToPath(new URL('../../fixtures/extraction/heldout/', import.meta.url));

interface FixtureSet {
  readonly title: string;
  readonly dir: string;
  readonly documents: readonly LabelledDocument[];
  /** Minimum counts, so that each set can carry its own figures. */
  readonly minimum: {
    readonly documents: number;
    readonly wallets: number;
    readonly ibans: number;
    readonly checksumDecoys: number;
  };
  readonly genres: readonly Genre[];
}

const labelledSet: FixtureSet = {
  title: 'labelled extraction fixtures',
  dir: LABELLED_DIR,
  documents: loadLabelledSet(),
  minimum: { documents: 20, wallets: 15, ibans: 10, checksumDecoys: 6 },
  genres: ['news', 'threat-report', 'email'],
};
const heldoutSet: FixtureSet = {
  title: 'held-out extraction fixtures',
  dir: HELDOUT_DIR,
  documents: loadLabelledSet(HELDOUT_DIR),
  minimum: { documents: 8, wallets: 10, ibans: 8, checksumDecoys: 4 },
  genres: ['news', 'threat-report'],
};
const isIndicator = (type: LabelType) => (INDICATOR_TYPES as readonly string[]).includes(type);
const isName = (type: LabelType) => (NAME_TYPES as readonly string[]).includes(type);

/** Whether a labelled value is a valid indicator of its type, already in canonical form. */
function isCanonicalIndicator(type: LabelType, value: string): boolean {
  switch (type) {
    case 'IPAddress':
      return isIPv4(value) || isIPv6(value) || isCidr(value);
    case 'Domain':
      return normalizeDomain(value) === value;
    case 'URL':
      return parseUrl(value) !== undefined && comparableIndicator('URL', value) === value;
    case 'Email':
      return normalizeEmail(value) === value;
    case 'Hash':
      return hashKind(value) !== undefined && value === value.toLowerCase();
    case 'Vulnerability':
      return normalizeCve(value) === value;
    case 'CryptoWallet':
      return isBitcoinAddress(value) || isEthereumAddress(value);
    case 'BankAccount':
      return normalizeIban(value) === value;
    case 'Phone':
      return parsePhoneNumberFromString(value)?.number === value;
    default:
      return false;
  }
}

/** Whether a decoy's text passes the validator of the type it imitates (it must not). */
function passesValidator(type: LabelType, text: string): boolean {
  switch (type) {
    case 'IPAddress':
      return isIPv4(text) || isIPv6(text) || isCidr(text);
    case 'Domain':
      return normalizeDomain(text) !== undefined;
    case 'URL':
      return parseUrl(text) !== undefined;
    case 'Email':
      return normalizeEmail(text) !== undefined;
    case 'Hash':
      return hashKind(text) !== undefined;
    case 'Vulnerability':
      return normalizeCve(text) !== undefined;
    case 'CryptoWallet':
      return isBitcoinAddress(text) || isEthereumAddress(text);
    case 'BankAccount':
      return isIban(text);
    default:
      return false;
  }
}

/** The written form refanged and normalised the way the label's value is. */
function writtenAsValue(entity: LabelledEntity, written: string): string | undefined {
  if (entity.type === 'Phone') return parsePhoneNumberFromString(written, 'GB')?.number;
  return comparableIndicator(entity.type, refangWritten(written));
}

const formsOf = (entity: LabelledEntity): string[] =>
  isName(entity.type)
    ? [entity.value, ...entity.aliases].map(comparableName)
    : [comparableIndicator(entity.type, entity.value) ?? entity.value];

describe.each([labelledSet, heldoutSet])('$title', ({ dir, documents, minimum, genres }) => {
  it('has enough documents, mostly news-style, each with a label file', () => {
    expect(documents.length).toBeGreaterThanOrEqual(minimum.documents);
    const news = documents.filter((d) => d.genre === 'news').length;
    expect(news / documents.length).toBeGreaterThanOrEqual(0.6);
    for (const genre of genres)
      expect(
        documents.some((d) => d.genre === genre),
        genre,
      ).toBe(true);
    const texts = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(texts.sort()).toEqual(documents.map((d) => `${d.name}.txt`).sort());
  });

  it('labels wallets and IBANs that pass the core validators, and decoys that fail them', () => {
    const wallets = documents.flatMap((d) => d.entities.filter((e) => e.type === 'CryptoWallet'));
    const ibans = documents.flatMap((d) => d.entities.filter((e) => e.type === 'BankAccount'));
    expect(wallets.length).toBeGreaterThanOrEqual(minimum.wallets);
    expect(ibans.length).toBeGreaterThanOrEqual(minimum.ibans);
    for (const wallet of wallets) {
      expect(isBitcoinAddress(wallet.value) || isEthereumAddress(wallet.value), wallet.value).toBe(
        true,
      );
    }
    for (const iban of ibans) expect(isIban(iban.value), iban.value).toBe(true);

    const checksumDecoys = documents.flatMap((d) => d.decoys.filter((x) => x.fails === 'checksum'));
    expect(checksumDecoys.length).toBeGreaterThanOrEqual(minimum.checksumDecoys);
    for (const decoy of checksumDecoys) {
      expect(isBitcoinAddress(decoy.text), decoy.text).toBe(false);
      expect(isEthereumAddress(decoy.text), decoy.text).toBe(false);
      expect(isIban(decoy.text), decoy.text).toBe(false);
    }
  });

  it('covers every indicator kind the issue names, including defanged forms', () => {
    const all = documents.flatMap((d) => d.entities);
    const values = (type: LabelType) => all.filter((e) => e.type === type).map((e) => e.value);
    expect(values('IPAddress').some((v) => isIPv4(v))).toBe(true);
    expect(values('IPAddress').some((v) => isIPv6(v))).toBe(true);
    expect(values('IPAddress').some((v) => isCidr(v))).toBe(true);
    expect(values('Domain').some((v) => /\.(?:co|org|com|net|gov)\.[a-z]{2}$/.test(v))).toBe(true);
    for (const kind of ['md5', 'sha1', 'sha256'] as const) {
      expect(values('Hash').some((v) => hashKind(v) === kind)).toBe(true);
    }
    const wallets = values('CryptoWallet');
    expect(wallets.some((v) => /^[13]/.test(v))).toBe(true);
    expect(wallets.some((v) => v.startsWith('bc1q'))).toBe(true);
    expect(wallets.some((v) => v.startsWith('bc1p'))).toBe(true);
    expect(wallets.some((v) => v.startsWith('0x') && v !== v.toLowerCase())).toBe(true);
    const defanged = all.flatMap((e) => e.written).filter((w) => refangWritten(w) !== w);
    for (const marker of ['hxxp', '[.]', '(dot)', '[@]', '[:]']) {
      expect(
        defanged.some((w) => w.toLowerCase().includes(marker)),
        marker,
      ).toBe(true);
    }
  });

  describe.each(documents.map((d) => [d.name, d] as const))('%s', (_, document) => {
    it('is 250–700 words of text', () => {
      const words = document.text.split(/\s+/).filter((w) => w !== '').length;
      expect(words).toBeGreaterThanOrEqual(250);
      expect(words).toBeLessThanOrEqual(700);
    });

    it('labels names that occur in the text', () => {
      const lower = document.text.toLowerCase();
      for (const entity of document.entities.filter((e) => isName(e.type))) {
        const forms = [entity.value, ...entity.aliases];
        expect(
          forms.some((f) => lower.includes(f.toLowerCase())),
          `${entity.type} ${entity.value}`,
        ).toBe(true);
      }
      for (const entry of document.optional) {
        const forms = [entry.value, ...entry.aliases];
        expect(
          forms.some((f) => lower.includes(f.toLowerCase())),
          entry.value,
        ).toBe(true);
      }
    });

    it('labels canonical indicators found verbatim or defanged in the text', () => {
      for (const entity of document.entities.filter((e) => !isName(e.type))) {
        const label = `${entity.type} ${entity.value}`;
        expect(isCanonicalIndicator(entity.type, entity.value), label).toBe(true);
        expect(entity.aliases, label).toEqual([]);
        const written = entity.written.length > 0 ? entity.written : [entity.value];
        for (const form of written) {
          expect(document.text.includes(form), `${label} written as ${form}`).toBe(true);
          expect(writtenAsValue(entity, form), `${label} written as ${form}`).toBe(
            comparableIndicator(entity.type, entity.value),
          );
        }
      }
    });

    it('gives each entity forms no other entity or optional mention shares', () => {
      const owner = new Map<string, string>();
      for (const entity of document.entities) {
        for (const form of new Set(formsOf(entity))) {
          const key = `${entity.type}\u0000${form}`;
          expect(owner.get(key), `${entity.type} "${form}"`).toBeUndefined();
          owner.set(key, entity.value);
        }
      }
      const goldNames = new Set(
        document.entities.filter((e) => isName(e.type)).flatMap((e) => formsOf(e)),
      );
      for (const entry of document.optional) {
        for (const form of [entry.value, ...entry.aliases].map(comparableName)) {
          expect(goldNames.has(form), `optional "${entry.value}" is also labelled`).toBe(false);
        }
      }
    });

    it('lists decoys that occur in the text, fail their validator unless only context rules them out, and are not labelled', () => {
      // Exact text: an Ethereum decoy differs from a labelled address only in letter case.
      const gold = new Set(
        document.entities
          .filter((e) => isIndicator(e.type))
          .flatMap((e) => [e.value, ...e.written]),
      );
      for (const decoy of document.decoys) {
        expect(document.text.includes(decoy.text), decoy.text).toBe(true);
        if (decoy.fails !== 'context') {
          expect(passesValidator(decoy.type, decoy.text), decoy.text).toBe(false);
        }
        expect(gold.has(decoy.text), decoy.text).toBe(false);
      }
    });
  });
});

describe('held-out extraction fixtures, compared with the labelled set', () => {
  it('share no indicator or decoy with the labelled set', () => {
    const indicatorsOf = (set: FixtureSet) =>
      new Set(
        set.documents.flatMap((d) => [
          ...d.entities
            .filter((e) => !isName(e.type))
            .map((e) => comparableIndicator(e.type, e.value) ?? e.value),
          ...d.decoys.map((x) => x.text),
        ]),
      );
    const seen = indicatorsOf(labelledSet);
    const shared = [...indicatorsOf(heldoutSet)].filter((v) => seen.has(v));
    expect(shared).toEqual([]);
  });

  it('have names of their own: no document reuses a labelled-set person', () => {
    const people = (set: FixtureSet) =>
      set.documents.flatMap((d) =>
        d.entities.filter((e) => e.type === 'Person').map((e) => comparableName(e.value)),
      );
    const seen = new Set(people(labelledSet));
    expect(people(heldoutSet).filter((p) => seen.has(p))).toEqual([]);
  });
});

describe('labelled extraction fixtures', () => {
  describe('loading a malformed label file', () => {
    const valid = {
      document: 'doc.txt',
      genre: 'news',
      entities: [{ type: 'Person', value: 'Kim Jong Nam' }],
    };
    const cases: readonly [string, unknown, string][] = [
      ['invalid JSON', '{ "document": ', 'doc.labels.json: not valid JSON'],
      [
        'a document name that does not match',
        { ...valid, document: 'other.txt' },
        '"document" must be "doc.txt"',
      ],
      ['an unknown genre', { ...valid, genre: 'blog' }, '"genre" must be one of'],
      [
        'an unknown entity type',
        { ...valid, entities: [{ type: 'Planet', value: 'Mars' }] },
        'entities[0].type must be one of',
      ],
      [
        'an empty value',
        { ...valid, entities: [{ type: 'Person', value: ' ' }] },
        'entities[0].value must be a non-empty string',
      ],
      [
        'a decoy without a failure kind',
        { ...valid, decoys: [{ type: 'IPAddress', text: '999.1.1.1', note: 'x' }] },
        'decoys[0].fails must be one of',
      ],
    ];
    it.each(cases)('names the file and the field for %s', (_, content, message) => {
      const dir = mkdtempSync(join(tmpdir(), 'labelled-'));
      try {
        writeFileSync(join(dir, 'doc.txt'), 'Kim Jong Nam');
        writeFileSync(
          join(dir, 'doc.labels.json'),
          typeof content === 'string' ? content : JSON.stringify(content),
        );
        expect(() => loadLabelledSet(dir + '/')).toThrow(message);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
