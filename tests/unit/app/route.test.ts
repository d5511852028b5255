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

  it('carries the open source and passage, or the open entity', () => {
    const other = '0b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a11';
    expect(parseRoute(`#/case/${id}/sources/${other}/${id}`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'sources',
      sourceId: other,
      passageId: id,
    });
    expect(formatRoute(parseRoute(`#/case/${id}/sources/${other}/${id}`))).toBe(
      `#/case/${id}/sources/${other}/${id}`,
    );
    expect(parseRoute(`#/case/${id}/entities/${other}`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'entities',
      entityId: other,
    });
    expect(formatRoute(parseRoute(`#/case/${id}/entities/${other}`))).toBe(
      `#/case/${id}/entities/${other}`,
    );
    for (const [area, key] of [
      ['claims', 'claimId'],
      ['chart', 'chartId'],
      ['notes', 'noteId'],
    ] as const) {
      expect(parseRoute(`#/case/${id}/${area}/${other}`)).toEqual({
        page: 'case',
        caseId: id,
        area,
        [key]: other,
      });
      expect(formatRoute(parseRoute(`#/case/${id}/${area}/${other}`))).toBe(
        `#/case/${id}/${area}/${other}`,
      );
      expect(parseRoute(`#/case/${id}/${area}`)).toEqual({ page: 'case', caseId: id, area });
    }
    // An entity id under sources (or a malformed passage id) is not carried over.
    expect(parseRoute(`#/case/${id}/activity/${other}`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'activity',
    });
    expect(parseRoute(`#/case/${id}/sources/${other}/nope`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'sources',
      sourceId: other,
    });
  });

  it('carries the search query and a find-in-source query with its offset', () => {
    const other = '0b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a11';
    const query = 'kim "jong nam" -site:x & 100% ?=#/';
    const search = formatRoute({
      page: 'case',
      caseId: id as never,
      area: 'search',
      searchQuery: query,
    });
    expect(search).toBe(`#/case/${id}/search?q=${encodeURIComponent(query)}`);
    expect(parseRoute(search)).toEqual({
      page: 'case',
      caseId: id,
      area: 'search',
      searchQuery: query,
    });
    const find = formatRoute({
      page: 'case',
      caseId: id as never,
      area: 'sources',
      sourceId: other as never,
      find: 'bc1q wallet',
      findAt: 1234,
    });
    expect(find).toBe(`#/case/${id}/sources/${other}?find=bc1q%20wallet&at=1234`);
    expect(parseRoute(find)).toEqual({
      page: 'case',
      caseId: id,
      area: 'sources',
      sourceId: other,
      find: 'bc1q wallet',
      findAt: 1234,
    });
    // A passage and a find together.
    expect(parseRoute(`#/case/${id}/sources/${other}/${id}?find=kim`)).toMatchObject({
      passageId: id,
      find: 'kim',
    });
  });

  it('drops malformed, negative, fractional or over-long route parameters, keeping the rest', () => {
    const other = '0b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a11';
    expect(parseRoute(`#/case/${id}/search?q=%E0%A4%A`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'search',
    });
    for (const at of ['-1', '1.5', 'x', '1e400', '']) {
      expect(parseRoute(`#/case/${id}/sources/${other}?find=kim&at=${at}`)).toEqual({
        page: 'case',
        caseId: id,
        area: 'sources',
        sourceId: other,
        find: 'kim',
      });
    }
    expect(parseRoute(`#/case/${id}/search?q=${'a'.repeat(2_001)}`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'search',
    });
    // `find` is only read under an open source, `q` only in the search area.
    expect(parseRoute(`#/case/${id}/sources?find=kim`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'sources',
    });
    expect(parseRoute(`#/case/${id}/overview?q=kim`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'overview',
    });
  });

  it('opens the Reports area, ignoring anything after it', () => {
    expect(parseRoute(`#/case/${id}/reports`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'reports',
    });
    expect(formatRoute(parseRoute(`#/case/${id}/reports`))).toBe(`#/case/${id}/reports`);
    expect(parseRoute(`#/case/${id}/reports/${id}?q=x`)).toEqual({
      page: 'case',
      caseId: id,
      area: 'reports',
    });
  });
});
