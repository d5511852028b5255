import { describe, expect, it } from 'vitest';
import {
  MAX_CHART_TITLE_LENGTH,
  applyChartChanges,
  asEntityId,
  prunedChart,
  validateChartFilters,
  validateNewChart,
  type NewChartInput,
} from '../../../src/core';
import { aChart, CHART_DEFAULTS } from '../../fixtures/builders';

const kessel = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const varga = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a51');
const northgate = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a52');

describe('validateNewChart', () => {
  it('fills the defaults: whole case, fcose, size by degree, no filters or groups', () => {
    expect(validateNewChart({ title: '  Case   chart ' })).toEqual({
      ok: true,
      value: { title: 'Case chart', ...CHART_DEFAULTS },
    });
  });

  it('keeps a full chart, de-duplicating ids and trimming labels', () => {
    const result = validateNewChart({
      title: 'People',
      scope: 'chosen',
      entityIds: [kessel, varga, kessel],
      positions: { [kessel]: { x: -1.5, y: 0 }, 'literal:SWIFT': { x: 3, y: 4 } },
      filters: { statuses: ['asserted', 'asserted'], dateFrom: ' 2016 ', dateTo: '' },
      layout: 'preset',
      sizeBy: 'betweenness',
      groups: [{ id: 'g1', label: '  Family ', memberIds: [kessel, kessel], collapsed: true }],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'People',
        scope: 'chosen',
        entityIds: [kessel, varga],
        positions: { [kessel]: { x: -1.5, y: 0 }, 'literal:SWIFT': { x: 3, y: 4 } },
        filters: { statuses: ['asserted'], dateFrom: '2016' },
        layout: 'preset',
        sizeBy: 'betweenness',
        groups: [{ id: 'g1', label: 'Family', memberIds: [kessel], collapsed: true }],
      },
    });
  });

  const group = (id: string, label: string, memberIds = [kessel]) => ({
    id,
    label,
    memberIds,
    collapsed: false,
  });
  it.each([
    ['an empty title', { title: ' ' }, 'chart.titleEmpty'],
    ['a long title', { title: 'x'.repeat(MAX_CHART_TITLE_LENGTH + 1) }, 'chart.titleTooLong'],
    ['an unknown scope', { scope: 'some' }, 'chart.scopeInvalid'],
    ['an unknown layout', { layout: 'cola' }, 'chart.layoutInvalid'],
    ['an unknown sizing', { sizeBy: 'pagerank' }, 'chart.sizeByInvalid'],
    ['entity ids that are not text', { entityIds: [1] }, 'chart.entityIdsInvalid'],
    ['a NaN position', { positions: { a: { x: Number.NaN, y: 0 } } }, 'chart.positionInvalid'],
    ['an infinite position', { positions: { a: { x: 0, y: Infinity } } }, 'chart.positionInvalid'],
    ['a position as text', { positions: { a: { x: '1', y: 0 } } }, 'chart.positionInvalid'],
    ['a missing position', { positions: { a: null } }, 'chart.positionInvalid'],
    ['positions as a list', { positions: [] }, 'chart.positionInvalid'],
    ['filters as a list', { filters: [] }, 'chart.filterInvalid'],
    ['an unknown filter', { filters: { colour: 'red' } }, 'chart.filterInvalid'],
    ['an unknown entity type', { filters: { entityTypes: ['Planet'] } }, 'chart.filterInvalid'],
    ['a grade letter G', { filters: { reliabilities: ['G'] } }, 'chart.filterInvalid'],
    ['credibility 9', { filters: { maxCredibility: 9 } }, 'chart.filterInvalid'],
    ['an unknown status', { filters: { statuses: ['rumoured'] } }, 'chart.filterInvalid'],
    ['an empty predicate', { filters: { predicates: [' '] } }, 'chart.filterInvalid'],
    ['a malformed date', { filters: { dateFrom: '02/2016' } }, 'chart.filterInvalid'],
    [
      'a date range ending before it starts',
      { filters: { dateFrom: '2017', dateTo: '2016-05' } },
      'chart.filterInvalid',
    ],
    ['undated as text', { filters: { includeUndated: 'yes' } }, 'chart.filterInvalid'],
    ['source ids that are not text', { filters: { sourceIds: [null] } }, 'chart.filterInvalid'],
    ['a group without an id', { groups: [group('', 'A')] }, 'chart.groupInvalid'],
    ['a group without a label', { groups: [group('g1', ' ')] }, 'chart.groupInvalid'],
    ['a group without members', { groups: [{ id: 'g1', label: 'A' }] }, 'chart.groupInvalid'],
    [
      'two groups with one id',
      { groups: [group('g1', 'A'), group('g1', 'B', [varga])] },
      'chart.groupDuplicate',
    ],
    [
      'two groups with one label',
      { groups: [group('g1', 'Family'), group('g2', ' family', [varga])] },
      'chart.groupDuplicate',
    ],
    [
      'an entity in two groups',
      { groups: [group('g1', 'A'), group('g2', 'B')] },
      'chart.groupOverlap',
    ],
  ])('refuses %s', (_what, extra, code) => {
    const chart = { title: 'Chart', ...extra } as unknown as NewChartInput;
    expect(validateNewChart(chart)).toMatchObject({ ok: false, error: { code } });
  });

  it('checks filters on their own, leaving absent fields out', () => {
    expect(validateChartFilters({ includeUndated: false, maxCredibility: 3 })).toEqual({
      ok: true,
      value: { includeUndated: false, maxCredibility: 3 },
    });
    expect(validateChartFilters({ entityTypes: ['custom:Ship', 'Person'] })).toMatchObject({
      ok: true,
      value: { entityTypes: ['custom:Ship', 'Person'] },
    });
  });
});

