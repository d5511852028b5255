import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { asCaseId } from '../../../src/core/model/ids';
import { SEARCH_DB_NAME, createSearchSnapshotStore } from '../../../src/db/searchSnapshotStore';
import { freshDbName } from './helpers';

const caseA = asCaseId('0a1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const caseB = asCaseId('0b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');

const snapshot = (tag: string, keys: readonly string[]) => ({
  manifest: `{"tag":"${tag}"}`,
  chunks: keys.map((key) => ({ key, data: `${tag}:${key}` })),
});

let stores: { close(): void }[] = [];
afterEach(() => {
  for (const store of stores) store.close();
  stores = [];
});
function openStore(name = freshDbName()) {
  const store = createSearchSnapshotStore({ name });
  stores.push(store);
  return store;
}

describe('createSearchSnapshotStore', () => {
  it('is its own database, apart from the case database', () => {
    expect(SEARCH_DB_NAME).toBe('casefile-search');
  });

  it('loads nothing when nothing was saved', async () => {
    expect(await openStore().load(caseA)).toBeUndefined();
  });

  it('saves and loads a snapshot per case, chunks in their listed order', async () => {
    const name = freshDbName();
    const store = openStore(name);
    await store.save(caseA, snapshot('a', ['z', '1.map', '1.reg']));
    await store.save(caseB, snapshot('b', ['x']));
    store.close();

    const reopened = openStore(name);
    expect(await reopened.load(caseA)).toEqual(snapshot('a', ['z', '1.map', '1.reg']));
    expect(await reopened.load(caseB)).toEqual(snapshot('b', ['x']));
  });

  it('replaces a snapshot whole: chunks of the old one do not survive', async () => {
    const store = openStore();
    await store.save(caseA, snapshot('old', ['1', '2', '3']));
    await store.save(caseA, snapshot('new', ['2']));
    expect(await store.load(caseA)).toEqual(snapshot('new', ['2']));
  });

  it('removes one case and leaves the others', async () => {
    const store = openStore();
    await store.save(caseA, snapshot('a', ['1']));
    await store.save(caseB, snapshot('b', ['1']));
    await store.remove(caseA);
    await store.remove(caseA); // twice is fine
    expect(await store.load(caseA)).toBeUndefined();
    expect(await store.load(caseB)).toEqual(snapshot('b', ['1']));
    expect(await store.caseIds()).toEqual([caseB]);
  });

  it('a chunk missing on disk is left out of the load (for the engine to notice)', async () => {
    const name = freshDbName();
    const store = openStore(name);
    await store.save(caseA, snapshot('a', ['1', '2']));
    const raw = new Dexie(name);
    await raw.open();
    await raw.table('chunks').delete([caseA, '1']);
    raw.close();
    expect(await store.load(caseA)).toEqual({
      manifest: '{"tag":"a"}',
      chunks: [{ key: '2', data: 'a:2' }],
    });
  });
});
