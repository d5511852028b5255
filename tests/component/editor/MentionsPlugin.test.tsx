import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  getNearestEditorFromDOMNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { ENTITY_MENTION_NODE_TYPE, type EntityId, type NoteJsonNode } from '../../../src/core';
import { noteDocumentFromEditor } from '../../../src/editor';
import { fakeResolver, ids, renderEditor } from './harness';

function editorOf(): LexicalEditor {
  const editor = getNearestEditorFromDOMNode(screen.getByRole('textbox', { name: 'Note text' }));
  if (!editor) throw new Error('no editor');
  return editor;
}

/** Puts text in a fresh paragraph with the caret at its end, as typing would. */
async function typeAtEnd(editor: LexicalEditor, value: string) {
  await act(async () => {
    // Lexical mirrors its selection into the DOM only while the editor has focus.
    editor.getRootElement()?.focus();
    editor.update(() => {
      const node = $createTextNode(value);
      $getRoot().clear().append($createParagraphNode().append(node));
      node.select();
    });
    // The menu opens in a React transition.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function mentionsIn(editor: LexicalEditor): NoteJsonNode[] {
  const found: NoteJsonNode[] = [];
  const walk = (node: NoteJsonNode) => {
    if (node.type === ENTITY_MENTION_NODE_TYPE) found.push(node);
    node.children?.forEach(walk);
  };
  walk(noteDocumentFromEditor(editor).editorState.root);
  return found;
}

describe('MentionsPlugin', () => {
  it('lists matching entities after @ and inserts the chosen one as a mention', async () => {
    const { resolver } = fakeResolver();
    renderEditor({ resolver });
    const editor = editorOf();
    await typeAtEnd(editor, 'Talked to @Ada');

    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option');
    expect(options[0]).toHaveTextContent('Ada Lovelace');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(options.map((option) => option.textContent)).toContain('Create “Ada” as Organisation');

    await act(async () => {
      options[0]!.click();
      await Promise.resolve();
    });
    await waitFor(() => expect(mentionsIn(editor)).toHaveLength(1));
    expect(mentionsIn(editor)[0]).toMatchObject({ entityId: ids.ada, label: 'Ada Lovelace' });
    editor.getEditorState().read(() => {
      expect($getRoot().getTextContent()).toBe('Talked to Ada Lovelace');
    });
    expect(screen.queryByRole('listbox', { name: 'Mention an entity' })).not.toBeInTheDocument();
  });

  it('creates a new entity from the type-ahead and mentions it', async () => {
    const { resolver } = fakeResolver();
    renderEditor({ resolver });
    const editor = editorOf();
    await typeAtEnd(editor, 'Funded by @Acme Holdings');

    const listbox = await screen.findByRole('listbox');
    const create = within(listbox).getByRole('option', {
      name: /Create “Acme Holdings” as Organisation/,
    });
    await act(async () => {
      create.click();
      await Promise.resolve();
    });
    expect(resolver.createEntity).toHaveBeenCalledWith('Acme Holdings', 'Organization');
    await waitFor(() => expect(mentionsIn(editor)).toHaveLength(1));
    expect(mentionsIn(editor)[0]).toMatchObject({ label: 'Acme Holdings' });
    editor.getEditorState().read(() => {
      expect($getRoot().getTextContent()).toBe('Funded by Acme Holdings');
    });
  });

  it('moves through the options with the arrow keys and picks one with Enter', async () => {
    const { resolver } = fakeResolver([
      { id: ids.ada, name: 'Ada Lovelace', type: 'Person' },
      { id: 'entity-byron' as EntityId, name: 'Ada Byron', type: 'Person' },
    ]);
    renderEditor({ resolver });
    const editor = editorOf();
    await typeAtEnd(editor, '@Ada');
    const listbox = await screen.findByRole('listbox');
    expect(listbox).toHaveAccessibleName('Mention an entity');
    const root = editor.getRootElement()!;
    await act(async () => {
      fireEvent.keyDown(root, { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 });
      await Promise.resolve();
    });
    const options = within(listbox).getAllByRole('option');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(root).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await act(async () => {
      fireEvent.keyDown(root, { key: 'Enter', code: 'Enter', keyCode: 13 });
      await Promise.resolve();
    });
    await waitFor(() => expect(mentionsIn(editor)).toHaveLength(1));
    expect(mentionsIn(editor)[0]).toMatchObject({ entityId: 'entity-byron', label: 'Ada Byron' });
  });
});
