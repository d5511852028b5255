// A generated case for the load test (issue 11, deliver 6): sources with varied text, passages
// anchored in it, entities of several types and claims citing the passages, plus a saved chart of
// a fixed number of entities. Seeded: the same scale gives the same case on every run (ids too).
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { CaseJson } from '../../src/core/bundle/bundle';
import { DEFAULT_PREDICATES } from '../../src/core/model/claim';
import {
  asCaseId,
  asChartId,
  asClaimId,
  asEntityId,
  asPassageId,
  asSha256,
  asSourceId,
} from '../../src/core/model/ids';
import type {
  Chart,
  Claim,
  ClaimStatus,
  Entity,
  EntityType,
  InformationCredibility,
  Passage,
  PassageKind,
  Source,
  SourceContent,
  SourceReliability,
  ValidTime,
} from '../../src/core/model/records';

/** The case: 10,000 sources, 50,000 passages, 5,000 entities, 20,000 claims, 2,000 charted. */
export const FULL_LOAD_CASE = {
  sources: 10_000,
  passages: 50_000,
  entities: 5_000,
  claims: 20_000,
  chartNodes: 2_000,
} as const;
export type LoadCaseSize = { readonly [K in keyof typeof FULL_LOAD_CASE]: number };

/** The counts at `scale` (1 = the full size), at least one of each. */
export function loadCaseSize(scale: number): LoadCaseSize {
  const at = (n: number) => Math.max(1, Math.round(n * scale));
  return {
    sources: at(FULL_LOAD_CASE.sources),
    passages: at(FULL_LOAD_CASE.passages),
    entities: at(FULL_LOAD_CASE.entities),
    claims: at(FULL_LOAD_CASE.claims),
    chartNodes: at(FULL_LOAD_CASE.chartNodes),
  };
}

