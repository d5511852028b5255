/// <reference lib="webworker" />
import type { ReportChartDrawing } from '../core/ports/reports';
import { generateReport } from '../core/report/generate';
import { drawChartForReport } from '../graph/reportChart';
import { err, ok, type Result } from '../shared/result';
import type { ReportJob, ReportWorkerMessage, ReportWorkerRequest } from './reportProtocol';

// The report worker: builds and renders reports, and draws their charts, off the UI thread, one
// job at a time in the order they came. It reads nothing from storage: the UI thread gathers the
// input (and turns the chart drawings into PNGs, which needs the page's image decoder).
declare const self: DedicatedWorkerGlobalScope;

const queue: ReportJob[] = [];
let running = false;

function post(message: ReportWorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function failure(what: string, error: unknown): Result<never> {
  return err(
    'report.generationFailed',
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

async function generate(job: Extract<ReportJob, { type: 'generate' }>): Promise<void> {
  const { id } = job;
  try {
    const generated = await generateReport(job.input, job.options, job.format, (progress) =>
      post({ type: 'progress', id, progress }),
    );
    if (!generated.ok) {
      post({ type: 'generated', id, result: generated });
      return;
    }
    const { file, document } = generated.value;
    // The bytes move to the UI thread rather than being copied (a large Word file).
    post({ type: 'generated', id, result: ok({ file, notices: document.notices }) }, [
      file.bytes.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    post({ type: 'generated', id, result: failure('The report could not be generated', error) });
  }
}

function draw(job: Extract<ReportJob, { type: 'draw' }>): void {
  const drawings: Result<ReportChartDrawing>[] = job.charts.map((chart) => {
    try {
      const drawing = drawChartForReport({ data: job.data, chart, title: chart.title });
      return ok({ chartId: chart.id, ...drawing });
    } catch (error) {
      return failure(`The chart “${chart.title}” could not be drawn`, error);
    }
  });
  post({ type: 'drawn', id: job.id, result: ok(drawings) });
}

async function runNext(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (job.type === 'generate') await generate(job);
      else draw(job);
    }
  } finally {
    running = false;
  }
}

self.addEventListener('message', (event: MessageEvent<ReportWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    const at = queue.findIndex((queued) => queued.id === request.id);
    if (at >= 0) queue.splice(at, 1);
    return;
  }
  queue.push(request);
  void runNext();
});
