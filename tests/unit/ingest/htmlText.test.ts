import { describe, expect, it } from 'vitest';
import { assembleText } from '../../../src/core';
import { paragraphsOfHtml } from '../../../src/ingest/htmlText';

describe('paragraphsOfHtml', () => {
  it('splits at blocks, keeps inline text together, and drops what a reader never sees', () => {
    const html =
      '<html><head><title>x</title><style>a{}</style></head><body><h1>Title</h1>' +
      '<p>Hello <b>big</b>\n   world<br>again</p><script>evil()</script><ul><li>one</li><li>two</li></ul>' +
      '<table><tr><td>a</td><td>b</td></tr></table><template><p>hidden</p></template></body></html>';
    expect(assembleText([paragraphsOfHtml(html)], { paged: false }).text).toBe(
      'Title\n\nHello big world again\n\none\n\ntwo\n\na b',
    );
  });

  it('survives nesting deep enough to overflow a recursive walk', () => {
    const depth = 20_000;
    const html = '<div>'.repeat(depth) + 'deep' + '</div>'.repeat(depth);
    expect(paragraphsOfHtml(html).map((p) => p.trim())).toEqual(['deep']);
  });
});

describe('assembleText', () => {
  it('records paragraph and page offsets that slice back to the text', () => {
    const { text, structure } = assembleText([['  First\tpara ', ''], [], ['Third page']], {
      paged: true,
    });
    expect(text).toBe('First para\n\nThird page');
    expect(structure.paragraphs?.map((r) => text.slice(r.start, r.end))).toEqual([
      'First para',
      'Third page',
    ]);
    expect(structure.pages?.map((r) => text.slice(r.start, r.end))).toEqual([
      'First para',
      '',
      'Third page',
    ]);
  });

  it('normalises to NFC', () => {
    expect(assembleText([['Cafe\u0301']], { paged: false }).text).toBe('Caf\u00e9');
  });
});
