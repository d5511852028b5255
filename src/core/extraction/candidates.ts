import { comparableName, type KnownEntity } from '../model/entity';
import type { EntityType, SuggestionCandidate } from '../model/records';
import { findDates } from './dates';
import { createKnownMatcher } from './known';
import { findMoney } from './money';
import { findPhoneNumbers, type PhoneOptions } from './phone';
import { INDICATOR_ENTITY_TYPE, scanIndicators } from './scan';

/**
 * Everything core proposes in one text: validated indicators, phone numbers, money, dates and
 * mentions of the case's known entities, as review-queue candidates in text order with no two
 * overlapping. (Names of people, organisations and places come from the worker's recogniser and
 * are folded in with mergeCandidates.)
 *
 * Overlaps, in order:
 * 1. Indicators (IP, domain, URL, e-mail, hash, CVE, wallet, IBAN), fresh or as a known entity,
 *    beat everything else that overlaps them: "2016-02-04" inside a URL is not a date.
 * 2. Otherwise the longer span wins (the known "Bank of America" over the known "Bank").
 * 3. At the same length, a mention of a known entity beats a fresh proposal, which beats a name
 *    from the recogniser. Names lose to any core candidate they overlap.
 * An indicator, phone, amount or date whose value is already a known entity's name (or alias) of
 * the same type is proposed as a mention of that entity, whatever form it is written in
 * ("evil[.]com" for the known domain "evil.com").
 */

export interface CandidateOptions {
  readonly phone?: PhoneOptions;
}

const SCANNED_TYPES: ReadonlySet<EntityType> = new Set(Object.values(INDICATOR_ENTITY_TYPE));

/** Prepares matching for one set of known entities; the returned function runs on many texts. */
export function createCandidateExtractor(
  known: readonly KnownEntity[],
  options: CandidateOptions = {},
): (text: string) => SuggestionCandidate[] {
  const matcher = createKnownMatcher(known);
  const byValue = knownByValue(known);
  return (text) => {
    const fresh: SuggestionCandidate[] = [];
    for (const m of scanIndicators(text)) {
      fresh.push({
        origin: 'indicator',
        type: INDICATOR_ENTITY_TYPE[m.kind],
        value: m.value,
        start: m.start,
        end: m.end,
        detail: m.defanged ? `${m.kind}, defanged` : m.kind,
      });
    }
    for (const m of findPhoneNumbers(text, options.phone)) {
      fresh.push({
        origin: 'indicator',
        type: 'Phone',
        value: m.value,
        start: m.start,
        end: m.end,
        detail: m.country === undefined ? 'phone' : `phone, ${m.country}`,
      });
    }
    for (const m of findMoney(text)) {
      fresh.push({
        origin: 'indicator',
        type: 'Money',
        value: m.value,
        start: m.start,
        end: m.end,
        detail: m.currency,
      });
    }
    for (const m of findDates(text)) {
      // "13 February" with no year says too little to be an entity of its own; the passage is
      // still there to tag by hand.
      if (m.value.startsWith('--')) continue;
      fresh.push({
        origin: 'indicator',
        type: 'Date',
        value: m.value,
        start: m.start,
        end: m.end,
        detail: m.range ? 'date range' : 'date',
      });
    }
    const all: SuggestionCandidate[] = fresh.map((candidate) => {
      // Most cases know no entity of most indicator types: skip the lookup (and comparableName).
      const entity = byValue.get(candidate.type)?.get(comparableName(candidate.value));
      return entity === undefined ? candidate : asKnown(candidate, entity);
    });
    for (const m of matcher.find(text)) {
      all.push({
        origin: 'known',
        type: m.entity.type,
        value: m.entity.names[0] ?? m.matchedName,
        start: m.start,
        end: m.end,
        entityId: m.entity.id,
        ...(m.alias ? { detail: `alias "${m.matchedName}"` } : {}),
      });
    }
    return resolveOverlaps(all);
  };
}

export function extractCandidates(
  text: string,
  known: readonly KnownEntity[],
  options?: CandidateOptions,
): SuggestionCandidate[] {
  return createCandidateExtractor(known, options)(text);
}

