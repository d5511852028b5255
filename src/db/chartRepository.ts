import {
  applyChartChanges,
  validateNewChart,
  type ChartChanges,
  type ValidChartFields,
} from '../core/model/chart';
import { asChartId, type ChartId } from '../core/model/ids';
import type { Chart } from '../core/model/records';
import type { ChartRepository } from '../core/ports/repositories';
import { AppErrorException, ok, type Result } from '../shared/result';
import {
  guardedWrite,
  recordEvent,
  requireCase,
  rowsWhere,
  type RepositoryOptions,
} from './repositorySupport';
import type { CasefileDatabase } from './schema';

export type ChartRepositoryOptions = RepositoryOptions;

const TITLE_ORDER = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function byTitle(a: Chart, b: Chart): number {
  return (
    TITLE_ORDER.compare(a.title, b.title) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

function chartNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'chart.notFound',
    `There is no chart with id ${id}; it may have been deleted.`,
  );
}

const CHART_FIELDS = [
  'title',
  'scope',
  'entityIds',
  'positions',
  'filters',
  'layout',
  'sizeBy',
  'groups',
] as const satisfies readonly (keyof ValidChartFields)[];

/**
 * ChartRepository over Dexie. Charts are stored as saved, including positions of nodes that no
 * longer exist: the view drops those when it opens the chart (core prunedChart).
 */
export function createChartRepository(
  db: CasefileDatabase,
  options: ChartRepositoryOptions,
): ChartRepository {
  const { mode, now, newId } = options;
  return {
    async list(caseId) {
      if (!db.hasTable('charts')) return [];
      return (await rowsWhere(db.charts, 'caseId', caseId)).sort(byTitle);
    },

    async get(id) {
      if (!db.hasTable('charts')) return undefined;
      return db.charts.get(id);
    },

    async create(caseId, input) {
      return guardedWrite(mode, 'save the chart', async () => {
        const fields = validateNewChart(input);
        if (!fields.ok) return fields;
        const chart = await db.transaction('rw', [db.cases, db.charts, db.audit], async () => {
          await requireCase(db, caseId);
          const at = now();
          const record: Chart = {
            id: asChartId(newId()),
            caseId,
            createdAt: at,
            updatedAt: at,
            ...fields.value,
          };
          await db.charts.add(record);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'chart.created',
            subject: record.id,
            detail: { chartId: record.id, title: record.title },
          });
          return record;
        });
        return ok(chart);
      });
    },

    async update(id: ChartId, changes: ChartChanges) {
      return guardedWrite(mode, 'save the chart', async () => {
        return await db.transaction(
          'rw',
          [db.charts, db.audit],
          async (): Promise<Result<Chart>> => {
            const current = await db.charts.get(id);
            if (!current) throw chartNotFound(id);
            const applied = applyChartChanges(current, changes);
            if (!applied.ok) return applied;
            const fields = CHART_FIELDS.filter(
              (field) => JSON.stringify(applied.value[field]) !== JSON.stringify(current[field]),
            );
            // Saving without changes writes nothing: no new updatedAt, no empty audit event.
            if (fields.length === 0) return ok(current);
            const next: Chart = { ...current, ...applied.value, updatedAt: now() };
            await db.charts.put(next);
            // Positions change on every drag: the event names the fields, not the coordinates.
            await recordEvent(db, options, {
              caseId: current.caseId,
              at: next.updatedAt,
              action: 'chart.updated',
              subject: id,
              detail: { chartId: id, fields: [...fields] },
            });
            return ok(next);
          },
        );
      });
    },

    async delete(id: ChartId) {
      return guardedWrite(mode, 'delete the chart', async () => {
        await db.transaction('rw', [db.charts, db.audit], async () => {
          const chart = await db.charts.get(id);
          if (!chart) throw chartNotFound(id);
          await db.charts.delete(id);
          await recordEvent(db, options, {
            caseId: chart.caseId,
            at: now(),
            action: 'chart.deleted',
            subject: id,
            detail: { chartId: id, title: chart.title },
          });
        });
        return ok(undefined);
      });
    },
  };
}
