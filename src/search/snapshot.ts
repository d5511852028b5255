import { ENTITY_TYPES, type EntityType } from '../core/model/records';
import { SEARCH_RECORD_KINDS, type SearchRecordKind } from '../core/ports/search';
import { err, ok, type Result } from '../shared/result';
import { TOKENIZER_VERSION } from './tokenize';
import type { SearchDateRange, SearchDocument } from './types';

/**
 * The persisted form of an engine (engine.ts): a manifest (JSON) naming the format, the engine and
 * tokenizer versions, the case, every document with its metadata (not its text) and internal id,
 * the vocabulary, and each FlexSearch chunk's key, length and checksum. Reading it back checks
 * every field and every chunk before anything is imported: an index from another version is
 * `search.index.outdated`, a damaged one `search.index.damaged`, one of another case
 * `search.index.otherCase`; the caller rebuilds, never uses half of it.
 */

export const SNAPSHOT_FORMAT = 'casefile-search-index';
/** Bump whenever the manifest's shape or what the chunks hold changes. */
export const SNAPSHOT_FORMAT_VERSION = 1;
/** Pinned: FlexSearch's export format is not promised stable across versions. */
export const SNAPSHOT_ENGINE = 'flexsearch@0.8.212';

/** A document as the snapshot keeps it: metadata only (texts stay in the case database). */
export interface StoredDocument {
  readonly kind: SearchRecordKind;
  readonly id: string;
  readonly stamp: string;
  /** The id FlexSearch knows the document by. */
  readonly internalId: number;
  readonly title: string;
  readonly date?: SearchDateRange;
  readonly sourceId?: string;
  readonly entityIds?: readonly string[];
  readonly passageIds?: readonly string[];
  readonly entityType?: EntityType;
  readonly names?: readonly string[];
  readonly position?: { readonly start: number; readonly end: number };
}

export interface ChunkEntry {
  readonly key: string;
  readonly length: number;
  readonly checksum: string;
}

export interface SnapshotManifest {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly formatVersion: number;
  readonly engine: string;
  readonly tokenizerVersion: number;
  readonly caseId: string;
  /** The next internal id to hand out (greater than every document's). */
  readonly nextId: number;
  /** Internal ids FlexSearch still lists for replaced or removed documents (never results). */
  readonly tombstones: readonly number[];
  readonly documents: readonly StoredDocument[];
  /** Every indexed term with its document frequency. */
  readonly vocabulary: readonly (readonly [string, number])[];
  readonly chunks: readonly ChunkEntry[];
}

/** The parts of a snapshot an engine is rebuilt from, after every check passed. */
export interface CheckedSnapshot {
  readonly manifest: SnapshotManifest;
  /** Chunk key → data, in the manifest's order. */
  readonly chunks: readonly { readonly key: string; readonly data: string }[];
}

