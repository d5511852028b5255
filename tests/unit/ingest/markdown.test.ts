import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS, INGEST_ERRORS } from '../../../src/core';
import { parseMarkdown, splitFrontMatter, UNRENDERED_WARNING } from '../../../src/ingest/markdown';
import { draftOf, expectCanonical, utf8 } from './helpers';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/ingest/markdown/${name}`, import.meta.url)));

function parse(fileName: string, bytes: Uint8Array) {
  return parseMarkdown({ fileName, bytes, limits: DEFAULT_INGEST_LIMITS });
}

describe('parseMarkdown on a briefing with front matter', () => {
  it('turns blocks into paragraphs, drops the markup and the front matter', async () => {
    const draft = draftOf(await parse('briefing.md', fixture('briefing.md')));
    expect(draft.kind).toBe('markdown');
    expect(draft.mediaType).toBe('text/markdown');
    expect(draft.warnings).toEqual([]);
    expect(expectCanonical(draft)).toEqual([
      'Phantom invoice ring: what we know',
      'Police arrested nine suspects on Thursday. The group hijacked the mailboxes of freight suppliers and sent doctored invoices to customers.',
      'Key figures',
      'More than $4.2 million diverted',
      'At least fourteen mule accounts',
      '$610,000 frozen',
      '“The only thing that changed was the account number.”',
      'Victim Loss',
      'Shipping agent $1.9m',
      'Cold-storage operator $0.8m',
      'IBAN changed: MY12 3456 7890',
    ]);
    for (const markup of ['---', 'title:', 'tags:', '**', '# ', '](', '|', '```']) {
      expect(draft.text, markup).not.toContain(markup);
    }
  });

  it('maps front matter to the title and provenance', async () => {
    const draft = draftOf(await parse('briefing.md', fixture('briefing.md')));
    expect(draft.title).toBe('Briefing: phantom invoice ring');
    expect(draft.provenance).toEqual({
      fileName: 'briefing.md',
      author: 'Mira Santos',
      publisher: 'The Harbour Ledger',
      publishedAt: '2024-03-14',
      url: 'https://www.harbourledger.example/news/2024/03/14/phantom-invoice-ring',
    });
  });

  it('keeps the rendered HTML as the reading view', async () => {
    const draft = draftOf(await parse('briefing.md', fixture('briefing.md')));
    expect(draft.html).toContain('<h1>Phantom invoice ring: what we know</h1>');
    expect(draft.html).toContain('<strong>nine suspects</strong>');
    expect(draft.html).toContain('<table>');
    expect(draft.html).not.toContain('title:');
  });
});

describe('parseMarkdown titles', () => {
  it('uses the first heading when there is no front matter', async () => {
    const draft = draftOf(
      await parse('n.md', utf8('Intro line\n\n## Second-level *heading*\n\nText')),
    );
    expect(draft.title).toBe('Second-level heading');
    expect(draft.provenance).toEqual({ fileName: 'n.md' });
  });

  it('uses the first paragraph without headings, and the file name when that is long', async () => {
    expect(draftOf(await parse('n.md', utf8('Just a **note**.\n\nMore.'))).title).toBe(
      'Just a note.',
    );
    expect(draftOf(await parse('notes/long.md', utf8('word '.repeat(60)))).title).toBe('long');
  });
});

describe('parseMarkdown edge cases', () => {
  it('does not take a leading thematic break for front matter', async () => {
    const draft = draftOf(await parse('hr.md', utf8('---\nJust text\n\n---\n\nMore text')));
    expect(draft.text).toBe('Just text\n\nMore text');
  });

  it('keeps raw HTML in the view (sanitised on display) but never script text in the text', async () => {
    const draft = draftOf(
      await parse(
        'raw.md',
        utf8('Before\n\n<script>window.__casefileCanary = 1</script>\n\nAfter'),
      ),
    );
    expect(draft.text).toBe('Before\n\nAfter');
    expect(draft.html).toContain('<script>');
  });

  it('decodes Windows-1252 Markdown with a warning', async () => {
    const bytes = Uint8Array.from([...utf8('# Caf'), 0xe9]);
    const draft = draftOf(await parse('w.md', bytes));
    expect(draft.title).toBe('Café');
    expect(draft.warnings[0]).toMatch(/^Not valid UTF-8 \(first invalid byte at offset 5\)/);
  });

  it.each([
    ['lists', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- item ${i}`).join('\n')],
    ['quotes', `${'>'.repeat(5000)} quoted`],
  ])('keeps hostile nesting (%s) as plain text instead of rendering it', async (_k, md) => {
    const draft = draftOf(await parse('deep.md', utf8(md)));
    expect(draft.warnings).toEqual([UNRENDERED_WARNING]);
    expect(draft.html).toBeUndefined();
    expectCanonical(draft);
    expect(draft.text.length).toBeGreaterThan(0);
  });

  it('refuses an empty file and a file with only front matter', async () => {
    expect(await parse('e.md', utf8(' \n\n '))).toEqual({
      ok: false,
      error: { code: INGEST_ERRORS.empty, message: 'e.md is empty.' },
    });
    expect(await parse('f.md', utf8('---\ntitle: x\n---\n\n'))).toEqual({
      ok: false,
      error: { code: INGEST_ERRORS.empty, message: 'f.md has no text besides its front matter.' },
    });
  });

  it('refuses invalid UTF-8 after a byte-order mark', async () => {
    const result = await parse('b.md', Uint8Array.from([0xef, 0xbb, 0xbf, 0x23, 0x20, 0xc3]));
    expect(result.ok || result.error.code).toBe(INGEST_ERRORS.invalidUtf8);
  });
});

describe('splitFrontMatter', () => {
  it('reads simple key: value lines, quotes, inline and block lists, comments and CRLF', () => {
    const text =
      '---\r\ntitle: "Quoted: title"\r\nAuthor: Jane Doe # the reporter\r\ntags: [a, "b"]\r\n' +
      'authors:\r\n  - One\r\n  - Two\r\nempty:\r\n---\r\nBody';
    const { fields, body } = splitFrontMatter(text);
    expect(body).toBe('Body');
    expect(Object.fromEntries(fields ?? [])).toEqual({
      title: 'Quoted: title',
      author: 'Jane Doe',
      tags: 'a, b',
      authors: 'One, Two',
    });
  });

  it('accepts an empty block and "..." as the closing line', () => {
    expect(splitFrontMatter('---\n---\nBody')).toEqual({ fields: new Map(), body: 'Body' });
    expect(splitFrontMatter('---\ndate: 2024-01-02\n...\nBody').body).toBe('Body');
  });

  it('copes with a hostile front-matter line (a hang would hit the test timeout)', () => {
    const { fields } = splitFrontMatter(`---\nauthor: a${' '.repeat(200_000)}b\n---\nBody`);
    expect(fields?.get('author')?.length).toBe(200_002);
  });

  it('leaves text without front matter alone', () => {
    expect(splitFrontMatter('Body\n---\nx: y\n---')).toEqual({
      fields: undefined,
      body: 'Body\n---\nx: y\n---',
    });
  });

  it('maps a "source" that is an address to url, not publisher', async () => {
    const draft = draftOf(
      await parse(
        's.md',
        utf8('---\nsource: https://example.org/post\ndate: March 3, 2023\n---\nText'),
      ),
    );
    expect(draft.provenance).toEqual({
      fileName: 's.md',
      url: 'https://example.org/post',
      publishedAt: '2023-03-03',
    });
  });
});
