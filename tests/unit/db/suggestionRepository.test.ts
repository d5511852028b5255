import { describe, expect, test } from 'vitest';
import { suggestionKey } from '../../../src/core/model/entity';
import {
  asEntityId,
  asSourceId,
  asSuggestionId,
  isUuid,
  type CaseId,
  type SuggestionId,
} from '../../../src/core/model/ids';
import type { Source, Suggestion, SuggestionCandidate } from '../../../src/core/model/records';
import type { CasefileStorage } from '../../../src/db/open';
import { MAX_SUGGESTIONS_PER_SOURCE } from '../../../src/db/suggestionRepository';
import {
  addSource,
  caseWithSource,
  closingStorages,
  countRows,
  dumpDatabase,
  expectRefused,
  newCase,
  rangeOf,
  reopenReadOnly,
  setSourceText,
  value,
} from './helpers';

const storage = closingStorages();

const MAIL =
  'Kim Jong Un met Kim Jong Nam in Macau. Payment went to hxxp://evil[.]example/pay ' +
  'from 203.0.113.7; Kim Jong Nam denied it. See CVE-2024-3094.';

interface Fixture {
  readonly s: CasefileStorage;
  readonly caseId: CaseId;
  readonly mail: Source;
}

async function setUp(): Promise<Fixture> {
  const { s, caseId, source } = await caseWithSource(storage, MAIL, { title: 'Intercepted mail' });
  return { s, caseId, mail: source };
}

function candidate(
  type: SuggestionCandidate['type'],
  raw: string,
  extra: Partial<SuggestionCandidate> & { nth?: number } = {},
): SuggestionCandidate {
  const { nth, ...rest } = extra;
  return {
    origin: 'name',
    type,
    value: raw,
    ...rangeOf(MAIL, raw, nth ?? 0),
    ...rest,
  };
}

const URL_CANDIDATE = candidate('URL', 'hxxp://evil[.]example/pay', {
  origin: 'indicator',
  value: 'http://evil.example/pay',
  detail: 'defanged',
});
const BASIC = [
  candidate('Person', 'Kim Jong Un'),
  candidate('Person', 'Kim Jong Nam'),
  candidate('Location', 'Macau'),
  URL_CANDIDATE,
  candidate('IPAddress', '203.0.113.7', { origin: 'indicator', detail: 'ipv4' }),
  candidate('Person', 'Kim Jong Nam', { nth: 1 }),
];

async function queued(f: Fixture, candidates = BASIC): Promise<Suggestion[]> {
  value(await f.s.suggestions.replaceForSource(f.mail.id, candidates));
  return [...(await f.s.suggestions.forSource(f.mail.id))];
}

function find(rows: readonly Suggestion[], raw: string, nth = 0): Suggestion {
  const found = rows.filter((row) => row.raw === raw)[nth];
  if (!found) throw new Error(`no suggestion "${raw}"`);
  return found;
}

