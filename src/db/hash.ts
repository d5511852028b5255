import type { HashText } from '../core/audit/chain';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lower-case hex SHA-256 of `bytes` (only the view, not the rest of its buffer), via Web Crypto. */
export async function sha256BytesHex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += HEX[byte] ?? '';
  return hex;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`, via Web Crypto (browsers, Electron, Node 20). */
export const sha256Hex: HashText = (text) => sha256BytesHex(new TextEncoder().encode(text));
