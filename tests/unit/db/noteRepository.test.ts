import { describe, expect, test } from 'vitest';
import {
  DEFAULT_NOTE_TITLE,
  MAX_NOTE_DEPTH,
  MAX_NOTE_DOCUMENT_LENGTH,
  MAX_NOTE_TITLE_LENGTH,
  NOTE_FORMAT,
  NOTE_FORMAT_VERSION,
  appendToNoteDocument,
  claimEmbedJson,
  emptyNoteDocument,
  entityMentionJson,
  evidenceQuoteJson,
  noteText,
  parseNoteDocument,
  type NoteDocument,
  type NoteJsonNode,
} from '../../../src/core/model/note';
import {
  asClaimId,
  asEntityId,
  asNoteId,
  asPassageId,
  asSourceId,
  type CaseId,
} from '../../../src/core/model/ids';
import type { CasefileStorage } from '../../../src/db/open';
import {
  addSource,
  closingStorages,
  countRows,
  expectRefused,
  freshDbName,
  newCase,
  rangeOf,
  reopenReadOnly,
  value,
} from './helpers';

const storage = closingStorages();

/** A clock that ticks one second per call and can jump ahead, for the edited-event interval. */
function steppingClock(): { now: () => string; advance: (ms: number) => void } {
  let at = Date.UTC(2026, 11, 1, 9);
  return {
    now: () => {
      const iso = new Date(at).toISOString();
      at += 1000;
      return iso;
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

async function setUp(
  name?: string,
  clock = steppingClock(),
): Promise<{ s: CasefileStorage; caseId: CaseId; clock: ReturnType<typeof steppingClock> }> {
  const s = await storage(name, { now: clock.now });
  return { s, caseId: await newCase(s), clock };
}

const kessel = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const varga = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a51');
const passage = asPassageId('7a1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const source = asSourceId('8b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const claim = asClaimId('9c1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');

function text(value: string): NoteJsonNode {
  return { type: 'text', version: 1, text: value };
}

function paragraph(...children: NoteJsonNode[]): NoteJsonNode {
  return { type: 'paragraph', version: 1, children };
}

const quote = evidenceQuoteJson({
  passageId: passage,
  sourceId: source,
  quote: 'signed for at berth 7',
  sourceTitle: 'Delivery note 4471',
});

/** A note mentioning Kessel (twice) and Varga, quoting a passage and embedding a claim. */
const citing = appendToNoteDocument(emptyNoteDocument(), [
  paragraph(text('Met '), entityMentionJson(kessel, 'Mara Kessel')),
  quote,
  claimEmbedJson(claim, 'Kessel signed for 4471'),
  paragraph(entityMentionJson(varga, 'Varga'), entityMentionJson(kessel, 'Mara Kessel')),
]);

async function actions(s: CasefileStorage, caseId: CaseId): Promise<string[]> {
  return (await s.audit.list(caseId)).map((event) => event.action);
}

describe('create, get, list', () => {
  test('a new note is untitled and empty, stored with empty references and an audit event', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId));
    expect(note).toEqual({
      id: note.id,
      caseId,
      createdAt: note.createdAt,
      updatedAt: note.createdAt,
      title: DEFAULT_NOTE_TITLE,
      editorState: JSON.stringify(emptyNoteDocument()),
      entityIds: [],
      passageIds: [],
      claimIds: [],
    });
    expect(await s.notes.get(note.id)).toEqual(note);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'note.created',
      subject: note.id,
      detail: { noteId: note.id, title: DEFAULT_NOTE_TITLE },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('a note created with a title and content has that content’s references', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: '  Interview ', document: citing }));
    expect(note).toMatchObject({
      title: 'Interview',
      entityIds: [kessel, varga],
      passageIds: [passage],
      claimIds: [claim],
    });
    expect(parseNoteDocument(note.editorState)).toEqual({ ok: true, value: citing });
  });

  test('lists a case’s notes newest first, without content, searching titles without case or accents', async () => {
    const { s, caseId } = await setUp();
    const other = await newCase(s, 'Other case');
    for (const title of ['Entretien avec Émile', 'Timeline', 'emile follow-up']) {
      value(await s.notes.create(caseId, { title }));
    }
    value(await s.notes.create(other, { title: 'Émile elsewhere' }));
    const listed = await s.notes.list(caseId);
    expect(listed.map((note) => note.title)).toEqual([
      'emile follow-up',
      'Timeline',
      'Entretien avec Émile',
    ]);
    for (const summary of listed) expect(summary).not.toHaveProperty('editorState');
    expect((await s.notes.list(caseId, { titleQuery: 'ÉMILE' })).map((n) => n.title)).toEqual([
      'emile follow-up',
      'Entretien avec Émile',
    ]);
    expect((await s.notes.list(caseId, { titleQuery: 'avec emi' })).map((n) => n.title)).toEqual([
      'Entretien avec Émile',
    ]);
    expect(await s.notes.list(caseId, { titleQuery: 'harbour' })).toEqual([]);
    expect(await s.notes.list(caseId, { titleQuery: '  ' })).toHaveLength(3);
    expect(await s.notes.get(asNoteId(globalThis.crypto.randomUUID()))).toBeUndefined();
  });

  test('bad input is refused and writes nothing', async () => {
    const { s, caseId } = await setUp();
    await expectRefused(s, () => s.notes.create(caseId, { title: '  ' }), 'note.title.empty');
    await expectRefused(
      s,
      () => s.notes.create(caseId, { title: 'x'.repeat(MAX_NOTE_TITLE_LENGTH + 1) }),
      'note.title.tooLong',
    );
    const broken = appendToNoteDocument(emptyNoteDocument(), [
      paragraph({ type: 'entity-mention', version: 1, entityId: 7, label: 'x' }),
    ]);
    await expectRefused(s, () => s.notes.create(caseId, { document: broken }), 'note.malformed');
    const gone = await newCase(s, 'Gone');
    value(await s.cases.delete(gone));
    await expectRefused(s, () => s.notes.create(gone), 'case.notFound');
  });
});

