import Dexie from 'dexie';
import type { CaseRegistryRecord, CaseRegistryStore, RegisteredCase } from '../core/ports/registry';
import { ok, type Result } from '../shared/result';
import { failure } from './failure';
import { CURRENT_SCHEMA_VERSION, type CasefileDatabase } from './schema';

/**
 * The case registry (issue 11, storage faults): a small record of what the case database should
 * hold, kept by the host outside IndexedDB. At start the database is compared with it; a database
 * that was wiped, recreated or swapped while the app was closed then shows the recovery screen
 * (src/features/recovery) instead of an empty app. See src/db/README.md ("Case registry").
 */

/** `meta` key of the database's random id, also written into the registry. */
export const DATABASE_ID_KEY = 'databaseId';

/** Waits this long after the last committed write before rewriting the registry. */
export const REGISTRY_UPDATE_DELAY_MS = 1_000;

export async function readDatabaseId(db: CasefileDatabase): Promise<string | undefined> {
  if (!db.hasTable('meta')) return undefined;
  const value = (await db.meta.get(DATABASE_ID_KEY))?.value;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The database's id, created on first use (re-read inside the transaction: another window may race). */
export async function ensureDatabaseId(
  db: CasefileDatabase,
  newId: () => string = () => globalThis.crypto.randomUUID(),
): Promise<Result<string>> {
  const existing = await readDatabaseId(db);
  if (existing !== undefined) return ok(existing);
  try {
    return ok(
      await db.transaction('rw', db.meta, async () => {
        const raced = (await db.meta.get(DATABASE_ID_KEY))?.value;
        if (typeof raced === 'string' && raced.length > 0) return raced;
        const id = newId();
        await db.meta.put({ key: DATABASE_ID_KEY, value: id });
        return id;
      }),
    );
  } catch (error) {
    return failure(error, 'mark the case database');
  }
}

/** What the database holds now, as a registry record (reads only). */
export async function snapshotRegistry(
  db: CasefileDatabase,
  databaseId: string,
  now: () => string = () => new Date().toISOString(),
): Promise<CaseRegistryRecord> {
  return db.transaction(
    'r',
    [db.cases, db.sources, db.passages, db.entities, db.claims, db.notes],
    async () => {
      const cases = await db.cases.toArray();
      const registered: RegisteredCase[] = [];
      for (const entry of cases) {
        const count = (table: Dexie.Table) => table.where('caseId').equals(entry.id).count();
        const [sources, passages, entities, claims, notes] = await Promise.all([
          count(db.sources),
          count(db.passages),
          count(db.entities),
          count(db.claims),
          count(db.notes),
        ]);
        registered.push({
          id: entry.id,
          title: entry.title,
          updatedAt: entry.updatedAt,
          counts: { sources, passages, entities, claims, notes },
        });
      }
      return {
        version: 1,
        databaseId,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        updatedAt: now(),
        cases: registered.sort(
          (a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
        ),
      };
    },
  );
}

/** Why the database does not match the registry. */
export type RegistryMismatch =
  /** The database has no id: it was deleted (and created empty again) or never had one. */
  | 'database-missing'
  /** The database has another id: it was replaced by another database. */
  | 'database-replaced'
  /** The database could not be opened at all (corrupt files, a failing disk). */
  | 'database-unreadable';

export type RegistryCheck =
  | { readonly kind: 'ok' }
  /** No registry yet (first start, or an app from before the registry): nothing to compare. */
  | { readonly kind: 'no-registry' }
  /** The registry itself could not be read; the app starts and rewrites it. */
  | { readonly kind: 'registry-unreadable'; readonly message: string }
  | {
      readonly kind: 'mismatch';
      readonly reason: RegistryMismatch;
      /** Cases the registry lists that the database does not hold. */
      readonly missing: readonly RegisteredCase[];
      /** When the registry was last written: the last time the database was seen whole. */
      readonly lastSeen: string;
      /** Detail of why the database could not be opened (reason `database-unreadable`). */
      readonly detail?: string;
    };

/**
 * Compares the database with the registry. Cases missing from the SAME database (same id) were
 * deleted in the app, so only a missing or different database id counts as data lost.
 */
export async function checkAgainstRegistry(
  db: CasefileDatabase,
  registry: CaseRegistryStore,
): Promise<RegistryCheck> {
  const record = await registry.read();
  if (!record.ok) return { kind: 'registry-unreadable', message: record.error.message };
  if (record.value === undefined) return { kind: 'no-registry' };
  const databaseId = await readDatabaseId(db);
  if (databaseId === record.value.databaseId) return { kind: 'ok' };
  const present = new Set<string>(await db.cases.toCollection().primaryKeys());
  const missing = record.value.cases.filter((entry) => !present.has(entry.id));
  if (missing.length === 0) return { kind: 'ok' };
  return {
    kind: 'mismatch',
    reason: databaseId === undefined ? 'database-missing' : 'database-replaced',
    missing,
    lastSeen: record.value.updatedAt,
  };
}

/** The check when the database could not be opened: every registered case is missing. */
export async function checkUnreadableDatabase(
  registry: CaseRegistryStore,
  detail: string,
): Promise<RegistryCheck> {
  const record = await registry.read();
  if (!record.ok) return { kind: 'registry-unreadable', message: record.error.message };
  return {
    kind: 'mismatch',
    reason: 'database-unreadable',
    missing: record.value?.cases ?? [],
    lastSeen: record.value?.updatedAt ?? '',
    detail,
  };
}

export interface RegistryUpdater {
  /** Writes the registry now (pending changes included). */
  flush(): Promise<Result<true>>;
  /** Stops listening; a pending update is dropped (call flush first to keep it). */
  stop(): void;
}

/**
 * Keeps the registry in step with the database: rewritten REGISTRY_UPDATE_DELAY_MS after the last
 * committed write to this database (Dexie's `storagemutated`, fired on commit, in this window and
 * others), and once at start. Cheap: a snapshot reads the case list and index counts only.
 */
export function startRegistryUpdates(
  db: CasefileDatabase,
  registry: CaseRegistryStore,
  options: {
    readonly delayMs?: number;
    readonly now?: () => string;
    readonly newId?: () => string;
    /** Told when a write fails (the app logs it; the next write tries again). */
    readonly onError?: (message: string) => void;
  } = {},
): RegistryUpdater {
  const delayMs = options.delayMs ?? REGISTRY_UPDATE_DELAY_MS;
  const prefix = `idb://${db.name}/`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<Result<true>> = Promise.resolve(ok(true));

  const write = async (): Promise<Result<true>> => {
    try {
      const id = await ensureDatabaseId(db, options.newId);
      if (!id.ok) return id;
      const written = await registry.write(await snapshotRegistry(db, id.value, options.now));
      if (!written.ok) options.onError?.(written.error.message);
      return written;
    } catch (error) {
      const result = failure(error, 'update the case registry');
      if (!result.ok) options.onError?.(result.error.message);
      return result;
    }
  };
  // One write at a time, in order.
  const flush = (): Promise<Result<true>> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    running = running.then(write, write);
    return running;
  };
  const onMutated = (parts: Record<string, unknown>): void => {
    if (stopped || !Object.keys(parts).some((key) => key.startsWith(prefix))) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  };
  Dexie.on.storagemutated.subscribe(onMutated);
  void flush();
  return {
    flush,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      Dexie.on.storagemutated.unsubscribe(onMutated);
    },
  };
}
