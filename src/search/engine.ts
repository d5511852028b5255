import { Index } from 'flexsearch';
import { SEARCH_RECORD_KINDS, type SearchRecordKind } from '../core/ports/search';
import { ok, type Result } from '../shared/result';
import type { SearchFilters, SearchNode, SearchQuery, SearchTerm } from './query';
import {
  SNAPSHOT_ENGINE,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  checkSnapshot,
  checksum,
  damaged,
  documentFromStored,
  storedDocument,
  writeManifest,
} from './snapshot';
import {
  findFirstMatch,
  findPhrase,
  highlightRanges,
  makeSnippet,
  textInfo,
  type TextInfo,
} from './snippets';
import { TOKENIZER_VERSION, tokenize } from './tokenize';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_LIMIT,
  type SearchDocument,
  type SearchEngine,
  type SearchGroup,
  type SearchHit,
  type SearchOptions,
  type SearchRange,
  type SearchResult,
  type SearchSnippet,
} from './types';
import { Vocabulary, type Expansion } from './vocabulary';

/**
 * The in-memory index of one case (README.md, "The engine").
 *
 * FlexSearch (`Index`, strict tokenization) is used as a term → document-id table, fed with our
 * own tokens (`tokenize` with indicator parts) joined by spaces and split back by `encode`, so it
 * never re-cuts a token and an indicator is looked up whole. Its slot for a term in a document
 * (its "resolution") records where the term first occurs: slot 0 for the title, slots 1–8 further
 * and further into the body. Everything else is ours: the vocabulary (prefix and typo
 * expansion), the evaluator of the query tree (set operations), phrases (checked exactly in each
 * candidate's forward index: its tokens as term ids), filters, ranking and snippets.
 *
 * Documents get internal numeric ids. Replacing or removing a document forgets its internal id
 * (a tombstone: FlexSearch still lists it, queries skip it) instead of FlexSearch's `remove`,
 * which scans the whole index (about 70 ms a document at 10,000 sources). When tombstones exceed
 * COMPACT_RATIO of the live documents (and at least COMPACT_MIN_TOMBSTONES), the index is
 * compacted: exported, stripped of tombstoned ids and imported into a new FlexSearch index, which
 * also makes the vocabulary's frequencies exact again. It needs no texts. Snapshots keep the
 * tombstones (listed in the manifest), so garbage is bounded by the threshold, saved or not.
 */

const RESOLUTION = 9;
const COMPACT_RATIO = 0.25;
const COMPACT_MIN_TOMBSTONES = 64;
/**
 * In a forward index: the border between title, names, text and extra (no phrase spans it).
 * Term ids start at 1.
 */
const PART_BORDER = 0;
/**
 * Forward indexes hold 16 bits a token: term ids from this one on (terms first seen after the
 * 65,534th) are all written as this value, and a phrase with such a term that matches the
 * forward index is confirmed in the document's texts.
 */
const LATE_TERM = 0xffff;
/** A phrase token no document has: matches no entry of a forward index. */
const UNKNOWN_TERM = -1;
/** Room for an expansion's number next to a score in one map value (see `pack`). */
const TAG = 64;
const ENTITY_NAME_BONUS = 1_000_000;
const ENTITY_INDEX = SEARCH_RECORD_KINDS.indexOf('entity');

const TOKENIZE_OPTIONS = { indicatorParts: true } as const;

/** A fresh, empty engine. */
export function createSearchEngine(): SearchEngine {
  return new Engine();
}

/**
 * An engine read back from a snapshot (exportSnapshot), after checking all of it; never a partly
 * working one. It holds no texts: upserting a document with the stamp it was indexed with
 * attaches its text (for snippets and phrases); until then its hits have title-only results.
 */
export function importSearchEngine(
  snapshot: { readonly manifest: string; readonly chunks: readonly unknown[] },
  caseId: string,
): Result<SearchEngine> {
  const checked = checkSnapshot(snapshot, caseId);
  if (!checked.ok) return checked;
  const { manifest, chunks } = checked.value;
  const engine = new Engine();
  const known = new Set(manifest.documents.map((document) => document.internalId));
  for (const id of manifest.tombstones) known.add(id);
  for (const chunk of chunks) {
    if (!CHUNK_KEY.test(chunk.key)) return damaged(`chunk ${chunk.key} is not an index chunk`);
    if (chunk.key.endsWith('.reg')) {
      // Every id FlexSearch knows must be a listed document or a listed tombstone.
      const ids = parseJson(chunk.data);
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'number' && known.has(id))) {
        return damaged(`chunk ${chunk.key} lists documents the manifest does not`);
      }
    }
    try {
      engine.index.import(chunk.key, chunk.data);
    } catch {
      return damaged(`chunk ${chunk.key} could not be read`);
    }
  }
  engine.load(
    manifest.documents.map(documentFromStored),
    manifest.documents,
    manifest.nextId,
    manifest.tombstones,
  );
  engine.vocabulary.load(manifest.vocabulary);
  return ok(engine);
}

const CHUNK_KEY = /^\d+\.(reg|map|ctx|cfg)$/;

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- the engine

interface Entry {
  readonly internalId: number;
  /** Index of the document's kind in SEARCH_RECORD_KINDS. */
  readonly kindIndex: number;
  document: SearchDocument;
  /** False for an imported document until its text is attached. */
  hasText: boolean;
  /**
   * The forward index: the document's tokens in order as term ids (PART_BORDER between its
   * parts), for exact phrase checks. Built when the document is indexed; for an imported one,
   * by `warm` after its text is attached (undefined until then).
   */
  terms: ForwardIndex | undefined;
  // Derived lazily; reset when the document is replaced or its text attached.
  textInfo?: TextInfo | undefined;
  nameKeys?: readonly string[] | undefined;
  nameTokens?: readonly ReadonlySet<string>[] | undefined;
}

