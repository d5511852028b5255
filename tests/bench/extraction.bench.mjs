// Extraction throughput on a 10 MB generated news-and-threat-report text (deterministic).
// - Node: indicator extraction alone, then each of phones, money, dates and known-entity
//   mentions, then everything core proposes together (src/core/extraction, bundled with Vite
//   for Node the way the app bundles it for the worker).
// - Chromium (web build): full suggestions including names, through the app's real extraction
//   worker (out/renderer/assets), timed inside the page from posting the job to the answer.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serveWeb } from '../../scripts/serve-web.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEXT_BYTES = 10 * 1024 * 1024;
const KNOWN_ENTITIES = 2_000;

// ---------------------------------------------------------------- the text

/** Small seeded PRNG (mulberry32): the same text on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN =
  'Rahim Maria Ahmed Chen Olga Ivan Fatima James Li Priya Tomas Aisha Kenji Sofia Omar Elena'.split(
    ' ',
  );
const FAMILY =
  'Karim Santos Hassan Wei Petrova Sokolov Begum Carter Na Sharma Novak Bello Sato Rossi Farouk Ionescu'.split(
    ' ',
  );
const ORGS = [
  'Bangladesh Bank',
  'Rizal Commercial Banking Corporation',
  'the Federal Reserve Bank of New York',
  'Lazarus Group',
  'SWIFT',
  'Interpol',
  'the Philippine National Police',
  'Meridian Holdings Ltd',
];
const PLACES =
  'Dhaka Manila Hong Kong Pyongyang Jakarta Brussels Colombo Macau Singapore Kuala Lumpur'.split(
    ' ',
  );
const PROSE = (
  'investigators traced the transfers through correspondent banks while regulators questioned ' +
  'how the credentials were obtained and which officials approved the payment instructions ' +
  'before the casino accounts were emptied and the funds moved offshore'
).split(' ');
const WALLETS = [
  '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
];
const IBANS = [
  'GB82 WEST 1234 5698 7654 32',
  'DE89 3704 0044 0532 0130 00',
  'GB33BUKB20201555555555',
];
const PHONES = ['+1 202-555-0143', '+44 20 7946 0958', '+880 1711-123456', '(415) 555-2671'];
const TLDS = ['com', 'net', 'org', 'ru', 'io', 'co.uk'];
const MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );

export function generateText(bytes = TEXT_BYTES, seed = 4) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const int = (n) => Math.floor(next() * n);
  const person = () => `${pick(GIVEN)} ${pick(FAMILY)}`;
  const words = (n) => Array.from({ length: n }, () => pick(PROSE)).join(' ');
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  const domain = () => `${pick(PROSE)}-${pick(PROSE)}.${pick(TLDS)}`;
  const ip = () => `${1 + int(222)}.${int(256)}.${int(256)}.${1 + int(254)}`;
  const defang = (s) => s.replaceAll('.', '[.]');
  const date = () =>
    next() < 0.5
      ? `${1 + int(28)} ${pick(MONTHS)} ${2010 + int(15)}`
      : `${2010 + int(15)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  const sentences = [
    () => `${person()} of ${pick(ORGS)} said in ${pick(PLACES)} that ${words(12)}.`,
    () => `On ${date()} ${words(6)} $${1 + int(99)} million ${words(5)} ${pick(ORGS)}.`,
    () =>
      `The actor used hxxps://${defang(domain())}/${pick(PROSE)}?id=${int(1000)} and ${defang(ip())} ${words(4)}.`,
    () => `Beacons reached ${domain()} at ${ip()} and ${pick(PROSE)}@${domain()} ${words(5)}.`,
    () =>
      `Sample sha256 ${hex(64)} and md5 ${hex(32)} exploited CVE-${2015 + int(10)}-${1000 + int(40000)}.`,
    () =>
      `Ransom went to ${pick(WALLETS)} and the mule account ${pick(IBANS)} held €${1 + int(9)}.${int(10)}m.`,
    () => `${person()} can be reached on ${pick(PHONES)}; ${words(8)} ${pick(PLACES)}.`,
    () =>
      `${words(15)}, ${person()} told reporters, ${words(10)} about ${1 + int(900)},000 dollars.`,
  ];
  const parts = [];
  let length = 0;
  while (length < bytes) {
    const paragraph = Array.from({ length: 3 + int(5) }, () => pick(sentences)()).join(' ');
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n').slice(0, bytes);
}

/** Known entities: every person, organisation and place the text uses, plus unrelated names. */
export function knownEntities(count = KNOWN_ENTITIES) {
  const names = [
    ...GIVEN.flatMap((g) => FAMILY.map((f) => ['Person', `${g} ${f}`])),
    ...ORGS.map((o) => ['Organization', o.replace(/^the /, '')]),
    ...PLACES.map((p) => ['Location', p]),
  ];
  for (let i = 0; names.length < count; i++) names.push(['Person', `Unrelated Person${i} Name`]);
  return names.slice(0, count).map(([type, name], i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type,
    names: [name, name.toUpperCase()],
  }));
}

// ---------------------------------------------------------------- Node

/** Bundles core extraction for Node as the app bundles it (Vite), so the bench measures that code. */
async function loadCore() {
  const outDir = mkdtempSync(join(tmpdir(), 'casefile-extraction-bench-'));
  await build({
    configFile: false,
    logLevel: 'error',
    root,
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry: join(root, 'src/core/extraction/index.ts'), formats: ['es'], fileName: 'core' },
    },
  });
  const file = readdirSync(outDir).find((f) => f.startsWith('core'));
  const module = await import(pathToFileURL(join(outDir, file)).href);
  rmSync(outDir, { recursive: true, force: true });
  return module;
}

