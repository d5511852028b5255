import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseId, EntityId, PassageId, SourceId } from '../../../src/core';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { ServicesProvider } from '../../../src/features/services';
import { SourceReader } from '../../../src/features/sources';
import { WINDOW_PASSAGES_ABOVE } from '../../../src/features/sources/PassageList';
import { StorageProvider } from '../../../src/features/storage';
import type { Extractor } from '../../../src/ingest';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import { aSourceDraft, sha256Of } from '../../fixtures/builders';

const PARAGRAPHS = [
  'Kim Jong Nam was waiting to check in for a flight to Macau.',
  'Two women approached him near the kiosks.',
  'He asked airport staff for help.',
];
const TEXT = PARAGRAPHS.join('\n\n');

let storage: CasefileStorage;
let caseId: CaseId;
let sourceId: SourceId;

function paragraphRanges(text: string) {
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  for (const paragraph of text.split('\n\n')) {
    ranges.push({ start, end: start + paragraph.length });
    start += paragraph.length + 2;
  }
  return ranges;
}

beforeEach(async () => {
  storage = await openCasefileStorage({
    name: `casefile-reader-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
  const created = await storage.cases.create({ title: 'Airport' });
  if (!created.ok) throw new Error('setup');
  caseId = created.value.id;
  const bytes = new TextEncoder().encode(TEXT);
  const imported = await storage.sources.import(caseId, {
    draft: aSourceDraft({
      title: 'Nerve agent at the airport',
      text: TEXT,
      structure: { paragraphs: paragraphRanges(TEXT) },
    }),
    bytes,
    sha256: sha256Of(bytes),
  });
  if (!imported.ok) throw new Error(imported.error.message);
  sourceId = imported.value.id;
});
afterEach(() => storage.close());

const at = (needle: string) => ({
  start: TEXT.indexOf(needle),
  end: TEXT.indexOf(needle) + needle.length,
});

async function addPassage(
  needle: string,
  input: Partial<Parameters<CasefileStorage['passages']['create']>[1]> = {},
) {
  const created = await storage.passages.create(caseId, {
    sourceId,
    kind: 'highlight',
    ...at(needle),
    ...input,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

function renderReader(props: { readOnly?: boolean; focusPassageId?: PassageId } = {}): {
  user: ReturnType<typeof userEvent.setup>;
  onOpenEntity: (id: EntityId) => void;
} {
  const user = userEvent.setup();
  const onOpenEntity = vi.fn<(id: EntityId) => void>();
  render(
    <StorageProvider storage={storage}>
      <ServicesProvider
        host={createBrowserHost({ version: 'test' })}
        ingest={createInlineIngest()}
        extractor={{} as Extractor}
      >
        <SourceReader
          sourceId={sourceId}
          focusPassageId={props.focusPassageId}
          readOnly={props.readOnly ?? false}
          onBack={() => undefined}
          onOpenSource={() => undefined}
          onOpenEntity={onOpenEntity}
          onOpenClaim={() => undefined}
        />
      </ServicesProvider>
    </StorageProvider>,
  );
  return { user, onOpenEntity };
}

async function textView(): Promise<HTMLElement> {
  return screen.findByLabelText('Extracted text');
}

/** Selects `needle` in the text as a mouse would, and lets the reader see the gesture end. */
async function select(needle: string): Promise<void> {
  const root = await textView();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const offset = node.data.indexOf(needle);
    if (offset === -1) continue;
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + needle.length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    fireEvent.mouseDown(root);
    fireEvent.mouseUp(root);
    return;
  }
  throw new Error(`"${needle}" is not in one text node`);
}

async function passageList(): Promise<HTMLElement> {
  return screen.findByRole('list', { name: 'Passages in text order' });
}

describe('the source reader with passages', () => {
  it('lists passages in text order, keeps orphans apart with their quote, and selects a passage from its mark', async () => {
    await addPassage('approached him', { kind: 'comment', note: 'Both women were arrested' });
    await addPassage('Jong Nam was waiting', { colour: 'green' });
    const mention = await addPassage('Kim Jong Nam', {
      kind: 'mention',
      newEntity: { name: 'Kim Jong Nam', type: 'Person' },
    });
    await addPassage('flight to Macau');
    // The stored text changes under the passages: "Macau" is gone.
    const content = (await storage.sources.content(sourceId))!;
    await storage.db.sourceContents.put({ ...content, text: TEXT.replace('Macau', 'Seoul') });

    renderReader();
    const list = await passageList();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.cf-passage__exact')?.textContent)).toEqual([
      'Kim Jong Nam',
      'Jong Nam was waiting',
      'approached him',
    ]);
    expect(items[2]).toHaveTextContent('Both women were arrested');
    expect(within(items[0]!).getByRole('button', { name: 'Kim Jong Nam (Person)' })).toBeVisible();

    const orphans = screen.getByRole('region', { name: 'Orphaned passages' });
    expect(orphans).toHaveTextContent('no longer found in the text');
    expect(orphans).toHaveTextContent('flight to Macau');
    expect(screen.getByRole('tab', { name: /Passages/ })).toHaveTextContent('4');

    // Overlapping passages: flat marks, the overlap knows both.
    const root = await textView();
    expect(root.querySelectorAll('mark mark')).toHaveLength(0);
    const overlap = Array.from(root.querySelectorAll('mark')).find(
      (m) => m.textContent === 'Jong Nam',
    )!;
    expect(overlap.dataset.passages?.split(' ')).toHaveLength(2);
    expect(overlap.title).toContain('Kim Jong Nam (Person)');
    expect(root).not.toHaveTextContent('Macau');

    // A click on the overlap selects the innermost passage: the mention.
    fireEvent.click(overlap);
    await waitFor(() =>
      expect(list.querySelector('[aria-current="true"]')).toHaveAttribute(
        'data-passage-id',
        mention.id,
      ),
    );
  });

  it('highlights a selection in the chosen colour', async () => {
    const { user } = renderReader();
    await passageList().catch(() => undefined);
    await select('Two women');
    const bar = await screen.findByRole('toolbar', { name: 'Selection' });
    await user.click(within(bar).getByRole('button', { name: 'Highlight pink' }));

    const list = await passageList();
    expect(within(list).getByRole('listitem')).toHaveTextContent('Two women');
    const stored = await storage.passages.forSource(sourceId);
    expect(stored.ok && stored.value.map((p) => [p.kind, p.colour, p.quote.exact])).toEqual([
      ['highlight', 'pink', 'Two women'],
    ]);
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument();
    const mark = (await textView()).querySelector('mark')!;
    expect(mark).toHaveTextContent('Two women');
  });

  it('comments on a selection, refusing an empty comment', async () => {
    const { user } = renderReader();
    await select('airport staff');
    await user.click(await screen.findByRole('button', { name: 'Comment' }));
    const form = screen.getByRole('form', { name: 'Comment on the selection' });
    await user.click(within(form).getByRole('button', { name: 'Save comment' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Write the comment first.');
    let stored = await storage.passages.forSource(sourceId);
    expect(stored.ok && stored.value).toEqual([]);

    await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Ask for CCTV');
    await user.click(within(form).getByRole('button', { name: 'Save comment' }));
    const list = await passageList();
    expect(within(list).getByRole('listitem')).toHaveTextContent('Ask for CCTV');
    stored = await storage.passages.forSource(sourceId);
    expect(stored.ok && stored.value.map((p) => [p.kind, p.note, p.quote.exact])).toEqual([
      ['comment', 'Ask for CCTV', 'airport staff'],
    ]);
  });

  it('tags a selection as a new Person through the entity picker, and links to the entity', async () => {
    const { user, onOpenEntity } = renderReader();
    await select('Kim Jong Nam');
    await user.click(await screen.findByRole('button', { name: 'Tag as entity' }));
    const picker = await screen.findByRole('dialog', { name: 'Tag as entity' });
    expect(within(picker).getByRole('combobox', { name: /Find an entity/ })).toHaveValue(
      'Kim Jong Nam',
    );
    await user.selectOptions(
      within(picker).getByRole('combobox', { name: 'Type of a new entity' }),
      'Person',
    );
    await user.click(within(picker).getByRole('option', { name: /Create new entity/ }));

    const list = await passageList();
    const item = within(list).getByRole('listitem');
    const [entity] = await storage.entities.list(caseId);
    expect(entity).toMatchObject({ name: 'Kim Jong Nam', type: 'Person' });
    const stored = await storage.passages.forSource(sourceId);
    expect(stored.ok && stored.value.map((p) => [p.kind, p.entityId, p.quote.exact])).toEqual([
      ['mention', entity!.id, 'Kim Jong Nam'],
    ]);
    await user.click(within(item).getByRole('button', { name: 'Kim Jong Nam (Person)' }));
    expect(onOpenEntity).toHaveBeenCalledWith(entity!.id);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it("shows the repository's refusal in the toolbar and stores nothing", async () => {
    const { user } = renderReader();
    // Only the space between two words.
    await select('women approached');
    const root = await textView();
    const node = Array.from(root.querySelectorAll('p'))[1]!.firstChild!;
    const space = (node.textContent ?? '').indexOf(' approached');
    const range = document.createRange();
    range.setStart(node, space);
    range.setEnd(node, space + 1);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    fireEvent.mouseDown(root);
    fireEvent.mouseUp(root);
    await waitFor(() => expect(screen.getByRole('toolbar', { name: 'Selection' })).toBeVisible());
    await user.click(screen.getByRole('button', { name: /^Highlight$/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('only white space');
    const stored = await storage.passages.forSource(sourceId);
    expect(stored.ok && stored.value).toEqual([]);
  });

  it('opens the toolbar to the keyboard: Tab reaches its first button, Escape closes it', async () => {
    const { user } = renderReader();
    await select('flight to Macau');
    await screen.findByRole('toolbar', { name: 'Selection' });
    await user.keyboard('{Tab}');
    expect(screen.getByRole('button', { name: /^Highlight$/ })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Highlight yellow' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument();
  });

  it('edits and deletes a passage from the list', async () => {
    await addPassage('Two women');
    const { user } = renderReader();
    const list = await passageList();
    await user.click(within(list).getByRole('button', { name: 'Edit passage' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit passage' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Kind' }), 'comment');
    await user.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'Seen on CCTV');
    await user.click(within(dialog).getByRole('button', { name: 'Save passage' }));
    await waitFor(() =>
      expect(within(list).getByRole('listitem')).toHaveTextContent('Seen on CCTV'),
    );
    expect(within(list).getByRole('listitem')).toHaveTextContent('Comment');

    await user.click(within(list).getByRole('button', { name: 'Delete passage' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete passage?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete passage' }));
    expect(await screen.findByText(/No passages yet/)).toBeInTheDocument();
    const stored = await storage.passages.forSource(sourceId);
    expect(stored.ok && stored.value).toEqual([]);
  });

  it('in read-only mode lists passages but offers no toolbar and no edits', async () => {
    await addPassage('Two women', { kind: 'comment', note: 'Arrested later' });
    renderReader({ readOnly: true });
    const list = await passageList();
    expect(within(list).getByRole('listitem')).toHaveTextContent('Arrested later');
    expect(within(list).queryByRole('button', { name: 'Edit passage' })).not.toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'Delete passage' })).not.toBeInTheDocument();
    await select('airport staff');
    // Give the reader a frame to react; it must not offer the toolbar.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument();
  });

  it('selects the passage a deep link asks for', async () => {
    await addPassage('Two women');
    const target = await addPassage('airport staff', { kind: 'comment', note: 'CCTV' });
    renderReader({ focusPassageId: target.id });
    const list = await passageList();
    expect(list.querySelector('[aria-current="true"]')).toHaveTextContent('airport staff');
  });

  it('draws only the cards in view when a source has many passages', async () => {
    for (let i = 0; i < WINDOW_PASSAGES_ABOVE + 20; i++) {
      const created = await storage.passages.create(caseId, {
        sourceId,
        kind: 'highlight',
        start: i % 40,
        end: (i % 40) + 8,
      });
      if (!created.ok) throw new Error(created.error.message);
    }
    renderReader();
    const list = await passageList();
    expect(screen.getByRole('tab', { name: /Passages/ })).toHaveTextContent(
      String(WINDOW_PASSAGES_ABOVE + 20),
    );
    expect(within(list).queryAllByRole('listitem').length).toBeLessThan(WINDOW_PASSAGES_ABOVE);
  });

  it('keeps the evidence and provenance on the Details tab', async () => {
    const { user } = renderReader();
    await user.click(await screen.findByRole('tab', { name: 'Details' }));
    expect(screen.getByLabelText('SHA-256')).toHaveTextContent(sha256Of(TEXT));
    expect(screen.getByRole('button', { name: 'Delete source' })).toBeInTheDocument();
    // Passages tab again for the next test (the reader remembers the last tab).
    await user.click(screen.getByRole('tab', { name: /Passages/ }));
  });
});
