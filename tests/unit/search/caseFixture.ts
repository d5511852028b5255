import type { CasefileStorage } from '../../../src/db/open';
import {
  appendToNoteDocument,
  emptyNoteDocument,
  type NoteDocument,
  type NoteJsonNode,
} from '../../../src/core/model/note';
import type { CaseId } from '../../../src/core/model/ids';
import type { Claim, Entity, Note, Passage, Source } from '../../../src/core/model/records';
import { addSource, newCase, rangeOf, value } from '../db/helpers';

/** A note document of plain paragraphs. */
export function noteOf(...paragraphs: string[]): NoteDocument {
  const nodes: NoteJsonNode[] = paragraphs.map((text) => ({
    type: 'paragraph',
    version: 1,
    children: [{ type: 'text', version: 1, text }],
  }));
  return appendToNoteDocument(emptyNoteDocument(), nodes);
}

export const HARBOUR_TEXT =
  'The tanker Orion Star left Nampo harbour at night.\n\n' +
  'Payment went through Acme Trading of Dubai, wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.';

export interface SearchCase {
  readonly caseId: CaseId;
  readonly source: Source;
  readonly passage: Passage;
  readonly mention: Passage;
  readonly kessel: Entity;
  readonly acme: Entity;
  readonly claim: Claim;
  readonly note: Note;
}

/** A small case through the repositories: one source, two passages, two entities, a claim, a note. */
export async function buildSearchCase(s: CasefileStorage): Promise<SearchCase> {
  const caseId = await newCase(s);
  const source = await addSource(s, caseId, HARBOUR_TEXT, {
    title: 'Port report',
    provenance: { author: 'Hanna Vries', publishedAt: '2016-03' },
  });
  const kessel = value(
    await s.entities.create(caseId, {
      type: 'Person',
      name: 'Mara Kessel',
      aliases: ['M. Kessel'],
      notes: 'Shipping broker',
    }),
  );
  const acme = value(
    await s.entities.create(caseId, { type: 'Organization', name: 'Acme Trading' }),
  );
  const passage = value(
    await s.passages.create(caseId, {
      sourceId: source.id,
      kind: 'comment',
      ...rangeOf(HARBOUR_TEXT, 'Orion Star'),
      note: 'Vessel flagged by the registry',
    }),
  );
  const mention = value(
    await s.passages.create(caseId, {
      sourceId: source.id,
      kind: 'mention',
      ...rangeOf(HARBOUR_TEXT, 'Acme Trading'),
      entityId: acme.id,
    }),
  );
  const claim = value(
    await s.claims.create(caseId, {
      subjectId: kessel.id,
      predicate: 'works for',
      object: { kind: 'entity', entityId: acme.id },
      validTime: { kind: 'date', date: '2016' },
      evidence: [mention.id],
      credibility: 2,
      status: 'asserted',
      note: 'Per the port report',
    }),
  );
  const note = value(
    await s.notes.create(caseId, {
      title: 'Working theory',
      document: noteOf('The broker arranged the fuel transfer.'),
    }),
  );
  return { caseId, source, passage, mention, kessel, acme, claim, note };
}