/** Best of `runs` (after one warm-up): the machine is shared and noisy. */
function mbPerSecond(text, work, runs = 3) {
  work(text.slice(0, 200_000));
  let best = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work(text);
    best = Math.min(best, performance.now() - started);
  }
  return { value: text.length / 1024 / 1024 / (best / 1000), count: result.length };
}

// ---------------------------------------------------------------- Chromium

/** The extraction worker's asset: the worker URL the main chunk creates with the name "casefile-extract". */
function extractionWorkerAsset() {
  const assets = join(root, 'out/renderer/assets');
  for (const file of readdirSync(assets).filter((f) => /^index-.*\.js$/.test(f))) {
    const code = readFileSync(join(assets, file), 'utf8');
    const at = code.search(/[`'"]casefile-extract[`'"]/);
    if (at === -1) continue;
    const before = code.slice(Math.max(0, at - 400), at);
    const urls = [...before.matchAll(/([\w-]+\.js)/g)];
    if (urls.length > 0) return `/assets/${urls.at(-1)[1]}`;
  }
  throw new Error('No extraction worker found in out/renderer: run `npm run build`.');
}

/** Runs inside the page: one warm-up job, then the timed one. */
async function suggestInWorker({ url, text, known }) {
  const worker = new Worker(url, { type: 'module', name: 'bench-extract' });
  const run = (id, body) =>
    new Promise((resolve, reject) => {
      let chunks = 0;
      worker.onerror = (event) => reject(new Error(event.message));
      worker.onmessage = (event) => {
        if (event.data.id !== id) return;
        if (event.data.kind === 'progress') chunks += 1;
        else resolve({ result: event.data.result, chunks });
      };
      worker.postMessage({ id, text: body, known });
    });
  await run(1, text.slice(0, 100_000));
  const started = performance.now();
  const { result, chunks } = await run(2, text);
  const ms = performance.now() - started;
  worker.terminate();
  if (!result.ok) throw new Error(result.error.message);
  const names = result.value.filter((c) => c.origin === 'name').length;
  return { ms, chunks, candidates: result.value.length, names };
}

/** One run per list of known entities (a case that knows them, and a fresh case). */
async function chromiumSuggestions(text, knownLists) {
  const server = await serveWeb({ port: 5186 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/cases`);
    const url = extractionWorkerAsset();
    const runs = [];
    for (const known of knownLists) {
      runs.push(await page.evaluate(suggestInWorker, { url, text, known }));
    }
    return runs;
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------- figures

export default {
  name: 'extraction (10 MB mixed text)',
  async run() {
    const text = generateText();
    const known = knownEntities();
    const core = await loadCore();
    const mb = (text.length / 1024 / 1024).toFixed(1);
    const indicators = mbPerSecond(text, (t) => core.scanIndicators(t));
    const phones = mbPerSecond(text, (t) => core.findPhoneNumbers(t));
    const money = mbPerSecond(text, (t) => core.findMoney(t));
    const dates = mbPerSecond(text, (t) => core.findDates(t));
    const matcher = core.createKnownMatcher(known);
    const mentions = mbPerSecond(text, (t) => matcher.find(t));
    const extract = core.createCandidateExtractor(known);
    const all = mbPerSecond(text, (t) => extract(t), 2);
    // With the known entities every name in the text is a known mention; a fresh case (no known
    // entities) is where the name recogniser's proposals survive.
    const [browser, fresh] = await chromiumSuggestions(text, [known, []]);
    return [
      {
        name: `indicator extraction, Node (${indicators.count.toLocaleString('en')} indicators in ${mb} MB)`,
        value: indicators.value,
        unit: 'MB/s',
        target: 5,
        better: 'higher',
      },
      {
        name: `  phone numbers (${phones.count.toLocaleString('en')})`,
        value: phones.value,
        unit: 'MB/s',
      },
      { name: `  money (${money.count.toLocaleString('en')})`, value: money.value, unit: 'MB/s' },
      { name: `  dates (${dates.count.toLocaleString('en')})`, value: dates.value, unit: 'MB/s' },
      {
        name: `  known-entity mentions (${KNOWN_ENTITIES.toLocaleString('en')} entities × 2 names; ${mentions.count.toLocaleString('en')} mentions)`,
        value: mentions.value,
        unit: 'MB/s',
      },
      {
        name: `full core extraction, Node (indicators + phones + money + dates + known; ${all.count.toLocaleString('en')} candidates)`,
        value: all.value,
        unit: 'MB/s',
      },
      {
        name: `full suggestions incl. names, extraction worker in Chromium (${browser.candidates.toLocaleString('en')} candidates, ${browser.names.toLocaleString('en')} names, ${browser.chunks} chunks)`,
        value: text.length / 1024 / 1024 / (browser.ms / 1000),
        unit: 'MB/s',
        target: 0.3,
        better: 'higher',
      },
      {
        name: `full suggestions, fresh case (no known entities), extraction worker in Chromium (${fresh.candidates.toLocaleString('en')} candidates, ${fresh.names.toLocaleString('en')} names)`,
        value: text.length / 1024 / 1024 / (fresh.ms / 1000),
        unit: 'MB/s',
        target: 0.3,
        better: 'higher',
      },
    ];
  },
};
