import { describe, expect, it } from 'vitest';
import { createSearchCorpus } from '../../../src/db/searchCorpus';
import type { SearchRecord, SearchRecordStamp } from '../../../src/core/ports/search';
import { buildSearchCase, HARBOUR_TEXT } from '../search/caseFixture';
import { closingStorages, newCase, value } from './helpers';

const open = closingStorages();

function byRef(stamps: readonly SearchRecordStamp[]): Map<string, string> {
  return new Map(stamps.map((s) => [`${s.kind}:${s.id}`, s.stamp]));
}

describe('createSearchCorpus', () => {
  it('stamps every record of the case, and only that case', async () => {
    const s = await open();
    const c = await buildSearchCase(s);
    const other = await newCase(s, 'Other case');
    value(await s.entities.create(other, { type: 'Person', name: 'Someone else' }));
    const corpus = createSearchCorpus(s.db);

    const stamps = byRef(await corpus.stamps(c.caseId));
    expect([...stamps.keys()].sort()).toEqual(
      [
        `source:${c.source.id}`,
        `passage:${c.passage.id}`,
        `passage:${c.mention.id}`,
        `entity:${c.kessel.id}`,
        `entity:${c.acme.id}`,
        `claim:${c.claim.id}`,
        `note:${c.note.id}`,
      ].sort(),
    );
    expect(stamps.get(`source:${c.source.id}`)).toBe(c.source.updatedAt);
    expect(stamps.get(`note:${c.note.id}`)).toBe(c.note.updatedAt);
    const kessel = await s.entities.get(c.kessel.id);
    const acme = await s.entities.get(c.acme.id);
    const claim = await s.claims.get(c.claim.id);
    expect(stamps.get(`claim:${c.claim.id}`)).toBe(
      `${claim!.updatedAt}|${kessel!.updatedAt}|${acme!.updatedAt}`,
    );
  });

  it("changes a claim's stamp when its subject is renamed", async () => {
    const s = await open();
    const c = await buildSearchCase(s);
    const corpus = createSearchCorpus(s.db);
    const before = byRef(await corpus.stamps(c.caseId));
    value(await s.entities.update(c.kessel.id, { name: 'Mara Kessel-Berg' }));
    const after = byRef(await corpus.stamps(c.caseId));
    expect(after.get(`claim:${c.claim.id}`)).not.toBe(before.get(`claim:${c.claim.id}`));
    expect(after.get(`entity:${c.kessel.id}`)).not.toBe(before.get(`entity:${c.kessel.id}`));
    expect(after.get(`source:${c.source.id}`)).toBe(before.get(`source:${c.source.id}`));

    const [record] = await corpus.read(c.caseId, [{ kind: 'claim', id: c.claim.id }]);
    expect(record).toMatchObject({
      kind: 'claim',
      stamp: after.get(`claim:${c.claim.id}`),
      subject: { id: c.kessel.id, name: 'Mara Kessel-Berg' },
      object: { id: c.acme.id, name: 'Acme Trading' },
    });
  });

  it('leaves merged entities out', async () => {
    const s = await open();
    const c = await buildSearchCase(s);
    const dup = value(await s.entities.create(c.caseId, { type: 'Person', name: 'M Kessel' }));
    value(await s.entities.merge(c.kessel.id, dup.id));
    const corpus = createSearchCorpus(s.db);
    const stamps = byRef(await corpus.stamps(c.caseId));
    expect(stamps.has(`entity:${dup.id}`)).toBe(false);
    expect(await corpus.read(c.caseId, [{ kind: 'entity', id: dup.id }])).toEqual([]);
    const all: SearchRecord[] = [];
    await corpus.readAll(c.caseId, (batch) => void all.push(...batch));
    expect(all.some((r) => r.kind === 'entity' && r.entity.id === dup.id)).toBe(false);
  });

  it('reads records joined with texts, contents and claim ends; missing ones are left out', async () => {
    const s = await open();
    const c = await buildSearchCase(s);
    const other = await newCase(s, 'Other case');
    const foreign = value(await s.entities.create(other, { type: 'Person', name: 'Foreign' }));
    const corpus = createSearchCorpus(s.db);
    const records = await corpus.read(c.caseId, [
      { kind: 'note', id: c.note.id },
      { kind: 'source', id: c.source.id },
      { kind: 'passage', id: 'no-such-passage' },
      { kind: 'entity', id: foreign.id },
    ]);
    expect(records.map((r) => r.kind)).toEqual(['source', 'note']);
    const [source, note] = records;
    expect(source).toMatchObject({ kind: 'source', text: HARBOUR_TEXT, stamp: c.source.updatedAt });
    expect(note).toMatchObject({ kind: 'note', stamp: c.note.updatedAt });
    if (note?.kind !== 'note') throw new Error('expected a note');
    expect(note.editorState).toContain('fuel transfer');
    expect('editorState' in note.note).toBe(false);
  });

  it('reads everything kind by kind, in batches, with the stamps stamps() gives', async () => {
    const s = await open();
    const c = await buildSearchCase(s);
    const corpus = createSearchCorpus(s.db);
    const batches: SearchRecord[][] = [];
    await corpus.readAll(
      c.caseId,
      async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 0)); // onBatch may yield
        batches.push([...batch]);
      },
      { batchSize: 1 },
    );
    expect(batches.every((batch) => batch.length === 1)).toBe(true);
    const kinds = batches.map((batch) => batch[0]!.kind);
    expect(kinds).toEqual(['entity', 'entity', 'claim', 'source', 'passage', 'passage', 'note']);
    const stamps = byRef(await corpus.stamps(c.caseId));
    for (const [record] of batches) {
      const id =
        record!.kind === 'source'
          ? record!.source.id
          : record!.kind === 'passage'
            ? record!.passage.id
            : record!.kind === 'entity'
              ? record!.entity.id
              : record!.kind === 'claim'
                ? record!.claim.id
                : record!.note.id;
      expect(stamps.get(`${record!.kind}:${id}`)).toBe(record!.stamp);
    }
  });

  it('a deleted source takes its passages out of the stamps', async () => {
    const s = await open();
    const c = await buildSearchCase(s);
    value(await s.claims.delete(c.claim.id)); // evidence would block the delete
    value(await s.sources.delete(c.source.id));
    const stamps = await createSearchCorpus(s.db).stamps(c.caseId);
    expect(stamps.filter((r) => r.kind === 'source' || r.kind === 'passage')).toEqual([]);
  });

  it('reads nothing from an empty case', async () => {
    const s = await open();
    const caseId = await newCase(s);
    const corpus = createSearchCorpus(s.db);
    expect(await corpus.stamps(caseId)).toEqual([]);
    let calls = 0;
    await corpus.readAll(caseId, () => void (calls += 1));
    expect(calls).toBe(0);
  });
});
