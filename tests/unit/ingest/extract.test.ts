import { describe, expect, it } from 'vitest';
import {
  extractCandidates,
  type EntityId,
  type KnownEntity,
  type SuggestionCandidate,
} from '../../../src/core';
import { planChunks, type TextChunk } from '../../../src/ingest/extract/chunks';
import type { ExtractProgress } from '../../../src/ingest/extract/extractor';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { MAX_EXTRACT_CHARS } from '../../../src/ingest/extract/limits';
import { runExtraction } from '../../../src/ingest/extract/run';

const KIM: KnownEntity = { id: 'kim' as EntityId, type: 'Person', names: ['Kim Jong Un'] };
const BANK: KnownEntity = {
  id: 'bb' as EntityId,
  type: 'Organization',
  names: ['Bangladesh Bank', 'BB'],
};

const PARAGRAPH = [
  'On 4 February 2016 Kim Jong-un met officials of Bangladesh Bank while $81 million moved.',
  'Beacons went to hxxps://swift-update[.]com/pay?id=7 and 198.51.100[.]23 (see CVE-2023-4966).',
  'Ransom to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, mule GB82 WEST 1234 5698 7654 32, +44 20 7946 0958.',
].join(' ');

/** A deterministic text of about `size` characters: paragraphs, some long, some short. */
function report(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const paragraph = Array.from({ length: 1 + (i % 4) }, () => PARAGRAPH).join(' ');
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n');
}

function withoutNames(candidates: readonly SuggestionCandidate[]): SuggestionCandidate[] {
  return candidates.filter((c) => c.origin !== 'name');
}

function expectContiguous(text: string, chunks: readonly TextChunk[]): void {
  expect(chunks[0]?.start).toBe(0);
  expect(chunks.at(-1)?.end).toBe(text.length);
  chunks.forEach((chunk, i) => {
    if (i > 0) expect(chunk.start).toBe(chunks[i - 1]!.end);
    expect(chunk.scanStart).toBeLessThanOrEqual(chunk.start);
    expect(chunk.scanEnd).toBeGreaterThanOrEqual(chunk.end);
  });
}

describe('planChunks', () => {
  it('cuts after paragraph breaks, within the size bounds, covering the text once', () => {
    const text = report(200_000);
    const chunks = planChunks(text, { minSize: 10_000, maxSize: 20_000, margin: 500 });
    expectContiguous(text, chunks);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.end - chunk.start).toBeGreaterThanOrEqual(10_000);
      expect(chunk.end - chunk.start).toBeLessThanOrEqual(20_000);
      expect(text.slice(chunk.end - 2, chunk.end)).toBe('\n\n');
      expect(chunk.scanEnd - chunk.end).toBe(500);
    }
    expect(chunks.slice(1).every((c) => c.start - c.scanStart === 500)).toBe(true);
  });

  it('falls back to a line break, then white space, then any place but inside a surrogate pair', () => {
    const lines = 'a line of text\n'.repeat(200);
    expect(
      planChunks(lines, { minSize: 100, maxSize: 200, margin: 0 })
        .slice(0, -1)
        .every((c) => lines[c.end - 1] === '\n'),
    ).toBe(true);
    const words = 'word '.repeat(200);
    expect(
      planChunks(words, { minSize: 100, maxSize: 200, margin: 0 })
        .slice(0, -1)
        .every((c) => words[c.end - 1] === ' '),
    ).toBe(true);
    const emoji = '😀'.repeat(300);
    const chunks = planChunks(emoji, { minSize: 99, maxSize: 101, margin: 0 });
    expectContiguous(emoji, chunks);
    for (const chunk of chunks) expect(chunk.start % 2).toBe(0);
  });

  it('makes one chunk of a short text and none of an empty one', () => {
    expect(planChunks('short text')).toEqual([{ start: 0, end: 10, scanStart: 0, scanEnd: 10 }]);
    expect(planChunks('')).toEqual([]);
  });
});

