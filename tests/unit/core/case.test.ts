import { describe, expect, it } from 'vitest';
import { asCaseId, createCase, updateCase, validateCaseTitle } from '../../../src/core';

const id = asCaseId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a10');
const now = '2026-11-21T12:00:00.000Z';

describe('case validation', () => {
  it('trims the title and defaults the marking to TLP:AMBER', () => {
    const result = createCase({ title: '  Operation Ghost  ' }, id, now);
    expect(result).toEqual({
      ok: true,
      value: {
        id,
        title: 'Operation Ghost',
        summary: '',
        marking: 'TLP:AMBER',
        status: 'open',
        createdAt: now,
        updatedAt: now,
      },
    });
  });

  it.each([
    ['', 'case.title.empty', 'A case needs a title.'],
    ['   \n\t', 'case.title.empty', 'A case needs a title.'],
    [
      'x'.repeat(501),
      'case.title.tooLong',
      'A case title can be at most 500 characters (this one has 501).',
    ],
  ])('refuses the title %j', (title, code, message) => {
    expect(validateCaseTitle(title)).toEqual({ ok: false, error: { code, message } });
    expect(createCase({ title }, id, now)).toEqual({ ok: false, error: { code, message } });
  });

  it('accepts a title of exactly 500 characters', () => {
    expect(validateCaseTitle('x'.repeat(500)).ok).toBe(true);
  });

  it('refuses an empty or over-long marking', () => {
    expect(createCase({ title: 'A', marking: ' ' }, id, now)).toMatchObject({
      ok: false,
      error: { code: 'case.marking.empty' },
    });
    expect(createCase({ title: 'A', marking: 'M'.repeat(65) }, id, now)).toMatchObject({
      ok: false,
      error: { code: 'case.marking.tooLong' },
    });
  });

  it('updates only the changed fields and never mutates the input', () => {
    const created = createCase({ title: 'Old' }, id, now);
    if (!created.ok) throw new Error('setup');
    const later = '2026-11-22T08:00:00.000Z';
    const updated = updateCase(created.value, { title: 'New', status: 'closed' }, later);
    expect(updated).toMatchObject({
      ok: true,
      value: { title: 'New', status: 'closed', updatedAt: later, createdAt: now },
    });
    expect(created.value.title).toBe('Old');
    expect(updateCase(created.value, { title: '' }, later)).toMatchObject({
      ok: false,
      error: { code: 'case.title.empty' },
    });
  });

  it('makes ids only from UUIDs', () => {
    expect(() => asCaseId('../../etc/passwd')).toThrow('Not a valid case id');
  });
});
