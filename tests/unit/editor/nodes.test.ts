import { createHeadlessEditor } from '@lexical/headless';
import { $getRoot, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_NODE_TYPE,
  ENTITY_MENTION_NODE_TYPE,
  EVIDENCE_QUOTE_NODE_TYPE,
  type ClaimId,
  type EntityId,
  type NoteJsonNode,
  type PassageId,
  type SourceId,
} from '../../../src/core';
import { $createClaimNode, $isClaimNode, ClaimNode } from '../../../src/editor/nodes/ClaimNode';
import {
  $createEntityMentionNode,
  $isEntityMentionNode,
} from '../../../src/editor/nodes/EntityMentionNode';
import {
  $createEvidenceQuoteNode,
  $isEvidenceQuoteNode,
} from '../../../src/editor/nodes/EvidenceQuoteNode';
import { NOTE_NODES } from '../../../src/editor/noteNodes';

const mention: NoteJsonNode = {
  type: ENTITY_MENTION_NODE_TYPE,
  version: 1,
  entityId: 'entity-1',
  label: 'Ada Lovelace',
};
const quote: NoteJsonNode = {
  type: EVIDENCE_QUOTE_NODE_TYPE,
  version: 1,
  passageId: 'passage-1',
  sourceId: 'source-1',
  quote: 'The engine might compose music.',
  sourceTitle: 'Notes on the Analytical Engine',
};
const claim: NoteJsonNode = {
  type: CLAIM_NODE_TYPE,
  version: 1,
  claimId: 'claim-1',
  label: 'Ada Lovelace – worked with – Charles Babbage',
};

function newEditor(): LexicalEditor {
  return createHeadlessEditor({
    nodes: [...NOTE_NODES],
    onError: (error) => {
      throw error;
    },
  });
}

function paragraph(...children: NoteJsonNode[]): NoteJsonNode {
  return {
    type: 'paragraph',
    version: 1,
    children,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
  };
}

function text(value: string): NoteJsonNode {
  return { type: 'text', version: 1, text: value, detail: 0, format: 0, mode: 'normal', style: '' };
}

function stateOf(...children: NoteJsonNode[]): string {
  return JSON.stringify({
    root: { type: 'root', version: 1, children, direction: null, format: '', indent: 0 },
  });
}

/** Loads JSON into a headless editor and returns the root's children as exported again. */
function roundTrip(json: string): { editor: LexicalEditor; children: unknown[] } {
  const editor = newEditor();
  editor.setEditorState(editor.parseEditorState(json));
  const exported = editor.getEditorState().toJSON();
  return { editor, children: exported.root.children };
}

describe('EntityMentionNode', () => {
  it('round-trips its JSON inside a paragraph', () => {
    const { editor, children } = roundTrip(stateOf(paragraph(text('Met '), mention, text('.'))));
    expect(children).toEqual([
      expect.objectContaining({ children: [expect.anything(), mention, expect.anything()] }),
    ]);
    editor.getEditorState().read(() => {
      const node = $getRoot().getFirstDescendant()?.getNextSibling();
      expect($isEntityMentionNode(node)).toBe(true);
      if (!$isEntityMentionNode(node)) return;
      expect(node.getEntityId()).toBe('entity-1');
      expect(node.isInline()).toBe(true);
      // The label stands in for the chip in plain text (search, copy).
      expect(node.getTextContent()).toBe('Ada Lovelace');
      expect($getRoot().getTextContent()).toBe('Met Ada Lovelace.');
    });
  });

  it('is created by $createEntityMentionNode with the same JSON', () => {
    const editor = newEditor();
    editor.update(
      () => {
        const node = $createEntityMentionNode('entity-1' as EntityId, 'Ada Lovelace');
        expect(node.exportJSON()).toEqual(mention);
      },
      { discrete: true },
    );
  });

  it('refuses a version it does not know, and malformed fields', () => {
    expect(() => roundTrip(stateOf(paragraph({ ...mention, version: 2 })))).toThrow(
      /Unsupported entity-mention node version: 2/,
    );
    expect(() => roundTrip(stateOf(paragraph({ ...mention, entityId: 42 })))).toThrow(
      /Malformed entity-mention/,
    );
  });
});

describe('EvidenceQuoteNode', () => {
  it('round-trips its JSON as a block', () => {
    const { editor, children } = roundTrip(stateOf(paragraph(text('Before')), quote));
    expect(children[1]).toEqual(quote);
    editor.getEditorState().read(() => {
      const node = $getRoot().getLastChild();
      expect($isEvidenceQuoteNode(node)).toBe(true);
      if (!$isEvidenceQuoteNode(node)) return;
      expect(node.isInline()).toBe(false);
      expect(node.getPassageId()).toBe('passage-1');
      expect(node.getSourceId()).toBe('source-1');
      expect(node.getTextContent()).toBe('The engine might compose music.');
    });
  });

  it('is created by $createEvidenceQuoteNode with the same JSON', () => {
    newEditor().update(
      () => {
        const node = $createEvidenceQuoteNode({
          passageId: 'passage-1' as PassageId,
          sourceId: 'source-1' as SourceId,
          quote: 'The engine might compose music.',
          sourceTitle: 'Notes on the Analytical Engine',
        });
        expect(node.exportJSON()).toEqual(quote);
      },
      { discrete: true },
    );
  });

  it('refuses a version it does not know, and malformed fields', () => {
    expect(() => roundTrip(stateOf({ ...quote, version: 3 }))).toThrow(
      /Unsupported evidence-quote node version: 3/,
    );
    expect(() => roundTrip(stateOf({ ...quote, quote: undefined }))).toThrow(
      /Malformed evidence-quote/,
    );
  });
});

describe('ClaimNode', () => {
  it('round-trips its JSON as a block', () => {
    const { editor, children } = roundTrip(stateOf(claim));
    expect(children).toEqual([claim]);
    editor.getEditorState().read(() => {
      const node = $getRoot().getFirstChild();
      expect($isClaimNode(node)).toBe(true);
      expect(node).toBeInstanceOf(ClaimNode);
      if (!$isClaimNode(node)) return;
      expect(node.getClaimId()).toBe('claim-1');
      expect(node.getTextContent()).toBe('Ada Lovelace – worked with – Charles Babbage');
    });
  });

  it('is created by $createClaimNode with the same JSON', () => {
    newEditor().update(
      () => {
        expect($createClaimNode('claim-1' as ClaimId, claim.label as string).exportJSON()).toEqual(
          claim,
        );
      },
      { discrete: true },
    );
  });

  it('refuses a version it does not know', () => {
    expect(() => roundTrip(stateOf({ ...claim, version: 0 }))).toThrow(
      /Unsupported claim-embed node version: 0/,
    );
  });
});