describe('rename, duplicate, delete', () => {
  test('rename trims, records the old and new title, and a no-op writes nothing', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Draft' }));
    const renamed = value(await s.notes.rename(note.id, '  Final   assessment '));
    expect(renamed).toEqual({ ...note, title: 'Final assessment', updatedAt: renamed.updatedAt });
    expect(renamed.updatedAt > note.updatedAt).toBe(true);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'note.renamed',
      detail: { noteId: note.id, title: 'Final assessment', previousTitle: 'Draft' },
    });
    const events = (await s.audit.list(caseId)).length;
    expect(value(await s.notes.rename(note.id, 'Final assessment'))).toEqual(renamed);
    expect(await s.audit.list(caseId)).toHaveLength(events);
    await expectRefused(s, () => s.notes.rename(note.id, ''), 'note.title.empty');
    await expectRefused(
      s,
      () => s.notes.rename(note.id, 'x'.repeat(MAX_NOTE_TITLE_LENGTH + 1)),
      'note.title.tooLong',
    );
    await expectRefused(
      s,
      () => s.notes.rename(asNoteId(globalThis.crypto.randomUUID()), 'x'),
      'note.notFound',
    );
  });

  test('duplicate copies the content and references under "<title> (copy)"', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Interview', document: citing }));
    const copy = value(await s.notes.duplicate(note.id));
    expect(copy).toEqual({
      ...note,
      id: copy.id,
      title: 'Interview (copy)',
      createdAt: copy.createdAt,
      updatedAt: copy.createdAt,
    });
    expect(copy.id).not.toBe(note.id);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'note.duplicated',
      subject: copy.id,
      detail: { noteId: copy.id, title: 'Interview (copy)', fromNoteId: note.id },
    });
    expect((await s.notes.mentioning(kessel)).map((n) => n.id).sort()).toEqual(
      [note.id, copy.id].sort(),
    );
    const long = value(await s.notes.create(caseId, { title: 'y'.repeat(MAX_NOTE_TITLE_LENGTH) }));
    expect(value(await s.notes.duplicate(long.id)).title).toHaveLength(MAX_NOTE_TITLE_LENGTH);
    await expectRefused(
      s,
      () => s.notes.duplicate(asNoteId(globalThis.crypto.randomUUID())),
      'note.notFound',
    );
  });

  test('delete removes the note and its backlinks, with an audit event', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Interview', document: citing }));
    value(await s.notes.delete(note.id));
    expect(await s.notes.get(note.id)).toBeUndefined();
    expect(await s.notes.mentioning(kessel)).toEqual([]);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'note.deleted',
      detail: { noteId: note.id, title: 'Interview' },
    });
    await expectRefused(s, () => s.notes.delete(note.id), 'note.notFound');
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('deleting the case deletes its notes and their contents', async () => {
    const { s, caseId } = await setUp();
    value(await s.notes.create(caseId, { document: citing }));
    value(await s.cases.delete(caseId));
    expect(await s.db.notes.count()).toBe(0);
    expect(await s.db.noteContents.count()).toBe(0);
    expect(await s.notes.mentioning(kessel)).toEqual([]);
  });
});

