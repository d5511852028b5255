import { findDates } from '../extraction/dates';
import type { ClaimId, EntityId } from '../model/ids';
import type { ChartFilters, ClaimStatus, Entity, EntityType } from '../model/records';
import type { ClaimSummary } from '../ports/repositories';
import {
  chartFilter,
  daysInMonth,
  partialDateBounds,
  validTimeSpan,
  type DaySpan,
} from './chartFilters';

/**
 * The timeline's data, independent of React and the DOM so it is tested in Node: which claims and
 * entities have dates, the time each covers, lanes that keep items from overlapping, and axis
 * ticks that adapt to the zoom (years → months → days).
 *
 * Times are milliseconds since 1970 UTC, whole days: an item covers [start, end), `end` being the
 * start of the day after its last day, so a partial date covers all its days (2016-02 = 1–29 Feb).
 */

export const DAY_MS = 86_400_000;

export interface TimelineItem {
  /** The id of the chart element it stands for: the claim's edge, or the entity's node. */
  readonly id: string;
  readonly kind: 'claim' | 'entity';
  readonly claimId?: ClaimId;
  readonly entityId?: EntityId;
  /** "subject predicate object" for a claim, the name for an entity. */
  readonly label: string;
  /** A point covers exactly one day; a span covers more (a partial date or an interval). */
  readonly shape: 'point' | 'span';
  /** Start of the first day; undefined for an interval with no start (open before). */
  readonly start?: number;
  /** Start of the day after the last day; undefined for an interval with no end (open after). */
  readonly end?: number;
  /** The dates as written, e.g. "2016-02", "2016-02-04 – 2016-03", "2016 – …". */
  readonly when: string;
  readonly grade?: string;
  readonly status?: ClaimStatus;
  readonly analystAssertion?: boolean;
  readonly singleSource?: boolean;
  readonly entityType?: EntityType;
}

export interface TimelineData {
  /** Ordered by start (open starts first), then end, then label. */
  readonly items: readonly TimelineItem[];
  /** Claims shown on the chart (they pass the filters) that have no date, so are not on the timeline. */
  readonly undatedCount: number;
}

/** Midnight UTC of a calendar day, years 0–9999 included (Date.UTC maps 0–99 to 1900–1999). */
export function utcDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(0, 0, 0, 0);
  return date.getTime();
}

function dayStart(isoDay: string): number {
  const y = Number(isoDay.slice(0, 4));
  const m = Number(isoDay.slice(5, 7));
  const d = Number(isoDay.slice(8, 10));
  return y >= 100 ? Date.UTC(y, m - 1, d) : utcDay(y, m, d);
}

function timesOf(span: DaySpan): { start?: number; end?: number; shape: 'point' | 'span' } {
  const start = span.first === undefined ? undefined : dayStart(span.first);
  const end = span.last === undefined ? undefined : dayStart(span.last) + DAY_MS;
  const shape =
    start !== undefined && end !== undefined && end - start === DAY_MS ? 'point' : 'span';
  return { start, end, shape };
}

function rangeText(start: string | undefined, end: string | undefined): string {
  return `${start ?? '…'} – ${end ?? '…'}`;
}

/** Reads an ISO value of a date entity or extracted date: "2016-02-04", "2016-02", "a/b". */
function isoValueSpan(value: string): { span: DaySpan; when: string } | undefined {
  const whole = partialDateBounds(value);
  if (whole) return { span: whole, when: value.trim() };
  const parts = value.trim().split('/');
  if (parts.length !== 2) return undefined;
  const [a, b] = parts as [string, string];
  const first = partialDateBounds(a);
  const last = partialDateBounds(b);
  if (!first || !last || last.last < first.first) return undefined;
  return { span: { first: first.first, last: last.last }, when: rangeText(a, b) };
}

/** A date read from a name: written in ISO, or the one full date the extractor's parser finds. */
function nameSpan(name: string): { span: DaySpan; when: string } | undefined {
  const iso = isoValueSpan(name);
  if (iso) return iso;
  const found = findDates(name).filter((match) => !match.value.startsWith('--'));
  if (found.length !== 1) return undefined;
  return isoValueSpan(found[0]!.value);
}

function textAttribute(entity: Entity, key: string): string | undefined {
  const value = entity.attributes[key];
  return typeof value === 'string' && partialDateBounds(value) ? value.trim() : undefined;
}

