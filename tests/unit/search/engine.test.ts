import { describe, expect, it } from 'vitest';
import { SEARCH_RECORD_KINDS, type SearchRecordKind } from '../../../src/core/ports/search';
import { createSearchEngine, importSearchEngine } from '../../../src/search/engine';
import { parseSearchQuery, type SearchQuery } from '../../../src/search/query';
import { tokenize } from '../../../src/search/tokenize';
import type {
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchOptions,
  SearchResult,
} from '../../../src/search/types';

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** The same hash with its last digit changed: one edit away. */
const NEAR_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856';
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

function source(
  id: string,
  title: string,
  text: string,
  extra: Partial<SearchDocument> = {},
): SearchDocument {
  return { kind: 'source', id, stamp: '1', title, text, ...extra };
}

/** A small case: two sources, passages, entities, a claim and a note, cross-referenced. */
function smallCase(): SearchEngine {
  const engine = createSearchEngine();
  const documents: SearchDocument[] = [
    source(
      's1',
      'Annual report of Acme Holdings',
      'Kim Jong Nam was seen at the airport in Kuala Lumpur.\n\n  He wrote to admin@acme.com from ' +
        `10.1.2.3 and paid to ${WALLET}. The file had hash ${HASH}.`,
      { date: { first: '2015-03-01', last: '2015-03-01' }, extra: 'Publisher: Daily Courier' },
    ),
    source('s2', 'Trade notes from Pyongyang', 'Chol Kang met Müller of Nordhandel GmbH in 2017.', {
      date: { first: '2017-06-01', last: '2017-06-30' },
    }),
    source('s3', 'Undated memo', 'Nam Kim and jong were words in a list: kim, nam, jong.'),
    {
      kind: 'passage',
      id: 'p1',
      stamp: '1',
      title: 'Annual report of Acme Holdings',
      text: 'Kim Jong Nam was seen at the airport',
      sourceId: 's1',
      entityIds: ['e1'],
      position: { start: 0, end: 36 },
    },
    {
      kind: 'passage',
      id: 'p2',
      stamp: '1',
      title: 'Trade notes from Pyongyang',
      text: 'Chol Kang met Müller',
      sourceId: 's2',
      entityIds: ['e3'],
      position: { start: 0, end: 20 },
    },
    {
      kind: 'entity',
      id: 'e1',
      stamp: '1',
      title: 'Kim Jong Nam',
      text: '',
      entityType: 'Person',
      names: ['Kim Jong Nam', 'KJN'],
    },
    {
      kind: 'entity',
      id: 'e2',
      stamp: '1',
      title: 'Acme Holdings',
      text: '',
      entityType: 'Organization',
      names: ['Acme Holdings'],
    },
    {
      kind: 'entity',
      id: 'e3',
      stamp: '1',
      title: 'Chol Kang',
      text: '',
      entityType: 'Person',
      names: ['Chol Kang', 'Kang Chol'],
    },
    {
      kind: 'entity',
      id: 'e4',
      stamp: '1',
      title: 'Kim Jong Nam Foundation',
      text: '',
      entityType: 'Organization',
      names: ['Kim Jong Nam Foundation'],
    },
    {
      kind: 'claim',
      id: 'c1',
      stamp: '1',
      title: 'Kim Jong Nam works for Acme Holdings',
      text: 'Kim Jong Nam works for Acme Holdings',
      entityIds: ['e1', 'e2'],
      passageIds: ['p1'],
      date: { first: '2014-01-01', last: '2015-12-31' },
    },
    {
      kind: 'note',
      id: 'n1',
      stamp: '1',
      title: 'Trade leads',
      text: 'Follow the money from Nordhandel. Ask about the airport meeting.',
      entityIds: ['e3'],
      passageIds: ['p2'],
      date: { first: '2024-05-01', last: '2024-05-01' },
    },
  ];
  for (const document of documents) engine.upsert(document);
  return engine;
}

function query(input: string): SearchQuery {
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) throw new Error(`${input}: ${parsed.error.message}`);
  return parsed.value;
}

function run(engine: SearchEngine, input: string, options?: SearchOptions): SearchResult {
  return engine.search(query(input), options);
}

