// Extraction quality: precision and recall per entity type of the suggester against the labelled
// fixture set (tests/fixtures/extraction/labelled, see its README for the annotation rules), and
// separately against the held-out set (tests/fixtures/extraction/heldout), written after the
// suggester was tuned and never tuned on: the gap between the two shows how much is tuning.
//
// The suggester is TypeScript; this bench runs in bare Node. It is loaded with Vite's module
// runner (`runnerImport`, the same machinery Vite uses to load a TS config file): Vite transforms
// the TS sources on the fly, and packages (compromise, wink-nlp, tldts…) are imported by Node as
// usual. No build output and no browser are involved, so the figures do not depend on `npm run
// build`, and a suggester that is still half-written only loses the types it cannot produce.
//
// Scoring: per document, the gold set is the unique labelled (type, value) pairs, names with their
// aliases; the proposals are the unique (type, comparable value) pairs the suggester returns
// (comparableName for names, comparableIndicator for indicators). A proposal is right when it
// matches a gold entity of its type (or one labelled with that type as an acceptable alternative),
// is ignored when it matches an "optional" mention, and is a false positive otherwise. Counts are
// summed over documents (micro-average). Names are scored on news-style documents (the issue's
// target); indicators on every document. Decoys (checksum failures, file names, invalid IPs) are
// recognised by the text the proposal covers, so a bad-checksum Ethereum address cannot pass as
// the valid address it imitates.
//
//   node scripts/bench.mjs quality                 # this bench only, no build needed
//   BENCH_QUALITY_ERRORS=all node scripts/bench.mjs quality   # every error, not the first 5
//   BENCH_QUALITY_SUGGESTER=scanIndicators node scripts/bench.mjs quality   # score a fallback
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import {
  INDICATOR_TYPES,
  INFORMATIONAL_TYPES,
  LABEL_TYPES,
  NAME_TYPES,
  comparableIndicator,
  loadLabelledSet,
} from '../fixtures/extraction/labelled/labelledSet.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HELDOUT_DIR = fileURLToPath(new URL('../fixtures/extraction/heldout/', import.meta.url));
const INDICATOR_TARGET = { precision: 98, recall: 95 };
const NAME_TARGET = { precision: 70, recall: 80 };
const ERRORS_SHOWN = process.env.BENCH_QUALITY_ERRORS === 'all' ? Infinity : 5;
/** Where to start looking for a suggester: the full one by default, or a fallback to compare. */
const STARTING_WITH = process.env.BENCH_QUALITY_SUGGESTER ?? 'suggestAll';
if (!['suggestAll', 'extractCandidates', 'scanIndicators'].includes(STARTING_WITH)) {
  throw new Error(
    `BENCH_QUALITY_SUGGESTER must be suggestAll, extractCandidates or scanIndicators, not "${STARTING_WITH}"`,
  );
}

async function importSource(path) {
  if (!existsSync(ROOT + path)) return { missing: `${path} does not exist yet` };
  try {
    const { module } = await runnerImport(ROOT + path);
    return { module };
  } catch (error) {
    return { missing: `${path} failed to load: ${String(error?.message ?? error).split('\n')[0]}` };
  }
}

