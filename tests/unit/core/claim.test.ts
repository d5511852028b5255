import { describe, expect, it } from 'vitest';
import {
  INFORMATION_CREDIBILITY,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  admiraltyCode,
  asSourceId,
  claimGrade,
  isSingleSource,
  validateValidTime,
} from '../../../src/core';

const sankei = asSourceId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a10');
const reuters = asSourceId('0b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a11');

describe('Admiralty grading of claims', () => {
  it('defines every credibility grade', () => {
    for (const grade of INFORMATION_CREDIBILITY) {
      expect(INFORMATION_CREDIBILITY_DEFINITIONS[grade].definition.length).toBeGreaterThan(20);
    }
  });

  it('combines reliability and credibility into the code', () => {
    expect(admiraltyCode('B', 2)).toBe('B2');
    expect(admiraltyCode('F', 6)).toBe('F6');
  });

  it('grades a claim by its best evidence source, and not at all without evidence', () => {
    expect(claimGrade(['C', 'B', 'E'], 2)).toBe('B2');
    expect(claimGrade(['F'], 3)).toBe('F3');
    expect(claimGrade([], 1)).toBeUndefined();
  });

  it('marks a claim single-source when all its evidence comes from one source', () => {
    expect(isSingleSource([sankei, sankei])).toBe(true);
    expect(isSingleSource([])).toBe(true);
    expect(isSingleSource([sankei, reuters])).toBe(false);
  });
});

describe('valid time', () => {
  it('accepts unknown, full and partial dates, and open intervals', () => {
    expect(validateValidTime({ kind: 'unknown' })).toEqual({
      ok: true,
      value: { kind: 'unknown' },
    });
    expect(validateValidTime({ kind: 'date', date: ' 2016-02 ' })).toEqual({
      ok: true,
      value: { kind: 'date', date: '2016-02' },
    });
    expect(validateValidTime({ kind: 'interval', start: '2016-02-04' })).toEqual({
      ok: true,
      value: { kind: 'interval', start: '2016-02-04' },
    });
    // A month contains its days: February 2016 to 2016-02-05 is a valid interval.
    expect(validateValidTime({ kind: 'interval', start: '2016-02', end: '2016-02-05' }).ok).toBe(
      true,
    );
  });

  it.each([
    [{ kind: 'interval', start: '2016-02-05', end: '2016-02-04' }, 'claim.intervalReversed'],
    [{ kind: 'interval', start: '2017', end: '2016-12' }, 'claim.intervalReversed'],
    [{ kind: 'interval' }, 'claim.intervalEmpty'],
    [{ kind: 'date', date: '04/02/2016' }, 'claim.dateInvalid'],
    [{ kind: 'date', date: '2023-02-30' }, 'claim.dateInvalid'],
    [{ kind: 'interval', start: '2016-13' }, 'claim.dateInvalid'],
  ] as const)('refuses %j with %s', (time, code) => {
    expect(validateValidTime(time)).toMatchObject({ ok: false, error: { code } });
  });
});
