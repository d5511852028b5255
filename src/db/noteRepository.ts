import { asNoteId, type CaseId, type NoteId, type SourceId } from '../core/model/ids';
import {
  DEFAULT_NOTE_TITLE,
  duplicateNoteTitle,
  emptyNoteDocument,
  noteReferences,
  noteTitleMatches,
  serializeNoteDocument,
  validateNoteTitle,
  type NoteDocument,
  type NoteReferences,
} from '../core/model/note';
import type { Note, NoteContent, SourceStructure } from '../core/model/records';
import type { NoteRepository, NoteSummary } from '../core/ports/repositories';
import { AppErrorException, ok, type Result } from '../shared/result';
import { sha256Hex } from './hash';
import {
  guardedWrite,
  recordEvent,
  requireCase,
  rowsWhere,
  type RepositoryOptions,
} from './repositorySupport';
import type { CasefileDatabase, NoteRow } from './schema';

export interface NoteRepositoryOptions extends RepositoryOptions {
  /**
   * Least time between two `note.edited` audit events of one note (default ten minutes):
   * autosave writes every few seconds while the investigator types, and each audit event is a
   * permanent link of the case's hash chain.
   */
  readonly editedEventIntervalMs?: number;
}

const EDITED_EVENT_INTERVAL_MS = 10 * 60 * 1000;

type ReferenceIndex = 'entityIds' | 'passageIds' | 'claimIds';

function noteNotFound(id: string): AppErrorException {
  return new AppErrorException(
    'note.notFound',
    `There is no note with id ${id}; it may have been deleted.`,
  );
}

/** Most recently updated first; ties (same millisecond) by title, then id, so lists are stable. */
function newestFirst(a: NoteSummary, b: NoteSummary): number {
  return (
    b.updatedAt.localeCompare(a.updatedAt) ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * A note without its content: what `notes` stores and lists return. Reference lists a damaged
 * row lacks read as empty.
 */
function summaryOf(row: NoteRow): NoteSummary {
  const { editorState: _content, ...summary } = row as NoteRow & { editorState?: unknown };
  return {
    ...summary,
    entityIds: Array.isArray(row.entityIds) ? row.entityIds : [],
    passageIds: Array.isArray(row.passageIds) ? row.passageIds : [],
    claimIds: Array.isArray(row.claimIds) ? row.claimIds : [],
  };
}

/**
 * What a note reads as when its content row is missing (a damaged database): empty text, which
 * parseNoteDocument refuses as missing content. Nothing is invented, and saving writes it anew.
 */
const MISSING_CONTENT = '';

/** The note a repository returns: its row joined with its content. */
function joined(row: NoteRow, content: NoteContent | undefined): Note {
  return { ...summaryOf(row), editorState: content ? content.editorState : MISSING_CONTENT };
}

/** The content row of a note, dated like its note. */
function contentOf(note: Note): NoteContent {
  return {
    id: note.id,
    caseId: note.caseId,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    editorState: note.editorState,
  };
}

function sameReferences(note: NoteSummary, references: NoteReferences): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[]) =>
    Array.isArray(a) && a.length === b.length && a.every((id, index) => id === b[index]);
  return (
    same(note.entityIds, references.entityIds) &&
    same(note.passageIds, references.passageIds) &&
    same(note.claimIds, references.claimIds)
  );
}

/**
 * NoteRepository over Dexie. A notes row holds a note's metadata and the references derived from
 * its content, indexed multi-entry for backlinks; the content itself (JSON text, a NoteDocument)
 * is a noteContents row under the same id, so that lists and backlinks never read it. A write that
 * changes both does so in one transaction.
 */
