import { act, screen } from '@testing-library/react';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  getNearestEditorFromDOMNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { noteDocumentFromEditor } from '../../../src/editor';
import { renderEditor } from './harness';

function editorOf(): LexicalEditor {
  const editor = getNearestEditorFromDOMNode(screen.getByRole('textbox', { name: 'Note text' }));
  if (!editor) throw new Error('no editor');
  return editor;
}

/** Puts `before` in an empty paragraph, then types `typed` after it as a keystroke would. */
async function typeAfter(editor: LexicalEditor, before: string, typed: string) {
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await act(async () => {
    editor.getRootElement()?.focus();
    editor.update(
      () => {
        const node = $createTextNode(before);
        $getRoot().clear().append($createParagraphNode().append(node));
        node.select();
      },
      { discrete: true },
    );
    editor.update(
      () => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertText(typed);
      },
      { discrete: true },
    );
    await Promise.resolve();
  });
}

function firstBlock(editor: LexicalEditor) {
  return noteDocumentFromEditor(editor).editorState.root.children?.[0];
}

describe('Markdown shortcuts', () => {
  it('turns "# " into a heading', async () => {
    renderEditor();
    const editor = editorOf();
    await typeAfter(editor, '#', ' ');
    expect(firstBlock(editor)).toMatchObject({ type: 'heading', tag: 'h1' });
  });

  it('turns "[ ] " into a check list', async () => {
    renderEditor();
    const editor = editorOf();
    await typeAfter(editor, '[ ]', ' ');
    expect(firstBlock(editor)).toMatchObject({ type: 'list', listType: 'check' });
  });

  it('turns "--- " into a horizontal rule', async () => {
    renderEditor();
    const editor = editorOf();
    await typeAfter(editor, '---', ' ');
    const types = noteDocumentFromEditor(editor).editorState.root.children?.map((c) => c.type);
    expect(types).toContain('horizontalrule');
  });
});
