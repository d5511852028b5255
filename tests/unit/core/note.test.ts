import { describe, expect, it } from 'vitest';
import {
  CLAIM_NODE_TYPE,
  ENTITY_MENTION_NODE_TYPE,
  EVIDENCE_QUOTE_NODE_TYPE,
  MAX_NOTE_DEPTH,
  MAX_NOTE_DOCUMENT_LENGTH,
  MAX_NOTE_TITLE_LENGTH,
  NOTE_FORMAT,
  NOTE_FORMAT_VERSION,
  appendToNoteDocument,
  asClaimId,
  asEntityId,
  asPassageId,
  asSourceId,
  claimEmbedJson,
  duplicateNoteTitle,
  emptyNoteDocument,
  entityMentionJson,
  evidenceQuoteJson,
  foldForSearch,
  noteReferences,
  noteText,
  noteTitleMatches,
  parseNoteDocument,
  serializeNoteDocument,
  validateNoteTitle,
  type NoteDocument,
  type NoteJsonNode,
} from '../../../src/core';
import v4 from '../../fixtures/schemas/v4';

const kessel = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const varga = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a51');
const passage = asPassageId('7a1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const otherPassage = asPassageId('7a1c2a52-55a4-4b1e-9d55-1d6f0c3e7a51');
const source = asSourceId('8b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');
const claim = asClaimId('9c1c2a52-55a4-4b1e-9d55-1d6f0c3e7a50');

function text(value: string): NoteJsonNode {
  return { type: 'text', version: 1, text: value, format: 0, detail: 0, mode: 'normal', style: '' };
}

function paragraph(...children: NoteJsonNode[]): NoteJsonNode {
  return { type: 'paragraph', version: 1, children };
}

function documentOf(...children: NoteJsonNode[]): NoteDocument {
  return {
    format: NOTE_FORMAT,
    version: NOTE_FORMAT_VERSION,
    editorState: { root: { type: 'root', version: 1, children } },
  };
}

const quote = evidenceQuoteJson({
  passageId: passage,
  sourceId: source,
  quote: 'The tanker left at 02:14.',
  sourceTitle: 'Harbour log',
});

/** A document with a heading, a mention, a quote, a list and a claim. */
const richDocument = documentOf(
  { type: 'heading', tag: 'h1', version: 1, children: [text('Findings')] },
  paragraph(text('Met '), entityMentionJson(kessel, 'Anna Kessel'), text(' at the pier.')),
  quote,
  {
    type: 'list',
    version: 1,
    listType: 'bullet',
    children: [
      {
        type: 'listitem',
        version: 1,
        children: [
          text('Ask '),
          entityMentionJson(varga, 'Varga'),
          { type: 'linebreak', version: 1 },
          text('again'),
        ],
      },
      {
        type: 'listitem',
        version: 1,
        children: [
          {
            type: 'link',
            version: 1,
            url: 'https://example.org',
            children: [text('registry')],
          },
        ],
      },
    ],
  },
  claimEmbedJson(claim, 'Kessel signed for delivery 4471'),
  paragraph(entityMentionJson(kessel, 'Anna Kessel')),
);

/** Nodes nested `levels` deep below the root (paragraph in quote in quote …). */
function nested(levels: number): NoteDocument {
  let node: NoteJsonNode = text('deep');
  for (let i = 0; i < levels - 1; i += 1) node = { type: 'quote', version: 1, children: [node] };
  return documentOf(node);
}

function codeOf(result: { ok: boolean; error?: { code: string } }): string | undefined {
  return result.ok ? undefined : result.error?.code;
}

function messageOf(result: { ok: boolean; error?: { message: string } }): string {
  return result.ok ? '' : (result.error?.message ?? '');
}

describe('emptyNoteDocument', () => {
  it('is a current-format document with one empty paragraph', () => {
    const doc = emptyNoteDocument();
    expect(doc.format).toBe(NOTE_FORMAT);
    expect(doc.version).toBe(NOTE_FORMAT_VERSION);
    expect(doc.editorState.root.type).toBe('root');
    expect(doc.editorState.root.children).toEqual([
      expect.objectContaining({ type: 'paragraph', children: [] }),
    ]);
    expect(noteText(doc)).toBe('');
  });

  it('round-trips through serialize and parse', () => {
    const json = serializeNoteDocument(emptyNoteDocument());
    expect(json.ok).toBe(true);
    if (json.ok)
      expect(parseNoteDocument(json.value)).toEqual({ ok: true, value: emptyNoteDocument() });
  });
});

describe('parseNoteDocument', () => {
  it('reads a current document unchanged', () => {
    const json = JSON.stringify(richDocument);
    expect(parseNoteDocument(json)).toEqual({ ok: true, value: richDocument });
  });

  it('migrates format 1 (a bare Lexical state, as schema v4 stored it) into the envelope', () => {
    const stored = v4.tables['notes']![0]!['editorState'] as string;
    expect(JSON.parse(stored)).not.toHaveProperty('format');
    const result = parseNoteDocument(stored);
    expect(result).toEqual({
      ok: true,
      value: {
        format: NOTE_FORMAT,
        version: NOTE_FORMAT_VERSION,
        editorState: { root: { children: [], type: 'root', version: 1 } },
      },
    });
  });

  it('migrates a format 1 state with text and keeps every node', () => {
    const state = {
      root: { type: 'root', version: 1, children: [paragraph(text('Timeline of 3 Dec'))] },
    };
    const result = parseNoteDocument(JSON.stringify(state));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.editorState).toEqual(state);
    expect(noteText(result.value)).toBe('Timeline of 3 Dec');
  });

  it('refuses a newer format and tells the investigator to update Casefile', () => {
    const newer = { ...emptyNoteDocument(), version: NOTE_FORMAT_VERSION + 1 };
    const result = parseNoteDocument(JSON.stringify(newer));
    expect(codeOf(result)).toBe('note.formatTooNew');
    expect(messageOf(result)).toMatch(/newer version of Casefile/);
    expect(messageOf(result)).toMatch(/Update Casefile/);
  });

  it('refuses text that is not JSON', () => {
    const result = parseNoteDocument('{"root": {');
    expect(codeOf(result)).toBe('note.malformed');
    expect(messageOf(result)).toMatch(/not valid JSON/);
  });

  it.each([
    ['null', 'not a note document'],
    ['[1,2]', 'not a note document'],
    ['"text"', 'not a note document'],
    ['{"title":"x"}', 'neither a note document nor an editor state'],
    [
      '{"format":"other","version":2,"editorState":{"root":{"type":"root","version":1}}}',
      'format is “other”',
    ],
    ['{"format":"casefile-note","version":"2","editorState":{}}', 'no valid version number'],
    ['{"format":"casefile-note","version":1,"editorState":{}}', 'never had an envelope'],
    ['{"format":"casefile-note","version":2}', 'no editor state'],
    ['{"format":"casefile-note","version":2,"editorState":{}}', 'no root node'],
    ['{"root":{"type":"paragraph","version":1,"children":[]}}', 'top node is “paragraph”'],
    ['{"root":{"version":1,"children":[]}}', 'root has no type'],
    ['{"root":{"type":"root","children":[]}}', 'has no version number'],
    ['{"root":{"type":"root","version":"1","children":[]}}', 'has no version number'],
    ['{"root":{"type":"root","version":1,"children":{}}}', 'children that are not a list'],
    ['{"root":{"type":"root","version":1,"children":[7]}}', 'root › children[0] is not a node'],
    [
      '{"root":{"type":"root","version":1,"children":[{"type":"paragraph","version":1,"children":[{"version":1}]}]}}',
      'root › children[0] › children[0] has no type',
    ],
    [
      '{"root":{"type":"root","version":1,"children":[{"type":"root","version":1}]}}',
      'second root',
    ],
  ])('refuses %s as malformed (%s)', (json, detail) => {
    const result = parseNoteDocument(json);
    expect(codeOf(result)).toBe('note.malformed');
    expect(messageOf(result)).toContain(detail);
  });

  it('refuses a custom node whose id is not a string', () => {
    const cases: [NoteJsonNode, string][] = [
      [
        { type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId: 42, label: 'Kessel' },
        'entity mention has no entity id',
      ],
      [
        { type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId: kessel },
        'entity mention has no label',
      ],
      [{ ...quote, passageId: null }, 'quote has no passage id'],
      [{ ...quote, sourceId: ['x'] }, 'quote has no source id'],
      [{ ...quote, quote: 5 }, 'quote has no quoted text'],
      [{ type: CLAIM_NODE_TYPE, version: 1, claimId: '', label: 'x' }, 'claim has no claim id'],
      [
        { type: CLAIM_NODE_TYPE, version: 1, claimId: { id: claim }, label: 'x' },
        'claim has no claim id',
      ],
    ];
    for (const [node, detail] of cases) {
      const result = parseNoteDocument(JSON.stringify(documentOf(paragraph(node))));
      expect(codeOf(result), detail).toBe('note.malformed');
      expect(messageOf(result)).toContain(detail);
      expect(messageOf(result)).toContain('root › children[0] › children[0]');
    }
  });

  it('accepts nesting up to MAX_NOTE_DEPTH and refuses deeper', () => {
    expect(parseNoteDocument(JSON.stringify(nested(MAX_NOTE_DEPTH))).ok).toBe(true);
    const result = parseNoteDocument(JSON.stringify(nested(MAX_NOTE_DEPTH + 1)));
    expect(codeOf(result)).toBe('note.malformed');
    expect(messageOf(result)).toContain(`more than ${MAX_NOTE_DEPTH} levels deep`);
  });

  it('refuses absurdly deep JSON without overflowing the stack', () => {
    const depth = 100_000;
    const json = `{"root":{"type":"root","version":1,"children":${'[{"type":"quote","version":1,"children":'.repeat(depth)}[]${'}]'.repeat(depth)}}}`;
    expect(codeOf(parseNoteDocument(json))).toBe('note.malformed');
  });

  it('refuses content over the size cap before parsing it', () => {
    const huge = ' '.repeat(MAX_NOTE_DOCUMENT_LENGTH + 1);
    const result = parseNoteDocument(huge);
    expect(codeOf(result)).toBe('note.tooLarge');
    expect(messageOf(result)).toMatch(/Split it into several notes/);
  });

  it('refuses a value that is not text', () => {
    expect(codeOf(parseNoteDocument(undefined as unknown as string))).toBe('note.malformed');
  });
});

