/**
 * A chart drawn for a report and rasterised to PNG in Chromium, in the page of the served app
 * (so under the app's own Content-Security-Policy): jsdom cannot rasterise. The two functions are
 * bundled from the sources for the page, as the app's bundle does not expose them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Chart } from '../../src/core/model/records';
import type { GraphData } from '../../src/graph/types';
import { aChart, aClaimSummaryBetween, anEntitySummary } from '../fixtures/builders';
import { useWatchedPage } from './browser';

const baseUrl = inject('baseUrl');
const GLOBAL = 'CasefileReportChart';

/** The two functions as one script defining a global, bundled by Vite from the sources. */
async function bundle(): Promise<string> {
  const source = (path: string) => JSON.stringify(resolve(import.meta.dirname, '../../', path));
  const dir = mkdtempSync(join(tmpdir(), 'casefile-report-chart-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export { drawChartForReport } from ${source('src/graph/reportChart.ts')};\n` +
      `export { rasterizeSvg, MAX_RASTER_SIDE } from ${source('src/features/reports/rasterize.ts')};\n`,
  );
  try {
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry, formats: ['iife'], name: GLOBAL, fileName: 'report-chart' },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const chunk = outputs[0]!.output.find((file) => file.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('Vite produced no script.');
    return chunk.code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Pixel {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

interface Rasterised {
  readonly width: number;
  readonly height: number;
  readonly pngSignature: number[];
  readonly pngWidth: number;
  readonly pngHeight: number;
  /** Pixel at the centre of the first node, and at a corner (background). */
  readonly nodeCentre: Pixel;
  readonly corner: Pixel;
}

describe('report chart images in Chromium', () => {
  let script = '';
  beforeAll(async () => {
    script = await bundle();
  }, 60_000);
  const watched = useWatchedPage(baseUrl, async (page) => {
    await page.goto(baseUrl);
    // Evaluated through the DevTools protocol: the app's CSP allows no inline script.
    await page.evaluate(script);
  });

  it('draws a saved chart and rasterises it to a PNG at twice its size, on white', async () => {
    const kim = anEntitySummary({ name: 'Kim <b>&</b>', type: 'Person' });
    const lazarus = anEntitySummary({ name: 'Lazarus Group', type: 'Organization' });
    const data: GraphData = {
      entities: [kim, lazarus],
      claims: [
        aClaimSummaryBetween(kim, 'met with', lazarus, { status: 'disputed' }),
        aClaimSummaryBetween(kim, 'paid', lazarus),
      ],
    };
    const chart: Chart = aChart({
      sizeBy: 'none',
      positions: { [kim.id]: { x: 0, y: 0 }, [lazarus.id]: { x: 300, y: 0 } },
    });
    const result = await watched.page.evaluate(
      async ({ data, chart, name }) => {
        type Api = {
          drawChartForReport: (input: object) => { svg: string; width: number; height: number };
          rasterizeSvg: (
            svg: string,
            width: number,
            height: number,
          ) => Promise<{ ok: true; value: Uint8Array } | { ok: false; error: unknown }>;
        };
        const api = (window as unknown as Record<string, Api>)[name]!;
        const drawing = api.drawChartForReport({ data, chart, title: 'Network' });
        const png = await api.rasterizeSvg(drawing.svg, drawing.width, drawing.height);
        if (!png.ok) throw new Error(JSON.stringify(png.error));
        const bytes = png.value;
        const view = new DataView(bytes.buffer, bytes.byteOffset);
        // Read the PNG back to look at its pixels.
        const bitmap = await createImageBitmap(
          new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
        );
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const svg = new DOMParser().parseFromString(drawing.svg, 'image/svg+xml');
        const [vx, vy, vw] = svg.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
        // Kim's node (the nodes' order follows their random ids).
        const kimNode = [...svg.querySelectorAll('g.node')].find((g) =>
          g.querySelector('text')?.textContent?.startsWith('Kim'),
        )!;
        const circle = kimNode.querySelector('circle')!;
        const scale = bitmap.width / vw!;
        // Beside the icon, inside the disc.
        const x = (Number(circle.getAttribute('cx')) - 14 - vx!) * scale;
        const y = (Number(circle.getAttribute('cy')) - vy!) * scale;
        const pixel = (px: number, py: number) => {
          const [r, g, b] = context.getImageData(Math.round(px), Math.round(py), 1, 1).data;
          return { r: r!, g: g!, b: b! };
        };
        return {
          width: drawing.width,
          height: drawing.height,
          pngSignature: [...bytes.slice(0, 8)],
          pngWidth: view.getUint32(16),
          pngHeight: view.getUint32(20),
          nodeCentre: pixel(x, y),
          corner: pixel(1, 1),
        } satisfies Rasterised;
      },
      { data, chart, name: GLOBAL },
    );
    expect(result.pngSignature).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(result.pngWidth).toBe(result.width * 2);
    expect(result.pngHeight).toBe(result.height * 2);
    expect(result.corner).toEqual({ r: 255, g: 255, b: 255 });
    // The Person colour (#1d4ed8) where Kim's disc is.
    expect(result.nodeCentre).toEqual({ r: 0x1d, g: 0x4e, b: 0xd8 });
  });

  it('says so when the SVG cannot be decoded, and caps the canvas size', async () => {
    const result = await watched.page.evaluate(async (name) => {
      type Api = {
        rasterizeSvg: (
          svg: string,
          width: number,
          height: number,
          scale?: number,
        ) => Promise<{ ok: true; value: Uint8Array } | { ok: false; error: unknown }>;
        MAX_RASTER_SIDE: number;
      };
      const api = (window as unknown as Record<string, Api>)[name]!;
      const broken = await api.rasterizeSvg('<svg oops', 100, 100);
      const noSize = await api.rasterizeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', 0, 10);
      const wide = await api.rasterizeSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="100"><rect width="20000" height="100" fill="red"/></svg>',
        20000,
        100,
        2,
      );
      const size = wide.ok
        ? [
            new DataView(wide.value.buffer).getUint32(16),
            new DataView(wide.value.buffer).getUint32(20),
          ]
        : [];
      return { broken, noSize, size, max: api.MAX_RASTER_SIDE };
    }, GLOBAL);
    expect(result.broken).toEqual({
      ok: false,
      error: {
        code: 'report.chartImageFailed',
        message: 'The chart image could not be drawn: its SVG did not decode.',
      },
    });
    expect(result.noSize).toMatchObject({ ok: false, error: { code: 'report.chartImageFailed' } });
    expect(result.size).toEqual([result.max, 41]);
  });
});
