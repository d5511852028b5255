// Case-wide search: the in-memory index (src/search/engine.ts) on a generated case of 10,000
// sources (about 50 MB of text) plus 20,000 passages, 2,000 entities, 1,000 claims and 500 notes;
// then the same on 100,000 short sources. Measured in Node (the engine is pure and synchronous;
// in the app it runs in a Web Worker), loaded with Vite's module runner like quality.bench.mjs.
//
// Figures: index build time, heap held by the index, snapshot size and export time, load time of
// the persisted index (importSearchEngine + attaching every text with a same-stamp upsert; reading
// the texts from IndexedDB is not part of it), the forward indexes an imported index then builds
// in the background for phrases (time, memory, and phrase latency before they exist; the queries
// below run after it; heap figures include ArrayBuffer memory), the 10 slowest queries, and query
// latency over 200 mixed queries (words, AND, phrases, prefix, typos, indicator lookups, some with
// filters). A query's time covers
// parsing, evaluation, ranking and snippets with highlights of the hits returned: the headline
// figures use the search area's overview (default options: the top 5 in each of the 5 kinds, so
// up to 25 snippets); a second line gives p95 with 20 hits in every kind (up to 100). The baseline is
// a naive scan: every text folded in advance (lower case, no accents), each query answered by
// `includes` of each word over all texts, the first 20 matches sliced as snippets. The 200 queries
// run in REPEATS passes, for the index and the naive scan alike, and each query's time is its
// median over the passes, so that one garbage collection or compilation pause does not decide a
// percentile. Passes, not back-to-back repeats: between two runs of a query the other 199 run, so
// it does not find its data still in the CPU caches. The engine caches no results (only
// per-session and per-change tables, which the warm-up queries build first).
//
//   node scripts/bench.mjs search                    # both cases (the 100k one takes ~1 min)
//   BENCH_SEARCH_LARGE=0 node scripts/bench.mjs search   # skip the 100,000-source case
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runnerImport } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LARGE = process.env.BENCH_SEARCH_LARGE !== '0';
/** Sources of the main case (a smaller number gives a quick trial run; targets assume 10,000). */
const SOURCES = Number(process.env.BENCH_SEARCH_SOURCES ?? 10_000);
/** The search area's overview: 5 hits (with snippets) in each of the 5 kinds. */
const OVERVIEW = {};
/** "Show more" in every kind at once: 20 hits with snippets in each kind. */
const TWENTY_PER_KIND = { limit: 20 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** JS heap plus ArrayBuffer memory (typed arrays such as the forward indexes live outside the heap). */
function heapMb() {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

function loadavg() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

// ---------------------------------------------------------------- generated case

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'the of and to in a was that for on with as by at from is he it his said were had which not ' +
  'have an be this are their they has been who its after but or one would more also two first ' +
  'new other when than into there over some year years time company government report meeting ' +
  'payment transfer account bank shipment vessel cargo port director minister official ' +
  'agreement contract money funds network trade sanctions export import investigation police ' +
  'court evidence document email phone address office building city country border embassy ' +
  'according sources told reported documents showed linked owned registered through during ' +
  'between against including million thousand dollars euros where while since before under'
).split(' ');
const SYLLABLES =
  'ka ro mi tan el or in ver sa lo de pri con ter ma ni us ble ca ti on al ex port men ra dis ho la be fi gu ne st ar qu ze ly op ac'.split(
    ' ',
  );
const SURNAMES = [
  'Kim',
  'Lee',
  'Park',
  'Choi',
  'Ri',
  'Pak',
  'Han',
  'Müller',
  'Schmidt',
  'Ivanov',
  'Petrov',
  'Nguyen',
  'García',
  "O'Brien",
  'Kowalski',
  'Łukasz',
  'Haddad',
  'Tanaka',
];
const GIVEN = [
  'Jong Nam',
  'Jong Un',
  'Chol',
  'Song Il',
  'Hyon Woo',
  'Anna',
  'Dmitri',
  'José',
  'Fatima',
  'Wei',
  'Olga',
  'Kang Chol',
  'Yusuf',
  'Marta',
  'Hiroshi',
];
const TLDS = ['com', 'org', 'net', 'kp', 'ru', 'de'];
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** A valid bech32 P2WPKH address (the indicator scanner checks the checksum). */
function wallet(r) {
  const program = Array.from({ length: 20 }, () => Math.floor(r() * 256));
  const data = [0];
  let accumulator = 0;
  let bits = 0;
  for (const byte of program) {
    accumulator = ((accumulator << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((accumulator >> bits) & 31);
    }
  }
  if (bits > 0) data.push((accumulator << (5 - bits)) & 31);
  const hrp = 'bc';
  const values = [
    ...[...hrp].map((c) => c.charCodeAt(0) >> 5),
    0,
    ...[...hrp].map((c) => c.charCodeAt(0) & 31),
    ...data,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let check = 1;
  for (const value of values) {
    const top = check >>> 25;
    check = ((check & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) check ^= generators[i];
  }
  check = (check ^ 1) >>> 0;
  const checksum = Array.from({ length: 6 }, (_, i) => (check >>> (5 * (5 - i))) & 31);
  return 'bc1' + [...data, ...checksum].map((d) => BECH32[d]).join('');
}

function makeWords(r) {
  const words = new Set(COMMON);
  while (words.size < 30_000) {
    const syllables = 1 + Math.floor(r() * 3.2);
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    if (r() < 0.3) word += ['s', 'ed', 'ing', 'er'][Math.floor(r() * 4)];
    if (word.length >= 2) words.add(word);
  }
  const list = [...words];
  const cumulative = new Float64Array(list.length);
  let total = 0;
  for (let i = 0; i < list.length; i++) cumulative[i] = total += 1 / (i + 1);
  const sample = () => {
    const x = r() * total;
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < x) low = middle + 1;
      else high = middle;
    }
    return list[low];
  };
  return { list, sample };
}

function makePools(r, words) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  const people = [];
  for (const surname of SURNAMES) for (const given of GIVEN) people.push(`${surname} ${given}`);
  const orgs = Array.from(
    { length: 300 },
    () =>
      `${capitalise(words.list[200 + Math.floor(r() * 3000)])} ${pick(['Trading', 'Holdings', 'Shipping', 'Bank', 'Group'])}`,
  );
  const hex = (n) =>
    Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
  const domains = Array.from(
    { length: 1000 },
    () =>
      `${words.list[300 + Math.floor(r() * 5000)]}-${words.list[300 + Math.floor(r() * 5000)]}.${pick(TLDS)}`,
  );
  return {
    people,
    orgs,
    ip: Array.from({ length: 2000 }, () =>
      [
        1 + Math.floor(r() * 222),
        Math.floor(r() * 256),
        Math.floor(r() * 256),
        1 + Math.floor(r() * 254),
      ].join('.'),
    ),
    hash: Array.from({ length: 2000 }, () => hex(64)),
    wallet: Array.from({ length: 500 }, () => wallet(r)),
    email: Array.from(
      { length: 2000 },
      (_, i) =>
        `${pick(['j', 'k', 'm', 'info', 'admin'])}.${words.list[100 + (i % 3000)]}@${pick(domains)}`,
    ),
    domain: domains,
  };
}

function capitalise(word) {
  return word[0].toUpperCase() + word.slice(1);
}

/** Realistic-looking prose: Zipf-distributed words, names, organisations and indicators. */
function prose(r, words, pools, length) {
  const parts = [];
  let size = 0;
  let sentence = 0;
  const skewed = (list) => list[Math.floor(Math.pow(r(), 2) * list.length)];
  while (size < length) {
    const x = r();
    let piece;
    if (x < 0.012) piece = skewed(pools.people);
    else if (x < 0.016) piece = skewed(pools.orgs);
    else if (x < 0.019) {
      const kind = ['ip', 'hash', 'wallet', 'email', 'domain'][Math.floor(r() * 5)];
      piece = skewed(pools[kind]);
    } else piece = words.sample();
    if (sentence === 0) piece = capitalise(piece);
    sentence++;
    if (sentence > 8 + r() * 12) {
      piece += r() < 0.1 ? '.\n\n' : '.';
      sentence = 0;
    } else if (r() < 0.05) piece += ',';
    parts.push(piece);
    size += piece.length + 1;
  }
  return parts.join(' ');
}

export function generateCase(sourceCount, sourceBytes, seed) {
  const r = random(seed);
  const words = makeWords(random(42));
  const pools = makePools(random(43), words);
  const date = () => {
    const year = 2005 + Math.floor(r() * 20);
    const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    return { first: `${year}-${month}-${day}`, last: `${year}-${month}-${day}` };
  };
  const documents = [];
  const sources = [];
  for (let i = 0; i < sourceCount; i++) {
    const text = prose(r, words, pools, sourceBytes * (0.5 + r()));
    const title = capitalise(prose(r, words, pools, 30 + r() * 40).replace(/[.,\n]/g, ''));
    const source = {
      kind: 'source',
      id: `src-${i}`,
      stamp: '2024-01-01T00:00:00.000Z',
      title,
      text,
      extra: `Publisher: ${pools.orgs[i % pools.orgs.length]}. URL: https://${pools.domain[i % pools.domain.length]}/a/${i}`,
      date: date(),
    };
    sources.push(source);
    documents.push(source);
  }
  const entities = [];
  for (let i = 0; i < 2000; i++) {
    const person = i < pools.people.length * 3;
    const name = person
      ? pools.people[i % pools.people.length] + (i >= pools.people.length ? ` ${i}` : '')
      : `${pools.orgs[i % pools.orgs.length]} ${i}`;
    const entity = {
      kind: 'entity',
      id: `ent-${i}`,
      stamp: '1',
      title: name,
      text: '',
      extra: `Nationality: ${words.list[50 + (i % 500)]}`,
      entityType: person ? 'Person' : 'Organization',
      names: [name, name.split(' ').reverse().join(' ')],
    };
    entities.push(entity);
    documents.push(entity);
  }
  const passages = [];
  for (let i = 0; i < 20_000; i++) {
    const source = sources[Math.floor(r() * sources.length)];
    const start = Math.floor(r() * Math.max(1, source.text.length - 200));
    const quote = source.text.slice(start, start + 80 + Math.floor(r() * 160));
    const passage = {
      kind: 'passage',
      id: `pas-${i}`,
      stamp: '1',
      title: source.title,
      text: `${quote}\n${prose(r, words, pools, 40 + r() * 80)}`,
      sourceId: source.id,
      entityIds: r() < 0.5 ? [entities[Math.floor(r() * entities.length)].id] : [],
      position: { start, end: start + quote.length },
    };
    passages.push(passage);
    documents.push(passage);
  }
  for (let i = 0; i < 1000; i++) {
    const subject = entities[Math.floor(r() * entities.length)];
    const object = entities[Math.floor(r() * entities.length)];
    const text = `${subject.title} ${['paid', 'met', 'owns', 'works for', 'emailed'][i % 5]} ${object.title}`;
    documents.push({
      kind: 'claim',
      id: `clm-${i}`,
      stamp: '1',
      title: text,
      text,
      entityIds: [subject.id, object.id],
      passageIds: [passages[Math.floor(r() * passages.length)].id],
      date: date(),
    });
  }
  for (let i = 0; i < 500; i++) {
    documents.push({
      kind: 'note',
      id: `not-${i}`,
      stamp: '1',
      title: capitalise(prose(r, words, pools, 20 + r() * 20).replace(/[.,\n]/g, '')),
      text: prose(r, words, pools, 1000),
      entityIds: [entities[Math.floor(r() * entities.length)].id],
      passageIds: [passages[Math.floor(r() * passages.length)].id],
      date: date(),
    });
  }
  return { documents, sources, words, pools };
}

// ---------------------------------------------------------------- queries

export function makeQueries(data, tokenize, seed = 7) {
  const r = random(seed);
  const { words, pools, sources } = data;
  const mid = () => words.list[40 + Math.floor(r() * 4000)];
  const longer = (min, max) => {
    for (;;) {
      const word = mid();
      if (word.length >= min && word.length <= max && /^[a-z]+$/.test(word)) return word;
    }
  };
  const docWords = () => {
    const source = sources[Math.floor(r() * sources.length)];
    const start = Math.floor(r() * Math.max(1, source.text.length - 400));
    return tokenize(source.text.slice(start, start + 400))
      .slice(1)
      .filter((t) => t.kind === 'word');
  };
  const queries = [];
  const add = (type, text) => queries.push({ type, text });
  for (let i = 0; i < 50; i++) add('word', mid());
  for (let i = 0; i < 30; i++) {
    const tokens = docWords().filter((t) => t.text.length > 3);
    const count = 2 + (i % 2);
    add(
      'and',
      Array.from({ length: count }, () => tokens[Math.floor(r() * tokens.length)].text).join(' '),
    );
  }
  for (let i = 0; i < 20; i++) {
    const tokens = docWords();
    const at = Math.floor(r() * (tokens.length - 3));
    add(
      'phrase',
      `"${tokens
        .slice(at, at + 2 + (i % 2))
        .map((t) => t.text)
        .join(' ')}"`,
    );
  }
  for (let i = 0; i < 30; i++) add('prefix', `${longer(5, 12).slice(0, 3 + (i % 2))}*`);
  for (let i = 0; i < 30; i++) {
    if (i % 6 === 0) {
      add(
        'fuzzy',
        ['Kim Jong Nm', 'Kim Jon Nam', 'Mueller Anna', 'Ivanv Dmitri', 'Garcia Jose'][(i / 6) % 5],
      );
      continue;
    }
    const word = longer(5, 9);
    const at = 1 + Math.floor(r() * (word.length - 2));
    const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(r() * 26)];
    const typo = [
      word.slice(0, at) + word.slice(at + 1),
      word.slice(0, at) + letter + word.slice(at + 1),
      word.slice(0, at) + letter + word.slice(at),
    ][i % 3];
    add('fuzzy', typo);
  }
  const kinds = ['ip', 'hash', 'wallet', 'email', 'domain'];
  for (let i = 0; i < 30; i++) {
    const pool = pools[kinds[i % kinds.length]];
    add('indicator', pool[Math.floor(Math.pow(r(), 2) * 200)]);
  }
  const titleWord = () =>
    tokenize(sources[Math.floor(r() * sources.length)].title).find((t) => t.text.length > 4)
      ?.text ?? 'report';
  const filtered = [
    () => `kim type:person`,
    () => `${mid()} type:passage`,
    () => `${mid()} after:2015`,
    () => `${mid()} before:2010-06`,
    () => `source:${titleWord()} ${mid()}`,
    () => `entity:"kim jong nam"`,
    () => `${mid()} entity:park`,
    () => `${mid()} -${mid()}`,
    () => `(${mid()} OR ${mid()}) ${mid()}`,
    () => `type:note ${mid()}`,
  ];
  for (let i = 0; i < 10; i++) add('filtered', filtered[i]());
  return queries;
}

