import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, CLAIM_STATUS_LABELS, gradeBand } from '../../../src/core';

describe('gradeBand', () => {
  it.each([
    ['A1', 'good'],
    ['B2', 'good'],
    ['A3', 'fair'],
    ['C1', 'fair'],
    ['C3', 'fair'],
    ['B4', 'weak'],
    ['D1', 'weak'],
    ['F6', 'weak'],
  ] as const)('%s is %s', (grade, band) => {
    expect(gradeBand(grade)).toBe(band);
  });
});

describe('CLAIM_STATUS_LABELS', () => {
  it('names every claim status', () => {
    expect(Object.keys(CLAIM_STATUS_LABELS).sort()).toEqual([...CLAIM_STATUSES].sort());
  });
});
