import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  hasZipSignature,
  inflateEntry,
  readZipDirectory,
  readZipFiles,
  type ZipLimits,
} from '../../../src/ingest/zip';
import {
  buildRawZip,
  deflatedEntry,
  zerosDeflated,
  type RawZipEntry,
} from '../../fixtures/ingest/docxBuilder';

const MB = 1024 * 1024;
const limits: ZipLimits = { maxEntries: 100, maxInflatedBytes: 1 * MB };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const zeros = (megabytes: number, declaredSize: number, name = 'big.bin'): RawZipEntry => ({
  name,
  data: zerosDeflated(megabytes),
  declaredSize,
});

describe('readZipFiles', () => {
  it('reads stored and deflated entries of an ordinary zip, leaving folders out', () => {
    const zip = zipSync({
      'a.txt': [new TextEncoder().encode('stored text'), { level: 0 }],
      'dir/b.xml': [new TextEncoder().encode('<b>deflated</b>'.repeat(100)), { level: 9 }],
      'empty/': new Uint8Array(0),
    });
    const result = readZipFiles(zip, limits);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((file) => [file.name, text(file.bytes).slice(0, 15)])).toEqual([
      ['a.txt', 'stored text'],
      ['dir/b.xml', '<b>deflated</b>'],
    ]);
    expect(result.value[1]!.bytes.length).toBe(1500);
  });

  it('refuses an entry that inflates past the limit although its header declares 1 KB', () => {
    const zip = buildRawZip([zeros(5, 1024)]);
    expect(readZipFiles(zip, limits)).toEqual({
      ok: false,
      problem: { kind: 'tooLarge', limit: 1 * MB },
    });
  });

  it('counts the running total across entries, not each entry alone', () => {
    const third = 400 * 1024;
    const entries = ['a', 'b', 'c'].map((name) =>
      deflatedEntry(name, new Uint8Array(third).fill(65)),
    );
    expect(readZipFiles(buildRawZip(entries), limits)).toEqual({
      ok: false,
      problem: { kind: 'tooLarge', limit: 1 * MB },
    });
    expect(readZipFiles(buildRawZip(entries.slice(0, 2)), limits).ok).toBe(true);
  });

  it('counts stored entries too', () => {
    const stored: RawZipEntry = {
      name: 'raw.bin',
      data: new Uint8Array(MB + 1),
      method: 0,
      declaredSize: 10,
    };
    expect(readZipFiles(buildRawZip([stored]), limits)).toEqual({
      ok: false,
      problem: { kind: 'tooLarge', limit: 1 * MB },
    });
  });

  it('ignores a declared size that is too large: only real output counts', () => {
    const entry = { ...deflatedEntry('small.txt', 'small'), declaredSize: 0xfffffffe };
    const result = readZipFiles(buildRawZip([entry]), limits);
    expect(result.ok && text(result.value[0]!.bytes)).toBe('small');
  });

  it('inflates a second time when the archive is larger than the retain budget, with the same result', () => {
    const entries = ['x', 'y', 'z'].map((name, i) =>
      deflatedEntry(name, new Uint8Array(300 * 1024).fill(i + 1)),
    );
    const zip = buildRawZip(entries);
    const result = readZipFiles(zip, { ...limits, retainBytes: 100 * 1024 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((file) => [file.name, file.bytes.length, file.bytes[0]])).toEqual([
      ['x', 300 * 1024, 1],
      ['y', 300 * 1024, 2],
      ['z', 300 * 1024, 3],
    ]);
  });

  it('refuses more entries than the limit, whether the end record says so or hides it', () => {
    const entries = Array.from({ length: 11 }, (_, i) => deflatedEntry(`f${i}.txt`, `file ${i}`));
    const tooMany = { ok: false, problem: { kind: 'tooManyEntries', limit: 10 } };
    expect(readZipFiles(buildRawZip(entries), { ...limits, maxEntries: 10 })).toEqual(tooMany);
    expect(
      readZipFiles(buildRawZip(entries, { declaredCount: 1 }), { ...limits, maxEntries: 10 }),
    ).toEqual(tooMany);
    expect(readZipFiles(buildRawZip(entries), { ...limits, maxEntries: 11 }).ok).toBe(true);
  });

  it('refuses two entries with one name (readers disagree on which one wins)', () => {
    const zip = buildRawZip([deflatedEntry('a.xml', 'one'), deflatedEntry('a.xml', 'two')]);
    expect(readZipFiles(zip, limits)).toEqual({
      ok: false,
      problem: { kind: 'badEntry', name: 'a.xml', detail: 'it appears twice' },
    });
  });

  it('reports broken compressed data, bad offsets and unsupported methods per entry', () => {
    const good = deflatedEntry('doc.xml', '<doc>hello</doc>'.repeat(50));
    const broken = { ...good, data: good.data.map((byte, i) => (i > 2 ? 0xff : byte)) };
    const brokenResult = readZipFiles(buildRawZip([broken]), limits);
    expect(!brokenResult.ok && brokenResult.problem.kind).toBe('badEntry');

    const cut = buildRawZip([good]);
    // Point the central directory's local-header offset past the end of the file.
    const directory = readZipDirectory(cut, limits);
    expect(directory.ok).toBe(true);
    const moved = cut.slice();
    const recordAt = moved.length - 22 - (46 + 'doc.xml'.length);
    new DataView(moved.buffer).setUint32(recordAt + 42, moved.length + 10, true);
    expect(readZipFiles(moved, limits)).toEqual({
      ok: false,
      problem: { kind: 'badEntry', name: 'doc.xml', detail: 'its local header is missing' },
    });

    const bzip2 = buildRawZip([{ ...good, method: 12 as 0 }]);
    expect(readZipFiles(bzip2, limits)).toEqual({
      ok: false,
      problem: { kind: 'unsupported', name: 'doc.xml', detail: 'it uses compression method 12' },
    });
  });

  it('reads ZIP64 end records and extra fields', () => {
    const zip = buildRawZip([deflatedEntry('a.txt', 'alpha'), deflatedEntry('b.txt', 'beta')], {
      zip64: true,
    });
    const result = readZipFiles(zip, limits);
    expect(result.ok && result.value.map((file) => text(file.bytes))).toEqual(['alpha', 'beta']);
  });
});

