import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { $getRoot, getNearestEditorFromDOMNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import type { NoteJsonNode } from '../../../src/core';
import { noteDocumentFromEditor } from '../../../src/editor';
import { documentOf, paragraph, renderEditor, text } from './harness';

function editorOf(): LexicalEditor {
  const editor = getNearestEditorFromDOMNode(screen.getByRole('textbox', { name: 'Note text' }));
  if (!editor) throw new Error('no editor');
  return editor;
}

async function selectAll(editor: LexicalEditor) {
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await act(async () => {
    editor.getRootElement()?.focus();
    editor.update(
      () => {
        const first = $getRoot().getFirstDescendant();
        const last = $getRoot().getLastDescendant();
        if (first && last) {
          const selection = $getRoot().select(0, $getRoot().getChildrenSize());
          selection.anchor.set(first.getKey(), 0, 'text');
          selection.focus.set(last.getKey(), last.getTextContentSize(), 'text');
        }
      },
      { discrete: true },
    );
    await Promise.resolve();
  });
}

function linksIn(editor: LexicalEditor): NoteJsonNode[] {
  const found: NoteJsonNode[] = [];
  const walk = (node: NoteJsonNode) => {
    if (node.type === 'link') found.push(node);
    node.children?.forEach(walk);
  };
  walk(noteDocumentFromEditor(editor).editorState.root);
  return found;
}

function link(url: string, label: string): NoteJsonNode {
  return {
    type: 'link',
    version: 1,
    url,
    rel: null,
    target: null,
    title: null,
    children: [text(label)],
    direction: null,
    format: '',
    indent: 0,
  };
}

describe('ToolbarPlugin', () => {
  it('formats the selection and shows the format as pressed; undo follows history', async () => {
    renderEditor();
    const editor = editorOf();
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    expect(within(toolbar).getByRole('button', { name: 'Undo' })).toBeDisabled();
    expect(within(toolbar).getByRole('button', { name: 'Redo' })).toBeDisabled();
    expect(within(toolbar).getByRole('button', { name: 'Bold' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await selectAll(editor);
    await act(async () => {
      fireEvent.click(within(toolbar).getByRole('button', { name: 'Bold' }));
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(within(toolbar).getByRole('button', { name: 'Bold' })).toHaveAttribute(
        'aria-pressed',
        'true',
      ),
    );
    const paragraphJson = noteDocumentFromEditor(editor).editorState.root.children?.[0];
    expect(paragraphJson?.children?.[0]).toMatchObject({ text: 'Hello', format: 1 });
    await waitFor(() =>
      expect(within(toolbar).getByRole('button', { name: 'Undo' })).toBeEnabled(),
    );

    await act(async () => {
      fireEvent.click(within(toolbar).getByRole('button', { name: 'Undo' }));
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(within(toolbar).getByRole('button', { name: 'Redo' })).toBeEnabled(),
    );
  });

  it('changes the block type from the select', async () => {
    renderEditor();
    const editor = editorOf();
    await selectAll(editor);
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Block type' }), {
        target: { value: 'h2' },
      });
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(noteDocumentFromEditor(editor).editorState.root.children?.[0]).toMatchObject({
        type: 'heading',
        tag: 'h2',
      }),
    );
    expect(screen.getByRole('combobox', { name: 'Block type' })).toHaveValue('h2');
  });

  it('asks for a link address in a dialog and refuses javascript: addresses', async () => {
    renderEditor();
    const editor = editorOf();
    await selectAll(editor);
    await userEvent.click(screen.getByRole('button', { name: 'Link' }));
    const dialog = screen.getByRole('dialog', { name: 'Link' });
    const address = within(dialog).getByRole('textbox', { name: 'Address' });
    await userEvent.clear(address);
    await userEvent.type(address, 'javascript:alert(1)');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/web address/);
    expect(linksIn(editor)).toEqual([]);

    await userEvent.clear(address);
    await userEvent.type(address, 'https://example.org/report');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(linksIn(editor)).toEqual([
        expect.objectContaining({ url: 'https://example.org/report' }),
      ]),
    );
  });
});

describe('InertLinksPlugin', () => {
  it('never navigates: internal links open in the app, others do nothing', () => {
    window.location.hash = '#/start';
    renderEditor({
      initialDocument: documentOf(
        paragraph(
          link('https://example.org/', 'outside'),
          text(' and '),
          link('#/case/c1/entities/e1', 'inside'),
        ),
      ),
    });
    const content = screen.getByRole('textbox', { name: 'Note text' });
    const outside = within(content).getByText('outside').closest('a')!;
    expect(fireEvent.click(outside)).toBe(false); // default prevented
    expect(window.location.hash).toBe('#/start');
    const inside = within(content).getByText('inside').closest('a')!;
    expect(fireEvent.click(inside)).toBe(false);
    expect(window.location.hash).toBe('#/case/c1/entities/e1');
  });

  it('unwraps links whose address is refused when the note loads', async () => {
    renderEditor({
      initialDocument: documentOf(paragraph(link('javascript:alert(1)', 'bad'), text(' ok'))),
    });
    const editor = editorOf();
    await waitFor(() => expect(linksIn(editor)).toEqual([]));
    editor.getEditorState().read(() => expect($getRoot().getTextContent()).toBe('bad ok'));
  });
});
