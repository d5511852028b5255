import { describe, expect, it } from 'vitest';
import {
  createKnownMatcher,
  findKnownMentions,
  matchKey,
  type KnownMention,
} from '../../../src/core/extraction/known';
import {
  comparableName,
  type EntityId,
  type EntityType,
  type KnownEntity,
} from '../../../src/core';

/** Short readable ids: the matcher never looks inside them. */
function entity(id: string, type: EntityType, ...names: string[]): KnownEntity {
  return { id: id as EntityId, type, names };
}

const KIM = entity('kim', 'Person', 'Kim Jong Un', 'Kim Jong-il’s son');
const BB = entity('bb', 'Organization', 'Bangladesh Bank', 'BB');
const BOFA = entity('bofa', 'Organization', 'Bank of America');
const BANK = entity('bank', 'Organization', 'Bank');
const ACME = entity('acme', 'Organization', 'Acme Holdings', 'Acme Inc.');
const STEEL = entity('steel', 'Organization', 'U.S. Steel');
const EVIL = entity('evil', 'Domain', 'evil.com');
const JOSE = entity('jose', 'Person', 'José Müller');

function found(text: string, known: readonly KnownEntity[]): [string, string, string][] {
  const mentions = findKnownMentions(text, known);
  expectOffsets(mentions);
  return mentions.map((m) => [text.slice(m.start, m.end), String(m.entity.id), m.matchedName]);
}

function expectOffsets(mentions: readonly KnownMention[]): void {
  const starts = mentions.map((m) => m.start);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  for (const m of mentions) expect(m.end).toBeGreaterThan(m.start);
}

describe('findKnownMentions', () => {
  it('matches "Kim Jong-un", "KIM JONG UN" and "Kim  Jong\\nUn" to the entity "Kim Jong Un"', () => {
    const text = 'KIM JONG-UN met Kim  Jong\nUn, then Kim Jong–un and Kim Jong_Un left.';
    expect(found(text, [KIM])).toEqual([
      ['KIM JONG-UN', 'kim', 'Kim Jong Un'],
      ['Kim  Jong\nUn', 'kim', 'Kim Jong Un'],
      ['Kim Jong–un', 'kim', 'Kim Jong Un'],
      ['Kim Jong_Un', 'kim', 'Kim Jong Un'],
    ]);
  });

  it('matches only on word boundaries', () => {
    expect(found('Kim Jong Unx, xKim Jong Un, notevil.com, evil.community', [KIM, EVIL])).toEqual(
      [],
    );
    expect(found("Kim Jong Un's visit (evil.com).", [KIM, EVIL])).toEqual([
      ['Kim Jong Un', 'kim', 'Kim Jong Un'],
      ['evil.com', 'evil', 'evil.com'],
    ]);
  });

  it('never matches across a blank line', () => {
    expect(found('Kim Jong\n\nUn and Bangladesh\r\n\r\nBank', [KIM, BB])).toEqual([]);
  });

  it('prefers the longest name at a place', () => {
    expect(found('Bank of America and the Bank.', [BANK, BOFA])).toEqual([
      ['Bank of America', 'bofa', 'Bank of America'],
      ['Bank', 'bank', 'Bank'],
    ]);
  });

  it('reports which alias matched', () => {
    const mentions = findKnownMentions('ACME INC. said', [ACME]);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ matchedName: 'Acme Inc.', alias: true });
    expect('ACME INC. said'.slice(mentions[0]!.start, mentions[0]!.end)).toBe('ACME INC');
  });

  it('reads a dot closing a word as comparableName does', () => {
    expect(found('Shares of U.S. Steel fell.', [STEEL])).toEqual([
      ['U.S. Steel', 'steel', 'U.S. Steel'],
    ]);
  });

  it('normalises Unicode (NFKC, combining accents, ligatures) and maps back to the text as written', () => {
    const text = 'Jose\u0301 MÜLLER, Ｊｏｓé Müller and the ﬁrm Fish Co';
    expect(found(text, [JOSE, entity('fish', 'Organization', 'firm Fish')])).toEqual([
      ['Jose\u0301 MÜLLER', 'jose', 'José Müller'],
      ['Ｊｏｓé Müller', 'jose', 'José Müller'],
      ['ﬁrm Fish', 'fish', 'firm Fish'],
    ]);
  });

  it('matches Greek names in capitals, whose final sigma lower-cases differently', () => {
    const odysseus = entity('o', 'Person', 'Οδυσσευς Παππας');
    expect(found('Ο ΟΔΥΣΣΕΥΣ ΠΑΠΠΑΣ είπε', [odysseus])).toEqual([
      ['ΟΔΥΣΣΕΥΣ ΠΑΠΠΑΣ', 'o', 'Οδυσσευς Παππας'],
    ]);
  });

  it('skips names shorter than three characters unless the entity is an indicator', () => {
    const short = entity('v', 'Vulnerability', 'X1');
    expect(found('BB and X1 and Bangladesh Bank', [BB, short])).toEqual([
      ['X1', 'v', 'X1'],
      ['Bangladesh Bank', 'bb', 'Bangladesh Bank'],
    ]);
  });

  it('gives a shared name to the entity that has it as its name, else to the first', () => {
    const person = entity('p', 'Person', 'Jordan Smith', 'Jordan');
    const place = entity('l', 'Location', 'Jordan');
    const other = entity('o', 'Person', 'Jordan');
    expect(found('in Jordan', [person, place, other])).toEqual([['Jordan', 'l', 'Jordan']]);
  });

  it('finds nothing with no known entities or only empty names', () => {
    expect(found('anything at all', [])).toEqual([]);
    expect(found('anything at all', [entity('e', 'Person', '   ', '')])).toEqual([]);
  });

  it('scales to thousands of names over a long text', () => {
    const known = Array.from({ length: 5_000 }, (_, i) =>
      entity(`n${i}`, 'Person', `Person${i} Surname${i % 97}`, `Alias Number ${i}`),
    );
    const parts: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      parts.push('investigators traced the transfers through correspondent banks;');
      if (i % 10 === 0) {
        const n = (i * 7) % 5_000;
        const name = i % 20 === 0 ? `PERSON${n} surname${n % 97}` : `alias number ${n}`;
        parts.push(name);
        expected.push(`n${n}`);
      }
    }
    const text = parts.join(' ');
    const mentions = createKnownMatcher(known).find(text);
    expect(mentions.map((m) => String(m.entity.id))).toEqual(expected);
  });
});

describe('matchKey', () => {
  it.each([
    'Kim Jong-un',
    'ACME Inc.',
    'U.S. Steel',
    '  a  b ',
    'x_y—z',
    'Ｆｕｌｌ',
    'ﬁsh',
    'Dr. No.',
    'a..',
    'İstanbul',
    'e\u0301',
    'foo.-bar',
    'a. .b',
    'Ms.\u00a0Smith',
    'Kim\u2011Jong',
  ])('equals comparableName for %j (outside Greek final sigma)', (name) => {
    expect(matchKey(name)).toBe(comparableName(name));
  });
});