/**
 * Folds a second list (the name recogniser's) into a first (core's), both for the same text:
 * the same overlap rules, so names overlapping an indicator or a known mention are dropped.
 */
export function mergeCandidates(
  a: readonly SuggestionCandidate[],
  b: readonly SuggestionCandidate[],
): SuggestionCandidate[] {
  if (b.length === 0) return [...a];
  return resolveOverlaps([...a, ...b]);
}

// ---------------------------------------------------------------- known entities by value

function asKnown(candidate: SuggestionCandidate, entity: KnownEntity): SuggestionCandidate {
  return {
    ...candidate,
    origin: 'known',
    type: entity.type,
    value: entity.names[0] ?? candidate.value,
    entityId: entity.id,
  };
}

/**
 * Known entities by type, then by the comparable form of each name's canonical value, so an
 * extracted value finds them: names are read the way extraction reads text ("+44 20 7946 0958" →
 * "+442079460958", "$81 million" → "USD 81,000,000", "evil[.]com" → "evil.com").
 */
function knownByValue(known: readonly KnownEntity[]): Map<EntityType, Map<string, KnownEntity>> {
  const out = new Map<EntityType, Map<string, KnownEntity>>();
  for (const entity of known) {
    let byName = out.get(entity.type);
    if (byName === undefined) {
      byName = new Map();
      out.set(entity.type, byName);
    }
    for (const name of entity.names) {
      const key = comparableName(canonicalValue(entity.type, name));
      if (!byName.has(key)) byName.set(key, entity);
    }
  }
  return out;
}

function canonicalValue(type: EntityType, name: string): string {
  const trimmed = name.trim();
  const whole = <T extends { start: number; end: number; value: string }>(
    matches: readonly T[],
  ): string | undefined => {
    const only = matches.length === 1 ? matches[0] : undefined;
    return only !== undefined && only.start === 0 && only.end === trimmed.length
      ? only.value
      : undefined;
  };
  switch (type) {
    case 'Phone': {
      const digits = trimmed.replace(/\D/g, '');
      return /^\+?[\d\s().-]+$/.test(trimmed) && trimmed.startsWith('+') ? `+${digits}` : trimmed;
    }
    case 'Money':
      return whole(findMoney(trimmed)) ?? trimmed;
    case 'Date':
      return whole(findDates(trimmed)) ?? trimmed;
    default:
      return SCANNED_TYPES.has(type) ? (whole(scanIndicators(trimmed)) ?? trimmed) : trimmed;
  }
}

// ---------------------------------------------------------------- overlaps

/** 0: indicators (fresh or known); 1: other core candidates; 2: recognised names. */
function tier(candidate: SuggestionCandidate): number {
  if (candidate.origin === 'name') return 2;
  return SCANNED_TYPES.has(candidate.type) ? 0 : 1;
}

const ORIGIN_RANK = { known: 0, indicator: 1, name: 2 } as const;

function beats(a: SuggestionCandidate, b: SuggestionCandidate): number {
  return (
    tier(a) - tier(b) ||
    b.end - b.start - (a.end - a.start) ||
    ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] ||
    a.start - b.start
  );
}

/**
 * Groups transitively overlapping candidates into clusters (sorted by start, so each cluster is
 * a run), then keeps the strongest of each cluster greedily: the work stays local.
 */
function resolveOverlaps(candidates: SuggestionCandidate[]): SuggestionCandidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SuggestionCandidate[] = [];
  let cluster: SuggestionCandidate[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) out.push(cluster[0]!);
    else if (cluster.length > 1) {
      const kept: SuggestionCandidate[] = [];
      for (const candidate of cluster.sort(beats)) {
        if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) {
          kept.push(candidate);
        }
      }
      for (const candidate of kept.sort((x, y) => x.start - y.start)) out.push(candidate);
    }
    cluster = [];
  };
  for (const candidate of candidates) {
    if (candidate.start >= clusterEnd) flush();
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.end);
  }
  flush();
  return out;
}
