// The source reader with a 1 MB text and 1,000 passages (highlights in five colours, comments,
// mentions of 50 entities, some overlapping). Target (issue 4): interactive in under 300 ms,
// measured from an in-app navigation (the app already running) to the reader showing text with
// its passages and taking input. The reader draws a long text in passes (the first screens, then
// the rest without blocking input), so the time until every passage is drawn, the longest task,
// and a cold start (loading the whole app on the reader's address) are printed too.
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';
import { putRows } from './pageProbes.mjs';

export const TEXT_BYTES = 1_000_000;
const PASSAGES = 1000;
const ENTITIES = 50;
const CONTEXT = 32;
const COLOURS = ['yellow', 'green', 'blue', 'pink', 'orange'];
const WORDS =
  'the investigators traced payments through correspondent accounts while the airport police reviewed camera footage from the departure hall and questioned two women about the incident near the kiosks'.split(
    ' ',
  );

/** About 1 MB of plain text in paragraphs of four to eight sentences (also readerFind.bench). */
export function benchText() {
  const paragraphs = [];
  let size = 0;
  for (let p = 0; size < TEXT_BYTES; p += 1) {
    const sentences = [];
    for (let s = 0; s < 4 + (p % 5); s += 1) {
      const words = Array.from(
        { length: 12 + ((p + s) % 9) },
        (_, w) => WORDS[(p * 13 + s * 7 + w * 3) % WORDS.length],
      );
      sentences.push(words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.');
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

/** Reads the imported source and its canonical text back from the app's database. */
function readSource() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('casefile');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['sources', 'sourceContents'], 'readonly');
      const sources = tx.objectStore('sources').getAll();
      const contents = tx.objectStore('sourceContents').getAll();
      tx.oncomplete = () => {
        open.result.close();
        const [source] = sources.result;
        const [content] = contents.result;
        resolve({ caseId: source.caseId, sourceId: source.id, text: content.text });
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Passages spread over the text, every tenth overlapping its neighbour, selectors as stored. */
function benchPassages(caseId, sourceId, text, entities) {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const stride = Math.floor(text.length / PASSAGES);
  const rows = [];
  for (let i = 0; i < PASSAGES; i += 1) {
    let start = i * stride + 7;
    while (start < text.length && text[start] === ' ') start += 1;
    const length = i % 10 === 9 ? stride + 40 : 12 + (i % 7) * 9;
    let end = Math.min(text.length, start + length);
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    const kind = i % 4 === 1 ? 'mention' : i % 4 === 3 ? 'comment' : 'highlight';
    rows.push({
      id: randomUUID(),
      caseId,
      createdAt: at,
      updatedAt: at,
      sourceId,
      kind,
      quote: {
        type: 'TextQuoteSelector',
        exact: text.slice(start, end),
        prefix: text.slice(Math.max(0, start - CONTEXT), start),
        suffix: text.slice(end, end + CONTEXT),
      },
      position: { type: 'TextPositionSelector', start, end },
      orphaned: false,
      note: kind === 'comment' ? `Check this against the camera log (${i}).` : '',
      ...(kind === 'highlight' ? { colour: COLOURS[i % COLOURS.length] } : {}),
      ...(kind === 'mention' ? { entityId: entities[i % entities.length].id } : {}),
    });
  }
  return rows;
}

function benchEntities(caseId) {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const types = ['Person', 'Organization', 'Location', 'Event', 'Document'];
  return Array.from({ length: ENTITIES }, (_, i) => ({
    id: randomUUID(),
    caseId,
    createdAt: at,
    updatedAt: at,
    type: types[i % types.length],
    name: `Entity ${String(i).padStart(2, '0')}`,
    aliases: [],
    attributes: {},
    notes: '',
  }));
}

/**
 * In the page, from now on: marks when the reader first shows text with passages drawn (the
 * first pass of a long text) and when every passage is drawn — each once a frame has been
 * painted and a task queued after it has run, i.e. the page takes input — and tracks the longest
 * task until everything is drawn. Runs at page start (cold load) or before an in-app navigation.
 */
function watchReader({ passages }) {
  window.__readerFirstAt = undefined;
  window.__readerAllAt = undefined;
  window.__longestTask = 0;
  const since = performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (window.__readerAllAt === undefined && entry.startTime >= since) {
        window.__longestTask = Math.max(window.__longestTask, entry.duration);
      }
    }
  }).observe({ type: 'longtask', buffered: true });
  const afterFrame = (key) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        window[key] = performance.now();
      }, 0),
    );
  let first = false;
  const observer = new MutationObserver(() => {
    const marks = document.querySelectorAll('.cf-text mark[data-passages]');
    if (marks.length === 0) return;
    if (!first) {
      first = true;
      afterFrame('__readerFirstAt');
    }
    const drawn = new Set();
    for (const mark of marks) for (const id of mark.dataset.passages.split(' ')) drawn.add(id);
    if (drawn.size < passages) return;
    observer.disconnect();
    afterFrame('__readerAllAt');
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** What the reader shows once everything is drawn, to check the run measured the whole thing. */
async function readerFigures(page) {
  await page.waitForFunction(() => window.__readerAllAt !== undefined, undefined, {
    timeout: 60_000,
  });
  const figures = await page.evaluate(() => ({
    first: window.__readerFirstAt,
    all: window.__readerAllAt,
    longest: window.__longestTask,
    marks: document.querySelectorAll('.cf-text mark').length,
    paragraphs: document.querySelectorAll('.cf-text p').length,
    count: document.querySelector('[role="tab"] .cf-count')?.textContent,
    cards: document.querySelectorAll('.cf-passage').length,
  }));
  if (figures.count !== PASSAGES.toLocaleString('en') || figures.cards === 0) {
    throw new Error(`The passage list shows ${figures.count} (${figures.cards} cards drawn).`);
  }
  return figures;
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default {
  name: `source reader with a ${(TEXT_BYTES / 1e6).toFixed(0)} MB text and ${PASSAGES.toLocaleString('en')} passages (web build)`,
  async run() {
    const server = await serveWeb({ port: 5187 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const setup = await context.newPage();
      await setup.goto(`${server.url}#/cases`);
      await setup.getByRole('button', { name: 'New case', exact: true }).click();
      await setup.getByRole('textbox', { name: 'Title' }).fill('Reader bench');
      await setup.getByRole('button', { name: 'Create case' }).click();
      await setup.getByRole('link', { name: 'Sources' }).click();
      // The source goes in through the app's own import (parser, canonical text, storage).
      const chooser = setup.waitForEvent('filechooser');
      await setup.getByRole('button', { name: 'Import files…' }).click();
      await (
        await chooser
      ).setFiles([
        { name: 'reader-bench.txt', mimeType: 'text/plain', buffer: Buffer.from(benchText()) },
      ]);
      await setup.getByRole('button', { name: 'Close report' }).waitFor({ timeout: 120_000 });
      const { caseId, sourceId, text } = await setup.evaluate(readSource);
      const entities = benchEntities(caseId);
      const passages = benchPassages(caseId, sourceId, text, entities);
      await setup.evaluate(putRows, { store: 'entities', rows: entities });
      await setup.evaluate(putRows, { store: 'passages', rows: passages });
      await setup.close();

      const sourcesUrl = `${server.url}#/case/${caseId}/sources`;
      const readerHash = `#/case/${caseId}/sources/${sourceId}`;

      // In the running app: from the source list, navigate to the reader.
      const firsts = [];
      const alls = [];
      const longest = [];
      let shown;
      for (let run = 0; run < 4; run += 1) {
        const page = await context.newPage();
        await page.goto(sourcesUrl);
        await page.getByRole('table', { name: 'Sources' }).waitFor();
        await page.evaluate(watchReader, { passages: PASSAGES });
        const started = await page.evaluate((hash) => {
          const at = performance.now();
          window.location.hash = hash;
          return at;
        }, readerHash);
        shown = await readerFigures(page);
        if (run > 0) {
          firsts.push(shown.first - started);
          alls.push(shown.all - started);
          longest.push(shown.longest);
        }
        await page.close();
      }

      // A cold start on the reader's address: loading the app itself included.
      await context.addInitScript(watchReader, { passages: PASSAGES });
      const cold = [];
      for (let run = 0; run < 4; run += 1) {
        const page = await context.newPage();
        await page.goto(`${server.url}${readerHash}`);
        const figures = await readerFigures(page);
        if (run > 0) cold.push(figures.first);
        await page.close();
      }
      return [
        {
          name: 'in the app, navigation → reader interactive (first screens of text with their passages), median of 3',
          value: median(firsts),
          unit: 'ms',
          target: 300,
          better: 'lower',
          detail: `${text.length.toLocaleString('en')} characters in ${shown.paragraphs.toLocaleString('en')} paragraphs, ${PASSAGES.toLocaleString('en')} passages`,
        },
        {
          name: 'in the app, navigation → every paragraph and passage drawn, median of 3',
          value: median(alls),
          unit: 'ms',
          better: 'lower',
          detail: `${shown.marks.toLocaleString('en')} marks; the list draws the ${shown.cards} cards in view`,
        },
        {
          name: 'longest task from navigation until everything is drawn, median of 3',
          value: median(longest),
          unit: 'ms',
          better: 'lower',
        },
        {
          name: 'cold start on the reader address → interactive (app load included), median of 3',
          value: median(cold),
          unit: 'ms',
          better: 'lower',
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