/** The most complete suggester available, and the types it cannot produce (with why). */
async function loadSuggester() {
  const notes = [];
  const worker =
    STARTING_WITH === 'suggestAll'
      ? await importSource('src/ingest/extract/suggest.ts')
      : { missing: `BENCH_QUALITY_SUGGESTER=${STARTING_WITH}` };
  if (typeof worker.module?.suggestAll === 'function') {
    return {
      label: 'suggestAll (src/ingest/extract/suggest.ts: core candidates + name recogniser)',
      propose: (text) => worker.module.suggestAll(text, []),
      skipped: [],
      notes,
    };
  }
  notes.push(worker.missing ?? 'src/ingest/extract/suggest.ts has no suggestAll export');
  const noNames = {
    types: NAME_TYPES,
    reason: 'no name recogniser loaded (suggestAll unavailable)',
  };
  const core =
    STARTING_WITH === 'scanIndicators'
      ? { missing: `BENCH_QUALITY_SUGGESTER=${STARTING_WITH}` }
      : await importSource('src/core/extraction/candidates.ts');
  if (typeof core.module?.extractCandidates === 'function') {
    return {
      label: 'extractCandidates (src/core/extraction/candidates.ts, no names)',
      propose: (text) => core.module.extractCandidates(text, []),
      skipped: [noNames],
      notes,
    };
  }
  if (core.missing !== worker.missing) {
    notes.push(core.missing ?? 'src/core/extraction/candidates.ts has no extractCandidates export');
  }
  const scan = await importSource('src/core/extraction/scan.ts');
  if (typeof scan.module?.scanIndicators !== 'function') {
    throw new Error(`No extractor to score: ${[...notes, scan.missing].join('; ')}`);
  }
  return {
    label: 'baseline: core scanIndicators only',
    propose: (text) =>
      scan.module.scanIndicators(text).map((m) => ({
        origin: 'indicator',
        type: scan.module.INDICATOR_ENTITY_TYPE[m.kind],
        value: m.value,
        start: m.start,
        end: m.end,
      })),
    skipped: [
      noNames,
      { types: ['Phone'], reason: 'scanIndicators does not look for phone numbers' },
    ],
    notes,
  };
}

/** Accepts a plain array, a promise of one, or a Result { ok, value } (the worker contract). */
async function candidatesOf(output) {
  const resolved = await output;
  if (Array.isArray(resolved)) return resolved;
  if (resolved && typeof resolved === 'object' && 'ok' in resolved) {
    if (resolved.ok) return resolved.value;
    throw new Error(`suggester failed: ${resolved.error?.message ?? 'unknown error'}`);
  }
  throw new Error('suggester returned neither candidates nor a Result');
}

function newTally() {
  return { correct: 0, proposed: 0, found: 0, gold: 0, falsePositives: [], falseNegatives: [] };
}

/**
 * Scores one document into `tallies` (type → tally). `comparable(type, value)` gives the compared
 * form; `scoredTypes` says which types count for this document.
 */
function scoreDocument(document, candidates, comparable, scoredTypes, tallies, decoyHits) {
  const entityForms = (entity, type) =>
    NAME_TYPES.includes(type)
      ? [entity.value, ...entity.aliases].map((v) => comparable(type, v))
      : [comparable(type, entity.value)];
  const optionalForms = new Set(
    document.optional.flatMap((o) => [o.value, ...o.aliases].map((v) => comparable('Person', v))),
  );
  const decoyByText = new Map(document.decoys.map((d) => [d.text, d]));

  // Unique proposals per type; a proposal covering a decoy is kept apart as a false positive.
  const proposals = new Map();
  for (const candidate of candidates) {
    if (candidate.origin === 'known' || typeof candidate.value !== 'string') continue;
    const raw =
      Number.isInteger(candidate.start) && Number.isInteger(candidate.end)
        ? document.text.slice(candidate.start, candidate.end).trim()
        : '';
    const decoy = decoyByText.get(raw) ?? decoyByText.get(candidate.value);
    if (decoy !== undefined) {
      const hitKey = `${document.name}\u0000${decoy.text}`;
      decoyHits.set(hitKey, new Set([...(decoyHits.get(hitKey) ?? []), candidate.type]));
    }
    const key =
      decoy !== undefined
        ? `decoy\u0000${decoy.text}`
        : comparable(candidate.type, candidate.value);
    if (key === undefined) continue;
    if (!proposals.has(candidate.type)) proposals.set(candidate.type, new Map());
    const byKey = proposals.get(candidate.type);
    if (!byKey.has(key)) byKey.set(key, { candidate, raw, decoy });
  }

  const found = new Set();
  for (const [type, byKey] of proposals) {
    const accepting = document.entities.filter(
      (e) => e.type === type || e.alsoTypes.includes(type),
    );
    for (const [key, { candidate, raw, decoy }] of byKey) {
      const matched =
        decoy === undefined ? accepting.filter((e) => entityForms(e, type).includes(key)) : [];
      matched.forEach((e) => found.add(e));
      if (!scoredTypes.includes(type)) continue;
      if (
        matched.length === 0 &&
        decoy === undefined &&
        optionalForms.has(comparable('Person', candidate.value))
      )
        continue;
      const tally = tallies.get(type);
      tally.proposed += 1;
      if (matched.length > 0) tally.correct += 1;
      else {
        const shown =
          raw !== '' && raw !== candidate.value
            ? `${candidate.value}  ← "${raw}"`
            : candidate.value;
        tally.falsePositives.push(
          `${document.name}: ${shown}${decoy ? `  (decoy: ${decoy.note})` : ''}`,
        );
      }
    }
  }
  for (const entity of document.entities) {
    if (!scoredTypes.includes(entity.type)) continue;
    const tally = tallies.get(entity.type);
    tally.gold += 1;
    if (found.has(entity)) tally.found += 1;
    else tally.falseNegatives.push(`${document.name}: ${entity.value}`);
  }
}

