/**
 * How hard the fuzz properties (tests/unit/fuzz) push, from one place.
 *
 * - `FUZZ_RUNS`: runs per property (default CI-sized); the soak run raises it.
 * - `FUZZ_SEED`: replay a reported failure (with `FUZZ_PATH`, both printed by fast-check).
 *   Without it the CI-sized run uses a fixed seed (the same inputs every time, so `npm test` is
 *   repeatable) and a raised `FUZZ_RUNS` draws a fresh one (the soak run explores).
 *
 * Time caps are hang guards, never speed checks: a run is refused only after many seconds.
 */
import vm from 'node:vm';
import fc from 'fast-check';

const CI_RUNS = 100;
const CI_SEED = 20_261_122;

function countFrom(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1, got ${JSON.stringify(raw)}`);
  }
  return value;
}

const requestedRuns = countFrom('FUZZ_RUNS');
const requestedSeed = countFrom('FUZZ_SEED');

/** Runs per property at weight 1. */
export const FUZZ_RUNS = requestedRuns ?? CI_RUNS;

/** Seed of every property in this process (fast-check prints it with any counterexample). */
export const FUZZ_SEED =
  requestedSeed ?? (requestedRuns === undefined ? CI_SEED : Math.floor(Math.random() * 2 ** 31));

/** Longest a single run may take before it counts as a hang. */
export const RUN_TIME_CAP_MS = 10_000;

export interface FuzzOptions {
  /**
   * Share of FUZZ_RUNS for this property: below 1 for costly runs (decryption, PDF), above 1
   * for cheap ones (a schema parse).
   */
  readonly weight?: number;
}

/**
 * fast-check parameters: the run count, the seed (and FUZZ_PATH to replay one counterexample),
 * and for async properties a per-run time cap. A synchronous run is capped by `withinTimeCap`.
 */
export function fuzzParameters(options: FuzzOptions = {}): fc.Parameters<unknown> {
  const numRuns = Math.max(1, Math.round(FUZZ_RUNS * (options.weight ?? 1)));
  const path = process.env.FUZZ_PATH;
  return {
    numRuns,
    seed: FUZZ_SEED,
    ...(path ? { path } : {}),
    plugins: [fc.timeout(RUN_TIME_CAP_MS)],
  };
}

// One context and one compiled call, reused: node:vm's timeout is the only way to stop a
// synchronous loop from inside the same thread (it terminates whatever JavaScript is running).
const capContext = vm.createContext({ run: undefined as (() => unknown) | undefined });
const capScript = new vm.Script('run()');

/** Runs `fn` synchronously; throws if it has not returned after `capMs` (a hang). */
export function withinTimeCap<T>(fn: () => T, capMs = RUN_TIME_CAP_MS): T {
  capContext.run = fn;
  try {
    return capScript.runInContext(capContext, { timeout: capMs }) as T;
  } finally {
    capContext.run = undefined;
  }
}