/**
 * The dates an entity stands for, if it is dated: an Event by its "started on" / "ended on"
 * attributes (else a date in its name, e.g. "Bangladesh Bank heist, February 2016"); a Date entity
 * by its name ("2016-02-04" as accepted from a suggestion, or "4 February 2016"). Other entities
 * (a person's date of birth included) are things, not moments, and stay off the timeline.
 */
export function entityDates(entity: Entity): { span: DaySpan; when: string } | undefined {
  if (entity.type === 'Event') {
    const started = textAttribute(entity, 'startedOn');
    const ended = textAttribute(entity, 'endedOn');
    if (started === undefined && ended === undefined) return nameSpan(entity.name);
    // One date alone is when the event happened, not an open-ended interval.
    if (started === undefined || ended === undefined || started === ended) {
      const only = (started ?? ended)!;
      return { span: partialDateBounds(only)!, when: only };
    }
    const span = { first: partialDateBounds(started)!.first, last: partialDateBounds(ended)!.last };
    return span.last < span.first ? undefined : { span, when: rangeText(started, ended) };
  }
  if (entity.type === 'Date') return nameSpan(entity.name);
  return undefined;
}

function compareItems(a: TimelineItem, b: TimelineItem): number {
  const aStart = a.start ?? -Infinity;
  const bStart = b.start ?? -Infinity;
  if (aStart !== bStart) return aStart < bStart ? -1 : 1;
  const aEnd = a.end ?? Infinity;
  const bEnd = b.end ?? Infinity;
  if (aEnd !== bEnd) return aEnd < bEnd ? -1 : 1;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}

/**
 * The timeline of a case's entities and claims under a chart's filters (the same rules as the
 * chart: applyChartFilters): dated claims, labelled "subject predicate object", and dated entities.
 * Undated claims that pass the filters are counted, not listed.
 */
export function timelineItems(
  data: {
    readonly entities: readonly Entity[];
    readonly claims: readonly ClaimSummary[];
  },
  filters: ChartFilters,
): TimelineData {
  const byId = new Map<EntityId, Entity>();
  const typeById = new Map<EntityId, EntityType>();
  for (const entity of data.entities) {
    byId.set(entity.id, entity);
    typeById.set(entity.id, entity.type);
  }
  const filter = chartFilter(filters);
  const items: TimelineItem[] = [];
  let undatedCount = 0;

  for (const claim of data.claims) {
    if (!filter.claimEnds(claim, typeById) || !filter.claim(claim)) continue;
    const span = validTimeSpan(claim.validTime);
    if (span === undefined) {
      undatedCount += 1;
      continue;
    }
    const subject = byId.get(claim.subjectId)!.name;
    const object =
      claim.object.kind === 'entity' ? byId.get(claim.object.entityId)!.name : claim.object.value;
    const time = claim.validTime;
    items.push({
      id: claim.id,
      kind: 'claim',
      claimId: claim.id,
      label: `${subject} ${claim.predicate} ${object}`,
      ...timesOf(span),
      when:
        time.kind === 'date'
          ? time.date
          : time.kind === 'interval'
            ? rangeText(time.start, time.end)
            : '',
      ...(claim.grade === undefined ? {} : { grade: claim.grade }),
      status: claim.status,
      analystAssertion: claim.analystAssertion,
      singleSource: claim.singleSource,
    });
  }

  for (const entity of data.entities) {
    if (!filter.entity(entity)) continue;
    const dates = entityDates(entity);
    if (dates === undefined || !filter.span(dates.span)) continue;
    items.push({
      id: entity.id,
      kind: 'entity',
      entityId: entity.id,
      label: entity.name,
      ...timesOf(dates.span),
      when: dates.when,
      entityType: entity.type,
    });
  }

  items.sort(compareItems);
  return { items, undatedCount };
}

/**
 * Stacks extents into lanes so none overlap: each goes into the first lane whose last extent ended
 * at least `gap` before it starts (greedy, in order of start). Returns each extent's lane, by index.
 */