const percent = (part, whole) => (whole === 0 ? 0 : (100 * part) / whole);

/** The suggester and the name comparison, loaded once for both fixture sets. */
let loaded;
function loadOnce() {
  loaded ??= (async () => {
    const suggester = await loadSuggester();
    const { module: entityModel } = await runnerImport(ROOT + 'src/core/model/entity.ts');
    const comparable = (type, value) =>
      comparableIndicator(type, value) ?? entityModel.comparableName(value);
    return { suggester, comparable };
  })();
  return loaded;
}

/** Scores one fixture set: prints its errors, returns its figures (same types, same targets). */
async function scoreSet(documents) {
  const { suggester, comparable } = await loadOnce();

  const news = documents.filter((d) => d.genre === 'news');
  console.log(
    `  ${documents.length} documents (${news.length} news-style), ${documents.reduce((n, d) => n + d.entities.length, 0)} labelled entities`,
  );
  console.log(`  scoring: ${suggester.label}`);
  for (const note of suggester.notes) console.log(`    (${note})`);

  for (const { types, reason } of suggester.skipped) {
    console.log(`  SKIPPED ${types.join('/')}: ${reason}`);
  }
  const skipped = new Set(suggester.skipped.flatMap((s) => s.types));
  const nameTypes = NAME_TYPES.filter((t) => !skipped.has(t));
  const indicatorTypes = [...INDICATOR_TYPES, ...INFORMATIONAL_TYPES].filter(
    (t) => !skipped.has(t),
  );
  const tallies = new Map([...nameTypes, ...indicatorTypes].map((t) => [t, newTally()]));
  const otherGenreNames = new Map(nameTypes.map((t) => [t, newTally()]));
  const unlabelled = new Map();
  /** `document\0decoy text` → the types it was proposed as. */
  const decoyHits = new Map();

  for (const document of documents) {
    const candidates = await candidatesOf(suggester.propose(document.text));
    for (const c of candidates) {
      if (c.origin !== 'known' && !LABEL_TYPES.includes(c.type)) {
        unlabelled.set(c.type, (unlabelled.get(c.type) ?? 0) + 1);
      }
    }
    const scored = document.genre === 'news' ? [...nameTypes, ...indicatorTypes] : indicatorTypes;
    scoreDocument(document, candidates, comparable, scored, tallies, decoyHits);
    if (document.genre !== 'news' && nameTypes.length > 0) {
      scoreDocument(document, candidates, comparable, nameTypes, otherGenreNames, new Map());
    }
  }

  // Errors first, so the figures end the section.
  console.log(
    `  errors per type (first ${ERRORS_SHOWN === Infinity ? 'all' : ERRORS_SHOWN}; BENCH_QUALITY_ERRORS=all for every one):`,
  );
  for (const [type, tally] of tallies) {
    for (const [kind, list] of [
      ['false positives', tally.falsePositives],
      ['missed', tally.falseNegatives],
    ]) {
      if (list.length === 0) continue;
      console.log(`    ${type} ${kind} (${list.length}):`);
      for (const line of list.slice(0, ERRORS_SHOWN)) console.log(`      ${line}`);
    }
  }
  if (unlabelled.size > 0) {
    const counts = [...unlabelled].map(([type, n]) => `${type} ${n}`).join(', ');
    console.log(`  not labelled in the set, so not scored: ${counts} proposals`);
  }
  for (const [type, tally] of otherGenreNames) {
    console.log(
      `  ${type} on reports and e-mails (no target): precision ${percent(tally.correct, tally.proposed).toFixed(1)} % (${tally.correct}/${tally.proposed}), recall ${percent(tally.found, tally.gold).toFixed(1)} % (${tally.found}/${tally.gold})`,
    );
  }

  const figures = [];
  for (const [type, tally] of tallies) {
    const isName = NAME_TYPES.includes(type);
    const target = isName
      ? NAME_TARGET
      : INDICATOR_TYPES.includes(type)
        ? INDICATOR_TARGET
        : undefined;
    const scope = isName ? 'news' : 'all documents';
    figures.push(
      {
        name: `${type} precision (${scope})`,
        value: percent(tally.correct, tally.proposed),
        unit: '%',
        detail: `${tally.correct}/${tally.proposed} proposals right`,
        ...(target ? { target: target.precision, better: 'higher' } : {}),
      },
      {
        name: `${type} recall (${scope})`,
        value: percent(tally.found, tally.gold),
        unit: '%',
        detail: `${tally.found}/${tally.gold} labelled found`,
        ...(target ? { target: target.recall, better: 'higher' } : {}),
      },
    );
  }

  const decoys = documents.flatMap((d) => d.decoys.map((x) => ({ ...x, document: d.name })));
  const hit = (x) => decoyHits.has(`${x.document}\u0000${x.text}`);
  const proposedAs = (x) =>
    `${x.text} as ${[...decoyHits.get(`${x.document}\u0000${x.text}`)].join('/')}`;
  const checksum = decoys.filter((x) => x.fails === 'checksum');
  const others = decoys.filter((x) => x.fails !== 'checksum');
  figures.push(
    {
      name: 'checksum-failing wallets/IBANs not proposed',
      value: percent(checksum.filter((x) => !hit(x)).length, checksum.length),
      unit: '%',
      detail: `${checksum.filter((x) => !hit(x)).length}/${checksum.length}${checksum.some(hit) ? `; proposed: ${checksum.filter(hit).map(proposedAs).join(', ')}` : ''}`,
      target: 100,
      better: 'higher',
    },
    {
      name: 'other decoys not proposed (invalid IPs, odd-length hex, file names)',
      value: percent(others.filter((x) => !hit(x)).length, others.length),
      unit: '%',
      detail: `${others.filter((x) => !hit(x)).length}/${others.length}${others.some(hit) ? `; proposed: ${others.filter(hit).map(proposedAs).join(', ')}` : ''}`,
    },
  );
  return figures;
}

// Two benchmarks, each printed under its own heading by scripts/bench.mjs.
export default [
  {
    name: 'extraction quality (labelled fixture set, Node)',
    run: () => scoreSet(loadLabelledSet()),
  },
  {
    name: 'extraction quality: held-out set (written after tuning; never tuned on)',
    run: () => scoreSet(loadLabelledSet(HELDOUT_DIR)),
  },
];
