import { strict as chrono, type ParsedResult } from 'chrono-node/en';

/**
 * Finds calendar dates in English text, keeping only dates precise enough to be worth an entity:
 * a year with a month ("March 2024"), or a day with a month ("5 March", "2016-02-04").
 * Weekdays, times and relative words ("today", "last Friday") are dropped.
 *
 * Dates written with a month name go through chrono-node's strict English parser. Numeric dates
 * are read here, and only with a four-digit year ("9/11" and "10/12" are as often scores, ratios
 * or versions as dates): ISO 2016-02-04 and 2016/2/4; 02/04/2016 with slashes is month/day as in
 * US English (chrono's reading) unless the first number is over 12; 4.2.2016 and 4-2-2016 are
 * day.month as in the rest of the world unless the second number is over 12.
 *
 * Values are ISO 8601: "2016-02-04", "2024-03" for a month, "--03-05" for a day and month with no
 * year (the year is not guessed), "2024-03-05/2024-03-07" for a range.
 *
 * Speed: chrono tries a dozen parsers at every position, so it gets only short windows around a
 * month name; the rest of the text is skipped by one cheap regex.
 */

export interface DateMatch {
  /** UTF-16 offsets into the text: `text.slice(start, end) === raw`. */
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** ISO 8601: "YYYY-MM-DD", "YYYY-MM", "--MM-DD", or "start/end" for a range. */
  readonly value: string;
  readonly range: boolean;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const MONTH_TOKEN = new RegExp(`\\b${MONTH}\\b`, 'gi');
/** Where chrono is run: around month names. */
const ANCHOR = new RegExp(`\\b${MONTH}\\b`, 'gi');
/** Year-first (ISO) or year-last numeric dates; a time may follow ISO's "T". */
const NUMERIC_DATE =
  /(?<![\w.:/-])(?:(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})\6(\d{4}))(?![\d_]|[-/.]\d|[A-SU-Za-z]|T(?!\d))/g;
/** Chrono's strict mode has no month-and-year parser ("March 2024"): this fills the gap. */
const MONTH_YEAR = new RegExp(`\\b(${MONTH})\\.?,? ((?:1[5-9]|20)\\d\\d)(?![\\w-])`, 'gi');
const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Characters of context chrono sees on each side of an anchor: longer than any date phrase. */
const CONTEXT = 48;
const WIDEN = 32;
/** A fixed reference, so results never depend on today's date (implied values are not used). */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

export function findDates(text: string): DateMatch[] {
  const numeric = findNumericDates(text);
  const named: DateMatch[] = [];
  for (const [from, to] of windows(text)) {
    const window = text.slice(from, to);
    const parsed: DateMatch[] = [];
    for (const result of chrono.parse(window, REFERENCE)) {
      const match = toDateMatch(result, from);
      if (match !== undefined) parsed.push(match);
    }
    parsed.sort((a, b) => a.start - b.start);
    const monthYears: DateMatch[] = [];
    for (const m of window.matchAll(MONTH_YEAR)) {
      if (!isCapitalised(m[1]!)) continue;
      const start = from + m.index;
      const month = MONTH_NUMBERS[m[1]!.slice(0, 3).toLowerCase()]!;
      const value = `${m[2]!}-${pad(month)}`;
      monthYears.push({ start, end: start + m[0].length, raw: m[0], value, range: false });
    }
    // Where chrono read more ("5 March 2024"), its reading stands.
    for (const match of mergeSorted(parsed, monthYears)) named.push(match);
  }
  // Where a named date overlaps a numeric one ("5 March, 2016-03-05"), the numeric reading stands.
  return mergeSorted(numeric, named);
}

/**
 * Merges two lists sorted by start, each without overlaps; where an item of `weaker` overlaps one
 * of `stronger`, it is dropped.
 */
