import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRecentCasesStore,
  MAX_RECENT_CASES,
  RECENT_CASES_FILE,
} from '../../../electron/main/recentCases';
import { MAX_RECENT_TITLE_LENGTH } from '../../../src/shared/ipc/channels';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-recent-'));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const idOf = (n: number) => `0b7c6f7e-2c1e-4d7a-9a52-${String(n).padStart(12, '0')}`;
const saved = async () =>
  JSON.parse(await readFile(join(dir, RECENT_CASES_FILE), 'utf8')) as unknown;

describe('recent cases', () => {
  it('starts empty, puts the latest first, once, and keeps it on disk', async () => {
    const store = createRecentCasesStore(dir);
    expect(store.list()).toEqual([]);
    store.add({ id: idOf(1), title: 'Harbour Street' });
    store.add({ id: idOf(2), title: 'Quay' });
    const again = store.add({ id: idOf(1), title: 'Harbour Street (renamed)' });
    expect(again).toEqual({
      ok: true,
      value: [
        { id: idOf(1), title: 'Harbour Street (renamed)' },
        { id: idOf(2), title: 'Quay' },
      ],
    });
    expect(await saved()).toEqual({ version: 1, cases: again.ok ? again.value : [] });
    // A new start reads the same list back.
    expect(createRecentCasesStore(dir).list()).toEqual(store.list());
    // Written through a temporary file that is renamed: none left behind.
    expect(await readdir(dir)).toEqual([RECENT_CASES_FILE]);
  });

  it(`keeps the ${MAX_RECENT_CASES} most recent`, () => {
    const store = createRecentCasesStore(dir);
    for (let n = 1; n <= MAX_RECENT_CASES + 3; n++) store.add({ id: idOf(n), title: `Case ${n}` });
    expect(store.list()).toHaveLength(MAX_RECENT_CASES);
    expect(store.list()[0]!.id).toBe(idOf(MAX_RECENT_CASES + 3));
    expect(store.list().at(-1)!.id).toBe(idOf(4));
  });

  it('refuses a too long or empty title and a bad id, and changes nothing', async () => {
    const store = createRecentCasesStore(dir);
    store.add({ id: idOf(1), title: 'Harbour Street' });
    const before = await saved();
    const long = store.add({ id: idOf(2), title: 'x'.repeat(MAX_RECENT_TITLE_LENGTH + 1) });
    expect(long.ok ? undefined : long.error).toEqual({
      code: 'recentCases.invalid',
      message: expect.stringContaining('"title"') as string,
    });
    expect(store.add({ id: idOf(2), title: '   ' }).ok).toBe(false);
    const badId = store.add({ id: '../../etc/passwd', title: 'x' });
    expect(badId.ok ? undefined : badId.error.message).toMatch(/"id".*case id/);
    expect(store.add({ id: idOf(2), title: 'x', extra: 1 } as never).ok).toBe(false);
    expect(store.remove('not-an-id').ok).toBe(false);
    expect(store.list()).toEqual([{ id: idOf(1), title: 'Harbour Street' }]);
    expect(await saved()).toEqual(before);
  });

  it('drops a case that no longer exists, and clears', () => {
    const store = createRecentCasesStore(dir);
    store.add({ id: idOf(1), title: 'A' });
    store.add({ id: idOf(2), title: 'B' });
    expect(store.remove(idOf(1))).toEqual({ ok: true, value: [{ id: idOf(2), title: 'B' }] });
    store.clear();
    expect(store.list()).toEqual([]);
    expect(createRecentCasesStore(dir).list()).toEqual([]);
  });

  it.each([
    ['not JSON', '{ "version": 1, "cases": ['],
    ['the wrong shape', JSON.stringify({ version: 1, cases: [{ id: 'x', title: 'y' }] })],
    ['a newer version', JSON.stringify({ version: 2, cases: [] })],
    ['a bare array', '[]'],
  ])('reads a file holding %s as an empty list, not a crash', async (_what, text) => {
    await writeFile(join(dir, RECENT_CASES_FILE), text);
    const store = createRecentCasesStore(dir);
    expect(store.list()).toEqual([]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/recent cases/));
    // And it can be used (and repaired) at once.
    store.add({ id: idOf(1), title: 'A' });
    expect(createRecentCasesStore(dir).list()).toEqual([{ id: idOf(1), title: 'A' }]);
  });

  it('ignores an oversized file without parsing it', async () => {
    await writeFile(join(dir, RECENT_CASES_FILE), ' '.repeat(300 * 1024));
    expect(createRecentCasesStore(dir).list()).toEqual([]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/too large/));
  });

  it('dedupes and caps a hand-edited file', async () => {
    const cases = Array.from({ length: 30 }, (_, n) => ({ id: idOf(n % 15), title: `C${n}` }));
    await writeFile(join(dir, RECENT_CASES_FILE), JSON.stringify({ version: 1, cases }));
    const list = createRecentCasesStore(dir).list();
    expect(list).toHaveLength(MAX_RECENT_CASES);
    expect(new Set(list.map((entry) => entry.id)).size).toBe(MAX_RECENT_CASES);
  });

  it('keeps working in memory when the folder cannot be written', () => {
    const store = createRecentCasesStore(join(dir, 'missing-folder'));
    expect(store.add({ id: idOf(1), title: 'A' }).ok).toBe(true);
    expect(store.list()).toHaveLength(1);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/Could not save/));
  });
});
