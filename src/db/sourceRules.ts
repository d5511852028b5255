/**
 * Pure rules for source metadata: the title an import gets, and validation of an investigator's
 * edits. No Dexie here. (They would sit in src/core/model next to case.ts; they live here until
 * the source model moves there.)
 */
import type { SourceChanges } from '../core/ports/repositories';
import type { SourceDraft } from '../core/ingest/draft';
import {
  SOURCE_RELIABILITY,
  type IsoTimestamp,
  type Source,
  type SourceProvenance,
} from '../core/model/records';
import { err, ok, type Result } from '../shared/result';

export const MAX_SOURCE_TITLE_LENGTH = 500;
/** Longest value of an editable provenance field (URL, author, publisher, dates). */
export const MAX_SOURCE_FIELD_LENGTH = 1_000;
export const UNTITLED_SOURCE = 'Untitled source';

/** Provenance fields an investigator may edit; the file name and e-mail headers are evidence. */
export const EDITABLE_PROVENANCE_FIELDS = [
  'url',
  'author',
  'publisher',
  'publishedAt',
  'capturedAt',
  'modifiedAt',
] as const;
type EditableProvenanceField = (typeof EDITABLE_PROVENANCE_FIELDS)[number];

const FIELD_LABELS: Readonly<Record<EditableProvenanceField, string>> = {
  url: 'URL',
  author: 'author',
  publisher: 'publisher',
  publishedAt: 'publication date',
  capturedAt: 'capture date',
  modifiedAt: 'modification date',
};

const DATE_FIELDS: ReadonlySet<EditableProvenanceField> = new Set([
  'publishedAt',
  'capturedAt',
  'modifiedAt',
]);

/** Cuts to `max` UTF-16 code units without leaving half a surrogate pair at the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}

/**
 * The title an imported source gets: the draft's own title, else its file name, else
 * "Untitled source"; whitespace runs (folded e-mail subjects, HTML titles) become one space, and
 * a title longer than 500 characters is cut rather than refused (the file is still evidence).
 */
export function importedSourceTitle(draft: Pick<SourceDraft, 'title' | 'provenance'>): string {
  for (const candidate of [draft.title, draft.provenance.fileName ?? '']) {
    const title = candidate.replace(/\s+/g, ' ').trim();
    if (title.length > 0) return cut(title, MAX_SOURCE_TITLE_LENGTH);
  }
  return UNTITLED_SOURCE;
}

/** Trimmed, 1–500 characters. */
export function validateSourceTitle(raw: string): Result<string> {
  const title = raw.trim();
  if (title.length === 0) return err('source.title.empty', 'A source needs a title.');
  if (title.length > MAX_SOURCE_TITLE_LENGTH) {
    return err(
      'source.title.tooLong',
      `A source title can be at most ${MAX_SOURCE_TITLE_LENGTH} characters (this one has ${title.length}).`,
    );
  }
  return ok(title);
}

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?)?)?$/;

function inRange(part: string | undefined, min: number, max: number): boolean {
  if (part === undefined) return true;
  const value = Number(part);
  return value >= min && value <= max;
}

/**
 * An ISO-8601 calendar date, as precise as the document states it (2019, 2019-03, 2019-03-01),
 * or a date-time (2019-03-01T14:30, …:05, …:05.123, with Z or ±hh:mm or no zone).
 */
export function isIsoDateOrDateTime(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, , offsetHour, offsetMinute] = match;
  if (!inRange(month, 1, 12)) return false;
  if (day !== undefined) {
    const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    if (!inRange(day, 1, daysInMonth)) return false;
  }
  return (
    inRange(hour, 0, 23) &&
    inRange(minute, 0, 59) &&
    inRange(second, 0, 59) &&
    inRange(offsetHour, 0, 23) &&
    inRange(offsetMinute, 0, 59)
  );
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A provenance value as it will be stored; '' means "clear the field". */
function validateProvenanceField(field: EditableProvenanceField, raw: unknown): Result<string> {
  const label = FIELD_LABELS[field];
  if (typeof raw !== 'string') {
    return err('source.provenance.invalid', `The ${label} must be text.`);
  }
  const value = raw.trim();
  if (value.length > MAX_SOURCE_FIELD_LENGTH) {
    return err(
      'source.provenance.tooLong',
      `The ${label} can be at most ${MAX_SOURCE_FIELD_LENGTH} characters (this one has ${value.length}).`,
    );
  }
  if (value === '') return ok('');
  if (field === 'url' && !isHttpUrl(value)) {
    return err(
      'source.url.invalid',
      `"${cut(value, 80)}" is not a web address: use a full http:// or https:// URL, or leave it empty.`,
    );
  }
  if (DATE_FIELDS.has(field) && !isIsoDateOrDateTime(value)) {
    return err(
      'source.date.invalid',
      `The ${label} "${cut(value, 40)}" is not a date: use YYYY-MM-DD (or YYYY, YYYY-MM, or a date-time such as 2026-01-05T10:04:00Z).`,
    );
  }
  return ok(value);
}

export interface AppliedSourceChanges {
  readonly next: Source;
  /** Changed fields, sorted (`title`, `reliability`, `provenance.url`, …); empty for a no-op. */
  readonly fields: readonly string[];
}

/**
 * Validates every given change, then applies those that differ. On any invalid field nothing is
 * applied. A no-op returns `current` itself with no fields (and no new updatedAt).
 */
export function applySourceChanges(
  current: Source,
  changes: SourceChanges,
  now: IsoTimestamp,
): Result<AppliedSourceChanges> {
  const fields: string[] = [];
  let title = current.title;
  if (changes.title !== undefined) {
    const validated = validateSourceTitle(changes.title);
    if (!validated.ok) return validated;
    if (validated.value !== current.title) {
      title = validated.value;
      fields.push('title');
    }
  }
  let reliability = current.reliability;
  if (changes.reliability !== undefined) {
    if (!SOURCE_RELIABILITY.includes(changes.reliability)) {
      return err(
        'source.reliability.invalid',
        `Source reliability must be one of A–F (F: cannot be judged), not "${String(changes.reliability)}".`,
      );
    }
    if (changes.reliability !== current.reliability) {
      reliability = changes.reliability;
      fields.push('reliability');
    }
  }
  const provenance: { -readonly [K in keyof SourceProvenance]: SourceProvenance[K] } = {
    ...current.provenance,
  };
  for (const field of EDITABLE_PROVENANCE_FIELDS) {
    const raw: unknown = changes.provenance?.[field];
    if (raw === undefined) continue;
    const validated = validateProvenanceField(field, raw);
    if (!validated.ok) return validated;
    if ((validated.value || undefined) === current.provenance[field]) continue;
    if (validated.value === '') delete provenance[field];
    else provenance[field] = validated.value;
    fields.push(`provenance.${field}`);
  }
  if (fields.length === 0) return ok({ next: current, fields });
  return ok({
    next: {
      ...current,
      title,
      reliability,
      provenance,
      updatedAt: now,
    },
    fields: fields.sort(),
  });
}
