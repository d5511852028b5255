import { act, screen, waitFor, within } from '@testing-library/react';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  getNearestEditorFromDOMNode,
} from 'lexical';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  appendToNoteDocument,
  claimEmbedJson,
  emptyNoteDocument,
  entityMentionJson,
  evidenceQuoteJson,
  type CaseId,
  type EntityId,
  type NoteDocument,
  type NoteId,
  type NoteJsonNode,
} from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { NotebookArea } from '../../../src/features/notebook';
import { addEntity, addSource, openTestStorage, renderWith } from '../entities/harness';

// jsdom has no layout; the @ type-ahead measures the caret and watches its size. Stand-ins suffice.
if (!('getBoundingClientRect' in Range.prototype)) {
  Object.assign(Range.prototype, {
    getBoundingClientRect: () => new DOMRect(0, 0, 0, 0),
    getClientRects: () => [] as unknown as DOMRectList,
  });
}
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

let storage: CasefileStorage;
let caseId: CaseId;
let openedEntities: EntityId[];

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  openedEntities = [];
});
afterEach(() => storage.close());

/** The area as the workspace hosts it: the open note is route state. */
function Area({ start, readOnly = false }: { start?: NoteId; readOnly?: boolean }) {
  const [noteId, setNoteId] = useState<NoteId | undefined>(start);
  return (
    <NotebookArea
      caseId={caseId}
      noteId={noteId}
      readOnly={readOnly}
      onOpenNote={setNoteId}
      onOpenEntity={(id) => openedEntities.push(id)}
      onOpenPassage={() => {}}
      onOpenClaim={() => {}}
    />
  );
}

async function note(title: string, nodes: readonly NoteJsonNode[] = []): Promise<NoteId> {
  const document: NoteDocument = appendToNoteDocument(emptyNoteDocument(), nodes);
  const made = await storage.notes.create(caseId, { title, document });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.id;
}

function paragraph(text: string): NoteJsonNode {
  return {
    type: 'paragraph',
    version: 1,
    children: [{ type: 'text', version: 1, text, detail: 0, format: 0, mode: 'normal', style: '' }],
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
  };
}

const notesList = () => screen.findByRole('list', { name: 'Notes by last change' });

