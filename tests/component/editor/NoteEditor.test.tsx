import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  claimJson,
  documentOf,
  fakeResolver,
  ids,
  mentionJson,
  paragraph,
  quoteJson,
  renderEditor,
  text,
} from './harness';

describe('NoteEditor', () => {
  it('renders rich text with live mentions, quotes and claims from the resolver', async () => {
    const { resolver } = fakeResolver();
    renderEditor({
      resolver,
      initialDocument: documentOf(
        paragraph(text('Met '), mentionJson(ids.ada, 'Ada (old name)'), text(' today.')),
        quoteJson(ids.passage, 'The engine might compose music.'),
        claimJson(ids.claim, 'Ada worked with Babbage'),
      ),
    });
    const content = screen.getByRole('textbox', { name: 'Note text' });
    expect(content).toHaveTextContent('Met');
    // The chip shows the entity's current name, not the label stored with the mention.
    const chip = within(content).getByRole('button', { name: /Ada Lovelace/ });
    await userEvent.click(chip);
    expect(resolver.openEntity).toHaveBeenCalledWith(ids.ada);

    expect(within(content).getByText('Notes on the Analytical Engine')).toBeInTheDocument();
    expect(within(content).getByText('page 7')).toBeInTheDocument();
    expect(within(content).getByText('Reliability B')).toBeInTheDocument();
    await userEvent.click(within(content).getByRole('button', { name: 'Open in source' }));
    expect(resolver.openPassage).toHaveBeenCalledWith(ids.source, ids.passage);

    expect(within(content).getByText('worked with')).toBeInTheDocument();
    expect(within(content).getByText('B2')).toBeInTheDocument();
    expect(within(content).getByText('Corroborated')).toBeInTheDocument();
  });

  it('says so when a quoted passage no longer matches its source or an entity is gone', () => {
    renderEditor({
      initialDocument: documentOf(
        paragraph(mentionJson(ids.gone, 'Charles Babbage')),
        quoteJson(ids.orphanPassage, 'Original words.'),
      ),
    });
    const content = screen.getByRole('textbox', { name: 'Note text' });
    expect(within(content).getByText(/no longer matches its source/)).toBeInTheDocument();
    // The missing chip keeps the stored name and is not a button that opens anything.
    expect(within(content).getByText('Charles Babbage')).toBeInTheDocument();
    expect(within(content).getByText(/Missing entity/)).toBeInTheDocument();
    expect(within(content).queryByRole('button', { name: /Charles Babbage/ })).toBeNull();
  });

  it('shows a note that cannot be read as read-only, with the reason, and never saves it', async () => {
    const { onSave, handle } = renderEditor({
      initialDocument: documentOf({ type: 'image', version: 1, src: 'x' }),
    });
    expect(screen.getByRole('alert')).toHaveTextContent(/could not be opened/);
    expect(screen.getByRole('textbox', { name: 'Note text' })).toHaveAttribute(
      'contenteditable',
      'false',
    );
    expect(screen.queryByRole('toolbar')).toBeNull();
    await handle.current!.flush();
    expect(onSave).not.toHaveBeenCalled();
  });
});