export function createNoteRepository(
  db: CasefileDatabase,
  options: NoteRepositoryOptions,
): NoteRepository {
  const { mode, now, newId } = options;
  const editedInterval = options.editedEventIntervalMs ?? EDITED_EVENT_INTERVAL_MS;
  /** When this repository last recorded `note.edited` for each note (ms since the epoch). */
  const lastEditedEvent = new Map<NoteId, number>();

  /** Notes whose reference list contains `id`: through the multi-entry index, else a scan. */
  async function referring(index: ReferenceIndex, id: string): Promise<readonly NoteSummary[]> {
    if (!db.hasTable('notes')) return [];
    const rows = db.notes.schema.idxByName[index]
      ? await db.notes.where(index).equals(id).toArray()
      : await db.notes
          .filter((row) => {
            const ids: unknown = row[index];
            return Array.isArray(ids) && ids.includes(id);
          })
          .toArray();
    return rows.map(summaryOf).sort(newestFirst);
  }

  return {
    async referenceRecords(caseId: CaseId) {
      return db.transaction(
        'r',
        [db.entities, db.sources, db.passages, db.sourceContents],
        async () => {
          const [entities, sources, passages] = await Promise.all([
            db.entities.where('caseId').equals(caseId).toArray(),
            db.sources.where('caseId').equals(caseId).toArray(),
            db.passages.where('caseId').equals(caseId).toArray(),
          ]);
          // Page boundaries only for paged sources that have passages: texts stay unread.
          const paged = new Set(sources.filter((s) => s.kind === 'pdf').map((s) => s.id));
          const withPassages = [...new Set(passages.map((p) => p.sourceId))].filter((id) =>
            paged.has(id),
          );
          const structures = new Map<SourceId, SourceStructure>();
          for (const content of await db.sourceContents.bulkGet(withPassages)) {
            if (content?.structure.pages) structures.set(content.id, content.structure);
          }
          return {
            entities,
            sources: sources.map(({ id, title, reliability }) => ({ id, title, reliability })),
            passages,
            structures,
          };
        },
      );
    },

    async list(caseId: CaseId, listOptions = {}) {
      if (!db.hasTable('notes')) return [];
      const query = listOptions.titleQuery ?? '';
      return (await rowsWhere(db.notes, 'caseId', caseId))
        .filter((note) => noteTitleMatches(note.title, query))
        .map(summaryOf)
        .sort(newestFirst);
    },

    async get(id) {
      if (!db.hasTable('notes')) return undefined;
      const hasContents = db.hasTable('noteContents');
      // One read-only transaction: the row and its content are read as one consistent pair.
      const tables = hasContents ? [db.notes, db.noteContents] : [db.notes];
      return db.transaction('r', tables, async () => {
        const row = await db.notes.get(id);
        if (!row) return undefined;
        return joined(row, hasContents ? await db.noteContents.get(id) : undefined);
      });
    },

    async create(caseId, input = {}) {
      return guardedWrite(mode, 'create the note', async () => {
        const title =
          input.title === undefined ? ok(DEFAULT_NOTE_TITLE) : validateNoteTitle(input.title);
        if (!title.ok) return title;
        const document = input.document ?? emptyNoteDocument();
        const content = serializeNoteDocument(document);
        if (!content.ok) return content;
        const references = noteReferences(document);
        const tables = [db.cases, db.notes, db.noteContents, db.audit];
        const note = await db.transaction('rw', tables, async () => {
          await requireCase(db, caseId);
          const at = now();
          const record: Note = {
            id: asNoteId(newId()),
            caseId,
            createdAt: at,
            updatedAt: at,
            title: title.value,
            editorState: content.value,
            entityIds: [...references.entityIds],
            passageIds: [...references.passageIds],
            claimIds: [...references.claimIds],
          };
          await db.notes.add(summaryOf(record));
          await db.noteContents.add(contentOf(record));
          await recordEvent(db, options, {
            caseId,
            at,
            action: 'note.created',
            subject: record.id,
            detail: { noteId: record.id, title: record.title },
          });
          return record;
        });
        return ok(note);
      });
    },

    async rename(id, title) {
      return guardedWrite(mode, 'rename the note', async () => {
        const valid = validateNoteTitle(title);
        if (!valid.ok) return valid;
        const tables = [db.notes, db.noteContents, db.audit];
        const note = await db.transaction('rw', tables, async () => {
          const row = await db.notes.get(id);
          if (!row) throw noteNotFound(id);
          const current = joined(row, await db.noteContents.get(id));
          // The same title writes nothing: no new updatedAt, no empty audit event.
          if (current.title === valid.value) return current;
          const next: Note = { ...current, title: valid.value, updatedAt: now() };
          // Only the notes row: the content is unchanged (its updatedAt follows content saves).
          await db.notes.put(summaryOf(next));
          await recordEvent(db, options, {
            caseId: current.caseId,
            at: next.updatedAt,
            action: 'note.renamed',
            subject: id,
            detail: { noteId: id, title: next.title, previousTitle: current.title },
          });
          return next;
        });
        return ok(note);
      });
    },

    async duplicate(id) {
      return guardedWrite(mode, 'duplicate the note', async () => {
        const tables = [db.notes, db.noteContents, db.audit];
        const copy = await db.transaction('rw', tables, async () => {
          const row = await db.notes.get(id);
          if (!row) throw noteNotFound(id);
          const stored = await db.noteContents.get(id);
          const original = joined(row, stored);
          const at = now();
          const record: Note = {
            ...original,
            id: asNoteId(newId()),
            createdAt: at,
            updatedAt: at,
            title: duplicateNoteTitle(original.title),
          };
          await db.notes.add(summaryOf(record));
          // A note whose content is missing is copied as it is: without content.
          if (stored) await db.noteContents.add(contentOf(record));
          await recordEvent(db, options, {
            caseId: record.caseId,
            at,
            action: 'note.duplicated',
            subject: record.id,
            detail: { noteId: record.id, title: record.title, fromNoteId: original.id },
          });
          return record;
        });
        return ok(copy);
      });
    },

    async saveContent(id, document: NoteDocument) {
      return guardedWrite(mode, 'save the note', async (): Promise<Result<Note>> => {
        const content = serializeNoteDocument(document);
        if (!content.ok) return content;
        const references = noteReferences(document);
        const at = now();
        const atMs = Date.parse(at);
        const last = lastEditedEvent.get(id);
        const eventDue = last === undefined || !(atMs - last < editedInterval);
        // Hashed before the transaction: Web Crypto is not an IndexedDB request, and only when an
        // event is due, so ordinary autosaves of a large note do not pay for it.
        const contentSha256 = eventDue ? await sha256Hex(content.value) : undefined;
        const tables = [db.notes, db.noteContents, db.audit];
        const saved = await db.transaction('rw', tables, async () => {
          const row = await db.notes.get(id);
          if (!row) throw noteNotFound(id);
          const stored = await db.noteContents.get(id);
          const current = joined(row, stored);
          // Saving what is stored writes nothing (a flush after an autosave, say).
          if (stored?.editorState === content.value && sameReferences(current, references)) {
            return { note: current, recorded: false };
          }
          const next: Note = {
            ...current,
            editorState: content.value,
            entityIds: [...references.entityIds],
            passageIds: [...references.passageIds],
            claimIds: [...references.claimIds],
            updatedAt: at,
          };
          await db.notes.put(summaryOf(next));
          // put, not update: a note whose content row was lost gets it back.
          await db.noteContents.put(contentOf(next));
          if (contentSha256 !== undefined) {
            await recordEvent(db, options, {
              caseId: current.caseId,
              at,
              action: 'note.edited',
              subject: id,
              detail: {
                noteId: id,
                sha256: contentSha256,
                length: content.value.length,
                entities: references.entityIds.length,
                passages: references.passageIds.length,
                claims: references.claimIds.length,
              },
            });
          }
          return { note: next, recorded: contentSha256 !== undefined };
        });
        // Only once the transaction committed: a failed save must not silence the next event.
        if (saved.recorded) lastEditedEvent.set(id, Number.isNaN(atMs) ? 0 : atMs);
        return ok(saved.note);
      });
    },

    async delete(id) {
      return guardedWrite(mode, 'delete the note', async () => {
        await db.transaction('rw', [db.notes, db.noteContents, db.audit], async () => {
          const note = await db.notes.get(id);
          if (!note) throw noteNotFound(id);
          await db.notes.delete(id);
          await db.noteContents.delete(id);
          await recordEvent(db, options, {
            caseId: note.caseId,
            at: now(),
            action: 'note.deleted',
            subject: id,
            detail: { noteId: id, title: note.title },
          });
        });
        lastEditedEvent.delete(id);
        return ok(undefined);
      });
    },

    mentioning(entityId) {
      return referring('entityIds', entityId);
    },

    quoting(passageId) {
      return referring('passageIds', passageId);
    },

    embedding(claimId) {
      return referring('claimIds', claimId);
    },
  };
}
