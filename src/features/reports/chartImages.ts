import type { Chart, ClaimSummary, EntitySummary } from '../../core';
import type { ReportGenerator } from '../../core/ports/reports';
import { reportScope } from '../../core/report/options';
import type { ReportChartImage, ReportInput, ReportOptions } from '../../core/report/types';
import { rasterizeSvg } from './rasterize';

/** Drawings kept between previews: redrawing a large chart after every change would be wasteful. */
const MAX_CACHED_IMAGES = 20;
const cache = new Map<string, ReportChartImage>();

function remember(key: string, image: ReportChartImage): void {
  cache.delete(key);
  cache.set(key, image);
  while (cache.size > MAX_CACHED_IMAGES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

/**
 * Draws the images of the charts chosen for the report from what remains after redaction
 * (reportScope), so an excluded entity never appears in a picture either. The layout and SVG are
 * made by the report generator (off the UI thread); the PNG by the page's image decoder. A chart
 * that cannot be drawn is left out; the report then says so in its notices.
 */
export async function drawReportCharts(
  reports: ReportGenerator,
  input: ReportInput,
  options: ReportOptions,
  signal?: AbortSignal,
): Promise<ReportChartImage[]> {
  if (options.chartIds.length === 0 || options.sections?.charts === false) return [];
  const scope = reportScope(input, options);
  // The records in the input are the repositories' summaries (gather.ts): the chart drawing
  // uses their counts and grades.
  const data = {
    entities: scope.entities as EntitySummary[],
    claims: scope.claims as ClaimSummary[],
  };
  const scopeKey = [
    ...data.entities.map((e) => `${e.id}@${e.updatedAt}`),
    '|',
    ...data.claims.map((c) => `${c.id}@${c.updatedAt}`),
  ].join(',');
  const keyOf = (chart: Chart) => `${chart.id}@${chart.updatedAt}:${scopeKey}`;
  const charts = options.chartIds
    .map((id) => input.charts.find((c) => c.id === id))
    .filter((c): c is Chart => c !== undefined);

  const missing = charts.filter((chart) => !cache.has(keyOf(chart)));
  if (missing.length > 0) {
    const drawn = await reports.drawCharts(missing, data, signal);
    if (drawn.ok) {
      for (const [i, drawing] of drawn.value.entries()) {
        const chart = missing[i];
        if (!chart || !drawing.ok) continue;
        const { svg, width, height } = drawing.value;
        const png = await rasterizeSvg(svg, width, height);
        if (!png.ok) continue;
        remember(keyOf(chart), {
          chartId: chart.id,
          title: chart.title,
          svg,
          png: png.value,
          width,
          height,
        });
      }
    }
  }
  return charts.flatMap((chart) => cache.get(keyOf(chart)) ?? []);
}
