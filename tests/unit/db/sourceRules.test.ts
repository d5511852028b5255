import { describe, expect, test } from 'vitest';
import {
  importedSourceTitle,
  isHttpUrl,
  isIsoDateOrDateTime,
  validateSourceTitle,
} from '../../../src/db/sourceRules';

describe('isIsoDateOrDateTime', () => {
  test.each([
    '2025',
    '2025-12',
    '2025-12-03',
    '2024-02-29',
    '2025-12-03T08:15',
    '2025-12-03T08:15:30',
    '2025-12-03T08:15:30.123Z',
    '2025-12-03T08:15:30+01:00',
    '2025-12-03T23:59:59-05:30',
  ])('accepts %j', (value) => {
    expect(isIsoDateOrDateTime(value)).toBe(true);
  });

  test.each([
    '',
    '3 Dec 2025',
    '2025-13',
    '2025-00-10',
    '2025-02-29',
    '2025-04-31',
    '2025-12-3',
    '2025-12-03 08:15',
    '2025-12-03T24:00',
    '2025-12-03T08:60',
    '2025-12-03T08:15:61',
    '2025-12-03T08:15+0100',
    '2025-12-03T08:15:30Zjunk',
    '12/03/2025',
  ])('refuses %j', (value) => {
    expect(isIsoDateOrDateTime(value)).toBe(false);
  });
});

describe('isHttpUrl', () => {
  test.each([
    ['https://registry.invalid/northgate', true],
    ['http://10.0.0.1:8080/a?b=c#d', true],
    ['HTTPS://EXAMPLE.INVALID', true],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<b>x</b>', false],
    ['ftp://files.invalid/a', false],
    ['registry.invalid/northgate', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });
});

describe('titles', () => {
  test('validateSourceTitle trims and bounds', () => {
    expect(validateSourceTitle('  A  ')).toEqual({ ok: true, value: 'A' });
    expect(validateSourceTitle('x'.repeat(500)).ok).toBe(true);
    expect(validateSourceTitle('x'.repeat(501))).toMatchObject({
      error: { code: 'source.title.tooLong' },
    });
    expect(validateSourceTitle(' ')).toMatchObject({ error: { code: 'source.title.empty' } });
  });

  test('importedSourceTitle falls back to the file name, then "Untitled source"', () => {
    expect(importedSourceTitle({ title: 'Own', provenance: { fileName: 'f.txt' } })).toBe('Own');
    expect(importedSourceTitle({ title: ' ', provenance: { fileName: ' f.txt ' } })).toBe('f.txt');
    expect(importedSourceTitle({ title: '', provenance: {} })).toBe('Untitled source');
  });
});