/** A source's original as text: the page encodes it (UTF-8) into the blob row. */
export interface BlobText {
  readonly sha256: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface LoadCase {
  readonly size: LoadCaseSize;
  readonly sources: Source[];
  readonly sourceContents: SourceContent[];
  readonly blobs: BlobText[];
  readonly passages: Passage[];
  readonly entities: Entity[];
  readonly claims: Claim[];
  readonly chart: Chart;
  /** Words the texts use often and an entity name that occurs in them, for the search step. */
  readonly searchWords: string;
  readonly searchName: string;
}

/** mulberry32: small, fast and good enough to vary generated text. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = (
  'ka ro mi sel dan tor vek lu pra hen gis bo rat mel qui fon dre sa lin cor ta ve nim bar ost ' +
  'ul pen ric har mo zal ter wen fi kol ade yan thu pol gre vin ska lom'
).split(' ');
/** Common words of the case's subject: they recur, so searches for them have many hits. */
const TOPIC_WORDS = (
  'shipment invoice harbour transfer meeting account warehouse contract customs payment cargo ' +
  'manifest vessel director courier container broker license permit ledger'
).split(' ');
const FIRST_NAMES = (
  'Amira Boris Chen Dalia Emeka Farid Greta Hiro Ines Jonas Kemal Lena Marek Nadia Omar Petra ' +
  'Quentin Rosa Samir Tanya Umar Vera Wen Ximena Yusuf Zofia Anselm Bianca Cyrus Dmitri Elif ' +
  'Florin Gulnar Hassan Ilse Jamal'
).split(' ');
const LAST_NAMES = (
  'Okafor Haddad Novak Lindqvist Moreau Tanaka Kowalski Petrov Rahman Silva Brennan Castillo ' +
  'Demir Eriksen Fischer Gallo Horvat Ivanova Jensen Karimi Laurent Mendes Nakamura Ortega ' +
  'Pavlov Quinn Romero Schmidt Toma Urban Vasquez Weber Yilmaz Zhou Abbas Bauer Costa Duval'
).split(' ');
const ORG_SUFFIXES = ['Holdings', 'Logistics', 'Trading', 'Shipping', 'Partners', 'Group'];
const PLACE_SUFFIXES = ['Port', 'Street', 'Harbour', 'District', 'Airport', 'Quay'];
const VERBS = ['met', 'paid', 'called', 'visited', 'shipped', 'signed', 'wrote to', 'emailed'];
const TYPES: readonly EntityType[] = [
  'Person',
  'Organization',
  'Location',
  'Person',
  'Event',
  'Domain',
  'Email',
  'Phone',
  'Vehicle',
  'Account',
];
const RELIABILITY: readonly SourceReliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const STATUSES: readonly ClaimStatus[] = ['asserted', 'corroborated', 'disputed', 'refuted'];
const HIGHLIGHT_KINDS: readonly PassageKind[] = ['evidence', 'highlight', 'evidence', 'comment'];

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Generates the case at `scale` for `caseId`. Every row is a valid record of the data model:
 * passages quote their source exactly with 32 characters of context (as core's describeRange
 * would), blobs hash to their source's sha256, claims cite existing passages and entities.
 */
export function generateLoadCase(forCase: string, scale: number, seed = 20261122): LoadCase {
  const caseId = asCaseId(forCase);
  const size = loadCaseSize(scale);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(random() * 4)] as string;
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000);
  const stamp = (n: number) => day(n).toISOString();

  // A vocabulary of a few thousand made-up words, drawn with a skew so some are common.
  const vocabulary: string[] = [];
  for (let i = 0; i < 4000; i += 1) {
    const parts = 1 + Math.floor(random() * 3);
    vocabulary.push(Array.from({ length: parts + 1 }, () => pick(SYLLABLES)).join(''));
  }
  const word = () =>
    random() < 0.12
      ? pick(TOPIC_WORDS)
      : (vocabulary[Math.floor(vocabulary.length * random() ** 2.5)] as string);

  const entities: Entity[] = [];
  for (let i = 0; i < size.entities; i += 1) {
    const type = TYPES[i % TYPES.length] as EntityType;
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] as string;
    const w = vocabulary[(i * 7) % vocabulary.length] as string;
    const names: Record<string, string> = {
      Person: `${first} ${last}`,
      Organization: `${capital(w)} ${ORG_SUFFIXES[i % ORG_SUFFIXES.length]}`,
      Location: `${capital(w)} ${PLACE_SUFFIXES[i % PLACE_SUFFIXES.length]}`,
      Event: `Operation ${capital(w)} ${i}`,
      Domain: `${w}${i}.example`,
      Email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@${w}.example`,
      Phone: `+44 20 7946 ${pad(i % 10_000, 4)}`,
      Vehicle: `MV ${capital(w)} ${i}`,
      Account: `ACCT-${pad(i, 6)}`,
    };
    const created = stamp(i % 300);
    entities.push({
      id: asEntityId(uuid()),
      caseId,
      createdAt: created,
      updatedAt: created,
      type,
      name: names[type] as string,
      aliases: type === 'Person' && i % 3 === 0 ? [`${first.charAt(0)}. ${last}`] : [],
      attributes: type === 'Person' ? { nationality: pick(['GB', 'FR', 'TR', 'JP', 'BR']) } : {},
      notes: i % 5 === 0 ? `Seen in ${word()} ${word()} records.` : '',
    });
  }

  const sources: Source[] = [];
  const sourceContents: SourceContent[] = [];
  const blobs: BlobText[] = [];
  const passages: Passage[] = [];
  const perSource = Math.floor(size.passages / size.sources);
  const extra = size.passages % size.sources;
  for (let s = 0; s < size.sources; s += 1) {
    // Sentences, some naming an entity; `mentions` and `sentences` keep their offsets.
    const mentions: { entity: number; start: number; end: number }[] = [];
    const sentences: { start: number; end: number }[] = [];
    const paragraphs: { start: number; end: number }[] = [];
    let text = '';
    const paragraphCount = 4 + Math.floor(random() * 5);
    for (let p = 0; p < paragraphCount; p += 1) {
      if (p > 0) text += '\n\n';
      const paragraphStart = text.length;
      const sentenceCount = 3 + Math.floor(random() * 4);
      for (let n = 0; n < sentenceCount; n += 1) {
        if (n > 0) text += ' ';
        const start = text.length;
        if (random() < 0.3) {
          const entity = Math.floor(random() * size.entities);
          const name = (entities[entity] as Entity).name;
          mentions.push({ entity, start, end: start + name.length });
          text += `${name} ${pick(VERBS)} the ${word()} ${word()} about the ${word()}`;
        } else {
          const words = Array.from({ length: 8 + Math.floor(random() * 10) }, word);
          text += capital(words.join(' '));
        }
        text += '.';
        sentences.push({ start, end: text.length });
      }
      paragraphs.push({ start: paragraphStart, end: text.length });
    }
    const bytes = Buffer.from(text, 'utf8');
    const sha256 = asSha256(createHash('sha256').update(bytes).digest('hex'));
    const id = asSourceId(uuid());
    const created = stamp(s % 600);
    sources.push({
      id,
      caseId,
      createdAt: created,
      updatedAt: created,
      title: `Report ${pad(s + 1, 5)}: ${capital(word())} ${word()} ${word()}`,
      kind: 'text',
      sha256,
      byteLength: bytes.length,
      mediaType: 'text/plain',
      provenance: {
        fileName: `report-${pad(s + 1, 5)}.txt`,
        author: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
        publishedAt: day(s % 600)
          .toISOString()
          .slice(0, 10),
        capturedAt: created,
      },
      reliability: RELIABILITY[s % RELIABILITY.length] as SourceReliability,
      warnings: [],
    });
    sourceContents.push({ id, caseId, text, structure: { paragraphs } });
    blobs.push({ sha256, text, createdAt: created });

    const wanted = Math.min(perSource + (s < extra ? 1 : 0), sentences.length);
    const mentionCount = Math.min(mentions.length, Math.ceil(wanted / 2));
    for (let k = 0; k < wanted; k += 1) {
      const mention = k < mentionCount ? mentions[k] : undefined;
      const range =
        mention ?? (sentences[(k * 3) % sentences.length] as { start: number; end: number });
      passages.push({
        id: asPassageId(uuid()),
        caseId,
        createdAt: created,
        updatedAt: created,
        sourceId: id,
        kind: mention ? 'mention' : (HIGHLIGHT_KINDS[k % HIGHLIGHT_KINDS.length] as PassageKind),
        quote: {
          type: 'TextQuoteSelector',
          exact: text.slice(range.start, range.end),
          prefix: text.slice(Math.max(0, range.start - 32), range.start),
          suffix: text.slice(range.end, range.end + 32),
        },
        position: { type: 'TextPositionSelector', start: range.start, end: range.end },
        orphaned: false,
        note: k % 4 === 3 ? `Compare with the ${word()} ${word()}.` : '',
        ...(mention ? { entityId: (entities[mention.entity] as Entity).id } : {}),
      });
    }
  }

  // Claims: the charted entities (the first chartNodes) link among themselves and to the rest;
  // literal objects hang off entities outside the chart, so the chart draws chartNodes nodes.
  const claims: Claim[] = [];
  const evidenceKinds = passages.filter((p) => p.kind !== 'mention');
  const citable = evidenceKinds.length > 0 ? evidenceKinds : passages;
  const outside = size.entities - size.chartNodes;
  for (let c = 0; c < size.claims; c += 1) {
    const literal = outside > 0 && c % 10 === 9;
    const subject = literal
      ? size.chartNodes + Math.floor(random() * outside)
      : Math.floor(random() * size.entities);
    let object = Math.floor(random() * size.entities);
    if (object === subject) object = (object + 1) % size.entities;
    const evidence = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => (citable[Math.floor(random() * citable.length)] as Passage).id,
    );
    const when = c % 3;
    const validTime: ValidTime =
      when === 0
        ? { kind: 'unknown' }
        : when === 1
          ? {
              kind: 'date',
              date: day(c % 600)
                .toISOString()
                .slice(0, 10),
            }
          : {
              kind: 'interval',
              start: day(c % 500)
                .toISOString()
                .slice(0, 7),
            };
    const created = stamp(c % 600);
    claims.push({
      id: asClaimId(uuid()),
      caseId,
      createdAt: created,
      updatedAt: created,
      subjectId: (entities[subject] as Entity).id,
      predicate: DEFAULT_PREDICATES[c % DEFAULT_PREDICATES.length] as string,
      object: literal
        ? { kind: 'literal', value: `${capital(word())} ${word()}` }
        : { kind: 'entity', entityId: (entities[object] as Entity).id },
      validTime,
      evidence: [...new Set(evidence)],
      credibility: (1 + (c % 6)) as InformationCredibility,
      status: STATUSES[c % STATUSES.length] as ClaimStatus,
      relations: [],
      ...(c % 7 === 0 ? { attributedTo: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}` } : {}),
      note: c % 4 === 0 ? `Per the ${word()} ${word()}.` : '',
    });
  }

  const chartCreated = stamp(0);
  const chart: Chart = {
    id: asChartId(uuid()),
    caseId,
    createdAt: chartCreated,
    updatedAt: chartCreated,
    title: `Load view (${size.chartNodes.toLocaleString('en')} entities)`,
    scope: 'chosen',
    entityIds: entities.slice(0, size.chartNodes).map((e) => e.id),
    positions: {},
    filters: {},
    layout: 'fcose',
    sizeBy: 'degree',
    groups: [],
  };

  const named = mentionedName(passages, entities);
  return {
    size,
    sources,
    sourceContents,
    blobs,
    passages,
    entities,
    claims,
    chart,
    searchWords: `${TOPIC_WORDS[0]} ${TOPIC_WORDS[2]}`,
    searchName: named,
  };
}

