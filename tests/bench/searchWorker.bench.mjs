// Case-wide search end to end in Chromium (issue 7): the built search worker (src/app/search.worker.ts)
// over a case of 10,000 generated sources of about 5 KB (50 MB) written straight into the app's
// IndexedDB. Printed: the first build (from `prepare` to `ready`: reading every text from
// IndexedDB and indexing it), the reopen of the persisted index in a fresh worker (loading the
// snapshot, comparing stamps, attaching every text: time to the first answer and time to `ready`),
// query round trips (UI thread → worker → UI thread, 200 queries: words, AND, prefixes; 5 and
// 20 hits per kind), and the time to answer after one source changed (invalidate, then the next
// query re-indexes it).
//
//   npm run build && node scripts/bench.mjs searchWorker
//   BENCH_SEARCH_WORKER_SOURCES=1000 node scripts/bench.mjs searchWorker   # a quick trial
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';

const SOURCES = Number(process.env.BENCH_SEARCH_WORKER_SOURCES ?? 10_000);
const SOURCE_CHARS = 5_000;
const ASSETS = fileURLToPath(new URL('../../out/renderer/assets/', import.meta.url));

function workerUrl() {
  const name = readdirSync(ASSETS).find((file) => /^search\.worker-.*\.js$/.test(file));
  if (!name) throw new Error('No built search worker: run `npm run build` first.');
  return `/assets/${name}`;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** In the page: writes a case and its sources as raw rows (as a restored backup would appear). */
function seed({ count, chars }) {
  let state = 12345;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const letters = 'abcdefghijklmnoprstuvz';
  const vocabulary = Array.from({ length: 20_000 }, () => {
    const length = 3 + Math.floor(random() * 8);
    return Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
  });
  const word = () => vocabulary[Math.floor(Math.pow(random(), 2.5) * vocabulary.length)];
  const caseId = crypto.randomUUID();
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const text = () => {
    const parts = [];
    let size = 0;
    while (size < chars) {
      const sentence = Array.from({ length: 12 }, word).join(' ') + '.';
      parts.push(sentence);
      size += sentence.length + 1;
    }
    return parts.join(' ');
  };
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('casefile');
    open.onerror = () => reject(new Error(String(open.error)));
    open.onsuccess = async () => {
      const db = open.result;
      const put = (rows) =>
        new Promise((done, fail) => {
          const tx = db.transaction(['cases', 'sources', 'sourceContents'], 'readwrite');
          for (const [table, row] of rows) tx.objectStore(table).put(row);
          tx.oncomplete = () => done();
          tx.onerror = () => fail(new Error(String(tx.error)));
        });
      await put([
        [
          'cases',
          {
            id: caseId,
            title: 'Search bench',
            summary: '',
            marking: 'TLP:AMBER',
            status: 'open',
            createdAt: at,
            updatedAt: at,
          },
        ],
      ]);
      const ids = [];
      for (let start = 0; start < count; start += 250) {
        const rows = [];
        for (let i = start; i < Math.min(count, start + 250); i += 1) {
          const id = crypto.randomUUID();
          ids.push(id);
          rows.push([
            'sources',
            {
              id,
              caseId,
              title: `Report ${i} ${word()} ${word()}`,
              kind: 'text',
              sha256: i.toString(16).padStart(64, '0'),
              byteLength: chars,
              mediaType: 'text/plain',
              provenance: {},
              reliability: 'F',
              warnings: [],
              createdAt: at,
              updatedAt: at,
            },
          ]);
          rows.push(['sourceContents', { id, caseId, text: text(), structure: {} }]);
        }
        await put(rows);
      }
      db.close();
      const queries = [];
      for (let i = 0; i < 100; i += 1) queries.push(vocabulary[50 + i * 37]);
      for (let i = 0; i < 50; i += 1) queries.push(`${vocabulary[60 + i * 11]} ${word()}`);
      for (let i = 0; i < 50; i += 1) queries.push(`${vocabulary[70 + i * 13].slice(0, 3)}*`);
      resolve({ caseId, firstSourceId: ids[0], queries });
    };
  });
}

/** In the page: a worker speaking the search protocol, with timings of its status changes. */
function startWorker(url) {
  const worker = new Worker(url, { type: 'module', name: 'casefile-search-bench' });
  const replies = new Map();
  const statuses = [];
  worker.addEventListener('message', (event) => {
    const data = event.data;
    if (data.type === 'status') statuses.push({ at: performance.now(), ...data.status });
    if (data.id !== undefined) replies.get(data.id)?.(data);
  });
  let nextId = 1;
  window.bench = {
    worker,
    statuses,
    post: (message) => worker.postMessage(message),
    ask: (message) =>
      new Promise((resolve) => {
        const id = nextId++;
        replies.set(id, resolve);
        worker.postMessage({ ...message, id });
      }),
    whenReady: () =>
      new Promise((resolve) => {
        const check = () =>
          statuses.some((s) => s.state === 'ready') ? resolve() : setTimeout(check, 20);
        check();
      }),
  };
}

