import { describe, expect, it } from 'vitest';
import {
  MAX_NOTE_DEPTH,
  NOTE_FORMAT,
  NOTE_FORMAT_VERSION,
  type NoteDocument,
  type NoteJsonNode,
} from '../../../../src/core/model/note';
import { narrativeBlocks, type NarrativeResolver } from '../../../../src/core/report';

const calls: string[] = [];
const resolver: NarrativeResolver = {
  mention(entityId, label) {
    calls.push(`mention:${entityId}`);
    return { kind: 'mention', text: `@${label}` };
  },
  quote(node) {
    calls.push(`quote:${node.passageId}`);
    return { kind: 'evidenceQuote', text: node.quote, footnote: calls.length };
  },
  claim(claimId, label) {
    calls.push(`claim:${claimId}`);
    return { kind: 'claim', text: label };
  },
};

function doc(...children: unknown[]): NoteDocument {
  return {
    format: NOTE_FORMAT,
    version: NOTE_FORMAT_VERSION,
    editorState: { root: { type: 'root', version: 1, children: children as NoteJsonNode[] } },
  };
}
const text = (value: string, format = 0) => ({ type: 'text', version: 1, text: value, format });
const node = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  children,
  ...extra,
});
const paragraph = (...children: unknown[]) => node('paragraph', children);
const quoteNode = (passageId: string) => ({
  type: 'evidence-quote',
  version: 1,
  passageId,
  sourceId: 's',
  quote: `quoted ${passageId}`,
  sourceTitle: 'T',
});
const claimNode = (claimId: string) => ({
  type: 'claim-embed',
  version: 1,
  claimId,
  label: `claim ${claimId}`,
});