describe('replaceForSource, forSource, pendingCounts', () => {
  test('stores candidates as pending, with the text as written; in text order', async () => {
    const f = await setUp();
    const result = await f.s.suggestions.replaceForSource(f.mail.id, [...BASIC].reverse());
    expect(result).toEqual({ ok: true, value: { added: 6, skippedRejected: 0 } });
    const rows = await f.s.suggestions.forSource(f.mail.id);
    expect(rows.map((row) => row.raw)).toEqual([
      'Kim Jong Un',
      'Kim Jong Nam',
      'Macau',
      'hxxp://evil[.]example/pay',
      '203.0.113.7',
      'Kim Jong Nam',
    ]);
    const url = find(rows, 'hxxp://evil[.]example/pay');
    expect(isUuid(url.id)).toBe(true);
    expect(url).toEqual({
      ...URL_CANDIDATE,
      id: url.id,
      caseId: f.caseId,
      sourceId: f.mail.id,
      createdAt: url.createdAt,
      updatedAt: url.createdAt,
      raw: 'hxxp://evil[.]example/pay',
      status: 'pending',
    });
    expect(await f.s.suggestions.pendingCounts(f.caseId)).toEqual(new Map([[f.mail.id, 6]]));
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'suggestions.replaced',
      subject: f.mail.id,
      detail: { sourceId: f.mail.id, added: 6, removedPending: 0, skippedRejected: 0 },
    });
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });

  test('a new run replaces the pending ones and keeps what was decided', async () => {
    const f = await setUp();
    const rows = await queued(f);
    value(await f.s.suggestions.accept([find(rows, 'Macau').id]));
    value(await f.s.suggestions.reject([find(rows, '203.0.113.7').id]));

    const again = await f.s.suggestions.replaceForSource(f.mail.id, BASIC);
    // Macau: accepted at that place; the IP: rejected; the rest replaced.
    expect(again).toEqual({ ok: true, value: { added: 4, skippedRejected: 1 } });
    const after = await f.s.suggestions.forSource(f.mail.id);
    expect(after.map((row) => [row.raw, row.status])).toEqual([
      ['Kim Jong Un', 'pending'],
      ['Kim Jong Nam', 'pending'],
      ['Macau', 'accepted'],
      ['hxxp://evil[.]example/pay', 'pending'],
      ['203.0.113.7', 'rejected'],
      ['Kim Jong Nam', 'pending'],
    ]);
    expect(after.filter((row) => row.status === 'pending').map((row) => row.id)).not.toContain(
      find(rows, 'Kim Jong Un').id,
    );
    expect(await f.s.suggestions.pendingCounts(f.caseId)).toEqual(new Map([[f.mail.id, 4]]));
  });

  test('skips ranges already tagged as a mention of an entity of that type, and duplicates', async () => {
    const f = await setUp();
    value(
      await f.s.passages.create(f.caseId, {
        sourceId: f.mail.id,
        kind: 'mention',
        ...rangeOf(MAIL, 'Macau'),
        newEntity: { type: 'Location', name: 'Macau' },
      }),
    );
    const result = await f.s.suggestions.replaceForSource(f.mail.id, [
      candidate('Location', 'Macau'),
      // Same place, other type: a different proposal.
      candidate('Organization', 'Macau'),
      candidate('Person', 'Kim Jong Un'),
      candidate('Person', 'Kim Jong Un'),
    ]);
    expect(result).toEqual({ ok: true, value: { added: 2, skippedRejected: 0 } });
    expect((await f.s.suggestions.forSource(f.mail.id)).map((r) => [r.type, r.raw])).toEqual([
      ['Person', 'Kim Jong Un'],
      ['Organization', 'Macau'],
    ]);
  });

  test('values too long to name an entity are skipped; an empty run clears the queue', async () => {
    const f = await setUp();
    await queued(f);
    const long = { ...URL_CANDIDATE, value: `http://evil.example/${'p'.repeat(400)}` };
    expect(await f.s.suggestions.replaceForSource(f.mail.id, [long])).toEqual({
      ok: true,
      value: { added: 0, skippedRejected: 0 },
    });
    expect(await f.s.suggestions.forSource(f.mail.id)).toEqual([]);
    const before = await countRows(f.s);
    value(await f.s.suggestions.replaceForSource(f.mail.id, []));
    expect(await countRows(f.s), 'nothing to replace: nothing written').toEqual(before);
  });

  describe('a malformed candidate refuses the whole batch; the queue is kept', () => {
    const good = candidate('Location', 'Macau');
    test.each<[string, unknown, string]>([
      ['a range past the end', { ...good, end: MAIL.length + 1 }, 'suggestion.candidateInvalid'],
      ['a negative start', { ...good, start: -1 }, 'suggestion.candidateInvalid'],
      ['an empty range', { ...good, end: good.start }, 'suggestion.candidateInvalid'],
      ['a fractional offset', { ...good, end: 3.5 }, 'suggestion.candidateInvalid'],
      ['a white-space range', { ...good, ...rangeOf(MAIL, ' ') }, 'suggestion.candidateInvalid'],
      ['an unknown type', { ...good, type: 'Spaceship' }, 'suggestion.candidateInvalid'],
      ['an empty value', { ...good, value: '  ' }, 'suggestion.candidateInvalid'],
      ['an unknown origin', { ...good, origin: 'guess' }, 'suggestion.candidateInvalid'],
      ['an entity id that is not one', { ...good, entityId: 'x' }, 'suggestion.candidateInvalid'],
      ['not an object', null, 'suggestion.candidateInvalid'],
    ])('%s', async (_label, bad, code) => {
      const f = await setUp();
      const before = await queued(f);
      await expectRefused(
        f.s,
        () =>
          f.s.suggestions.replaceForSource(f.mail.id, [
            candidate('Person', 'Kim Jong Un'),
            bad as SuggestionCandidate,
          ]),
        code,
      );
      expect(await f.s.suggestions.forSource(f.mail.id)).toEqual(before);
    });
  });

  test('the error names the malformed result by its place in the batch', async () => {
    const f = await setUp();
    const long = { ...URL_CANDIDATE, value: 'x'.repeat(400) }; // skipped, still counted
    const result = await f.s.suggestions.replaceForSource(f.mail.id, [
      long,
      candidate('Location', 'Macau'),
      { ...candidate('Location', 'Macau'), end: MAIL.length + 5 },
    ]);
    expect(result.ok === false && result.error.message).toContain('Extraction result 3 ');
  });

  test('more than the cap per source is refused: suggestion.tooMany', async () => {
    const s = await storage();
    const caseId = await newCase(s);
    const text = 'x'.repeat(MAX_SUGGESTIONS_PER_SOURCE + 1);
    const source = await addSource(s, caseId, text);
    const many = Array.from(
      { length: MAX_SUGGESTIONS_PER_SOURCE + 1 },
      (_, i): SuggestionCandidate => ({
        origin: 'name',
        type: 'Person',
        value: `x${i}`,
        start: i,
        end: i + 1,
      }),
    );
    await expectRefused(
      s,
      () => s.suggestions.replaceForSource(source.id, many),
      'suggestion.tooMany',
    );
  });

  test('an unknown source', async () => {
    const f = await setUp();
    await expectRefused(
      f.s,
      () => f.s.suggestions.replaceForSource(asSourceId(globalThis.crypto.randomUUID()), BASIC),
      'suggestion.sourceNotFound',
    );
  });
});

