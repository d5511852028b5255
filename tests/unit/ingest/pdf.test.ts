import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS, INGEST_ERRORS, pageAt, type SourceDraft } from '../../../src/core';
import {
  NO_TEXT_LAYER_WARNING,
  linesOfTextItems,
  paragraphsOfLines,
  parsePdf,
  parsePdfDate,
  type PdfLine,
} from '../../../src/ingest/pdf';
import type { Result } from '../../../src/shared/result';
import {
  REPORT_PDF,
  buildTextPdf,
  generatedPageParagraphs,
  type PdfParagraph,
} from '../../fixtures/ingest/pdfBuilder';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/ingest/pdf/${name}`, import.meta.url)));

const parse = (fileName: string, bytes: Uint8Array, limits = DEFAULT_INGEST_LIMITS) =>
  parsePdf({ fileName, bytes, limits });

function draftOf(result: Result<SourceDraft>): SourceDraft {
  if (!result.ok)
    throw new Error(`expected a draft, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const textOf = (paragraph: PdfParagraph) =>
  typeof paragraph === 'string' ? paragraph : paragraph.text;

/** Each page's canonical text, sliced by `structure.pages`. */
function pageTexts(draft: SourceDraft): string[] {
  return (draft.structure.pages ?? []).map((page) => draft.text.slice(page.start, page.end));
}

describe('parsePdf: the committed report.pdf (used by the e2e test)', () => {
  it('keeps three pages of paragraphs, with page offsets that slice back to each page', async () => {
    const draft = draftOf(await parse('report.pdf', fixture('report.pdf')));
    expect(draft.kind).toBe('pdf');
    expect(draft.mediaType).toBe('application/pdf');
    expect(draft.warnings).toEqual([]);
    expect(draft.structure.pages).toHaveLength(3);
    expect(pageTexts(draft)).toEqual(
      REPORT_PDF.pages.map((paragraphs, index) =>
        [...paragraphs.map(textOf), `Page ${index + 1} of 3`].join('\n\n'),
      ),
    );
    // Every paragraph is its own range, and no paragraph crosses a page boundary.
    expect(draft.structure.paragraphs).toHaveLength(
      REPORT_PDF.pages.reduce((sum, page) => sum + page.length + 1, 0),
    );
  });

  it('lets a passage on page 2 be cited as page 2', async () => {
    const draft = draftOf(await parse('report.pdf', fixture('report.pdf')));
    const offset = draft.text.indexOf(REPORT_PDF.pageTwoPhrase);
    expect(offset).toBeGreaterThan(0);
    expect(draft.text.indexOf(REPORT_PDF.pageTwoPhrase, offset + 1)).toBe(-1);
    expect(pageAt(draft.structure, offset)).toBe(2);
    expect(pageAt(draft.structure, draft.text.indexOf('Recommendations'))).toBe(3);
  });

  it('reads title, author and dates from the info dictionary, keeping the stated time zone', async () => {
    const draft = draftOf(await parse('report.pdf', fixture('report.pdf')));
    expect(draft.title).toBe('Harbour Authority Inspection Report');
    expect(draft.provenance).toEqual({
      fileName: 'report.pdf',
      author: 'Mara Lindqvist',
      publishedAt: '2016-02-05T12:00:00+09:00',
      modifiedAt: '2016-03-01T09:30:00Z',
    });
  });

  it('leaves the caller’s bytes attached and unchanged (pdf.js only gets a copy)', async () => {
    const bytes = fixture('report.pdf');
    const before = bytes.slice();
    draftOf(await parse('report.pdf', bytes));
    expect(bytes.buffer.byteLength).toBe(before.length);
    expect(bytes).toEqual(before);
  });
});

