import { describe, expect, it } from 'vitest';
import {
  applyChartFilters,
  chartFilter,
  asEntityId,
  claimEndsPassFilters,
  partialDateBounds,
  validTimeSpan,
  type ChartFilters,
} from '../../../src/core';
import { aClaimSummaryBetween, anEntitySummary } from '../../fixtures/builders';
import { filterSample } from '../../fixtures/chartSample';

describe('partial dates', () => {
  it('cover every day they name, leap years included', () => {
    expect(partialDateBounds('2016-02')).toEqual({ first: '2016-02-01', last: '2016-02-29' });
    expect(partialDateBounds('2015-02')).toEqual({ first: '2015-02-01', last: '2015-02-28' });
    expect(partialDateBounds('1900-02')).toEqual({ first: '1900-02-01', last: '1900-02-28' });
    expect(partialDateBounds('2000-02')).toEqual({ first: '2000-02-01', last: '2000-02-29' });
    expect(partialDateBounds('2016')).toEqual({ first: '2016-01-01', last: '2016-12-31' });
    expect(partialDateBounds('2016-04-09')).toEqual({ first: '2016-04-09', last: '2016-04-09' });
    expect(partialDateBounds('Feb 2016')).toBeUndefined();
  });

  it('give a valid time its days; an open interval end stays open', () => {
    expect(validTimeSpan({ kind: 'unknown' })).toBeUndefined();
    expect(validTimeSpan({ kind: 'date', date: '2016-02' })).toEqual({
      first: '2016-02-01',
      last: '2016-02-29',
    });
    expect(validTimeSpan({ kind: 'interval', start: '2015-12', end: '2016' })).toEqual({
      first: '2015-12-01',
      last: '2016-12-31',
    });
    expect(validTimeSpan({ kind: 'interval', start: '2017' })).toEqual({
      first: '2017-01-01',
      last: undefined,
    });
  });
});

describe('chart filters', () => {
  const { kim, bank, source1, source2, data } = filterSample();
  const { claims } = data;
  const shown = (filters: ChartFilters) =>
    applyChartFilters(data, filters)
      .claims.map((c) => c.predicate)
      .sort();

  it('shows everything without filters, and treats empty lists as no filter', () => {
    expect(shown({})).toEqual(['attacked', 'located in', 'met with', 'paid']);
    expect(shown({ entityTypes: [], predicates: [], statuses: [], sourceIds: [] })).toEqual([
      'attacked',
      'located in',
      'met with',
      'paid',
    ]);
  });

  it('hides entities of other types and every claim touching one, counting both', () => {
    const result = applyChartFilters(data, { entityTypes: ['Person', 'Location'] });
    expect(result.entities.map((e) => e.name).sort()).toEqual(['Dhaka', 'Kim']);
    expect(result.claims.map((c) => c.predicate)).toEqual(['paid']);
    expect(result.hidden).toEqual({ entities: 2, claims: 3 });
  });

  it('filters predicates (case-insensitively), reliabilities with none, credibility and status', () => {
    expect(shown({ predicates: ['Attacked ', 'paid'] })).toEqual(['attacked', 'paid']);
    expect(shown({ reliabilities: ['A', 'none'] })).toEqual(['located in', 'met with']);
    expect(shown({ maxCredibility: 3 })).toEqual(['met with', 'paid']);
    expect(shown({ statuses: ['disputed', 'refuted'] })).toEqual(['attacked', 'paid']);
  });

  it('filters by any evidence source; an analyst assertion has none', () => {
    expect(shown({ sourceIds: [source1] })).toEqual(['attacked', 'met with']);
    expect(shown({ sourceIds: [source2] })).toEqual(['attacked', 'paid']);
  });

  it('keeps claims whose valid time overlaps the date range', () => {
    expect(shown({ dateFrom: '2016-02-15', dateTo: '2016-02-20' })).toEqual([
      'attacked',
      'located in',
      'met with',
    ]);
    expect(shown({ dateFrom: '2016-03-02', includeUndated: false })).toEqual(['paid']);
    expect(shown({ dateTo: '2015', includeUndated: false })).toEqual(['attacked']);
    expect(shown({ dateTo: '2014', includeUndated: false })).toEqual([]);
    expect(shown({ dateFrom: '2016-03', dateTo: '2016-03' })).toEqual(['attacked', 'located in']);
    expect(shown({ dateFrom: '2030' })).toEqual(['located in', 'paid']);
  });

  it('hides undated claims only when a range is set and includeUndated is false', () => {
    expect(shown({ includeUndated: false })).toContain('located in');
    expect(shown({ dateFrom: '2016', includeUndated: true })).toContain('located in');
    expect(shown({ dateFrom: '2016', includeUndated: false })).not.toContain('located in');
  });

  it('never shows a claim whose subject or object entity does not exist', () => {
    const ghost = aClaimSummaryBetween(kim, 'met with', anEntitySummary({ name: 'Ghost' }));
    const orphan = {
      ...aClaimSummaryBetween(kim, 'paid', '$2'),
      subjectId: asEntityId(globalThis.crypto.randomUUID()),
    };
    const types = new Map(data.entities.map((e) => [e.id, e.type] as const));
    expect(claimEndsPassFilters(ghost, {}, types)).toBe(false);
    expect(claimEndsPassFilters(orphan, {}, types)).toBe(false);
    const result = applyChartFilters({ entities: data.entities, claims: [ghost, orphan] }, {});
    expect(result.claims).toEqual([]);
    expect(result.hidden.claims).toBe(2);
  });

  it('can be prepared once and applied to many records', () => {
    const filter = chartFilter({ entityTypes: ['Organization'], dateFrom: '2016-03' });
    expect(filter.entity(bank)).toBe(true);
    expect(filter.entity(kim)).toBe(false);
    const types = new Map(data.entities.map((e) => [e.id, e.type] as const));
    expect(claims.map((c) => filter.claimEnds(c, types))).toEqual([false, true, false, false]);
    expect(claims.map((c) => filter.claim(c))).toEqual([false, true, true, true]);
    expect(filter.span({ first: '2016-02-01', last: '2016-02-29' })).toBe(false);
    expect(filter.span({ first: '2016-02-01' })).toBe(true);
  });
});