/** `kind:id` of every hit, group by group. */
function ids(engine: SearchEngine, input: string, options?: SearchOptions): string[] {
  return run(engine, input, { limit: 50, ...options }).groups.flatMap((group) =>
    group.hits.map((hit) => `${hit.kind}:${hit.id}`),
  );
}

function hitOf(result: SearchResult, kind: SearchRecordKind, id: string): SearchHit {
  const hit = result.groups.find((g) => g.kind === kind)?.hits.find((h) => h.id === id);
  if (hit === undefined) throw new Error(`no hit ${kind}:${id}`);
  return hit;
}

/** The highlighted parts of a snippet. */
function marked(hit: SearchHit): string[] {
  const snippet = hit.snippet;
  if (snippet === undefined) return [];
  return snippet.highlights.map((range) => snippet.text.slice(range.start, range.end));
}

describe('search engine: words', () => {
  it('finds every record containing a word, grouped by kind in the fixed order', () => {
    const engine = smallCase();
    const result = run(engine, 'airport', { limit: 50 });
    expect(result.groups.map((g) => g.kind)).toEqual([...SEARCH_RECORD_KINDS]);
    expect(ids(engine, 'airport')).toEqual(['source:s1', 'passage:p1', 'note:n1']);
    expect(result.total).toBe(3);
  });

  it('ignores case and accents on both sides', () => {
    const engine = smallCase();
    expect(ids(engine, 'MULLER')).toEqual(['source:s2', 'passage:p2']);
    expect(ids(engine, 'müller')).toEqual(['source:s2', 'passage:p2']);
  });

  it('requires every word (implicit AND) and finds nothing for an unknown word', () => {
    const engine = smallCase();
    expect(ids(engine, 'kim airport')).toEqual(['source:s1', 'passage:p1']);
    expect(ids(engine, 'zyxwvut')).toEqual([]);
    expect(run(engine, 'zyxwvut').total).toBe(0);
  });

  it('searches the title and the extra text too', () => {
    const engine = smallCase();
    expect(ids(engine, 'courier')).toEqual(['source:s1']);
    expect(ids(engine, 'undated')).toEqual(['source:s3']);
  });
});

describe('search engine: phrases', () => {
  it('matches the words consecutively and in order only', () => {
    const engine = smallCase();
    expect(ids(engine, '"kim jong nam"')).toEqual([
      'entity:e1',
      'entity:e4',
      'claim:c1',
      'source:s1',
      'passage:p1',
    ]);
    // s3 has all three words, never in this order side by side.
    expect(ids(engine, '"nam kim jong"')).toEqual([]);
    expect(ids(engine, '"jong kim"')).toEqual([]);
  });

  it('matches across line breaks and punctuation, and across a non-ASCII text', () => {
    const engine = smallCase();
    expect(ids(engine, '"kuala lumpur he wrote"')).toEqual(['source:s1']);
    expect(ids(engine, '"met muller of nordhandel"')).toEqual(['source:s2']);
  });

  it('gives the phrase position as the first match', () => {
    const engine = smallCase();
    const hit = hitOf(run(engine, '"nam kim"'), 'source', 's3');
    expect(hit.firstMatch).toEqual({ start: 0, end: 7 });
  });
});

