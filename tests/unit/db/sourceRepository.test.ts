import { describe, expect, test } from 'vitest';
import type { SourceDraft } from '../../../src/core/ingest/draft';
import { asCaseId, asSourceId, isUuid, type CaseId } from '../../../src/core/model/ids';
import type { Source } from '../../../src/core/model/records';
import type { ImportSourceInput, SourceChanges } from '../../../src/core/ports/repositories';
import type { CasefileStorage } from '../../../src/db/open';
import { DATA_FORMAT_VERSION, FORMAT_VERSION_KEY } from '../../../src/db/schema';
import {
  aCase,
  aClaim,
  aPassage,
  aRejection,
  aSource,
  aSourceContent,
  aSourceDraft,
  aSuggestion,
  sha256Of,
} from '../../fixtures/builders';
import {
  closingStorages,
  countRows,
  dumpDatabase,
  expectRefused,
  freshDbName,
  openTestStorage,
  value,
} from './helpers';

const storage = closingStorages();

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function newCase(s: CasefileStorage, title = 'Harbour fuel diversion'): Promise<CaseId> {
  return value(await s.cases.create({ title })).id;
}

/** An import of `content` (the file's bytes) with a correct hash. */
function input(
  content: string | Uint8Array,
  draft: Partial<SourceDraft> = {},
  extra: Partial<Omit<ImportSourceInput, 'draft' | 'bytes' | 'sha256'>> = {},
): ImportSourceInput {
  const bytes = typeof content === 'string' ? encode(content) : content;
  return { draft: aSourceDraft(draft), bytes, sha256: sha256Of(bytes), ...extra };
}

async function importText(
  s: CasefileStorage,
  caseId: CaseId,
  content: string,
  draft: Partial<SourceDraft> = {},
  extra: Partial<Omit<ImportSourceInput, 'draft' | 'bytes' | 'sha256'>> = {},
): Promise<Source> {
  return value(await s.sources.import(caseId, input(content, draft, extra)));
}

