import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS, INGEST_ERRORS } from '../../../src/core';
import {
  decodeText,
  decodeWindows1252,
  firstInvalidUtf8Offset,
  sniffHtmlCharset,
} from '../../../src/ingest/decode';
import { parseText, titleOfPlainText } from '../../../src/ingest/text';
import { draftOf, expectCanonical } from './helpers';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/ingest/text/${name}`, import.meta.url)));
const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => Array.from(part)));

function parse(fileName: string, bytes: Uint8Array, limits = DEFAULT_INGEST_LIMITS) {
  return parseText({ fileName, bytes, limits });
}

/** UTF-16 bytes (no BOM) of a string, in either byte order. */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    bytes[order === 'le' ? 2 * i : 2 * i + 1] = unit & 0xff;
    bytes[order === 'le' ? 2 * i + 1 : 2 * i] = unit >> 8;
  }
  return bytes;
}

describe('parseText on the news fixtures', () => {
  it('reads a plain-text article: title line, paragraphs, provenance, no warnings', async () => {
    const draft = draftOf(
      await parse('invoice-fraud-ring-arrests.txt', fixture('invoice-fraud-ring-arrests.txt')),
    );
    expect(draft.kind).toBe('text');
    expect(draft.mediaType).toBe('text/plain');
    expect(draft.title).toBe('Nine held over ‘phantom invoice’ fraud that hit freight firms');
    expect(draft.provenance).toEqual({ fileName: 'invoice-fraud-ring-arrests.txt' });
    expect(draft.warnings).toEqual([]);
    expect(draft.html).toBeUndefined();
    const paragraphs = expectCanonical(draft);
    expect(paragraphs.slice(0, 4)).toEqual([
      'Nine held over ‘phantom invoice’ fraud that hit freight firms',
      'Harbour Ledger | Crime',
      'By Mira Santos',
      'March 14, 2024',
    ]);
    expect(paragraphs).toHaveLength(10);
    expect(draft.text).toContain(
      'took over the mailboxes of at least three freight suppliers and used them to send doctored invoices',
    );
  });

  it('reads CRLF line endings, joining the byline and date lines of one block', async () => {
    const draft = draftOf(await parse('scam.txt', fixture('investment-app-scam-warning.txt')));
    expect(draft.title).toBe('Bank warns of surge in fake investment apps after losses triple');
    expect(draft.text).not.toContain('\r');
    const paragraphs = expectCanonical(draft);
    expect(paragraphs[2]).toBe('By Daniel Okafor, Business Reporter Published: 2 May 2024');
    expect(paragraphs).toHaveLength(8);
  });
});

describe('parseText decoding', () => {
  it('strips a UTF-8 byte-order mark', async () => {
    const draft = draftOf(
      await parse('bom.txt', concat([0xef, 0xbb, 0xbf], ascii('Café\n\nDeux'))),
    );
    expect(draft.text).toBe('Café\n\nDeux');
    expect(draft.title).toBe('Café');
    expect(draft.warnings).toEqual([]);
  });

  it.each(['le', 'be'] as const)('reads UTF-16%s with a byte-order mark', async (order) => {
    const bom = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
    const bytes = concat(bom, utf16('Naïve café – 東京 😀\r\n\r\nSecond paragraph', order));
    const draft = draftOf(await parse(`utf16${order}.txt`, bytes));
    expect(draft.text).toBe('Naïve café – 東京 😀\n\nSecond paragraph');
    expect(draft.warnings).toEqual([]);
  });

  it('reads UTF-16 without a byte-order mark when every other byte is zero, and says so', async () => {
    const draft = draftOf(await parse('nobom.txt', utf16('Plain words in UTF-16LE.', 'le')));
    expect(draft.text).toBe('Plain words in UTF-16LE.');
    expect(draft.warnings).toHaveLength(1);
    expect(draft.warnings[0]).toMatch(/decoded as UTF-16LE/);
  });

  it('warns on damaged UTF-16 (odd length, lone surrogate) but keeps the text', async () => {
    const bytes = concat([0xff, 0xfe], utf16('ok\uD800 fine', 'le'), [0x41]);
    const draft = draftOf(await parse('damaged.txt', bytes));
    expect(draft.text).toContain('ok\uFFFD fine');
    expect(draft.warnings[0]).toMatch(/^Not valid UTF-16LE/);
  });

  it('falls back to Windows-1252 with a warning naming the first invalid byte', async () => {
    // "café" in Latin-1: é is the single byte 0xE9, which is not UTF-8.
    const draft = draftOf(await parse('latin1.txt', concat(ascii('caf'), [0xe9])));
    expect(draft.text).toBe('café');
    expect(draft.warnings).toEqual([
      'Not valid UTF-8 (first invalid byte at offset 3): decoded as Windows-1252. Check accented characters against the original.',
    ]);
  });

  it('maps the Windows-1252 punctuation range, not Latin-1 control characters', async () => {
    const bytes = concat(
      [0x93],
      ascii('Quoted'),
      [0x94, 0x20, 0x96, 0x20, 0x80],
      ascii('5 '),
      [0x85],
    );
    const draft = draftOf(await parse('cp1252.txt', bytes));
    expect(draft.text).toBe('“Quoted” – €5 …');
  });

  it('flags bytes that Windows-1252 leaves undefined', async () => {
    const bytes = concat(ascii('a'), [0xe9, 0x81], ascii(' b '), [0x8d, 0x8f, 0x90, 0x9d]);
    const draft = draftOf(await parse('holes.txt', bytes));
    expect(draft.text).toBe('aé\uFFFD b \uFFFD\uFFFD\uFFFD\uFFFD');
    expect(draft.warnings).toHaveLength(1);
    expect(draft.warnings[0]).toBe(
      'Not valid UTF-8 (first invalid byte at offset 1): decoded as Windows-1252. Check accented characters against the original. 5 bytes have no Windows-1252 character (the first, 0x81, at offset 2) and show as \uFFFD.',
    );
  });

  it('refuses invalid UTF-8 after a UTF-8 byte-order mark, naming the byte offset', async () => {
    // BOM (0..2), "ab" (3..4), then 0xC3 0x28: a lead byte followed by a non-continuation byte.
    const result = await parse('liar.txt', concat([0xef, 0xbb, 0xbf], ascii('ab'), [0xc3, 0x28]));
    expect(result).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.invalidUtf8,
        message: 'liar.txt declares UTF-8 (byte-order mark) but has invalid UTF-8 at byte 5.',
      },
    });
  });

  it.each([
    ['no bytes', new Uint8Array()],
    ['only a UTF-8 byte-order mark', Uint8Array.of(0xef, 0xbb, 0xbf)],
    ['only a UTF-16 byte-order mark and spaces', concat([0xff, 0xfe], utf16('  \n ', 'le'))],
    ['only white space', ascii(' \r\n\t \n\u00a0')],
  ])('refuses an empty file (%s)', async (_label, bytes) => {
    expect(await parse('blank.txt', bytes)).toEqual({
      ok: false,
      error: { code: INGEST_ERRORS.empty, message: 'blank.txt is empty.' },
    });
  });

  it('refuses binary data (NUL bytes that are not UTF-16)', async () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49);
    const result = await parse('image.txt', png);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(INGEST_ERRORS.unsupported);
      expect(result.error.message).toBe(
        'image.txt is not a text file: it contains binary data (a NUL byte at offset 8).',
      );
    }
  });

  it('refuses a file over the size limit', async () => {
    const result = await parse('big.txt', ascii('x'.repeat(2048)), {
      ...DEFAULT_INGEST_LIMITS,
      maxFileBytes: 1024,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(INGEST_ERRORS.tooLarge);
      expect(result.error.message).toBe('big.txt is 2.0 KB; the limit is 1.0 KB.');
    }
  });

  it('never throws on random bytes', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 256;
    for (let round = 0; round < 50; round += 1) {
      const bytes = Uint8Array.from({ length: 1 + (round % 17) * 13 }, () => Math.floor(random()));
      const result = await parse('random.txt', bytes);
      expect(typeof result.ok).toBe('boolean');
    }
  });
});

describe('plain-text titles', () => {
  it('uses the first non-empty line when it is short, else the file name without extension', () => {
    expect(titleOfPlainText('\n\n   \n  First   line \nsecond', 'a.txt')).toBe('First line');
    expect(titleOfPlainText(`${'x'.repeat(201)}\nmore`, 'dir/report.final.txt')).toBe(
      'report.final',
    );
    expect(titleOfPlainText('x'.repeat(200), 'a.txt')).toBe('x'.repeat(200));
  });

  it('uses the file name when the first paragraph line is too long', async () => {
    const draft = draftOf(await parse('long-lines.txt', ascii(`${'word '.repeat(60)}\n\nEnd`)));
    expect(draft.title).toBe('long-lines');
  });
});

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['ASCII', [0x61, 0x62], undefined],
    [
      '2-, 3- and 4-byte sequences',
      [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80],
      undefined,
    ],
    ['a stray continuation byte', [0x61, 0x80], 1],
    ['an overlong 2-byte form', [0xc0, 0x80], 0],
    ['an overlong 3-byte form', [0x61, 0xe0, 0x80, 0x80], 1],
    ['a surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a byte never used in UTF-8', [0x61, 0x62, 0xff], 2],
    ['a sequence cut short by the end', [0x61, 0xe2, 0x82], 1],
    ['a lead byte followed by ASCII', [0xe2, 0x41, 0x42], 0],
  ])('%s', (_label, bytes, expected) => {
    expect(firstInvalidUtf8Offset(Uint8Array.from(bytes))).toBe(expected);
  });

  it('agrees with a fatal TextDecoder on random byte strings', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (let round = 0; round < 3000; round += 1) {
      // Mostly high bytes, so that valid multi-byte sequences happen too.
      const bytes = Uint8Array.from({ length: 1 + (next() % 6) }, () =>
        next() % 4 === 0 ? next() % 0x80 : 0x80 + (next() % 0x80),
      );
      let valid = true;
      try {
        strict.decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Offset(bytes) === undefined, Array.from(bytes).join(',')).toBe(valid);
    }
  });
});

describe('decodeWindows1252', () => {
  it('follows the WHATWG windows-1252 index', () => {
    // Written out, not compared with TextDecoder: Node 20's "windows-1252" decodes as Latin-1.
    const high = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeWindows1252(high).text).toBe(
      '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ',
    );
    for (let byte = 0; byte < 256; byte += 1) {
      if (byte >= 0x80 && byte <= 0x9f) continue;
      expect(decodeWindows1252(Uint8Array.of(byte)).text).toBe(String.fromCharCode(byte));
    }
  });

  it('decodes long input across chunk boundaries', () => {
    const bytes = new Uint8Array(20_000).fill(0xe9);
    const { text, undefinedOffsets } = decodeWindows1252(bytes);
    expect(text).toBe('é'.repeat(20_000));
    expect(undefinedOffsets).toEqual([]);
  });
});

describe('decodeText with a declared charset', () => {
  it('uses a declared Latin-1 / Windows-1252 without a warning', () => {
    const result = decodeText(concat(ascii('caf'), [0xe9]), 'x.html', {
      declaredCharset: 'ISO-8859-1',
    });
    expect(result).toEqual({
      ok: true,
      value: { text: 'café', encoding: 'windows-1252', warnings: [] },
    });
  });

  it('uses another declared legacy charset the host knows', () => {
    // "日本" in Shift_JIS.
    const result = decodeText(Uint8Array.of(0x93, 0xfa, 0x96, 0x7b), 'x.html', {
      declaredCharset: 'shift_jis',
    });
    expect(result.ok && result.value.text).toBe('日本');
    expect(result.ok && result.value.warnings).toEqual([]);
  });

  it('decodes a declared UTF-16 without a byte-order mark (an e-mail part, say)', () => {
    const result = decodeText(utf16('Hi – there', 'be'), 'part.txt', {
      declaredCharset: 'UTF-16BE',
    });
    expect(result).toEqual({
      ok: true,
      value: { text: 'Hi – there', encoding: 'utf-16be', warnings: [] },
    });
  });

  it('warns when the declared charset is unknown, and guesses', () => {
    const result = decodeText(ascii('plain'), 'x.html', { declaredCharset: 'x-klingon' });
    expect(result.ok && result.value.text).toBe('plain');
    expect(result.ok && result.value.warnings[0]).toMatch(
      /^Declares the encoding "x-klingon", which Casefile cannot decode: read as UTF-8 instead\./,
    );
  });

  it('says so when a document declares UTF-8 but is not', () => {
    const result = decodeText(concat(ascii('caf'), [0xe9]), 'x.html', { declaredCharset: 'utf-8' });
    expect(result.ok && result.value.warnings[0]).toMatch(
      /^Declares UTF-8 but is not valid UTF-8 \(first invalid byte at offset 3\): decoded as Windows-1252\./,
    );
  });
});

describe('sniffHtmlCharset', () => {
  it.each([
    ['<meta charset="windows-1252">', 'windows-1252'],
    ["<meta charset='ISO-8859-1' />", 'iso-8859-1'],
    ['<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Shift_JIS">', 'shift_jis'],
    ['<?xml version="1.0" encoding="ISO-8859-15"?><html>', 'iso-8859-15'],
    ['<!-- <meta charset="koi8-r"> --><meta charset=utf-8>', 'utf-8'],
    ['<html><head><title>none</title>', undefined],
  ])('%s', (head, expected) => {
    expect(sniffHtmlCharset(ascii(head))).toBe(expected);
  });

  it('only looks at the first 1024 bytes', () => {
    expect(sniffHtmlCharset(ascii(`${' '.repeat(1024)}<meta charset="koi8-r">`))).toBeUndefined();
  });
});
