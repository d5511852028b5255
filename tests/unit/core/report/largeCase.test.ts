import { describe, expect, it } from 'vitest';
import { buildReport, type ReportBlock, type ReportDocument } from '../../../../src/core/report';
import {
  LARGE_COUNTS,
  largeReportInput,
  largeReportOptions,
} from '../../../fixtures/reports/largeCase';

/** Footnote numbers in reading order: narrative blocks (nested), then findings. */
function referencesInOrder(doc: ReportDocument): number[] {
  const out: number[] = [];
  const walk = (blocks: readonly ReportBlock[]): void => {
    for (const block of blocks) {
      if (block.kind === 'evidenceQuote' && block.footnote !== undefined) out.push(block.footnote);
      if (block.kind === 'list') for (const item of block.items) walk(item);
    }
  };
  walk(doc.narrative?.blocks ?? []);
  for (const finding of doc.findings) out.push(...finding.footnotes);
  return out;
}

describe('the large case', () => {
  const input = largeReportInput();
  const result = buildReport(input, largeReportOptions(input));
  const doc = result.ok ? result.value : undefined;

  it('is deterministic', () => {
    expect(largeReportInput()).toEqual(input);
    expect(input.claims).toHaveLength(LARGE_COUNTS.claims);
    expect(input.sources).toHaveLength(LARGE_COUNTS.sources);
    expect(input.entities).toHaveLength(LARGE_COUNTS.entities);
  });

  it('builds every finding, footnotes numbered by first reference', () => {
    expect(doc).toBeDefined();
    expect(doc!.findings).toHaveLength(LARGE_COUNTS.claims);
    const quotes = doc!.narrative!.blocks.filter((b) => b.kind === 'evidenceQuote');
    expect(quotes).toHaveLength(LARGE_COUNTS.quotedPassages);
    const firsts: number[] = [];
    const seen = new Set<number>();
    for (const number of referencesInOrder(doc!)) {
      if (!seen.has(number)) firsts.push(number);
      seen.add(number);
    }
    expect(firsts).toEqual(doc!.footnotes.map((f) => f.number));
    expect(firsts).toEqual(firsts.map((_, i) => i + 1));
  });

  it('lists every cited source once, labels in order of first citation', () => {
    const labels = doc!.sources.map((s) => s.label);
    expect(new Set(doc!.sources.map((s) => s.sourceId)).size).toBe(doc!.sources.length);
    expect(labels).toEqual(labels.map((_, i) => `S${i + 1}`));
    const firstCitations = doc!.sources
      .filter((s) => s.citedBy.length > 0)
      .map((s) => s.citedBy[0]!);
    expect(firstCitations).toEqual([...firstCitations].sort((a, b) => a - b));
    expect(
      doc!.footnotes.every((f) => f.source !== undefined && /^p{1,2}\. /.test(f.locator!)),
    ).toBe(true);
  });

  it('builds the same document twice', () => {
    const again = buildReport(input, largeReportOptions(input));
    expect(again.ok && again.value).toEqual(doc);
  });
});