describe('import', () => {
  test('stores the original, the source (metadata only), its content and an audit event', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const bytes = encode('Delivery note 4471: 40,000 litres signed for at berth 7.');
    const draft = aSourceDraft({
      title: '  Delivery note 4471 ',
      html: '<p>Delivery note 4471</p>',
      warnings: ['Trailing bytes were not valid UTF-8.'],
    });
    const source = value(
      await s.sources.import(caseId, {
        draft,
        bytes,
        sha256: sha256Of(bytes),
        capturedAt: '2026-01-05T10:04:00.000Z',
      }),
    );

    expect(isUuid(source.id)).toBe(true);
    expect(source).toEqual({
      id: source.id,
      caseId,
      createdAt: '2026-01-01T09:00:01.000Z',
      updatedAt: '2026-01-01T09:00:01.000Z',
      title: 'Delivery note 4471',
      kind: 'text',
      sha256: sha256Of(bytes),
      byteLength: bytes.byteLength,
      mediaType: 'text/plain',
      provenance: { fileName: 'delivery-4471.txt', capturedAt: '2026-01-05T10:04:00.000Z' },
      reliability: 'F',
      warnings: ['Trailing bytes were not valid UTF-8.'],
    });
    expect(await s.sources.get(source.id)).toEqual(source);
    expect(await s.sources.content(source.id)).toEqual({
      id: source.id,
      caseId,
      text: draft.text,
      structure: draft.structure,
      html: '<p>Delivery note 4471</p>',
    });
    expect(await s.db.blobs.get(source.sha256)).toEqual({
      sha256: source.sha256,
      bytes,
      byteLength: bytes.byteLength,
      createdAt: source.createdAt,
    });
    const events = await s.audit.list(caseId);
    expect(events.map((e) => [e.action, e.subject, e.detail])).toEqual([
      ['case.created', caseId, { title: 'Harbour fuel diversion' }],
      [
        'source.imported',
        source.id,
        {
          sourceId: source.id,
          sha256: source.sha256,
          title: 'Delivery note 4471',
          kind: 'text',
          fileName: 'delivery-4471.txt',
        },
      ],
    ]);
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('a capture date in the draft wins over the one given; no content HTML when none', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const source = await importText(
      s,
      caseId,
      'x',
      { provenance: { fileName: 'x.txt', capturedAt: '2025-12-01' } },
      { capturedAt: '2026-01-05T10:04:00.000Z' },
    );
    expect(source.provenance.capturedAt).toBe('2025-12-01');
    expect(await s.sources.content(source.id)).not.toHaveProperty('html');
  });

  test.each([
    ['', { fileName: 'scan-0001.pdf' }, 'scan-0001.pdf'],
    ['   ', {}, 'Untitled source'],
    ['Subject:\r\n\tfolded   over lines', {}, 'Subject: folded over lines'],
    ['t'.repeat(600), {}, 't'.repeat(500)],
    [`${'t'.repeat(499)}😀`, {}, 't'.repeat(499)],
  ])('title %j (provenance %j) becomes %j', async (title, provenance, expected) => {
    const s = await storage();
    const caseId = await newCase(s);
    expect((await importText(s, caseId, 'x', { title, provenance })).title).toBe(expected);
  });

  test('re-importing the same bytes into a case is allowed (one blob); findBySha256 detects it', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const other = await newCase(s, 'Other');
    const first = await importText(s, caseId, 'same bytes');
    expect(await s.sources.findBySha256(caseId, first.sha256)).toEqual(first);
    expect(await s.sources.findBySha256(other, first.sha256)).toBeUndefined();

    // Whether a duplicate is wanted is the caller's decision; import itself stores it again.
    const second = await importText(s, caseId, 'same bytes');
    expect(second.id).not.toBe(first.id);
    expect(await s.db.sources.count()).toBe(2);
    expect(await s.db.sourceContents.count()).toBe(2);
    expect(await s.db.blobs.count()).toBe(1);
    expect([first.id, second.id]).toContain(
      (await s.sources.findBySha256(caseId, first.sha256))?.id,
    );
  });

  test('the same bytes in two cases share one blob', async () => {
    const s = await storage();
    const a = await newCase(s, 'A');
    const b = await newCase(s, 'B');
    const inA = await importText(s, a, 'the same PDF');
    const inB = await importText(s, b, 'the same PDF');
    expect(inA.sha256).toBe(inB.sha256);
    expect(await s.db.blobs.count()).toBe(1);
    expect((await s.db.blobs.get(inA.sha256))?.createdAt).toBe(inA.createdAt);
  });

  test('a hash that does not match the bytes is refused and nothing is written', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const before = await dumpDatabase(s.db.name);
    const result = await s.sources.import(caseId, {
      ...input('what was read'),
      sha256: sha256Of('what was hashed'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'source.hash.mismatch' } });
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('an unknown case is refused and nothing is written', async () => {
    const s = await storage();
    await newCase(s);
    const before = await dumpDatabase(s.db.name);
    const result = await s.sources.import(asCaseId(globalThis.crypto.randomUUID()), input('x'));
    expect(result).toMatchObject({ ok: false, error: { code: 'case.notFound' } });
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('a parent that is unknown or in another case is refused and nothing is written', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const other = await newCase(s, 'Other');
    const elsewhere = await importText(s, other, 'message in another case');
    const before = await dumpDatabase(s.db.name);
    for (const parentId of [asSourceId(globalThis.crypto.randomUUID()), elsewhere.id]) {
      const result = await s.sources.import(caseId, input('attachment', {}, { parentId }));
      expect(result).toMatchObject({ ok: false, error: { code: 'source.parent.notFound' } });
    }
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('an attachment records its parent, in the row and the audit event', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const message = await importText(s, caseId, 'From: a@b.invalid', { kind: 'eml' });
    const attachment = await importText(
      s,
      caseId,
      'date,litres',
      { provenance: { fileName: 'schedule.csv' } },
      { parentId: message.id },
    );
    expect(attachment.parentId).toBe(message.id);
    expect((await s.audit.list(caseId)).at(-1)?.detail).toMatchObject({ parentId: message.id });
  });

  test('originals round-trip byte for byte; a view into a larger buffer stores only its bytes', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
    const source = value(await s.sources.import(caseId, input(everyByte)));
    const back = await s.sources.original(source.sha256);
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Array.from(back ?? [])).toEqual(Array.from(everyByte));

    const message = new Uint8Array(4096).fill(0x41);
    message.set(encode('attached'), 1000);
    const view = message.subarray(1000, 1008);
    const attached = value(await s.sources.import(caseId, input(view)));
    const stored = await s.sources.original(attached.sha256);
    expect(new TextDecoder().decode(stored)).toBe('attached');
    expect(stored?.buffer.byteLength).toBe(8);
    expect(attached.byteLength).toBe(8);
  });

  test('content round-trips text, structure and HTML exactly', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const text = 'Première ligne.\n\nZweite Zeile — 第三行 😀';
    const structure = {
      pages: [{ start: 0, end: text.length }],
      paragraphs: [
        { start: 0, end: 15 },
        { start: 17, end: text.length },
      ],
    };
    const html = '<h1 onclick="alert(1)">Untrusted</h1>';
    const source = await importText(s, caseId, 'original', { text, structure, html });
    expect(await s.sources.content(source.id)).toEqual({
      id: source.id,
      caseId,
      text,
      structure,
      html,
    });
  });

  test('saves use strict durability', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const durabilities: (string | undefined)[] = [];
    const original = s.db.core.transaction.bind(s.db.core);
    s.db.core.transaction = (stores, mode, options) => {
      if (mode === 'readwrite') durabilities.push(options?.durability);
      return original(stores, mode, options);
    };
    const source = await importText(s, caseId, 'durable');
    value(await s.sources.update(source.id, { title: 'Durable' }));
    value(await s.sources.delete(source.id));
    expect(durabilities).toEqual(['strict', 'strict', 'strict']);
  });
});

