import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { crc32 } from '../../../../src/core/bundle/crc32';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../../../../src/core/bundle/limits';
import {
  describeMemberName,
  memberPathProblem,
  prepareZipMember,
  readBundleZip,
  shouldCompress,
  writeBundleZip,
  writeBundleZipParts,
  writeBundleZipStream,
  ZIP_ERRORS,
  type ZipMember,
  type ZipMemberPreparer,
} from '../../../../src/core/bundle/zip';
import { centralRecordOffsets, concatBytes, forgeZip } from './zipForge';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const workDir = mkdtempSync(join(tmpdir(), 'casefile-zip-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function pseudoRandomBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[index] = state >>> 24;
  }
  return out;
}

const MEMBERS: ZipMember[] = [
  { path: 'manifest.json', bytes: text('{"format":"casefile-bundle"}'.repeat(50)), compress: true },
  { path: 'case.json', bytes: text('{"records":[]}'), compress: true },
  { path: 'sources/report.pdf', bytes: pseudoRandomBytes(100_000), compress: false },
  { path: 'sources/empty', bytes: new Uint8Array(0), compress: true },
  { path: 'sources/empty-stored', bytes: new Uint8Array(0), compress: false },
  { path: 'sources/été.txt', bytes: text('accentué '.repeat(1000)), compress: true },
];

