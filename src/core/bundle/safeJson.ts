import type { ZodType } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { DEFAULT_JSON_LIMITS, type JsonLimits } from './limits';

/**
 * Decoding a JSON member of a bundle (manifest.json, case.json, signature.json) without trusting
 * it, in this order, each step before the costlier next one: size cap; strict UTF-8 (a fatal
 * decoder, so no replacement characters slip in); a byte order mark is refused, because the
 * members we write have none and a bundle's bytes should have one reading; nesting depth, by a
 * scan that uses no recursion (so 100,000 levels cannot overflow the stack of JSON.parse or of
 * the schema); JSON.parse; a walk, again without recursion, refusing `__proto__`, `constructor`
 * and `prototype` keys anywhere, so no later spread or merge can reach an object's prototype;
 * then the caller's zod schema, written with `.strict()` objects so unknown keys are refused.
 */

export const JSON_ERRORS = {
  tooLarge: 'bundle.json.tooLarge',
  encoding: 'bundle.json.encoding',
  tooDeep: 'bundle.json.tooDeep',
  syntax: 'bundle.json.syntax',
  forbiddenKey: 'bundle.json.forbiddenKey',
  schema: 'bundle.json.schema',
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Decodes `bytes` as JSON and validates it with `schema`. `what` names the member in messages
 * (e.g. `case.json`). Never throws for bad input.
 */
export function decodeJson<T>(
  bytes: Uint8Array,
  schema: ZodType<T>,
  what: string,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): Result<T> {
  if (bytes.length > limits.maxBytes) {
    return err(
      JSON_ERRORS.tooLarge,
      `${what} is ${bytes.length} bytes; at most ${limits.maxBytes} are accepted.`,
    );
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return err(
      JSON_ERRORS.encoding,
      `${what} starts with a byte order mark; bundle JSON is UTF-8 without one.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Offset(bytes);
    return err(
      JSON_ERRORS.encoding,
      `${what} is not valid UTF-8${at >= 0 ? ` (at byte ${at})` : ''}.`,
    );
  }
  const tooDeepAt = depthExceededAt(text, limits.maxDepth);
  if (tooDeepAt >= 0) {
    return err(
      JSON_ERRORS.tooDeep,
      `${what} nests arrays and objects more than ${limits.maxDepth} levels deep (at character ${tooDeepAt}).`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return err(JSON_ERRORS.syntax, `${what} is not valid JSON: ${syntaxDetail(text, error)}.`);
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden !== undefined) {
    return err(
      JSON_ERRORS.forbiddenKey,
      `${what} has the forbidden key ${JSON.stringify(forbidden.key)} at ${forbidden.path}.`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    const more = parsed.error.issues.length - 1;
    const where = first ? formatPath(first.path) : '(top level)';
    return err(
      JSON_ERRORS.schema,
      `${what} does not have the expected structure: ${printable(first?.message ?? 'invalid')} at ${where}` +
        (more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'}).` : '.'),
    );
  }
  return ok(parsed.data);
}

/**
 * The character index where nesting first passes `maxDepth`, or -1. Counts brackets outside
 * strings only, skipping escaped characters inside them; leaves every other error to JSON.parse.
 */
export function depthExceededAt(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth += 1;
      if (depth > maxDepth) return index;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return -1;
}

interface PathStep {
  readonly key: string | number | undefined;
  readonly parent: PathStep | undefined;
}

/** The first forbidden key, depth first, with where it is; undefined when there is none. */
function findForbiddenKey(root: unknown): { key: string; path: string } | undefined {
  const pending: { value: unknown; step: PathStep | undefined }[] = [
    { value: root, step: undefined },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, step } = item;
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        const child: unknown = value[index];
        if (typeof child === 'object' && child !== null) {
          pending.push({ value: child, step: { key: index, parent: step } });
        }
      }
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (const key of keys) {
        if (FORBIDDEN_KEYS.has(key)) return { key, path: formatPath(stepsOf(step)) };
      }
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index]!;
        const child: unknown = (value as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) {
          pending.push({ value: child, step: { key, parent: step } });
        }
      }
    }
  }
  return undefined;
}

function stepsOf(step: PathStep | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let at = step; at !== undefined; at = at.parent) {
    if (at.key !== undefined) keys.push(at.key);
  }
  return keys.reverse();
}