// ---------------------------------------------------------------- runs

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function fold(text) {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The naive baseline: `includes` of every word over every folded text. */
function naiveSearch(folded, raw, queryText) {
  const words = fold(queryText)
    .replace(/\b(or|type|after|before|source|entity):\S*|["()*]/gi, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !word.startsWith('-') && word !== 'or');
  const phrase = queryText.startsWith('"') ? [words.join(' ')] : words;
  let count = 0;
  const snippets = [];
  for (let i = 0; i < folded.length; i++) {
    const text = folded[i];
    if (!phrase.every((word) => text.includes(word))) continue;
    count++;
    if (snippets.length < 20) {
      const at = text.indexOf(phrase[0]);
      snippets.push(raw[i].slice(Math.max(0, at - 60), at + 140));
    }
  }
  return { count, snippets };
}

const REPEATS = 3;

/**
 * Runs `action` on every item, REPEATS passes over all of them: per item, the median duration over
 * the passes and the last value.
 */
function timePasses(items, action) {
  const runs = items.map(() => []);
  const values = [];
  for (let pass = 0; pass < REPEATS; pass++) {
    items.forEach((item, i) => {
      const run = time(() => action(item));
      runs[i].push(run.ms);
      values[i] = run.value;
    });
  }
  return items.map((_, i) => {
    const sorted = runs[i].sort((a, b) => a - b);
    return { ms: sorted[Math.floor(REPEATS / 2)], value: values[i] };
  });
}

function time(action) {
  const start = performance.now();
  const value = action();
  return { ms: performance.now() - start, value };
}

async function runCase(modules, label, sourceCount, sourceBytes) {
  const { engine: engineModule, query: queryModule, tokenize: tokenizeModule } = modules;
  const data = generateCase(sourceCount, sourceBytes, sourceCount);
  const { documents } = data;
  const megabytes =
    documents.reduce((sum, d) => sum + d.title.length + d.text.length + (d.extra?.length ?? 0), 0) /
    1024 /
    1024;
  const counts = {};
  for (const d of documents) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
  const description = `${Object.entries(counts)
    .map(([kind, n]) => `${n.toLocaleString('en')} ${kind}s`)
    .join(', ')}; ${megabytes.toFixed(1)} MB of text`;

  const heapBefore = heapMb();
  const build = time(() => {
    const engine = engineModule.createSearchEngine();
    for (const document of documents) engine.upsert(document);
    return engine;
  });
  const engine = build.value;
  const heapIndex = heapMb() - heapBefore;

  const loadAfterBuild = loadavg();

  const exported = time(() => engine.exportSnapshot('bench-case'));
  const snapshot = exported.value;
  const snapshotBytes =
    snapshot.manifest.length + snapshot.chunks.reduce((sum, chunk) => sum + chunk.data.length, 0);

  heapMb(); // start the load with a collected heap, as a freshly opened case would
  const imported = time(() => engineModule.importSearchEngine(snapshot, 'bench-case'));
  if (!imported.value.ok) throw new Error(imported.value.error.message);
  const loaded = imported.value.value;
  const attached = time(() => {
    for (const document of documents) loaded.upsert(document);
  });
  const load = { ms: imported.ms + attached.ms };

  const queries = makeQueries(data, (text) => tokenizeModule.tokenize(text));
  const parseOk = (text) => {
    const parsed = queryModule.parseSearchQuery(text);
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return parsed.value;
  };
  // Phrases right after loading, before the forward indexes are built (checked in the texts).
  const phrases = queries.filter((q) => q.type === 'phrase');
  const coldPhrases = phrases.map((q) => time(() => loaded.search(parseOk(q.text))).ms);
  // What the service then does in the background, slice by slice: build the forward indexes.
  const heapBeforeWarm = heapMb();
  const warmed = time(() => {
    while (!loaded.warm(1000));
  });
  const heapForward = heapMb() - heapBeforeWarm;
  // Other queries of every type, run once first: they build what an engine builds once per
  // session (the sorted vocabulary, the typo buckets) or once per change (the cross-reference
  // tables filters use: 10–40 ms at this size on the first filtered query after a change).
  const warmUp = makeQueries(data, (text) => tokenizeModule.tokenize(text), 8).filter(
    (q, i) => i % 10 === 0 || q.type === 'filtered',
  );
  const runQuery = (text, options) => loaded.search(parseOk(text), options);
  const measure = (options) => {
    for (const q of warmUp) runQuery(q.text, options);
    const latencies = [];
    const byType = {};
    const timed = [];
    let empty = 0;
    let hits = 0;
    const runs = timePasses(queries, (q) => runQuery(q.text, options));
    for (const [i, q] of queries.entries()) {
      const { ms, value } = runs[i];
      latencies.push(ms);
      (byType[q.type] ??= []).push(ms);
      timed.push({ ms, q, total: value.total });
      if (value.total === 0) empty++;
      hits += value.total;
    }
    const slowest = timed
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map(({ ms, q, total }) => `${ms.toFixed(1)} ms ${q.type} ${q.text} (${total} matches)`);
    return { latencies, byType, empty, hits, slowest };
  };
  const overview = measure(OVERVIEW);
  console.log(`  ${label}: 10 slowest queries (overview):\n    ${overview.slowest.join('\n    ')}`);
  const loadAfterQueries = loadavg();
  const twenty = measure(TWENTY_PER_KIND);
  const { latencies, byType, empty, hits } = overview;

  const raw = documents.map((d) => `${d.title}\n${d.text}\n${d.extra ?? ''}`);
  const folded = raw.map(fold);
  const naive = timePasses(queries, (q) => naiveSearch(folded, raw, q.text)).map((run) => run.ms);

  const p95 = percentile(latencies, 95);
  const naiveP95 = percentile(naive, 95);
  const typeDetail = Object.entries(byType)
    .map(([type, values]) => `${type} ${percentile(values, 95).toFixed(1)}`)
    .join(', ');
  const large = sourceCount > 10_000;
  const figures = [
    {
      name: `${label}: index build (${description})`,
      value: build.ms / 1000,
      unit: 's',
      target: large ? undefined : 30,
      better: 'lower',
      detail: `load ${loadAfterBuild}`,
    },
    // After the 10,000-source case in the same process the heap difference is not reliable
    // (garbage of that case is freed during this build); left out when it makes no sense.
    ...(heapIndex > 0
      ? [
          {
            name: `${label}:   heap held by the index (texts included)`,
            value: heapIndex,
            unit: 'MB',
          },
        ]
      : []),
    {
      name: `${label}:   snapshot: ${snapshot.chunks.length} chunks + manifest, exported in ${(exported.ms / 1000).toFixed(2)} s`,
      value: snapshotBytes / 1024 / 1024,
      unit: 'MB',
    },
    {
      name: `${label}: persisted index load (import + attach every text)`,
      value: load.ms / 1000,
      unit: 's',
      target: large ? undefined : 2,
      better: 'lower',
      detail: `import ${(imported.ms / 1000).toFixed(2)} s + attaching texts ${(attached.ms / 1000).toFixed(2)} s`,
    },
    {
      name: `${label}:   then building the forward indexes (in the background, for phrases)`,
      value: warmed.ms / 1000,
      unit: 's',
      detail: `heap +${heapForward.toFixed(0)} MB; phrases before it: p50 ${percentile(coldPhrases, 50).toFixed(1)} ms, p95 ${percentile(coldPhrases, 95).toFixed(1)} ms, max ${Math.max(...coldPhrases).toFixed(1)} ms`,
    },
    {
      name: `${label}: query p50 (200 mixed queries; the overview: ranking + snippets of the top 5 in each kind)`,
      value: percentile(latencies, 50),
      unit: 'ms',
    },
    {
      name: `${label}: query p95`,
      value: p95,
      unit: 'ms',
      target: large ? 50 : 10,
      better: 'lower',
      detail: `p95 by type: ${typeDetail}; ${empty} of 200 found nothing; ${Math.round(hits / 200).toLocaleString('en')} matches on average; load ${loadAfterQueries}`,
    },
    { name: `${label}: query max`, value: Math.max(...latencies), unit: 'ms' },
    {
      name: `${label}: query p95 with 20 hits (and snippets) in every kind`,
      value: percentile(twenty.latencies, 95),
      unit: 'ms',
      detail: `p50 ${percentile(twenty.latencies, 50).toFixed(1)} ms, max ${Math.max(...twenty.latencies).toFixed(1)} ms`,
    },
    {
      name: `${label}: naive scan p50 / p95 (fold + includes over all texts)`,
      value: naiveP95,
      unit: 'ms',
      detail: `p50 ${percentile(naive, 50).toFixed(1)} ms`,
    },
    {
      name: `${label}: speed-up over the naive scan at p95`,
      value: naiveP95 / p95,
      unit: '×',
      target: large ? undefined : 10,
      better: 'higher',
      detail: `at p50 ${(percentile(naive, 50) / percentile(latencies, 50)).toFixed(0)}×`,
    },
  ];
  return figures;
}

async function loadModules() {
  const { module: engine } = await runnerImport(ROOT + 'src/search/engine.ts');
  const { module: query } = await runnerImport(ROOT + 'src/search/query.ts');
  const { module: tokenize } = await runnerImport(ROOT + 'src/search/tokenize.ts');
  return { engine, query, tokenize };
}

export default [
  {
    name: `case-wide search: ${SOURCES.toLocaleString('en')} sources (Node)`,
    run: async () => runCase(await loadModules(), '10k', SOURCES, 5_000),
  },
  {
    name: 'case-wide search: 100,000 short sources (Node; BENCH_SEARCH_LARGE=0 skips it)',
    run: async () => (LARGE ? runCase(await loadModules(), '100k', 100_000, 500) : []),
  },
];