describe('accept', () => {
  test('creates the entity (refanged value) and a mention of the text as written', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const url = find(rows, 'hxxp://evil[.]example/pay');
    const accepted = value(await f.s.suggestions.accept([url.id]));
    expect(accepted.createdEntities).toEqual([
      expect.objectContaining({ caseId: f.caseId, type: 'URL', name: 'http://evil.example/pay' }),
    ]);
    const [passage] = accepted.passages;
    expect(passage).toMatchObject({
      kind: 'mention',
      sourceId: f.mail.id,
      entityId: accepted.createdEntities[0]?.id,
      quote: { exact: 'hxxp://evil[.]example/pay' },
      position: { start: url.start, end: url.end },
    });
    expect(await f.s.passages.get(passage!.id)).toEqual(passage);
    expect(find(await f.s.suggestions.forSource(f.mail.id), url.raw)).toMatchObject({
      status: 'accepted',
      passageId: passage?.id,
    });
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'suggestions.accepted',
      detail: {
        suggestionIds: [url.id],
        passageIds: [passage?.id],
        createdEntities: [
          {
            entityId: accepted.createdEntities[0]?.id,
            type: 'URL',
            name: 'http://evil.example/pay',
          },
        ],
      },
    });
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });

  test('two suggestions with the same value make one entity and two mentions', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const [first, second] = rows.filter((row) => row.raw === 'Kim Jong Nam');
    const accepted = value(await f.s.suggestions.accept([second!.id, first!.id]));
    expect(accepted.createdEntities.map((e) => e.name)).toEqual(['Kim Jong Nam']);
    expect(accepted.passages.map((p) => p.entityId)).toEqual([
      accepted.createdEntities[0]?.id,
      accepted.createdEntities[0]?.id,
    ]);
    expect((await f.s.entities.list(f.caseId)).map((e) => [e.name, e.mentionCount])).toEqual([
      ['Kim Jong Nam', 2],
    ]);
  });

  test('an existing entity whose name or alias reads the same is reused ("Kim Jong-un")', async () => {
    const f = await setUp();
    const kim = value(
      await f.s.entities.create(f.caseId, {
        type: 'Person',
        name: 'Marshal Kim',
        aliases: ['Kim Jong-un'],
      }),
    );
    const nam = value(
      await f.s.entities.create(f.caseId, { type: 'Person', name: 'KIM JONG-NAM' }),
    );
    // Same name, other type: not the same entity.
    value(await f.s.entities.create(f.caseId, { type: 'Location', name: 'Kim Jong Un' }));
    const rows = await queued(f);
    const accepted = value(
      await f.s.suggestions.accept([find(rows, 'Kim Jong Un').id, find(rows, 'Kim Jong Nam').id]),
    );
    expect(accepted.createdEntities).toEqual([]);
    expect(accepted.passages.map((p) => p.entityId)).toEqual([kim.id, nam.id]);
  });

  test('a mention of a known entity goes to that entity, or to what it was merged into', async () => {
    const f = await setUp();
    const nam = value(await f.s.entities.create(f.caseId, { type: 'Person', name: 'KJN' }));
    const survivor = value(await f.s.entities.create(f.caseId, { type: 'Person', name: 'Kim' }));
    const rows = await queued(f, [
      candidate('Person', 'Kim Jong Nam', { origin: 'known', entityId: nam.id }),
      candidate('Person', 'Kim Jong Un', { origin: 'known', entityId: nam.id }),
    ]);
    const first = value(await f.s.suggestions.accept([find(rows, 'Kim Jong Nam').id]));
    expect(first.passages[0]?.entityId).toBe(nam.id);
    value(await f.s.entities.merge(survivor.id, nam.id));
    const second = value(await f.s.suggestions.accept([find(rows, 'Kim Jong Un').id]));
    expect(second.passages[0]?.entityId).toBe(survivor.id);
    expect(second.createdEntities).toEqual([]);
  });

  test('a place tagged by hand meanwhile is not tagged twice', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const macau = value(
      await f.s.passages.create(f.caseId, {
        sourceId: f.mail.id,
        kind: 'mention',
        ...rangeOf(MAIL, 'Macau'),
        newEntity: { type: 'Location', name: 'Macau' },
      }),
    );
    const accepted = value(await f.s.suggestions.accept([find(rows, 'Macau').id]));
    expect(accepted.passages).toEqual([macau]);
    expect(await f.s.db.passages.count()).toBe(1);
  });

  test('all or nothing: one bad suggestion in the batch refuses it', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const ok = find(rows, 'Macau').id;
    const decided = find(rows, 'Kim Jong Un');
    value(await f.s.suggestions.reject([decided.id]));
    const other = await newCase(f.s, 'Other');
    const otherSource = await addSource(f.s, other, MAIL);
    value(await f.s.suggestions.replaceForSource(otherSource.id, [candidate('Location', 'Macau')]));
    const [elsewhere] = await f.s.suggestions.forSource(otherSource.id);
    const missing = asSuggestionId(globalThis.crypto.randomUUID());
    await expectRefused(f.s, () => f.s.suggestions.accept([ok, missing]), 'suggestion.notFound');
    await expectRefused(
      f.s,
      () => f.s.suggestions.accept([ok, decided.id]),
      'suggestion.notPending',
    );
    await expectRefused(
      f.s,
      () => f.s.suggestions.accept([ok, elsewhere!.id]),
      'suggestion.mixedCases',
    );
  });

  test('is atomic: a failure at the last step stores no entity, passage or status', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const before = await dumpDatabase(f.s.db.name);
    f.s.db.suggestions.hook('updating', () => {
      throw new Error('disk unplugged');
    });
    const result = await f.s.suggestions.accept(rows.map((row) => row.id));
    expect(result).toMatchObject({ ok: false, error: { code: 'storage.writeFailed' } });
    expect(await dumpDatabase(f.s.db.name)).toEqual(before);
  });

  test('a suggestion whose text changed since is stale', async () => {
    const f = await setUp();
    const rows = await queued(f);
    await setSourceText(f.s, f.mail.id, MAIL.replace('Macau', 'Seoul'));
    await expectRefused(
      f.s,
      () => f.s.suggestions.accept([find(rows, 'Kim Jong Un').id, find(rows, 'Macau').id]),
      'suggestion.stale',
    );
  });

  test('a mention of a known entity deleted since', async () => {
    const f = await setUp();
    const gone = value(await f.s.entities.create(f.caseId, { type: 'Person', name: 'KJN' }));
    const rows = await queued(f, [
      candidate('Person', 'Kim Jong Nam', { origin: 'known', entityId: asEntityId(gone.id) }),
    ]);
    // Deleting the entity takes its pending suggestions; put one back as if it had raced.
    value(await f.s.entities.delete(gone.id));
    await f.s.db.suggestions.add(rows[0]!);
    await expectRefused(
      f.s,
      () => f.s.suggestions.accept([rows[0]!.id]),
      'suggestion.entityNotFound',
    );
  });
});