function mergeSorted(stronger: readonly DateMatch[], weaker: readonly DateMatch[]): DateMatch[] {
  const out: DateMatch[] = [];
  let n = 0;
  for (const match of weaker) {
    while (n < stronger.length && stronger[n]!.end <= match.start) out.push(stronger[n++]!);
    const next = stronger[n];
    if (next === undefined || match.end <= next.start) out.push(match);
  }
  while (n < stronger.length) out.push(stronger[n++]!);
  return out;
}

function findNumericDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    let year: number, month: number, day: number;
    if (m[1] !== undefined) {
      [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
    } else {
      const [first, second] = [Number(m[5]), Number(m[7])];
      year = Number(m[8]);
      const monthFirst = m[6] === '/' ? first <= 12 : second > 12;
      [month, day] = monthFirst ? [first, second] : [second, first];
    }
    if (year < 1800 || year > 2199 || month < 1 || month > 12) continue;
    if (day < 1 || day > daysInMonth(year, month)) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      raw: m[0],
      value: `${year}-${pad(month)}-${pad(day)}`,
      range: false,
    });
  }
  return out;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Windows of CONTEXT characters around each anchor, widened to white space, merged, never across a blank line. */
function windows(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(ANCHOR)) {
    let from = Math.max(0, m.index - CONTEXT);
    let to = Math.min(text.length, m.index + m[0].length + CONTEXT);
    // Widen to white space, but not far: a long run without any (a base64 blob) stays cut.
    const [fromLimit, toLimit] = [from - WIDEN, to + WIDEN];
    while (from > 0 && from > fromLimit && !/\s/.test(text.charAt(from - 1))) from--;
    while (to < text.length && to < toLimit && !/\s/.test(text.charAt(to))) to++;
    const before = text.slice(from, m.index).lastIndexOf('\n\n');
    if (before !== -1) from += before + 2;
    const after = text.slice(m.index, to).indexOf('\n\n');
    if (after !== -1) to = m.index + after;
    const last = out.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function toDateMatch(result: ParsedResult, offset: number): DateMatch | undefined {
  let raw = result.text;
  let start = offset + result.index;
  // Chrono keeps a leading "On" ("On Monday, 5 March") or time ("12:30, Sept. 9"): not the date.
  const lead =
    /^(?:(?:on|in|at|by|from|since|until|till|of|the)\s+|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?,?\s+)+/i.exec(
      raw,
    );
  if (lead !== null) {
    raw = raw.slice(lead[0].length);
    start += lead[0].length;
  }
  const months = [...raw.matchAll(MONTH_TOKEN)].map((m) => m[0]);
  // Numeric dates are read by findNumericDates. "may", "march" and "sept" are words too: a
  // month name in a date is capitalised.
  if (!months.some(isCapitalised)) return undefined;
  let writtenYear = /\d{4}|'\d\d\b/.test(raw);
  if (!writtenYear && result.start.isCertain('year')) {
    // "Feb 4th, 10/12" gives year 2010: the "10" was not a year; keep "Feb 4th".
    const trailing = /[,\s]+\d{1,2}$/.exec(raw);
    if (trailing !== null) raw = raw.slice(0, trailing.index);
    writtenYear = false;
  }
  const from = isoDate(result.start, writtenYear);
  if (from === undefined) return undefined;
  // Chrono sets `end` to null, not undefined, when there is no range.
  const end = result.end ?? undefined;
  const to = end === undefined ? undefined : isoDate(end, writtenYear);
  const value = to === undefined || to === from ? from : `${from}/${to}`;
  return { start, end: start + raw.length, raw, value, range: value !== from };
}

function isoDate(components: ParsedResult['start'], withYear: boolean): string | undefined {
  const year = withYear && components.isCertain('year') ? components.get('year') : null;
  const month = components.isCertain('month') ? components.get('month') : null;
  const day = components.isCertain('day') ? components.get('day') : null;
  if (month === null) return undefined;
  if (year !== null && (year < 1000 || year > 9999)) return undefined;
  if (year !== null)
    return day === null ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
  return day === null ? undefined : `--${pad(month)}-${pad(day)}`;
}

function isCapitalised(word: string): boolean {
  return word[0] !== undefined && word[0] === word[0].toUpperCase();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