/** FNV-1a over UTF-16 code units: detects damage (truncation, bit rot), not tampering. */
export function checksum(data: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    hash ^= data.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function storedDocument(document: SearchDocument, internalId: number): StoredDocument {
  const stored: Record<string, unknown> = {
    kind: document.kind,
    id: document.id,
    stamp: document.stamp,
    internalId,
    title: document.title,
  };
  if (document.date !== undefined) stored.date = document.date;
  if (document.sourceId !== undefined) stored.sourceId = document.sourceId;
  if (document.entityIds !== undefined) stored.entityIds = document.entityIds;
  if (document.passageIds !== undefined) stored.passageIds = document.passageIds;
  if (document.entityType !== undefined) stored.entityType = document.entityType;
  if (document.names !== undefined) stored.names = document.names;
  if (document.position !== undefined) stored.position = document.position;
  return stored as unknown as StoredDocument;
}

/** The document an imported engine holds until its text is attached: metadata, empty text. */
export function documentFromStored(stored: StoredDocument): SearchDocument {
  const { internalId: _internalId, ...rest } = stored;
  return { ...rest, text: '' };
}

export function writeManifest(manifest: SnapshotManifest): string {
  return JSON.stringify(manifest);
}

/** Checks a stored snapshot completely; see the file comment for the error codes. */
export function checkSnapshot(
  snapshot: { readonly manifest: unknown; readonly chunks: unknown },
  caseId: string,
): Result<CheckedSnapshot> {
  let parsed: unknown;
  try {
    parsed = typeof snapshot.manifest === 'string' ? JSON.parse(snapshot.manifest) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) return outdated('its manifest could not be read');
  if (parsed.format !== SNAPSHOT_FORMAT) return outdated('it is not a Casefile search index');
  if (parsed.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    return outdated(`it has format version ${String(parsed.formatVersion)}`);
  }
  if (parsed.engine !== SNAPSHOT_ENGINE) {
    return outdated(`it was written by ${String(parsed.engine)}`);
  }
  if (parsed.tokenizerVersion !== TOKENIZER_VERSION) {
    return outdated(`it was tokenized by tokenizer version ${String(parsed.tokenizerVersion)}`);
  }
  if (typeof parsed.caseId !== 'string') return damaged('the manifest names no case');
  if (parsed.caseId !== caseId) {
    return err(
      'search.index.otherCase',
      `The saved search index belongs to another case (${parsed.caseId}), not ${caseId}.`,
    );
  }
  const nextId = parsed.nextId;
  if (!isNaturalNumber(nextId)) return damaged('the manifest has no valid next id');

  const documents = checkDocuments(parsed.documents, nextId);
  if (!documents.ok) return documents;
  const tombstones = checkTombstones(parsed.tombstones, nextId, documents.value);
  if (!tombstones.ok) return tombstones;
  const vocabulary = checkVocabulary(parsed.vocabulary);
  if (!vocabulary.ok) return vocabulary;
  const chunks = checkChunks(parsed.chunks, snapshot.chunks);
  if (!chunks.ok) return chunks;

  return ok({
    manifest: {
      format: SNAPSHOT_FORMAT,
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      engine: SNAPSHOT_ENGINE,
      tokenizerVersion: TOKENIZER_VERSION,
      caseId,
      nextId,
      tombstones: tombstones.value,
      documents: documents.value,
      vocabulary: vocabulary.value,
      chunks: chunks.value.entries,
    },
    chunks: chunks.value.data,
  });
}

export function damaged(why: string): Result<never> {
  return err('search.index.damaged', `The saved search index is damaged (${why}).`);
}

function outdated(why: string): Result<never> {
  return err(
    'search.index.outdated',
    `The saved search index cannot be used by this version of Casefile (${why}).`,
  );
}

function checkDocuments(value: unknown, nextId: number): Result<StoredDocument[]> {
  if (!Array.isArray(value)) return damaged('the document table is missing');
  const internalIds = new Set<number>();
  const keys = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    const problem = documentProblem(row, nextId);
    if (problem !== undefined) return damaged(`document ${i + 1}: ${problem}`);
    const document = row as StoredDocument;
    const key = `${document.kind}\u0000${document.id}`;
    if (internalIds.has(document.internalId) || keys.has(key)) {
      return damaged(`document ${i + 1} is listed twice`);
    }
    internalIds.add(document.internalId);
    keys.add(key);
  }
  return ok(value as StoredDocument[]);
}