type IdSet = { has(id: number): boolean; keys(): Iterable<number> };

/** A document's tokens as term ids (LATE_TERM for every later one). */
type ForwardIndex = Uint16Array;

/** Size of the shared blocks forward indexes are cut from. */
const BLOCK_BYTES = 1 << 20;

/**
 * Where forward indexes live: views into shared 1 MB blocks, since a typed array with its own
 * buffer costs a few hundred bytes besides its content (as much again as a short passage's
 * tokens). A block is freed once no view into it is left; replaced documents leave holes, which
 * the engine's compaction clears by copying the live forward indexes into fresh blocks
 * (`restart`). A document too big for a quarter of a block gets a buffer of its own.
 */
class ForwardStore {
  private block = new Uint16Array(0);
  private used = 0;

  /** A copy of `terms`. */
  keep(terms: Uint16Array): ForwardIndex {
    const length = terms.length;
    if (length > BLOCK_BYTES >> 3) return terms.slice();
    if (length > this.block.length - this.used) {
      this.block = new Uint16Array(BLOCK_BYTES >> 1);
      this.used = 0;
    }
    const view = this.block.subarray(this.used, this.used + length);
    view.set(terms);
    this.used += length;
    return view;
  }

  /** The next forward indexes go into new blocks. */
  restart(): void {
    this.block = new Uint16Array(0);
    this.used = 0;
  }
}

/**
 * Document → packed score, for the evaluator's sets: a typed array indexed by internal id plus
 * the ids in insertion order. Several times faster than a Map on the tens of thousands of
 * documents a common word matches; allocated per set at the engine's id range.
 */
class Scores {
  private readonly values: Int32Array;
  private readonly ids: number[] = [];

  constructor(capacity: number) {
    this.values = new Int32Array(capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return (this.values[id] ?? 0) !== 0;
  }

  /** The packed score, or undefined. */
  get(id: number): number | undefined {
    const value = this.values[id] ?? 0;
    return value === 0 ? undefined : value - 1;
  }

  set(id: number, packed: number): void {
    if (this.values[id] === 0) this.ids.push(id);
    this.values[id] = packed + 1;
  }

  forEach(visit: (packed: number, id: number) => void): void {
    const { ids, values } = this;
    for (let i = 0; i < ids.length; i++) visit(values[ids[i]!]! - 1, ids[i]!);
  }

  keys(): readonly number[] {
    return this.ids;
  }
}

/**
 * What a node of the query tree evaluates to: scored matches (values packed by `pack`), or
 * "every document except" these.
 */
type Evaluated =
  | { readonly type: 'set'; readonly matches: Scores }
  | { readonly type: 'except'; readonly ids: IdSet };

interface Leaf {
  readonly expansions: readonly Expansion[];
  /** Document → packed (score, index of the expansion it matched best). */
  readonly matches: Scores;
}

/** Compiled filters: the ids `source:`/`entity:` allow (if any), and the full test. */
interface Filter {
  readonly ids: ReadonlySet<number> | undefined;
  readonly allows: (entry: Entry) => boolean;
}

interface Links {
  /** Source id → its passages. */
  readonly passagesOfSource: Map<string, Entry[]>;
  /** Passage id → claims citing it and notes quoting it. */
  readonly citingPassage: Map<string, Entry[]>;
  /** Entity id → passages, claims and notes listing it in `entityIds`. */
  readonly referringToEntity: Map<string, Entry[]>;
}

interface QueryContext {
  readonly filter: Filter | undefined;
  /** Leaves outside any NOT: they give matchedTerms and highlights. */
  readonly leaves: Leaf[];
  readonly highlightTerms: Set<string>;
  readonly expansions: Record<string, string[]>;
  /** Phrases outside any NOT: a hit's first match is where the earliest of them is. */
  readonly phrases: (readonly string[])[];
  /** Expansions of each term node, computed once per query. */
  readonly expanded: Map<SearchTerm, Expansion[]>;
}

function pack(score: number, tag: number): number {
  return score * TAG + tag;
}

function scoreOf(packed: number): number {
  return Math.floor(packed / TAG);
}

function keyOf(kind: SearchRecordKind, id: string): string {
  return `${kind}\u0000${id}`;
}

/** Slot of a term first seen at token `position`: title 0, then 1–8 on a log scale of depth. */
function slotOf(position: number, titleLength: number): number {
  if (position < titleLength) return 0;
  const depth = (position - titleLength) / 8;
  return 1 + Math.min(RESOLUTION - 2, Math.floor(Math.log2(1 + depth)));
}

class Engine implements SearchEngine {
  index: Index;
  readonly vocabulary = new Vocabulary();
  private readonly live = new Map<number, Entry>();
  /** The same entries by internal id, for fast lookups in hot loops (holes for forgotten ids). */
  private readonly byId: (Entry | undefined)[] = [];
  private readonly byKey = new Map<string, Entry>();
  private nextId = 0;
  /** Internal ids FlexSearch still lists but that no longer belong to a live document. */
  private readonly tombstoned = new Set<number>();
  /** Bumped on every change, so derived tables are rebuilt when stale. */
  private revision = 0;
  private linksCache: { revision: number; links: Links } | undefined;
  /** Slots of the terms of the document being added, read by FlexSearch's score callback. */
  private slots: readonly number[] = [];
  /**
   * Term → id for the forward indexes (in memory only, never persisted). Ids are never reused or
   * dropped within a session, so forward indexes stay valid through compaction.
   */
  private readonly termIds = new Map<string, number>();
  /** Scratch buffer for building a forward index. */
  private termBuffer = new Uint16Array(1024);
  private readonly forwardStore = new ForwardStore();
  /** `warm` has built the forward indexes of every internal id below this one. */
  private warmedBelow = 0;

