// Case report generation on the large case (tests/fixtures/reports/largeCase.ts: 1,000 claims,
// 500 paged sources, 600 entities, a narrative quoting 200 passages), every section included, plus
// one synthetic link chart image (about 600 nodes) added to the built document, since the large
// case's options choose no chart (charts are drawn by the renderer process, not in Node).
//
// Figures (median of RUNS runs each): buildReport; renderReportHtml; renderReportMarkdown;
// renderReportDocx; and PDF: the HTML made for printing opened in headless Chromium with
// page.setContent, then page.pdf as the app prints it (A4 from the CSS, backgrounds, outline;
// untagged by default, tagged as an option), timed from setContent to the PDF bytes, with the
// page count. The TypeScript is loaded with Vite's module runner like quality.bench.mjs: no build
// needed. The PDF step also
// reports CSP violations in the console (there must be none: both style elements are hashed).
//
//   flock /tmp/cf-build.lock node scripts/bench.mjs report.bench   ("report" also runs reportsArea)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { runnerImport } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = 3;
/** Each format of the large report in under 10 s. */
const TARGET_MS = 10_000;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(run) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result, times };
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function runsDetail(times) {
  return `runs ${times.map((t) => Math.round(t)).join(', ')} ms`;
}

/** A chart-like SVG: nodes on a spiral with labels and edges to their neighbours. */
function syntheticChart(nodes) {
  const size = 1600;
  const parts = [];
  const points = Array.from({ length: nodes }, (_, i) => {
    const angle = i * 0.35;
    const radius = 40 + i * 1.2;
    return [size / 2 + radius * Math.cos(angle), size / 2 + radius * Math.sin(angle)];
  });
  points.forEach(([x, y], i) => {
    const [px, py] = points[Math.max(0, i - 1)];
    parts.push(
      `<line x1="${px.toFixed(1)}" y1="${py.toFixed(1)}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#888"/>`,
    );
  });
  points.forEach(([x, y], i) => {
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="#0b4f8a"/>`);
    parts.push(
      `<text x="${(x + 8).toFixed(1)}" y="${(y + 4).toFixed(1)}" font-size="9">Entity ${i + 1}</text>`,
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${parts.join('')}</svg>`;
  // The PNG is only carried (Markdown embeds it, Word would show it); its bytes do not matter here.
  const png = new Uint8Array(300_000).map((_, i) => (i * 2654435761) >>> 24);
  return { title: 'Synthetic network', svg, png, width: 800, height: 800 };
}

/** Pages of the PDF: pdfinfo (poppler) when installed, else the page objects Skia writes. */
function pdfPages(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-report-bench-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  } catch {
    const text = Buffer.from(bytes).toString('latin1');
    return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function loadavg() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

/**
 * CPU ticks (1/100 s) used so far by this process and its descendants (Chromium's processes), per
 * process, from /proc: on a shared machine the wall time of printing depends on the load, its CPU
 * time less so.
 */
function cpuTicks() {
  const processes = new Map();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields after the name: state ppid … utime (12th) stime (13th).
        processes.set(Number(entry), {
          parent: Number(fields[1]),
          ticks: Number(fields[11]) + Number(fields[12]),
        });
      } catch {
        // The process ended while listing.
      }
    }
  } catch {
    return new Map();
  }
  const tree = new Map();
  const pending = [process.pid];
  while (pending.length > 0) {
    const pid = pending.pop();
    tree.set(pid, processes.get(pid)?.ticks ?? 0);
    for (const [child, info] of processes) if (info.parent === pid) pending.push(child);
  }
  return tree;
}

/** CPU ms between two snapshots, per process: a process that ended meanwhile (a closed page's
 * renderer) must not take its whole past off the total. */
function cpuMsBetween(before, after) {
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return ticks * 10;
}

