import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../src/core/audit/chain';
import {
  readBundle,
  writeBundle,
  type CaseJson,
  type CaseRecords,
} from '../../../src/core/bundle/bundle';
import { parseNoteDocument, noteText } from '../../../src/core/model/note';
import {
  TRANSFER_RECORD_KINDS,
  type CaseExtract,
  type TransferPlan,
} from '../../../src/core/ports/transfer';
import type { CasefileStorage } from '../../../src/db/open';
import { sha256BytesHex, sha256Hex } from '../../../src/db/hash';
import { closingStorages, dumpDatabase, reopenReadOnly, value, type DatabaseDump } from './helpers';
import { emptyCaseJson, seedInvestigation, type Investigation } from './transferSeed';

const storage = closingStorages();

const PASSPHRASE = 'correct horse battery staple';
const AUDIT = {
  action: 'bundle.imported',
  subject: 'harbour.casefile',
  detail: { file: 'harbour.casefile' },
};

async function seeded(): Promise<{ s: CasefileStorage; inv: Investigation }> {
  const s = await storage();
  return { s, inv: await seedInvestigation(s) };
}

/** Through the real bundle: writeBundle, then readBundle, as an import would. */
async function throughBundle(
  extract: CaseExtract,
): Promise<{ caseData: CaseJson; originals: Map<string, Uint8Array> }> {
  const bytes = value(
    await writeBundle({
      caseData: extract.records,
      originals: extract.originals,
      app: { name: 'Casefile', version: 'test' },
      createdAt: '2026-11-22T07:00:00.000Z',
      encryption: { kind: 'passphrase', passphrase: PASSPHRASE, workFactor: 2 },
      sha256Hex: sha256BytesHex,
    }),
  );
  const read = value(
    await readBundle(bytes, { passphrase: PASSPHRASE }, { sha256Hex: sha256BytesHex }),
  );
  return { caseData: read.caseData, originals: read.originals };
}

/** Tables that travel in a bundle (everything but meta, suggestions, rejections). */
function travelling(
  dump: DatabaseDump,
  except: readonly string[] = [],
): Record<string, readonly unknown[]> {
  const skipped = new Set(['meta', 'suggestions', 'rejections', ...except]);
  return Object.fromEntries(Object.entries(dump.tables).filter(([name]) => !skipped.has(name)));
}

function toJson(records: CaseRecords): CaseJson {
  return records as unknown as CaseJson;
}

async function expectUnchanged(
  s: CasefileStorage,
  action: () => Promise<{ ok: boolean }>,
  code: string,
) {
  const before = await dumpDatabase(s.db);
  const result = await action();
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect((await dumpDatabase(s.db)).json, 'nothing was written').toBe(before.json);
}

