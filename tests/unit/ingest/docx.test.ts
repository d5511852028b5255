import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS, INGEST_ERRORS, type SourceDraft } from '../../../src/core';
import {
  NO_TEXT_WARNING,
  containsDtd,
  coreProperties,
  isXmlPart,
  parseDocx,
} from '../../../src/ingest/docx';
import type { Result } from '../../../src/shared/result';
import {
  MEMO_DOCX,
  buildDocx,
  buildMemoDocx,
  buildRawZip,
  concatBytes,
  deflatedEntry,
  documentXml,
  zerosDeflated,
} from '../../fixtures/ingest/docxBuilder';

const MB = 1024 * 1024;
const memo = () =>
  new Uint8Array(readFileSync(new URL('../../fixtures/ingest/docx/memo.docx', import.meta.url)));

const parse = (fileName: string, bytes: Uint8Array, limits = DEFAULT_INGEST_LIMITS) =>
  parseDocx({ fileName, bytes, limits });

function draftOf(result: Result<SourceDraft>): SourceDraft {
  if (!result.ok)
    throw new Error(`expected a draft, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

const DTD_MESSAGE = (name: string) =>
  `${name} contains an XML document type declaration, which Word never writes; refused as a possible XML entity attack.`;

const XXE_DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>';

const BILLION_LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
  Array.from(
    { length: 9 },
    (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`,
  ).join('') +
  ']>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:styles>';

describe('parseDocx: the committed memo.docx (used by the e2e test)', () => {
  it('makes canonical paragraphs from mammoth’s HTML and keeps that HTML', async () => {
    const draft = draftOf(await parse('memo.docx', memo()));
    expect(draft.kind).toBe('docx');
    expect(draft.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(draft.text).toBe(
      MEMO_DOCX.paragraphs.map((p) => (typeof p === 'string' ? p : p.text)).join('\n\n'),
    );
    expect(draft.structure.paragraphs).toHaveLength(5);
    expect(draft.structure.pages).toBeUndefined();
    expect(draft.text).toContain(MEMO_DOCX.phrase);
    expect(draft.html).toMatch(/^<h1>Review of vendor payments<\/h1><p>To: Audit committee\./);
    expect(draft.html).toContain('<h2>Recommended next steps</h2>');
    expect(draft.warnings).toEqual([]);
  });

  it('reads title, creator and dates from docProps/core.xml', async () => {
    const draft = draftOf(await parse('memo.docx', memo()));
    expect(draft.title).toBe('Memo: Review of vendor payments');
    expect(draft.provenance).toEqual({
      fileName: 'memo.docx',
      author: 'Jonas Okafor',
      publishedAt: '2019-11-14T08:45:00Z',
      modifiedAt: '2019-11-15T16:20:00Z',
    });
  });

  it('is what the builder makes (regenerate with make-docx-fixtures.mjs)', () => {
    expect(buildMemoDocx()).toEqual(memo());
  });

  it('leaves the caller’s bytes unchanged', async () => {
    const bytes = memo();
    const before = bytes.slice();
    draftOf(await parse('memo.docx', bytes));
    expect(bytes).toEqual(before);
  });
});

describe('parseDocx: titles, properties and warnings', () => {
  it('titles a document without dc:title by its first paragraph, cut to 200 characters', async () => {
    const short = draftOf(await parse('a.docx', buildDocx({ paragraphs: ['First line', 'Body'] })));
    expect(short.title).toBe('First line');
    expect(short.provenance).toEqual({ fileName: 'a.docx' });

    const long = 'word '.repeat(100).trim();
    const cut = draftOf(await parse('b.docx', buildDocx({ paragraphs: [long] })));
    expect(cut.title.length).toBeLessThanOrEqual(200);
    expect(cut.title).toMatch(/^word word .* word…$/);
  });

  it('titles an empty document by its file name and warns that it has no text', async () => {
    const draft = draftOf(await parse('blank.docx', buildDocx({ paragraphs: [] })));
    expect(draft.title).toBe('blank.docx');
    expect(draft.text).toBe('');
    expect(draft.warnings).toEqual([NO_TEXT_WARNING]);
  });

  it('decodes entities in properties and ignores dates that are not W3CDTF', async () => {
    const bytes = buildDocx({
      paragraphs: ['Body'],
      title: 'Smith & Sons <draft>',
      creator: 'Zoë Ångström',
      created: 'yesterday',
      modified: '2019-13-01T00:00:00Z',
    });
    const draft = draftOf(await parse('p.docx', bytes));
    expect(draft.title).toBe('Smith & Sons <draft>');
    expect(draft.provenance).toEqual({ fileName: 'p.docx', author: 'Zoë Ångström' });
    expect(
      coreProperties(
        '<cp:coreProperties><dc:title><![CDATA[A & B]]></dc:title><dcterms:created xsi:type="x">2020-02-03</dcterms:created></cp:coreProperties>',
      ),
    ).toEqual({ title: 'A & B', created: '2020-02-03' });
  });

  it('turns mammoth’s messages into warnings: de-duplicated, capped at 20, styles in one line', async () => {
    const unknown = Array.from({ length: 30 }, (_, i) => `<w:custom${i % 25}/>`).join('');
    const xml = documentXml([{ text: 'Styled', style: 'Custom1' }, 'Plain']).replace(
      '<w:body>',
      `<w:body><w:p>${unknown}</w:p>`,
    );
    const bytes = buildDocx({ paragraphs: [], extraParts: { 'word/document.xml': xml } });
    const draft = draftOf(await parse('messages.docx', bytes));
    expect(draft.warnings).toHaveLength(20);
    expect(draft.warnings.slice(0, 2)).toEqual([
      'An unrecognised element was ignored: w:custom0',
      'An unrecognised element was ignored: w:custom1',
    ]);
    expect(draft.warnings.slice(-2)).toEqual([
      '7 more conversion warnings are not shown.',
      '1 Word style has no equivalent in the HTML view and is shown as plain text; the text itself is complete.',
    ]);
    expect(draft.text).toBe('Styled\n\nPlain');
  });

  it('reads tables and lists through the HTML path (one paragraph per cell)', async () => {
    const cell = (t: string) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const table = `<w:tbl><w:tr>${cell('Name')}${cell('Amount')}</w:tr><w:tr>${cell('Northgate')}${cell('9,900')}</w:tr></w:tbl>`;
    const xml = documentXml(['Before the table']).replace('<w:sectPr/>', `${table}<w:sectPr/>`);
    const draft = draftOf(
      await parse(
        't.docx',
        buildDocx({ paragraphs: [], extraParts: { 'word/document.xml': xml } }),
      ),
    );
    expect(draft.text).toBe('Before the table\n\nName\n\nAmount\n\nNorthgate\n\n9,900');
    expect(draft.html).toContain('<table>');
  });

  it('finds the main document through _rels/.rels when it is not word/document.xml', async () => {
    const rels =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>';
    const bytes = buildDocx({
      paragraphs: [],
      omit: ['word/document.xml', 'word/_rels/document.xml.rels'],
      extraParts: { '_rels/.rels': rels, 'word/main.xml': documentXml(['Moved main part']) },
    });
    expect(draftOf(await parse('moved.docx', bytes)).text).toBe('Moved main part');
  });
});

describe('parseDocx: not a Word file', () => {
  it('refuses plain text named .docx', async () => {
    const bytes = new TextEncoder().encode('Meeting notes, typed in a text editor.');
    expect(await parse('notes.docx', bytes)).toEqual(
      refused(
        INGEST_ERRORS.docxNotZip,
        'notes.docx is not a Word document: it is not a zip archive.',
      ),
    );
  });

  it('explains a legacy .doc or password-protected file (an OLE compound file)', async () => {
    const bytes = concatBytes([
      Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
      new Uint8Array(504),
    ]);
    expect(await parse('old.docx', bytes)).toEqual(
      refused(
        INGEST_ERRORS.docxNotZip,
        'old.docx is not a .docx Word document: it is an older Word (.doc) file or a password-protected one. Open it in Word, remove any password, save it as .docx and import it again.',
      ),
    );
  });

  it('refuses a truncated .docx (first half of memo.docx): its directory is gone', async () => {
    const bytes = memo();
    expect(await parse('cut.docx', bytes.subarray(0, bytes.length / 2))).toEqual(
      refused(
        INGEST_ERRORS.docxNotZip,
        'cut.docx is not a readable Word document: its end-of-directory record is missing (the file may be truncated).',
      ),
    );
  });

  it('refuses a zip without word/document.xml', async () => {
    const bytes = buildDocx({ paragraphs: ['x'], omit: ['word/document.xml'] });
    expect(await parse('empty.docx', bytes)).toEqual(
      refused(
        INGEST_ERRORS.docxCorrupt,
        'empty.docx is not a complete Word document: it has no main document part (word/document.xml).',
      ),
    );
  });

  it('refuses a document whose XML is malformed', async () => {
    const bytes = buildDocx({
      paragraphs: [],
      extraParts: { 'word/document.xml': '<?xml version="1.0"?><w:document><w:body><w:p>cut' },
    });
    const result = await parse('broken.docx', bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(INGEST_ERRORS.docxCorrupt);
    expect(result.error.message).toMatch(
      /^broken\.docx is a damaged Word document: its contents cannot be read \(.+\)\.$/,
    );
  });

  it('refuses a part whose compressed data is broken', async () => {
    const good = deflatedEntry('word/document.xml', documentXml(['Hello']));
    const broken = { ...good, data: good.data.map((byte, i) => (i > 2 ? 0xff : byte)) };
    const result = await parse('bad.docx', buildRawZip([broken]));
    expect(!result.ok && result.error.code).toBe(INGEST_ERRORS.docxCorrupt);
    expect(!result.ok && result.error.message).toMatch(
      /^bad\.docx is a damaged Word document: its part "word\/document\.xml" cannot be read \(its compressed data is broken/,
    );
  });
});

describe('parseDocx: zip bombs', () => {
  const bombMessage = (name: string, mb: number) =>
    `${name} would inflate to more than ${mb} MB; refused as a possible zip bomb.`;

  it('refuses a 5 MB entry under a 1 MB limit, although its header declares 2 KB', async () => {
    const bytes = buildRawZip([
      deflatedEntry('[Content_Types].xml', '<Types/>'),
      { name: 'word/document.xml', data: zerosDeflated(5), declaredSize: 2048 },
    ]);
    const limits = { ...DEFAULT_INGEST_LIMITS, maxInflatedBytes: 1 * MB };
    expect(await parse('bomb.docx', bytes, limits)).toEqual(
      refused(INGEST_ERRORS.docxZipBomb, bombMessage('bomb.docx', 1)),
    );
  });

  it('refuses 600 MB of zeros (a 600 KB file) under the default 512 MB limit', async () => {
    const bytes = buildRawZip([
      { name: 'word/document.xml', data: zerosDeflated(600), declaredSize: 600 * MB },
    ]);
    expect(bytes.length).toBeLessThan(MB);
    expect(await parse('big-bomb.docx', bytes)).toEqual(
      refused(INGEST_ERRORS.docxZipBomb, bombMessage('big-bomb.docx', 512)),
    );
  });

  it('refuses more entries than the limit', async () => {
    const limits = { ...DEFAULT_INGEST_LIMITS, maxZipEntries: 5 };
    expect(await parse('many.docx', memo(), limits)).toEqual(
      refused(
        INGEST_ERRORS.docxZipBomb,
        'many.docx contains more than 5 files; refused as a possible zip bomb.',
      ),
    );
  });
});

describe('parseDocx: XML entity attacks', () => {
  it('refuses an external entity (XXE) in word/document.xml', async () => {
    const bytes = buildDocx({ paragraphs: [], extraParts: { 'word/document.xml': XXE_DOCUMENT } });
    expect(await parse('xxe.docx', bytes)).toEqual(
      refused(INGEST_ERRORS.docxDtd, DTD_MESSAGE('xxe.docx')),
    );
  });

  it('refuses a billion-laughs DTD in word/styles.xml', async () => {
    const bytes = buildDocx({
      paragraphs: ['x'],
      extraParts: { 'word/styles.xml': BILLION_LAUGHS },
    });
    expect(await parse('lol.docx', bytes)).toEqual(
      refused(INGEST_ERRORS.docxDtd, DTD_MESSAGE('lol.docx')),
    );
  });

  it('refuses a lower-case doctype in core.xml and a UTF-16 one in a part not named .xml', async () => {
    const lower = buildDocx({
      paragraphs: ['x'],
      extraParts: { 'docProps/core.xml': '<?xml version="1.0"?><!doctype x><x/>' },
    });
    expect(await parse('lower.docx', lower)).toEqual(
      refused(INGEST_ERRORS.docxDtd, DTD_MESSAGE('lower.docx')),
    );
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...[...'<!ENTITY a "b">'].flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    const hidden = buildDocx({ paragraphs: ['x'], extraParts: { 'word/glossary.dat': utf16 } });
    expect(await parse('utf16.docx', hidden)).toEqual(
      refused(INGEST_ERRORS.docxDtd, DTD_MESSAGE('utf16.docx')),
    );
  });

  it('accepts an embedded HTML chunk or SVG image with a doctype (user content, never parsed as XML)', async () => {
    const bytes = buildDocx({
      paragraphs: ['Has an embedded page'],
      extraParts: {
        'word/afchunk.htm': '<!DOCTYPE html><html><body>chunk</body></html>',
        'word/media/image1.svg':
          '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>',
      },
    });
    expect(draftOf(await parse('chunk.docx', bytes)).text).toBe('Has an embedded page');
  });
});

describe('containsDtd / isXmlPart', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('finds <!DOCTYPE and <!ENTITY in any case, and nothing in ordinary Word XML', () => {
    expect(containsDtd(bytes('<?xml?><!DocType x>'))).toBe(true);
    expect(containsDtd(bytes('<x><!entity a "b"></x>'))).toBe(true);
    expect(containsDtd(bytes(documentXml(['<!DOCTYPE is escaped in text>'])))).toBe(false);
    expect(containsDtd(bytes('<!-- comment --><![CDATA[x]]><x/>'))).toBe(false);
  });

  it('treats .xml/.rels/.vml and anything starting with "<" as XML, but not images or HTML chunks', () => {
    const part = (name: string, content: string | Uint8Array) => ({
      name,
      bytes: typeof content === 'string' ? bytes(content) : content,
    });
    expect(isXmlPart(part('word/document.xml', ''))).toBe(true);
    expect(isXmlPart(part('_rels/.rels', ''))).toBe(true);
    expect(isXmlPart(part('word/vmlDrawing1.vml', ''))).toBe(true);
    expect(isXmlPart(part('word/styles.bin', '\uFEFF  <w:styles/>'))).toBe(true);
    expect(isXmlPart(part('word/media/image1.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47)))).toBe(
      false,
    );
    expect(isXmlPart(part('word/afchunk.html', '<!DOCTYPE html>'))).toBe(false);
  });
});
