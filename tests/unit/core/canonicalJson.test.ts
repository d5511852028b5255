import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../../src/core/audit/chain';

describe('canonicalJson', () => {
  test('sorts keys at every depth and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  test('is independent of insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  test('sorts by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 0, B: 0, a: 0, é: 0, '1': 0 })).toBe(
      '{"1":0,"B":0,"a":0,"b":0,"é":0}',
    );
  });

  test('scalars', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson('')).toBe('""');
  });

  test('escapes strings like JSON.stringify, including quotes, controls and lone surrogates', () => {
    expect(canonicalJson('a"b\\c\n\u0001')).toBe('"a\\"b\\\\c\\n\\u0001"');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
    expect(canonicalJson('Ünïcødé ✓')).toBe('"Ünïcødé ✓"');
  });

  test('empty containers and null-prototype objects', () => {
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: 'v' });
    expect(canonicalJson(bare)).toBe('{"k":"v"}');
  });

  test('the same value shared twice (not a cycle) is fine', () => {
    const shared = { n: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"n":1},"b":[{"n":1}]}');
  });

  test.each([
    ['undefined', undefined],
    ['undefined property', { a: undefined }],
    ['NaN', Number.NaN],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['bigint', 1n],
    ['function', () => 1],
    ['symbol', Symbol('s')],
    ['Date', new Date(0)],
    ['Map', new Map()],
    ['Uint8Array', new Uint8Array([1])],
    ['class instance', new (class Thing {})()],
    ['sparse array', Object.assign([1], { 2: 3 })],
    ['symbol key', { [Symbol('k')]: 1 }],
  ])('throws on %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  test('throws on cycles, naming where', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/circular reference at \$\.self\.back/);
  });
});
