import { hasControlCharacter } from '../core/bundle/zip';

/**
 * Text from a bundle (case titles, names, member paths) is written by someone else: before it
 * reaches a terminal, controls and bidirectional overrides are escaped, so a title cannot move
 * the cursor, recolour the screen or reorder what the analyst reads.
 */

/** Invisible formatting characters beyond what hasControlCharacter (import's check) covers. */
const INVISIBLE = /[\u00ad\u061c\u200b-\u200d\u2028\u2029\ufeff]/u;

function isUnsafeForTerminal(char: string): boolean {
  return hasControlCharacter(char) || INVISIBLE.test(char);
}

/** `text` with every control or invisible formatting character written as `\uXXXX`. */
export function printable(text: string): string {
  let result = '';
  for (const char of text) {
    result += isUnsafeForTerminal(char)
      ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
      : char;
  }
  return result;
}

/**
 * JSON for machine output. JSON.stringify escapes C0 controls only; the C1 controls and
 * formatting characters are escaped too (still valid JSON), for consumers that print it.
 */
export function printableJson(value: unknown): string {
  // Line breaks left in the output are indentation: those inside strings are escaped already.
  return (JSON.stringify(value, null, 2) ?? 'null').split('\n').map(printable).join('\n');
}

/** A file name from a display name: letters, digits, `.`, `_` and `-`; never empty or hidden. */
export function fileNameOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^A-Za-z0-9._-]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^[-.]+|[-.]+$/gu, '');
  return slug === '' ? 'identity' : slug.slice(0, 80);
}