describe('reject, setType, unreject', () => {
  test('rejects, remembers the value for the case, and rejects it elsewhere in the case too', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const second = await addSource(f.s, f.caseId, `Later: ${MAIL}`, { title: 'Second mail' });
    value(
      await f.s.suggestions.replaceForSource(second.id, [
        {
          ...candidate('Person', 'Kim Jong Nam'),
          start: 7 + MAIL.indexOf('Kim Jong Nam'),
          end: 7 + MAIL.indexOf('Kim Jong Nam') + 12,
        },
        {
          ...candidate('Location', 'Macau'),
          start: 7 + MAIL.indexOf('Macau'),
          end: 7 + MAIL.indexOf('Macau') + 5,
        },
      ]),
    );
    expect(await f.s.suggestions.reject([find(rows, 'Kim Jong Nam').id])).toEqual({
      ok: true,
      value: undefined,
    });
    const statuses = (await f.s.db.suggestions.toArray())
      .filter((row) => row.raw === 'Kim Jong Nam')
      .map((row) => row.status);
    expect(statuses).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await f.s.db.rejections.toArray()).toEqual([
      {
        caseId: f.caseId,
        key: suggestionKey('Person', 'Kim Jong Nam'),
        type: 'Person',
        value: 'Kim Jong Nam',
        createdAt: find(await f.s.suggestions.forSource(f.mail.id), 'Kim Jong Nam').updatedAt,
      },
    ]);
    expect(await f.s.suggestions.pendingCounts(f.caseId)).toEqual(
      new Map([
        [f.mail.id, 4],
        [second.id, 1],
      ]),
    );
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'suggestions.rejected',
      detail: { rejected: [{ type: 'Person', value: 'Kim Jong Nam' }] },
    });

    // Idempotent: rejecting again writes nothing.
    const before = await countRows(f.s);
    value(await f.s.suggestions.reject([find(rows, 'Kim Jong Nam').id]));
    expect(await countRows(f.s)).toEqual(before);

    // Remembered: the next run does not propose it again, in any source of the case.
    expect(await f.s.suggestions.replaceForSource(f.mail.id, BASIC)).toEqual({
      ok: true,
      value: { added: 4, skippedRejected: 2 },
    });
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });

  test('an accepted suggestion cannot be rejected; unknown ids are refused', async () => {
    const f = await setUp();
    const rows = await queued(f);
    value(await f.s.suggestions.accept([find(rows, 'Macau').id]));
    await expectRefused(
      f.s,
      () => f.s.suggestions.reject([find(rows, 'Kim Jong Un').id, find(rows, 'Macau').id]),
      'suggestion.notPending',
    );
    await expectRefused(
      f.s,
      () => f.s.suggestions.reject([asSuggestionId(globalThis.crypto.randomUUID())]),
      'suggestion.notFound',
    );
  });

  test('setType changes a pending suggestion’s type (and drops a known entity)', async () => {
    const f = await setUp();
    const kim = value(await f.s.entities.create(f.caseId, { type: 'Person', name: 'Macau' }));
    const rows = await queued(f, [
      candidate('Person', 'Macau', { origin: 'known', entityId: kim.id }),
    ]);
    const changed = value(await f.s.suggestions.setType(rows[0]!.id, 'Location'));
    expect(changed).toMatchObject({ type: 'Location', origin: 'known' });
    expect(changed).not.toHaveProperty('entityId');
    expect(await f.s.db.suggestions.get(rows[0]!.id)).toEqual(changed);
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'suggestion.typeChanged',
      detail: { from: 'Person', to: 'Location' },
    });
    const accepted = value(await f.s.suggestions.accept([changed.id]));
    expect(accepted.createdEntities.map((e) => [e.type, e.name])).toEqual([['Location', 'Macau']]);
  });

  test('setType refuses unknown types, decided and unknown suggestions; a no-op writes nothing', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const macau = find(rows, 'Macau');
    await expectRefused(
      f.s,
      () => f.s.suggestions.setType(macau.id, 'Planet' as never),
      'entity.typeUnknown',
    );
    await expectRefused(
      f.s,
      () => f.s.suggestions.setType(asSuggestionId(globalThis.crypto.randomUUID()), 'Location'),
      'suggestion.notFound',
    );
    const before = await countRows(f.s);
    expect(value(await f.s.suggestions.setType(macau.id, 'Location'))).toEqual(macau);
    expect(await countRows(f.s)).toEqual(before);
    value(await f.s.suggestions.reject([macau.id]));
    await expectRefused(
      f.s,
      () => f.s.suggestions.setType(macau.id, 'Organization'),
      'suggestion.notPending',
    );
  });

  test('unreject forgets the rejection and reopens its suggestions', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const key = suggestionKey('Location', 'Macau');
    value(await f.s.suggestions.reject([find(rows, 'Macau').id]));
    expect(await f.s.suggestions.unreject(f.caseId, key)).toEqual({ ok: true, value: undefined });
    expect(await f.s.db.rejections.count()).toBe(0);
    expect(find(await f.s.suggestions.forSource(f.mail.id), 'Macau').status).toBe('pending');
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'suggestion.unrejected',
      detail: { type: 'Location', value: 'Macau' },
    });
    expect(await f.s.suggestions.replaceForSource(f.mail.id, BASIC)).toEqual({
      ok: true,
      value: { added: 6, skippedRejected: 0 },
    });
    await expectRefused(
      f.s,
      () => f.s.suggestions.unreject(f.caseId, key),
      'suggestion.rejectionNotFound',
    );
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
  });
});

describe('a database written by a newer app (read-only)', () => {
  test('every suggestion write is refused with storage.readOnly; reads still work', async () => {
    const f = await setUp();
    const rows = await queued(f);
    const ids: SuggestionId[] = [rows[0]!.id];
    const s = await reopenReadOnly(f.s, (name) => storage(name));
    const before = await countRows(s);
    const refused = { ok: false, error: { code: 'storage.readOnly' } };
    expect(await s.suggestions.replaceForSource(f.mail.id, BASIC)).toMatchObject(refused);
    expect(await s.suggestions.accept(ids)).toMatchObject(refused);
    expect(await s.suggestions.reject(ids)).toMatchObject(refused);
    expect(await s.suggestions.setType(ids[0]!, 'Location')).toMatchObject(refused);
    expect(await s.suggestions.unreject(f.caseId, 'x')).toMatchObject(refused);
    expect(await countRows(s)).toEqual(before);
    expect(await s.suggestions.forSource(f.mail.id)).toEqual(rows);
    expect(await s.suggestions.pendingCounts(f.caseId)).toEqual(new Map([[f.mail.id, 6]]));
  });
});