describe('a database written by a newer app (read-only)', () => {
  test('every source write is refused with storage.readOnly and nothing is written', async () => {
    const name = freshDbName();
    const first = await openTestStorage(name);
    const caseId = await newCase(first);
    const source = await importText(first, caseId, 'kept');
    await first.db.meta.put({ key: FORMAT_VERSION_KEY, value: DATA_FORMAT_VERSION + 1 });
    first.close();

    const s = await storage(name);
    expect(s.mode.kind).toBe('read-only');
    const before = await dumpDatabase(name);
    const refused = { ok: false, error: { code: 'storage.readOnly' } };
    expect(await s.sources.import(caseId, input('new'))).toMatchObject(refused);
    expect(await s.sources.update(source.id, { title: 'Renamed' })).toMatchObject(refused);
    expect(await s.sources.delete(source.id)).toMatchObject(refused);
    expect(await dumpDatabase(name)).toEqual(before);
    // Reading still works.
    expect((await s.sources.list(caseId)).map((row) => row.id)).toEqual([source.id]);
    expect((await s.sources.content(source.id))?.text).toBe(aSourceDraft().text);
  });
});

describe('list', () => {
  test('summaries of the case only, newest first, with passage counts and without texts', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const other = await newCase(s, 'Other');
    const older = await importText(s, caseId, 'older');
    const newer = await importText(s, caseId, 'newer');
    const untouched = await importText(s, caseId, 'untouched');
    const elsewhere = await importText(s, other, 'older');
    await s.db.passages.bulkAdd([
      aPassage({ caseId, sourceId: older.id }),
      aPassage({ caseId, sourceId: older.id }),
      aPassage({ caseId, sourceId: older.id }),
      aPassage({ caseId, sourceId: newer.id }),
      aPassage({ caseId: other, sourceId: elsewhere.id }),
    ]);
    // Editing a source makes it the most recent.
    const edited = value(await s.sources.update(older.id, { reliability: 'B' }));

    const listed = await s.sources.list(caseId);
    expect(listed).toEqual([
      { ...edited, passageCount: 3 },
      { ...untouched, passageCount: 0 },
      { ...newer, passageCount: 1 },
    ]);
    for (const row of listed) {
      expect(Object.keys(row)).not.toContain('text');
      expect(Object.keys(row)).not.toContain('structure');
      expect(Object.keys(row)).not.toContain('html');
    }
    expect(await s.sources.list(asCaseId(globalThis.crypto.randomUUID()))).toEqual([]);
  });

  test('lists 10,000 sources', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const start = Date.UTC(2026, 0, 1);
    const sources = Array.from({ length: 10_000 }, (_, i) => {
      const at = new Date(start + i * 1000).toISOString();
      return aSource({ caseId, title: `Source ${i}`, createdAt: at, updatedAt: at });
    });
    await s.db.sources.bulkAdd(sources);
    await s.db.sourceContents.bulkAdd(sources.map((source) => aSourceContent(source)));
    await s.db.passages.bulkAdd(
      Array.from({ length: 500 }, (_, i) => aPassage({ caseId, sourceId: sources[i % 100]!.id })),
    );
    const listed = await s.sources.list(caseId);
    expect(listed).toHaveLength(10_000);
    expect(listed[0]?.title).toBe('Source 9999');
    expect(listed.at(-1)?.title).toBe('Source 0');
    expect(listed.reduce((sum, row) => sum + row.passageCount, 0)).toBe(500);
    expect(listed.at(-1)?.passageCount).toBe(5);
    expect(listed.some((row) => 'text' in row)).toBe(false);
  });
});