describe('parsePdf: titles and metadata fallbacks', () => {
  it('uses the first line of text when the PDF has no title, and no metadata at all', async () => {
    const bytes = await buildTextPdf({
      pages: [['Minutes of the board meeting', 'Present: five members.'], ['Second page.']],
    });
    const draft = draftOf(await parse('minutes.pdf', bytes));
    expect(draft.title).toBe('Minutes of the board meeting');
    expect(draft.provenance).toEqual({ fileName: 'minutes.pdf' });
    expect(pageTexts(draft)).toEqual([
      'Minutes of the board meeting\n\nPresent: five members.',
      'Second page.',
    ]);
  });

  it('falls back to XMP metadata when the info dictionary has none', async () => {
    const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Shipping Ledger 2021</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Ines Duarte</rdf:li></rdf:Seq></dc:creator>
<xmp:CreateDate>2021-06-30T08:15:00-04:00</xmp:CreateDate>
<xmp:ModifyDate>2021-07-01T10:00:00.250Z</xmp:ModifyDate>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const draft = draftOf(
      await parse('ledger.pdf', await buildTextPdf({ pages: [['Body text.']], xmp })),
    );
    expect(draft.title).toBe('Shipping Ledger 2021');
    expect(draft.provenance).toEqual({
      fileName: 'ledger.pdf',
      author: 'Ines Duarte',
      publishedAt: '2021-06-30T08:15:00-04:00',
      modifiedAt: '2021-07-01T10:00:00Z',
    });
  });

  it('ignores an unreadable date rather than storing nonsense', async () => {
    const bytes = await buildTextPdf({
      pages: [['Text.']],
      title: '  ',
      creationDate: 'D:20161345',
      modDate: 'last Tuesday',
    });
    const draft = draftOf(await parse('dates.pdf', bytes));
    expect(draft.title).toBe('Text.');
    expect(draft.provenance).toEqual({ fileName: 'dates.pdf' });
  });

  it('extracts every page of a generated multi-page PDF (the benchmark builder)', async () => {
    const draft = draftOf(await parse('generated.pdf', await buildTextPdf({ pages: 12 })));
    expect(draft.structure.pages).toHaveLength(12);
    pageTexts(draft).forEach((page, index) => {
      expect(page).toBe(
        generatedPageParagraphs(index + 1)
          .map(textOf)
          .join('\n\n'),
      );
    });
    expect(draft.title).toBe('Section 1');
  });
});

describe('parsePdf: PDFs without text', () => {
  it('imports an image-only PDF with empty text, empty page ranges and a "no text layer" warning', async () => {
    const draft = draftOf(await parse('scan.pdf', fixture('image-only.pdf')));
    expect(draft.text).toBe('');
    expect(draft.structure.pages).toEqual([
      { start: 0, end: 0 },
      { start: 0, end: 0 },
    ]);
    expect(draft.warnings).toEqual([NO_TEXT_LAYER_WARNING]);
    expect(NO_TEXT_LAYER_WARNING).toBe(
      'No text layer: this PDF has no extractable text (probably a scan). Run OCR and import the result to quote from it.',
    );
    expect(draft.title).toBe('scan.pdf');
  });
});

describe('parsePdf: refused files', () => {
  it('refuses a file without a %PDF header', async () => {
    const result = await parse(
      'notes.pdf',
      new TextEncoder().encode('Just some notes, not a PDF.'),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.pdfCorrupt,
        message: 'notes.pdf is not a PDF (no %PDF header).',
      },
    });
  });

  it('refuses a truncated PDF (the first half of report.pdf)', async () => {
    expect(await parse('truncated.pdf', fixture('truncated.pdf'))).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.pdfCorrupt,
        message: 'truncated.pdf is damaged or truncated: its PDF structure cannot be read.',
      },
    });
  });

  it('refuses garbage behind a %PDF header', async () => {
    expect(await parse('garbage.pdf', fixture('garbage.pdf'))).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.pdfCorrupt,
        message: 'garbage.pdf is damaged or truncated: its PDF structure cannot be read.',
      },
    });
  });

  it('refuses a password-protected PDF (qpdf AES-256, user password "user")', async () => {
    expect(await parse('encrypted.pdf', fixture('encrypted.pdf'))).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.pdfEncrypted,
        message: 'encrypted.pdf is password-protected; remove the password and import it again.',
      },
    });
  });

  it('refuses a PDF with more pages than the limit', async () => {
    const limits = { ...DEFAULT_INGEST_LIMITS, maxPdfPages: 2 };
    expect(await parse('report.pdf', fixture('report.pdf'), limits)).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.pdfTooManyPages,
        message: 'report.pdf has 3 pages; Casefile imports PDFs of at most 2 pages.',
      },
    });
  });

  it('warns, but imports, when the end-of-file marker is missing', async () => {
    const bytes = fixture('report.pdf');
    const tail = new TextDecoder().decode(bytes.subarray(-7));
    expect(tail).toContain('%%EOF');
    const draft = draftOf(await parse('cut.pdf', bytes.subarray(0, bytes.length - 7)));
    expect(pageAt(draft.structure, draft.text.indexOf(REPORT_PDF.pageTwoPhrase))).toBe(2);
    expect(draft.warnings).toEqual([
      'cut.pdf has no end-of-file marker, so it may be truncated: some pages or text may be missing.',
    ]);
  });
});

