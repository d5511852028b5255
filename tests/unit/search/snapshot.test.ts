import { describe, expect, it } from 'vitest';
import type { StoredSearchSnapshot } from '../../../src/core/ports/search';
import { createSearchEngine, importSearchEngine } from '../../../src/search/engine';
import { parseSearchQuery } from '../../../src/search/query';
import { checksum } from '../../../src/search/snapshot';
import type { SearchDocument, SearchEngine, SearchResult } from '../../../src/search/types';

const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

function documents(): SearchDocument[] {
  const list: SearchDocument[] = [];
  for (let i = 0; i < 40; i++) {
    list.push({
      kind: 'source',
      id: `s${i}`,
      stamp: `v${i}`,
      title: `Report ${i} on ${i % 2 === 0 ? 'Acme Holdings' : 'Nordhandel'}`,
      text: `Kim Jong Nam met agent ${i} near the harbour. Payment went to ${WALLET} via 10.0.0.${i}. ${'Filler words about cargo. '.repeat(i)}`,
      date: { first: `20${10 + (i % 10)}-01-01`, last: `20${10 + (i % 10)}-12-31` },
      extra: `Author: Clerk ${i}`,
    });
  }
  list.push({
    kind: 'passage',
    id: 'p1',
    stamp: 'p',
    title: 'Report 3 on Nordhandel',
    text: 'Kim Jong Nam met agent 3',
    sourceId: 's3',
    entityIds: ['e1'],
    position: { start: 0, end: 24 },
  });
  list.push({
    kind: 'entity',
    id: 'e1',
    stamp: 'e',
    title: 'Kim Jong Nam',
    text: '',
    entityType: 'Person',
    names: ['Kim Jong Nam', 'KJN'],
  });
  list.push({
    kind: 'claim',
    id: 'c1',
    stamp: 'c',
    title: 'Kim Jong Nam paid Nordhandel',
    text: 'Kim Jong Nam paid Nordhandel',
    entityIds: ['e1'],
    passageIds: ['p1'],
  });
  return list;
}

function build(): SearchEngine {
  const engine = createSearchEngine();
  for (const document of documents()) engine.upsert(document);
  return engine;
}

const QUERIES = [
  'kim jong nam',
  '"jong nam met"',
  'harb*',
  'nordhandle',
  WALLET,
  '10.0.0.7',
  'cargo -acme',
  'agent OR clerk',
  'type:person',
  'entity:kjn',
  'source:nordhandel',
  'after:2015 harbour',
  'Kim Jong Nm',
];

function answers(engine: SearchEngine): SearchResult[] {
  return QUERIES.map((input) => {
    const parsed = parseSearchQuery(input);
    if (!parsed.ok) throw new Error(input);
    return engine.search(parsed.value, { limit: 50 });
  });
}

function importOk(snapshot: StoredSearchSnapshot, caseId = 'case-1'): SearchEngine {
  const imported = importSearchEngine(snapshot, caseId);
  if (!imported.ok) throw new Error(imported.error.message);
  return imported.value;
}

function errorCode(snapshot: StoredSearchSnapshot, caseId = 'case-1'): string | undefined {
  const imported = importSearchEngine(snapshot, caseId);
  return imported.ok ? undefined : imported.error.code;
}

/** The snapshot with its manifest edited (chunks untouched). */
function withManifest(
  snapshot: StoredSearchSnapshot,
  edit: (manifest: Record<string, unknown>) => void,
): StoredSearchSnapshot {
  const manifest = JSON.parse(snapshot.manifest) as Record<string, unknown>;
  edit(manifest);
  return { manifest: JSON.stringify(manifest), chunks: snapshot.chunks };
}

/** The snapshot with one chunk's data replaced and the manifest updated to match it. */
function withChunk(
  snapshot: StoredSearchSnapshot,
  key: string,
  data: string,
): StoredSearchSnapshot {
  const chunks = snapshot.chunks.map((chunk) => (chunk.key === key ? { key, data } : chunk));
  return {
    ...withManifest(snapshot, (manifest) => {
      manifest.chunks = (manifest.chunks as { key: string }[]).map((entry) =>
        entry.key === key ? { key, length: data.length, checksum: checksum(data) } : entry,
      );
    }),
    chunks,
  };
}

