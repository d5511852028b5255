// Import throughput in the web build: 1,000 generated news-article pages (~5 KB each) and one
// 300-page text PDF, through the real file chooser, the ingest worker and storage. Also reports
// the longest task the UI thread ran meanwhile (the responsiveness budget is 100 ms).
import { chromium } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const PDF_PAGES = 300;
const WORDS =
  'investigators traced the transfers through correspondent banks in Manila and Hong Kong while regulators in Dhaka questioned how the SWIFT credentials were obtained and which officials approved the payment instructions'.split(
    ' ',
  );

function sentence(seed, length) {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]);
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

/** A news page with the boilerplate a saved web page carries: navigation, paywall, footer. */
export function newsArticleHtml(i) {
  const paragraphs = Array.from(
    { length: 9 },
    (_, p) => `<p>${sentence(i + p, 40)} ${sentence(i * 3 + p, 30)}</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bank heist update ${i} | Daily Ledger</title>
<meta name="author" content="Reporter ${i % 17}"><meta property="og:site_name" content="Daily Ledger">
<meta property="article:published_time" content="2016-03-${String((i % 28) + 1).padStart(2, '0')}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<div class="paywall">You have 2 free articles left. Subscribe to continue reading.</div>
<article><h1>Bank heist update ${i}</h1><p class="byline">By Reporter ${i % 17}</p>${paragraphs}</article>
<footer>© Daily Ledger. All rights reserved. Privacy policy · Terms of use</footer></body></html>`;
}

export async function textPdf(pages) {
  const doc = await PDFDocument.create();
  doc.setTitle('Annual threat report');
  doc.setAuthor('Bench');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p += 1) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 40; line += 1) {
      page.drawText(sentence(p * 40 + line, 12), { x: 50, y: 790 - line * 18, size: 10, font });
    }
  }
  return new Uint8Array(await doc.save());
}

function watchLongTasks() {
  window.__longestTask = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__longestTask = Math.max(window.__longestTask, entry.duration);
  }).observe({ type: 'longtask', buffered: false });
}

async function importThroughChooser(page, files) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  const started = Date.now();
  await (await chooser).setFiles(files);
  // Start watching the UI thread once the files are handed over: Playwright delivers their bytes
  // over the DevTools protocol in one long task of its own, which a real file dialog never runs.
  await page.evaluate(() => (window.__longestTask = 0));
  await page.getByRole('button', { name: 'Close report' }).waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - started) / 1000;
  const summary = await page
    .getByRole('region', { name: 'Import' })
    .getByRole('status')
    .filter({ hasText: /imported/ })
    .first()
    .textContent();
  return { seconds, summary };
}

async function newCase(page, url, title) {
  await page.goto(`${url}#/cases`);
  await page.getByRole('button', { name: 'New case', exact: true }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('button', { name: 'Import files…' }).waitFor();
}

export default {
  name: 'import (web build)',
  async run() {
    const server = await serveWeb({ port: 5183 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.addInitScript(watchLongTasks);
      await newCase(page, server.url, 'Import bench');
      const articles = Array.from({ length: ARTICLES }, (_, i) => ({
        name: `article-${String(i).padStart(4, '0')}.html`,
        mimeType: 'text/html',
        buffer: Buffer.from(newsArticleHtml(i)),
      }));
      const articleBytes = articles.reduce((n, f) => n + f.buffer.byteLength, 0);
      const html = await importThroughChooser(page, articles);
      if (!html.summary?.startsWith(`${ARTICLES} imported`))
        throw new Error(`Article import incomplete: ${html.summary}`);
      const longestDuringArticles = await page.evaluate(() => window.__longestTask);

      await page.getByRole('button', { name: 'Close report' }).click();
      const pdf = await textPdf(PDF_PAGES);
      const pdfRun = await importThroughChooser(page, [
        { name: 'threat-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
      ]);
      if (!pdfRun.summary?.startsWith('1 imported'))
        throw new Error(`PDF import failed: ${pdfRun.summary}`);
      const longestDuringPdf = await page.evaluate(() => window.__longestTask);

      return [
        {
          name: `articles imported (${ARTICLES} × ~${Math.round(articleBytes / ARTICLES / 1024)} KB HTML)`,
          value: ARTICLES / html.seconds,
          unit: 'docs/s',
          target: 100,
          better: 'higher',
        },
        {
          name: 'article import throughput',
          value: articleBytes / 1024 / 1024 / html.seconds,
          unit: 'MB/s',
        },
        {
          name: `PDF pages extracted (${PDF_PAGES}-page text PDF, ${(pdf.byteLength / 1024).toFixed(0)} KB)`,
          value: PDF_PAGES / pdfRun.seconds,
          unit: 'pages/s',
          target: 80,
          better: 'higher',
        },
        {
          name: 'PDF import throughput',
          value: pdf.byteLength / 1024 / 1024 / pdfRun.seconds,
          unit: 'MB/s',
        },
        {
          name: 'longest UI-thread task during import',
          value: Math.max(longestDuringArticles, longestDuringPdf),
          unit: 'ms',
          target: 100,
          better: 'lower',
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
