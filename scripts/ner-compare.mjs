// Compares name recognisers (people, organisations, places) on speed and quality, to choose one
// for the extraction worker (docs/extraction.md records the result). Not a test: figures only.
//
//   node scripts/ner-compare.mjs                  # Node figures for every candidate
//   node scripts/ner-compare.mjs --browser        # also throughput inside a Chromium Web Worker
//   node scripts/ner-compare.mjs --only=rules     # one candidate (comma-separated list)
//   node scripts/ner-compare.mjs --misses=10-15   # the rules recogniser's errors on texts 10–15
//
// Candidates:
//   rules          src/ingest/ner (Casefile's recogniser: capitalised runs + cues + word lists)
//   compromise-3   compromise 14 full build: doc.people() / .organizations() / .places()
//   compromise-2   compromise/two: runs of terms tagged #Person / #Organization / #Place
//   wink-lite      wink-nlp + wink-eng-lite-web-model: runs of PROPN tokens. The lite model has no
//                  person/organisation/place entities, so it only finds spans (untyped quality)
//
// compromise runs paragraph by paragraph: on a whole 1 MB text its offset computation alone
// takes minutes, and the worker feeds it chunks anyway. Two speed-only rows show what the
// libraries cost before offsets: compromise on the whole text, counting matches; wink's
// tokeniser and tagger.
//
// Quality is scored on the labelled development texts in scripts/ner-dev-texts.mjs, per group
// (exact span and type; "overlap" also accepts a same-type span overlapping the labelled one).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { DEV_TEXTS, GROUPS, parseLabelled } from './ner-dev-texts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = ['Person', 'Organization', 'Location'];

/** Bundles the TypeScript recogniser to one ES module (for Node, and for a worker). */
async function bundleRules(dir) {
  const file = join(dir, 'ner.mjs');
  await build({
    input: join(root, 'src/ingest/ner/index.ts'),
    output: { file, format: 'esm', minify: true },
    logLevel: 'silent',
  });
  return file;
}

