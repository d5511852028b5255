import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseId, NoteId, Passage, Source } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { SourceReader } from '../../../src/features/sources';
import { addSource, openTestStorage, renderWith } from '../entities/harness';

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

function renderReader(onOpenNote?: (id: NoteId) => void) {
  return renderWith(
    storage,
    <SourceReader
      sourceId={source.id}
      focusPassageId={passage.id}
      readOnly={false}
      onBack={() => {}}
      onOpenSource={() => {}}
      onOpenEntity={() => {}}
      onOpenClaim={() => {}}
      onOpenNote={onOpenNote}
    />,
  );
}

describe('the reader and the notebook', () => {
  it('quotes a passage in a note from its card, then lists that note under the passage', async () => {
    const opened: NoteId[] = [];
    const { user } = renderReader((id) => opened.push(id));
    const card = (
      await screen.findByText(/The driver met Ada Lovelace/, {
        selector: '.cf-passage__exact',
      })
    ).closest('.cf-passage') as HTMLElement;
    expect(within(card).queryByRole('group', { name: 'Quoted in notes' })).toBeNull();

    await user.click(within(card).getByRole('button', { name: 'Quote in note…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quote in note' });
    await user.clear(within(dialog).getByRole('textbox', { name: 'Title of the new note' }));
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Title of the new note' }),
      'Harbour meeting',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add quote' }));
    const done = await screen.findByRole('dialog', { name: 'Quote added' });
    await user.click(within(done).getByRole('button', { name: 'Open note' }));
    const [made] = await storage.notes.list(caseId);
    expect(opened).toEqual([made?.id]);

    // The selected passage now names the note quoting it.
    const quoted = await within(card).findByRole('group', { name: 'Quoted in notes' });
    expect(
      within(quoted).getByRole('button', { name: 'Open note: Harbour meeting' }),
    ).toBeInTheDocument();
  });

  it('offers no "Quote in note…" where notes cannot be opened', async () => {
    renderReader(undefined);
    const exact = await screen.findByText(/The driver met Ada Lovelace/, {
      selector: '.cf-passage__exact',
    });
    const card = exact.closest('.cf-passage') as HTMLElement;
    await waitFor(() =>
      expect(within(card).getByRole('button', { name: 'Edit passage' })).toBeVisible(),
    );
    expect(within(card).queryByRole('button', { name: 'Quote in note…' })).toBeNull();
  });
});