describe('content stored apart from the notes row', () => {
  /** Counts every read of a noteContents row from now on. */
  function countContentReads(s: CasefileStorage): () => number {
    let reads = 0;
    s.db.noteContents.hook('reading', (row) => {
      reads += 1;
      return row;
    });
    return () => reads;
  }

  test('each write keeps one notes row without content and one content row under the same id', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Interview', document: citing }));
    const { editorState, ...metadata } = note;
    expect(await s.db.notes.get(note.id)).toEqual(metadata);
    const content = {
      id: note.id,
      caseId,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
      editorState,
    };
    expect(await s.db.noteContents.get(note.id)).toEqual(content);

    // Renaming touches the notes row only.
    const renamed = value(await s.notes.rename(note.id, 'Interview 2'));
    expect(await s.db.notes.get(note.id)).toMatchObject({ title: 'Interview 2' });
    expect(await s.db.noteContents.get(note.id)).toEqual(content);

    // Saving dates both rows and moves the references into the notes row.
    const mention = appendToNoteDocument(emptyNoteDocument(), [
      paragraph(entityMentionJson(varga, 'Varga')),
    ]);
    const saved = value(await s.notes.saveContent(note.id, mention));
    expect(saved.updatedAt > renamed.updatedAt).toBe(true);
    expect(await s.db.notes.get(note.id)).toEqual({
      ...metadata,
      title: 'Interview 2',
      updatedAt: saved.updatedAt,
      entityIds: [varga],
      passageIds: [],
      claimIds: [],
    });
    expect(await s.db.noteContents.get(note.id)).toEqual({
      ...content,
      updatedAt: saved.updatedAt,
      editorState: saved.editorState,
    });

    const copy = value(await s.notes.duplicate(note.id));
    expect((await s.db.noteContents.get(copy.id))?.editorState).toBe(saved.editorState);
    value(await s.notes.delete(note.id));
    expect(await s.db.noteContents.get(note.id)).toBeUndefined();
    expect((await s.db.noteContents.toArray()).map((row) => row.id)).toEqual([copy.id]);
  });

  test('listing notes and finding backlinks never read a note’s content', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Interview', document: citing }));
    const contentReads = countContentReads(s);
    expect((await s.notes.list(caseId)).map((n) => n.id)).toEqual([note.id]);
    expect((await s.notes.list(caseId, { titleQuery: 'inter' })).map((n) => n.id)).toEqual([
      note.id,
    ]);
    expect((await s.notes.mentioning(kessel)).map((n) => n.id)).toEqual([note.id]);
    expect((await s.notes.quoting(passage)).map((n) => n.id)).toEqual([note.id]);
    expect((await s.notes.embedding(claim)).map((n) => n.id)).toEqual([note.id]);
    expect(contentReads()).toBe(0);
    // …while opening the note does.
    expect((await s.notes.get(note.id))?.editorState).toBe(note.editorState);
    expect(contentReads()).toBe(1);
  });

  test('a note whose content row is missing still lists, opens as missing content, and saving restores it', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Interview', document: citing }));
    await s.db.noteContents.delete(note.id);

    expect((await s.notes.list(caseId)).map((n) => n.id)).toEqual([note.id]);
    expect((await s.notes.mentioning(kessel)).map((n) => n.id)).toEqual([note.id]);
    const opened = await s.notes.get(note.id);
    expect(opened).toEqual({ ...note, editorState: '' });
    expect(parseNoteDocument(String(opened?.editorState))).toEqual({
      ok: false,
      error: {
        code: 'note.malformed',
        message:
          'This note’s content is damaged and cannot be opened: its stored content is missing.',
      },
    });
    // Renaming and duplicating carry no invented content either.
    value(await s.notes.rename(note.id, 'Interview (damaged)'));
    expect(await s.db.noteContents.get(note.id)).toBeUndefined();
    const copy = value(await s.notes.duplicate(note.id));
    expect(copy.editorState).toBe('');
    expect(await s.db.noteContents.get(copy.id)).toBeUndefined();

    const saved = value(await s.notes.saveContent(note.id, citing));
    expect(await s.notes.get(note.id)).toEqual(saved);
    expect(parseNoteDocument(saved.editorState)).toEqual({ ok: true, value: citing });
    expect(await s.db.noteContents.get(note.id)).toMatchObject({
      id: note.id,
      caseId,
      updatedAt: saved.updatedAt,
    });
  });
});