  constructor() {
    this.index = this.newIndex();
  }

  get size(): number {
    return this.live.size;
  }

  upsert(document: SearchDocument): void {
    const key = keyOf(document.kind, document.id);
    const existing = this.byKey.get(key);
    this.revision++;
    if (existing !== undefined && existing.document.stamp === document.stamp) {
      existing.document = document;
      existing.hasText = true;
      resetDerived(existing);
      // Computed now (a few microseconds) rather than on the first query that shows this text.
      existing.textInfo = textInfo(document.text);
      // Its forward index (if it has none yet) is built by `warm`, not here: loading attaches
      // every text at once and must stay quick.
      if (existing.terms === undefined) {
        this.warmedBelow = Math.min(this.warmedBelow, existing.internalId);
      }
      return;
    }
    if (existing !== undefined) this.forget(existing);
    const entry: Entry = {
      internalId: this.nextId++,
      kindIndex: SEARCH_RECORD_KINDS.indexOf(document.kind),
      document,
      hasText: true,
      terms: undefined,
      textInfo: textInfo(document.text),
    };
    this.live.set(entry.internalId, entry);
    this.byId[entry.internalId] = entry;
    this.byKey.set(key, entry);
    this.add(entry);
    this.compactIfNeeded();
  }

  remove(kind: SearchRecordKind, id: string): void {
    const existing = this.byKey.get(keyOf(kind, id));
    if (existing === undefined) return;
    this.revision++;
    this.forget(existing);
    this.compactIfNeeded();
  }

  stampOf(kind: SearchRecordKind, id: string): string | undefined {
    return this.byKey.get(keyOf(kind, id))?.document.stamp;
  }

  *stamps(): Iterable<{ kind: SearchRecordKind; id: string; stamp: string }> {
    for (const entry of this.live.values()) {
      const { kind, id, stamp } = entry.document;
      yield { kind, id, stamp };
    }
  }

  exportSnapshot(caseId: string): {
    manifest: string;
    chunks: { key: string; data: string }[];
  } {
    // Tombstones are saved as such (compacting before every save would block the worker for
    // seconds after each edit); compaction happens at the threshold, saved or not.
    const chunks: { key: string; data: string }[] = [];
    void this.index.export((key: string, data: string) => {
      chunks.push({ key, data });
    });
    const manifest = writeManifest({
      format: SNAPSHOT_FORMAT,
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      engine: SNAPSHOT_ENGINE,
      tokenizerVersion: TOKENIZER_VERSION,
      caseId,
      nextId: this.nextId,
      tombstones: [...this.tombstoned],
      documents: [...this.live.values()].map((entry) =>
        storedDocument(entry.document, entry.internalId),
      ),
      vocabulary: this.vocabulary.sortedEntries(),
      chunks: chunks.map((chunk) => ({
        key: chunk.key,
        length: chunk.data.length,
        checksum: checksum(chunk.data),
      })),
    });
    return { manifest, chunks };
  }

  /** Fills an engine whose FlexSearch index was just imported. */
  load(
    documents: SearchDocument[],
    stored: readonly { internalId: number }[],
    nextId: number,
    tombstones: readonly number[],
  ): void {
    for (const id of tombstones) this.tombstoned.add(id);
    for (let i = 0; i < documents.length; i++) {
      const document = documents[i]!;
      const entry: Entry = {
        internalId: stored[i]!.internalId,
        kindIndex: SEARCH_RECORD_KINDS.indexOf(document.kind),
        document,
        hasText: false,
        terms: undefined,
      };
      this.live.set(entry.internalId, entry);
      this.byId[entry.internalId] = entry;
      this.byKey.set(keyOf(document.kind, document.id), entry);
    }
    this.nextId = nextId;
    this.revision++;
  }