describe('update', () => {
  test('changes title, reliability and provenance; bumps updatedAt; records the fields', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const source = await importText(s, caseId, 'x', {
      provenance: { fileName: 'x.txt', author: 'Dispatch' },
    });
    const updated = value(
      await s.sources.update(source.id, {
        title: '  Delivery note 4471 (signed) ',
        reliability: 'B',
        provenance: {
          url: ' https://harbour.invalid/notes/4471 ',
          publisher: 'Harbour authority',
          publishedAt: '2025-12-03',
          modifiedAt: '2025-12-04T08:15:00+01:00',
          author: '',
        },
      }),
    );
    expect(updated).toEqual({
      ...source,
      title: 'Delivery note 4471 (signed)',
      reliability: 'B',
      provenance: {
        fileName: 'x.txt',
        url: 'https://harbour.invalid/notes/4471',
        publisher: 'Harbour authority',
        publishedAt: '2025-12-03',
        modifiedAt: '2025-12-04T08:15:00+01:00',
      },
      updatedAt: '2026-01-01T09:00:02.000Z',
    });
    expect(await s.sources.get(source.id)).toEqual(updated);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'source.updated',
      subject: source.id,
      detail: {
        sourceId: source.id,
        fields: [
          'provenance.author',
          'provenance.modifiedAt',
          'provenance.publishedAt',
          'provenance.publisher',
          'provenance.url',
          'reliability',
          'title',
        ],
      },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test("'' clears a field; only the changed fields are recorded", async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const source = await importText(s, caseId, 'x', {
      provenance: { fileName: 'x.txt', url: 'https://a.invalid/' },
    });
    const updated = value(
      await s.sources.update(source.id, {
        title: source.title,
        provenance: { url: '', publisher: undefined },
      }),
    );
    expect(updated.provenance).toEqual({ fileName: 'x.txt' });
    expect((await s.audit.list(caseId)).at(-1)?.detail).toEqual({
      sourceId: source.id,
      fields: ['provenance.url'],
    });
  });

  test('an update that changes nothing writes nothing', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const source = await importText(s, caseId, 'x', {
      provenance: { fileName: 'x.txt', url: 'https://a.invalid/' },
    });
    const before = await dumpDatabase(s.db.name);
    const noOps: SourceChanges[] = [
      {},
      { title: ` ${source.title} ` },
      { reliability: 'F' },
      { provenance: { url: 'https://a.invalid/', author: '' } },
      // Not editable: the file name and e-mail headers are evidence.
      {
        provenance: {
          fileName: 'renamed.txt',
          email: { to: [], cc: [] },
        } as SourceChanges['provenance'],
      },
    ];
    for (const changes of noOps) {
      expect(value(await s.sources.update(source.id, changes))).toEqual(source);
    }
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test.each<[string, SourceChanges, string]>([
    ['empty title', { title: '  ' }, 'source.title.empty'],
    ['long title', { title: 'x'.repeat(501) }, 'source.title.tooLong'],
    ['reliability G', { reliability: 'G' as never }, 'source.reliability.invalid'],
    ['javascript: URL', { provenance: { url: 'javascript:alert(1)' } }, 'source.url.invalid'],
    ['relative URL', { provenance: { url: '/notes/4471' } }, 'source.url.invalid'],
    ['file URL', { provenance: { url: 'file:///etc/passwd' } }, 'source.url.invalid'],
    ['free-text date', { provenance: { publishedAt: '3 Dec 2025' } }, 'source.date.invalid'],
    ['impossible date', { provenance: { capturedAt: '2025-02-30' } }, 'source.date.invalid'],
    ['bad time', { provenance: { modifiedAt: '2025-12-03T25:00' } }, 'source.date.invalid'],
    ['long author', { provenance: { author: 'a'.repeat(1001) } }, 'source.provenance.tooLong'],
    [
      'long URL',
      { provenance: { url: `https://a.invalid/${'a'.repeat(1000)}` } },
      'source.provenance.tooLong',
    ],
  ])('%s is refused with %s and changes nothing', async (_label, changes, code) => {
    const s = await storage();
    const caseId = await newCase(s);
    const source = await importText(s, caseId, 'x');
    const before = await dumpDatabase(s.db.name);
    // A valid change alongside the bad one is not applied either.
    const result = await s.sources.update(source.id, { reliability: 'A', ...changes });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('updating a missing source is source.notFound', async () => {
    const s = await storage();
    const result = await s.sources.update(asSourceId(globalThis.crypto.randomUUID()), {
      title: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'source.notFound' } });
  });
});

/** A case with an e-mail, its attachment, a nested attachment, and passages on each. */
async function seedMessageWithAttachments(s: CasefileStorage, caseId: CaseId) {
  const message = await importText(s, caseId, 'From: dispatch@harbour.invalid', { kind: 'eml' });
  const attachment = await importText(
    s,
    caseId,
    'attached e-mail',
    { kind: 'eml' },
    { parentId: message.id },
  );
  // Same bytes as a source that stays: its blob must survive.
  const nested = await importText(s, caseId, 'shared original', {}, { parentId: attachment.id });
  await s.db.passages.bulkAdd([
    aPassage({ caseId, sourceId: message.id }),
    aPassage({ caseId, sourceId: attachment.id }),
    aPassage({ caseId, sourceId: nested.id }),
    aPassage({ caseId, sourceId: nested.id }),
  ]);
  return { message, attachment, nested };
}

describe('delete', () => {
  test('removes the source, its attachments recursively, their contents and passages, and unused blobs', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const other = await newCase(s, 'Other');
    const { message, attachment, nested } = await seedMessageWithAttachments(s, caseId);
    const sibling = await importText(s, caseId, 'unrelated');
    const siblingPassage = aPassage({ caseId, sourceId: sibling.id });
    await s.db.passages.add(siblingPassage);
    const sharer = await importText(s, other, 'shared original');

    const result = await s.sources.delete(message.id);
    // 3 sources + 3 contents + 4 passages + 2 blobs (message, attachment; not the shared one).
    expect(result).toEqual({ ok: true, value: { removedRecords: 12 } });

    for (const gone of [message, attachment, nested]) {
      expect(await s.sources.get(gone.id)).toBeUndefined();
      expect(await s.sources.content(gone.id)).toBeUndefined();
    }
    expect(await s.sources.original(message.sha256)).toBeUndefined();
    expect(await s.sources.original(attachment.sha256)).toBeUndefined();
    expect(await s.sources.original(nested.sha256)).toBeDefined();
    expect(await s.db.passages.toArray()).toEqual([siblingPassage]);
    expect((await s.sources.list(caseId)).map((row) => row.id)).toEqual([sibling.id]);
    expect((await s.sources.list(other)).map((row) => row.id)).toEqual([sharer.id]);

    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'source.deleted',
      subject: message.id,
      detail: {
        sourceId: message.id,
        title: message.title,
        sha256: message.sha256,
        attachmentIds: [attachment.id, nested.id],
        removedRecords: 12,
      },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('refused while a passage of it or of its attachments is evidence: source.evidenceCited', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const { message, nested } = await seedMessageWithAttachments(s, caseId);
    const [cited] = await s.db.passages.where('sourceId').equals(nested.id).toArray();
    const claim = aClaim({ caseId, evidence: [cited!.id] });
    await s.db.claims.add(claim);
    for (const id of [message.id, nested.id]) {
      await expectRefused(s, () => s.sources.delete(id), 'source.evidenceCited');
    }
    const refused = await s.sources.delete(message.id);
    expect(refused.ok ? '' : refused.error.message).toContain('or its attachments');
    // Once the claim no longer cites it, the source goes.
    await s.db.claims.put({ ...claim, evidence: [] });
    expect((await s.sources.delete(message.id)).ok).toBe(true);
  });

  test('deleting an attachment leaves its message; the last user of a blob takes it', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const { message, attachment, nested } = await seedMessageWithAttachments(s, caseId);
    value(await s.sources.delete(attachment.id));
    expect(await s.sources.get(message.id)).toEqual(message);
    expect(await s.sources.get(nested.id)).toBeUndefined();
    expect(await s.sources.original(nested.sha256)).toBeUndefined();
    expect(await s.db.passages.count()).toBe(1);
  });

  test('is atomic: a failure half-way removes nothing', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const { message } = await seedMessageWithAttachments(s, caseId);
    const before = await dumpDatabase(s.db.name);
    // Blobs go after passages, contents and sources have been deleted: make that step fail.
    s.db.blobs.hook('deleting', () => {
      throw new Error('disk unplugged');
    });
    const result = await s.sources.delete(message.id);
    expect(result).toMatchObject({ ok: false, error: { code: 'storage.writeFailed' } });
    expect(result.ok === false && result.error.message).toContain('disk unplugged');
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });

  test('deleting a missing source is source.notFound and removes nothing', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    await seedMessageWithAttachments(s, caseId);
    const before = await dumpDatabase(s.db.name);
    const result = await s.sources.delete(asSourceId(globalThis.crypto.randomUUID()));
    expect(result).toMatchObject({ ok: false, error: { code: 'source.notFound' } });
    expect(await dumpDatabase(s.db.name)).toEqual(before);
  });
});

