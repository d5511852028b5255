/**
 * Base64 for the data: URIs and CSP hashes of the self-contained report files. Core has neither
 * Buffer (node:*) nor btoa in its lib, and btoa would need a binary string of the whole image.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Bytes encoded per chunk, so a large image does not build one string per character. */
const CHUNK_BYTES = 3 * 4096;

export function bytesToBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const end = Math.min(start + CHUNK_BYTES, bytes.length);
    const quads: string[] = [];
    for (let i = start; i < end; i += 3) {
      const a = bytes[i] ?? 0;
      const b = bytes[i + 1] ?? 0;
      const c = bytes[i + 2] ?? 0;
      const triple = (a << 16) | (b << 8) | c;
      const left = end - i;
      quads.push(
        ALPHABET.charAt((triple >> 18) & 63) +
          ALPHABET.charAt((triple >> 12) & 63) +
          (left > 1 ? ALPHABET.charAt((triple >> 6) & 63) : '=') +
          (left > 2 ? ALPHABET.charAt(triple & 63) : '='),
      );
    }
    chunks.push(quads.join(''));
  }
  return chunks.join('');
}
