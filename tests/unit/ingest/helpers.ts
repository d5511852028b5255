import { expect } from 'vitest';
import type { SourceDraft } from '../../../src/core';
import type { Result } from '../../../src/shared/result';

export const utf8 = (text: string) => new TextEncoder().encode(text);

export function draftOf(result: Result<SourceDraft>): SourceDraft {
  if (!result.ok) {
    throw new Error(`expected a draft, got ${result.error.code}: ${result.error.message}`);
  }
  return result.value;
}

/** Canonical text rules (core/text/canonical.ts) every parser must keep; returns the paragraphs. */
export function expectCanonical(draft: SourceDraft): string[] {
  const { text, structure } = draft;
  const paragraphs = (structure.paragraphs ?? []).map((r) => text.slice(r.start, r.end));
  expect(paragraphs.join('\n\n')).toBe(text);
  expect(text).not.toContain('\n\n\n');
  expect(text).toBe(text.trim());
  for (const paragraph of paragraphs) {
    expect(paragraph).toBe(paragraph.trim());
    expect(paragraph).not.toMatch(/\s{2}|\n|\r/);
  }
  return paragraphs;
}
