import { afterEach, expect } from 'vitest';
import Dexie from 'dexie';
import {
  openCasefileStorage,
  type CasefileStorage,
  type OpenCasefileStorageOptions,
} from '../../../src/db/open';
import {
  DATA_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  SCHEMA_VERSIONS,
  type StoresSpec,
} from '../../../src/db/schema';
import type { SourceDraft } from '../../../src/core/ingest/draft';
import type { CaseId, SourceId } from '../../../src/core/model/ids';
import type { Source } from '../../../src/core/model/records';
import { aSourceDraft, sha256Of } from '../../fixtures/builders';

/** A database name no other test uses: fake-indexeddb is shared within a test file. */
export function freshDbName(): string {
  return `casefile-test-${globalThis.crypto.randomUUID()}`;
}

/** A clock that ticks one second per call, so ordering by updatedAt is deterministic. */
export function tickingClock(start = Date.UTC(2026, 0, 1, 9)): () => string {
  let tick = 0;
  return () => new Date(start + 1000 * tick++).toISOString();
}

export function openTestStorage(
  name: string,
  options: OpenCasefileStorageOptions = {},
): Promise<CasefileStorage> {
  return openCasefileStorage({ name, now: tickingClock(), requestPersistence: false, ...options });
}

export function storesOf(version: number): StoresSpec {
  const entry = SCHEMA_VERSIONS.find((candidate) => candidate.version === version);
  if (!entry) throw new Error(`No schema version ${version} in SCHEMA_VERSIONS`);
  return entry.stores;
}

/** Opens `name` with plain Dexie at `version` with `stores` (creating it), runs `fill`, closes. */
export async function withRawDexie(
  name: string,
  version: number,
  stores: StoresSpec,
  fill: (db: Dexie) => Promise<unknown>,
): Promise<void> {
  const db = new Dexie(name);
  db.version(version).stores({ ...stores });
  try {
    await db.open();
    await fill(db);
  } finally {
    db.close();
  }
}

export interface DatabaseDump {
  readonly nativeVersion: number;
  /** Rows of each table as canonical values: keys sorted, bytes as `{ $hex }`, rows sorted. */
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
  /** The same as canonical JSON text (one value per line, so a failing comparison reads well). */
  readonly json: string;
}

/**
 * Everything stored, canonically: tables by name, rows sorted, object keys sorted, bytes
 * (Uint8Array, ArrayBuffer, Blob) as hex, so two dumps are equal exactly when the stored data is
 * ("byte-for-byte unchanged"). Given a name, the database is read with plain Dexie as-is (no schema
 * declared, nothing upgraded); given an open connection (e.g. `storage.db`), through it.
 */
export async function dumpDatabase(database: string | Dexie): Promise<DatabaseDump> {
  const db = typeof database === 'string' ? new Dexie(database) : database;
  if (typeof database === 'string') await db.open();
  try {
    const tables: Record<string, unknown[]> = {};
    for (const table of [...db.tables].sort((a, b) => compareText(a.name, b.name))) {
      const rows = await Promise.all((await table.toArray()).map(canonicalValue));
      tables[table.name] = rows
        .map((row) => ({ row, text: JSON.stringify(row) }))
        .sort((a, b) => compareText(a.text, b.text))
        .map(({ row }) => row);
    }
    const nativeVersion = db.backendDB().version;
    return { nativeVersion, tables, json: JSON.stringify({ nativeVersion, tables }, null, 1) };
  } finally {
    if (typeof database === 'string') db.close();
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A JSON-ready copy of a stored value with sorted keys and bytes as hex. */
async function canonicalValue(value: unknown): Promise<unknown> {
  if (value instanceof Uint8Array) return { $hex: hexOf(value) };
  if (ArrayBuffer.isView(value)) {
    return { $hex: hexOf(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (value instanceof ArrayBuffer) return { $hex: hexOf(new Uint8Array(value)) };
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return { $blob: value.type, $hex: hexOf(new Uint8Array(await value.arrayBuffer())) };
  }
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value === undefined) return { $undefined: true };
  if (Array.isArray(value)) return Promise.all(value.map(canonicalValue));
  if (value instanceof Map) {
    const entries = await Promise.all(
      [...value.entries()].map(async ([k, v]) => [
        await canonicalValue(k),
        await canonicalValue(v),
      ]),
    );
    return { $map: entries };
  }
  if (typeof value === 'object' && value !== null) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareText)) {
      sorted[key] = await canonicalValue((value as Record<string, unknown>)[key]);
    }
    return sorted;
  }
  return value;
}