describe('search engine: exact phrases', () => {
  /**
   * 3,000 sources of about 600 characters (1.8 MB in all, more than any per-query reading budget
   * would allow): even ones say "north korea", odd ones have both words apart.
   */
  function northKorea(): SearchDocument[] {
    const filler = ' The cargo was declared as machine parts and left port at night.'.repeat(8);
    return Array.from({ length: 3000 }, (_, i) =>
      source(
        `s${i}`,
        `Dispatch ${i}`,
        (i % 2 === 0
          ? `Report ${i}: officials in North Korea said the shipment left.`
          : `Report ${i}: korea officials said the shipment went north.`) + filler,
      ),
    );
  }

  it('counts every document with the phrase, however many have both words', () => {
    const engine = createSearchEngine();
    for (const document of northKorea()) engine.upsert(document);
    const result = run(engine, '"north korea"', { limit: 200 });
    expect(result.total).toBe(1500);
    expect(result.groups[2]!.total).toBe(1500);
    expect(result.groups[2]!.hits.every((hit) => Number(hit.id.slice(1)) % 2 === 0)).toBe(true);
    expect(run(engine, 'north korea').total).toBe(3000);
    expect(run(engine, '"korea north"').total).toBe(0);
    expect(run(engine, '"korea officials said"').total).toBe(1500);
    // As part of a larger query, and excluded.
    expect(run(engine, '"north korea" shipment').total).toBe(1500);
    expect(run(engine, 'shipment -"north korea"').total).toBe(1500);
    const hit = run(engine, '"north korea"').groups[2]!.hits[0]!;
    expect(hit.snippet!.text.slice(hit.snippet!.highlights[0]!.start)).toMatch(/^North Korea/);
    expect(hit.firstMatch).toEqual({ start: 23, end: 34 });
  });

  it('agrees with the tokenizer across punctuation, line breaks, possessives and indicators', () => {
    const texts = [
      'North.\n\nKorea',
      'north, korea',
      'north-korea',
      "North's Korea",
      'north\u00ADern korea',
      'NORTH   (korea)',
      'north korean',
      'northkorea',
      'north 1.2.3.4 korea',
      'mail north@korea.com today',
      'Nörth Koréa',
    ];
    const engine = createSearchEngine();
    texts.forEach((text, i) => engine.upsert(source(`s${i}`, `T${i}`, text)));
    const words = (text: string) =>
      tokenize(text, { indicatorParts: true })
        .map((t) => t.text)
        .join(' ');
    const expected = texts
      .map((text, i) => (` ${words(text)} `.includes(' north korea ') ? `source:s${i}` : ''))
      .filter((id) => id !== '');
    expect(expected.length).toBeGreaterThan(4);
    expect(ids(engine, '"north korea"').sort()).toEqual(expected.sort());
  });

  it('finds phrases in titles, names and extra text, never across two of them', () => {
    const engine = createSearchEngine();
    engine.upsert(source('t', 'Cable from North Korea', 'nothing here'));
    engine.upsert(source('x', 'Cable', 'nothing here', { extra: 'Publisher: North Korea Times' }));
    engine.upsert(source('border', 'Cable from the north', 'Korea said nothing'));
    engine.upsert({
      kind: 'entity',
      id: 'e',
      stamp: '1',
      title: 'Chol Kang',
      text: '',
      names: ['Chol Kang', 'Kang Chol'],
    });
    expect(ids(engine, '"north korea"')).toEqual(['source:t', 'source:x']);
    expect(ids(engine, '"kang chol"')).toEqual(['entity:e']);
    expect(ids(engine, '"kang kang"')).toEqual([]);
    const extra = hitOf(run(engine, '"korea times"'), 'source', 'x');
    expect(marked(extra)).toEqual(['Korea', 'Times']);
  });

  it('follows edits and removals', () => {
    const engine = createSearchEngine();
    for (const document of northKorea().slice(0, 10)) engine.upsert(document);
    expect(run(engine, '"north korea"').total).toBe(5);
    engine.upsert({ ...source('s0', 'Dispatch', 'korea and the north'), stamp: '2' });
    engine.upsert({ ...source('s1', 'Dispatch', 'now North Korea again'), stamp: '2' });
    engine.remove('source', 's2');
    expect(ids(engine, '"north korea"').sort()).toEqual(
      ['source:s1', 'source:s4', 'source:s6', 'source:s8'].sort(),
    );
    // Enough edits to compact the index: forward indexes survive it.
    for (let round = 0; round < 80; round++) {
      engine.upsert({
        ...source('s3', 'Dispatch', `round ${round} North Korea`),
        stamp: `${round}`,
      });
    }
    expect(run(engine, '"north korea"').total).toBe(5);
    expect(run(engine, '"round 79 north"').total).toBe(1);
    expect(run(engine, '"round 78 north"').total).toBe(0);
  });

  it('stays exact in a vocabulary of more than 65,535 terms', () => {
    const engine = createSearchEngine();
    const words = Array.from({ length: 70_000 }, (_, i) => `w${i}`);
    engine.upsert(source('big', 'Big', words.join(' ')));
    // Their terms are new: their ids do not fit 16 bits (written as one shared value).
    engine.upsert(source('late', 'Late', 'north korea then w1 w2'));
    engine.upsert(source('later', 'Later', 'north japan, then korea'));
    expect(ids(engine, '"w69998 w69999"')).toEqual(['source:big']);
    expect(ids(engine, '"w69999 w69998"')).toEqual([]);
    expect(ids(engine, '"north korea"')).toEqual(['source:late']);
    expect(ids(engine, '"north japan"')).toEqual(['source:later']);
    expect(ids(engine, '"w2 north"')).toEqual([]);
    expect(ids(engine, '"w1 w2"').sort()).toEqual(['source:big', 'source:late']);
    expect(ids(engine, '"korea w1"')).toEqual([]);
  });

  it('on an imported index: words trusted until texts are attached, exact after, warmed or not', () => {
    const built = createSearchEngine();
    const documents = northKorea().slice(0, 100);
    for (const document of documents) built.upsert(document);
    const imported = importSearchEngine(built.exportSnapshot('case-1'), 'case-1');
    if (!imported.ok) throw new Error(imported.error.message);
    const engine = imported.value;
    // No text yet: the order cannot be checked (the service answers complete: false meanwhile).
    expect(run(engine, '"north korea"').total).toBe(100);
    for (const document of documents.slice(0, 50)) engine.upsert(document);
    expect(run(engine, '"north korea"').total).toBe(25 + 50);
    for (const document of documents.slice(50)) engine.upsert(document);
    const beforeWarming = run(engine, '"north korea"', { limit: 100 });
    expect(beforeWarming.total).toBe(50);
    let slices = 0;
    while (!engine.warm(0)) slices++;
    expect(slices).toBeGreaterThan(0);
    expect(engine.warm(0)).toBe(true);
    const afterWarming = run(engine, '"north korea"', { limit: 100 });
    expect(afterWarming).toEqual(beforeWarming);
    expect(afterWarming).toEqual(run(built, '"north korea"', { limit: 100 }));
  });
});

