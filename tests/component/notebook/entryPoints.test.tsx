import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  appendToNoteDocument,
  claimEmbedJson,
  emptyNoteDocument,
  entityMentionJson,
  evidenceQuoteJson,
  parseNoteDocument,
  type CaseId,
  type NoteId,
  type NoteJsonNode,
  type Passage,
  type Source,
} from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { NoteBacklinks, QuoteInNoteDialog } from '../../../src/features/notebook';
import { addEntity, addSource, openTestStorage, renderWith } from '../entities/harness';

const TEXT = 'The driver met Ada Lovelace at the harbour. Nobody saw them leave.';

let storage: CasefileStorage;
let caseId: CaseId;
let source: Source;
let passage: Passage;

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  source = await addSource(storage, caseId, 'Harbour report', TEXT);
  const made = await storage.passages.create(caseId, {
    sourceId: source.id,
    kind: 'highlight',
    start: 0,
    end: TEXT.indexOf('.') + 1,
  });
  if (!made.ok) throw new Error(made.error.message);
  passage = made.value;
});
afterEach(() => storage.close());

async function note(title: string, nodes: readonly NoteJsonNode[] = []): Promise<NoteId> {
  const made = await storage.notes.create(caseId, {
    title,
    document: appendToNoteDocument(emptyNoteDocument(), nodes),
  });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.id;
}

function quoteOf(p: Passage) {
  return evidenceQuoteJson({
    passageId: p.id,
    sourceId: p.sourceId,
    quote: p.quote.exact,
    sourceTitle: 'Harbour report',
  });
}

describe('NoteBacklinks', () => {
  it('lists the notes that embed a claim, and nothing when none does', async () => {
    const ada = await addEntity(storage, caseId, { name: 'Ada Lovelace', type: 'Person' });
    const made = await storage.claims.create(caseId, {
      subjectId: ada,
      predicate: 'met with',
      object: { kind: 'literal', value: 'the driver' },
      validTime: { kind: 'unknown' },
      evidence: [passage.id],
      credibility: 2,
      status: 'asserted',
    });
    if (!made.ok) throw new Error(made.error.message);
    const claim = made.value;
    const none = renderWith(storage, <NoteBacklinks claimId={claim.id} onOpenNote={() => {}} />);
    await waitFor(() => expect(none.container).toBeEmptyDOMElement());
    none.unmount();

    const embedding = await note('Assessment', [claimEmbedJson(claim.id, 'Ada met the driver')]);
    await note('Unrelated');
    const opened: NoteId[] = [];
    const { user } = renderWith(
      storage,
      <NoteBacklinks claimId={claim.id} onOpenNote={(id) => opened.push(id)} />,
    );
    const group = await screen.findByRole('group', { name: 'Embedded in notes' });
    expect(within(group).getAllByRole('button')).toHaveLength(1);
    await user.click(within(group).getByRole('button', { name: 'Open note: Assessment' }));
    expect(opened).toEqual([embedding]);
  });

  it('lists the notes that mention an entity, and opens one', async () => {
    const ada = await addEntity(storage, caseId, { name: 'Ada Lovelace', type: 'Person' });
    const other = await addEntity(storage, caseId, { name: 'Someone else', type: 'Person' });
    const mentioning = await note('Interview with the driver', [entityMentionJson(ada, 'Ada')]);
    await note('Unrelated', [entityMentionJson(other, 'Someone')]);
    const opened: NoteId[] = [];
    const { user } = renderWith(
      storage,
      <NoteBacklinks entityId={ada} onOpenNote={(id) => opened.push(id)} />,
    );
    const section = await screen.findByRole('region', { name: 'In the notebook' });
    await user.click(
      await within(section).findByRole('button', { name: 'Open note: Interview with the driver' }),
    );
    expect(opened).toEqual([mentioning]);
    expect(within(section).getAllByRole('button')).toHaveLength(1);
  });

  it('says when no note mentions the entity', async () => {
    const ada = await addEntity(storage, caseId, { name: 'Ada Lovelace', type: 'Person' });
    renderWith(storage, <NoteBacklinks entityId={ada} onOpenNote={() => {}} />);
    expect(await screen.findByText('No note mentions this entity yet.')).toBeInTheDocument();
  });

  it('lists the notes that quote a passage, and nothing when none does', async () => {
    const first = renderWith(
      storage,
      <NoteBacklinks passageId={passage.id} onOpenNote={() => {}} />,
    );
    await waitFor(() => expect(first.container).toBeEmptyDOMElement());
    first.unmount();

    const quoting = await note('Running notes', [quoteOf(passage)]);
    const opened: NoteId[] = [];
    const { user } = renderWith(
      storage,
      <NoteBacklinks passageId={passage.id} onOpenNote={(id) => opened.push(id)} />,
    );
    const group = await screen.findByRole('group', { name: 'Quoted in notes' });
    await user.click(within(group).getByRole('button', { name: 'Open note: Running notes' }));
    expect(opened).toEqual([quoting]);
  });
});

