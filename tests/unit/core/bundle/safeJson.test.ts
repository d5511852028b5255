import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DEFAULT_JSON_LIMITS } from '../../../../src/core/bundle/limits';
import {
  decodeJson,
  depthExceededAt,
  firstInvalidUtf8Offset,
  JSON_ERRORS,
  jsonSyntaxErrorOffset,
} from '../../../../src/core/bundle/safeJson';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const anything = z.unknown();

const caseSchema = z
  .object({
    format: z.literal('casefile'),
    records: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
  })
  .strict();

function failure(result: ReturnType<typeof decodeJson>): { code: string; message: string } {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('decodeJson', () => {
  test('decodes and validates a well-formed member', () => {
    const json = '{"format":"casefile","records":[{"id":"r1","title":"Énigme [1] {x}"}]}';
    const result = decodeJson(bytes(json), caseSchema, 'case.json');
    expect(result).toEqual({
      ok: true,
      value: { format: 'casefile', records: [{ id: 'r1', title: 'Énigme [1] {x}' }] },
    });
  });

  test('refuses a member over the size cap before decoding it', () => {
    const result = decodeJson(bytes('[1,2,3]'), anything, 'case.json', {
      ...DEFAULT_JSON_LIMITS,
      maxBytes: 6,
    });
    expect(failure(result).code).toBe(JSON_ERRORS.tooLarge);
    expect(failure(result).message).toContain('case.json is 7 bytes');
  });

  test('refuses a byte order mark', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{}')]);
    const error = failure(decodeJson(withBom, anything, 'manifest.json'));
    expect(error.code).toBe(JSON_ERRORS.encoding);
    expect(error.message).toContain('byte order mark');
  });

  test.each([
    ['an overlong slash', [0xc0, 0xaf], 1],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 1],
    ['an encoded lone surrogate', [0xed, 0xa0, 0x80], 1],
    ['a truncated sequence at the end', [0xe2, 0x82], 1],
    ['a truncated sequence before a quote', [0xe2, 0x22], 1],
    ['a lone continuation byte', [0x80], 1],
    ['a byte never used in UTF-8', [0xf5, 0x80, 0x80, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 1],
  ])('refuses invalid UTF-8: %s', (_name, sequence, offset) => {
    const input = new Uint8Array([0x22, ...sequence, 0x22]);
    const error = failure(decodeJson(input, anything, 'case.json'));
    expect(error.code).toBe(JSON_ERRORS.encoding);
    expect(error.message).toBe(`case.json is not valid UTF-8 (at byte ${offset}).`);
  });

  test('the invalid-byte finder agrees with the fatal decoder', () => {
    let state = 42;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let round = 0; round < 3000; round += 1) {
      const input = new Uint8Array(1 + (round % 7));
      for (let index = 0; index < input.length; index += 1) {
        state = (state * 1103515245 + 12345) >>> 0;
        const byte = state >>> 24;
        input[index] = round % 2 ? byte : 0x80 | (byte & 0x7f) | (index === 0 ? 0x40 : 0);
      }
      let decodes = true;
      try {
        decoder.decode(input);
      } catch {
        decodes = false;
      }
      expect(firstInvalidUtf8Offset(input) < 0).toBe(decodes);
    }
  });

  test('refuses JSON nested 100,000 deep without overflowing the stack', () => {
    const arrays = '['.repeat(100_000) + ']'.repeat(100_000);
    const error = failure(decodeJson(bytes(arrays), anything, 'case.json'));
    expect(error.code).toBe(JSON_ERRORS.tooDeep);
    expect(error.message).toContain(`more than ${DEFAULT_JSON_LIMITS.maxDepth} levels`);
    const objects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(failure(decodeJson(bytes(objects), anything, 'case.json')).code).toBe(
      JSON_ERRORS.tooDeep,
    );
    // Unclosed, as a hostile file might be: still a depth error, not a crash.
    expect(failure(decodeJson(bytes('['.repeat(100_000)), anything, 'x')).code).toBe(
      JSON_ERRORS.tooDeep,
    );
  });

  test('accepts exactly the depth limit', () => {
    const limits = { ...DEFAULT_JSON_LIMITS, maxDepth: 3 };
    expect(decodeJson(bytes('[[{"a":[]}]]'), anything, 'x', limits).ok).toBe(false);
    expect(decodeJson(bytes('[[{"a":1}]]'), anything, 'x', limits).ok).toBe(true);
    expect(decodeJson(bytes('[[],[],{"a":[1]}]'), anything, 'x', limits).ok).toBe(true);
  });

  test('ignores brackets inside strings and handles escapes', () => {
    expect(depthExceededAt('{"a":"[[[[{{{{"}', 1)).toBe(-1);
    expect(depthExceededAt('["\\"[[[[[", "]]]"]', 1)).toBe(-1);
    expect(depthExceededAt('["\\\\", [[]]]', 2)).toBe(8);
    expect(depthExceededAt('["\\u005b", "\\\\\\"[["]', 1)).toBe(-1);
    const limits = { ...DEFAULT_JSON_LIMITS, maxDepth: 1 };
    expect(decodeJson(bytes('{"a":"[[[[{{{{"}'), anything, 'x', limits).ok).toBe(true);
  });

  test.each([
    ['{"a":}', 'character 5'],
    ['{"a":1', 'at the end'],
    ['[1] x', 'character 4'],
    ['{"a" 1}', 'character 5'],
    ['["\\x"]', 'character 3'],
    ['[1,]', 'character 3'],
    ['', 'at the end'],
    ['{\n"a": tru}', 'line 2'],
  ])('reports a syntax error in %j with its position', (json, where) => {
    const error = failure(decodeJson(bytes(json), anything, 'case.json'));
    expect(error.code).toBe(JSON_ERRORS.syntax);
    expect(error.message).toMatch(/^case\.json is not valid JSON: /u);
    expect(error.message).toContain(where);
  });

  test('the syntax scan accepts what JSON.parse accepts', () => {
    for (const json of [
      '{}',
      '[]',
      ' {"a" : [1, -2.5e+3, true, false, null, "x\\u00e9\\n"], "b": {}} ',
      '"just a string"',
      '0',
    ]) {
      expect(jsonSyntaxErrorOffset(json)).toBe(-1);
    }
  });

  test('the syntax scan agrees with JSON.parse on every one-character change', () => {
    const base = '{"a": [1, -2.5e3, "x\\"y", {"b": null}], "c": true, "d": "\\u00e9"}';
    for (let index = 0; index <= base.length; index += 1) {
      for (const char of [
        '{',
        '[',
        ']',
        '}',
        '"',
        '\\',
        ',',
        ':',
        'e',
        '-',
        '0',
        ' ',
        '\n',
        '\u0001',
      ]) {
        for (const json of [
          base.slice(0, index) + char + base.slice(index + 1),
          base.slice(0, index) + char + base.slice(index),
        ]) {
          let parses = true;
          try {
            JSON.parse(json);
          } catch {
            parses = false;
          }
          expect(jsonSyntaxErrorOffset(json) < 0, json).toBe(parses);
          const result = decodeJson(bytes(json), anything, 'x');
          if (!parses) expect(failure(result).code).toBe(JSON_ERRORS.syntax);
        }
      }
    }
  });

  test('does not let a syntax message echo control characters', () => {
    const error = failure(decodeJson(bytes('{"a\u001b[31m": x}'), anything, 'case.json'));
    expect(error.message).not.toContain('\u001b');
  });

  test('refuses __proto__ and leaves Object.prototype untouched', () => {
    const error = failure(
      decodeJson(bytes('{"__proto__": {"polluted": 1}}'), anything, 'case.json'),
    );
    expect(error.code).toBe(JSON_ERRORS.forbiddenKey);
    expect(error.message).toBe('case.json has the forbidden key "__proto__" at (top level).');
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['{"records":[{"a":1},{"constructor":{"prototype":{}}}]}', '"constructor" at records[1]'],
    ['{"a":{"b c":{"prototype":1}}}', '"prototype" at a["b c"]'],
    ['[[{"\\u005f_proto__":null}]]', '"__proto__" at [0][0]'],
  ])('refuses a forbidden key anywhere: %s', (json, detail) => {
    const error = failure(decodeJson(bytes(json), anything, 'case.json'));
    expect(error.code).toBe(JSON_ERRORS.forbiddenKey);
    expect(error.message).toContain(detail);
  });

  test('applies the schema: unknown keys and wrong types, with their path', () => {
    const unknownKey = failure(
      decodeJson(
        bytes('{"format":"casefile","records":[{"id":"r1","title":"t","extra":1}]}'),
        caseSchema,
        'case.json',
      ),
    );
    expect(unknownKey.code).toBe(JSON_ERRORS.schema);
    expect(unknownKey.message).toContain('extra');
    expect(unknownKey.message).toContain('records[0]');
    const wrongType = failure(
      decodeJson(
        bytes('{"format":"casefile","records":[{"id":"r1","title":2},{"id":3,"title":"t"}]}'),
        caseSchema,
        'case.json',
      ),
    );
    expect(wrongType.message).toContain('at records[0].title (and 1 more problem).');
    const top = failure(decodeJson(bytes('[]'), caseSchema, 'manifest.json'));
    expect(top.message).toContain('at (top level)');
  });
});