describe('search engine: prefix and typo tolerance', () => {
  it('expands a prefix over the vocabulary and reports the expansions', () => {
    const engine = smallCase();
    const result = run(engine, 'nord*', { limit: 50 });
    expect(ids(engine, 'nord*')).toEqual(['source:s2', 'note:n1']);
    expect(result.expansions).toEqual({ nord: ['nordhandel'] });
    expect(hitOf(result, 'note', 'n1').matchedTerms).toEqual(['nordhandel']);
  });

  it('finds a misspelt word and marks typo-only hits', () => {
    const engine = smallCase();
    const result = run(engine, 'nordhandle');
    expect(result.expansions).toEqual({ nordhandle: ['nordhandel'] });
    const hit = hitOf(result, 'source', 's2');
    expect(hit.fuzzyOnly).toBe(true);
    expect(hit.matchedTerms).toEqual(['nordhandel']);
    expect(marked(hit)).toEqual(['Nordhandel']);
  });

  it('finds "Kim Jong Nam" when searching "Kim Jong Nm" (a short unknown word gets one edit)', () => {
    const engine = smallCase();
    const result = run(engine, 'Kim Jong Nm', { limit: 50 });
    expect(hitOf(result, 'entity', 'e1').matchedTerms).toEqual(['kim', 'jong', 'nam']);
    expect(result.expansions.nm).toContain('nam');
    expect(hitOf(result, 'source', 's1').fuzzyOnly).toBe(false);
  });

  it('ranks exact matches above typo matches', () => {
    const engine = createSearchEngine();
    engine.upsert(source('typo', 'A', 'the courrier arrived'));
    engine.upsert(source('exact', 'B', 'the courier arrived'));
    expect(ids(engine, 'courier')).toEqual(['source:exact', 'source:typo']);
    expect(ids(engine, 'courrier')).toEqual(['source:typo', 'source:exact']);
  });

  it('never applies typo tolerance to words with digits or indicators', () => {
    const engine = smallCase();
    expect(ids(engine, NEAR_HASH)).toEqual([]);
    expect(ids(engine, '10.1.2.4')).toEqual([]);
    expect(ids(engine, WALLET.slice(0, -1) + 'x')).toEqual([]);
  });
});