describe('serializeNoteDocument', () => {
  it('writes JSON that parses back to the same document', () => {
    const json = serializeNoteDocument(richDocument);
    expect(json.ok).toBe(true);
    if (json.ok) expect(parseNoteDocument(json.value)).toEqual({ ok: true, value: richDocument });
  });

  it('refuses a document over the size cap', () => {
    const big = documentOf(paragraph(text('x'.repeat(MAX_NOTE_DOCUMENT_LENGTH))));
    const result = serializeNoteDocument(big);
    expect(codeOf(result)).toBe('note.tooLarge');
    expect(messageOf(result)).toMatch(/limit is 32\.0 MB/);
  });

  it('refuses documents that are not sound', () => {
    const wrongVersion = { ...richDocument, version: 1 } as unknown as NoteDocument;
    expect(codeOf(serializeNoteDocument(wrongVersion))).toBe('note.malformed');
    const badMention = documentOf(
      paragraph({ type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId: 3, label: 'x' }),
    );
    expect(messageOf(serializeNoteDocument(badMention))).toContain(
      'entity mention has no entity id',
    );
    expect(codeOf(serializeNoteDocument(nested(MAX_NOTE_DEPTH + 1)))).toBe('note.malformed');
    const cyclic = documentOf(paragraph(text('x'))) as unknown as {
      editorState: { root: Record<string, unknown> };
    };
    cyclic.editorState.root['self'] = cyclic.editorState.root;
    expect(messageOf(serializeNoteDocument(cyclic as unknown as NoteDocument))).toContain(
      'cannot be written as JSON',
    );
  });
});

