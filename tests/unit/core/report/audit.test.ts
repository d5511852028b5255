import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src/core/report/build';
import { renderReportDocx } from '../../../../src/core/report/docx';
import { renderReportHtml } from '../../../../src/core/report/html';
import { renderReportMarkdown } from '../../../../src/core/report/markdown';
import { auditLine } from '../../../../src/core/report/text';
import type { ReportAuditSummary } from '../../../../src/core/report/types';
import { smallReportInput, smallReportOptions } from '../../../fixtures/reports/smallCase';

const HEAD = 'a'.repeat(64);
const INTACT: ReportAuditSummary = { events: 42, intact: true, headHash: HEAD };
const BROKEN: ReportAuditSummary = { events: 42, intact: false, headHash: HEAD, brokenAt: 16 };

describe('auditLine', () => {
  it('gives the count and the head hash of an intact chain', () => {
    expect(auditLine(INTACT)).toBe(
      `Audit trail: 42 events, chain intact; last event hash ${HEAD}.`,
    );
    expect(auditLine({ events: 1, intact: true, headHash: HEAD })).toContain('1 event,');
    expect(auditLine({ events: 0, intact: true, headHash: '' })).toBe(
      'Audit trail: no events recorded.',
    );
  });

  it('says plainly where a chain is broken (1-based for readers)', () => {
    expect(auditLine(BROKEN)).toBe(
      "Audit trail: 42 events, chain BROKEN at event 17: the case's recorded history was altered.",
    );
  });
});

describe('the audit summary in every report format', () => {
  const build = (audit?: ReportAuditSummary) => {
    const result = buildReport(
      { ...smallReportInput(), ...(audit ? { audit } : {}) },
      smallReportOptions(),
    );
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('is carried from the input to the document, and absent when not given', () => {
    expect(build(BROKEN).audit).toEqual(BROKEN);
    expect(build().audit).toBeUndefined();
    expect(renderReportHtml(build())).not.toContain('Audit trail');
  });

  it('is printed on the cover of HTML, Markdown and Word', async () => {
    const doc = build(BROKEN);
    expect(renderReportHtml(doc)).toContain('chain BROKEN at event 17');
    expect(renderReportMarkdown(build(INTACT))).toContain(`last event hash ${HEAD}`);
    const word = strFromU8(
      unzipSync(await renderReportDocx(doc))['word/document.xml'] ?? new Uint8Array(),
    );
    expect(word).toContain('chain BROKEN at event 17');
  });
});