/** Trims what some libraries include in a name: punctuation, 's, "the", honorifics. */
function tidy(text, start, end) {
  let s = start;
  let e = end;
  for (;;) {
    const before = [s, e];
    while (
      e > s &&
      /[\s.,;:!?"'’)\]]/.test(text[e - 1]) &&
      !/\b\p{Lu}\.$/u.test(text.slice(s, e))
    ) {
      e -= 1;
    }
    if (/['’]s$/i.test(text.slice(s, e))) e -= 2;
    while (s < e && /[\s"'“‘([]/.test(text[s])) s += 1;
    const lead = /^(?:the|mr|mrs|ms|dr|prof|sir)\.?\s+/i.exec(text.slice(s, e));
    if (lead) s += lead[0].length;
    if (before[0] === s && before[1] === e) break;
  }
  return [s, e];
}

/** Runs `recognise` on each paragraph and shifts the offsets back into the whole text. */
function byParagraph(recognise) {
  return (text) => {
    const out = [];
    const paragraph = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
    for (const match of text.matchAll(paragraph)) {
      for (const found of recognise(match[0])) {
        out.push({ ...found, start: found.start + match.index, end: found.end + match.index });
      }
    }
    return out;
  };
}

const recognisers = {
  async rules(dir) {
    const { recogniseNames } = await import(pathToFileURL(await bundleRules(dir)).href);
    return (text) => recogniseNames(text).map(({ type, start, end }) => ({ type, start, end }));
  },
  async 'compromise-3'() {
    const { default: nlp } = await import('compromise');
    return byParagraph((text) => {
      const doc = nlp(text);
      const out = [];
      for (const [type, view] of [
        ['Person', doc.people()],
        ['Organization', doc.organizations()],
        ['Location', doc.places()],
      ]) {
        for (const { offset } of view.json({ offset: true, terms: false })) {
          const [start, end] = tidy(text, offset.start, offset.start + offset.length);
          if (end > start) out.push({ type, start, end });
        }
      }
      return out;
    });
  },
  async 'compromise-2'() {
    const { default: nlp } = await import('compromise/two');
    const tagType = (tags) =>
      tags.includes('Honorific')
        ? undefined
        : tags.includes('Person')
          ? 'Person'
          : tags.includes('Organization')
            ? 'Organization'
            : tags.includes('Place')
              ? 'Location'
              : undefined;
    return byParagraph((text) => {
      const out = [];
      for (const sentence of nlp(text).json({ offset: true })) {
        let run;
        for (const term of sentence.terms) {
          const type = tagType(term.tags);
          const start = term.offset.start;
          const end = start + term.offset.length;
          if (type && run && run.type === type && !/[,.;:!?)]/.test(run.post)) {
            run.end = end;
            run.post = term.post;
          } else {
            if (run) out.push(run);
            run = type ? { type, start, end, post: term.post } : undefined;
          }
        }
        if (run) out.push(run);
      }
      return out.map(({ type, start, end }) => {
        const [s, e] = tidy(text, start, end);
        return { type, start: s, end: e };
      });
    });
  },
  async 'wink-lite'() {
    const { default: winkNLP } = await import('wink-nlp');
    const { default: model } = await import('wink-eng-lite-web-model');
    const nlp = winkNLP(model, ['sbd', 'pos']);
    const its = nlp.its;
    return (text) => {
      const doc = nlp.readDoc(text);
      const out = [];
      let run;
      let cursor = 0;
      doc.tokens().each((token) => {
        const value = token.out();
        const start = text.indexOf(value, cursor);
        if (start < 0) return;
        cursor = start + value.length;
        const proper = token.out(its.pos) === 'PROPN';
        if (proper && run && /^[ \t]*$/.test(text.slice(run.end, start))) run.end = cursor;
        else {
          if (run) out.push(run);
          run = proper ? { type: 'Span', start, end: cursor } : undefined;
        }
      });
      if (run) out.push(run);
      return out;
    };
  },
};

/** Speed only: what the libraries cost before anything is turned into offsets. */
const speedOnly = {
  async 'compromise-3, whole text, counting only (no offsets)'() {
    const { default: nlp } = await import('compromise');
    return (text) => {
      const doc = nlp(text);
      return doc.people().length + doc.organizations().length + doc.places().length;
    };
  },
  async 'wink-lite, tokens + POS only'() {
    const { default: winkNLP } = await import('wink-nlp');
    const { default: model } = await import('wink-eng-lite-web-model');
    const nlp = winkNLP(model, ['sbd', 'pos']);
    return (text) => nlp.readDoc(text).tokens().out(nlp.its.pos).length;
  },
};

function score(docs, recognise) {
  const counts = Object.fromEntries(
    [...TYPES, 'Any'].map((t) => [t, { gold: 0, found: 0, exact: 0, overlap: 0, untyped: 0 }]),
  );
  for (const { text, gold } of docs) {
    for (const g of gold) {
      counts[g.type].gold += 1;
      counts.Any.gold += 1;
    }
    for (const f of recognise(text)) {
      const bucket = counts[f.type];
      if (bucket) bucket.found += 1;
      counts.Any.found += 1;
      const same = gold.find((g) => g.start === f.start && g.end === f.end);
      if (same) counts.Any.untyped += 1;
      if (!bucket) continue;
      if (same && same.type === f.type) bucket.exact += 1;
      if (gold.some((g) => g.type === f.type && g.start < f.end && f.start < g.end)) {
        bucket.overlap += 1;
      }
    }
  }
  return counts;
}

const ratio = (a, b) => (b === 0 ? 0 : a / b);
const fmt = (x) => x.toFixed(2);

function qualityRows(name, counts) {
  const rows = [];
  for (const type of TYPES) {
    const c = counts[type];
    if (c.found === 0) continue;
    rows.push(
      `| ${name} | ${type} | ${c.gold} | ${c.found} | ${fmt(ratio(c.exact, c.found))} | ${fmt(ratio(c.exact, c.gold))} | ${fmt(ratio(c.overlap, c.found))} | ${fmt(ratio(c.overlap, c.gold))} |`,
    );
  }
  const a = counts.Any;
  rows.push(
    `| ${name} | any span, type ignored | ${a.gold} | ${a.found} | ${fmt(ratio(a.untyped, a.found))} | ${fmt(ratio(a.untyped, a.gold))} | | |`,
  );
  return rows;
}

/** A ~1 MB news-style text: the development texts repeated, labels removed. */
function benchText(size = 1_000_000) {
  const plain = DEV_TEXTS.map((t) => parseLabelled(t).text).join('\n\n');
  let text = '';
  while (text.length < size) text += plain + '\n\n';
  return text;
}

function throughput(recognise, text) {
  recognise(text.slice(0, 50_000)); // warm up
  const runs = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    recognise(text);
    runs.push((performance.now() - started) / 1000);
  }
  runs.sort((a, b) => a - b);
  const seconds = runs[1];
  return { mbs: text.length / 1e6 / seconds, words: text.split(/\s+/).length / seconds };
}

/** The local name a bundle exports as `name`. */
function exportedAs(source, name) {
  const list = /export\s*\{([^}]*)\}/.exec(source);
  for (const part of list[1].split(',')) {
    const [inner, outer] = part.trim().split(/\s+as\s+/);
    if ((outer ?? inner) === name) return inner;
  }
  throw new Error(`no export ${name}`);
}

async function browserThroughput(dir, text) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./chromium.mjs');
  const rulesSource = readFileSync(await bundleRules(dir), 'utf8');
  const compromiseFile = join(dir, 'compromise.mjs');
  await build({
    input: join(root, 'node_modules/compromise/src/three.js'),
    output: { file: compromiseFile, format: 'esm', minify: true },
    logLevel: 'silent',
  });
  const compromiseSource = readFileSync(compromiseFile, 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    /** MB/s of `call(text)` in a dedicated worker: median of three runs after a warm-up. */
    const measure = (source, call) =>
      page.evaluate(
        async ({ source, call, text }) => {
          const body =
            source.replace(/export\s*\{[^}]*\};?\s*$/, '') +
            `\nself.onmessage = (e) => { const f = ${call}; f(e.data.slice(0, 50000));` +
            ` const times = []; for (let i = 0; i < 3; i++) { const t = performance.now(); f(e.data);` +
            ` times.push(performance.now() - t); } times.sort((a, b) => a - b); postMessage(times[1]); };`;
          const url = URL.createObjectURL(new Blob([body], { type: 'text/javascript' }));
          const worker = new globalThis.Worker(url);
          const ms = await new Promise((resolve, reject) => {
            worker.onmessage = (e) => resolve(e.data);
            worker.onerror = (e) => reject(new Error(e.message));
            worker.postMessage(text);
          });
          worker.terminate();
          return text.length / 1e6 / (ms / 1000);
        },
        { source, call, text },
      );
    const rules = await measure(
      rulesSource,
      `(t) => ${exportedAs(rulesSource, 'recogniseNames')}(t)`,
    );
    const nlp = exportedAs(compromiseSource, 'default');
    const compromise = await measure(
      compromiseSource,
      `(t) => { let n = 0; for (const p of t.split('\\n\\n')) { const d = ${nlp}(p);` +
        ` n += d.people().length + d.organizations().length + d.places().length; } return n; }`,
    );
    return { rules, compromise };
  } finally {
    await browser.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ner-compare-'));
try {
  const docs = DEV_TEXTS.map(parseLabelled);
  const text = benchText();
  console.log(`Bench text: ${(text.length / 1e6).toFixed(2)} MB; Node ${process.version}\n`);
  console.log('| recogniser | Node MB/s | Node words/s |');
  console.log('| --- | --- | --- |');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const quality = [];
  for (const [name, load] of Object.entries(recognisers)) {
    if (only && !only.split(',').includes(name)) continue;
    const recognise = await load(dir);
    const { mbs, words } = throughput(recognise, text);
    console.log(`| ${name} | ${mbs.toFixed(2)} | ${Math.round(words).toLocaleString('en')} |`);
    quality.push([name, GROUPS.map((g) => score(docs.slice(g.from, g.to), recognise))]);
  }
  if (!only) {
    for (const [name, load] of Object.entries(speedOnly)) {
      const { mbs, words } = throughput(await load(), text);
      console.log(`| ${name} | ${mbs.toFixed(2)} | ${Math.round(words).toLocaleString('en')} |`);
    }
  }
  for (const [index, group] of GROUPS.entries()) {
    console.log(`\n${group.name}: exact span + type, and overlapping span + type`);
    console.log(
      '| recogniser | type | labelled | found | precision | recall | overlap P | overlap R |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, counts] of quality) {
      for (const line of qualityRows(name, counts[index])) console.log(line);
    }
  }
  if (process.argv.includes('--browser')) {
    const { rules, compromise } = await browserThroughput(dir, text);
    console.log(
      `\nChromium Web Worker: rules ${rules.toFixed(2)} MB/s, compromise-3 ${compromise.toFixed(2)} MB/s`,
    );
  }
  const misses = process.argv.find((a) => a.startsWith('--misses='))?.slice(9);
  if (misses) {
    const [from, to] = misses.split('-').map(Number);
    const { recogniseNames } = await import(pathToFileURL(await bundleRules(dir)).href);
    for (let i = from; i <= (to ?? from); i += 1) {
      const { text: docText, gold } = docs[i];
      const found = recogniseNames(docText);
      for (const g of gold) {
        const f = found.find((x) => x.start === g.start && x.end === g.end);
        if (!f || f.type !== g.type) {
          const as = f ? ` as ${f.type}` : '';
          console.log(`doc ${i} MISS ${g.type} "${docText.slice(g.start, g.end)}"${as}`);
        }
      }
      for (const f of found) {
        if (!gold.some((g) => g.start === f.start && g.end === f.end)) {
          console.log(`doc ${i} EXTRA ${f.type} "${f.value}"`);
        }
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