function documentProblem(row: unknown, nextId: number): string | undefined {
  if (!isRecord(row)) return 'not an object';
  if (!(SEARCH_RECORD_KINDS as readonly unknown[]).includes(row.kind)) return 'unknown kind';
  if (typeof row.id !== 'string' || row.id === '') return 'no id';
  if (typeof row.stamp !== 'string') return 'no stamp';
  if (!isNaturalNumber(row.internalId) || row.internalId >= nextId) return 'bad internal id';
  if (typeof row.title !== 'string') return 'no title';
  if (row.date !== undefined) {
    if (!isRecord(row.date) || !isIsoDate(row.date.first) || !isIsoDate(row.date.last)) {
      return 'bad date';
    }
  }
  if (row.sourceId !== undefined && typeof row.sourceId !== 'string') return 'bad source id';
  if (row.entityIds !== undefined && !isStringArray(row.entityIds)) return 'bad entity ids';
  if (row.passageIds !== undefined && !isStringArray(row.passageIds)) return 'bad passage ids';
  if (row.names !== undefined && !isStringArray(row.names)) return 'bad names';
  if (row.entityType !== undefined && !isEntityType(row.entityType)) return 'bad entity type';
  if (row.position !== undefined) {
    const position = row.position;
    if (
      !isRecord(position) ||
      !isNaturalNumber(position.start) ||
      !isNaturalNumber(position.end) ||
      position.end < position.start
    ) {
      return 'bad position';
    }
  }
  return undefined;
}

function checkTombstones(
  value: unknown,
  nextId: number,
  documents: readonly StoredDocument[],
): Result<number[]> {
  if (!Array.isArray(value)) return damaged('the tombstone list is missing');
  const taken = new Set(documents.map((document) => document.internalId));
  for (const id of value as unknown[]) {
    if (!isNaturalNumber(id) || id >= nextId || taken.has(id)) {
      return damaged('a tombstone is malformed or belongs to a listed document');
    }
    taken.add(id);
  }
  return ok(value as number[]);
}

function checkVocabulary(value: unknown): Result<[string, number][]> {
  if (!Array.isArray(value)) return damaged('the vocabulary is missing');
  const seen = new Set<string>();
  for (const entry of value as unknown[]) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'string' ||
      entry[0] === '' ||
      !isNaturalNumber(entry[1]) ||
      entry[1] === 0 ||
      seen.has(entry[0])
    ) {
      return damaged('a vocabulary entry is malformed');
    }
    seen.add(entry[0]);
  }
  return ok(value as [string, number][]);
}

function checkChunks(
  listed: unknown,
  stored: unknown,
): Result<{ entries: ChunkEntry[]; data: { key: string; data: string }[] }> {
  if (!Array.isArray(listed)) return damaged('the chunk list is missing');
  if (!Array.isArray(stored)) return damaged('the chunks are missing');
  const byKey = new Map<string, string>();
  for (const chunk of stored as unknown[]) {
    if (!isRecord(chunk) || typeof chunk.key !== 'string' || typeof chunk.data !== 'string') {
      return damaged('a stored chunk is malformed');
    }
    if (byKey.has(chunk.key)) return damaged(`chunk ${chunk.key} is stored twice`);
    byKey.set(chunk.key, chunk.data);
  }
  const entries: ChunkEntry[] = [];
  const data: { key: string; data: string }[] = [];
  for (const entry of listed as unknown[]) {
    if (
      !isRecord(entry) ||
      typeof entry.key !== 'string' ||
      !isNaturalNumber(entry.length) ||
      typeof entry.checksum !== 'string'
    ) {
      return damaged('a chunk entry of the manifest is malformed');
    }
    const chunk = byKey.get(entry.key);
    if (chunk === undefined) return damaged(`chunk ${entry.key} is missing`);
    if (chunk.length !== entry.length) return damaged(`chunk ${entry.key} has the wrong length`);
    if (checksum(chunk) !== entry.checksum)
      return damaged(`checksum mismatch in chunk ${entry.key}`);
    byKey.delete(entry.key);
    entries.push({ key: entry.key, length: entry.length, checksum: entry.checksum });
    data.push({ key: entry.key, data: chunk });
  }
  if (byKey.size > 0) return damaged(`chunk ${[...byKey.keys()][0]} is not in the manifest`);
  return ok({ entries, data });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNaturalNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: unknown): boolean {
  return typeof value === 'string' && ISO_DATE.test(value);
}

function isEntityType(value: unknown): value is EntityType {
  if (typeof value !== 'string') return false;
  return (
    (ENTITY_TYPES as readonly string[]).includes(value) ||
    (value.startsWith('custom:') && value.length > 'custom:'.length)
  );
}