describe('parsePdfDate', () => {
  it.each([
    ["D:20160205120000+09'00'", '2016-02-05T12:00:00+09:00'],
    ["D:20160205120000+09'00", '2016-02-05T12:00:00+09:00'],
    ["D:19991231235959-05'30'", '1999-12-31T23:59:59-05:30'],
    ['D:20160301093000Z', '2016-03-01T09:30:00Z'],
    ["D:20160301093000Z00'00'", '2016-03-01T09:30:00Z'],
    ['D:20160301093000', '2016-03-01T09:30:00'],
    ['D:201603010930', '2016-03-01T09:30:00'],
    ['D:2016030109', '2016-03-01T09:00:00'],
    ['D:20160301', '2016-03-01'],
    ['D:201603', '2016-03'],
    ['D:2016', '2016'],
    ["20160205120000+01'00'", '2016-02-05T12:00:00+01:00'],
    ['D:20160229', '2016-02-29'],
    ['2021-06-30T08:15:00-04:00', '2021-06-30T08:15:00-04:00'],
    ['2021-06-30T08:15Z', '2021-06-30T08:15:00Z'],
    ['2021-06-30', '2021-06-30'],
  ])('%s → %s', (raw, iso) => {
    expect(parsePdfDate(raw)).toBe(iso);
  });

  it.each([
    '',
    'D:',
    'D:20161301',
    'D:20150229',
    'D:20160230',
    'D:20160205250000',
    'D:20160205126000',
    "D:20160205120000+25'00'",
    'D:2016020512000',
    'Friday 5 February 2016',
  ])('rejects %j', (raw) => {
    expect(parsePdfDate(raw)).toBeUndefined();
  });
});

describe('paragraphsOfLines', () => {
  const line = (text: string, y: number, extra: Partial<PdfLine> = {}): PdfLine => ({
    text,
    left: 72,
    right: 72 + text.length * 5.5,
    y,
    size: 11,
    blankAfter: false,
    ...extra,
  });

  it('joins wrapped lines and breaks at a larger gap than the usual spacing', () => {
    const lines = [
      line('The first paragraph wraps onto', 700, { right: 520 }),
      line('a second line and a third line that', 686, { right: 520 }),
      line('ends here.', 672),
      line('The second paragraph follows a', 648, { right: 520 }),
      line('wider gap.', 634),
    ];
    expect(paragraphsOfLines(lines)).toEqual([
      'The first paragraph wraps onto a second line and a third line that ends here.',
      'The second paragraph follows a wider gap.',
    ]);
  });

  it('breaks at headings (font size), bullets, blank lines and jumps up the page (columns)', () => {
    const lines = [
      line('Heading', 700, { size: 16 }),
      line('Body text that runs on', 680, { right: 520 }),
      line('and on', 666, { blankAfter: true }),
      line('After a blank line', 652, { right: 520 }),
      line('• first bullet', 638, { right: 520 }),
      line('• second bullet', 624, { right: 520 }),
      line('Second column starts', 700, { left: 320, right: 520 }),
    ];
    expect(paragraphsOfLines(lines)).toEqual([
      'Heading',
      'Body text that runs on and on',
      'After a blank line',
      '• first bullet',
      '• second bullet',
      'Second column starts',
    ]);
  });

  it('ends a paragraph at a short line that finishes a sentence, even without extra space', () => {
    const lines = [
      line('A long line of running text that fills the whole width', 700, { right: 520 }),
      line('and stops.', 686),
      line('Next paragraph, no extra space.', 672),
    ];
    expect(paragraphsOfLines(lines)).toEqual([
      'A long line of running text that fills the whole width and stops.',
      'Next paragraph, no extra space.',
    ]);
  });

  it('joins words broken by a soft hyphen, and keeps a hard hyphen before a lower-case word', () => {
    const lines = [
      line('an inves\u00AD', 700, { right: 520 }),
      line('tigation of well-', 686, { right: 520 }),
      line('known facts', 672, { right: 520 }),
    ];
    expect(paragraphsOfLines(lines)).toEqual(['an investigation of well-known facts']);
  });
});

describe('linesOfTextItems', () => {
  const item = (str: string, x: number, y: number, hasEOL = false, width = str.length * 5) => ({
    str,
    dir: 'ltr',
    transform: [11, 0, 0, 11, x, y],
    width,
    height: 11,
    fontName: 'f1',
    hasEOL,
  });

  it('splits at hasEOL and at baseline changes, adds missing spaces, marks blank lines', () => {
    const lines = linesOfTextItems([
      item('Hello', 72, 700),
      item('world', 110, 700), // a visible gap, no space item
      item('', 72, 686, true),
      { type: 'beginMarkedContent', id: '' },
      item('Second', 72, 686),
      item(' ', 102, 686),
      item('line', 107, 686, true),
      item('', 72, 658, true), // a second line end in a row: a blank line
      item('Third', 72, 658),
      item('moved down without an EOL', 72, 644),
    ]);
    expect(lines.map((l) => [l.text, l.y, l.blankAfter])).toEqual([
      ['Hello world', 700, false],
      ['Second line', 686, true],
      ['Third', 658, false],
      ['moved down without an EOL', 644, false],
    ]);
  });
});