describe('noteReferences', () => {
  it('lists mentions, quotes and claims once each, in document order', () => {
    const doc = appendToNoteDocument(richDocument, [
      evidenceQuoteJson({
        passageId: otherPassage,
        sourceId: source,
        quote: 'q',
        sourceTitle: 't',
      }),
      quote,
    ]);
    expect(noteReferences(doc)).toEqual({
      entityIds: [kessel, varga],
      passageIds: [passage, otherPassage],
      claimIds: [claim],
    });
  });

  it('finds nothing in an empty note', () => {
    expect(noteReferences(emptyNoteDocument())).toEqual({
      entityIds: [],
      passageIds: [],
      claimIds: [],
    });
  });

  it('skips custom nodes without a usable id', () => {
    const doc = documentOf(
      paragraph(
        { type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId: 42, label: 'x' },
        { type: ENTITY_MENTION_NODE_TYPE, version: 1, label: 'x' },
        entityMentionJson(varga, 'Varga'),
      ),
      { type: EVIDENCE_QUOTE_NODE_TYPE, version: 1, passageId: '' },
      { type: CLAIM_NODE_TYPE, version: 1, claimId: null },
      'not a node' as unknown as NoteJsonNode,
    );
    expect(noteReferences(doc)).toEqual({ entityIds: [varga], passageIds: [], claimIds: [] });
  });
});

