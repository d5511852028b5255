import { err, ok, type Result } from '../../shared/result';
import type { SourceId } from './ids';
import type { InformationCredibility, SourceReliability, ValidTime } from './records';

/** Admiralty information-credibility scale (AJP-2.1), shown next to the choice in the UI. */
export const INFORMATION_CREDIBILITY_DEFINITIONS: Readonly<
  Record<InformationCredibility, { readonly label: string; readonly definition: string }>
> = {
  1: {
    label: 'Confirmed by other sources',
    definition:
      'Confirmed by other independent sources; logical in itself; consistent with other information on the subject.',
  },
  2: {
    label: 'Probably true',
    definition:
      'Not confirmed; logical in itself; consistent with other information on the subject.',
  },
  3: {
    label: 'Possibly true',
    definition:
      'Not confirmed; reasonably logical in itself; agrees with some other information on the subject.',
  },
  4: {
    label: 'Doubtful',
    definition: 'Not confirmed; possible but not logical; no other information on the subject.',
  },
  5: {
    label: 'Improbable',
    definition:
      'Not confirmed; not logical in itself; contradicted by other information on the subject.',
  },
  6: {
    label: 'Truth cannot be judged',
    definition: 'No basis exists for evaluating the validity of the information.',
  },
};

/** Predicates every case starts with; investigators add their own to the case vocabulary. */
export const DEFAULT_PREDICATES = [
  'employs',
  'owns',
  'member of',
  'located in',
  'met with',
  'paid',
  'communicated with',
  'attacked',
  'attributed to',
  'alias of',
] as const;

/** The Admiralty code of one piece of evidence: source reliability letter + credibility digit. */
export function admiraltyCode(
  reliability: SourceReliability,
  credibility: InformationCredibility,
): string {
  return `${reliability}${credibility}`;
}

const RELIABILITY_ORDER: readonly SourceReliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * The code displayed for a claim: its credibility with the best reliability among its evidence
 * sources (a claim is as well sourced as its best source; the others are listed beside it).
 * Undefined when the claim has no evidence (an analyst assertion has no source to grade).
 */
export function claimGrade(
  evidenceReliabilities: readonly SourceReliability[],
  credibility: InformationCredibility,
): string | undefined {
  let best: SourceReliability | undefined;
  for (const r of evidenceReliabilities) {
    if (best === undefined || RELIABILITY_ORDER.indexOf(r) < RELIABILITY_ORDER.indexOf(best)) {
      best = r;
    }
  }
  return best === undefined ? undefined : admiraltyCode(best, credibility);
}

/** True when all of a claim's evidence comes from one source (or none): it is uncorroborated. */
export function isSingleSource(evidenceSourceIds: readonly SourceId[]): boolean {
  return new Set(evidenceSourceIds).size <= 1;
}

const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

function checkDate(value: string, what: string): Result<string> {
  const match = PARTIAL_DATE.exec(value.trim());
  if (!match) {
    return err('claim.dateInvalid', `The ${what} must be written YYYY, YYYY-MM or YYYY-MM-DD.`);
  }
  const [, y, m, d] = match;
  if (d !== undefined) {
    // Reject days a month does not have (2023-02-30).
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCMonth() !== Number(m) - 1) {
      return err('claim.dateInvalid', `The ${what} ${value.trim()} is not a calendar date.`);
    }
  }
  return ok(value.trim());
}

/** The first and last day a partial date covers, as YYYY-MM-DD, for ordering intervals. */
function dateBounds(value: string): { readonly first: string; readonly last: string } {
  const [y, m, d] = value.split('-');
  if (d !== undefined) return { first: value, last: value };
  if (m !== undefined) {
    const days = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return { first: `${y}-${m}-01`, last: `${y}-${m}-${String(days).padStart(2, '0')}` };
  }
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/**
 * Validates a claim's valid time. Dates may be partial (YYYY or YYYY-MM), as sources often are.
 * An interval needs at least one end, and its end may not lie wholly before its start.
 */
export function validateValidTime(time: ValidTime): Result<ValidTime> {
  if (time.kind === 'unknown') return ok(time);
  if (time.kind === 'date') {
    const date = checkDate(time.date, 'date');
    return date.ok ? ok({ kind: 'date', date: date.value }) : date;
  }
  if (time.start === undefined && time.end === undefined) {
    return err('claim.intervalEmpty', 'An interval needs a start, an end or both.');
  }
  const start = time.start === undefined ? undefined : checkDate(time.start, 'start');
  if (start && !start.ok) return start;
  const end = time.end === undefined ? undefined : checkDate(time.end, 'end');
  if (end && !end.ok) return end;
  if (start?.ok && end?.ok && dateBounds(end.value).last < dateBounds(start.value).first) {
    return err(
      'claim.intervalReversed',
      `The interval ends (${end.value}) before it starts (${start.value}).`,
    );
  }
  return ok({
    kind: 'interval',
    ...(start?.ok ? { start: start.value } : {}),
    ...(end?.ok ? { end: end.value } : {}),
  });
}
