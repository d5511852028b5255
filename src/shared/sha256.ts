/**
 * Lower-case hex SHA-256 of `bytes` (only the view, not the rest of its buffer), via Web Crypto,
 * which every runtime Casefile runs in has: browsers, workers, Electron and Node 20. src/shared
 * compiles without DOM types, so the one call it needs is named here rather than assumed.
 */
interface SubtleDigest {
  readonly crypto: {
    readonly subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
  };
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export async function sha256HexOfBytes(bytes: Uint8Array): Promise<string> {
  const digest = await (globalThis as unknown as SubtleDigest).crypto.subtle.digest(
    'SHA-256',
    bytes,
  );
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += HEX[byte] ?? '';
  return hex;
}
