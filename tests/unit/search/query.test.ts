import { describe, expect, it } from 'vitest';
import {
  MAX_GROUP_DEPTH,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  describeSearchQuery,
  fuzzyBudget,
  parseSearchQuery,
  type SearchNode,
  type SearchQuery,
  type SearchTerm,
} from '../../../src/search/query';

function parse(input: string): SearchQuery {
  const result = parseSearchQuery(input);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.error.message}`);
  return result.value;
}

function failure(input: string): { code: string; message: string } {
  const result = parseSearchQuery(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return result.error;
}

const warningCodes = (input: string): string[] => parse(input).warnings.map((w) => w.code);

/** Builders that read like the tree. */
const word = (text: string, fuzzy = fuzzyBudget(text)): SearchTerm => ({
  kind: 'term',
  text,
  prefix: false,
  fuzzy,
  exact: false,
});
const prefix = (text: string): SearchTerm => ({
  kind: 'term',
  text,
  prefix: true,
  fuzzy: 0,
  exact: false,
});
const exact = (text: string): SearchTerm => ({
  kind: 'term',
  text,
  prefix: false,
  fuzzy: 0,
  exact: true,
});
const phrase = (...tokens: string[]): SearchNode => ({ kind: 'phrase', tokens });
const and = (...children: SearchNode[]): SearchNode => ({ kind: 'and', children });
const or = (...children: SearchNode[]): SearchNode => ({ kind: 'or', children });
const not = (child: SearchNode): SearchNode => ({ kind: 'not', child });

const root = (input: string): SearchNode | undefined => parse(input).root;

describe('parseSearchQuery: terms', () => {
  it('reads one word, folded like the index', () => {
    expect(parse('Kim')).toEqual({
      root: word('kim'),
      filters: { recordKinds: [], entityTypes: [], sources: [], entities: [] },
      warnings: [],
      termCount: 1,
    });
    expect(root('MÜLLER')).toEqual(word('muller', 1));
    expect(root('Ḱim')).toEqual(word('kim', 0));
  });

  it('joins terms with an implicit AND', () => {
    expect(root('kim jong nam')).toEqual(and(word('kim'), word('jong'), word('nam')));
    expect(root('kim AND jong')).toEqual(and(word('kim'), word('jong')));
  });

  it('gives plain words of 4+ letters a typo budget: 1 up to 7 letters, 2 from 8', () => {
    expect(fuzzyBudget('nam')).toBe(0);
    expect(fuzzyBudget('jong')).toBe(1);
    expect(fuzzyBudget('pyongya')).toBe(1);
    expect(fuzzyBudget('pyongyang')).toBe(2);
    expect(fuzzyBudget("o'brien")).toBe(1);
    expect(fuzzyBudget('2016')).toBe(0);
    expect(fuzzyBudget('covid19')).toBe(0);
    expect(root('Kim Jong Nm')).toEqual(and(word('kim', 0), word('jong', 1), word('nm', 0)));
    expect(root('Pyongyang')).toEqual(word('pyongyang', 2));
  });

  it('reads a trailing * as a prefix, without typo tolerance', () => {
    expect(root('kim*')).toEqual(prefix('kim'));
    expect(root('Pyong***')).toEqual(prefix('pyong'));
  });

  it('reads a one-letter prefix as a word, with a warning', () => {
    const query = parse('k*');
    expect(query.root).toEqual(word('k'));
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.shortPrefix']);
  });

  it('reads a quoted phrase exactly, never fuzzy', () => {
    expect(root('"Kim Jong Nam"')).toEqual(phrase('kim', 'jong', 'nam'));
    expect(root('"Pyongyang"')).toEqual(exact('pyongyang'));
    expect(root('"kim jong" nam')).toEqual(and(phrase('kim', 'jong'), word('nam')));
    expect(root('meet"kim jong"')).toEqual(and(word('meet'), phrase('kim', 'jong')));
  });

  it('reads a chunk of several words as a phrase', () => {
    expect(root('Kim-Jong-Un')).toEqual(phrase('kim', 'jong', 'un'));
  });

  it('keeps indicators whole and exact, never fuzzy or prefix', () => {
    const wallet = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
    expect(root(`${wallet} 1.2.3.4`)).toEqual(
      and(
        { kind: 'term', text: wallet, prefix: false, fuzzy: 0, exact: true, indicator: 'bitcoin' },
        { kind: 'term', text: '1.2.3.4', prefix: false, fuzzy: 0, exact: true, indicator: 'ipv4' },
      ),
    );
    expect(root('evil.com*')).toEqual({
      kind: 'term',
      text: 'evil.com',
      prefix: false,
      fuzzy: 0,
      exact: true,
      indicator: 'domain',
    });
  });

  it('reads defanged indicators as their refanged value', () => {
    expect(root('hxxp://evil[.]com/x')).toMatchObject({
      text: 'http://evil.com/x',
      indicator: 'url',
    });
    expect(root('1[.]2[.]3[.]4')).toMatchObject({ text: '1.2.3.4', exact: true });
    expect(root('billing[@]examp1e(dot)com')).toMatchObject({
      text: 'billing@examp1e.com',
      indicator: 'email',
    });
    expect(root('"example [dot] com"')).toMatchObject({ text: 'example.com', indicator: 'domain' });
  });

  it('counts the words searched for', () => {
    expect(parse('"kim jong nam" OR pyongyang -seoul').termCount).toBe(5);
  });
});

describe('parseSearchQuery: boolean operators', () => {
  it('reads OR and | as either', () => {
    expect(root('kim OR chol')).toEqual(or(word('kim'), word('chol')));
    expect(root('kim | chol')).toEqual(or(word('kim'), word('chol')));
    expect(root('kim|chol||nam')).toEqual(or(word('kim'), word('chol'), word('nam')));
    expect(root('kim or chol')).toEqual(and(word('kim'), word('or'), word('chol')));
  });

  it('binds OR tighter than AND (spelling variants of one word)', () => {
    expect(root('kang chol OR cheol')).toEqual(and(word('kang'), or(word('chol'), word('cheol'))));
  });

  it('reads -term and NOT term as without', () => {
    expect(root('kim -nam')).toEqual(and(word('kim'), not(word('nam'))));
    expect(root('kim NOT nam')).toEqual(and(word('kim'), not(word('nam'))));
    expect(root('kim -"jong nam"')).toEqual(and(word('kim'), not(phrase('jong', 'nam'))));
    expect(root('kim NOT(nam OR chol)')).toEqual(
      and(word('kim'), not(or(word('nam'), word('chol')))),
    );
    expect(root('-nam')).toEqual(not(word('nam')));
    expect(root('NOT NOT kim')).toEqual(word('kim'));
    expect(root('kim -- jong')).toEqual(and(word('kim'), word('jong')));
    expect(root('kim --jong')).toEqual(and(word('kim'), word('jong')));
  });

  it('keeps a hyphen inside a word as part of it', () => {
    expect(root('jong-nam')).toEqual(phrase('jong', 'nam'));
  });

  it('groups with parentheses', () => {
    expect(root('(kim OR chol) (nam OR un)')).toEqual(
      and(or(word('kim'), word('chol')), or(word('nam'), word('un'))),
    );
    expect(root('-(kim chol) nam')).toEqual(and(not(and(word('kim'), word('chol'))), word('nam')));
    expect(root('((kim))')).toEqual(word('kim'));
  });

  it('keeps brackets inside a chunk as part of it (defanged indicators)', () => {
    expect(root('(evil(dot)com OR kim)')).toEqual(
      or(
        {
          kind: 'term',
          text: 'evil.com',
          prefix: false,
          fuzzy: 0,
          exact: true,
          indicator: 'domain',
        },
        word('kim'),
      ),
    );
  });
});

describe('parseSearchQuery: filters', () => {
  it('reads type: as record kinds and entity types, any of them', () => {
    const query = parse('kim type:person type:Note,organisation type:IP-address,entities');
    expect(query.root).toEqual(word('kim'));
    expect(query.filters.recordKinds).toEqual(['note', 'entity']);
    expect(query.filters.entityTypes).toEqual(['Person', 'Organization', 'IPAddress']);
    expect(parse('type:sources type:claims type:passage').filters.recordKinds).toEqual([
      'source',
      'claim',
      'passage',
    ]);
    expect(parse('type:people type:hashes type:wallet').filters.entityTypes).toEqual([
      'Person',
      'Hash',
      'CryptoWallet',
    ]);
    expect(parse('type:custom:Vessel type:"custom:Cargo ship"').filters.entityTypes).toEqual([
      'custom:Vessel',
      'custom:Cargo ship',
    ]);
  });

  it('refuses an unknown type, naming it', () => {
    const error = failure('kim type:spaceship');
    expect(error.code).toBe('search.query.badType');
    expect(error.message).toContain('spaceship');
    expect(failure('type:custom:!!').code).toBe('search.query.badType');
  });

  it('reads source: and entity: with quoted or bare values', () => {
    const query = parse('wallet source:"Annual Report 2016" entity:Kim entity:"Jong Nam"');
    expect(query.root).toEqual(word('wallet'));
    expect(query.filters.sources).toEqual([
      { text: 'Annual Report 2016', tokens: ['annual', 'report', '2016'] },
    ]);
    expect(query.filters.entities).toEqual([
      { text: 'Kim', tokens: ['kim'] },
      { text: 'Jong Nam', tokens: ['jong', 'nam'] },
    ]);
  });

  it('reads before: and after: partial dates with the days they cover', () => {
    const query = parse('kim after:2016-02 before:2017');
    expect(query.filters.after).toEqual({
      value: '2016-02',
      first: '2016-02-01',
      last: '2016-02-29',
    });
    expect(query.filters.before).toEqual({
      value: '2017',
      first: '2017-01-01',
      last: '2017-12-31',
    });
    expect(parse('before:2016-03-04').filters.before).toEqual({
      value: '2016-03-04',
      first: '2016-03-04',
      last: '2016-03-04',
    });
  });

  it('refuses an invalid date, naming the value', () => {
    for (const input of [
      'before:2016-13',
      'after:16',
      'after:2015-02-29',
      'before:yesterday',
      'after:2016-1-5',
    ]) {
      const error = failure(`kim ${input}`);
      expect(error.code, input).toBe('search.query.badDate');
      expect(error.message, input).toContain(input.slice(input.indexOf(':') + 1));
    }
  });

  it('uses the most restrictive of repeated dates, and warns about an empty range', () => {
    const query = parse('before:2018 before:2017 after:2010 after:2012');
    expect(query.filters.before?.value).toBe('2017');
    expect(query.filters.after?.value).toBe('2012');
    expect(query.warnings.map((w) => w.code)).toEqual([
      'search.query.repeatedDate',
      'search.query.repeatedDate',
    ]);
    expect(warningCodes('after:2016 before:2017')).toEqual(['search.query.emptyDateRange']);
    expect(warningCodes('after:2016 before:2016')).toEqual(['search.query.emptyDateRange']);
    expect(warningCodes('after:2016 before:2017-01-02')).toEqual([]);
  });

  it('accepts a query of filters only', () => {
    const query = parse('type:note after:2020');
    expect(query.root).toBeUndefined();
    expect(query.filters.recordKinds).toEqual(['note']);
  });

  it('treats an unknown field as plain text', () => {
    expect(parse('foo:bar').root).toEqual(phrase('foo', 'bar'));
    expect(parse('http://evil.com').root).toMatchObject({ indicator: 'url' });
    expect(parse('fe80::1').root).toMatchObject({ indicator: 'ipv6' });
  });

  it('ignores a filter without a value, with a warning', () => {
    const query = parse('kim type:');
    expect(query.root).toEqual(word('kim'));
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.emptyFilter']);
    expect(warningCodes('kim entity:"..."')).toEqual(['search.query.emptyFilter']);
  });

  it('applies filters to the whole query, warning when written inside OR', () => {
    const query = parse('kim OR type:note');
    expect(query.root).toEqual(word('kim'));
    expect(query.filters.recordKinds).toEqual(['note']);
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.filterInOr']);
    expect(parse('(kim type:note)').warnings).toEqual([]);
  });

  it('ignores an excluded filter, with a warning', () => {
    const query = parse('kim -type:note');
    expect(query.root).toEqual(word('kim'));
    expect(query.filters.recordKinds).toEqual([]);
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.negatedFilter']);
    expect(parse('-(type:note nam) kim').root).toEqual(and(not(word('nam')), word('kim')));
  });
});

describe('parseSearchQuery: bad input', () => {
  it('refuses an empty or blank query', () => {
    for (const input of ['', ' ', '\t\n  ']) {
      const error = failure(input);
      expect(error.code).toBe('search.query.empty');
      expect(error.message).toMatch(/type something/i);
    }
  });

  it(`refuses a query over ${MAX_QUERY_LENGTH} characters before reading it`, () => {
    const error = failure('(("'.repeat(3_334).slice(0, 10_000));
    expect(error.code).toBe('search.query.tooLong');
    expect(error.message).toContain('10,000');
    expect(failure(' '.repeat(10_000)).code).toBe('search.query.tooLong');
    expect(parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
  });

  it(`refuses more than ${MAX_QUERY_TERMS} words`, () => {
    const words = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`);
    expect(failure(words.join(' ')).code).toBe('search.query.tooManyTerms');
    expect(failure(`"${words.join(' ')}"`).code).toBe('search.query.tooManyTerms');
    expect(parse(words.slice(1).join(' ')).termCount).toBe(MAX_QUERY_TERMS);
  });

  it(`refuses parentheses nested more than ${MAX_GROUP_DEPTH} deep`, () => {
    expect(failure(`${'('.repeat(MAX_GROUP_DEPTH + 1)}kim`).code).toBe('search.query.tooDeep');
    expect(root(`${'('.repeat(MAX_GROUP_DEPTH)}kim${')'.repeat(MAX_GROUP_DEPTH)}`)).toEqual(
      word('kim'),
    );
  });

  it('runs an unclosed quote to the end, with a warning', () => {
    const query = parse('kim "jong nam');
    expect(query.root).toEqual(and(word('kim'), phrase('jong', 'nam')));
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.unclosedQuote']);
    expect(root('source:"annual report')).toBeUndefined();
    expect(parse('source:"annual report').filters.sources[0]?.tokens).toEqual(['annual', 'report']);
  });

  it('closes an unclosed parenthesis at the end, with a warning', () => {
    const query = parse('(kim OR chol nam');
    expect(query.root).toEqual(and(or(word('kim'), word('chol')), word('nam')));
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.unclosedParenthesis']);
    expect(parse('((kim').warnings[0]?.message).toContain('2');
  });

  it('ignores a stray closing parenthesis, with a warning', () => {
    const query = parse('kim) chol');
    expect(query.root).toEqual(and(word('kim'), word('chol')));
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.strayParenthesis']);
  });

  it('ignores empty parentheses, with a warning', () => {
    expect(root('kim ()')).toEqual(word('kim'));
    expect(warningCodes('kim ()')).toEqual(['search.query.emptyGroup']);
  });

  it('ignores dangling operators, with a warning', () => {
    const cases: [string, SearchNode][] = [
      ['OR kim', word('kim')],
      ['kim OR', word('kim')],
      ['| kim |', word('kim')],
      ['kim OR OR jong', or(word('kim'), word('jong'))],
      ['kim - jong', and(word('kim'), word('jong'))],
      ['kim -', word('kim')],
      ['kim NOT', word('kim')],
      ['AND kim', word('kim')],
      ['kim AND', word('kim')],
      ['(kim OR) nam', and(word('kim'), word('nam'))],
      ['kim OR AND nam', and(word('kim'), word('nam'))],
    ];
    for (const [input, expected] of cases) {
      const query = parse(input);
      expect(query.root, input).toEqual(expected);
      expect(
        query.warnings.map((w) => w.code),
        input,
      ).toEqual(['search.query.danglingOperator']);
    }
  });

  it('refuses a query with nothing searchable', () => {
    for (const input of [
      'OR',
      '-',
      'NOT',
      '()',
      '***',
      '.*+?[](){}^$\\|',
      '"',
      'AND OR NOT',
      '-type:note',
    ]) {
      expect(failure(input).code, input).toBe('search.query.nothingToSearch');
    }
  });

  it('reads regex-like characters as plain text', () => {
    expect(root('kim.*')).toEqual(prefix('kim'));
    expect(root('c++ [kim] {nam} ^chol$ a\\b')).toEqual(
      and(word('c'), word('kim'), word('nam'), word('chol'), phrase('a', 'b')),
    );
    expect(root('(a+)+$')).toEqual(word('a'));
    const query = parse('kim .*?');
    expect(query.root).toEqual(word('kim'));
    expect(query.warnings.map((w) => w.code)).toEqual(['search.query.nothingSearchable']);
  });

  it('never throws on arbitrary input', () => {
    // A fixed pseudo-random generator: the same strings on every run.
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pieces = [
      'kim',
      ' ',
      '"',
      '(',
      ')',
      '-',
      '|',
      'OR',
      'AND',
      'NOT',
      '*',
      'type:',
      'type:note',
      'before:',
      'after:2016',
      'source:"',
      'entity:',
      ':',
      '1.2.3.4',
      '[.]',
      '\uD800',
      '🙂',
      '\u0301',
      '\\',
      'é',
      '東',
    ];
    for (let i = 0; i < 2_000; i++) {
      let input = '';
      const length = Math.floor(next() * 20);
      for (let j = 0; j < length; j++) input += pieces[Math.floor(next() * pieces.length)];
      const result = parseSearchQuery(input);
      if (result.ok) {
        expect(result.value.root !== undefined || result.value.filters).toBeTruthy();
        expect(typeof describeSearchQuery(result.value)).toBe('string');
      } else {
        expect(result.error.code).toMatch(/^search\.query\./);
        expect(result.error.message.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('describeSearchQuery', () => {
  const describe_ = (input: string): string => describeSearchQuery(parse(input));

  it('explains terms, phrases, prefixes, typo tolerance and indicators', () => {
    expect(describe_('kim')).toBe('kim');
    expect(describe_('Pyongyang')).toBe('pyongyang — similar spellings too');
    expect(describe_('"Pyongyang"')).toBe('“pyongyang”');
    expect(describe_('kim*')).toBe('kim…');
    expect(describe_('"Kim Jong" "nam"')).toBe('“kim jong” and “nam”');
    expect(describe_('1.2.3.4')).toBe('1.2.3.4');
  });

  it('shows how operators were grouped', () => {
    expect(describe_('kang chol OR cheol -nam')).toBe(
      'kang and (chol or cheol) and not nam — similar spellings too',
    );
    expect(describe_('-(kim OR nam)')).toBe('everything except (kim or nam)');
    expect(describe_('kim -"jong nam"')).toBe('kim and not “jong nam”');
  });

  it('lists the filters', () => {
    expect(
      describe_('kim type:person,note source:"Annual report" entity:Nam after:2016 before:2018-05'),
    ).toBe(
      'kim — only notes, Person entities; in sources titled “Annual report”; mentioning “Nam”; after 2016; before 2018-05',
    );
    expect(describe_('type:claim')).toBe('everything — only claims');
  });
});