describe('extract', () => {
  test('all: every record kind, note content joined, originals from the blob table', async () => {
    const { s, inv } = await seeded();
    const { records, originals } = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const counts = Object.fromEntries(
      TRANSFER_RECORD_KINDS.map((kind) => [kind, records[kind].length]),
    );
    expect(counts).toEqual({
      sources: 3,
      sourceContents: 3,
      passages: 7,
      entities: 4,
      entityMerges: 1,
      claims: 2,
      notes: 1,
      charts: 1,
      savedSearches: 1,
      audit: await s.db.audit.count(),
    });
    expect(records.notes[0]?.editorState).toBe(inv.note.editorState);
    expect(records.audit.map((event) => event.seq)).toEqual(
      records.audit.map((_e, index) => index),
    );
    expect([...originals.keys()].sort()).toEqual(
      [inv.ledger.sha256, inv.memo.sha256, inv.scan.sha256].sort(),
    );
    expect(originals.get(inv.ledger.sha256)).toEqual(await s.sources.original(inv.ledger.sha256));
    await throughBundle({ records, originals }); // passes writeBundle's and readBundle's checks
  });

  test('sources: the chosen source, its passages, entities and claims; notes and charts pruned', async () => {
    const { s, inv } = await seeded();
    const { records, originals } = value(
      await s.transfer.extract(inv.caseId, { kind: 'sources', sourceIds: [inv.memo.id] }),
    );
    expect(records.sources.map((source) => source.id)).toEqual([inv.memo.id]);
    expect(records.sourceContents.map((content) => content.id)).toEqual([inv.memo.id]);
    expect(new Set(records.passages.map((passage) => passage.sourceId))).toEqual(
      new Set([inv.memo.id]),
    );
    expect(records.passages).toHaveLength(3);
    // Bob and Ada are mentioned; Harbour Ltd is not (only the ledger mentions it).
    expect(records.entities.map((entity) => entity.name).sort()).toEqual([
      'Ada Example',
      'Bob Other',
    ]);
    // The meeting cites the memo; its link to the payment (left out) is dropped.
    expect(records.claims.map((claim) => claim.id)).toEqual([inv.meeting.id]);
    expect(records.claims[0]?.relations).toEqual([]);
    expect(records.entityMerges).toEqual([]);
    const [note] = records.notes;
    expect(note?.entityIds).toEqual([inv.ada.id]);
    expect(note?.passageIds).toEqual([inv.bobMention.id]);
    expect(note?.claimIds).toEqual([inv.meeting.id]);
    // The left-out entity stays readable as text; the left-out claim's embed is gone.
    const text = noteText(value(parseNoteDocument(note!.editorState)));
    expect(text).toContain('Harbour Ltd');
    expect(text).not.toContain('Ada Example paid Harbour Ltd');
    const [chart] = records.charts;
    expect(chart?.entityIds).toEqual([inv.ada.id, inv.bob.id]);
    expect(chart?.groups).toEqual([
      { id: 'g1', label: 'Payers', memberIds: [inv.ada.id], collapsed: false },
    ]);
    expect(chart?.filters).toEqual({});
    // The history and saved queries describe the whole case (titles of left-out sources).
    expect(records.audit).toEqual([]);
    expect(records.savedSearches).toEqual([]);
    expect([...originals.keys()]).toEqual([inv.memo.sha256]);
    await throughBundle({ records, originals });
  });

  test('sources: attachments come with their message; a chosen attachment alone loses its parentId', async () => {
    const { s, inv } = await seeded();
    const ledger = value(
      await s.transfer.extract(inv.caseId, { kind: 'sources', sourceIds: [inv.ledger.id] }),
    );
    expect(ledger.records.sources.map((source) => source.id).sort()).toEqual(
      [inv.ledger.id, inv.scan.id].sort(),
    );
    expect(ledger.records.claims.map((claim) => claim.id)).toEqual([inv.payment.id]);
    // The note embeds the payment (kept), so it comes, without the memo's quote.
    expect(ledger.records.notes.map((note) => note.claimIds)).toEqual([[inv.payment.id]]);
    await throughBundle(ledger);
    const scanAlone = value(
      await s.transfer.extract(inv.caseId, { kind: 'sources', sourceIds: [inv.scan.id] }),
    );
    // Nothing of the scan is quoted or embedded in the note: it stays home.
    expect(scanAlone.records.notes).toEqual([]);
    const scan = value(
      await s.transfer.extract(inv.caseId, { kind: 'sources', sourceIds: [inv.scan.id] }),
    );
    const { parentId: _ledger, ...alone } = inv.scan;
    expect(scan.records.sources).toEqual([alone]);
    await throughBundle(scan);
  });

  test('all: references to deleted records are dropped from note lists and charts', async () => {
    const { s, inv } = await seeded();
    value(await s.entities.delete(inv.harbour.id, { claims: 'delete' }));
    const extract = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const [note] = extract.records.notes;
    expect(note?.entityIds).toEqual([inv.ada.id]);
    expect(note?.claimIds).toEqual([inv.meeting.id]);
    // Its content is the note as written: the mention of the deleted entity stays a mention.
    expect(note?.editorState).toBe(inv.note.editorState);
    expect(extract.records.charts[0]?.entityIds).toEqual([inv.ada.id, inv.bob.id]);
    await throughBundle(extract);
  });

  test('refusals: an unknown case, a source not in the case', async () => {
    const { s, inv } = await seeded();
    expect(await s.transfer.extract('nope' as never, { kind: 'all' })).toMatchObject({
      ok: false,
      error: { code: 'case.notFound' },
    });
    expect(
      await s.transfer.extract(inv.caseId, { kind: 'sources', sourceIds: ['gone' as never] }),
    ).toMatchObject({ ok: false, error: { code: 'source.notFound' } });
  });
});

