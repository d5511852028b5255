/**
 * Fuzzing CaseTransfer (src/db/caseTransfer.ts), the one way imports land: a real case's
 * case.json and originals, mutated (records removed, replaced, repeated, given stray keys;
 * originals dropped or altered), planned, then committed with a right or wrong target and all,
 * some or none of the conflict resolutions, sometimes with other records than were planned.
 * Invariants: never a throw; every refusal is a typed error; a refused plan or commit leaves the
 * database byte-for-byte unchanged (dumpDatabase before and after).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CaseJson } from '../../../src/core/bundle/bundle';
import type { ConflictResolution, TransferCommitOptions } from '../../../src/core/ports/transfer';
import type { CasefileStorage } from '../../../src/db/open';
import type { Result } from '../../../src/shared/result';
import { dumpDatabase, freshDbName, openTestStorage, value } from '../db/helpers';
import { seedInvestigation } from '../db/transferSeed';
import { importInto, valueOf } from '../core/interop/stixImportSupport';
import { fromSample, mutatedBytes, mutatedJson } from '../../fuzz/arbitraries';
import { fuzzParameters } from '../../fuzz/runs';

let storage: CasefileStorage;
let records: unknown;
let originals: ReadonlyMap<string, Uint8Array>;
/** A case not in the database (the OpenCTI sample feed, imported): a new-case plan. */
let newCaseRecords: unknown;
let newCaseOriginals: ReadonlyMap<string, Uint8Array>;

beforeAll(async () => {
  storage = await openTestStorage(freshDbName());
  const { caseId } = await seedInvestigation(storage);
  const extract = value(await storage.transfer.extract(caseId, { kind: 'all' }));
  // As it comes out of a bundle: plain JSON.
  records = JSON.parse(JSON.stringify(extract.records));
  originals = extract.originals;
  const stix = readFileSync(
    new URL('../../fixtures/interop/stix-opencti-bundle.json', import.meta.url),
  );
  const imported = valueOf(await importInto(new Uint8Array(stix)));
  newCaseRecords = JSON.parse(JSON.stringify(imported.records));
  newCaseOriginals = imported.originals;
});
afterAll(() => storage.close());

/** The sample's originals, now and then one dropped or altered. */
const someOf = (sample: () => ReadonlyMap<string, Uint8Array>) =>
  fromSample(() => {
    const entries = [...sample()];
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(new Map(entries)) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.nat({ max: entries.length - 1 }), fc.boolean())
          .chain(([i, drop]) => {
            const [hash, bytes] = entries[i] ?? ['', new Uint8Array()];
            const rest = entries.filter((_, j) => j !== i);
            return drop
              ? fc.constant(new Map(rest))
              : mutatedBytes(bytes, 2).map((altered) => new Map([...rest, [hash, altered]]));
          }),
      },
    );
  });

interface CommitChoice {
  readonly target: 'planned' | 'new-case' | 'merge' | 'replace';
  readonly resolutions: 'all' | 'some' | 'none';
  readonly resolution: ConflictResolution;
  /** Commit other (mutated) records than were planned. */
  readonly swap: unknown;
}

const commitChoice = (sample: () => unknown): fc.Arbitrary<CommitChoice> =>
  fc.record({
    target: fc.constantFrom('planned', 'new-case', 'merge', 'replace'),
    resolutions: fc.constantFrom('all', 'some', 'none'),
    resolution: fc.constantFrom<ConflictResolution>('keep-mine', 'take-theirs'),
    swap: fc.option(
      fromSample(() => mutatedJson(sample(), 2)),
      { freq: 4 },
    ),
  });

function expectTyped(result: Result<unknown>): void {
  if (result.ok) return;
  expect(result.error.code).toMatch(/^[a-z]+(\.[A-Za-z]+)+$/);
  expect(result.error.message.trim().length).toBeGreaterThan(0);
}

const UUID = /[0-9a-f]{8}(?=-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

/**
 * `value` with the first group of every UUID in it replaced by `prefix` (ids stay consistent), so
 * a run plans a new case; without a prefix, as is (its ids may be taken by an earlier run's case).
 */
function withFreshIds(value: unknown, prefix: string | null): unknown {
  const text = JSON.stringify(value) ?? 'null';
  return JSON.parse(prefix === null ? text : text.replace(UUID, prefix)) as unknown;
}

/** Plans, then commits as `choice` says; a refusal at either step must leave no trace. */
async function planAndCommit(
  incoming: unknown,
  files: ReadonlyMap<string, Uint8Array>,
  choice: CommitChoice,
): Promise<void> {
  const before = (await dumpDatabase(storage.db)).json;
  const planned = await storage.transfer.plan(incoming as CaseJson, files);
  expectTyped(planned);
  if (!planned.ok) {
    expect((await dumpDatabase(storage.db)).json, 'plan wrote nothing').toBe(before);
    return;
  }
  const plan = planned.value;
  const conflicts =
    choice.resolutions === 'all'
      ? plan.conflicts
      : choice.resolutions === 'some'
        ? plan.conflicts.slice(1)
        : [];
  const options: TransferCommitOptions = {
    target: choice.target === 'planned' ? plan.mode : choice.target,
    resolutions: Object.fromEntries(conflicts.map((c) => [c.key, choice.resolution])),
    audit: { action: 'fuzz.imported', subject: 'fuzz', detail: {} },
  };
  const committed = await storage.transfer.commit(
    (choice.swap ?? incoming) as CaseJson,
    files,
    plan,
    options,
  );
  expectTyped(committed);
  // A commit that succeeded changed the database; the next run starts from that.
  if (!committed.ok) {
    expect((await dumpDatabase(storage.db)).json, 'commit wrote nothing').toBe(before);
  }
}

describe('fuzz: CaseTransfer plan and commit', () => {
  test('the case itself, mutated (merge plans): a refused plan or commit writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fromSample(() => mutatedJson(records)),
        someOf(() => originals),
        commitChoice(() => records),
        planAndCommit,
      ),
      // Each run dumps the whole database two or three times.
      fuzzParameters({ weight: 0.5 }),
    );
  });

  test('another case, mutated (new-case plans): a refused plan or commit writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fromSample(() =>
          fc.tuple(
            mutatedJson(newCaseRecords),
            fc.option(
              fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0')),
              { freq: 4 },
            ),
          ),
        ).map(([value, prefix]) => withFreshIds(value, prefix)),
        someOf(() => newCaseOriginals),
        commitChoice(() => newCaseRecords),
        planAndCommit,
      ),
      fuzzParameters({ weight: 0.5 }),
    );
  });
});
