/**
 * Standard padded base64 (RFC 4648 §4) for core, which has neither Buffer nor btoa: report data:
 * URIs and CSP hashes, bundle keys and signatures. @scure/base does the coding.
 */
import { base64 } from '@scure/base';

export function bytesToBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Strict decoding: padded, standard alphabet, canonical; undefined for anything else. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  try {
    const bytes = base64.decode(text);
    // Non-zero padding bits decode too: only the one spelling of the bytes is accepted.
    return base64.encode(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}