describe('narrativeBlocks', () => {
  it('reads text formats from the bitmask', () => {
    const blocks = narrativeBlocks(
      doc(
        paragraph(
          text('plain'),
          text('b', 1),
          text('i', 2),
          text('s', 4),
          text('u', 8),
          text('c', 16),
          text('bi', 3),
        ),
      ),
      resolver,
    );
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: 'plain' },
          { kind: 'text', text: 'b', bold: true },
          { kind: 'text', text: 'i', italic: true },
          { kind: 'text', text: 's', strikethrough: true },
          { kind: 'text', text: 'u', underline: true },
          { kind: 'text', text: 'c', code: true },
          { kind: 'text', text: 'bi', bold: true, italic: true },
        ],
      },
    ]);
  });

  it('reads line breaks, tabs, links and autolinks', () => {
    const blocks = narrativeBlocks(
      doc(
        paragraph(
          text('a'),
          { type: 'linebreak', version: 1 },
          { type: 'tab', version: 1, text: '\t' },
          node('link', [text('the site', 1)], { url: 'https://example.org/' }),
          node('autolink', [text('www.example.org')], { url: 'https://www.example.org' }),
          node('link', [text('no address')], {}),
        ),
      ),
      resolver,
    );
    expect(blocks[0]).toEqual({
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: 'a' },
        { kind: 'lineBreak' },
        { kind: 'text', text: '\t' },
        { kind: 'link', text: 'the site', url: 'https://example.org/' },
        { kind: 'link', text: 'www.example.org', url: 'https://www.example.org' },
        { kind: 'text', text: 'no address' },
      ],
    });
  });

  it('maps headings h1 → 1, h2 → 2, deeper → 3, and reads block quotes and code', () => {
    const blocks = narrativeBlocks(
      doc(
        node('heading', [text('One')], { tag: 'h1' }),
        node('heading', [text('Two')], { tag: 'h2' }),
        node('heading', [text('Four')], { tag: 'h4' }),
        node('quote', [text('Said')]),
        node('code', [
          text('let x'),
          { type: 'linebreak', version: 1 },
          node('code-highlight', [], { text: '= 1' }),
        ]),
        { type: 'horizontalrule', version: 1 },
      ),
      resolver,
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, inlines: [{ kind: 'text', text: 'One' }] },
      { kind: 'heading', level: 2, inlines: [{ kind: 'text', text: 'Two' }] },
      { kind: 'heading', level: 3, inlines: [{ kind: 'text', text: 'Four' }] },
      { kind: 'quote', inlines: [{ kind: 'text', text: 'Said' }] },
      { kind: 'code', text: 'let x\n= 1' },
    ]);
  });

  it('reads ordered and bullet lists, a nested list joining the item before it', () => {
    const item = (...children: unknown[]) => node('listitem', children);
    const blocks = narrativeBlocks(
      doc(
        node(
          'list',
          [
            item(text('first')),
            item(node('list', [item(text('nested'))], { listType: 'bullet', tag: 'ul' })),
            item(text('second')),
          ],
          { listType: 'number', tag: 'ol' },
        ),
      ),
      resolver,
    );
    expect(blocks).toEqual([
      {
        kind: 'list',
        ordered: true,
        items: [
          [
            { kind: 'paragraph', inlines: [{ kind: 'text', text: 'first' }] },
            {
              kind: 'list',
              ordered: false,
              items: [[{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'nested' }] }]],
            },
          ],
          [{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'second' }] }],
        ],
      },
    ]);
  });

  it('reads tables, cells of several paragraphs joined by line breaks', () => {
    const cell = (...paragraphs: unknown[]) => node('tablecell', paragraphs);
    const blocks = narrativeBlocks(
      doc(
        node('table', [
          node('tablerow', [
            cell(paragraph(text('A'))),
            cell(paragraph(text('B')), paragraph(text('C'))),
          ]),
        ]),
      ),
      resolver,
    );
    expect(blocks).toEqual([
      {
        kind: 'table',
        rows: [
          [
            [{ kind: 'text', text: 'A' }],
            [{ kind: 'text', text: 'B' }, { kind: 'lineBreak' }, { kind: 'text', text: 'C' }],
          ],
        ],
      },
    ]);
  });

  it('resolves mentions, quotes and claims in document order', () => {
    calls.length = 0;
    const blocks = narrativeBlocks(
      doc(
        paragraph(text('by '), {
          type: 'entity-mention',
          version: 1,
          entityId: 'e1',
          label: 'Mara',
        }),
        quoteNode('p1'),
        claimNode('c1'),
        paragraph({ type: 'entity-mention', version: 1, entityId: 'e2', label: 'Jonas' }),
        quoteNode('p2'),
      ),
      resolver,
    );
    expect(calls).toEqual(['mention:e1', 'quote:p1', 'claim:c1', 'mention:e2', 'quote:p2']);
    expect(blocks.map((b) => b.kind)).toEqual([
      'paragraph',
      'evidenceQuote',
      'claim',
      'paragraph',
      'evidenceQuote',
    ]);
    expect(blocks[0]).toEqual({
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: 'by ' },
        { kind: 'mention', text: '@Mara' },
      ],
    });
  });

  it('splits a paragraph around a quote or claim misplaced inside it', () => {
    calls.length = 0;
    const blocks = narrativeBlocks(
      doc(paragraph(text('before'), quoteNode('p1'), text('after'))),
      resolver,
    );
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'evidenceQuote', 'paragraph']);
  });

  it('renders unknown node types as their text and drops empty paragraphs', () => {
    const blocks = narrativeBlocks(
      doc(
        paragraph(),
        node('collapsible-container', [
          node('collapsible-title', [text('Hidden title')]),
          paragraph(text('inside')),
        ]),
        node('future-inline-block', [node('sparkle', [text('shiny')])]),
        { type: 'page-break', version: 1 },
        { type: 'mystery', version: 1, text: 'loose text' },
        text('stray text at the top'),
      ),
      resolver,
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'Hidden title' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'inside' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'shiny' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'loose text' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'stray text at the top' }] },
    ]);
  });

  it('never throws on malformed nodes', () => {
    const malformed = doc(
      null,
      42,
      'text',
      { type: 'paragraph', version: 1, children: 'not a list' },
      {
        type: 'paragraph',
        version: 1,
        children: [null, { type: 'text', text: 7, format: 'bold' }],
      },
      { type: 'link', version: 1, children: [text('x')], url: 5 },
      { type: 'evidence-quote', version: 1 },
      { type: 'heading', version: 1, tag: 7, children: [text('H')] },
    );
    expect(() => narrativeBlocks(malformed, resolver)).not.toThrow();
    const blocks = narrativeBlocks(malformed, resolver);
    expect(blocks).toContainEqual({
      kind: 'heading',
      level: 3,
      inlines: [{ kind: 'text', text: 'H' }],
    });
    expect(
      narrativeBlocks({ ...malformed, editorState: { root: null } } as never, resolver),
    ).toEqual([]);
  });

  it('stops at MAX_NOTE_DEPTH instead of recursing without bound', () => {
    let deep: unknown = paragraph(text('bottom'));
    for (let i = 0; i < MAX_NOTE_DEPTH * 50; i++) deep = node('mystery', [deep]);
    const shallow = node('mystery', [node('mystery', [paragraph(text('near'))])]);
    const blocks = narrativeBlocks(doc(deep, shallow), resolver);
    expect(blocks).toEqual([{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'near' }] }]);
  });
});