/** Row count of every table, by name. */
export async function countRows(storage: CasefileStorage): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of storage.db.tables) counts[table.name] = await table.count();
  return counts;
}

/** Runs a write the test expects to be refused with `code`, and checks it wrote nothing. */
export async function expectRefused(
  s: CasefileStorage,
  action: () => Promise<{ ok: boolean }>,
  code: string,
): Promise<void> {
  const before = await countRows(s);
  const result = await action();
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(await countRows(s), 'nothing was written').toEqual(before);
}

/** Opens test databases on demand and closes every one of them after each test. */
export function closingStorages(): (
  name?: string,
  options?: Parameters<typeof openTestStorage>[1],
) => Promise<CasefileStorage> {
  let open: CasefileStorage[] = [];
  afterEach(() => {
    for (const s of open) s.close();
    open = [];
  });
  return async (name = freshDbName(), options) => {
    const s = await openTestStorage(name, options);
    open.push(s);
    return s;
  };
}

/** The value of a Result the test expects to succeed. */
export function value<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string } },
): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

/** A case created through the repository; returns its id. */
export async function newCase(storage: CasefileStorage, title = 'Harbour fuel diversion') {
  return value(await storage.cases.create({ title })).id;
}

/** Imports `text` as a source of the case (bytes = the text), through the repository. */
export async function addSource(
  storage: CasefileStorage,
  caseId: CaseId,
  text: string,
  draft: Partial<SourceDraft> = {},
): Promise<Source> {
  const bytes = new TextEncoder().encode(`${text}\u0000${globalThis.crypto.randomUUID()}`);
  return value(
    await storage.sources.import(caseId, {
      draft: aSourceDraft({ text, ...draft }),
      bytes,
      sha256: sha256Of(bytes),
    }),
  );
}

/** A fresh database with one case and one source of `text` in it, through the repositories. */
export async function caseWithSource(
  open: () => Promise<CasefileStorage>,
  text: string,
  draft: Partial<SourceDraft> = {},
): Promise<{ s: CasefileStorage; caseId: CaseId; source: Source }> {
  const s = await open();
  const caseId = await newCase(s);
  const source = await addSource(s, caseId, text, draft);
  return { s, caseId, source };
}

/** Replaces a source's stored text directly, as a re-extraction would. */
export async function setSourceText(
  storage: CasefileStorage,
  sourceId: SourceId,
  text: string,
): Promise<void> {
  await storage.db.sourceContents.update(sourceId, { text });
}

/** The offsets of the `nth` (0-based) occurrence of `quote` in `text`: a selection of it. */
export function rangeOf(text: string, quote: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i += 1) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`"${quote}" occurs fewer than ${nth + 1} times`);
  }
  return { start: at, end: at + quote.length };
}

/** Marks the database as written by a newer app (format + 1) and reopens it: read-only. */
export async function reopenReadOnly(
  storage: CasefileStorage,
  open: (name: string) => Promise<CasefileStorage>,
): Promise<CasefileStorage> {
  const name = storage.db.name;
  await storage.db.meta.put({ key: FORMAT_VERSION_KEY, value: DATA_FORMAT_VERSION + 1 });
  storage.close();
  return open(name);
}