describe('saveContent and backlinks', () => {
  test('stores the content and its references; mentioning, quoting and embedding follow', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Interview' }));
    const other = value(await s.notes.create(caseId, { title: 'Other' }));
    const saved = value(await s.notes.saveContent(note.id, citing));
    expect(saved).toMatchObject({
      id: note.id,
      title: 'Interview',
      entityIds: [kessel, varga],
      passageIds: [passage],
      claimIds: [claim],
    });
    expect(saved.updatedAt > note.updatedAt).toBe(true);
    expect(await s.notes.get(note.id)).toEqual(saved);
    const ids = (list: readonly { id: string }[]) => list.map((n) => n.id);
    expect(ids(await s.notes.mentioning(kessel))).toEqual([note.id]);
    expect(ids(await s.notes.mentioning(varga))).toEqual([note.id]);
    expect(ids(await s.notes.quoting(passage))).toEqual([note.id]);
    expect(ids(await s.notes.embedding(claim))).toEqual([note.id]);
    expect(await s.notes.mentioning(asEntityId(globalThis.crypto.randomUUID()))).toEqual([]);
    for (const summary of await s.notes.mentioning(kessel)) {
      expect(summary).not.toHaveProperty('editorState');
    }

    // The other note mentions Kessel later: it comes first (most recently updated).
    const mention = appendToNoteDocument(emptyNoteDocument(), [
      paragraph(entityMentionJson(kessel, 'Mara Kessel')),
    ]);
    value(await s.notes.saveContent(other.id, mention));
    expect(ids(await s.notes.mentioning(kessel))).toEqual([other.id, note.id]);

    // Removing the quote and the claim drops those backlinks.
    value(await s.notes.saveContent(note.id, mention));
    expect(await s.notes.quoting(passage)).toEqual([]);
    expect(await s.notes.embedding(claim)).toEqual([]);
    expect(await s.notes.mentioning(varga)).toEqual([]);
    expect((await s.notes.list(caseId)).map((n) => n.title)).toEqual(['Interview', 'Other']);
  });

  test('resolves after the save committed: another connection reads it', async () => {
    const name = freshDbName();
    const { s, caseId } = await setUp(name);
    const note = value(await s.notes.create(caseId));
    value(await s.notes.saveContent(note.id, citing));
    const second = await storage(name);
    const stored = await second.notes.get(note.id);
    expect(stored && parseNoteDocument(stored.editorState)).toEqual({ ok: true, value: citing });
  });

  test('saving what is stored writes nothing', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { document: citing }));
    const before = await countRows(s);
    expect(value(await s.notes.saveContent(note.id, citing))).toEqual(note);
    expect(await countRows(s)).toEqual(before);
  });

  test('bad documents and unknown notes are refused and change nothing', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { document: citing }));
    const unchanged = async () => expect(await s.notes.get(note.id)).toEqual(note);

    const tooBig = appendToNoteDocument(emptyNoteDocument(), [
      paragraph(text('x'.repeat(MAX_NOTE_DOCUMENT_LENGTH))),
    ]);
    await expectRefused(s, () => s.notes.saveContent(note.id, tooBig), 'note.tooLarge');
    await unchanged();

    const badId = appendToNoteDocument(emptyNoteDocument(), [
      { type: 'evidence-quote', version: 1, passageId: 12, sourceId: source, quote: 'q' },
    ]);
    await expectRefused(s, () => s.notes.saveContent(note.id, badId), 'note.malformed');

    let deep: NoteJsonNode = text('deep');
    for (let i = 0; i < MAX_NOTE_DEPTH + 1; i += 1) {
      deep = { type: 'quote', version: 1, children: [deep] };
    }
    const tooDeep = appendToNoteDocument(emptyNoteDocument(), [deep]);
    await expectRefused(s, () => s.notes.saveContent(note.id, tooDeep), 'note.malformed');

    const newer = { ...citing, version: NOTE_FORMAT_VERSION + 1 } as unknown as NoteDocument;
    await expectRefused(s, () => s.notes.saveContent(note.id, newer), 'note.malformed');
    const notADocument = { format: NOTE_FORMAT } as unknown as NoteDocument;
    await expectRefused(s, () => s.notes.saveContent(note.id, notADocument), 'note.malformed');
    await unchanged();

    await expectRefused(
      s,
      () => s.notes.saveContent(asNoteId(globalThis.crypto.randomUUID()), citing),
      'note.notFound',
    );
  });

  test('a save that fails half-way leaves the note as it was', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId));
    s.db.audit.hook('creating', () => {
      throw new Error('disk unplugged');
    });
    const result = await s.notes.saveContent(note.id, citing);
    expect(result).toMatchObject({ ok: false, error: { code: 'storage.writeFailed' } });
    expect(await s.notes.get(note.id)).toEqual(note);
    expect(await s.notes.mentioning(kessel)).toEqual([]);
  });
});

