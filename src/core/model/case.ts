import { err, ok, type Result } from '../../shared/result';
import type { CaseId } from './ids';
import { DEFAULT_MARKING, MAX_MARKING_LENGTH } from './handling';
import { CASE_STATUSES, type Case, type IsoTimestamp } from './records';

export const MAX_CASE_TITLE_LENGTH = 500;
export const MAX_CASE_SUMMARY_LENGTH = 10_000;

export interface NewCaseInput {
  readonly title: string;
  readonly summary?: string;
  readonly marking?: string;
}

export interface CaseChanges {
  readonly title?: string;
  readonly summary?: string;
  readonly marking?: string;
  readonly status?: Case['status'];
}

/** Titles are trimmed; an empty or over-long title is refused with a specific message. */
export function validateCaseTitle(raw: string): Result<string> {
  const title = raw.trim();
  if (title.length === 0) return err('case.title.empty', 'A case needs a title.');
  if (title.length > MAX_CASE_TITLE_LENGTH) {
    return err(
      'case.title.tooLong',
      `A case title can be at most ${MAX_CASE_TITLE_LENGTH} characters (this one has ${title.length}).`,
    );
  }
  return ok(title);
}

function validateSummary(raw: string): Result<string> {
  const summary = raw.trim();
  if (summary.length > MAX_CASE_SUMMARY_LENGTH) {
    return err(
      'case.summary.tooLong',
      `A case summary can be at most ${MAX_CASE_SUMMARY_LENGTH} characters (this one has ${summary.length}).`,
    );
  }
  return ok(summary);
}

function validateMarking(raw: string): Result<string> {
  const marking = raw.trim();
  if (marking.length === 0) return err('case.marking.empty', 'A case needs a handling marking.');
  if (marking.length > MAX_MARKING_LENGTH) {
    return err(
      'case.marking.tooLong',
      `A handling marking can be at most ${MAX_MARKING_LENGTH} characters.`,
    );
  }
  return ok(marking);
}

/** Builds a new case record, or says exactly which field is wrong. */
export function createCase(input: NewCaseInput, id: CaseId, now: IsoTimestamp): Result<Case> {
  const title = validateCaseTitle(input.title);
  if (!title.ok) return title;
  const summary = validateSummary(input.summary ?? '');
  if (!summary.ok) return summary;
  const marking = validateMarking(input.marking ?? DEFAULT_MARKING);
  if (!marking.ok) return marking;
  return ok({
    id,
    title: title.value,
    summary: summary.value,
    marking: marking.value,
    status: 'open',
    createdAt: now,
    updatedAt: now,
  });
}

/** Applies changes to a case, validating each changed field; the input is never mutated. */
export function updateCase(current: Case, changes: CaseChanges, now: IsoTimestamp): Result<Case> {
  let next: Case = current;
  if (changes.title !== undefined) {
    const title = validateCaseTitle(changes.title);
    if (!title.ok) return title;
    next = { ...next, title: title.value };
  }
  if (changes.summary !== undefined) {
    const summary = validateSummary(changes.summary);
    if (!summary.ok) return summary;
    next = { ...next, summary: summary.value };
  }
  if (changes.marking !== undefined) {
    const marking = validateMarking(changes.marking);
    if (!marking.ok) return marking;
    next = { ...next, marking: marking.value };
  }
  if (changes.status !== undefined) {
    if (!CASE_STATUSES.includes(changes.status)) {
      return err('case.status.invalid', `Unknown case status "${String(changes.status)}".`);
    }
    next = { ...next, status: changes.status };
  }
  return ok({ ...next, updatedAt: now });
}
