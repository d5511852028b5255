import { act, screen, waitFor, within } from '@testing-library/react';
import { DROP_COMMAND, getNearestEditorFromDOMNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_NODE_TYPE,
  ENTITY_MENTION_NODE_TYPE,
  EVIDENCE_QUOTE_NODE_TYPE,
  type NoteJsonNode,
} from '../../../src/core';
import { noteDocumentFromEditor, PASSAGE_DRAG_TYPE } from '../../../src/editor';
import { fakeResolver, ids, quoteJson, renderEditor } from './harness';

function editorOf(): LexicalEditor {
  const editor = getNearestEditorFromDOMNode(screen.getByRole('textbox', { name: 'Note text' }));
  if (!editor) throw new Error('no editor');
  return editor;
}

function nodesOfType(editor: LexicalEditor, type: string): NoteJsonNode[] {
  const found: NoteJsonNode[] = [];
  const walk = (node: NoteJsonNode) => {
    if (node.type === type) found.push(node);
    node.children?.forEach(walk);
  };
  walk(noteDocumentFromEditor(editor).editorState.root);
  return found;
}

function dropEvent(data: Record<string, string>): DragEvent {
  const dataTransfer = {
    types: Object.keys(data),
    files: [],
    getData: (type: string) => data[type] ?? '',
    dropEffect: 'none',
  };
  return Object.assign(new Event('drop', { cancelable: true }), {
    dataTransfer,
    clientX: 0,
    clientY: 0,
  }) as unknown as DragEvent;
}

describe('DropPassagePlugin and the editor handle', () => {
  it('turns a dropped passage into a quote card', async () => {
    const { resolver } = fakeResolver();
    renderEditor({ resolver });
    const editor = editorOf();
    const event = dropEvent({ [PASSAGE_DRAG_TYPE]: ids.passage });
    await act(async () => {
      editor.dispatchCommand(DROP_COMMAND, event);
      await Promise.resolve();
    });
    expect(event.defaultPrevented).toBe(true);
    expect(resolver.quoteFor).toHaveBeenCalledWith(ids.passage);
    await waitFor(() => expect(nodesOfType(editor, EVIDENCE_QUOTE_NODE_TYPE)).toHaveLength(1));
    expect(nodesOfType(editor, EVIDENCE_QUOTE_NODE_TYPE)[0]).toMatchObject({
      passageId: ids.passage,
      quote: 'Dropped words.',
    });
  });

  it('leaves other drops to Lexical', async () => {
    const { resolver } = fakeResolver();
    renderEditor({ resolver });
    const event = dropEvent({ 'text/plain': 'hello' });
    await act(async () => {
      editorOf().dispatchCommand(DROP_COMMAND, event);
      await Promise.resolve();
    });
    expect(resolver.quoteFor).not.toHaveBeenCalled();
  });

  it('inserts quotes, claims and mentions through the handle', async () => {
    const { handle } = renderEditor();
    const editor = editorOf();
    await act(async () => {
      handle.current!.insertQuote(quoteJson(ids.deletedPassage, 'Words since deleted.'));
      handle.current!.insertClaim(ids.goneClaim, 'Ada – founded – Engine Ltd');
      handle.current!.insertMention({ id: ids.gone, name: 'Charles Babbage', type: 'Person' });
      await Promise.resolve();
    });
    await waitFor(() => expect(nodesOfType(editor, CLAIM_NODE_TYPE)).toHaveLength(1));
    expect(nodesOfType(editor, EVIDENCE_QUOTE_NODE_TYPE)).toHaveLength(1);
    expect(nodesOfType(editor, ENTITY_MENTION_NODE_TYPE)).toEqual([
      { type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId: ids.gone, label: 'Charles Babbage' },
    ]);
    // The fake resolver knows none of them: each says so, showing what was stored.
    const content = screen.getByRole('textbox', { name: 'Note text' });
    expect(within(content).getByText(/The quoted passage was deleted/)).toBeInTheDocument();
    expect(within(content).getByText('Words since deleted.')).toBeInTheDocument();
    expect(within(content).getByText(/This claim was deleted/)).toBeInTheDocument();
    expect(within(content).getByText('Ada – founded – Engine Ltd')).toBeInTheDocument();
    expect(within(content).getByText('Missing entity:', { exact: false })).toBeInTheDocument();
    expect(within(content).getByText('Charles Babbage')).toBeInTheDocument();
  });
});
