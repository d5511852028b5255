import { describe, expect, test } from 'vitest';
import { DEFAULT_CHART_TITLE, prunedChart } from '../../../src/core/model/chart';
import { asChartId, asEntityId, type CaseId } from '../../../src/core/model/ids';
import type { CasefileStorage } from '../../../src/db/open';
import { CHART_DEFAULTS } from '../../fixtures/builders';
import {
  closingStorages,
  expectRefused,
  freshDbName,
  newCase,
  reopenReadOnly,
  value,
} from './helpers';

const storage = closingStorages();

async function setUp(name?: string): Promise<{ s: CasefileStorage; caseId: CaseId }> {
  const s = await storage(name);
  return { s, caseId: await newCase(s) };
}

describe('create, list, get', () => {
  test('a new chart takes the defaults and is recorded', async () => {
    const { s, caseId } = await setUp();
    const chart = value(await s.charts.create(caseId, { title: `  ${DEFAULT_CHART_TITLE} ` }));
    expect(chart).toEqual({
      id: chart.id,
      caseId,
      createdAt: chart.createdAt,
      updatedAt: chart.createdAt,
      title: DEFAULT_CHART_TITLE,
      ...CHART_DEFAULTS,
    });
    expect(await s.charts.get(chart.id)).toEqual(chart);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'chart.created',
      subject: chart.id,
      detail: { chartId: chart.id, title: DEFAULT_CHART_TITLE },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('lists a case’s charts by title', async () => {
    const { s, caseId } = await setUp();
    const other = await newCase(s, 'Other');
    for (const title of ['ownership', 'Money trail', 'Case chart 10', 'Case chart 2']) {
      value(await s.charts.create(caseId, { title }));
    }
    value(await s.charts.create(other, { title: 'Elsewhere' }));
    expect((await s.charts.list(caseId)).map((c) => c.title)).toEqual([
      'Case chart 2',
      'Case chart 10',
      'Money trail',
      'ownership',
    ]);
    expect(await s.charts.get(asChartId(globalThis.crypto.randomUUID()))).toBeUndefined();
  });

  test('bad input is refused and writes nothing', async () => {
    const { s, caseId } = await setUp();
    await expectRefused(s, () => s.charts.create(caseId, { title: ' ' }), 'chart.titleEmpty');
    await expectRefused(
      s,
      () => s.charts.create(caseId, { title: 'x', layout: 'cola' as never }),
      'chart.layoutInvalid',
    );
    await expectRefused(
      s,
      () => s.charts.create(caseId, { title: 'x', positions: { a: { x: Number.NaN, y: 0 } } }),
      'chart.positionInvalid',
    );
    const gone = await newCase(s, 'Gone');
    value(await s.cases.delete(gone));
    await expectRefused(s, () => s.charts.create(gone, { title: 'x' }), 'case.notFound');
  });
});

describe('update and delete', () => {
  test('saves only what changed and records which fields', async () => {
    const { s, caseId } = await setUp();
    const chart = value(await s.charts.create(caseId, { title: 'Case chart' }));
    const events = (await s.audit.list(caseId)).length;
    expect(
      value(await s.charts.update(chart.id, { title: 'Case chart', layout: 'fcose' })),
    ).toEqual(chart);
    expect(await s.audit.list(caseId)).toHaveLength(events);
    const moved = value(
      await s.charts.update(chart.id, { positions: { a: { x: 1, y: 2 } }, layout: 'preset' }),
    );
    expect(moved).toMatchObject({ positions: { a: { x: 1, y: 2 } }, layout: 'preset' });
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'chart.updated',
      detail: { chartId: chart.id, fields: ['positions', 'layout'] },
    });
    await expectRefused(
      s,
      () => s.charts.update(chart.id, { sizeBy: 'pagerank' as never }),
      'chart.sizeByInvalid',
    );
    await expectRefused(
      s,
      () => s.charts.update(asChartId(globalThis.crypto.randomUUID()), { title: 'x' }),
      'chart.notFound',
    );
  });

  test('delete removes the chart with an audit event', async () => {
    const { s, caseId } = await setUp();
    const chart = value(await s.charts.create(caseId, { title: 'Case chart' }));
    value(await s.charts.delete(chart.id));
    expect(await s.charts.get(chart.id)).toBeUndefined();
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'chart.deleted',
      detail: { chartId: chart.id, title: 'Case chart' },
    });
    await expectRefused(s, () => s.charts.delete(chart.id), 'chart.notFound');
  });

  test('read-only: storage.readOnly, and reading still works', async () => {
    const { s, caseId } = await setUp();
    const chart = value(await s.charts.create(caseId, { title: 'Case chart' }));
    const ro = await reopenReadOnly(s, (name) => storage(name));
    await expectRefused(ro, () => ro.charts.create(caseId, { title: 'x' }), 'storage.readOnly');
    await expectRefused(ro, () => ro.charts.update(chart.id, { title: 'x' }), 'storage.readOnly');
    await expectRefused(ro, () => ro.charts.delete(chart.id), 'storage.readOnly');
    expect(await ro.charts.list(caseId)).toEqual([chart]);
  });
});