describe('search engine: indicators', () => {
  it('finds an IP, a hash, a wallet and an e-mail address exactly', () => {
    const engine = smallCase();
    for (const indicator of ['10.1.2.3', HASH, WALLET, 'admin@acme.com', 'ADMIN@ACME.COM']) {
      expect(ids(engine, indicator), indicator).toEqual(['source:s1']);
    }
  });

  it('finds a domain word inside an indicator (acme → admin@acme.com) and highlights it', () => {
    const engine = smallCase();
    expect(ids(engine, 'acme')).toEqual(['entity:e2', 'claim:c1', 'source:s1', 'passage:p1']);
    const hit = hitOf(run(engine, 'acme admin'), 'source', 's1');
    expect(marked(hit)).toEqual(['admin', 'acme']);
  });

  it('finds a domain by a word of it and by its whole value, never by a near domain', () => {
    const engine = createSearchEngine();
    engine.upsert(source('d', 'Domains', 'Traffic went to portal.acme.com and to evil[.]org.'));
    expect(ids(engine, 'acme')).toEqual(['source:d']);
    expect(ids(engine, 'portal.acme.com')).toEqual(['source:d']);
    expect(ids(engine, 'evil.org')).toEqual(['source:d']);
    expect(ids(engine, 'portal.acme.co')).toEqual([]);
    const hit = hitOf(run(engine, 'evil.org'), 'source', 'd');
    expect(marked(hit)).toEqual(['evil[.]org']);
  });

  it('highlights the whole indicator when the indicator was searched', () => {
    const engine = smallCase();
    const hit = hitOf(run(engine, '10.1.2.3'), 'source', 's1');
    expect(marked(hit)).toEqual(['10.1.2.3']);
    expect(hit.matchedTerms).toEqual(['10.1.2.3']);
  });
});

describe('search engine: AND / OR / NOT', () => {
  it('OR unites, NOT removes, a negative-only query means everything else', () => {
    const engine = smallCase();
    // s2 has its word early in the body, s1 only in its extra text.
    expect(ids(engine, 'courier OR nordhandel')).toEqual(['source:s2', 'source:s1', 'note:n1']);
    expect(ids(engine, 'airport -money')).toEqual(['source:s1', 'passage:p1']);
    expect(ids(engine, 'airport NOT (money OR kuala)')).toEqual(['passage:p1']);
    const everything = run(engine, 'kim').total;
    expect(everything).toBeGreaterThan(0);
    expect(run(engine, '-kim').total).toBe(engine.size - everything);
    expect(ids(engine, '-kim -acme -chol')).toEqual(['note:n1']);
  });

  it('combines OR with a negated alternative', () => {
    const engine = smallCase();
    // Everything that mentions money, or does not mention kim.
    const result = ids(engine, 'money OR -kim');
    expect(result).toContain('note:n1');
    expect(result).toContain('source:s2');
    expect(result).not.toContain('passage:p1');
  });
});

describe('search engine: filters', () => {
  it('type: keeps record kinds and entity types', () => {
    const engine = smallCase();
    expect(ids(engine, 'kim type:person')).toEqual(['entity:e1']);
    expect(ids(engine, 'kim type:organization')).toEqual(['entity:e4']);
    expect(ids(engine, 'kim type:source,claim')).toEqual(['claim:c1', 'source:s1', 'source:s3']);
  });

  it('source: keeps the source, its passages, claims citing them and entities tagged there', () => {
    const engine = smallCase();
    expect(ids(engine, 'source:"annual report"')).toEqual([
      'entity:e1',
      'claim:c1',
      'source:s1',
      'passage:p1',
    ]);
    expect(ids(engine, 'source:trade')).toEqual([
      'entity:e3',
      'source:s2',
      'passage:p2',
      'note:n1',
    ]);
  });

  it('entity: keeps the entity and what mentions it; several are all required', () => {
    const engine = smallCase();
    expect(ids(engine, 'entity:kjn')).toEqual(['entity:e1', 'claim:c1', 'source:s1', 'passage:p1']);
    expect(ids(engine, 'entity:"kang chol"')).toEqual([
      'entity:e3',
      'source:s2',
      'passage:p2',
      'note:n1',
    ]);
    expect(ids(engine, 'entity:kjn entity:acme')).toEqual(['claim:c1']);
  });

  it('before: / after: use the record date, a passage its source date, and drop undated ones', () => {
    const engine = smallCase();
    expect(ids(engine, 'before:2016')).toEqual(['claim:c1', 'source:s1', 'passage:p1']);
    expect(ids(engine, 'after:2016')).toEqual(['source:s2', 'passage:p2', 'note:n1']);
    expect(ids(engine, 'after:2015-01 before:2016')).toEqual([
      'claim:c1',
      'source:s1',
      'passage:p1',
    ]);
    expect(ids(engine, 'kim before:2030')).not.toContain('source:s3');
  });

  it('filters follow edits of the records they depend on', () => {
    const engine = smallCase();
    engine.upsert({
      kind: 'passage',
      id: 'p1',
      stamp: '2',
      title: 'Trade notes from Pyongyang',
      text: 'Kim Jong Nam was seen at the airport',
      sourceId: 's2',
      entityIds: ['e1'],
    });
    expect(ids(engine, 'source:"annual report"')).toEqual(['source:s1']);
    expect(ids(engine, 'source:trade').sort()).toEqual([
      'claim:c1',
      'entity:e1',
      'entity:e3',
      'note:n1',
      'passage:p1',
      'passage:p2',
      'source:s2',
    ]);
  });
});

