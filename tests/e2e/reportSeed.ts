import { noteReferences, serializeNoteDocument } from '../../src/core/model/note';
import type { ReportInput } from '../../src/core/report/types';
import type { SeedTables } from './seed';

/**
 * The rows a stored case would have for a report input (tests/fixtures/reports/smallCase.ts):
 * case, sources with their contents, passages, entities, claims, the note and its content, the
 * chart. Source texts are filler with each passage's quote at its position, long enough for the
 * structure; a report reads only structures, the reader can still open them.
 */
export function reportCaseTables(input: ReportInput): SeedTables {
  const caseId = input.case.id;
  const contents = input.sources.map((source) => {
    const passages = input.passages.filter((p) => p.sourceId === source.id);
    const structure = input.structures[source.id] ?? {};
    const ends = [
      ...passages.map((p) => p.position.end),
      ...(structure.pages ?? []).map((p) => p.end),
      ...(structure.paragraphs ?? []).map((p) => p.end),
      1,
    ];
    const text: string[] = Array.from({ length: Math.max(...ends) }, (_, i) =>
      i % 6 === 5 ? ' ' : 'x',
    );
    for (const passage of passages) {
      [...passage.quote.exact].forEach((ch, i) => (text[passage.position.start + i] = ch));
    }
    return {
      id: source.id,
      caseId,
      text: text.join(''),
      structure,
    };
  });
  const note = input.note;
  const notes: unknown[] = [];
  const noteContents: unknown[] = [];
  if (note) {
    const json = serializeNoteDocument(note.document);
    if (!json.ok) throw new Error(json.error.message);
    const refs = noteReferences(note.document);
    const at = input.case.createdAt;
    notes.push({
      id: note.id,
      caseId,
      title: note.title,
      createdAt: at,
      updatedAt: at,
      entityIds: [...refs.entityIds],
      passageIds: [...refs.passageIds],
      claimIds: [...refs.claimIds],
    });
    noteContents.push({
      id: note.id,
      caseId,
      createdAt: at,
      updatedAt: at,
      editorState: json.value,
    });
  }
  return {
    cases: [input.case],
    sources: input.sources,
    sourceContents: contents,
    passages: input.passages,
    entities: input.entities,
    claims: input.claims,
    notes,
    noteContents,
    charts: input.charts,
  };
}