export default {
  name: `Search worker in Chromium (${SOURCES.toLocaleString('en')} sources × ${SOURCE_CHARS / 1000} KB)`,
  async run() {
    const server = await serveWeb({ port: 5189 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}#/cases`);
      await page.getByRole('heading', { name: 'Cases' }).first().waitFor();
      const { caseId, firstSourceId, queries } = await page.evaluate(seed, {
        count: SOURCES,
        chars: SOURCE_CHARS,
      });
      const url = workerUrl();

      // 1. First build.
      await page.evaluate(startWorker, url);
      const build = await page.evaluate(async (id) => {
        const started = performance.now();
        window.bench.post({ type: 'prepare', caseId: id });
        await window.bench.whenReady();
        return performance.now() - started;
      }, caseId);
      // The snapshot is saved a few seconds after the build; wait for it.
      const saved = (id) =>
        new Promise((resolve) => {
          const open = indexedDB.open('casefile-search');
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('snapshots')) {
              db.close();
              resolve(false);
              return;
            }
            const get = db.transaction('snapshots').objectStore('snapshots').get(id);
            get.onsuccess = () => {
              db.close();
              resolve(get.result !== undefined);
            };
          };
          open.onerror = () => resolve(false);
        });
      const savedBy = Date.now() + 120_000;
      while (!(await page.evaluate(saved, caseId))) {
        if (Date.now() > savedBy) throw new Error('The index was not saved within 2 minutes.');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await page.evaluate(() => window.bench.worker.terminate());

      // 2. Reopen from the persisted index in a fresh worker.
      await page.evaluate(startWorker, url);
      const reopen = await page.evaluate(
        async ({ id, query }) => {
          const started = performance.now();
          window.bench.post({ type: 'prepare', caseId: id });
          const reply = await window.bench.ask({ type: 'search', caseId: id, query });
          const firstAnswer = performance.now() - started;
          await window.bench.whenReady();
          const notice = window.bench.statuses.find((s) => s.notice)?.notice;
          const building = window.bench.statuses.some((s) => s.state === 'building');
          return {
            firstAnswer,
            ready: performance.now() - started,
            notice,
            building,
            ok: reply.result.ok,
          };
        },
        { id: caseId, query: queries[0] },
      );

      // 3. Query round trips.
      /** Round trips of every query with `limit` hits per kind: sorted times and worker times. */
      const roundTrips = async (limit) => {
        const rounds = await page.evaluate(
          async ({ id, list, limit }) => {
            const times = [];
            const took = [];
            for (const query of list) {
              const started = performance.now();
              const reply = await window.bench.ask({
                type: 'search',
                caseId: id,
                query,
                options: { limit },
              });
              times.push(performance.now() - started);
              if (reply.result.ok) took.push(reply.result.value.tookMs);
            }
            return { times, took };
          },
          { id: caseId, list: queries, limit },
        );
        return {
          times: [...rounds.times].sort((a, b) => a - b),
          took: [...rounds.took].sort((a, b) => a - b),
        };
      };
      // Warm-up (JIT, and the garbage left by attaching 50 MB of texts), then the overview's 5 hits
      // per kind, then 20 per kind (up to 100 snippets cloned back).
      await roundTrips(5);
      const overview = await roundTrips(5);
      const { times, took } = await roundTrips(20);

      // 4. One source changes (raw write, so the worker is told with invalidate, as the app does).
      const update = await page.evaluate(
        async ({ id, sourceId }) => {
          await new Promise((resolve, reject) => {
            const open = indexedDB.open('casefile');
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['sources', 'sourceContents'], 'readwrite');
              const sources = tx.objectStore('sources');
              const get = sources.get(sourceId);
              get.onsuccess = () => {
                sources.put({ ...get.result, updatedAt: new Date().toISOString() });
                tx.objectStore('sourceContents').put({
                  id: sourceId,
                  caseId: id,
                  text: 'A freshly written zyxwvut paragraph.',
                  structure: {},
                });
              };
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(new Error(String(tx.error)));
            };
          });
          const started = performance.now();
          window.bench.post({ type: 'invalidate', caseId: id });
          const reply = await window.bench.ask({ type: 'search', caseId: id, query: 'zyxwvut' });
          return {
            ms: performance.now() - started,
            found: reply.result.ok ? reply.result.value.total : -1,
          };
        },
        { id: caseId, sourceId: firstSourceId },
      );

      return [
        {
          name: 'first build (prepare → ready)',
          value: build / 1000,
          unit: 's',
          target: 30,
          better: 'lower',
        },
        {
          name: 'reopen: first answer',
          value: reopen.firstAnswer / 1000,
          unit: 's',
          target: 2,
          better: 'lower',
          detail: `persisted index used: ${!reopen.building && !reopen.notice}${reopen.notice ? ` (${reopen.notice})` : ''}`,
        },
        { name: 'reopen: every text attached (ready)', value: reopen.ready / 1000, unit: 's' },
        {
          name: 'query round trip p95, 5 hits per kind (the overview)',
          value: percentile(overview.times, 95),
          unit: 'ms',
          target: 10,
          better: 'lower',
          detail: `p50 ${percentile(overview.times, 50).toFixed(1)} ms, worker time p95 ${percentile(overview.took, 95).toFixed(2)} ms`,
        },
        {
          name: 'query round trip p50, 20 per kind',
          value: percentile(times, 50),
          unit: 'ms',
          detail: `worker time p50 ${percentile(took, 50).toFixed(2)} ms`,
        },
        {
          name: 'query round trip p95, 20 per kind',
          value: percentile(times, 95),
          unit: 'ms',
          target: 10,
          better: 'lower',
          detail: `worker time p95 ${percentile(took, 95).toFixed(2)} ms, max round trip ${times.at(-1).toFixed(1)} ms`,
        },
        {
          name: 'answer after one source changed',
          value: update.ms,
          unit: 'ms',
          detail: `new text found: ${update.found === 1}`,
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
