import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import {
  evidenceQuoteJson,
  type CaseId,
  type ClaimId,
  type EntityId,
  type PassageId,
  type SourceId,
} from '../../core';
import type { MentionTarget, NoteReferenceResolver } from '../../editor';
import { err, ok } from '../../shared/result';
import { useStorage, useStorageQuery, type QueryState } from '../storage';
import {
  buildCaseReferences,
  readCaseRecords,
  searchEntities,
  type CaseReferences,
} from './caseReferences';

/** Where the evidence-aware nodes send the investigator. */
export interface NoteNavigation {
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
}

export interface NoteResolverState {
  readonly resolver: NoteReferenceResolver;
  /** The case's references once read (for the Insert panel). */
  readonly references: QueryState<CaseReferences>;
}

/**
 * The editor's view of the case: one read of entities, passages and claims per storage revision
 * (so a rename elsewhere shows in every chip after `changed()`), answered synchronously from maps.
 * Lookups answer `undefined` until the first read is in, then `'missing'` for what is not there.
 */
export function useNoteResolver(
  caseId: CaseId,
  navigation: NoteNavigation,
  /** Reads nothing until a note is open (the list alone needs none of it). */
  enabled: boolean,
): NoteResolverState {
  const { storage, changed } = useStorage();
  const read = useStorageQuery(
    async (s) => (enabled ? buildCaseReferences(await readCaseRecords(s, caseId)) : undefined),
    [caseId, enabled],
  );
  const references = useMemo(
    (): QueryState<CaseReferences> =>
      read.status === 'ready'
        ? read.value
          ? { status: 'ready', value: read.value }
          : { status: 'loading' }
        : read,
    [read],
  );
  // Entities made from the type-ahead, known here before storage is read again (so a new mention
  // never shows as "missing" in between).
  const created = useRef(new Map<EntityId, MentionTarget>());
  useEffect(() => {
    if (references.status !== 'ready') return;
    // Read back from storage: from now on storage answers (and says so if it is deleted).
    for (const id of [...created.current.keys()]) {
      if (references.value.entities.has(id)) created.current.delete(id);
    }
  }, [references]);
  // The callbacks change every render of the workspace; the resolver should not.
  const nav = useRef(navigation);
  useLayoutEffect(() => {
    nav.current = navigation;
  });

  const resolver = useMemo((): NoteReferenceResolver => {
    const refs = references.status === 'ready' ? references.value : undefined;
    return {
      entity: (id) =>
        refs ? (refs.entities.get(id) ?? created.current.get(id) ?? 'missing') : undefined,
      passage: (id) => (refs ? (refs.passages.get(id) ?? 'missing') : undefined),
      claim: (id) => (refs ? (refs.claims.get(id) ?? 'missing') : undefined),
      searchEntities: (query, limit) => (refs ? searchEntities(refs.searchable, query, limit) : []),
      async createEntity(name, type) {
        const made = await storage.entities.create(caseId, { name, type });
        if (!made.ok) return made;
        const target = { id: made.value.id, name: made.value.name, type: made.value.type };
        created.current.set(target.id, target);
        changed();
        return ok(target);
      },
      async quoteFor(passageId) {
        const known = refs?.passages.get(passageId);
        if (known) {
          return ok(
            evidenceQuoteJson({
              passageId,
              sourceId: known.sourceId,
              quote: known.quote,
              sourceTitle: known.sourceTitle,
            }),
          );
        }
        // Made since the last read (e.g. just now in the reader).
        const passage = await storage.passages.get(passageId);
        if (!passage || passage.caseId !== caseId) {
          return err('note.quote.unknownPassage', 'That passage is not in this case any more.');
        }
        const source = await storage.sources.get(passage.sourceId);
        return ok(
          evidenceQuoteJson({
            passageId,
            sourceId: passage.sourceId,
            quote: passage.quote.exact,
            sourceTitle: source?.title ?? 'Unknown source',
          }),
        );
      },
      openEntity: (id) => nav.current.onOpenEntity(id),
      openPassage: (sourceId, passageId) => nav.current.onOpenPassage(sourceId, passageId),
      openClaim: (id) => nav.current.onOpenClaim(id),
    };
  }, [references, storage, caseId, changed]);

  return { resolver, references };
}