describe('round trip into a fresh database', () => {
  test('extract → writeBundle → readBundle → plan → commit gives the same records, ids kept', async () => {
    const { s, inv } = await seeded();
    const before = await dumpDatabase(s.db);
    const incoming = await throughBundle(
      value(await s.transfer.extract(inv.caseId, { kind: 'all' })),
    );

    const fresh = await storage();
    const plan = value(await fresh.transfer.plan(incoming.caseData, incoming.originals));
    expect(plan.mode).toBe('new-case');
    expect(plan.conflicts).toEqual([]);
    expect(plan.counts.passages).toEqual({ added: 7, identical: 0, conflicting: 0 });
    expect(plan.incomingAudit).toMatchObject({
      intact: true,
      length: incoming.caseData.audit.length,
    });
    expect(plan.newOriginalBytes).toBe(
      inv.ledger.byteLength + inv.memo.byteLength + inv.scan.byteLength,
    );
    const outcome = value(
      await fresh.transfer.commit(incoming.caseData, incoming.originals, plan, {
        target: 'new-case',
        audit: AUDIT,
      }),
    );
    expect(outcome).toMatchObject({ caseId: inv.caseId, replaced: 0 });

    const after = await dumpDatabase(fresh.db);
    expect(travelling(after, ['audit'])).toEqual(travelling(before, ['audit']));
    // The incoming chain is stored as it was, with the import appended.
    const events = await fresh.audit.list(inv.caseId);
    expect(events.slice(0, -1)).toEqual(await s.audit.list(inv.caseId));
    expect(events.at(-1)).toMatchObject({ action: 'bundle.imported', detail: AUDIT.detail });
    expect(await fresh.audit.verify(inv.caseId)).toMatchObject({ ok: true });
    // Repositories read the imported records as their own.
    expect((await fresh.notes.mentioning(inv.ada.id)).map((note) => note.id)).toEqual([
      inv.note.id,
    ]);
    expect(
      (await fresh.entities.list(inv.caseId)).find((e) => e.id === inv.ada.id)?.mentionCount,
    ).toBe(3);
  });

  test('a second plan of the same bundle is a merge with everything identical', async () => {
    const { s, inv } = await seeded();
    const incoming = await throughBundle(
      value(await s.transfer.extract(inv.caseId, { kind: 'all' })),
    );
    const plan = value(await s.transfer.plan(incoming.caseData, incoming.originals));
    expect(plan.mode).toBe('merge');
    expect(plan.conflicts).toEqual([]);
    expect(plan.newOriginalBytes).toBe(0);
    for (const counts of Object.values(plan.counts))
      expect(counts.added + counts.conflicting).toBe(0);
    expect(plan.counts.claims.identical).toBe(2);
  });
});