describe('search engine: entity names and expansion caps', () => {
  it('finds an entity by an alias and puts it first when the alias is the query', () => {
    const engine = smallCase();
    const result = run(engine, 'kjn');
    expect(result.groups[0]!.hits.map((h) => h.id)).toEqual(['e1']);
    expect(result.groups[0]!.hits[0]!.score).toBeGreaterThan(1_000_000);
  });

  it('keeps at most 50 prefix expansions, the most frequent first', () => {
    const engine = createSearchEngine();
    for (let i = 0; i < 80; i++) {
      // pre0 … pre79; pre0 in 80 documents, pre1 in 79 … so frequency falls with i.
      const words = Array.from({ length: 80 - i }, (_, k) => `pre${k}`).join(' ');
      engine.upsert(source(`s${i}`, 'T', words));
    }
    const expansions = run(engine, 'pre*').expansions.pre!;
    expect(expansions).toHaveLength(50);
    expect(expansions.slice(0, 3)).toEqual(['pre0', 'pre1', 'pre2']);
    expect(expansions).not.toContain('pre79');
  });

  it('answers nothing for filters that match no source or entity', () => {
    const engine = smallCase();
    expect(run(engine, 'kim source:zzzz').total).toBe(0);
    expect(run(engine, 'kim entity:zzzz').total).toBe(0);
    expect(run(engine, 'entity:kjn entity:zzzz').total).toBe(0);
  });
});

describe('search engine: ranking, grouping and paging', () => {
  it('puts the entity whose name is the query first', () => {
    const engine = smallCase();
    const entities = run(engine, 'kim jong nam').groups[0]!;
    expect(entities.hits.map((h) => h.id)).toEqual(['e1', 'e4']);
  });

  it('ranks more matched words, then a title hit, above the rest', () => {
    const engine = createSearchEngine();
    engine.upsert(source('one', 'Memo', 'harbour'));
    engine.upsert(source('body', 'Memo', 'something about the harbour and the ferry'));
    engine.upsert(source('title', 'Harbour ferry', 'something else'));
    expect(ids(engine, 'harbour OR ferry')).toEqual(['source:title', 'source:body', 'source:one']);
    expect(ids(engine, 'harbour')[0]).toBe('source:title');
  });

  it('counts every match per kind and pages with offset and limit', () => {
    const engine = createSearchEngine();
    for (let i = 0; i < 30; i++)
      engine.upsert(source(`s${i}`, `Report ${i}`, `cargo manifest ${i}`));
    const first = run(engine, 'cargo');
    const sources = first.groups.find((g) => g.kind === 'source')!;
    expect(sources.total).toBe(30);
    expect(sources.hits).toHaveLength(5);
    const all = run(engine, 'cargo', { limit: 200 }).groups[2]!.hits.map((h) => h.id);
    expect(all).toHaveLength(30);
    const page = run(engine, 'cargo', { offset: 10, limit: 7 }).groups[2]!.hits.map((h) => h.id);
    expect(page).toEqual(all.slice(10, 17));
    expect(run(engine, 'cargo', { limit: 10_000 }).groups[2]!.hits).toHaveLength(30);
    expect(run(engine, 'cargo', { offset: 40 }).groups[2]!.hits).toEqual([]);
  });

  it('returns hits only for the kinds asked for, totals for all', () => {
    const engine = smallCase();
    const result = run(engine, 'airport', { kinds: ['note'] });
    expect(result.groups.map((g) => [g.kind, g.total, g.hits.length])).toEqual([
      ['entity', 0, 0],
      ['claim', 0, 0],
      ['source', 1, 0],
      ['passage', 1, 0],
      ['note', 1, 1],
    ]);
  });
});

