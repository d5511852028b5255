import { describe, expect, test } from 'vitest';
import { asCaseId, asSavedSearchId, type CaseId } from '../../../src/core/model/ids';
import { MAX_SAVED_SEARCH_NAME_LENGTH } from '../../../src/core/ports/search';
import type { CasefileStorage } from '../../../src/db/open';
import { MAX_SAVED_SEARCH_QUERY_LENGTH } from '../../../src/db/savedSearchRepository';
import {
  closingStorages,
  countRows,
  expectRefused,
  newCase,
  reopenReadOnly,
  value,
} from './helpers';

const storage = closingStorages();

async function setUp(name?: string): Promise<{ s: CasefileStorage; caseId: CaseId }> {
  const s = await storage(name);
  return { s, caseId: await newCase(s) };
}

const missing = asSavedSearchId('5e1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');

describe('create, list, get', () => {
  test('a saved search is stored trimmed and recorded in the audit log', async () => {
    const { s, caseId } = await setUp();
    const saved = value(
      await s.savedSearches.create(caseId, { name: '  Wallets  ', query: ' bc1q* OR wallet ' }),
    );
    expect(saved).toMatchObject({ caseId, name: 'Wallets', query: 'bc1q* OR wallet' });
    expect(saved.createdAt).toBe(saved.updatedAt);
    expect(await s.savedSearches.get(saved.id)).toEqual(saved);
    const events = await s.audit.list(caseId);
    expect(events.at(-1)).toMatchObject({
      action: 'savedSearch.created',
      subject: saved.id,
      detail: { savedSearchId: saved.id, name: 'Wallets', query: 'bc1q* OR wallet' },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('lists the case’s searches most recently changed or run first, and only that case’s', async () => {
    const { s, caseId } = await setUp();
    const other = await newCase(s, 'Other case');
    const first = value(await s.savedSearches.create(caseId, { name: 'First', query: 'kim' }));
    const second = value(await s.savedSearches.create(caseId, { name: 'Second', query: 'nam' }));
    value(await s.savedSearches.create(other, { name: 'First', query: 'kim' }));
    expect((await s.savedSearches.list(caseId)).map((x) => x.name)).toEqual(['Second', 'First']);

    const eventsBefore = (await s.audit.list(caseId)).length;
    const touched = value(await s.savedSearches.touch(first.id));
    expect(touched.updatedAt > first.updatedAt).toBe(true);
    expect((await s.savedSearches.list(caseId)).map((x) => x.id)).toEqual([first.id, second.id]);
    expect((await s.audit.list(caseId)).length, 'running a search is not audited').toBe(
      eventsBefore,
    );
  });

  test('get of an unknown id is undefined', async () => {
    const { s } = await setUp();
    expect(await s.savedSearches.get(missing)).toBeUndefined();
  });
});

describe('bad input is refused and writes nothing', () => {
  test('create: empty, blank or over-long name; empty or over-long query; unknown case', async () => {
    const { s, caseId } = await setUp();
    const create = (name: string, query: string, inCase = caseId) =>
      s.savedSearches.create(inCase, { name, query });
    await expectRefused(s, () => create('', 'kim'), 'savedSearch.invalid');
    await expectRefused(s, () => create('   ', 'kim'), 'savedSearch.invalid');
    await expectRefused(
      s,
      () => create('x'.repeat(MAX_SAVED_SEARCH_NAME_LENGTH + 1), 'kim'),
      'savedSearch.invalid',
    );
    await expectRefused(s, () => create('Name', ''), 'savedSearch.invalid');
    await expectRefused(s, () => create('Name', '  \n '), 'savedSearch.invalid');
    await expectRefused(
      s,
      () => create('Name', 'k'.repeat(MAX_SAVED_SEARCH_QUERY_LENGTH + 1)),
      'savedSearch.invalid',
    );
    await expectRefused(
      s,
      () => create('Name', 'kim', asCaseId('4d1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50')),
      'case.notFound',
    );
    await expectRefused(
      s,
      () => s.savedSearches.create(caseId, { name: 42, query: 'kim' } as never),
      'savedSearch.invalid',
    );
  });

  test('the longest name and query are accepted', async () => {
    const { s, caseId } = await setUp();
    const saved = value(
      await s.savedSearches.create(caseId, {
        name: 'n'.repeat(MAX_SAVED_SEARCH_NAME_LENGTH),
        query: 'q'.repeat(MAX_SAVED_SEARCH_QUERY_LENGTH),
      }),
    );
    expect(saved.name).toHaveLength(MAX_SAVED_SEARCH_NAME_LENGTH);
  });

  test('a name already used in the case is refused, ignoring case and accents', async () => {
    const { s, caseId } = await setUp();
    value(await s.savedSearches.create(caseId, { name: 'Kim Jong Nam', query: 'kim' }));
    const taken = await s.savedSearches.create(caseId, { name: 'KÍM jong nám', query: 'nam' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'savedSearch.invalid' } });
    expect(!taken.ok && taken.error.message).toContain('already exists');
    await expectRefused(
      s,
      () => s.savedSearches.create(caseId, { name: ' kim jong nam ', query: 'x' }),
      'savedSearch.invalid',
    );
    expect(await s.savedSearches.list(caseId)).toHaveLength(1);
  });

  test('update: bad name, bad query, a taken name, an unknown id', async () => {
    const { s, caseId } = await setUp();
    const a = value(await s.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' }));
    value(await s.savedSearches.create(caseId, { name: 'Beta', query: 'nam' }));
    await expectRefused(
      s,
      () => s.savedSearches.update(a.id, { name: ' ' }),
      'savedSearch.invalid',
    );
    await expectRefused(
      s,
      () => s.savedSearches.update(a.id, { name: 'x'.repeat(MAX_SAVED_SEARCH_NAME_LENGTH + 1) }),
      'savedSearch.invalid',
    );
    await expectRefused(
      s,
      () => s.savedSearches.update(a.id, { query: '' }),
      'savedSearch.invalid',
    );
    await expectRefused(
      s,
      () => s.savedSearches.update(a.id, { query: 'q'.repeat(MAX_SAVED_SEARCH_QUERY_LENGTH + 1) }),
      'savedSearch.invalid',
    );
    await expectRefused(
      s,
      () => s.savedSearches.update(a.id, { name: 'béta' }),
      'savedSearch.invalid',
    );
    // A valid name with a bad query changes nothing either.
    await expectRefused(
      s,
      () => s.savedSearches.update(a.id, { name: 'Gamma', query: '' }),
      'savedSearch.invalid',
    );
    await expectRefused(
      s,
      () => s.savedSearches.update(missing, { name: 'x' }),
      'savedSearch.notFound',
    );
    await expectRefused(s, () => s.savedSearches.touch(missing), 'savedSearch.notFound');
    await expectRefused(s, () => s.savedSearches.delete(missing), 'savedSearch.notFound');
    expect(await s.savedSearches.get(a.id)).toEqual(a);
  });
});

describe('update and delete', () => {
  test('rename and change the query, recorded with the fields that changed', async () => {
    const { s, caseId } = await setUp();
    const a = value(await s.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' }));
    const renamed = value(await s.savedSearches.update(a.id, { name: 'Kim family' }));
    expect(renamed).toMatchObject({ name: 'Kim family', query: 'kim' });
    expect(renamed.updatedAt > a.updatedAt).toBe(true);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'savedSearch.updated',
      detail: { savedSearchId: a.id, fields: ['name'], previousName: 'Alpha' },
    });
    const requeried = value(await s.savedSearches.update(a.id, { query: 'kim OR nam' }));
    expect(requeried.query).toBe('kim OR nam');
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'savedSearch.updated',
      detail: { fields: ['query'], query: 'kim OR nam' },
    });
  });

  test('changing only the case or accents of its own name is allowed', async () => {
    const { s, caseId } = await setUp();
    const a = value(await s.savedSearches.create(caseId, { name: 'kim', query: 'kim' }));
    expect(value(await s.savedSearches.update(a.id, { name: 'Kím' })).name).toBe('Kím');
  });

  test('saving without changes writes nothing', async () => {
    const { s, caseId } = await setUp();
    const a = value(await s.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' }));
    const before = await countRows(s);
    const events = (await s.audit.list(caseId)).length;
    expect(value(await s.savedSearches.update(a.id, { name: ' Alpha ', query: 'kim' }))).toEqual(a);
    expect(await countRows(s)).toEqual(before);
    expect((await s.audit.list(caseId)).length).toBe(events);
  });

  test('delete removes it with an audit event', async () => {
    const { s, caseId } = await setUp();
    const a = value(await s.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' }));
    value(await s.savedSearches.delete(a.id));
    expect(await s.savedSearches.get(a.id)).toBeUndefined();
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'savedSearch.deleted',
      subject: a.id,
      detail: { savedSearchId: a.id, name: 'Alpha' },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('deleting the case deletes its saved searches, not other cases’', async () => {
    const { s, caseId } = await setUp();
    const other = await newCase(s, 'Other case');
    value(await s.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' }));
    const kept = value(await s.savedSearches.create(other, { name: 'Alpha', query: 'kim' }));
    value(await s.cases.delete(caseId));
    expect(await s.savedSearches.list(caseId)).toEqual([]);
    expect(await s.db.savedSearches.where('caseId').equals(caseId).count()).toBe(0);
    expect(await s.savedSearches.list(other)).toEqual([kept]);
  });

  test('read-only: storage.readOnly for every write, and reading still works', async () => {
    const { s, caseId } = await setUp();
    const a = value(await s.savedSearches.create(caseId, { name: 'Alpha', query: 'kim' }));
    const ro = await reopenReadOnly(s, (name) => storage(name));
    await expectRefused(
      ro,
      () => ro.savedSearches.create(caseId, { name: 'B', query: 'x' }),
      'storage.readOnly',
    );
    await expectRefused(ro, () => ro.savedSearches.update(a.id, { name: 'B' }), 'storage.readOnly');
    await expectRefused(ro, () => ro.savedSearches.touch(a.id), 'storage.readOnly');
    await expectRefused(ro, () => ro.savedSearches.delete(a.id), 'storage.readOnly');
    expect(await ro.savedSearches.list(caseId)).toEqual([a]);
  });
});