describe('merge into an existing case', () => {
  /** The seeded case's extract, then local edits made after it was taken. */
  async function diverged() {
    const { s, inv } = await seeded();
    const extract = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const theirs: CaseJson = {
      ...toJson(extract.records),
      savedSearches: [
        ...toJson(extract.records).savedSearches,
        {
          id: 'search-2',
          caseId: inv.caseId,
          name: 'Meetings',
          query: 'met',
          createdAt: 'x',
          updatedAt: 'x',
        },
      ],
    };
    value(await s.entities.update(inv.bob.id, { name: 'Robert Other', aliases: ['Bob'] }));
    value(await s.sources.update(inv.memo.id, { title: 'Memo (scanned)' }));
    return { s, inv, theirs, originals: extract.originals };
  }

  test('counts added, identical and conflicting, one conflict per differing record', async () => {
    const { s, inv, theirs, originals } = await diverged();
    const plan = value(await s.transfer.plan(theirs, originals));
    expect(plan.mode).toBe('merge');
    expect(plan.counts.savedSearches).toEqual({ added: 1, identical: 1, conflicting: 0 });
    expect(plan.counts.entities).toEqual({ added: 0, identical: 3, conflicting: 1 });
    expect(plan.counts.sources).toEqual({ added: 0, identical: 2, conflicting: 1 });
    // The local chain grew: the incoming events are all known, the new local ones are not incoming.
    expect(plan.counts.audit.conflicting).toBe(0);
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        key: `sources:${inv.memo.id}`,
        kind: 'sources',
        label: 'Memo',
        fields: ['title'],
      }),
      expect.objectContaining({
        key: `entities:${inv.bob.id}`,
        label: 'Bob Other',
        fields: ['aliases', 'name'],
        theirsUpdatedAt: inv.bob.updatedAt,
      }),
    ]);
  });

  test('keep-mine and take-theirs; the local chain gets one event naming the incoming chain', async () => {
    const { s, inv, theirs, originals } = await diverged();
    const plan = value(await s.transfer.plan(theirs, originals));
    const eventsBefore = await s.audit.list(inv.caseId);
    const outcome = value(
      await s.transfer.commit(theirs, originals, plan, {
        target: 'merge',
        audit: AUDIT,
        resolutions: {
          [`sources:${inv.memo.id}`]: 'keep-mine',
          [`entities:${inv.bob.id}`]: 'take-theirs',
        },
      }),
    );
    expect(outcome.replaced).toBe(1);
    expect((await s.sources.get(inv.memo.id))?.title).toBe('Memo (scanned)');
    expect(await s.entities.get(inv.bob.id)).toEqual(inv.bob);
    expect((await s.savedSearches.list(inv.caseId)).map((search) => search.name).sort()).toEqual([
      'Meetings',
      'Payments',
    ]);
    const events = await s.audit.list(inv.caseId);
    expect(events.slice(0, -1)).toEqual(eventsBefore);
    expect(events.at(-1)).toMatchObject({
      action: 'bundle.imported',
      detail: {
        ...AUDIT.detail,
        incomingAudit: {
          length: theirs.audit.length,
          intact: true,
          headHash: theirs.audit.at(-1)?.hash,
        },
      },
    });
    expect(await verifyAuditChain(events, sha256Hex)).toMatchObject({ ok: true });
  });

  test('refused, with nothing written: a missing resolution, a mismatched target, a stale plan, read-only', async () => {
    const { s, inv, theirs, originals } = await diverged();
    const plan = value(await s.transfer.plan(theirs, originals));
    const commit = (
      p: TransferPlan,
      options: Partial<Parameters<CasefileStorage['transfer']['commit']>[3]> = {},
    ) =>
      s.transfer.commit(theirs, originals, p, {
        target: 'merge',
        audit: AUDIT,
        resolutions: {
          [`sources:${inv.memo.id}`]: 'keep-mine',
          [`entities:${inv.bob.id}`]: 'take-theirs',
        },
        ...options,
      });
    await expectUnchanged(
      s,
      () => commit(plan, { resolutions: { [`sources:${inv.memo.id}`]: 'keep-mine' } }),
      'transfer.resolutionMissing',
    );
    const missing = await commit(plan, { resolutions: {} });
    expect(missing.ok ? '' : missing.error.message).toContain('Memo');
    await expectUnchanged(s, () => commit(plan, { target: 'new-case' }), 'transfer.targetMismatch');
    // The plan said the case differs in two records; a third change makes it stale.
    value(await s.entities.update(inv.ada.id, { notes: 'Seen at berth 7.' }));
    await expectUnchanged(s, () => commit(plan), 'transfer.stale');
    const plannedAgain = value(await s.transfer.plan(theirs, originals));
    const readOnly = await reopenReadOnly(s, (name) => storage(name));
    await expectUnchanged(
      readOnly,
      () =>
        readOnly.transfer.commit(theirs, originals, plannedAgain, {
          target: 'merge',
          audit: AUDIT,
          resolutions: Object.fromEntries(plannedAgain.conflicts.map((c) => [c.key, 'keep-mine'])),
        }),
      'storage.readOnly',
    );
  });

  test('replace deletes the stored case and writes the incoming one in the same transaction', async () => {
    const { s, inv } = await seeded();
    const before = await dumpDatabase(s.db);
    const extract = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const incoming = toJson(extract.records);
    value(await s.entities.update(inv.bob.id, { name: 'Robert Other' }));
    value(await s.savedSearches.create(inv.caseId, { name: 'Later', query: 'later' }));
    // The same name under another id: a merge would refuse it, a restore replaces it.
    const payments = (await s.savedSearches.list(inv.caseId)).find((x) => x.name === 'Payments');
    value(await s.savedSearches.delete(payments!.id));
    value(await s.savedSearches.create(inv.caseId, { name: 'payments', query: 'paid' }));
    value(
      await s.suggestions.replaceForSource(inv.memo.id, [
        { origin: 'name', type: 'Location', value: 'harbour office', start: 33, end: 47 },
      ]),
    );
    expect(await s.db.suggestions.count()).toBe(1);
    const plan = value(await s.transfer.plan(incoming, extract.originals));
    value(
      await s.transfer.commit(incoming, extract.originals, plan, {
        target: 'replace',
        audit: { ...AUDIT, action: 'backup.restored' },
      }),
    );
    const after = await dumpDatabase(s.db);
    expect(travelling(after, ['audit'])).toEqual(travelling(before, ['audit']));
    // Local extraction state went with the stored case: the review queue is not in a bundle.
    expect(await s.db.suggestions.count()).toBe(0);
    const events = await s.audit.list(inv.caseId);
    expect(events.at(-1)?.action).toBe('backup.restored');
    expect(events).toHaveLength(incoming.audit.length + 1);
  });
});

