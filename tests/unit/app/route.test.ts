import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../src/app/route';

const id = '6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a10';

describe('hash routes', () => {
  it('round-trips the case list and case areas', () => {
    expect(parseRoute('#/cases')).toEqual({ page: 'cases' });
    expect(parseRoute(`#/case/${id}/activity`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'activity',
    });
    expect(formatRoute(parseRoute(`#/case/${id}/overview`))).toBe(`#/case/${id}/overview`);
  });

  it('falls back safely on anything unexpected', () => {
    expect(parseRoute('')).toEqual({ page: 'cases' });
    expect(parseRoute('#/case/not-a-uuid/overview')).toEqual({ page: 'cases' });
    expect(parseRoute(`#/case/${id}/nowhere`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'overview',
    });
  });
});