export function assignLanes(
  extents: readonly { readonly start: number; readonly end: number }[],
  gap = 0,
): number[] {
  const order = extents.map((_, index) => index);
  order.sort((a, b) => extents[a]!.start - extents[b]!.start || a - b);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(extents.length).fill(0);
  for (const index of order) {
    const { start, end } = extents[index]!;
    let lane = laneEnds.findIndex((laneEnd) => laneEnd + gap <= start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else {
      laneEnds[lane] = end;
    }
    lanes[index] = lane;
  }
  return lanes;
}

/** The earliest start and latest end among the items' known times; undefined when there are none. */
export function timelineExtent(
  items: readonly TimelineItem[],
): { readonly start: number; readonly end: number } | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const item of items) {
    for (const t of [item.start, item.end]) {
      if (t === undefined) continue;
      start = Math.min(start, t);
      end = Math.max(end, t);
    }
  }
  return start === Infinity ? undefined : { start, end };
}

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

export type TickUnit = 'year' | 'month' | 'day';

export interface TimeTick {
  readonly time: number;
  readonly label: string;
}

export interface TimeTicks {
  readonly unit: TickUnit;
  /** Ticks are every `step` units. */
  readonly step: number;
  readonly ticks: readonly TimeTick[];
}

const TICK_STEPS: readonly {
  readonly unit: TickUnit;
  readonly step: number;
  readonly ms: number;
}[] = [
  ...[1, 2, 7, 14].map((step) => ({ unit: 'day' as const, step, ms: step * DAY_MS })),
  ...[1, 2, 3, 6].map((step) => ({ unit: 'month' as const, step, ms: step * 30.44 * DAY_MS })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((step) => ({
    unit: 'year' as const,
    step,
    ms: step * 365.25 * DAY_MS,
  })),
];

/**
 * Axis ticks for the view [start, end) drawn `width` px wide: the finest unit whose ticks are at
 * least `minSpacing` px apart. Labels are short ("2016", "Feb", "4 Feb"), with the year added on
 * the first tick and where a year begins, so the reader always knows which year they are in.
 */
export function timeTicks(start: number, end: number, width: number, minSpacing = 80): TimeTicks {
  const msPerPx = (end - start) / Math.max(width, 1);
  const choice =
    TICK_STEPS.find((candidate) => candidate.ms / msPerPx >= minSpacing) ??
    TICK_STEPS[TICK_STEPS.length - 1]!;
  const { unit, step } = choice;
  const ticks: TimeTick[] = [];
  const first = new Date(start);
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth() + 1;
  let day = first.getUTCDate();
  // Safety bound: a view never holds more ticks than its width allows.
  const maxTicks = Math.ceil(width / Math.max(minSpacing / 2, 1)) + 4;

  if (unit === 'year') {
    year = Math.floor(year / step) * step;
    for (let y = year; ticks.length < maxTicks; y += step) {
      const time = utcDay(y, 1, 1);
      if (time >= end) break;
      if (time >= start) ticks.push({ time, label: String(y).padStart(4, '0') });
    }
  } else if (unit === 'month') {
    let m = Math.floor((month - 1) / step) * step + 1;
    for (let y = year; ticks.length < maxTicks;) {
      const time = utcDay(y, m, 1);
      if (time >= end) break;
      if (time >= start) {
        const withYear = ticks.length === 0 || m === 1;
        ticks.push({ time, label: withYear ? `${MONTHS[m - 1]} ${y}` : MONTHS[m - 1]! });
      }
      m += step;
      if (m > 12) {
        m -= 12;
        y += 1;
      }
    }
  } else {
    for (let time = utcDay(year, month, day); ticks.length < maxTicks;) {
      if (time >= end) break;
      const keep =
        step === 1 || ((day - 1) % step === 0 && day + step / 2 <= daysInMonth(year, month));
      if (keep && time >= start) {
        const withYear = ticks.length === 0 || (day === 1 && month === 1);
        const label = `${day} ${MONTHS[month - 1]}`;
        ticks.push({ time, label: withYear ? `${label} ${year}` : label });
      }
      time += DAY_MS;
      const next = new Date(time);
      year = next.getUTCFullYear();
      month = next.getUTCMonth() + 1;
      day = next.getUTCDate();
    }
  }
  return { unit, step, ticks };
}

/** A day as read on the timeline, e.g. "4 Feb 2016" (UTC, English month names like the axis). */
export function dayLabel(time: number): string {
  const date = new Date(time);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${year}`;
}
