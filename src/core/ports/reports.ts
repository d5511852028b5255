import type { Result } from '../../shared/result';
import type { Chart } from '../model/records';
import type { ReportFile, ReportFormat, ReportInput, ReportProgress } from '../report/types';
import type { ClaimSummary, EntitySummary } from './repositories';

/** A saved chart drawn for a report: a standalone SVG document and its size in CSS pixels. */
export interface ReportChartDrawing {
  readonly chartId: Chart['id'];
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Generates report files off the UI thread (the app's report worker). A report of a large case
 * takes seconds to build and render, and drawing a large chart (a headless layout) a good part of
 * a second; the builder's preview and exports go through this port so the window stays
 * responsive. Implemented in src/app (a worker client); component tests may use an in-thread one.
 */
export interface ReportGenerator {
  /**
   * Validates `options`, builds the report and renders it. Bad options: the validator's specific
   * error. Aborting `signal` ends the generation with `report.cancelled`.
   */
  generate(
    input: ReportInput,
    options: unknown,
    format: ReportFormat,
    onProgress?: (progress: ReportProgress) => void,
    signal?: AbortSignal,
  ): Promise<Result<{ readonly file: ReportFile; readonly notices: readonly string[] }>>;
  /**
   * Draws saved charts as SVG from `data`, what the report includes after redaction. One entry
   * per chart, in order: its drawing, or the reason it could not be drawn.
   */
  drawCharts(
    charts: readonly Chart[],
    data: { readonly entities: readonly EntitySummary[]; readonly claims: readonly ClaimSummary[] },
    signal?: AbortSignal,
  ): Promise<Result<readonly Result<ReportChartDrawing>[]>>;
}
