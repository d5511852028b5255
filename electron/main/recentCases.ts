import { join } from 'node:path';
import { z } from 'zod';
import {
  recentCaseId,
  recentCaseOpenedRequest,
  type RecentCaseOpenedRequest,
} from '../../src/shared/ipc/channels';
import { parseUnknown } from '../../src/shared/parse';
import { ok, type Result } from '../../src/shared/result';
import { readJsonFile, writeJsonFileAtomically } from './jsonFile';

/** How many cases File → Open Recent lists. */
export const MAX_RECENT_CASES = 10;

export const RECENT_CASES_FILE = 'recent-cases.json';

export interface RecentCase {
  readonly id: string;
  readonly title: string;
}

const recentCasesFile = z
  .object({
    version: z.literal(1),
    cases: z.array(recentCaseOpenedRequest).max(100),
  })
  .strict();

/**
 * File → Open Recent, kept in `<userData>/recent-cases.json`: ids and titles only (the titles are
 * already in the IndexedDB beside it). A damaged file means an empty list, never a failed start.
 */
export interface RecentCasesStore {
  list(): readonly RecentCase[];
  /** Puts the case first (once). An invalid id or title is refused and changes nothing. */
  add(entry: RecentCaseOpenedRequest): Result<readonly RecentCase[]>;
  /** Drops a case (e.g. it was deleted); refused for an invalid id. */
  remove(id: string): Result<readonly RecentCase[]>;
  clear(): void;
}

export function createRecentCasesStore(userDataDir: string): RecentCasesStore {
  const path = join(userDataDir, RECENT_CASES_FILE);
  const saved = readJsonFile(path, recentCasesFile, 'recent cases');
  if (!saved.ok && saved.error.code !== 'settings.missing') console.warn(saved.error.message);
  // Dedupe and cap a hand-edited file too.
  let cases: RecentCase[] = saved.ok ? dedupe(saved.value.cases) : [];

  function save(next: RecentCase[]): readonly RecentCase[] {
    cases = next;
    const written = writeJsonFileAtomically(path, { version: 1, cases });
    if (!written.ok) console.warn(written.error.message);
    return cases;
  }

  return {
    list: () => cases,
    add(raw) {
      const entry = parseUnknown(
        recentCaseOpenedRequest,
        raw,
        'recentCases.invalid',
        'recent case',
      );
      if (!entry.ok) return entry;
      return ok(save(dedupe([entry.value, ...cases])));
    },
    remove(id) {
      const valid = parseUnknown(recentCaseId, id, 'recentCases.invalid', 'recent case id');
      if (!valid.ok) return valid;
      return ok(save(cases.filter((entry) => entry.id !== id)));
    },
    clear() {
      save([]);
    },
  };
}

function dedupe(entries: readonly RecentCase[]): RecentCase[] {
  const seen = new Set<string>();
  const kept: RecentCase[] = [];
  for (const entry of entries) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    kept.push({ id: entry.id, title: entry.title });
  }
  return kept.slice(0, MAX_RECENT_CASES);
}