describe('delete and suggestions', () => {
  test('removes the review queues of the source and its attachments; rejections stay', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const { message, attachment } = await seedMessageWithAttachments(s, caseId);
    const sibling = await importText(s, caseId, 'unrelated');
    const kept = aSuggestion({ caseId, sourceId: sibling.id });
    await s.db.suggestions.bulkAdd([
      aSuggestion({ caseId, sourceId: message.id }),
      aSuggestion({ caseId, sourceId: message.id, status: 'rejected' }),
      aSuggestion({ caseId, sourceId: attachment.id, status: 'accepted' }),
      kept,
    ]);
    const rejection = aRejection({ caseId });
    await s.db.rejections.add(rejection);

    const result = await s.sources.delete(message.id);
    // 3 sources + 3 contents + 4 passages + 3 suggestions + 3 blobs (none shared here).
    expect(result).toEqual({ ok: true, value: { removedRecords: 16 } });
    expect(await s.db.suggestions.toArray()).toEqual([kept]);
    expect(await s.db.rejections.toArray()).toEqual([rejection]);
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });
});

describe('case delete', () => {
  test('removes the contents of the case’s sources too', async () => {
    const s = await storage();
    const doomed = await newCase(s, 'Doomed');
    const kept = aCase({ title: 'Kept' });
    await s.db.cases.add(kept);
    await seedMessageWithAttachments(s, doomed);
    const keptSource = await importText(s, kept.id, 'kept');
    expect(await s.db.sourceContents.count()).toBe(4);

    value(await s.cases.delete(doomed));
    expect(await s.db.sourceContents.toArray()).toEqual([await s.sources.content(keptSource.id)]);
    expect(await countRows(s)).toMatchObject({ sources: 1, sourceContents: 1, blobs: 1 });
  });
});