describe('noteText', () => {
  it('gives one line per block, mentions as labels, quotes as their text', () => {
    expect(noteText(richDocument)).toBe(
      [
        'Findings',
        'Met Anna Kessel at the pier.',
        'The tanker left at 02:14.',
        'Ask Varga\nagain',
        'registry',
        'Kessel signed for delivery 4471',
        'Anna Kessel',
      ].join('\n'),
    );
  });

  it('keeps empty paragraphs as empty lines', () => {
    expect(noteText(documentOf(paragraph(text('a')), paragraph(), paragraph(text('b'))))).toBe(
      'a\n\nb',
    );
  });
});

describe('validateNoteTitle', () => {
  it('trims and collapses white space', () => {
    expect(validateNoteTitle('  Interview \n notes ')).toEqual({
      ok: true,
      value: 'Interview notes',
    });
  });

  it.each([[''], ['   '], [undefined], [42]])('refuses %j as empty', (title) => {
    expect(validateNoteTitle(title)).toEqual({
      ok: false,
      error: { code: 'note.title.empty', message: 'A note needs a title.' },
    });
  });

  it('accepts MAX_NOTE_TITLE_LENGTH characters and refuses more', () => {
    expect(validateNoteTitle('a'.repeat(MAX_NOTE_TITLE_LENGTH)).ok).toBe(true);
    const result = validateNoteTitle('a'.repeat(MAX_NOTE_TITLE_LENGTH + 1));
    expect(codeOf(result)).toBe('note.title.tooLong');
    expect(messageOf(result)).toContain(`${MAX_NOTE_TITLE_LENGTH + 1}`);
  });
});

describe('duplicateNoteTitle and title search', () => {
  it('appends (copy), shortening a long title to fit', () => {
    expect(duplicateNoteTitle('Timeline')).toBe('Timeline (copy)');
    const long = duplicateNoteTitle('a'.repeat(MAX_NOTE_TITLE_LENGTH));
    expect(long).toHaveLength(MAX_NOTE_TITLE_LENGTH);
    expect(long.endsWith(' (copy)')).toBe(true);
  });

  it('ignores case and accents', () => {
    expect(foldForSearch('Émile ZOLA')).toBe('emile zola');
    expect(noteTitleMatches('Entretien avec Émile', 'emile')).toBe(true);
    expect(noteTitleMatches('Entretien avec Emile', 'ÉMILE')).toBe(true);
    expect(noteTitleMatches('Timeline', 'harbour')).toBe(false);
    expect(noteTitleMatches('Timeline', '  ')).toBe(true);
  });
});

describe('appendToNoteDocument', () => {
  it('adds blocks at the end without changing the original', () => {
    const before = emptyNoteDocument();
    const after = appendToNoteDocument(before, [quote]);
    expect(after.editorState.root.children).toEqual([
      ...(before.editorState.root.children ?? []),
      quote,
    ]);
    expect(before.editorState.root.children).toHaveLength(1);
    expect(serializeNoteDocument(after).ok).toBe(true);
  });

  it('wraps inline nodes (a mention) in a paragraph', () => {
    const mention = entityMentionJson(kessel, 'Anna Kessel');
    const after = appendToNoteDocument(documentOf(), [text('See '), mention, quote]);
    expect(after.editorState.root.children).toEqual([
      expect.objectContaining({ type: 'paragraph', children: [text('See '), mention] }),
      quote,
    ]);
    expect(noteReferences(after)).toEqual({
      entityIds: [kessel],
      passageIds: [passage],
      claimIds: [],
    });
  });
});

describe('node JSON builders', () => {
  it('build the serialized shapes of the custom nodes', () => {
    expect(entityMentionJson(kessel, 'Anna Kessel')).toEqual({
      type: 'entity-mention',
      version: 1,
      entityId: kessel,
      label: 'Anna Kessel',
    });
    expect(quote).toEqual({
      type: 'evidence-quote',
      version: 1,
      passageId: passage,
      sourceId: source,
      quote: 'The tanker left at 02:14.',
      sourceTitle: 'Harbour log',
    });
    expect(claimEmbedJson(claim, 'Kessel signed')).toEqual({
      type: 'claim-embed',
      version: 1,
      claimId: claim,
      label: 'Kessel signed',
    });
  });
});
