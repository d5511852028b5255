/**
 * Wording shared by every report format, so HTML, PDF, Word and Markdown say the same thing.
 * Everything returns plain text; each renderer escapes it for its format.
 */
import { SOURCE_RELIABILITY_DEFINITIONS } from '../model/grading';
import { CLAIM_STATUS_LABELS } from '../model/claim';
import type { ReportAuditSummary, ReportFinding, ReportFootnote, ReportSourceEntry } from './types';

/** Shown instead of an excluded entity's name. */
export const REDACTED_MENTION = '[redacted]';
/** Shown instead of a quotation from an excluded source. */
export const REDACTED_QUOTE = '[Quotation redacted: its source is not included in this report]';
/** Shown instead of an embedded claim left out of the report. */
export const REDACTED_CLAIM = '[Claim redacted: it involves an entity not included in this report]';
/** Title of a withheld source. */
export const WITHHELD_SOURCE_TITLE = 'Source withheld';
/** Provenance fields of a withheld source read this. */
export const WITHHELD = 'withheld';

/** Section headings, in report order. */
export const REPORT_SECTION_TITLES = {
  narrative: 'Narrative',
  findings: 'Findings',
  entities: 'Entities',
  charts: 'Link charts',
  timeline: 'Timeline',
  appendix: 'Evidence appendix',
  notes: 'Notes',
} as const;

/**
 * C0 (except tab, line feed, carriage return) and C1 controls: never meaningful in a report, and
 * some are not allowed in HTML or XML at all. Every renderer drops them.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Longest quotation a footnote repeats; longer ones are shortened with an ellipsis. */
export const MAX_FOOTNOTE_QUOTE_LENGTH = 400;

export function reliabilityLabel(reliability: keyof typeof SOURCE_RELIABILITY_DEFINITIONS): string {
  return SOURCE_RELIABILITY_DEFINITIONS[reliability].label;
}

export function statusLabel(status: ReportFinding['status']): string {
  return CLAIM_STATUS_LABELS[status];
}

/** "North Korea attacked Bangladesh Bank". */
export function findingSentence(
  finding: Pick<ReportFinding, 'subject' | 'predicate' | 'object'>,
): string {
  return `${finding.subject} ${finding.predicate} ${finding.object}`;
}

/**
 * The qualifiers printed after a finding's sentence, in order: valid time, grade, status and the
 * warnings a reader must not miss. E.g. ["2016-02-04", "B2", "Corroborated", "Single source"].
 */
export function findingQualifiers(finding: ReportFinding): string[] {
  const out: string[] = [];
  out.push(finding.validTime === '' ? 'Time unknown' : finding.validTime);
  out.push(finding.grade ?? 'Ungraded');
  out.push(statusLabel(finding.status));
  if (finding.analystAssertion) out.push('Analyst assertion (no evidence)');
  else if (finding.evidenceRedacted) out.push('Evidence not included in this report');
  if (finding.singleSource && !finding.analystAssertion) out.push('Single source');
  return out;
}

/**
 * A footnote's text without its number, e.g.
 * `S2, "Sankei article", p. 1, graded B2: "the hackers…"`, followed by an orphan or deletion notice.
 */
export function footnoteText(footnote: ReportFootnote): string {
  const parts: string[] = [];
  parts.push(
    footnote.source ? `${footnote.source.label}, ${footnote.sourceTitle}` : footnote.sourceTitle,
  );
  if (footnote.locator) parts.push(footnote.locator);
  if (footnote.grade) parts.push(`graded ${footnote.grade}`);
  let text = `${parts.join(', ')}: “${footnote.quote}”`;
  if (footnote.passageMissing) {
    text += ' (The passage has since been deleted from the case; quoted as it was when cited.)';
  } else if (footnote.orphaned) {
    text +=
      ' (Orphaned passage: it can no longer be located in the source text; quoted as captured.)';
  }
  return text;
}

/** The appendix lines of a source after its title, as label/value pairs (absent values skipped). */
export function sourceDetails(
  entry: ReportSourceEntry,
): { readonly label: string; readonly value: string }[] {
  const rows: { label: string; value: string }[] = [];
  const add = (label: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '') rows.push({ label, value: String(value) });
  };
  if (entry.withheld) {
    add('Details', WITHHELD);
  } else {
    add('Kind', entry.kind);
    add('File', entry.fileName);
    add('URL', entry.url);
    add('Author', entry.author);
    add('Publisher', entry.publisher);
    add('Published', entry.publishedAt);
    add('Captured', entry.capturedAt);
    add('Media type', entry.mediaType);
    add('Size', entry.byteLength === undefined ? undefined : `${entry.byteLength} bytes`);
  }
  add('Reliability', `${entry.reliability} (${entry.reliabilityLabel})`);
  add('SHA-256', entry.sha256);
  return rows;
}

/** Shortens a quotation for a footnote at a word boundary, with an ellipsis. */
export function shortQuote(text: string, max = MAX_FOOTNOTE_QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * "Audit trail: 42 events, chain intact; last event hash 3f1c…" or, when an event was altered or
 * removed, says so plainly: a reader of the report must not miss it.
 */
export function auditLine(audit: ReportAuditSummary): string {
  const events = `${audit.events} ${audit.events === 1 ? 'event' : 'events'}`;
  if (!audit.intact) {
    const at = audit.brokenAt === undefined ? '' : ` at event ${audit.brokenAt + 1}`;
    return `Audit trail: ${events}, chain BROKEN${at}: the case's recorded history was altered.`;
  }
  if (audit.events === 0) return 'Audit trail: no events recorded.';
  return `Audit trail: ${events}, chain intact; last event hash ${audit.headHash}.`;
}

/** "Generated by Casefile 0.1.0 on 2026-11-22 10:15 UTC". */
export function generationLine(generator: string, generatedAt: string): string {
  const when = generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `Generated by ${generator} on ${when}`;
}