describe('plan refuses bad incoming records', () => {
  test('schema, references, foreign records, originals, ids of another case', async () => {
    const { s, inv } = await seeded();
    const extract = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const data = toJson(extract.records);
    const plan = (incoming: unknown, originals = extract.originals) =>
      s.transfer.plan(incoming as CaseJson, originals);
    const cases: [unknown, string][] = [
      [{ ...data, extra: 1 }, 'transfer.invalid'],
      [
        {
          ...data,
          passages: [...data.passages, { ...data.passages[0]!, id: 'p-new', sourceId: 'gone' }],
        },
        'bundle.case.danglingReference',
      ],
      [
        {
          ...data,
          entities: [...data.entities, { ...data.entities[0]!, id: 'e-new', caseId: 'other' }],
        },
        'bundle.case.foreignRecord',
      ],
      [
        { ...data, audit: [...data.audit, { ...data.audit[0]!, id: 'a-new' }] },
        'transfer.audit.duplicateSeq',
      ],
    ];
    for (const [incoming, code] of cases) {
      await expectUnchanged(s, () => plan(incoming), code);
    }
    await expectUnchanged(s, () => plan(data, new Map()), 'transfer.originalMissing');
    await expectUnchanged(
      s,
      () => plan(data, new Map([...extract.originals].map(([k]) => [k, new Uint8Array([1])]))),
      'transfer.originalMismatch',
    );

    // Another case whose passage has the id of one of this case's: it would steal the record.
    const fresh = await storage();
    const mine = await seedInvestigation(fresh);
    const mineExtract = value(await fresh.transfer.extract(mine.caseId, { kind: 'all' }));
    const stolen = {
      ...data,
      passages: data.passages.map((p, i) =>
        i === 0 ? { ...p, id: mineExtract.records.passages[0]!.id } : p,
      ),
    };
    // Keep the bundle consistent: whatever cited the renamed passage now cites the new id.
    const consistent = JSON.parse(
      JSON.stringify(stolen).replaceAll(data.passages[0]!.id, mineExtract.records.passages[0]!.id),
    ) as CaseJson;
    await expectUnchanged(
      fresh,
      () => fresh.transfer.plan(consistent, extract.originals),
      'transfer.idTaken',
    );
  });

  test('a broken incoming chain is reported, and stored as it is for a new case', async () => {
    const { s, inv } = await seeded();
    const extract = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const data = toJson(extract.records);
    const tampered: CaseJson = {
      ...data,
      audit: data.audit.map((e, i) => (i === 1 ? { ...e, subject: 'edited' } : e)),
    };
    const fresh = await storage();
    const plan = value(await fresh.transfer.plan(tampered, extract.originals));
    expect(plan.incomingAudit).toMatchObject({ intact: false, length: data.audit.length });
    value(
      await fresh.transfer.commit(tampered, extract.originals, plan, {
        target: 'new-case',
        audit: AUDIT,
      }),
    );
    expect(await fresh.audit.verify(inv.caseId)).toMatchObject({
      ok: false,
      error: { brokenSeq: 1 },
    });
  });
});

