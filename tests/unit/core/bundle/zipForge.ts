import { deflateSync } from 'fflate';
import { crc32 } from '../../../../src/core/bundle/crc32';

/**
 * Writes ZIP byte structures by hand, hostile ones included: well-behaved writers refuse the
 * names, sizes and flags these tests need. Every field can be overridden; by default an entry is
 * an honest stored or deflated file.
 */
export interface ForgedEntry {
  /** The name, as text (encoded UTF-8) or as raw bytes. */
  readonly name: string | Uint8Array;
  readonly content?: Uint8Array;
  /** 0 stored, 8 deflated, anything else to test refusals. */
  readonly method?: number;
  /** Raw entry data; defaults to `content` stored or deflated per `method`. */
  readonly data?: Uint8Array;
  readonly flags?: number;
  readonly crc?: number;
  readonly declaredSize?: number;
  readonly compressedSize?: number;
  /** Name written in the local header, when it should differ from the central one. */
  readonly localName?: string;
  readonly versionMadeBy?: number;
  readonly externalAttributes?: number;
  /** Write no local header and data for this entry, only its central record... */
  readonly omitLocal?: boolean;
  /** ...pointing here instead (to make entries overlap). */
  readonly localHeaderOffset?: number;
}

export interface ForgeOptions {
  /** Entry count written in the end record (defaults to the real count). */
  readonly declaredCount?: number;
  readonly comment?: string;
}

const encoder = new TextEncoder();

export function forgeZip(entries: readonly ForgedEntry[], options: ForgeOptions = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? encoder.encode(entry.name) : entry.name;
    const localName = entry.localName === undefined ? name : encoder.encode(entry.localName);
    const content = entry.content ?? new Uint8Array(0);
    const method = entry.method ?? 0;
    const data = entry.data ?? (method === 8 ? deflateSync(content) : content);
    const fields = {
      flags: entry.flags ?? 0x0800,
      method,
      crc: entry.crc ?? crc32(content),
      compressedSize: entry.compressedSize ?? data.length,
      declaredSize: entry.declaredSize ?? content.length,
    };
    const local = new Uint8Array(30 + localName.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, fields.flags, true);
    lv.setUint16(8, fields.method, true);
    lv.setUint16(12, 0x21, true);
    lv.setUint32(14, fields.crc, true);
    lv.setUint32(18, fields.compressedSize, true);
    lv.setUint32(22, fields.declaredSize, true);
    lv.setUint16(26, localName.length, true);
    local.set(localName, 30);
    local.set(data, 30 + localName.length);

    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, entry.versionMadeBy ?? 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, fields.flags, true);
    cv.setUint16(10, fields.method, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, fields.crc, true);
    cv.setUint32(20, fields.compressedSize, true);
    cv.setUint32(24, fields.declaredSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, entry.externalAttributes ?? 0, true);
    cv.setUint32(42, entry.localHeaderOffset ?? offset, true);
    central.set(name, 46);

    centrals.push(central);
    if (entry.omitLocal) continue;
    locals.push(local);
    offset += local.length;
  }
  const comment = encoder.encode(options.comment ?? '');
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22 + comment.length);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  const count = options.declaredCount ?? entries.length;
  ev.setUint16(8, count, true);
  ev.setUint16(10, count, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  ev.setUint16(20, comment.length, true);
  end.set(comment, 22);
  return concatBytes([...locals, ...centrals, end]);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Offsets of every central directory record, to patch fields of an archive in place. */
export function centralRecordOffsets(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const offsets: number[] = [];
  for (let index = 0; index < count; index += 1) {
    offsets.push(at);
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return offsets;
}