describe('search engine: snippets and highlights', () => {
  it('collapses whitespace and gives highlight ranges into the snippet text', () => {
    const engine = smallCase();
    const hit = hitOf(run(engine, 'wrote'), 'source', 's1');
    expect(hit.snippet!.text).not.toMatch(/\s\s|\n/);
    expect(marked(hit)).toEqual(['wrote']);
    expect(hit.snippet!.text).toContain('Kuala Lumpur. He wrote to');
  });

  it('gives the first match in document offsets', () => {
    const engine = smallCase();
    const hit = hitOf(run(engine, 'kuala'), 'source', 's1');
    const text = 'Kim Jong Nam was seen at the airport in Kuala Lumpur.';
    expect(hit.firstMatch).toEqual({
      start: text.indexOf('Kuala'),
      end: text.indexOf('Kuala') + 5,
    });
  });

  it('cuts a long text around the first match on word boundaries, with cut flags', () => {
    const engine = createSearchEngine();
    const before = 'lorem ipsum '.repeat(500);
    const after = ' dolor sit amet'.repeat(500);
    const text = `${before}the Nordhandel ledger${after}`;
    engine.upsert(source('long', 'Long', text));
    const hit = hitOf(run(engine, 'ledger'), 'source', 'long');
    const snippet = hit.snippet!;
    expect(snippet.cutBefore).toBe(true);
    expect(snippet.cutAfter).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(220);
    expect(snippet.text.startsWith('ipsum') || snippet.text.startsWith('lorem')).toBe(true);
    expect(marked(hit)).toEqual(['ledger']);
    expect(text.slice(hit.firstMatch!.start, hit.firstMatch!.end)).toBe('ledger');
  });

  it('finds the first match deep in a long non-ASCII text', () => {
    const engine = createSearchEngine();
    const text = `${'Straße über alles. '.repeat(2000)}Zürich bank`;
    engine.upsert(source('deep', 'Deep', text));
    const hit = hitOf(run(engine, 'zurich'), 'source', 'deep');
    expect(text.slice(hit.firstMatch!.start, hit.firstMatch!.end)).toBe('Zürich');
    expect(marked(hit)).toEqual(['Zürich']);
  });

  it('highlights the title and leaves out the snippet for a title-only match', () => {
    const engine = smallCase();
    const hit = hitOf(run(engine, 'annual'), 'source', 's1');
    expect(hit.snippet).toBeUndefined();
    expect(hit.firstMatch).toBeUndefined();
    expect(hit.titleHighlights).toEqual([{ start: 0, end: 6 }]);
  });

  it('gives a snippet of the extra text when only it matched', () => {
    const engine = smallCase();
    const hit = hitOf(run(engine, 'courier'), 'source', 's1');
    expect(hit.snippet!.text).toBe('Publisher: Daily Courier');
    expect(marked(hit)).toEqual(['Courier']);
    expect(hit.firstMatch).toBeUndefined();
  });

  it('passes passage position and source, and entity type, through', () => {
    const engine = smallCase();
    const result = run(engine, 'kim jong nam', { limit: 20 });
    expect(hitOf(result, 'passage', 'p1')).toMatchObject({
      sourceId: 's1',
      position: { start: 0, end: 36 },
    });
    expect(hitOf(result, 'entity', 'e1').entityType).toBe('Person');
  });
});