/** The name of the first entity some passage mentions (so a search for it has hits). */
function mentionedName(passages: readonly Passage[], entities: readonly Entity[]): string {
  const mentioned = passages.find((p) => p.entityId !== undefined)?.entityId;
  return entities.find((e) => e.id === mentioned)?.name ?? (entities[0] as Entity).name;
}

/** The generated rows as case.json would hold them (for checking with core's bundle schema). */
export function asCaseJson(load: LoadCase, caseRow: CaseJson['case']): CaseJson {
  return {
    format: 'casefile-case',
    version: 1,
    case: caseRow,
    sources: load.sources,
    sourceContents: load.sourceContents,
    passages: load.passages,
    entities: load.entities,
    entityMerges: [],
    claims: load.claims,
    notes: [],
    charts: [load.chart],
    savedSearches: [],
    audit: [],
  } as unknown as CaseJson;
}

/** In the page: puts rows into several stores in one transaction; blobs are encoded from text. */
function putChunk({
  tables,
  blobs,
}: {
  tables: Record<string, unknown[]>;
  blobs: { sha256: string; text: string; createdAt: string }[];
}): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('casefile');
    open.onerror = () => reject(new Error(String(open.error)));
    open.onsuccess = () => {
      const names = [...Object.keys(tables), ...(blobs.length > 0 ? ['blobs'] : [])];
      const tx = open.result.transaction(names, 'readwrite');
      for (const name of Object.keys(tables)) {
        for (const row of tables[name] ?? []) tx.objectStore(name).put(row);
      }
      const encoder = new TextEncoder();
      for (const blob of blobs) {
        const bytes = encoder.encode(blob.text);
        tx.objectStore('blobs').put({
          sha256: blob.sha256,
          bytes,
          byteLength: bytes.length,
          createdAt: blob.createdAt,
        });
      }
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(new Error(String(tx.error)));
    };
  });
}

/**
 * Writes the generated case into the app's IndexedDB (which the app has created), in chunks of a
 * few megabytes, the way a restored backup would appear. The case row itself already exists.
 */
export async function seedLoadCase(page: Page, load: LoadCase): Promise<void> {
  const SOURCES_PER_CHUNK = 1000;
  for (let i = 0; i < load.sources.length; i += SOURCES_PER_CHUNK) {
    await page.evaluate(putChunk, {
      tables: {
        sources: load.sources.slice(i, i + SOURCES_PER_CHUNK),
        sourceContents: load.sourceContents.slice(i, i + SOURCES_PER_CHUNK),
      },
      blobs: load.blobs.slice(i, i + SOURCES_PER_CHUNK),
    });
  }
  const ROWS_PER_CHUNK = 10_000;
  for (const [name, rows] of [
    ['entities', load.entities],
    ['passages', load.passages],
    ['claims', load.claims],
    ['charts', [load.chart]],
  ] as const) {
    for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
      await page.evaluate(putChunk, {
        tables: { [name]: rows.slice(i, i + ROWS_PER_CHUNK) },
        blobs: [],
      });
    }
  }
}
