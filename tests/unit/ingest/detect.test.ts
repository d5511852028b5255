import { describe, expect, it } from 'vitest';
import {
  describeFormat,
  detectFormat,
  extensionOf,
  formatOfMediaType,
  SOURCE_FORMATS,
} from '../../../src/ingest/detect';
import type { SourceFormat } from '../../../src/ingest/detect';

const bytes = (text: string) => new TextEncoder().encode(text);
const raw = (...values: number[]) => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

const PDF = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const ZIP_DOCX = concat(
  raw(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00),
  bytes('[Content_Types].xml'),
  raw(0),
  bytes('word/document.xml'),
);
const ZIP_OTHER = concat(
  raw(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00),
  bytes('mimetype'),
  raw(0),
  bytes('content.xml'),
);
const PNG = raw(
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  0x0d,
  0x49,
  0x48,
  0x44,
  0x52,
);
const EXE = concat(bytes('MZ'), raw(0x90, 0, 3, 0, 0, 0, 4, 0));
const EMAIL = bytes(
  'Received: from mx.example by mail.example; Tue, 2 Apr 2024 09:00:00 +0000\r\n' +
    'From: Jane <jane@example.com>\r\nTo: bob@example.com\r\nSubject: Invoice\r\n' +
    'MIME-Version: 1.0\r\n\r\nHello',
);
const UTF16_TEXT = raw(0xff, 0xfe, 0x48, 0, 0x69, 0);

describe('detectFormat', () => {
  it.each<[string, string, Uint8Array, string | undefined, SourceFormat | undefined]>([
    // Magic bytes first: a PDF is a PDF whatever it is called.
    ['PDF by magic', 'report.pdf', PDF, undefined, 'pdf'],
    ['misnamed PDF', 'report.txt', PDF, undefined, 'pdf'],
    ['PDF without extension', 'scan', PDF, undefined, 'pdf'],
    ['PDF named .docx', 'x.docx', PDF, undefined, 'pdf'],
    // Extension next, even when the content is wrong, so the format's parser reports it.
    ['.pdf without the magic', 'broken.pdf', bytes('hello'), undefined, 'pdf'],
    ['.docx that is not a zip', 'broken.docx', bytes('hello'), undefined, 'docx'],
    ['.docx that is a zip', 'letter.DOCX', ZIP_DOCX, undefined, 'docx'],
    ['.txt', 'notes.txt', bytes('hi'), undefined, 'text'],
    ['.text', 'notes.text', bytes('hi'), undefined, 'text'],
    ['.log', 'server.log', bytes('hi'), undefined, 'text'],
    ['.csv', 'table.csv', bytes('a,b'), undefined, 'text'],
    ['.md', 'README.md', bytes('# hi'), undefined, 'markdown'],
    ['.markdown', 'a.markdown', bytes('# hi'), undefined, 'markdown'],
    ['.html', 'page.html', bytes('<p>hi'), undefined, 'html'],
    ['.htm', 'PAGE.HTM', bytes('<p>hi'), undefined, 'html'],
    ['.xhtml', 'page.xhtml', bytes('<p>hi'), undefined, 'html'],
    ['.eml', 'message.eml', bytes('hi'), undefined, 'eml'],
    ['extension beats media type', 'a.md', bytes('x'), 'text/html', 'markdown'],
    // Declared media type (e-mail attachments) when the extension says nothing.
    ['text/plain', 'attachment', bytes('x'), 'text/plain; charset=utf-8', 'text'],
    ['text/markdown', 'attachment', bytes('x'), 'text/markdown', 'markdown'],
    ['text/html', 'attachment', bytes('x'), 'TEXT/HTML', 'html'],
    ['application/pdf', 'attachment.bin', bytes('x'), 'application/pdf', 'pdf'],
    [
      'docx media type',
      'attachment',
      bytes('x'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
    ['message/rfc822', 'forwarded', bytes('x'), 'message/rfc822', 'eml'],
    // Content sniffing for files with neither.
    ['doctype', 'download', bytes('\n  <!DOCTYPE html><html><body>x'), undefined, 'html'],
    ['<html>', 'download', bytes('<HTML lang="en"><body>x'), undefined, 'html'],
    [
      'UTF-8 BOM + html',
      'download',
      concat(raw(0xef, 0xbb, 0xbf), bytes('<html>')),
      undefined,
      'html',
    ],
    [
      'XML declaration + doctype',
      'page',
      bytes('<?xml version="1.0"?>\n<!DOCTYPE html>'),
      undefined,
      'html',
    ],
    ['e-mail headers', 'message', EMAIL, undefined, 'eml'],
    [
      'e-mail with a folded header',
      'msg',
      bytes('From: a@example.com\nReceived: from x\n by y\nSubject: s\n\nbody'),
      undefined,
      'eml',
    ],
    [
      'one colon line is not an e-mail',
      'note',
      bytes('Note: call back\nabout the invoice'),
      undefined,
      'text',
    ],
    ['plain UTF-8', 'README', bytes('Just some words, café.'), undefined, 'text'],
    ['unknown extension with text', 'data.xyz', bytes('plain words'), undefined, 'text'],
    ['octet-stream with text', 'blob', bytes('plain words'), 'application/octet-stream', 'text'],
    ['UTF-16 with BOM', 'utf16', UTF16_TEXT, undefined, 'text'],
    [
      'Windows-1252 text',
      'legacy',
      concat(bytes('caf'), raw(0xe9), bytes(' au lait')),
      undefined,
      'text',
    ],
    ['empty file', 'empty', new Uint8Array(), undefined, 'text'],
    ['zip holding a Word document', 'attachment', ZIP_DOCX, undefined, 'docx'],
    // Binary junk is unsupported.
    ['PNG', 'image.png', PNG, undefined, undefined],
    ['PNG with image/png', 'image', PNG, 'image/png', undefined],
    ['EXE', 'setup.exe', EXE, undefined, undefined],
    ['other zip', 'book.odt', ZIP_OTHER, undefined, undefined],
    [
      'control-character junk',
      'junk',
      raw(0xff, 1, 2, 3, 4, 5, 0x81, 6, 7, 8),
      undefined,
      undefined,
    ],
  ])('%s', (_label, fileName, content, declared, expected) => {
    expect(detectFormat(fileName, content, declared)).toBe(expected);
  });

  it('is not fooled by file names that are Object.prototype keys', () => {
    expect(detectFormat('x.constructor', PNG)).toBeUndefined();
    expect(detectFormat('x.__proto__', PNG)).toBeUndefined();
  });
});

describe('describeFormat', () => {
  it('names every format for people', () => {
    expect(SOURCE_FORMATS.map(describeFormat)).toEqual([
      'plain text',
      'Markdown',
      'web page',
      'PDF',
      'Word document',
      'e-mail',
    ]);
  });
});

describe('helpers', () => {
  it.each([
    ['report.PDF', 'pdf'],
    ['dir.v2/archive.tar.gz', 'gz'],
    ['C:\\docs\\notes.txt', 'txt'],
    ['.bashrc', undefined],
    ['README', undefined],
    ['trailing.', undefined],
  ])('extensionOf(%s)', (name, expected) => {
    expect(extensionOf(name)).toBe(expected);
  });

  it('reads a media type without its parameters', () => {
    expect(formatOfMediaType(' text/HTML ; charset=windows-1252')).toBe('html');
    expect(formatOfMediaType('image/png')).toBeUndefined();
  });
});