describe('persistence round trip', () => {
  test('create, update positions, filters, layout and groups, reopen the database, get', async () => {
    const name = freshDbName();
    const { s, caseId } = await setUp(name);
    const kessel = value(await s.entities.create(caseId, { type: 'Person', name: 'Mara Kessel' }));
    const company = value(
      await s.entities.create(caseId, { type: 'Organization', name: 'Northgate Holdings Ltd' }),
    );
    const chart = value(
      await s.charts.create(caseId, {
        title: 'Kessel and Northgate',
        scope: 'chosen',
        entityIds: [kessel.id, company.id],
      }),
    );
    const saved = value(
      await s.charts.update(chart.id, {
        positions: {
          [kessel.id]: { x: -12.5, y: 40 },
          [company.id]: { x: 200, y: 0 },
          'literal:delivery 4471': { x: 10, y: 10 },
          'group-1': { x: 100, y: 20 },
        },
        filters: {
          entityTypes: ['Person', 'Organization'],
          predicates: ['owns'],
          reliabilities: ['A', 'none'],
          maxCredibility: 3,
          statuses: ['asserted'],
          dateFrom: '2016-02',
          dateTo: '2016',
          includeUndated: false,
        },
        layout: 'preset',
        sizeBy: 'betweenness',
        groups: [{ id: 'group-1', label: 'Northgate', memberIds: [company.id], collapsed: true }],
      }),
    );
    s.close();
    const reopened = await storage(name);
    expect(await reopened.charts.get(chart.id)).toEqual(saved);
    expect(await reopened.charts.list(caseId)).toEqual([saved]);
  });

  test('a chart with positions for deleted entities round-trips and prunes without error', async () => {
    const name = freshDbName();
    const { s, caseId } = await setUp(name);
    const kessel = value(await s.entities.create(caseId, { type: 'Person', name: 'Mara Kessel' }));
    const varga = value(await s.entities.create(caseId, { type: 'Person', name: 'A. Varga' }));
    const chart = value(
      await s.charts.create(caseId, {
        title: 'People',
        scope: 'chosen',
        entityIds: [kessel.id, varga.id],
        positions: {
          [kessel.id]: { x: 1, y: 1 },
          [varga.id]: { x: 2, y: 2 },
          'literal:SWIFT': { x: 3, y: 3 },
          'group-1': { x: 4, y: 4 },
        },
        groups: [
          { id: 'group-1', label: 'Both', memberIds: [kessel.id, varga.id], collapsed: false },
        ],
      }),
    );
    value(await s.entities.delete(varga.id));
    s.close();
    const reopened = await storage(name);
    const stored = (await reopened.charts.get(chart.id))!;
    expect(stored).toEqual(chart);
    const live = new Set<string>((await reopened.entities.list(caseId)).map((e) => e.id));
    const pruned = prunedChart(stored, live);
    expect(pruned).toMatchObject({
      entityIds: [kessel.id],
      positions: {
        [kessel.id]: { x: 1, y: 1 },
        'literal:SWIFT': { x: 3, y: 3 },
        'group-1': { x: 4, y: 4 },
      },
      groups: [{ id: 'group-1', memberIds: [kessel.id] }],
    });
    // The pruned chart is valid and can be saved back.
    expect((await reopened.charts.update(chart.id, pruned)).ok).toBe(true);
    expect((await reopened.charts.get(chart.id))?.positions[asEntityId(varga.id)]).toBeUndefined();
  });
});