describe('importMany (bulk import)', () => {
  test('stores a batch in one go, refusing only the input that fails its checks', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const bad = { ...input('tampered'), sha256: input('something else').sha256 };
    const results = await s.sources.importMany(caseId, [
      input('first article', { title: 'First' }),
      bad,
      input('third article', { title: 'Third' }),
    ]);
    expect(results.map((r) => (r.ok ? r.value.title : r.error.code))).toEqual([
      'First',
      'source.hash.mismatch',
      'Third',
    ]);
    expect((await s.sources.list(caseId)).map((x) => x.title).sort()).toEqual(['First', 'Third']);
    expect(await s.audit.verify(caseId)).toMatchObject({ ok: true });
  });

  test('refuses the whole batch, storing nothing, when the case does not exist', async () => {
    const s = await storage();
    const missing = asCaseId(crypto.randomUUID());
    const results = await s.sources.importMany(missing, [input('a'), input('b')]);
    expect(results.every((r) => !r.ok && r.error.code === 'case.notFound')).toBe(true);
    const counts = await countRows(s);
    expect([counts.sources, counts.blobs, counts.sourceContents]).toEqual([0, 0, 0]);
  });
});

describe('children', () => {
  test('lists a message’s attachments, and nothing for a source without any', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const message = await importText(s, caseId, 'the message', { title: 'Tip' });
    await importText(s, caseId, 'ledger', { title: 'ledger.txt' }, { parentId: message.id });
    await importText(s, caseId, 'photo', { title: 'photo.png' }, { parentId: message.id });
    await importText(s, caseId, 'unrelated', { title: 'Other' });
    expect((await s.sources.children(message.id)).map((c) => c.title).sort()).toEqual([
      'ledger.txt',
      'photo.png',
    ]);
    const [attachment] = await s.sources.children(message.id);
    expect(await s.sources.children(attachment!.id)).toEqual([]);
  });
});