describe('one transaction or nothing', () => {
  const AT = '2026-11-22T07:00:00.000Z';
  const owned = (caseId: string) => ({ caseId, createdAt: AT, updatedAt: AT });
  const entity = (caseId: string, id: string, name: string) => ({
    ...owned(caseId),
    id,
    type: 'Person' as const,
    name,
    aliases: [],
    attributes: {},
    notes: '',
  });

  // Regression: a kind with nothing to read used to let the transaction commit under later reads.
  test('cases with only some kinds (or none) plan and commit, new and merged, every time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const s = await storage();
      const empty = emptyCaseJson(`empty-${round}`);
      const onlyEntities = emptyCaseJson(`entities-${round}`, {
        entities: [entity(`entities-${round}`, `e-${round}`, 'Ada')],
      });
      const onlyClaims = emptyCaseJson(`claims-${round}`, {
        entities: [
          entity(`claims-${round}`, `s-${round}`, 'Ada'),
          entity(`claims-${round}`, `o-${round}`, 'Bob'),
        ],
        claims: [
          {
            ...owned(`claims-${round}`),
            id: `c-${round}`,
            subjectId: `s-${round}`,
            predicate: 'knows',
            object: { kind: 'entity', entityId: `o-${round}` },
            validTime: { kind: 'unknown' },
            evidence: [],
            credibility: 6,
            status: 'asserted',
            relations: [],
            note: '',
          },
        ],
      });
      for (const incoming of [empty, onlyEntities, onlyClaims]) {
        for (const target of ['new-case', 'merge'] as const) {
          const plan = value(await s.transfer.plan(incoming, new Map()));
          expect(plan.mode).toBe(target);
          value(await s.transfer.commit(incoming, new Map(), plan, { target, audit: AUDIT }));
        }
        expect(await s.audit.verify(incoming.case.id as never)).toMatchObject({
          ok: true,
          value: { length: 2 },
        });
      }
      expect(await s.db.claims.count()).toBe(1);
    }
  });

  test('a refusal found after records were written rolls every one of them back', async () => {
    const { s, inv } = await seeded();
    const extract = value(await s.transfer.extract(inv.caseId, { kind: 'all' }));
    const data = toJson(extract.records);
    const [search] = data.savedSearches;
    // Theirs renames "Payments" to a name another local saved search has meanwhile taken.
    value(await s.savedSearches.create(inv.caseId, { name: 'Money', query: 'EUR' }));
    const theirs: CaseJson = {
      ...data,
      entities: data.entities.map((e) => ({ ...e, notes: 'from the bundle' })),
      savedSearches: [{ ...search!, name: 'money' }],
    };
    const plan = value(await s.transfer.plan(theirs, extract.originals));
    const resolutions = Object.fromEntries(
      plan.conflicts.map((c) => [c.key, 'take-theirs' as const]),
    );
    await expectUnchanged(
      s,
      () =>
        s.transfer.commit(theirs, extract.originals, plan, {
          target: 'merge',
          audit: AUDIT,
          resolutions,
        }),
      'transfer.savedSearchNameTaken',
    );
  });
});