describe('readZipDirectory', () => {
  it('says "not a zip" without a local file header, and "bad directory" when truncated', () => {
    const plain = new TextEncoder().encode('Dear colleague, this is plain text.');
    expect(hasZipSignature(plain)).toBe(false);
    expect(readZipDirectory(plain, limits)).toEqual({ ok: false, problem: { kind: 'notZip' } });

    const zip = buildRawZip([deflatedEntry('a.txt', 'alpha'.repeat(100))]);
    expect(readZipDirectory(zip.subarray(0, zip.length / 2), limits)).toEqual({
      ok: false,
      problem: { kind: 'badDirectory', detail: 'its end-of-directory record is missing' },
    });
  });

  it('refuses a central directory that points outside the file', () => {
    const zip = buildRawZip([deflatedEntry('a.txt', 'alpha')]).slice();
    new DataView(zip.buffer).setUint32(zip.length - 22 + 16, 0x7fffffff, true);
    expect(readZipDirectory(zip, limits)).toEqual({
      ok: false,
      problem: { kind: 'badDirectory', detail: 'its central directory lies outside the file' },
    });
  });
});

describe('inflateEntry', () => {
  it('stops a 600 MB bomb at the budget, keeping nothing when asked to keep nothing', () => {
    const zip = buildRawZip([zeros(600, 600 * MB)]);
    const directory = readZipDirectory(zip, limits);
    if (!directory.ok) throw new Error('directory');
    const entry = directory.value[0]!;
    expect(inflateEntry(zip, entry, { budget: 2 * MB, keepUpTo: 0 })).toEqual({
      ok: false,
      problem: { kind: 'tooLarge', limit: 2 * MB },
    });
    const small = buildRawZip([zeros(3, 3 * MB)]);
    const smallEntry = readZipDirectory(small, limits);
    if (!smallEntry.ok) throw new Error('directory');
    expect(inflateEntry(small, smallEntry.value[0]!, { budget: 4 * MB, keepUpTo: 0 })).toEqual({
      ok: true,
      value: { size: 3 * MB },
    });
  });
});