describe('search snapshot: round trip', () => {
  it('gives identical results once the texts are attached', () => {
    const engine = build();
    const snapshot = engine.exportSnapshot('case-1');
    const manifest = JSON.parse(snapshot.manifest) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'casefile-search-index',
      formatVersion: 1,
      engine: 'flexsearch@0.8.212',
      tokenizerVersion: 1,
      caseId: 'case-1',
    });
    // Texts are not persisted (only their terms, in the vocabulary).
    expect(snapshot.manifest).not.toContain('near the harbour');
    expect(snapshot.chunks.some((chunk) => chunk.data.includes('near the harbour'))).toBe(false);
    const imported = importOk(snapshot);
    expect(imported.size).toBe(engine.size);
    expect([...imported.stamps()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...engine.stamps()].sort((a, b) => a.id.localeCompare(b.id)),
    );
    for (const document of documents()) imported.upsert(document);
    expect(answers(imported)).toEqual(answers(engine));
  });

  it('answers with title-only hits before the texts are attached', () => {
    const imported = importOk(build().exportSnapshot('case-1'));
    const parsed = parseSearchQuery('harbour');
    if (!parsed.ok) throw new Error();
    const result = imported.search(parsed.value);
    expect(result.groups[2]!.total).toBe(40);
    const hit = result.groups[2]!.hits[0]!;
    expect(hit.snippet).toBeUndefined();
    expect(hit.firstMatch).toBeUndefined();
    expect(hit.title).toMatch(/^Report/);
  });

  it('keeps working after import: edits, removals and another round trip', () => {
    const engine = build();
    const imported = importOk(engine.exportSnapshot('case-1'));
    imported.upsert({
      kind: 'note',
      id: 'n1',
      stamp: '1',
      title: 'Lead',
      text: 'zeppelin harbour',
    });
    imported.remove('source', 's5');
    imported.upsert({ ...documents()[6]!, stamp: 'changed', text: 'now about a zeppelin' });
    const again = importOk(imported.exportSnapshot('case-1'));
    for (const document of documents()) again.upsert(document);
    again.upsert({ ...documents()[6]!, stamp: 'changed', text: 'now about a zeppelin' });
    again.upsert({ kind: 'note', id: 'n1', stamp: '1', title: 'Lead', text: 'zeppelin harbour' });
    again.remove('source', 's5');
    const parsed = parseSearchQuery('zeppelin');
    if (!parsed.ok) throw new Error();
    const ids = (e: SearchEngine) =>
      e.search(parsed.value).groups.flatMap((g) => g.hits.map((h) => `${h.kind}:${h.id}`));
    expect(ids(imported)).toEqual(['source:s6', 'note:n1']);
    expect(ids(again)).toEqual(['source:s6', 'note:n1']);
    expect(again.stampOf('source', 's5')).toBeUndefined();
    expect(again.size).toBe(engine.size);
  });

  it('keeps tombstones as such: removed and replaced documents stay out after a round trip', () => {
    const engine = build();
    for (let i = 0; i < 10; i++) engine.remove('source', `s${i}`);
    engine.upsert({ ...documents()[12]!, stamp: 'new', text: 'Now about zeppelins only.' });
    const snapshot = engine.exportSnapshot('case-1');
    const manifest = JSON.parse(snapshot.manifest) as {
      documents: unknown[];
      tombstones: number[];
    };
    expect(manifest.documents).toHaveLength(engine.size);
    expect(manifest.tombstones).toHaveLength(11);
    const imported = importOk(snapshot);
    expect(imported.size).toBe(engine.size);
    for (const document of documents()) {
      if (imported.stampOf(document.kind, document.id) === document.stamp)
        imported.upsert(document);
    }
    imported.upsert({ ...documents()[12]!, stamp: 'new', text: 'Now about zeppelins only.' });
    expect(answers(imported)).toEqual(answers(engine));
  });

  it('round-trips an empty engine', () => {
    const snapshot = createSearchEngine().exportSnapshot('case-1');
    expect(importOk(snapshot).size).toBe(0);
  });
});