describe('search engine: incremental updates', () => {
  it('an edit replaces the old text, a removal forgets the record', () => {
    const engine = smallCase();
    const size = engine.size;
    engine.upsert({ ...source('s2', 'Trade notes', 'Shipment via Nampo harbour.'), stamp: '2' });
    expect(engine.size).toBe(size);
    expect(engine.stampOf('source', 's2')).toBe('2');
    expect(ids(engine, 'nordhandel')).toEqual(['note:n1']);
    expect(ids(engine, 'nampo')).toEqual(['source:s2']);
    engine.upsert({ ...source('s2', 'Trade notes', 'Nordhandel again'), stamp: '3' });
    expect(engine.stampOf('source', 's2')).toBe('3');
    expect(ids(engine, 'nampo')).toEqual([]);
    expect(ids(engine, 'nordhandel')).toEqual(['source:s2', 'note:n1']);
    engine.remove('source', 's2');
    engine.remove('source', 'unknown');
    expect(engine.size).toBe(size - 1);
    expect(engine.stampOf('source', 's2')).toBeUndefined();
    expect(ids(engine, 'nordhandel')).toEqual(['note:n1']);
    expect(run(engine, 'nordhandel').total).toBe(1);
    expect([...engine.stamps()].some((s) => s.id === 's2')).toBe(false);
  });

  it('a same-stamp upsert attaches text without re-indexing', () => {
    const engine = createSearchEngine();
    engine.upsert(source('a', 'Alpha', 'original words'));
    // Same stamp: the index keeps what it had; only the kept text changes.
    engine.upsert(source('a', 'Alpha', 'different words'));
    expect(ids(engine, 'original')).toEqual(['source:a']);
    expect(ids(engine, 'different')).toEqual([]);
  });

  it('keeps results identical through compaction', () => {
    const engine = createSearchEngine();
    for (let i = 0; i < 200; i++)
      engine.upsert(source(`s${i}`, `Doc ${i}`, `alpha beta${i % 7} gamma`));
    const before = run(engine, 'beta3 OR gamma', { limit: 200 });
    // 150 edits back and forth (tombstones beyond the threshold) and 20 removals.
    for (let round = 0; round < 150; round++) {
      const i = round % 50;
      engine.upsert({
        ...source(`s${i}`, `Doc ${i}`, `alpha beta${i % 7} gamma`),
        stamp: `r${round}`,
      });
    }
    for (let i = 180; i < 200; i++) engine.remove('source', `s${i}`);
    for (let i = 180; i < 200; i++)
      engine.upsert(source(`s${i}`, `Doc ${i}`, `alpha beta${i % 7} gamma`));
    const after = run(engine, 'beta3 OR gamma', { limit: 200 });
    const idsOf = (r: SearchResult) => r.groups[2]!.hits.map((h) => h.id).sort();
    expect(idsOf(after)).toEqual(idsOf(before));
    expect(after.groups[2]!.total).toBe(200);
    const beta3 = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 7 === 3).length;
    expect(run(engine, 'beta3').total).toBe(beta3);
  });
});

describe('search engine: robustness', () => {
  it('takes regex-like characters as plain text', () => {
    const engine = smallCase();
    for (const input of ['.*', 'kim.*', '(a+)+$', '[kim]', 'kim\\', '^$|?']) {
      const parsed = parseSearchQuery(input);
      if (parsed.ok) expect(() => engine.search(parsed.value)).not.toThrow();
    }
    expect(ids(engine, '[kim]')).toEqual(ids(engine, 'kim'));
  });

  it('refuses a 10,000-character query in the parser; the engine survives a huge term', () => {
    const engine = smallCase();
    const long = 'kim '.repeat(2500);
    const parsed = parseSearchQuery(long);
    expect(parsed.ok).toBe(false);
    const hugeTerm: SearchQuery = {
      root: { kind: 'term', text: 'k'.repeat(10_000), prefix: false, fuzzy: 2, exact: false },
      filters: { recordKinds: [], entityTypes: [], sources: [], entities: [] },
      warnings: [],
      termCount: 1,
    };
    expect(engine.search(hugeTerm).total).toBe(0);
    const hugePrefix: SearchQuery = {
      ...hugeTerm,
      root: { kind: 'term', text: 'k'.repeat(10_000), prefix: true, fuzzy: 0, exact: false },
    };
    expect(engine.search(hugePrefix).total).toBe(0);
  });

  it('answers a filters-only query with every record the filters allow, snippets from the start', () => {
    const engine = smallCase();
    const result = run(engine, 'type:note');
    expect(result.total).toBe(1);
    const hit = hitOf(result, 'note', 'n1');
    expect(hit.snippet!.text.startsWith('Follow the money')).toBe(true);
    expect(hit.snippet!.highlights).toEqual([]);
  });

  it('an empty engine answers empty groups', () => {
    const engine = createSearchEngine();
    const result = run(engine, 'kim');
    expect(result.total).toBe(0);
    expect(result.groups).toHaveLength(5);
  });
});
