import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS, INGEST_ERRORS } from '../../../src/core';
import { httpUrl, NO_ARTICLE_WARNING, normaliseDate, parseHtml } from '../../../src/ingest/html';
import { withSkeleton } from '../../../src/ingest/htmlText';
import { draftOf, expectCanonical, utf8 } from './helpers';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/ingest/html/${name}`, import.meta.url)));

function parse(fileName: string, bytes: Uint8Array) {
  return parseHtml({ fileName, bytes, limits: DEFAULT_INGEST_LIMITS });
}

/** A page with enough article text for Readability to find it. */
function articlePage(head: string, extraBody = ''): string {
  const paragraph =
    'Investigators traced the stolen funds through a chain of shell companies registered in three ' +
    'jurisdictions, and said the accounts were opened with forged passports over several months.';
  return `<!doctype html><html><head>${head}</head><body>${extraBody}<article><h1>Heading</h1><p>${paragraph}</p><p>${paragraph} Second.</p><p>${paragraph} Third.</p></article></body></html>`;
}

describe('parseHtml on a news page with boilerplate', () => {
  const bytes = fixture('news-article.html');

  it('keeps the article text and drops navigation, paywall, cookie, related and footer text', async () => {
    const draft = draftOf(await parse('news-article.html', bytes));
    expect(draft.kind).toBe('html');
    expect(draft.mediaType).toBe('text/html');
    expect(draft.warnings).toEqual([]);
    const paragraphs = expectCanonical(draft);
    expect(paragraphs[0]).toBe(
      'PORT KELANG — Police have arrested nine people suspected of running a business e-mail compromise ring that hijacked the e-mail accounts of at least three freight suppliers and used them to send doctored invoices to their customers, investigators said on Thursday.',
    );
    expect(draft.text).toContain(
      '“The only thing that changed was the account number, and most finance teams simply did not check.”',
    );
    expect(paragraphs.at(-1)).toMatch(
      /^Rahman urged companies to confirm any change of bank details/,
    );
    expect(paragraphs).toHaveLength(7);
    for (const boilerplate of [
      'We use cookies',
      'Accept all cookies',
      'Manage cookie preferences',
      'Subscribe from $1 a week',
      'Sign in',
      'Technology',
      'Opinion',
      'You have 2 free articles left',
      'Subscribe to continue reading',
      'Already a subscriber',
      'Share on Facebook',
      'Related articles',
      'Bank customers lose $1.1m to fake courier texts',
      'Morning Briefing',
      'About us',
      'Privacy policy',
      'All rights reserved',
      'dataLayer',
    ]) {
      expect(draft.text, boilerplate).not.toContain(boilerplate);
    }
  });

  it('fills title and provenance from the page metadata', async () => {
    const draft = draftOf(await parse('news-article.html', bytes));
    expect(draft.title).toBe(
      'Police dismantle ‘phantom invoice’ ring that drained logistics firms',
    );
    expect(draft.provenance).toEqual({
      fileName: 'news-article.html',
      url: 'https://www.harbourledger.example/news/2024/03/14/phantom-invoice-ring',
      author: 'Mira Santos',
      publisher: 'The Harbour Ledger',
      publishedAt: '2024-03-14T08:30:00+08:00',
    });
  });

  it('keeps the original page as the (untrusted) HTML view', async () => {
    const draft = draftOf(await parse('news-article.html', bytes));
    expect(draft.html).toBe(new TextDecoder().decode(bytes));
  });
});

describe('parseHtml on a hostile page', () => {
  it('returns the article text and nothing from scripts, handlers or embedded documents', async () => {
    const draft = draftOf(await parse('hostile.html', fixture('hostile.html')));
    expectCanonical(draft);
    expect(draft.text).toContain(
      'about 48,000 customers were exposed for six weeks after a misconfigured storage bucket was left open to the internet',
    );
    expect(draft.text).toContain('which could be reused to forge delivery receipts.');
    for (const hostile of [
      '__casefileCanary',
      'evil.example',
      'javascript:',
      'document.write',
      'parent.',
      'Enable JavaScript',
      '@import',
      'Log in',
    ]) {
      expect(draft.text, hostile).not.toContain(hostile);
    }
    expect(draft.title).toBe('Courier firm admits data leak');
    // Nothing from the page's links becomes provenance: only canonical/og:url would, and it has none.
    expect(draft.provenance).toEqual({ fileName: 'hostile.html' });
    // The HTML view stays the original, hostile as it is: it is sanitised when shown.
    expect(draft.html).toContain('<script>');
  });
});

describe('parseHtml fallback for pages without an article', () => {
  it('keeps the whole page minus navigation, header, footer, asides and forms, and warns', async () => {
    const html =
      '<html><head><title>Contact sheet</title></head><body><header>Site name</header>' +
      '<nav><a href="/">Home</a></nav><h2>Duty officer</h2><p>Call extension 4410 after 18:00.</p>' +
      '<aside>Ad space</aside><form><label>Search</label></form><footer>Footer text</footer></body></html>';
    const draft = draftOf(await parse('contact.html', utf8(html)));
    expect(draft.text).toBe('Duty officer\n\nCall extension 4410 after 18:00.');
    expect(draft.warnings).toEqual([NO_ARTICLE_WARNING]);
    expect(draft.title).toBe('Contact sheet');
  });

  it('keeps a page that is nothing but a header rather than calling it empty', async () => {
    const draft = draftOf(await parse('h.html', utf8('<body><header>Only this</header></body>')));
    expect(draft.text).toBe('Only this');
    expect(draft.title).toBe('Only this');
  });

  it('reads an HTML fragment', async () => {
    const draft = draftOf(await parse('frag.htm', utf8('<p>One</p><p>Two <b>bold</b></p>')));
    expect(draft.text).toBe('One\n\nTwo bold');
    expect(draft.warnings).toEqual([NO_ARTICLE_WARNING]);
  });

  it('survives nesting deep enough to break recursive code', async () => {
    const depth = 5_000;
    const html = '<div>'.repeat(depth) + 'deep text' + '</div>'.repeat(depth);
    const result = await parse('deep.html', utf8(html));
    if (result.ok) expect(result.value.text).toBe('deep text');
    else expect(result.error.code).toBe(INGEST_ERRORS.htmlCorrupt);
  });
});

describe('pages with a partial skeleton', () => {
  it.each([
    ['<html> without <body>', '<html><head><title>T</title></head><p>Body text</p></html>'],
    [
      '<body> without <html>',
      '<!doctype html><head><title>T</title></head><body><p>Body text</p></body>',
    ],
    ['no <html>, <head> or <body>', '<meta charset="utf-8"><title>T</title><p>Body text</p>'],
  ])('reads %s like a browser would', async (_label, html) => {
    const draft = draftOf(await parse('p.html', utf8(html)));
    expect(draft.text).toBe('Body text');
    expect(draft.title).toBe('T');
    expect(draft.html).toBe(html);
  });

  it('leaves a complete page alone', () => {
    const html = '<!DOCTYPE html><html lang="en"><head></head><body><p>x</p></body></html>';
    expect(withSkeleton(html)).toBe(html);
  });
});

describe('parseHtml on pathological input', () => {
  it.each([
    ['unclosed <html tags', '<html'.repeat(40_000)],
    ['unclosed <head> tags', '<head '.repeat(40_000)],
    ['an unclosed comment', `<title>t</title><!--${' x'.repeat(100_000)}`],
    [
      'a huge date',
      `<html><head><meta property="article:published_time" content="${'9'.repeat(200_000)}"></head><body><p>x</p></body></html>`,
    ],
  ])('copes with %s (a hang would hit the test timeout)', async (_label, html) => {
    const result = await parse('p.html', utf8(html));
    if (result.ok) expect(result.value.provenance.publishedAt).toBeUndefined();
  });
});

describe('parseHtml metadata fallbacks', () => {
  it('takes og:url without a canonical link, <time datetime>, and normalises dates', async () => {
    const head =
      '<title>T</title><meta property="og:url" content="https://news.example/a?b=1">' +
      '<link rel="canonical" href="/relative/only">';
    const body = '<p>x</p>';
    const html = articlePage(head, body).replace(
      '<h1>Heading</h1>',
      '<h1>Heading</h1><time datetime="Thu, 14 Mar 2024 00:30:00 GMT">14 March</time>',
    );
    const draft = draftOf(await parse('a.html', utf8(html)));
    expect(draft.provenance.url).toBe('https://news.example/a?b=1');
    expect(draft.provenance.publishedAt).toBe('2024-03-14T00:30:00Z');
  });

  it('drops non-http(s) canonical URLs and keeps an unparseable date as written', async () => {
    const head =
      '<title>T</title><link rel="canonical" href="javascript:alert(1)">' +
      '<meta property="article:published_time" content="the day before yesterday">' +
      '<meta name="author" content="By Sam Lee">';
    const draft = draftOf(await parse('b.html', utf8(articlePage(head))));
    expect(draft.provenance.url).toBeUndefined();
    expect(draft.provenance.publishedAt).toBe('the day before yesterday');
    expect(draft.provenance.author).toBe('Sam Lee');
  });

  it('titles a page with no <title> from its first heading', async () => {
    const draft = draftOf(await parse('c.html', utf8(articlePage(''))));
    expect(draft.title).toBe('Heading');
  });
});

describe('parseHtml decoding', () => {
  const cafe = (head: string, bytes: number[]) =>
    Uint8Array.from([
      ...utf8(`<html><head>${head}</head><body><p>caf`),
      ...bytes,
      ...utf8('</p></body></html>'),
    ]);

  it('honours <meta charset> when there is no byte-order mark', async () => {
    const draft = draftOf(await parse('m.html', cafe('<meta charset="windows-1252">', [0xe9])));
    expect(draft.text).toBe('café');
    expect(draft.warnings).toEqual([NO_ARTICLE_WARNING]);
  });

  it('honours an http-equiv Content-Type charset', async () => {
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">';
    const draft = draftOf(await parse('m.html', cafe(head, [0xe9])));
    expect(draft.text).toBe('café');
  });

  it('reads a page whose <meta> claims UTF-16 as UTF-8, as browsers do', async () => {
    const draft = draftOf(await parse('m.html', cafe('<meta charset="utf-16">', [0xc3, 0xa9])));
    expect(draft.text).toBe('café');
    expect(draft.warnings).toEqual([NO_ARTICLE_WARNING]);
  });

  it('lets a byte-order mark win over <meta charset>', async () => {
    const bytes = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...cafe('<meta charset="windows-1252">', [0xc3, 0xa9]),
    ]);
    const draft = draftOf(await parse('m.html', bytes));
    expect(draft.text).toBe('café');
    expect(draft.html?.startsWith('<html>')).toBe(true);
  });

  it('falls back to Windows-1252 with a warning when undeclared bytes are not UTF-8', async () => {
    const draft = draftOf(await parse('m.html', cafe('', [0xe9])));
    expect(draft.text).toBe('café');
    expect(draft.warnings[0]).toMatch(
      /^Not valid UTF-8 \(first invalid byte at offset \d+\): decoded as Windows-1252\./,
    );
  });

  it('refuses an empty file, and a page with no text', async () => {
    expect(await parse('e.html', new Uint8Array())).toEqual({
      ok: false,
      error: { code: INGEST_ERRORS.empty, message: 'e.html is empty.' },
    });
    expect(
      await parse(
        'n.html',
        utf8('<html><head><title></title></head><body><img src=x></body></html>'),
      ),
    ).toEqual({
      ok: false,
      error: { code: INGEST_ERRORS.empty, message: 'n.html has no readable text.' },
    });
  });

  it('refuses invalid UTF-8 after a UTF-8 byte-order mark', async () => {
    const result = await parse(
      'bad.html',
      Uint8Array.from([0xef, 0xbb, 0xbf, 0x3c, 0x70, 0x3e, 0xff]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(INGEST_ERRORS.invalidUtf8);
      expect(result.error.message).toBe(
        'bad.html declares UTF-8 (byte-order mark) but has invalid UTF-8 at byte 6.',
      );
    }
  });
});

describe('normaliseDate', () => {
  it.each([
    ['2024-03-14', '2024-03-14'],
    ['2024-03-14T08:30:00+08:00', '2024-03-14T08:30:00+08:00'],
    ['2024-03-14 08:30', '2024-03-14T08:30'],
    ['Thu, 14 Mar 2024 00:30:00 GMT', '2024-03-14T00:30:00Z'],
    ['Thu, 14 Mar 2024 08:30:00 +0800', '2024-03-14T00:30:00Z'],
    ['March 14, 2024', '2024-03-14'],
    ['14 March 2024 10:05', '2024-03-14T10:05:00'],
    ['2024-13-45', undefined],
    ['yesterday', undefined],
    ['1', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });
});

describe('httpUrl', () => {
  it.each([
    ['https://a.example/x', 'https://a.example/x'],
    [' http://a.example ', 'http://a.example/'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['/relative', undefined],
    ['file:///etc/passwd', undefined],
    ['', undefined],
  ])('%s', (input, expected) => {
    expect(httpUrl(input)).toBe(expected);
  });
});