describe('note.edited audit events', () => {
  test('at most one per note per ten minutes, with the content hash and reference counts', async () => {
    const { s, caseId, clock } = await setUp();
    const note = value(await s.notes.create(caseId));
    const other = value(await s.notes.create(caseId));
    const typed = (words: string) => appendToNoteDocument(citing, [paragraph(text(words))]);

    const first = value(await s.notes.saveContent(note.id, typed('a')));
    const edited = (await s.audit.list(caseId)).at(-1);
    const expectedHash = Array.from(
      new Uint8Array(
        await globalThis.crypto.subtle.digest(
          'SHA-256',
          new TextEncoder().encode(first.editorState),
        ),
      ),
      (byte) => byte.toString(16).padStart(2, '0'),
    ).join('');
    expect(edited).toMatchObject({
      action: 'note.edited',
      subject: note.id,
      detail: {
        noteId: note.id,
        sha256: expectedHash,
        length: first.editorState.length,
        entities: 2,
        passages: 1,
        claims: 1,
      },
    });

    // Typing on: saved every time, but no further event within ten minutes…
    for (const words of ['ab', 'abc', 'abcd'])
      value(await s.notes.saveContent(note.id, typed(words)));
    expect(noteText(value(parseNoteDocumentOf(await s.notes.get(note.id))))).toContain('abcd');
    // …while another note gets its own first event.
    value(await s.notes.saveContent(other.id, typed('x')));
    expect(await actions(s, caseId)).toEqual([
      'case.created',
      'note.created',
      'note.created',
      'note.edited',
      'note.edited',
    ]);

    clock.advance(10 * 60 * 1000);
    value(await s.notes.saveContent(note.id, typed('abcde')));
    expect((await actions(s, caseId)).filter((a) => a === 'note.edited')).toHaveLength(3);
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('a failed save does not use up the event', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId));
    const unplugged = () => {
      throw new Error('disk unplugged');
    };
    s.db.audit.hook('creating', unplugged);
    expect((await s.notes.saveContent(note.id, citing)).ok).toBe(false);
    s.db.audit.hook('creating').unsubscribe(unplugged);
    value(await s.notes.saveContent(note.id, citing));
    expect((await actions(s, caseId)).at(-1)).toBe('note.edited');
  });
});