function written(members: readonly ZipMember[] = MEMBERS): Uint8Array {
  const result = writeBundleZip(members);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function errorCode(result: { ok: boolean; error?: { code: string } }): string | undefined {
  return result.ok ? undefined : result.error?.code;
}

/** Method field of each central directory record, in order. */
function methods(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  return centralRecordOffsets(zip).map((at) => view.getUint16(at + 10, true));
}

describe('writeBundleZip and readBundleZip', () => {
  test('round-trip stored, deflated, empty and binary members', () => {
    const read = readBundleZip(written());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect([...read.value.keys()]).toEqual(MEMBERS.map((member) => member.path));
    for (const member of MEMBERS) expect(read.value.get(member.path)).toEqual(member.bytes);
  });

  test('deflates what was asked and shrinks, stores the rest', () => {
    // manifest and text deflated; case.json too small to shrink, so stored; the rest stored.
    expect(methods(written())).toEqual([8, 0, 0, 0, 0, 8]);
    const noise = written([{ path: 'noise', bytes: pseudoRandomBytes(5000), compress: true }]);
    expect(methods(noise)).toEqual([0]);
  });

  test('is deterministic: the same members give the same bytes', () => {
    expect(written()).toEqual(written());
    const copy = MEMBERS.map((member) => ({ ...member, bytes: member.bytes.slice() }));
    expect(written(copy)).toEqual(written());
  });

  test('unzip lists and tests what we write', () => {
    const path = join(workDir, 'ours.zip');
    writeFileSync(path, written());
    const listing = execFileSync('unzip', ['-l', path], { encoding: 'utf8' });
    for (const member of MEMBERS) expect(listing).toContain(member.path);
    expect(listing).toContain('1980');
    const check = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(check).toContain('No errors detected');
  });

  test('reads a ZIP made by the zip command (folder entries ignored)', () => {
    const folder = join(workDir, 'made-by-zip');
    mkdirSync(join(folder, 'sources'), { recursive: true });
    const json = '{"a":1}\n'.repeat(2000);
    const binary = pseudoRandomBytes(3000, 7);
    writeFileSync(join(folder, 'case.json'), json);
    writeFileSync(join(folder, 'sources', 'abc'), binary);
    execFileSync('zip', ['-q', '-r', 'out.zip', 'case.json', 'sources'], { cwd: folder });
    const read = readBundleZip(new Uint8Array(readFileSync(join(folder, 'out.zip'))));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect([...read.value.keys()].sort()).toEqual(['case.json', 'sources/abc']);
    expect(new TextDecoder().decode(read.value.get('case.json'))).toBe(json);
    expect(read.value.get('sources/abc')).toEqual(binary);
  });

  test('round-trips an archive with no members', () => {
    const empty = written([]);
    expect(empty.length).toBe(22);
    const read = readBundleZip(empty);
    expect(read.ok && read.value.size).toBe(0);
  });

  test('reads a forged folder entry as nothing, and its files', () => {
    const zip = forgeZip([{ name: 'sources/' }, { name: 'sources/x', content: text('x') }]);
    const read = readBundleZip(zip);
    expect(read.ok && [...read.value.keys()]).toEqual(['sources/x']);
  });
});

describe('member names', () => {
  const unsafe: [string, string][] = [
    ['../../evil', '".."'],
    ['a/../b', '".."'],
    ['./a', '"."'],
    ['/etc/x', 'absolute'],
    ['C:/x', 'drive letter'],
    ['C:x', 'drive letter'],
    ['a\\b', 'backslash'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['', 'empty'],
    ['a\u0000b', 'NUL'],
    ['a\nb', 'control character'],
    ['a\u0085b', 'control character'],
    ['invoice\u202efdp.exe', 'control character'],
    ['x'.repeat(256), 'longer than 255 bytes'],
    ['é'.repeat(128), 'longer than 255 bytes'],
    ['a/b:stream', 'Windows cannot store'],
    ['sources/con.txt', 'device name'],
    ['trailing.', 'ends with a dot'],
  ];

  test.each(unsafe)('refuses %j when reading (%s)', (name, reason) => {
    // 'a/' is a folder name; test its file-shaped cousin 'a//' instead.
    const forged = name === 'a/' ? 'a//' : name;
    const result = readBundleZip(forgeZip([{ name: forged, content: text('x') }]));
    expect(errorCode(result)).toBe(ZIP_ERRORS.pathUnsafe);
    if (result.ok) return;
    expect(result.error.message).toContain(reason);
    expect(result.error.message).toContain(describeMemberName(forged));
  });

  test.each(unsafe)('refuses %j when writing', (name) => {
    const result = writeBundleZip([{ path: name, bytes: text('x'), compress: false }]);
    expect(errorCode(result)).toBe(ZIP_ERRORS.pathUnsafe);
  });

  test('escapes control characters in messages', () => {
    const result = readBundleZip(forgeZip([{ name: 'a\u001b[31mred', content: text('x') }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('"a\\u001b[31mred"');
    expect(result.error.message).not.toContain('\u001b');
    const bidi = readBundleZip(forgeZip([{ name: 'a\u202eb', content: text('x') }]));
    expect(!bidi.ok && bidi.error.message).toContain('a\\u202eb');
  });

  test('refuses names that are not UTF-8, showing their bytes', () => {
    for (const bytes of [
      [0x61, 0xff],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0x61, 0xe2, 0x82],
    ]) {
      const result = readBundleZip(forgeZip([{ name: new Uint8Array(bytes), content: text('x') }]));
      expect(errorCode(result)).toBe(ZIP_ERRORS.pathUnsafe);
      expect(!result.ok && result.error.message).toContain('not valid UTF-8');
    }
  });

  test('refuses lone surrogates when writing', () => {
    expect(memberPathProblem('a\ud800b')).toContain('surrogate');
    expect(memberPathProblem('emoji-😀')).toBeUndefined();
    expect(memberPathProblem('sources/' + 'a'.repeat(64))).toBeUndefined();
  });

  const colliding: [string, string][] = [
    ['a', 'a'],
    ['Sources/x', 'sources/x'],
    ['sources/É', 'sources/é'],
    ['café', 'cafe\u0301'],
    ['straße', 'STRASSE'],
    ['a', 'a/b'],
    ['a/b', 'A'],
  ];

  test.each(colliding)('refuses %j beside %j when reading', (first, second) => {
    const result = readBundleZip(
      forgeZip([
        { name: first, content: text('1') },
        { name: second, content: text('2') },
      ]),
    );
    expect(errorCode(result)).toBe(ZIP_ERRORS.duplicateName);
    expect(!result.ok && result.error.message).toContain(JSON.stringify(second));
  });

  test.each(colliding)('refuses %j beside %j when writing', (first, second) => {
    const result = writeBundleZip([
      { path: first, bytes: text('1'), compress: false },
      { path: second, bytes: text('2'), compress: false },
    ]);
    expect(errorCode(result)).toBe(ZIP_ERRORS.duplicateName);
  });

  test('refuses a folder entry beside a file of the same name', () => {
    const result = readBundleZip(forgeZip([{ name: 'a', content: text('1') }, { name: 'A/' }]));
    expect(errorCode(result)).toBe(ZIP_ERRORS.duplicateName);
  });

  test('refuses symbolic links', () => {
    const result = readBundleZip(
      forgeZip([
        {
          name: 'link',
          content: text('/etc/passwd'),
          versionMadeBy: (3 << 8) | 20,
          externalAttributes: (0o120777 << 16) >>> 0,
        },
      ]),
    );
    expect(errorCode(result)).toBe(ZIP_ERRORS.pathUnsafe);
    expect(!result.ok && result.error.message).toContain('symbolic link');
  });
});

describe('entries the reader refuses', () => {
  test('compression methods other than store and deflate', () => {
    const result = readBundleZip(forgeZip([{ name: 'x', content: text('x'), method: 12 }]));
    expect(errorCode(result)).toBe(ZIP_ERRORS.methodUnsupported);
    expect(!result.ok && result.error.message).toContain('"x"');
  });

  test('encrypted entries', () => {
    const result = readBundleZip(forgeZip([{ name: 'x', content: text('x'), flags: 0x0801 }]));
    expect(errorCode(result)).toBe(ZIP_ERRORS.methodUnsupported);
    expect(!result.ok && result.error.message).toContain('encrypted');
  });

  test('more entries than the limit, before reading any', () => {
    const five = Array.from({ length: 5 }, (_, index) => ({
      name: `m${index}`,
      content: text('x'),
    }));
    const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntries: 4 };
    expect(errorCode(readBundleZip(forgeZip(five), limits))).toBe(ZIP_ERRORS.tooManyEntries);
    // The end record's count is checked first, whatever the directory holds.
    const lying = forgeZip([{ name: 'a', content: text('x') }], { declaredCount: 60_000 });
    expect(errorCode(readBundleZip(lying, limits))).toBe(ZIP_ERRORS.tooManyEntries);
    const members = five.map((entry) => ({
      path: entry.name,
      bytes: entry.content,
      compress: false,
    }));
    expect(errorCode(writeBundleZip(members, limits))).toBe(ZIP_ERRORS.tooManyEntries);
  });

  test('a central directory that lists fewer entries than the end record counts', () => {
    const zip = forgeZip([{ name: 'a', content: text('x') }], { declaredCount: 2 });
    expect(errorCode(readBundleZip(zip))).toBe(ZIP_ERRORS.invalid);
  });

  test('overlapping entries (one inside the data of another)', () => {
    const inner = forgeZip([{ name: 'b', content: text('x') }]).subarray(0, 30 + 1 + 1);
    const zip = forgeZip([
      { name: 'a', content: inner },
      { name: 'b', content: text('x'), omitLocal: true, localHeaderOffset: 30 + 1 },
    ]);
    const result = readBundleZip(zip);
    expect(errorCode(result)).toBe(ZIP_ERRORS.invalid);
    expect(!result.ok && result.error.message).toContain('overlap');
  });

  test('a local header that names another file', () => {
    const zip = forgeZip([{ name: 'safe', localName: '../evil', content: text('x') }]);
    expect(errorCode(readBundleZip(zip))).toBe(ZIP_ERRORS.invalid);
  });

  test('bytes that are not a ZIP, and an empty file', () => {
    for (const bytes of [new Uint8Array(0), text('hello, world'), pseudoRandomBytes(4096)]) {
      const result = readBundleZip(bytes);
      expect(errorCode(result)).toBe(ZIP_ERRORS.invalid);
    }
  });

  test('every truncation, and an appended byte', () => {
    const zip = written(MEMBERS.slice(0, 2));
    for (let length = 0; length < zip.length; length += 1) {
      expect(errorCode(readBundleZip(zip.subarray(0, length)))).toBe(ZIP_ERRORS.invalid);
    }
    expect(errorCode(readBundleZip(concatBytes([zip, new Uint8Array([0])])))).toBe(
      ZIP_ERRORS.invalid,
    );
  });

  test('every single-bit flip gives a clear result, never an exception', () => {
    const zip = written([
      { path: 'a.json', bytes: text('{"a":"b"}'.repeat(20)), compress: true },
      { path: 'b', bytes: text('stored'), compress: false },
    ]);
    const codes = new Set<string>();
    for (let bit = 0; bit < zip.length * 8; bit += 1) {
      const flipped = zip.slice();
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const result = readBundleZip(flipped);
      if (!result.ok) codes.add(result.error.code);
    }
    expect([...codes].every((code) => code.startsWith('bundle.zip.'))).toBe(true);
    expect(codes.has(ZIP_ERRORS.crcMismatch)).toBe(true);
  });

  test('a flipped data byte or CRC field is a CRC mismatch', () => {
    const zip = written([{ path: 'b', bytes: text('stored bytes'), compress: false }]);
    const dataFlip = zip.slice();
    dataFlip[30 + 1 + 3]! ^= 0x20; // inside the data, after the header and the 1-byte name
    const result = readBundleZip(dataFlip);
    expect(errorCode(result)).toBe(ZIP_ERRORS.crcMismatch);
    expect(!result.ok && result.error.message).toContain('"b"');
    const crcFlip = forgeZip([{ name: 'b', content: text('stored bytes'), crc: 0x12345678 }]);
    expect(errorCode(readBundleZip(crcFlip))).toBe(ZIP_ERRORS.crcMismatch);
  });
});

/** A raw deflate stream of `chunks × 4 MiB` zeros, built from byte-aligned flushed blocks. */
function zeroBomb(chunks: number): Uint8Array {
  const block = deflateRawSync(new Uint8Array(4 * 1024 * 1024), {
    level: 9,
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const final = deflateRawSync(new Uint8Array(0));
  return concatBytes([...Array.from({ length: chunks }, () => block), final]);
}

describe('sizes', () => {
  test('a 1 GiB zip bomb that declares its size is refused before inflating', () => {
    const data = zeroBomb(256);
    expect(data.length).toBeLessThan(2 * 1024 * 1024);
    const zip = forgeZip([{ name: 'bomb', method: 8, data, declaredSize: 1024 ** 3, crc: 0 }]);
    const result = readBundleZip(zip);
    expect(errorCode(result)).toBe(ZIP_ERRORS.entryTooLarge);
    expect(!result.ok && result.error.message).toContain('"bomb"');
  });

  test('a 1 GiB zip bomb that lies about its size stops just past the declared size', () => {
    const data = zeroBomb(256);
    const zip = forgeZip([{ name: 'bomb', method: 8, data, declaredSize: 1000, crc: 0 }]);
    const result = readBundleZip(zip);
    expect(errorCode(result)).toBe(ZIP_ERRORS.sizeMismatch);
    expect(!result.ok && result.error.message).toContain('more than the 1000 bytes');
  });

  test('lowered caps: per entry and in total', () => {
    const data = zeroBomb(2);
    const limits: ZipLimits = {
      ...DEFAULT_ZIP_LIMITS,
      maxEntryInflatedBytes: 5 * 1024 * 1024,
      maxTotalInflatedBytes: 10 * 1024 * 1024,
    };
    const big = forgeZip([{ name: 'big', method: 8, data, declaredSize: 8 * 1024 * 1024, crc: 0 }]);
    expect(errorCode(readBundleZip(big, limits))).toBe(ZIP_ERRORS.entryTooLarge);
    const four = new Uint8Array(4 * 1024 * 1024);
    const many = forgeZip(['a', 'b', 'c'].map((name) => ({ name, method: 8, content: four })));
    expect(readBundleZip(many).ok).toBe(true);
    expect(errorCode(readBundleZip(many, limits))).toBe(ZIP_ERRORS.tooLarge);
    const members = ['a', 'b', 'c'].map((path) => ({ path, bytes: four, compress: true }));
    expect(errorCode(writeBundleZip(members, limits))).toBe(ZIP_ERRORS.tooLarge);
    const large = [{ path: 'a', bytes: new Uint8Array(6 * 1024 * 1024), compress: true }];
    expect(errorCode(writeBundleZip(large, limits))).toBe(ZIP_ERRORS.entryTooLarge);
  });

  test('an entry whose real size exceeds its declared size (headers patched)', () => {
    const content = text('evidence '.repeat(500));
    const zip = written([{ path: 'case.json', bytes: content, compress: true }]);
    const view = new DataView(zip.buffer);
    const [central] = centralRecordOffsets(zip);
    view.setUint32(22, 100, true); // local header's declared size
    view.setUint32(central! + 24, 100, true); // central directory's declared size
    const result = readBundleZip(zip);
    expect(errorCode(result)).toBe(ZIP_ERRORS.sizeMismatch);
    expect(!result.ok && result.error.message).toContain('"case.json"');
  });

  test('an entry smaller than declared, deflated or stored', () => {
    const content = text('evidence '.repeat(500));
    const deflated = forgeZip([
      { name: 'a', method: 8, content, declaredSize: content.length + 1 },
    ]);
    expect(errorCode(readBundleZip(deflated))).toBe(ZIP_ERRORS.sizeMismatch);
    const stored = forgeZip([{ name: 'a', content, declaredSize: content.length - 1 }]);
    expect(errorCode(readBundleZip(stored))).toBe(ZIP_ERRORS.sizeMismatch);
  });

  test('broken deflate data is reported as invalid, naming the entry', () => {
    const data = deflateRawSync(text('some text '.repeat(100))).subarray(0, 10);
    const zip = forgeZip([{ name: 'cut', method: 8, data, declaredSize: 1000, crc: 0 }]);
    const result = readBundleZip(zip);
    expect(errorCode(result)).toBe(ZIP_ERRORS.invalid);
    expect(!result.ok && result.error.message).toContain('"cut"');
  });
});

describe('shouldCompress', () => {
  test.each([
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.oasis.opendocument.text',
    'application/zip',
    'application/epub+zip',
    'image/jpeg',
    'image/PNG',
    'image/gif',
    'image/webp',
    'video/mp4',
    'audio/mpeg',
    'application/gzip',
    'report.PDF',
    'sources/photo.jpeg',
    'deck.pptx',
    'archive.tar.gz',
  ])('stores %s', (value) => {
    expect(shouldCompress(value)).toBe(false);
  });

  test.each([
    'text/plain; charset=utf-8',
    'application/json',
    'text/html',
    'message/rfc822',
    'image/bmp',
    'image/svg+xml',
    'audio/wav',
    'case.json',
    'notes.txt',
    'sources/abc123',
  ])('deflates %s', (value) => {
    expect(shouldCompress(value)).toBe(true);
  });
});

test('crc32 matches the standard check value', () => {
  expect(crc32(text('123456789'))).toBe(0xcbf43926);
  expect(crc32(text('56789'), crc32(text('1234')))).toBe(0xcbf43926);
  expect(crc32(new Uint8Array(0))).toBe(0);
});

describe('export and import speed-ups', () => {
  test('the ZIP as parts is the ZIP, and stored members are their own arrays', () => {
    const stored = pseudoRandomBytes(5000);
    const members: ZipMember[] = [
      { path: 'a.json', bytes: text('{"a":"b"}'.repeat(50)), compress: true },
      { path: 'b', bytes: stored, compress: false },
    ];
    const parts = writeBundleZipParts(members);
    if (!parts.ok) throw new Error(parts.error.message);
    const all = [...parts.value];
    expect(all).toHaveLength(5); // two headers, two data, the directory
    expect(all[3]).toBe(stored);
    const zip = writeBundleZip(members);
    expect(zip.ok && zip.value).toEqual(concatBytes(all));
    expect(errorCode(writeBundleZipParts([{ path: '../x', bytes: stored, compress: false }]))).toBe(
      ZIP_ERRORS.pathUnsafe,
    );
  });

  test('checkCrc: skipped only for the entries it names', () => {
    const zip = written([
      { path: 'hashed', bytes: text('stored bytes'), compress: false },
      { path: 'manifest.json', bytes: text('{}'), compress: false },
    ]);
    const flipped = zip.slice();
    flipped[30 + 'hashed'.length + 3]! ^= 0x20;
    const onlyManifest = { checkCrc: (name: string) => name === 'manifest.json' };
    expect(readBundleZip(flipped, DEFAULT_ZIP_LIMITS, onlyManifest).ok).toBe(true);
    expect(errorCode(readBundleZip(flipped))).toBe(ZIP_ERRORS.crcMismatch);
    const manifestFlip = written([{ path: 'manifest.json', bytes: text('{}'), compress: false }]);
    manifestFlip[30 + 'manifest.json'.length]! ^= 0x01;
    expect(errorCode(readBundleZip(manifestFlip, DEFAULT_ZIP_LIMITS, onlyManifest))).toBe(
      ZIP_ERRORS.crcMismatch,
    );
  });

  test('a deflated member of many pushes round-trips', () => {
    const words = ['ledger', 'paid', 'account', 'vessel', 'invoice', 'harbour', '42', '17'];
    const noise = pseudoRandomBytes(600_000, 7);
    const big = text(Array.from(noise, (byte) => words[byte % words.length]).join(' '));
    const zip = written([{ path: 'case.json', bytes: big, compress: true }]);
    expect(zip.length).toBeGreaterThan(4 * 64 * 1024);
    const read = readBundleZip(zip);
    const back = read.ok ? read.value.get('case.json') : undefined;
    // Buffer.compare: a deep toEqual over megabytes takes minutes.
    expect(back && Buffer.compare(back, big)).toBe(0);
  });
});

describe('members prepared on another thread (writeBundleZipStream)', () => {
  const words = ['ledger', 'paid', 'account', 'vessel', 'invoice', 'harbour', '42', '17'];
  const prose = (bytes: number, seed: number): Uint8Array =>
    text(Array.from(pseudoRandomBytes(bytes / 6, seed), (b) => words[b % words.length]).join(' '));
  const members: ZipMember[] = [
    { path: 'manifest.json', bytes: text('{"format":"casefile-bundle"}'), compress: true },
    { path: 'case.json', bytes: prose(400_000, 1), compress: true },
    { path: 'sources/scan.pdf', bytes: pseudoRandomBytes(300_000, 2), compress: false },
    { path: 'sources/a.txt', bytes: prose(200_000, 3), compress: true },
    { path: 'sources/noise.bin', bytes: new Uint8Array(randomBytes(200_000)), compress: true },
    { path: 'sources/b.txt', bytes: prose(300_000, 5), compress: true },
    { path: 'sources/small.txt', bytes: text('short'), compress: true },
  ];

  /** prepareZipMember behind a promise that settles later, in any order, counting bytes ahead. */
  function slowPreparer(): {
    prepare: ZipMemberPreparer;
    calls: number[];
    mostAhead: () => number;
  } {
    const calls: number[] = [];
    let ahead = 0;
    let most = 0;
    const prepare: ZipMemberPreparer = (bytes, compress) => {
      calls.push(bytes.length);
      ahead += bytes.length;
      most = Math.max(most, ahead);
      return new Promise((resolve) => {
        setTimeout(
          () => {
            ahead -= bytes.length;
            resolve(prepareZipMember(bytes, compress));
          },
          (calls.length * 7) % 5,
        );
      });
    };
    return { prepare, calls, mostAhead: () => most };
  }

  async function joined(parts: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
    const all: Uint8Array[] = [];
    for await (const part of parts) all.push(part);
    return concatBytes(all);
  }

  test('gives the same bytes as the ZIP written on one thread, readable by unzip', async () => {
    const { prepare, calls } = slowPreparer();
    const stream = writeBundleZipStream(members, prepare);
    if (!stream.ok) throw new Error(stream.error.message);
    const zip = await joined(stream.value);
    const oneThread = written(members);
    expect(Buffer.compare(zip, oneThread)).toBe(0);
    // Only large members asked to be deflated go elsewhere; stored and small ones stay here.
    expect(calls).toEqual([1, 3, 4, 5].map((index) => members[index]!.bytes.length));
    // Stored: the PDF (not asked) and the noise (deflate would not shrink it).
    expect([methods(zip)[2], methods(zip)[4], methods(zip)[5]]).toEqual([0, 0, 8]);
    const file = join(workDir, 'prepared.zip');
    writeFileSync(file, zip);
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    for (const member of members) expect(listing).toContain(member.path);
    execFileSync('unzip', ['-tq', file]);
  });

  test('sends members no more than the given bytes ahead, but always at least one', async () => {
    const { prepare, mostAhead } = slowPreparer();
    const stream = writeBundleZipStream(members, prepare, DEFAULT_ZIP_LIMITS, 250_000);
    if (!stream.ok) throw new Error(stream.error.message);
    const zip = await joined(stream.value);
    expect(Buffer.compare(zip, written(members))).toBe(0);
    // case.json alone is over the bound: sent by itself; later ones only while under it.
    expect(mostAhead()).toBe(members[1]!.bytes.length);
  });

  test('a failing preparer fails the stream; checks still run before any work', async () => {
    const failing: ZipMemberPreparer = () => Promise.reject(new Error('worker died'));
    const stream = writeBundleZipStream(members, failing);
    if (!stream.ok) throw new Error(stream.error.message);
    await expect(joined(stream.value)).rejects.toThrow('worker died');
    const unsafe = writeBundleZipStream(
      [{ path: '../x', bytes: text('x'), compress: true }],
      failing,
    );
    expect(errorCode(unsafe)).toBe(ZIP_ERRORS.pathUnsafe);
  });
});