/** `records[3].attributes["odd key"]`, or `(top level)`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/u.test(key)) {
      out += out === '' ? key : `.${key}`;
    } else out += `[${printable(JSON.stringify(String(key)))}]`;
  }
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/** Text from the input, safe to show: controls and bidirectional marks escaped, shortened. */
function printable(text: string): string {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  let out = '';
  for (const char of shown) {
    const code = char.charCodeAt(0);
    const hidden =
      code <= 0x1f ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x200b && code <= 0x200f) ||
      (code >= 0x2028 && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069) ||
      code === 0xfeff;
    out += hidden ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}

/** JSON.parse's complaint with a position: its own when it gives one, else found by a scan. */
function syntaxDetail(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const stated = /at position (\d+)/u.exec(message);
  const position = stated ? Number(stated[1]) : jsonSyntaxErrorOffset(text);
  // V8 quotes a slice of the input in some messages: keep only its own words.
  const reason = message
    .replace(/ in JSON at position \d+.*$/su, '')
    .replace(/, ".*$/su, '')
    .trim();
  const where =
    position < 0
      ? ''
      : position >= text.length
        ? ' (at the end)'
        : ` (at character ${position}, line ${lineOf(text, position)})`;
  return `${printable(reason)}${where}`;
}

function lineOf(text: string, position: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < position;) {
    line += 1;
    index = text.indexOf('\n', index + 1);
  }
  return line;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/uy;

/**
 * Where a JSON text first breaks the grammar (its length when it ends too soon), or -1 when it
 * is valid. Only used to place an error JSON.parse reported without a position; iterative.
 */
export function jsonSyntaxErrorOffset(text: string): number {
  const containers: number[] = []; // 0x7b for objects, 0x5b for arrays
  let index = 0;
  type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'afterValue';
  let expect: Expect = 'value';
  const skipSpace = (): void => {
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      index += 1;
    }
  };
  /** Scans a string starting at `index` (a quote); returns false on an error at `index`. */
  const scanString = (): boolean => {
    index += 1;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        index += 1;
        return true;
      }
      if (code < 0x20) return false;
      if (code === 0x5c) {
        const escaped = text[index + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/u.test(text.slice(index + 2, index + 6))) return false;
          index += 6;
        } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) index += 2;
        else return false;
      } else index += 1;
    }
    return false;
  };
  for (;;) {
    skipSpace();
    if (index >= text.length)
      return expect === 'afterValue' && containers.length === 0 ? -1 : index;
    const code = text.charCodeAt(index);
    if (expect === 'afterValue') {
      const open = containers.at(-1);
      if (open === undefined) return index; // text after the top-level value
      if (code === 0x2c /* , */) {
        expect = open === 0x7b ? 'key' : 'value';
        index += 1;
      } else if ((code === 0x7d && open === 0x7b) || (code === 0x5d && open === 0x5b)) {
        containers.pop();
        index += 1;
      } else return index;
      continue;
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (code === 0x7d && expect === 'keyOrClose') {
        containers.pop();
        index += 1;
        expect = 'afterValue';
        continue;
      }
      if (code !== 0x22 || !scanString()) return index;
      skipSpace();
      if (text.charCodeAt(index) !== 0x3a /* : */) return index;
      index += 1;
      expect = 'value';
      continue;
    }
    if (code === 0x5d && expect === 'valueOrClose') {
      containers.pop();
      index += 1;
      expect = 'afterValue';
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      containers.push(code);
      index += 1;
      expect = code === 0x7b ? 'keyOrClose' : 'valueOrClose';
      continue;
    }
    if (code === 0x22) {
      if (!scanString()) return index;
    } else if (text.startsWith('true', index)) index += 4;
    else if (text.startsWith('false', index)) index += 5;
    else if (text.startsWith('null', index)) index += 4;
    else {
      NUMBER.lastIndex = index;
      if (!NUMBER.test(text)) return index;
      index = NUMBER.lastIndex;
    }
    expect = 'afterValue';
  }
}

/** Byte offset of the first ill-formed UTF-8 sequence (WHATWG rules), or -1 when all is well. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return index;
    for (let step = 1; step <= trailing; step += 1) {
      const byte = bytes[index + step];
      const min = step === 1 ? low : 0x80;
      const max = step === 1 ? high : 0xbf;
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += trailing + 1;
  }
  return -1;
}