function parseNoteDocumentOf(note: { editorState: string } | undefined) {
  return parseNoteDocument(note?.editorState ?? '');
}

describe('referenceRecords', () => {
  test('reads the case’s entities (merged ones too), passages as stored and source titles, nothing of other cases', async () => {
    const { s, caseId } = await setUp();
    const text = 'The tanker Orion Star unloaded at berth 7 on 3 March.';
    const src = await addSource(s, caseId, text, { title: 'Harbour log' });
    const kept = value(await s.entities.create(caseId, { type: 'Vehicle', name: 'Orion Star' }));
    const dupe = value(await s.entities.create(caseId, { type: 'Vehicle', name: 'Orion-Star' }));
    value(await s.entities.merge(kept.id, dupe.id));
    const quoted = value(
      await s.passages.create(caseId, {
        sourceId: src.id,
        kind: 'evidence',
        ...rangeOf(text, 'unloaded at berth 7'),
      }),
    );
    const other = await newCase(s, 'Another case');
    value(await s.entities.create(other, { type: 'Person', name: 'Not in this case' }));
    const before = await countRows(s);

    const records = await s.notes.referenceRecords(caseId);

    expect(records.entities.map((e) => e.name).sort()).toEqual(['Orion Star', 'Orion-Star']);
    expect(records.entities.find((e) => e.id === dupe.id)?.mergedInto).toBe(kept.id);
    expect(records.passages.map((p) => p.id)).toEqual([quoted.id]);
    expect(records.sources).toEqual([
      { id: src.id, title: 'Harbour log', reliability: src.reliability },
    ]);
    expect(records.structures.size).toBe(0); // not a paged source
    expect(await countRows(s)).toEqual(before); // a read: nothing re-anchored or written
  });
});

describe('read-only', () => {
  test('every write is storage.readOnly; reading and backlinks still work', async () => {
    const { s, caseId } = await setUp();
    const note = value(await s.notes.create(caseId, { title: 'Interview', document: citing }));
    const ro = await reopenReadOnly(s, (name) => storage(name));
    await expectRefused(ro, () => ro.notes.create(caseId), 'storage.readOnly');
    await expectRefused(ro, () => ro.notes.rename(note.id, 'x'), 'storage.readOnly');
    await expectRefused(ro, () => ro.notes.duplicate(note.id), 'storage.readOnly');
    await expectRefused(
      ro,
      () => ro.notes.saveContent(note.id, emptyNoteDocument()),
      'storage.readOnly',
    );
    await expectRefused(ro, () => ro.notes.delete(note.id), 'storage.readOnly');
    expect(await ro.notes.get(note.id)).toEqual(note);
    expect((await ro.notes.list(caseId)).map((n) => n.id)).toEqual([note.id]);
    expect((await ro.notes.mentioning(kessel)).map((n) => n.id)).toEqual([note.id]);
  });
});
