import type { ReportChartDrawing } from '../core/ports/reports';
import type { ClaimSummary, EntitySummary } from '../core/ports/repositories';
import type { Chart } from '../core/model/records';
import type { ReportFile, ReportFormat, ReportInput, ReportProgress } from '../core/report/types';
import type { Result } from '../shared/result';

/** Messages between the report client (UI thread) and the report worker. */
export type ReportJob =
  | {
      readonly type: 'generate';
      readonly id: number;
      readonly input: ReportInput;
      readonly options: unknown;
      readonly format: ReportFormat;
    }
  | {
      readonly type: 'draw';
      readonly id: number;
      readonly charts: readonly Chart[];
      readonly data: {
        readonly entities: readonly EntitySummary[];
        readonly claims: readonly ClaimSummary[];
      };
    };

export type ReportWorkerRequest =
  | ReportJob
  /** Skip this job if it has not started yet (a running one is stopped by terminating). */
  | { readonly type: 'cancel'; readonly id: number };

export type ReportWorkerMessage =
  | { readonly type: 'progress'; readonly id: number; readonly progress: ReportProgress }
  | {
      readonly type: 'generated';
      readonly id: number;
      readonly result: Result<{ readonly file: ReportFile; readonly notices: readonly string[] }>;
    }
  | {
      readonly type: 'drawn';
      readonly id: number;
      readonly result: Result<readonly Result<ReportChartDrawing>[]>;
    };
