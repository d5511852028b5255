import { createHeadlessEditor } from '@lexical/headless';
import { $getRoot, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_NODE_TYPE,
  ENTITY_MENTION_NODE_TYPE,
  EVIDENCE_QUOTE_NODE_TYPE,
  NOTE_FORMAT,
  NOTE_FORMAT_VERSION,
  noteReferences,
  noteText,
  type NoteDocument,
  type NoteJsonNode,
} from '../../../src/core';
import { $loadNoteDocument, noteDocumentFromEditor } from '../../../src/editor/noteDocument';
import { NOTE_NODES } from '../../../src/editor/noteNodes';

function newEditor(): LexicalEditor {
  return createHeadlessEditor({
    nodes: [...NOTE_NODES],
    onError: (error) => {
      throw error;
    },
  });
}

const block = { direction: null, format: '', indent: 0 };
const text = (value: string, format = 0): NoteJsonNode => ({
  type: 'text',
  version: 1,
  text: value,
  detail: 0,
  format,
  mode: 'normal',
  style: '',
});
const paragraph = (...children: NoteJsonNode[]): NoteJsonNode => ({
  type: 'paragraph',
  version: 1,
  children,
  ...block,
  textFormat: 0,
  textStyle: '',
});

function documentOf(...children: NoteJsonNode[]): NoteDocument {
  return {
    format: NOTE_FORMAT,
    version: NOTE_FORMAT_VERSION,
    editorState: { root: { type: 'root', version: 1, children, ...block } },
  };
}

function load(document: NoteDocument): LexicalEditor {
  const editor = newEditor();
  editor.update(() => $loadNoteDocument(document), { discrete: true });
  return editor;
}

/** A note with every kind of node the editor supports. */
function richNote(): NoteDocument {
  return documentOf(
    { type: 'heading', version: 1, tag: 'h1', children: [text('Findings')], ...block },
    paragraph(
      text('Bold', 1),
      text(' and '),
      { type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId: 'entity-1', label: 'Ada' },
      text(' '),
      {
        type: 'link',
        version: 1,
        url: 'https://example.org/',
        rel: null,
        target: null,
        title: null,
        children: [text('a link')],
        ...block,
      },
    ),
    { type: 'quote', version: 1, children: [text('A block quote')], ...block },
    {
      type: 'list',
      version: 1,
      listType: 'check',
      start: 1,
      tag: 'ul',
      children: [
        {
          type: 'listitem',
          version: 1,
          value: 1,
          checked: true,
          children: [text('Done')],
          ...block,
        },
      ],
      ...block,
    },
    {
      type: EVIDENCE_QUOTE_NODE_TYPE,
      version: 1,
      passageId: 'passage-1',
      sourceId: 'source-1',
      quote: 'Quoted words',
      sourceTitle: 'A source',
    },
    { type: CLAIM_NODE_TYPE, version: 1, claimId: 'claim-1', label: 'A – b – C' },
    { type: 'horizontalrule', version: 1 },
    { type: 'code', version: 1, language: null, children: [text('x = 1')], ...block },
  );
}

describe('note document serialization', () => {
  it('wraps the editor state in the versioned envelope', () => {
    const document = noteDocumentFromEditor(load(richNote()));
    expect(document.format).toBe(NOTE_FORMAT);
    expect(document.version).toBe(NOTE_FORMAT_VERSION);
    expect(document.editorState.root.type).toBe('root');
  });

  it('survives save and load unchanged', () => {
    const once = noteDocumentFromEditor(load(richNote()));
    const twice = noteDocumentFromEditor(load(JSON.parse(JSON.stringify(once)) as NoteDocument));
    expect(twice).toEqual(once);
    const types = once.editorState.root.children?.map((child) => child.type);
    expect(types).toEqual([
      'heading',
      'paragraph',
      'quote',
      'list',
      EVIDENCE_QUOTE_NODE_TYPE,
      CLAIM_NODE_TYPE,
      'horizontalrule',
      'code',
    ]);
  });

  it('gives an empty note one paragraph to type in', () => {
    const editor = load(documentOf());
    editor.getEditorState().read(() => {
      expect($getRoot().getChildrenSize()).toBe(1);
      expect($getRoot().getFirstChild()?.getType()).toBe('paragraph');
    });
  });

  it('refuses a node type it does not know', () => {
    const editor = newEditor();
    expect(() =>
      editor.update(() => $loadNoteDocument(documentOf({ type: 'image', version: 1 })), {
        discrete: true,
      }),
    ).toThrow(/image/);
  });

  it('gives core what it extracts: mentions, quotes and claims (backlinks) and plain text', () => {
    const document = noteDocumentFromEditor(load(richNote()));
    expect(noteReferences(document)).toEqual({
      entityIds: ['entity-1'],
      passageIds: ['passage-1'],
      claimIds: ['claim-1'],
    });
    const plain = noteText(document);
    expect(plain).toContain('Findings');
    expect(plain).toContain('Bold and Ada a link');
    expect(plain).toContain('Quoted words');
  });
});