describe('applyChartChanges', () => {
  it('keeps what is not changed and validates the whole', () => {
    const chart = aChart({ title: 'Case chart', layout: 'grid' });
    expect(applyChartChanges(chart, { positions: { a: { x: 1, y: 2 } } })).toMatchObject({
      ok: true,
      value: { title: 'Case chart', layout: 'grid', positions: { a: { x: 1, y: 2 } } },
    });
    expect(applyChartChanges(chart, { title: '' })).toMatchObject({
      ok: false,
      error: { code: 'chart.titleEmpty' },
    });
  });
});

describe('prunedChart', () => {
  const chart = aChart({
    scope: 'chosen',
    entityIds: [kessel, varga, northgate],
    positions: {
      [kessel]: { x: 1, y: 1 },
      [varga]: { x: 2, y: 2 },
      'literal:delivery 4471': { x: 3, y: 3 },
      family: { x: 4, y: 4 },
      company: { x: 5, y: 5 },
      'group:family': { x: 7, y: 7 },
      'group:company': { x: 8, y: 8 },
      'c4c4c4c4-gone': { x: 6, y: 6 },
    },
    groups: [
      { id: 'family', label: 'Family', memberIds: [kessel, varga], collapsed: false },
      { id: 'company', label: 'Company', memberIds: [northgate], collapsed: true },
    ],
  });

  it('drops what refers to entities that no longer exist; keeps literal and group nodes', () => {
    expect(prunedChart(chart, new Set([kessel]))).toEqual({
      ...chart,
      entityIds: [kessel],
      positions: {
        [kessel]: { x: 1, y: 1 },
        'literal:delivery 4471': { x: 3, y: 3 },
        family: { x: 4, y: 4 },
        'group:family': { x: 7, y: 7 },
      },
      // A group left without members goes, with its position.
      groups: [{ id: 'family', label: 'Family', memberIds: [kessel], collapsed: false }],
    });
  });

  it('returns the chart itself when everything still exists', () => {
    const clean = prunedChart(chart, new Set([kessel, varga, northgate, 'c4c4c4c4-gone']));
    expect(clean).toBe(chart);
    const empty = aChart();
    expect(prunedChart(empty, new Set())).toBe(empty);
  });
});
