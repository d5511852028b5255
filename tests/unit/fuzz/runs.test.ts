/** The fuzz suite's own guards (tests/fuzz/runs.ts): the hang caps really stop a hang. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FUZZ_RUNS, fuzzParameters, withinTimeCap } from '../../fuzz/runs';

describe('fuzz guards', () => {
  test('withinTimeCap stops a synchronous endless loop with an error', () => {
    expect(() =>
      withinTimeCap(() => {
        for (;;) {
          // A parser stuck on hostile input.
        }
      }, 50),
    ).toThrow(/timed out/);
  });

  test('withinTimeCap returns what the function returns, and passes its errors on', () => {
    expect(withinTimeCap(() => [1, 2].map((n) => n * 2))).toEqual([2, 4]);
    expect(() =>
      withinTimeCap(() => {
        throw new RangeError('bad input');
      }),
    ).toThrow(RangeError);
  });

  test('an async property that never settles fails on the per-run cap', async () => {
    const details = await fc.check(
      fc.asyncProperty(fc.nat(), () => new Promise<void>(() => undefined)),
      { numRuns: 1, plugins: [fc.timeout(50)] },
    );
    expect(details.failed).toBe(true);
  });

  test('runs come from FUZZ_RUNS, scaled by weight, at least one', () => {
    expect(fuzzParameters().numRuns).toBe(FUZZ_RUNS);
    expect(fuzzParameters({ weight: 0 }).numRuns).toBe(1);
    expect(fuzzParameters({ weight: 2 }).numRuns).toBe(FUZZ_RUNS * 2);
  });
});