async function printPdf(html, tagged) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const violations = [];
    const times = [];
    const cpu = [];
    const printing = [];
    let pdf;
    let styled = false;
    for (let i = 0; i < RUNS; i += 1) {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const start = performance.now();
      const cpuStart = cpuTicks();
      await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
      const printStart = performance.now();
      pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        outline: true,
        tagged,
      });
      times.push(performance.now() - start);
      printing.push(performance.now() - printStart);
      cpu.push(cpuMsBetween(cpuStart, cpuTicks()));
      // The printed page has JavaScript off (as the app's print window); check styling apart.
      if (i === 0) styled = await isStyled(browser, html);
      await page.close();
    }
    return {
      ms: median(times),
      times,
      printMs: median(printing),
      cpuMs: median(cpu),
      pdf,
      violations,
      styled,
    };
  } finally {
    await browser.close();
  }
}

/** Whether the hashed stylesheet applied (the marking banner has its dark background). */
async function isStyled(browser, html) {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    return await page.evaluate(
      () =>
        getComputedStyle(document.querySelector('.marking-banner')).backgroundColor ===
        'rgb(122, 31, 31)',
    );
  } finally {
    await page.close();
  }
}

export default {
  name: 'case report of the large case (1,000 claims, 500 sources): build and each format',
  async run() {
    const { module: report } = await runnerImport(ROOT + 'src/core/report/index.ts');
    const { module: large } = await runnerImport(ROOT + 'tests/fixtures/reports/largeCase.ts');
    const input = large.largeReportInput();
    const options = large.largeReportOptions(input);

    const build = await timed(() => report.buildReport(input, options));
    if (!build.result.ok) throw new Error(`buildReport failed: ${build.result.error.message}`);
    const doc = { ...build.result.value, charts: [{ chartId: 'bench', ...syntheticChart(600) }] };
    const counts = `${doc.findings.length} findings, ${doc.footnotes.length} footnotes, ${doc.sources.length} sources, ${doc.entityTables.reduce((n, t) => n + t.rows.length, 0)} entities`;

    const html = await timed(() => report.renderReportHtml(doc));
    // What the host prints for PDF (generateReport's 'pdf'): the HTML without footnote back-links.
    const printHtml = report.renderReportHtml(doc, { forPrint: true });
    const markdown = await timed(() => report.renderReportMarkdown(doc));
    const figures = [
      {
        name: 'buildReport',
        value: build.ms,
        unit: 'ms',
        target: TARGET_MS,
        better: 'lower',
        detail: `${counts}; load ${loadavg()}; ${runsDetail(build.times)}`,
      },
      {
        name: 'HTML',
        value: html.ms,
        unit: 'ms',
        target: TARGET_MS,
        better: 'lower',
        detail: `${mb(Buffer.byteLength(html.result))}; ${runsDetail(html.times)}`,
      },
      {
        name: 'Markdown',
        value: markdown.ms,
        unit: 'ms',
        target: TARGET_MS,
        better: 'lower',
        detail: `${mb(Buffer.byteLength(markdown.result))}; ${runsDetail(markdown.times)}`,
      },
    ];

    const word = await timed(() => report.renderReportDocx(doc));
    figures.push({
      name: 'Word (.docx)',
      value: word.ms,
      unit: 'ms',
      target: TARGET_MS,
      better: 'lower',
      detail: `${mb(word.result.length)}; ${runsDetail(word.times)}`,
    });

    // The desktop app's default PDF (untagged, as Electron's printToPDF), then the optional
    // tagged (accessible) one, which the investigator asks for with a tick box.
    for (const tagged of [false, true]) {
      const pdf = await printPdf(printHtml, tagged);
      const csp =
        pdf.violations.length === 0
          ? 'no CSP violation'
          : `${pdf.violations.length} CSP VIOLATION(S): ${pdf.violations[0]}`;
      figures.push({
        name: `PDF${tagged ? ', tagged (optional)' : ''} (Chromium setContent + page.pdf)`,
        value: pdf.ms,
        unit: 'ms',
        ...(tagged ? {} : { target: TARGET_MS }),
        better: 'lower',
        detail: `${pdfPages(pdf.pdf)} A4 pages, ${mb(pdf.pdf.length)}; page.pdf alone ${(pdf.printMs / 1000).toFixed(1)} s; CPU ${(pdf.cpuMs / 1000).toFixed(1)} s (Chromium + Node); load ${loadavg()}; ${csp}; stylesheet ${pdf.styled ? 'applied' : 'NOT APPLIED'}; ${runsDetail(pdf.times)}`,
      });
    }
    return figures;
  },
};
