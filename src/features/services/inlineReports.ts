import type { ReportChartDrawing, ReportGenerator } from '../../core/ports/reports';
import { err, ok, type Result } from '../../shared/result';

const cancelled = (): Result<never> => err('report.cancelled', 'Report generation was cancelled.');
const failed = (what: string, error: unknown): Result<never> =>
  err(
    'report.generationFailed',
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
  );

/**
 * Generates reports on the calling thread: for component tests and hosts without workers. The
 * app uses the worker client (src/app/reportClient.ts) so large cases do not freeze the window.
 * The renderers and the chart drawing are loaded on first use, so a bundle that passes a worker
 * client never carries them (the Word library is large).
 */
export function createInlineReportGenerator(): ReportGenerator {
  return {
    async generate(input, options, format, onProgress, signal) {
      if (signal?.aborted) return cancelled();
      try {
        const { generateReport } = await import('../../core/report/generate');
        const generated = await generateReport(input, options, format, onProgress);
        if (signal?.aborted) return cancelled();
        if (!generated.ok) return generated;
        return ok({ file: generated.value.file, notices: generated.value.document.notices });
      } catch (error) {
        return failed('The report could not be generated', error);
      }
    },
    async drawCharts(charts, data, signal) {
      if (signal?.aborted) return cancelled();
      const { drawChartForReport } = await import('../../graph/reportChart');
      return ok(
        charts.map((chart): Result<ReportChartDrawing> => {
          try {
            return ok({
              chartId: chart.id,
              ...drawChartForReport({ data, chart, title: chart.title }),
            });
          } catch (error) {
            return failed(`The chart “${chart.title}” could not be drawn`, error);
          }
        }),
      );
    },
  };
}