describe('NotebookArea', () => {
  it('lists the notes, most recently changed first, with their last change', async () => {
    await note('Interview with the driver');
    await note('Running notes');
    renderWith(storage, <Area />);
    const rows = within(await notesList()).getAllByRole('button');
    expect(rows.map((row) => row.querySelector('.cf-notebook__note-title')?.textContent)).toEqual([
      'Running notes',
      'Interview with the driver',
    ]);
    expect(rows[0]?.querySelector('time')?.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(screen.getByRole('heading', { name: 'Choose a note' })).toBeInTheDocument();
  });

  it('says how to start when the case has no notes', async () => {
    renderWith(storage, <Area />);
    expect(await screen.findByRole('heading', { name: 'Start the case notebook' })).toBeVisible();
    expect(screen.getByText(/No notes yet/)).toBeInTheDocument();
    expect(screen.queryByRole('searchbox', { name: 'Search notes by title' })).toBeNull();
  });

  it('searches note titles, ignoring case and accents', async () => {
    await note('Entretien avec Émile');
    await note('Running notes');
    const { user } = renderWith(storage, <Area />);
    await notesList();
    await user.type(screen.getByRole('searchbox', { name: 'Search notes by title' }), 'emile');
    const list = await notesList();
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([expect.stringContaining('Entretien avec Émile')]);
    await user.clear(screen.getByRole('searchbox', { name: 'Search notes by title' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search notes by title' }), 'zzz');
    expect(await screen.findByText('No note title contains “zzz”.')).toBeInTheDocument();
  });

  it('creates a note, opens it with its title ready to type over, and renames it', async () => {
    const { user } = renderWith(storage, <Area />);
    await user.click(await screen.findByRole('button', { name: 'New note' }));
    const title = await screen.findByRole('textbox', { name: 'Note title' });
    expect(title).toHaveValue('Untitled note');
    await waitFor(() => expect(title).toHaveFocus());
    expect(await screen.findByRole('textbox', { name: 'Note text' })).toBeInTheDocument();

    await user.clear(title);
    await user.type(title, 'Interview with the driver{Enter}');
    await waitFor(async () =>
      expect((await storage.notes.list(caseId)).map((n) => n.title)).toEqual([
        'Interview with the driver',
      ]),
    );
    const list = await notesList();
    await within(list).findByText('Interview with the driver');
    expect(within(list).getByRole('button', { current: 'page' })).toHaveTextContent(
      'Interview with the driver',
    );
  });

  it('refuses an empty title, says why, and keeps the stored one', async () => {
    const id = await note('Running notes');
    const { user } = renderWith(storage, <Area start={id} />);
    const title = await screen.findByRole('textbox', { name: 'Note title' });
    await user.clear(title);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('A note needs a title.');
    expect((await storage.notes.get(id))?.title).toBe('Running notes');
    // Escape puts the stored title back.
    await user.keyboard('{Escape}');
    expect(title).toHaveValue('Running notes');
  });

  it('duplicates the open note and opens the copy', async () => {
    const id = await note('Running notes', [paragraph('Met the driver at noon.')]);
    const { user } = renderWith(storage, <Area start={id} />);
    await screen.findByText('Met the driver at noon.');
    await user.click(screen.getByRole('button', { name: 'Duplicate' }));
    expect(await screen.findByDisplayValue('Running notes (copy)')).toHaveAccessibleName(
      'Note title',
    );
    expect(await screen.findByText('Met the driver at noon.')).toBeInTheDocument();
    const stored = await storage.notes.list(caseId);
    expect(stored.map((n) => n.title).sort()).toEqual(['Running notes', 'Running notes (copy)']);
  });

  it('deletes a note only after confirmation', async () => {
    const id = await note('Running notes');
    await note('Keep me');
    const { user } = renderWith(storage, <Area start={id} />);
    await screen.findByRole('textbox', { name: 'Note title' });

    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    let confirm = await screen.findByRole('alertdialog', { name: 'Delete note?' });
    expect(confirm).toHaveTextContent('“Running notes” will be deleted.');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(await storage.notes.get(id)).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    confirm = await screen.findByRole('alertdialog', { name: 'Delete note?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete note' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(await storage.notes.get(id)).toBeUndefined();
    expect(await screen.findByRole('heading', { name: 'Choose a note' })).toBeInTheDocument();
    const list = await notesList();
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual([expect.stringContaining('Keep me')]),
    );
  });

  it('shows "missing" for mentions, quotes and claims whose records were deleted', async () => {
    const text = 'The driver met Ada Lovelace at the harbour.';
    const source = await addSource(storage, caseId, 'Harbour report', text);
    const ada = await addEntity(storage, caseId, { name: 'Ada Lovelace', type: 'Person' });
    const gone = await addEntity(storage, caseId, { name: 'Old Name', type: 'Person' });
    const passage = await storage.passages.create(caseId, {
      sourceId: source.id,
      kind: 'highlight',
      start: 0,
      end: 10,
    });
    if (!passage.ok) throw new Error(passage.error.message);
    const id = await note('Running notes', [
      entityMentionJson(ada, 'Ada'),
      entityMentionJson(gone, 'Old Name'),
      evidenceQuoteJson({
        passageId: passage.value.id,
        sourceId: source.id,
        quote: 'The driver',
        sourceTitle: 'Harbour report',
      }),
      claimEmbedJson('3b4f4f71-8f0e-4bb3-9f0e-7e1f3a0c2b11' as never, 'Ada met the driver'),
    ]);
    expect((await storage.entities.delete(gone)).ok).toBe(true);
    expect((await storage.passages.delete(passage.value.id)).ok).toBe(true);

    const { user } = renderWith(storage, <Area start={id} />);
    const content = await screen.findByRole('textbox', { name: 'Note text' });
    // The live entity follows its current name and opens its page.
    await user.click(await within(content).findByRole('button', { name: /Ada Lovelace/ }));
    expect(openedEntities).toEqual([ada]);
    // The deleted ones say so, with what they showed when inserted.
    expect(await within(content).findByText('Missing entity:')).toBeInTheDocument();
    expect(within(content).getByText('Old Name')).toBeInTheDocument();
    expect(
      within(content).getByText(
        'The quoted passage was deleted; this is the text as it was quoted.',
      ),
    ).toBeInTheDocument();
    expect(within(content).getByText('The driver')).toBeInTheDocument();
    expect(content.querySelector('.cf-note-claim--missing')).not.toBeNull();
  });

  it('shows a note it cannot read with the reason, read-only, and never saves over it', async () => {
    const id = await note('From a newer Casefile');
    const broken = '{"format":"casefile-note","version":99,"editorState":{}}';
    await storage.db.noteContents.update(id, { editorState: broken });
    const saveContent = vi.spyOn(storage.notes, 'saveContent');
    renderWith(storage, <Area start={id} />);
    const banner = await screen.findByText(/This note cannot be opened:/);
    expect(banner).toHaveTextContent('kept exactly as stored');
    expect(screen.queryByRole('textbox', { name: 'Note text' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Insert' })).toBeNull();
    expect(saveContent).not.toHaveBeenCalled();
    expect((await storage.notes.get(id))?.editorState).toBe(broken);
  });

  it('inserts a passage and a claim from the Insert panel, and saves without a storage refresh', async () => {
    const text = 'The driver met Ada Lovelace at the harbour.';
    const source = await addSource(storage, caseId, 'Harbour report', text);
    const ada = await addEntity(storage, caseId, { name: 'Ada Lovelace', type: 'Person' });
    const driver = await addEntity(storage, caseId, { name: 'The driver', type: 'Person' });
    const made = await storage.claims.create(caseId, {
      subjectId: driver,
      predicate: 'met',
      object: { kind: 'entity', entityId: ada },
      validTime: { kind: 'unknown' },
      evidence: [],
      newEvidence: [{ sourceId: source.id, start: 0, end: text.length }],
      credibility: 2,
      status: 'asserted',
    });
    if (!made.ok) throw new Error(made.error.message);
    const id = await note('Running notes');
    const { user } = renderWith(storage, <Area start={id} />);
    const content = await screen.findByRole('textbox', { name: 'Note text' });
    const insert = await screen.findByRole('complementary', { name: 'Insert' });

    const passages = within(insert).getByRole('list', { name: 'Passages' });
    const row = await within(passages).findByRole('listitem');
    expect(row).toHaveAttribute('draggable', 'true');
    expect(row).toHaveTextContent(text);
    await user.click(within(row).getByRole('button', { name: 'Insert' }));
    expect(await within(content).findByText('Harbour report')).toBeInTheDocument();

    await user.click(within(insert).getByRole('tab', { name: /Claims/ }));
    const claims = within(insert).getByRole('list', { name: 'Claims' });
    const claimRow = within(claims).getByRole('listitem');
    expect(claimRow).toHaveTextContent('The driver met Ada Lovelace');
    await user.click(within(claimRow).getByRole('button', { name: 'Insert' }));
    await waitFor(() => expect(content.querySelector('.cf-note-claim')).not.toBeNull());

    // The autosave lands: the stored note now refers to the passage and the claim.
    await waitFor(
      async () => {
        const stored = await storage.notes.get(id);
        expect(stored?.claimIds).toEqual([made.value.id]);
        expect(stored?.passageIds).toEqual(made.value.evidence);
      },
      { timeout: 5000 },
    );
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved'),
    );
  });

  it('mentions entities found by alias, and creates one from the type-ahead', async () => {
    await addEntity(storage, caseId, {
      name: 'Lazarus Group',
      type: 'Organization',
      aliases: ['Hidden Cobra'],
    });
    const id = await note('Running notes');
    renderWith(storage, <Area start={id} />);
    const content = await screen.findByRole('textbox', { name: 'Note text' });
    await screen.findByRole('complementary', { name: 'Insert' });
    const editor = getNearestEditorFromDOMNode(content);
    if (!editor) throw new Error('no editor');
    const typeAtEnd = (value: string) =>
      act(async () => {
        editor.getRootElement()?.focus();
        editor.update(() => {
          const node = $createTextNode(value);
          $getRoot().clear().append($createParagraphNode().append(node));
          node.select();
        });
        await new Promise((resolve) => setTimeout(resolve, 0));
      });

    // The alias finds the entity, offered under its name.
    await typeAtEnd('Attributed to @hidden cob');
    let listbox = await screen.findByRole('listbox');
    expect(within(listbox).getAllByRole('option')[0]).toHaveTextContent('Lazarus Group');

    await typeAtEnd('Funded by @Acme Holdings');
    listbox = await screen.findByRole('listbox');
    const [create] = within(listbox).getAllByRole('option', { name: /^Create “Acme Holdings” as/ });
    await act(async () => {
      create?.click();
      await Promise.resolve();
    });
    const chip = await within(content).findByRole('button', { name: /Acme Holdings/ });
    expect(within(content).queryByText('Missing entity:')).toBeNull();
    const stored = await storage.entities.findByName(caseId, 'Acme Holdings');
    expect(stored).toHaveLength(1);
    await act(async () => {
      chip.click();
      await Promise.resolve();
    });
    expect(openedEntities).toEqual([stored[0]?.id]);
  });

  it('offers no editing when storage is read-only', async () => {
    const id = await note('Running notes', [paragraph('Met the driver at noon.')]);
    renderWith(storage, <Area start={id} readOnly />);
    expect(await screen.findByRole('heading', { name: 'Running notes' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New note' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete…' })).toBeNull();
    expect(screen.queryByRole('complementary', { name: 'Insert' })).toBeNull();
    const content = await screen.findByRole('textbox', { name: 'Note text' });
    expect(content).toHaveAttribute('contenteditable', 'false');
  });
});