  search(query: SearchQuery, options: SearchOptions = {}): SearchResult {
    const limit = clampInteger(options.limit ?? DEFAULT_SEARCH_LIMIT, 0, MAX_SEARCH_LIMIT);
    const offset = clampInteger(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const wanted = new Set<SearchRecordKind>(options.kinds ?? SEARCH_RECORD_KINDS);
    const context: QueryContext = {
      filter: this.filterOf(query.filters),
      leaves: [],
      highlightTerms: new Set(),
      expansions: {},
      phrases: [],
      expanded: new Map(),
    };
    const evaluated: Evaluated =
      query.root === undefined
        ? { type: 'except', ids: new Set<number>() }
        : this.evaluate(query.root, context, true);
    const nameKey = query.root === undefined ? '' : positiveWords(query.root).join(' ');

    // Per kind (SEARCH_RECORD_KINDS order, Entry.kindIndex): a count, and the best
    // offset + limit kept as they come, so tens of thousands of matches are never sorted.
    const keep = limit > 0 ? offset + limit : 0;
    const counts = SEARCH_RECORD_KINDS.map(() => 0);
    const best = SEARCH_RECORD_KINDS.map((kind) => new TopRanked(wanted.has(kind) ? keep : 0));
    const allowed = context.filter?.allows;
    const byId = this.byId;
    const consider = (packed: number, id: number): void => {
      const entry = byId[id];
      if (entry === undefined || (allowed !== undefined && !allowed(entry))) return;
      let score = scoreOf(packed);
      if (entry.kindIndex === ENTITY_INDEX && nameKey !== '' && this.isNamed(entry, nameKey)) {
        score += ENTITY_NAME_BONUS;
      }
      counts[entry.kindIndex]!++;
      best[entry.kindIndex]!.offer(id, score);
    };
    if (evaluated.type === 'set') {
      evaluated.matches.forEach(consider);
    } else {
      const except = evaluated.ids;
      // Every document except: only those the filters' id set allows, when there is one.
      const candidates = context.filter?.ids ?? this.live.keys();
      for (const id of candidates) if (!except.has(id)) consider(0, id);
    }

    const groups: SearchGroup[] = [];
    let total = 0;
    for (const [kindIndex, kind] of SEARCH_RECORD_KINDS.entries()) {
      const count = counts[kindIndex]!;
      total += count;
      const { ids, scores } = best[kindIndex]!;
      const hits: SearchHit[] = [];
      for (let i = offset; i < ids.length; i++) hits.push(this.hit(ids[i]!, scores[i]!, context));
      groups.push({ kind, total: count, hits });
    }
    return { groups, total, expansions: context.expansions };
  }

  // ---------------------------------------------------------------- indexing

  private newIndex(): Index {
    return new Index({
      tokenize: 'strict',
      resolution: RESOLUTION,
      cache: false,
      // Our tokens never contain spaces (see `add`), so this gives them back unchanged.
      encode: (content: string) => content.split(' '),
      score: (_content: string[], _term: string, index: number) => this.slots[index] ?? 1,
    });
  }

  private add(entry: Entry): void {
    const id = entry.internalId;
    // Each term once, at its first occurrence, with the slot that position earns; FlexSearch is
    // given only these, and its score callback reads the slots back.
    const terms: string[] = [];
    const slots: number[] = [];
    let position = 0;
    entry.terms = this.forwardIndex(entry.document, (term, titleLength) => {
      // A space would split the token in FlexSearch; no tokenizer output has one (defensive).
      if (!term.includes(' ') && this.vocabulary.countIn(term, id)) {
        terms.push(term);
        slots.push(slotOf(position, titleLength));
      }
      position++;
    });
    if (terms.length === 0) return;
    this.slots = slots;
    this.index.add(id, terms.join(' '));
  }

  /**
   * The document's tokens in the order they are indexed (title, each other name, text, extra),
   * as term ids with PART_BORDER between the parts. `visit` (if given) sees every token with the
   * number of title tokens (Infinity while still in the title).
   */
  private forwardIndex(
    document: SearchDocument,
    visit?: (term: string, titleLength: number) => void,
  ): ForwardIndex {
    const { title, text, extra, names } = document;
    const termIds = this.termIds;
    let buffer = this.termBuffer;
    let length = 0;
    let titleLength = Infinity;
    const push = (value: number): void => {
      if (length === buffer.length) {
        const grown = new Uint16Array(buffer.length * 2);
        grown.set(buffer);
        buffer = this.termBuffer = grown;
      }
      buffer[length++] = value;
    };
    const read = (part: string): void => {
      if (length > 0) push(PART_BORDER);
      if (part === '') return;
      const tokens = tokenize(part, TOKENIZE_OPTIONS);
      for (let i = 0; i < tokens.length; i++) {
        const term = tokens[i]!.text;
        let termId = termIds.get(term);
        if (termId === undefined) termIds.set(term, (termId = termIds.size + 1));
        push(termId < LATE_TERM ? termId : LATE_TERM);
        if (visit !== undefined) visit(term, titleLength);
      }
    };
    read(title);
    // An entity's aliases count as its title: `KJN` finds Kim Jong Nam like his name does.
    for (const name of names ?? []) if (name !== title) read(name);
    titleLength = 0;
    for (let i = 0; i < length; i++) if (buffer[i] !== PART_BORDER) titleLength++;
    read(text);
    if (extra !== undefined) read(extra);
    return this.forwardStore.keep(buffer.subarray(0, length));
  }

  /**
   * Builds forward indexes of documents whose text was attached without re-indexing (an imported
   * snapshot), for about `budgetMs`; true once every such document has one. Until then phrases
   * are checked in those documents' texts directly (exact, slower).
   */
  warm(budgetMs: number): boolean {
    const deadline = performance.now() + budgetMs;
    const byId = this.byId;
    while (this.warmedBelow < byId.length) {
      const entry = byId[this.warmedBelow];
      if (entry !== undefined && entry.hasText && entry.terms === undefined) {
        entry.terms = this.forwardIndex(entry.document);
        if (performance.now() >= deadline) {
          this.warmedBelow++;
          return this.warmedBelow >= byId.length;
        }
      }
      this.warmedBelow++;
    }
    return true;
  }

  private forget(entry: Entry): void {
    this.live.delete(entry.internalId);
    this.byId[entry.internalId] = undefined;
    this.byKey.delete(keyOf(entry.document.kind, entry.document.id));
    this.tombstoned.add(entry.internalId);
  }

  private compactIfNeeded(): void {
    const threshold = Math.max(COMPACT_MIN_TOMBSTONES, this.live.size * COMPACT_RATIO);
    if (this.tombstoned.size > threshold) this.compact();
  }

  /** Rebuilds FlexSearch without tombstoned ids (export → filter → import) and recounts terms. */
  private compact(): void {
    const fresh = this.newIndex();
    const live = this.live;
    this.vocabulary.clear();
    void this.index.export((key: string, data: string) => {
      const parsed: unknown = JSON.parse(data);
      if (key.endsWith('.reg')) {
        const ids = (parsed as number[]).filter((id) => live.has(id));
        if (ids.length > 0) fresh.import(key, JSON.stringify(ids));
      } else if (key.endsWith('.map')) {
        const kept: [string, (number[] | null)[]][] = [];
        for (const [term, slots] of parsed as [string, (number[] | null)[]][]) {
          let count = 0;
          const filtered = slots.map((slot) => {
            if (slot === null) return null;
            const ids = slot.filter((id) => live.has(id));
            count += ids.length;
            return ids.length > 0 ? ids : null;
          });
          if (count === 0) continue;
          kept.push([term, filtered]);
          this.vocabulary.add(term, count);
        }
        if (kept.length > 0) fresh.import(key, JSON.stringify(kept));
      } else {
        fresh.import(key, data);
      }
    });
    this.index = fresh;
    this.tombstoned.clear();
    // Forward indexes of replaced documents are holes in their blocks: copy the live ones out.
    this.forwardStore.restart();
    for (const entry of live.values()) {
      const terms = entry.terms;
      if (terms !== undefined) entry.terms = this.forwardStore.keep(terms);
    }
  }

  /** FlexSearch's slots for one term: slot → internal ids (tombstones included). */
  private postings(term: string): readonly (readonly number[] | null | undefined)[] {
    const resolver = this.index.search(term, { resolve: false }) as unknown as {
      result?: readonly (readonly number[] | null | undefined)[];
    };
    return resolver.result ?? [];
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * Evaluates `node`. `within` (inside an AND: what the siblings evaluated so far allow) limits
   * the work: documents outside it cannot be in the result, so they are skipped.
   */
  private evaluate(
    node: SearchNode,
    context: QueryContext,
    positive: boolean,
    within?: Scores,
  ): Evaluated {
    switch (node.kind) {
      case 'term':
        return { type: 'set', matches: this.evaluateTerm(node, context, positive, within) };
      case 'phrase':
        return {
          type: 'set',
          matches: this.evaluatePhrase(node.tokens, context, positive, within),
        };
      case 'not': {
        const inner = this.evaluate(node.child, context, !positive, within);
        if (inner.type === 'set') return { type: 'except', ids: inner.matches };
        const matches = this.newScores();
        for (const id of inner.ids.keys()) if (this.byId[id] !== undefined) matches.set(id, 0);
        return { type: 'set', matches };
      }
      case 'and':
        return this.evaluateAnd(node.children, context, positive, within);
      case 'or':
        return this.evaluateOr(
          node.children.map((child) => this.evaluate(child, context, positive, within)),
        );
    }
  }

  /**
   * Children from the rarest (estimated from the vocabulary) to the commonest, each evaluated
   * only within what the previous ones allow; exclusions last.
   */
  private evaluateAnd(
    children: readonly SearchNode[],
    context: QueryContext,
    positive: boolean,
    within: Scores | undefined,
  ): Evaluated {
    const ordered = children
      .map((child) => ({ child, estimate: this.estimate(child, context) }))
      .sort((a, b) => a.estimate - b.estimate)
      .map(({ child }) => child);
    const sets: Scores[] = [];
    const excluded: IdSet[] = [];
    let current = within;
    for (const child of ordered) {
      const result = this.evaluate(child, context, positive, current);
      if (result.type === 'set') {
        sets.push(result.matches);
        current = result.matches;
      } else {
        excluded.push(result.ids);
      }
    }
    if (sets.length === 0) return { type: 'except', ids: union(excluded) };
    // The last set is already within every earlier one: walk it, sum the scores.
    const last = sets[sets.length - 1]!;
    const others = sets.slice(0, -1);
    const matches = this.newScores();
    last.forEach((packed, id) => {
      let score = scoreOf(packed);
      for (const other of others) {
        const value = other.get(id);
        if (value === undefined) return;
        score += scoreOf(value);
      }
      for (const ids of excluded) if (ids.has(id)) return;
      matches.set(id, pack(score, 0));
    });
    return { type: 'set', matches };
  }

  /** About how many documents `node` matches, to order an AND (negations last). */
  private estimate(node: SearchNode, context: QueryContext): number {
    switch (node.kind) {
      case 'term':
        return this.expansionsOf(node, context).reduce((sum, e) => sum + e.frequency, 0);
      case 'phrase':
        return Math.min(...node.tokens.map((token) => this.vocabulary.frequency(token)));
      case 'not':
        return Number.MAX_SAFE_INTEGER;
      case 'and':
        return Math.min(...node.children.map((child) => this.estimate(child, context)));
      case 'or':
        return node.children.reduce((sum, child) => sum + this.estimate(child, context), 0);
    }
  }

  private newScores(): Scores {
    return new Scores(this.nextId);
  }

  private expansionsOf(term: SearchTerm, context: QueryContext): Expansion[] {
    let expansions = context.expanded.get(term);
    if (expansions === undefined) {
      expansions = this.expand(term);
      context.expanded.set(term, expansions);
    }
    return expansions;
  }

  private evaluateOr(children: Evaluated[]): Evaluated {
    const matches = this.newScores();
    const excluded: IdSet[] = [];
    for (const child of children) {
      if (child.type === 'except') {
        excluded.push(child.ids);
        continue;
      }
      child.matches.forEach((packed, id) => {
        matches.set(id, pack(scoreOf(matches.get(id) ?? 0) + scoreOf(packed), 0));
      });
    }
    if (excluded.length === 0) return { type: 'set', matches };
    // Anything matched, or anything outside every exclusion: all except what every exclusion
    // holds and nothing matched.
    const [first, ...rest] = excluded as [IdSet, ...IdSet[]];
    const ids = new Set<number>();
    for (const id of first.keys()) {
      if (!matches.has(id) && rest.every((other) => other.has(id))) ids.add(id);
    }
    return { type: 'except', ids };
  }

  private evaluateTerm(
    term: SearchTerm,
    context: QueryContext,
    positive: boolean,
    within: Scores | undefined,
  ): Scores {
    const expansions = this.expansionsOf(term, context);
    const matches = this.newScores();
    const checkLive = this.tombstoned.size > 0;
    const byId = this.byId;
    const documents = Math.max(1, this.live.size);
    const found: string[] = [];
    for (let e = 0; e < expansions.length; e++) {
      const expansion = expansions[e]!;
      const idf = Math.min(20, 2 * Math.log(1 + documents / Math.max(1, expansion.frequency)));
      const base = 1000 + (expansion.fuzzy ? 0 : 100) + Math.round(idf);
      const slots = this.postings(expansion.term);
      let matched = false;
      for (let slot = 0; slot < slots.length; slot++) {
        const ids = slots[slot];
        if (ids === null || ids === undefined) continue;
        const value = pack(base + (slot === 0 ? 56 : (RESOLUTION - 1 - slot) * 2), e);
        for (const id of ids) {
          if (within !== undefined && !within.has(id)) continue;
          if (checkLive && byId[id] === undefined) continue;
          matched = true;
          const previous = matches.get(id);
          if (previous === undefined || value > previous) matches.set(id, value);
        }
      }
      if (matched) found.push(expansion.term);
    }
    if (positive) {
      context.leaves.push({ expansions, matches });
      for (const matched of found) context.highlightTerms.add(matched);
      const others = found.filter((matched) => matched !== term.text);
      if (others.length > 0) {
        const known = context.expansions[term.text] ?? [];
        context.expansions[term.text] = [...new Set([...known, ...others])];
      }
    }
    return matches;
  }

  /** The index terms a query term stands for (see README.md, "Expansion"). */
  private expand(term: SearchTerm): Expansion[] {
    const text = term.text;
    if (text === '' || text.includes(' ')) return [];
    if (term.exact || term.indicator !== undefined) return this.exactly(text);
    if (term.prefix) return this.vocabulary.prefix(text);
    let fuzzy = term.fuzzy;
    // A short word that is nowhere in the case is most likely a typo ("Kim Jong Nm"): one edit.
    if (fuzzy === 0 && SHORT_WORD.test(text) && !this.vocabulary.has(text)) fuzzy = 1;
    if (fuzzy > 0) return this.vocabulary.similar(text, fuzzy);
    return this.exactly(text);
  }

  private exactly(text: string): Expansion[] {
    const frequency = this.vocabulary.frequency(text);
    return frequency > 0 ? [{ term: text, frequency, fuzzy: false }] : [];
  }

  /**
   * Documents with every token of the phrase, then those with the tokens consecutively: every
   * candidate is checked, in its forward index (a scan of term ids), or in its texts while it has
   * none yet (an imported document `warm` has not reached).
   */
  private evaluatePhrase(
    tokens: readonly string[],
    context: QueryContext,
    positive: boolean,
    within: Scores | undefined,
  ): Scores {
    const all = this.evaluateAnd(
      tokens.map((token) => ({ kind: 'term', text: token, exact: true, prefix: false, fuzzy: 0 })),
      context,
      positive,
      within,
    );
    const verified = this.newScores();
    if (all.type !== 'set') return verified;
    if (positive) context.phrases.push(tokens);
    const sequence = new Int32Array(tokens.length);
    let late = false;
    for (let i = 0; i < tokens.length; i++) {
      // A term no forward index holds: only documents without one can still match.
      const termId = this.termIds.get(tokens[i]!) ?? UNKNOWN_TERM;
      if (termId >= LATE_TERM) late = true;
      sequence[i] = Math.min(termId, LATE_TERM);
    }
    // Look for the rarest token of the phrase (not a late one: that value stands for many
    // terms), then compare its neighbours.
    let anchor = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (sequence[i] === LATE_TERM) continue;
      if (
        anchor < 0 ||
        this.vocabulary.frequency(tokens[i]!) < this.vocabulary.frequency(tokens[anchor]!)
      ) {
        anchor = i;
      }
    }
    if (anchor < 0) anchor = 0;
    const filter = context.filter;
    const byId = this.byId;
    all.matches.forEach((packed, id) => {
      const entry = byId[id];
      if (entry === undefined || (filter !== undefined && !filter.allows(entry))) return;
      const terms = entry.terms;
      if (terms !== undefined) {
        // With a late term the forward index only says "maybe": the texts decide.
        if (
          containsSequence(terms, sequence, anchor) &&
          (!late || this.phraseInTexts(entry, tokens))
        ) {
          verified.set(id, packed);
        }
      } else if (!entry.hasText) {
        // Text not attached yet (an imported index being loaded): the order cannot be checked,
        // so the words are trusted; the service answers `complete: false` until every text is in.
        verified.set(id, packed);
      } else if (this.phraseInTexts(entry, tokens)) {
        verified.set(id, packed);
      }
    });
    return verified;
  }

  /** Whether the phrase is in the document's title, another name, text or extra. */
  private phraseInTexts(entry: Entry, tokens: readonly string[]): boolean {
    const { title, text, extra, names } = entry.document;
    if (findPhrase(text, tokens, this.textInfo(entry)) !== undefined) return true;
    for (const part of [title, ...(names ?? []), extra ?? '']) {
      if (part !== '' && findPhrase(part, tokens, textInfo(part)) !== undefined) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- filters

  /**
   * The filters as a test on a document: `type:` and dates are read from its metadata, `source:`
   * and `entity:` become the set of internal ids they allow (see `sourceScope`, `entityScope`).
   */
  private filterOf(filters: SearchFilters): Filter | undefined {
    const tests: ((entry: Entry) => boolean)[] = [];
    let ids: Set<number> | undefined;
    if (filters.recordKinds.length > 0 || filters.entityTypes.length > 0) {
      const kinds = new Set<string>(filters.recordKinds);
      const types = new Set<string>(filters.entityTypes);
      tests.push(
        ({ document }) =>
          kinds.has(document.kind) ||
          (document.kind === 'entity' &&
            document.entityType !== undefined &&
            types.has(document.entityType)),
      );
    }
    if (filters.sources.length > 0) {
      const sources = new Set<Entry>();
      for (const filter of filters.sources) {
        for (const entry of this.titledWith(filter.tokens, 'source')) sources.add(entry);
      }
      ids = this.sourceScope(sources);
    }
    for (const filter of filters.entities) {
      // Names and aliases are indexed as the entity's title: slot 0 again, then checked name by
      // name (all the words in one name, not spread over a name and an alias).
      const entities = this.titledWith(filter.tokens, 'entity').filter((entry) =>
        this.nameTokens(entry).some((name) => filter.tokens.every((t) => name.has(t))),
      );
      const scope = this.entityScope(entities);
      ids = ids === undefined ? scope : new Set([...ids].filter((id) => scope.has(id)));
    }
    if (filters.before !== undefined || filters.after !== undefined) {
      const before = filters.before?.first;
      const after = filters.after?.last;
      tests.push((entry) => {
        const date = this.dateOf(entry);
        if (date === undefined) return false;
        if (before !== undefined && !(date.first < before)) return false;
        if (after !== undefined && !(date.last > after)) return false;
        return true;
      });
    }
    if (ids === undefined && tests.length === 0) return undefined;
    const scope = ids;
    return {
      ids: scope,
      allows: (entry) =>
        (scope === undefined || scope.has(entry.internalId)) && tests.every((test) => test(entry)),
    };
  }

  /**
   * Live documents of `kind` with every one of `terms` in their title. A term is in a title
   * exactly when FlexSearch holds it in slot 0 (title tokens come first).
   */
  private titledWith(terms: readonly string[], kind: SearchRecordKind): Entry[] {
    const kindIndex = SEARCH_RECORD_KINDS.indexOf(kind);
    let found: Entry[] | undefined;
    for (const term of terms) {
      const titled = this.postings(term)[0] ?? [];
      const next: Entry[] = [];
      if (found === undefined) {
        for (const id of titled) {
          const entry = this.byId[id];
          if (entry !== undefined && entry.kindIndex === kindIndex) next.push(entry);
        }
      } else {
        const ids = new Set(titled);
        for (const entry of found) if (ids.has(entry.internalId)) next.push(entry);
      }
      found = next;
      if (found.length === 0) break;
    }
    return found ?? [];
  }

  /**
   * What `source:` allows: the sources, their passages, claims and notes citing those passages,
   * and entities tagged in those passages.
   */
  private sourceScope(sources: ReadonlySet<Entry>): Set<number> {
    const links = this.links();
    const ids = new Set<number>();
    for (const source of sources) {
      ids.add(source.internalId);
      for (const passage of links.passagesOfSource.get(source.document.id) ?? []) {
        ids.add(passage.internalId);
        for (const citing of links.citingPassage.get(passage.document.id) ?? []) {
          ids.add(citing.internalId);
        }
        for (const entityId of passage.document.entityIds ?? []) {
          const entity = this.byKey.get(keyOf('entity', entityId));
          if (entity !== undefined) ids.add(entity.internalId);
        }
      }
    }
    return ids;
  }

  /**
   * What one `entity:` filter allows: the entities, records listing them (passages' tagged
   * entity, claims' subject and object, notes' mentions), and sources with passages tagging them.
   */
  private entityScope(entities: readonly Entry[]): Set<number> {
    const links = this.links();
    const ids = new Set<number>();
    for (const entity of entities) {
      ids.add(entity.internalId);
      for (const referring of links.referringToEntity.get(entity.document.id) ?? []) {
        ids.add(referring.internalId);
        const { kind, sourceId } = referring.document;
        if (kind === 'passage' && sourceId !== undefined) {
          const source = this.byKey.get(keyOf('source', sourceId));
          if (source !== undefined) ids.add(source.internalId);
        }
      }
    }
    return ids;
  }

  /** Cross-references between the documents, derived from their metadata once per revision. */
  private links(): Links {
    if (this.linksCache?.revision !== this.revision) {
      const links: Links = {
        passagesOfSource: new Map(),
        citingPassage: new Map(),
        referringToEntity: new Map(),
      };
      const add = (map: Map<string, Entry[]>, key: string, entry: Entry): void => {
        const list = map.get(key);
        if (list === undefined) map.set(key, [entry]);
        else list.push(entry);
      };
      for (const entry of this.live.values()) {
        const { kind, sourceId, passageIds, entityIds } = entry.document;
        if (kind === 'passage' && sourceId !== undefined) {
          add(links.passagesOfSource, sourceId, entry);
        }
        if (kind === 'claim' || kind === 'note') {
          for (const passageId of passageIds ?? []) add(links.citingPassage, passageId, entry);
        }
        if (kind !== 'entity' && kind !== 'source') {
          for (const entityId of entityIds ?? []) add(links.referringToEntity, entityId, entry);
        }
      }
      this.linksCache = { revision: this.revision, links };
    }
    return this.linksCache.links;
  }

  /** A passage is dated by its source. */
  private dateOf(entry: Entry): SearchDocument['date'] {
    const { document } = entry;
    if (document.kind !== 'passage') return document.date;
    if (document.sourceId === undefined) return undefined;
    return this.byKey.get(keyOf('source', document.sourceId))?.document.date;
  }

  private nameTokens(entry: Entry): readonly ReadonlySet<string>[] {
    entry.nameTokens ??= this.names(entry).map(
      (name) => new Set(tokenize(name, TOKENIZE_OPTIONS).map((t) => t.text)),
    );
    return entry.nameTokens;
  }

  private names(entry: Entry): readonly string[] {
    const { title, names } = entry.document;
    return names !== undefined && names.length > 0 ? names : [title];
  }

  /** Whether the entity's name (or an alias) is exactly the query's words. */
  private isNamed(entry: Entry, key: string): boolean {
    entry.nameKeys ??= this.names(entry).map((name) =>
      tokenize(name)
        .map((t) => t.text)
        .join(' '),
    );
    return entry.nameKeys.includes(key);
  }

  private textInfo(entry: Entry): TextInfo {
    entry.textInfo ??= textInfo(entry.document.text);
    return entry.textInfo;
  }

  // ---------------------------------------------------------------- hits

  /** Where the earliest of the query's phrases is in the document's text, if any is. */
  private firstPhrase(
    entry: Entry,
    phrases: readonly (readonly string[])[],
  ): SearchRange | undefined {
    let first: SearchRange | undefined;
    for (const tokens of phrases) {
      const found = findPhrase(entry.document.text, tokens, this.textInfo(entry));
      if (found !== undefined && (first === undefined || found.start < first.start)) first = found;
    }
    return first;
  }

  private hit(id: number, score: number, context: QueryContext): SearchHit {
    const entry = this.byId[id]!;
    const { document } = entry;
    const terms = context.highlightTerms;
    const matched = new Set<string>();
    let fuzzyOnly = true;
    for (const leaf of context.leaves) {
      const packed = leaf.matches.get(id);
      if (packed === undefined) continue;
      const expansion = leaf.expansions[packed % TAG]!;
      matched.add(expansion.term);
      if (!expansion.fuzzy) fuzzyOnly = false;
    }
    let snippet: SearchSnippet | undefined;
    let firstMatch: SearchRange | undefined;
    // The first match is looked for among the terms this hit matched (one per query word), the
    // highlights show every term the query matched anywhere.
    const own = matched.size > 0 ? matched : terms;
    if (entry.hasText) {
      if (document.text !== '') {
        firstMatch =
          this.firstPhrase(entry, context.phrases) ??
          findFirstMatch(document.text, own, this.textInfo(entry));
        if (firstMatch !== undefined || terms.size === 0) {
          snippet = makeSnippet(document.text, firstMatch, terms);
        }
      }
      if (snippet === undefined && document.extra !== undefined && document.extra !== '') {
        const inExtra = findFirstMatch(document.extra, own, textInfo(document.extra));
        if (inExtra !== undefined) snippet = makeSnippet(document.extra, inExtra, terms);
      }
    }
    const hit: {
      -readonly [K in keyof SearchHit]: SearchHit[K];
    } = {
      kind: document.kind,
      id: document.id,
      title: document.title,
      titleHighlights: highlightRanges(document.title, terms),
      matchedTerms: [...matched],
      fuzzyOnly: matched.size > 0 && fuzzyOnly,
      score,
    };
    if (snippet !== undefined) hit.snippet = snippet;
    if (firstMatch !== undefined) hit.firstMatch = firstMatch;
    if (document.sourceId !== undefined) hit.sourceId = document.sourceId;
    if (document.position !== undefined) hit.position = document.position;
    if (document.entityType !== undefined) hit.entityType = document.entityType;
    return hit;
  }
}

const SHORT_WORD = /^\p{L}{2,3}$/u;

/**
 * Whether `sequence` occurs consecutively in `terms`. Looks for `sequence[anchor]` (its rarest
 * term) and compares the neighbours of each place it occurs.
 */
function containsSequence(terms: ForwardIndex, sequence: Int32Array, anchor: number): boolean {
  const target = sequence[anchor]!;
  const last = terms.length - (sequence.length - anchor);
  // The typed array's own indexOf: about 3× faster than a loop over it.
  for (
    let i = terms.indexOf(target, anchor);
    i >= 0 && i <= last;
    i = terms.indexOf(target, i + 1)
  ) {
    const start = i - anchor;
    let k = 0;
    while (k < sequence.length && terms[start + k] === sequence[k]) k++;
    if (k === sequence.length) return true;
  }
  return false;
}

/** The words of the query outside any NOT, in order (for "an entity named exactly this"). */
function positiveWords(node: SearchNode): string[] {
  switch (node.kind) {
    case 'term':
      return [node.text];
    case 'phrase':
      return [...node.tokens];
    case 'not':
      return [];
    case 'and':
    case 'or':
      return node.children.flatMap(positiveWords);
  }
}

function resetDerived(entry: Entry): void {
  // Assigned, not deleted: deleting properties would slow every entry's shape down.
  entry.textInfo = undefined;
  entry.nameKeys = undefined;
  entry.nameTokens = undefined;
}

function union(sets: readonly IdSet[]): IdSet {
  if (sets.length === 1) return sets[0]!;
  const ids = new Set<number>();
  for (const set of sets) for (const id of set.keys()) ids.add(id);
  return ids;
}

function clampInteger(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/**
 * The `size` best documents offered, best first (score descending, then the earlier-indexed
 * document): a sorted buffer most offers never enter.
 */
class TopRanked {
  readonly ids: number[] = [];
  readonly scores: number[] = [];

  constructor(private readonly size: number) {}

  offer(id: number, score: number): void {
    const { ids, scores, size } = this;
    if (size === 0) return;
    let at = ids.length;
    if (at === size) {
      const last = at - 1;
      if (score < scores[last]! || (score === scores[last] && id > ids[last]!)) return;
      at = last;
    }
    while (at > 0 && (score > scores[at - 1]! || (score === scores[at - 1] && id < ids[at - 1]!))) {
      ids[at] = ids[at - 1]!;
      scores[at] = scores[at - 1]!;
      at--;
    }
    ids[at] = id;
    scores[at] = score;
  }
}