describe('QuoteInNoteDialog', () => {
  it('appends a passage to the most recent note and offers to open it', async () => {
    await note('Older note');
    const recent = await note('Running notes', [
      { type: 'horizontalrule', version: 1 } satisfies NoteJsonNode,
    ]);
    const opened: NoteId[] = [];
    const onClose = vi.fn();
    const { user } = renderWith(
      storage,
      <QuoteInNoteDialog
        caseId={caseId}
        target={{ passageId: passage.id }}
        quote={passage.quote.exact}
        onClose={onClose}
        onOpenNote={(id) => opened.push(id)}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Quote in note' });
    expect(dialog).toHaveTextContent('The driver met Ada Lovelace at the harbour.');
    await user.click(await within(dialog).findByRole('radio', { name: 'Running notes' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add quote' }));

    const done = await screen.findByRole('dialog', { name: 'Quote added' });
    expect(done).toHaveTextContent('The quote was added at the end of “Running notes”.');
    const stored = await storage.notes.get(recent);
    expect(stored?.passageIds).toEqual([passage.id]);
    const document = parseNoteDocument(stored?.editorState ?? '');
    if (!document.ok) throw new Error(document.error.message);
    const children = document.value.editorState.root.children ?? [];
    // Added at the end, after what the note held.
    expect(children.at(-1)).toMatchObject({ type: 'evidence-quote', passageId: passage.id });
    expect(children.at(-2)).toMatchObject({ type: 'horizontalrule' });

    await user.click(within(done).getByRole('button', { name: 'Open note' }));
    expect(opened).toEqual([recent]);
  });

  it('makes a new note titled as asked', async () => {
    const { user } = renderWith(
      storage,
      <QuoteInNoteDialog
        caseId={caseId}
        target={{ passageId: passage.id }}
        quote={passage.quote.exact}
        onClose={() => {}}
        onOpenNote={() => {}}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Quote in note' });
    // No note yet: a new one is the only choice.
    expect(within(dialog).getByRole('radio', { name: 'A new note' })).toBeChecked();
    const title = within(dialog).getByRole('textbox', { name: 'Title of the new note' });
    await user.clear(title);
    await user.click(within(dialog).getByRole('button', { name: 'Add quote' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A note needs a title.');
    expect(await storage.notes.list(caseId)).toEqual([]);

    await user.type(title, 'Harbour meeting');
    await user.click(within(dialog).getByRole('button', { name: 'Add quote' }));
    await screen.findByRole('dialog', { name: 'Quote added' });
    const [made] = await storage.notes.list(caseId);
    expect(made?.title).toBe('Harbour meeting');
    expect(made?.passageIds).toEqual([passage.id]);
  });

  it('turns a selection into an evidence passage only when the quote is added', async () => {
    const target = await note('Running notes');
    const start = TEXT.indexOf('Nobody');
    const created: Passage[] = [];
    const { user } = renderWith(
      storage,
      <QuoteInNoteDialog
        caseId={caseId}
        target={{ sourceId: source.id, start, end: TEXT.length }}
        quote={TEXT.slice(start)}
        onClose={() => {}}
        onOpenNote={() => {}}
        onPassageCreated={(p) => created.push(p)}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Quote in note' });
    await within(dialog).findByRole('radio', { name: 'Running notes' });
    await user.click(within(dialog).getByRole('button', { name: 'Add quote' }));
    await screen.findByRole('dialog', { name: 'Quote added' });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ kind: 'evidence', sourceId: source.id });
    expect(created[0]?.quote.exact).toBe('Nobody saw them leave.');
    expect((await storage.notes.get(target))?.passageIds).toEqual([created[0]?.id]);
  });

  it('changes nothing when the note cannot take the quote', async () => {
    const target = await note('Running notes');
    const before = await storage.notes.get(target);
    vi.spyOn(storage.notes, 'saveContent').mockResolvedValue({
      ok: false,
      error: { code: 'note.tooLarge', message: 'The note is too large to save.' },
    } as never);
    const start = TEXT.indexOf('Nobody');
    const { user } = renderWith(
      storage,
      <QuoteInNoteDialog
        caseId={caseId}
        target={{ sourceId: source.id, start, end: TEXT.length }}
        quote={TEXT.slice(start)}
        onClose={() => {}}
        onOpenNote={() => {}}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Quote in note' });
    await within(dialog).findByRole('radio', { name: 'Running notes' });
    await user.click(within(dialog).getByRole('button', { name: 'Add quote' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The note is too large to save.',
    );
    // The passage made for the quote is gone again; the note is as it was.
    const passages = await storage.passages.forSource(source.id);
    expect(passages.ok && passages.value.map((p) => p.id)).toEqual([passage.id]);
    expect(await storage.notes.get(target)).toEqual(before);
  });

  it('refuses to append to a note it cannot read', async () => {
    const target = await note('Running notes');
    const broken = '{"format":"casefile-note","version":99,"editorState":{}}';
    await storage.db.noteContents.update(target, { editorState: broken });
    const { user } = renderWith(
      storage,
      <QuoteInNoteDialog
        caseId={caseId}
        target={{ passageId: passage.id }}
        quote={passage.quote.exact}
        onClose={() => {}}
        onOpenNote={() => {}}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Quote in note' });
    await within(dialog).findByRole('radio', { name: 'Running notes' });
    await user.click(within(dialog).getByRole('button', { name: 'Add quote' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '“Running notes” cannot be read, so nothing was added to it',
    );
    expect((await storage.notes.get(target))?.editorState).toBe(broken);
  });
});
