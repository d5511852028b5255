import type { HashText } from '../core/audit/chain';
import { sha256HexOfBytes } from '../shared/sha256';

/** Lower-case hex SHA-256 of `bytes`: the one implementation, in src/shared. */
export const sha256BytesHex = sha256HexOfBytes;

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text` (the audit chain hashes canonical JSON). */
export const sha256Hex: HashText = (text) => sha256HexOfBytes(new TextEncoder().encode(text));
