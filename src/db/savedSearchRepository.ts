import { asSavedSearchId, type CaseId, type SavedSearchId } from '../core/model/ids';
import type { SavedSearch } from '../core/model/records';
import {
  MAX_SAVED_SEARCH_NAME_LENGTH,
  MAX_SEARCH_QUERY_LENGTH,
  type SavedSearchRepository,
} from '../core/ports/search';
import { AppErrorException, err, ok, type Result } from '../shared/result';
import {
  guardedWrite,
  recordEvent,
  requireCase,
  rowsWhere,
  type RepositoryOptions,
} from './repositorySupport';
import type { CasefileDatabase } from './schema';

export type SavedSearchRepositoryOptions = RepositoryOptions;

/** Longest saved query: the search language's own cap (core's MAX_SEARCH_QUERY_LENGTH). */
export const MAX_SAVED_SEARCH_QUERY_LENGTH = MAX_SEARCH_QUERY_LENGTH;

function savedSearchNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'savedSearch.notFound',
    `There is no saved search with id ${id}; it may have been deleted.`,
  );
}

/** Thrown inside a transaction when the name is taken (found only once the case's rows are read). */
function nameTaken(name: string): AppErrorException {
  return new AppErrorException(
    'savedSearch.invalid',
    `A saved search named “${name}” already exists in this case. Choose another name.`,
  );
}

/** Names compare without case or accents: "Kim Jong" and "kím jong" are one name. */
function nameKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function validateName(name: unknown): Result<string> {
  if (typeof name !== 'string' || name.trim() === '') {
    return err('savedSearch.invalid', 'Give the saved search a name.');
  }
  const trimmed = name.trim();
  if (trimmed.length > MAX_SAVED_SEARCH_NAME_LENGTH) {
    return err(
      'savedSearch.invalid',
      `The name is ${trimmed.length} characters long; at most ${MAX_SAVED_SEARCH_NAME_LENGTH} are allowed.`,
    );
  }
  return ok(trimmed);
}

function validateQuery(query: unknown): Result<string> {
  if (typeof query !== 'string' || query.trim() === '') {
    return err('savedSearch.invalid', 'There is nothing to save: the search is empty.');
  }
  const trimmed = query.trim();
  if (trimmed.length > MAX_SAVED_SEARCH_QUERY_LENGTH) {
    return err(
      'savedSearch.invalid',
      `The search is ${trimmed.length} characters long; at most ${MAX_SAVED_SEARCH_QUERY_LENGTH} can be saved.`,
    );
  }
  return ok(trimmed);
}

/** Most recently run or changed first; ties by name, then id, so lists are stable. */
function newestFirst(a: SavedSearch, b: SavedSearch): number {
  return (
    b.updatedAt.localeCompare(a.updatedAt) ||
    a.name.localeCompare(b.name) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * SavedSearchRepository over Dexie: named queries of a case. Only the text is stored, never
 * results, so a saved search always runs against the case as it is now. Running one (`touch`)
 * moves it to the top of the list without an audit event: running a search changes no evidence.
 */
export function createSavedSearchRepository(
  db: CasefileDatabase,
  options: SavedSearchRepositoryOptions,
): SavedSearchRepository {
  const { mode, now, newId } = options;

  /** Throws when another saved search of the case already has this name (inside a transaction). */
  async function requireFreeName(caseId: CaseId, name: string, except?: SavedSearchId) {
    const key = nameKey(name);
    const rows = await rowsWhere(db.savedSearches, 'caseId', caseId);
    if (rows.some((row) => row.id !== except && nameKey(row.name) === key)) throw nameTaken(name);
  }

  return {
    async list(caseId) {
      if (!db.hasTable('savedSearches')) return [];
      return (await rowsWhere(db.savedSearches, 'caseId', caseId)).sort(newestFirst);
    },

    async get(id) {
      if (!db.hasTable('savedSearches')) return undefined;
      return db.savedSearches.get(id);
    },

    async create(caseId, input) {
      return guardedWrite(mode, 'save the search', async () => {
        const name = validateName(input?.name);
        if (!name.ok) return name;
        const query = validateQuery(input?.query);
        if (!query.ok) return query;
        const tables = [db.cases, db.savedSearches, db.audit];
        const saved = await db.transaction('rw', tables, async () => {
          await requireCase(db, caseId);
          await requireFreeName(caseId, name.value);
          const at = now();
          const record: SavedSearch = {
            id: asSavedSearchId(newId()),
            caseId,
            createdAt: at,
            updatedAt: at,
            name: name.value,
            query: query.value,
          };
          await db.savedSearches.add(record);
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'savedSearch.created',
            subject: record.id,
            detail: { savedSearchId: record.id, name: record.name, query: record.query },
          });
          return record;
        });
        return ok(saved);
      });
    },

    async update(id, changes) {
      return guardedWrite(mode, 'save the search', async () => {
        const name = changes?.name === undefined ? undefined : validateName(changes.name);
        if (name && !name.ok) return name;
        const query = changes?.query === undefined ? undefined : validateQuery(changes.query);
        if (query && !query.ok) return query;
        const tables = [db.savedSearches, db.audit];
        const saved = await db.transaction('rw', tables, async () => {
          const current = await db.savedSearches.get(id);
          if (!current) throw savedSearchNotFound(id);
          const next = {
            ...current,
            ...(name ? { name: name.value } : {}),
            ...(query ? { query: query.value } : {}),
          };
          const fields = (['name', 'query'] as const).filter((f) => next[f] !== current[f]);
          // Saving without changes writes nothing: no new updatedAt, no empty audit event.
          if (fields.length === 0) return current;
          if (next.name !== current.name) await requireFreeName(current.caseId, next.name, id);
          const updated: SavedSearch = { ...next, updatedAt: now() };
          await db.savedSearches.put(updated);
          await recordEvent(db, options, {
            caseId: current.caseId,
            at: updated.updatedAt,
            action: 'savedSearch.updated',
            subject: id,
            detail: {
              savedSearchId: id,
              fields,
              name: updated.name,
              query: updated.query,
              ...(fields.includes('name') ? { previousName: current.name } : {}),
            },
          });
          return updated;
        });
        return ok(saved);
      });
    },

    async touch(id) {
      return guardedWrite(mode, 'save the search', async () => {
        const touched = await db.transaction('rw', [db.savedSearches], async () => {
          const current = await db.savedSearches.get(id);
          if (!current) throw savedSearchNotFound(id);
          const next: SavedSearch = { ...current, updatedAt: now() };
          await db.savedSearches.put(next);
          return next;
        });
        return ok(touched);
      });
    },

    async delete(id) {
      return guardedWrite(mode, 'delete the saved search', async () => {
        await db.transaction('rw', [db.savedSearches, db.audit], async () => {
          const current = await db.savedSearches.get(id);
          if (!current) throw savedSearchNotFound(id);
          await db.savedSearches.delete(id);
          await recordEvent(db, options, {
            caseId: current.caseId,
            at: now(),
            action: 'savedSearch.deleted',
            subject: id,
            detail: { savedSearchId: id, name: current.name },
          });
        });
        return ok(undefined);
      });
    },
  };
}