describe('runExtraction in chunks', () => {
  it('finds exactly what one pass over the whole text finds, with offsets into the whole text', async () => {
    const text = report(120_000);
    const result = await runExtraction(text, [KIM, BANK], {
      chunks: { minSize: 3_000, maxSize: 6_000, margin: 600 },
    });
    if (!result.ok) throw new Error(result.error.message);
    const chunked = withoutNames(result.value);
    expect(chunked).toEqual(extractCandidates(text, [KIM, BANK]));
    expect(chunked.length).toBeGreaterThan(1_000);
    for (const c of chunked) expect(text.slice(c.start, c.end).length).toBe(c.end - c.start);
  });

  it('still finds names and indicators that straddle a chunk boundary', async () => {
    // The only white space is inside the names and the IBAN, so every boundary falls inside one;
    // the order rotates so that each of them is cut somewhere.
    const parts = ['Kim Jong Un', 'Bangladesh Bank', 'GB82 WEST 1234 5698 7654 32'];
    const text = Array.from(
      { length: 600 },
      (_, i) => `met_${parts[i % 3]!}_and_${parts[(i + 1) % 3]!}_and_${parts[(i + 2) % 3]!};`,
    ).join('');
    const options = { minSize: 1_000, maxSize: 1_500, margin: 300 };
    const chunks = planChunks(text, options);
    for (const part of parts) {
      const spans = [...text.matchAll(new RegExp(part, 'g'))].map((m) => [
        m.index,
        m.index + part.length,
      ]);
      expect(chunks.some((c) => spans.some(([s, e]) => s! < c.end && c.end < e!))).toBe(true);
    }

    const result = await runExtraction(text, [KIM, BANK], { chunks: options });
    if (!result.ok) throw new Error(result.error.message);
    const found = withoutNames(result.value);
    expect(found).toHaveLength(1_800);
    expect(found.filter((c) => c.entityId === KIM.id)).toHaveLength(600);
    expect(found.filter((c) => c.entityId === BANK.id)).toHaveLength(600);
    expect(found.filter((c) => c.type === 'BankAccount')).toHaveLength(600);
    for (const c of found) expect(parts).toContain(text.slice(c.start, c.end));
  });

  it('reports progress after each chunk, ending at the full length', async () => {
    const text = report(50_000);
    const progress: ExtractProgress[] = [];
    const options = { minSize: 5_000, maxSize: 10_000, margin: 500 };
    await runExtraction(text, [], { chunks: options, onProgress: (p) => progress.push(p) });
    const chunks = planChunks(text, options);
    expect(progress).toEqual(chunks.map((c) => ({ doneChars: c.end, totalChars: text.length })));
  });

  it('fails with extract.internal, not an exception, when something inside breaks', async () => {
    const broken = { id: 'x', type: 'Person', names: null } as unknown as KnownEntity;
    const result = await runExtraction('text', [broken]);
    expect(result.ok ? undefined : result.error.code).toBe('extract.internal');
  });
});

describe('createInlineExtractor', () => {
  it('extracts with progress', async () => {
    const progress: ExtractProgress[] = [];
    const result = await createInlineExtractor().extract({ text: PARAGRAPH, known: [KIM] }, (p) =>
      progress.push(p),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.map((c) => c.type)).toContain('CryptoWallet');
    expect(progress).toEqual([{ doneChars: PARAGRAPH.length, totalChars: PARAGRAPH.length }]);
  });

  it('cancels a 50 MB extraction part way: it resolves extract.cancelled and does no more chunks', async () => {
    const text = report(50 * 1024 * 1024);
    const extractor = createInlineExtractor();
    const progress: ExtractProgress[] = [];
    const pending = extractor.extract({ text, known: [KIM, BANK] }, (p) => {
      progress.push(p);
      if (progress.length === 1) extractor.cancel();
    });
    const result = await pending;
    expect(result).toEqual({
      ok: false,
      error: { code: 'extract.cancelled', message: 'Extraction cancelled.' },
    });
    // Give a stray chunk every chance to run: none does.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(progress).toHaveLength(1);
    expect(progress[0]!.doneChars).toBeLessThan(text.length);
  });

  it('cancels before the first chunk', async () => {
    const extractor = createInlineExtractor();
    const progress: ExtractProgress[] = [];
    const pending = extractor.extract({ text: PARAGRAPH, known: [] }, (p) => progress.push(p));
    extractor.cancel();
    expect((await pending).ok).toBe(false);
    expect(progress).toEqual([]);
    // The extractor stays usable.
    expect((await extractor.extract({ text: PARAGRAPH, known: [] })).ok).toBe(true);
  });

  it('refuses a text over the cap before any work', async () => {
    const progress: ExtractProgress[] = [];
    const result = await createInlineExtractor().extract(
      { text: 'x'.repeat(MAX_EXTRACT_CHARS + 1), known: [] },
      (p) => progress.push(p),
    );
    expect(result.ok ? undefined : result.error.code).toBe('extract.tooLarge');
    expect(result.ok ? '' : result.error.message).toMatch(/too large.*67\.1 million/);
    expect(progress).toEqual([]);
  });

  it('refuses a malformed request', async () => {
    const result = await createInlineExtractor().extract({
      text: 42 as unknown as string,
      known: [],
    });
    expect(result.ok ? undefined : result.error.code).toBe('extract.invalidRequest');
  });
});