describe('search snapshot: refused', () => {
  const snapshot = build().exportSnapshot('case-1');
  const firstKey = snapshot.chunks[0]!.key;
  const mapKey = snapshot.chunks.find((chunk) => chunk.key.endsWith('.map'))!.key;

  it('belongs to another case', () => {
    expect(errorCode(snapshot, 'case-2')).toBe('search.index.otherCase');
  });

  it.each([
    ['an unreadable manifest', { manifest: '{not json', chunks: snapshot.chunks }],
    ['another format', withManifest(snapshot, (m) => (m.format = 'something-else'))],
    ['another format version', withManifest(snapshot, (m) => (m.formatVersion = 99))],
    ['another engine', withManifest(snapshot, (m) => (m.engine = 'flexsearch@0.9.0'))],
    ['another tokenizer', withManifest(snapshot, (m) => (m.tokenizerVersion = 0))],
    ['a manifest that is not an object', { manifest: '[]', chunks: snapshot.chunks }],
  ])('is outdated: %s', (_, variant) => {
    expect(errorCode(variant)).toBe('search.index.outdated');
  });

  const changed = (data: string): string =>
    data.slice(0, 10) + (data[10] === '1' ? '2' : '1') + data.slice(11);

  it.each([
    ['a missing chunk', { manifest: snapshot.manifest, chunks: snapshot.chunks.slice(1) }],
    [
      'a changed chunk (checksum)',
      {
        manifest: snapshot.manifest,
        chunks: snapshot.chunks.map((c) =>
          c.key === mapKey ? { ...c, data: changed(c.data) } : c,
        ),
      },
    ],
    [
      'a truncated chunk',
      {
        manifest: snapshot.manifest,
        chunks: snapshot.chunks.map((c) =>
          c.key === firstKey ? { ...c, data: c.data.slice(1) } : c,
        ),
      },
    ],
    [
      'a chunk the manifest does not list',
      { manifest: snapshot.manifest, chunks: [...snapshot.chunks, { key: '9.map', data: '[]' }] },
    ],
    [
      'a chunk stored twice',
      { manifest: snapshot.manifest, chunks: [...snapshot.chunks, snapshot.chunks[0]!] },
    ],
    ['chunks that are not a list', { manifest: snapshot.manifest, chunks: 'x' as never }],
    ['a chunk that is not JSON', withChunk(snapshot, mapKey, '[[["kim"')],
    ['a registry chunk that is not JSON', withChunk(snapshot, '1.reg', '[')],
    [
      'a chunk with an odd key',
      {
        manifest: snapshot.manifest.replace('"key":"1.reg"', '"key":"x.reg"'),
        chunks: snapshot.chunks.map((c) => (c.key === '1.reg' ? { ...c, key: 'x.reg' } : c)),
      },
    ],
    [
      'an id FlexSearch knows but the manifest does not',
      withChunk(snapshot, '1.reg', JSON.stringify([0, 1, 2, 9999])),
    ],
    ['no document table', withManifest(snapshot, (m) => delete m.documents)],
    [
      'a document of an unknown kind',
      withManifest(snapshot, (m) => ((m.documents as { kind: string }[])[0]!.kind = 'spaceship')),
    ],
    [
      'a document listed twice',
      withManifest(snapshot, (m) => {
        const list = m.documents as unknown[];
        list.push(list[0]);
      }),
    ],
    [
      'an internal id beyond the next id',
      withManifest(
        snapshot,
        (m) => ((m.documents as { internalId: number }[])[0]!.internalId = 10_000),
      ),
    ],
    [
      'a bad date',
      withManifest(
        snapshot,
        (m) => ((m.documents as { date: unknown }[])[0]!.date = { first: 'x' }),
      ),
    ],
    [
      'a bad entity type',
      withManifest(snapshot, (m) => {
        const entity = (m.documents as { kind: string; entityType?: string }[]).find(
          (d) => d.kind === 'entity',
        )!;
        entity.entityType = 'Spaceship';
      }),
    ],
    ['a malformed vocabulary', withManifest(snapshot, (m) => (m.vocabulary = [['kim', -1]]))],
    ['no vocabulary', withManifest(snapshot, (m) => (m.vocabulary = 'kim'))],
    ['no next id', withManifest(snapshot, (m) => delete m.nextId)],
    ['no tombstone list', withManifest(snapshot, (m) => delete m.tombstones)],
    ['a tombstone that is a listed document', withManifest(snapshot, (m) => (m.tombstones = [0]))],
    ['a tombstone beyond the next id', withManifest(snapshot, (m) => (m.tombstones = [99_999]))],
    ['a malformed chunk entry', withManifest(snapshot, (m) => (m.chunks = [{ key: 1 }]))],
  ])('is damaged: %s', (_, variant) => {
    expect(errorCode(variant)).toBe('search.index.damaged');
  });

  it('says which chunk is damaged', () => {
    const imported = importSearchEngine(
      {
        manifest: snapshot.manifest,
        chunks: snapshot.chunks.map((c) =>
          c.key === mapKey ? { ...c, data: changed(c.data) } : c,
        ),
      },
      'case-1',
    );
    expect(imported.ok).toBe(false);
    if (!imported.ok)
      expect(imported.error.message).toContain(`checksum mismatch in chunk ${mapKey}`);
  });
});
