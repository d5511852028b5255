import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';

/**
 * Finds telephone numbers in free text. Precision over recall: a number is proposed only when
 * libphonenumber's full metadata says it is valid, and national forms (no `+`) only when written
 * with the usual grouping and separators of a region in `regions`. Values are E.164.
 *
 * Candidates come from three shapes, each cheap to scan for:
 * - international: `+` country code, then digit groups with single separators, `(0)` allowed
 *   (`+44 (0)20 7946 0958`, `+1-202-555-0143`, `+8801711123456`);
 * - North American: `(202) 555-0143`, `202-555-0143`, `202.555.0143`, `1-800-555-0199`;
 * - trunk-prefix national: `020 7946 0958`, `(0161) 496 0123`, `01 42 68 53 00`.
 * Dates, amounts, IP addresses and hashes do not fit these shapes; digits glued to letters, `$`,
 * `/`, `.` or other digits are skipped, and so are digit groups inside an IBAN.
 */

export interface PhoneMatch {
  /** UTF-16 offsets into the text: `text.slice(start, end) === raw`. */
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** E.164, e.g. "+442079460958". */
  readonly value: string;
  /** ISO 3166 region the number belongs to, when the metadata knows it. */
  readonly country?: string;
}

export interface PhoneOptions {
  /** Regions whose national forms are accepted, tried in order. Default: US, then GB. */
  readonly regions?: readonly CountryCode[];
}

const DEFAULT_REGIONS: readonly CountryCode[] = ['US', 'GB'];

const SEP = '[ \\u00a0.-]';
/** Not glued to a word, a `+`, a currency sign, a path, an address or a preceding number ("tel:" is fine). */
const NOT_AFTER = `(?<![\\w+$€£¥.,/#=@-])`;
/** An IBAN's country + check digits and 4-character groups: its digits are not a phone number. */
const NOT_IN_IBAN = `(?<![A-Z]{2}\\d{2}(?: [A-Z0-9]{4}){0,7} )`;

const INTERNATIONAL = new RegExp(
  `${NOT_AFTER}\\+\\d{1,15}(?:${SEP}?\\(\\d{1,4}\\)${SEP}?\\d{1,12}|${SEP}\\d{1,12})*`,
  'g',
);

/** Group 1 is set for a North American form; otherwise it is a trunk-prefix (`0…`) form. */
const NATIONAL = new RegExp(
  `${NOT_AFTER}${NOT_IN_IBAN}(?:` +
    // North American: (202) 555-0143, 202-555-0143, 1-800-555-0199 (one separator style).
    `((?:1[ .-])?(?:\\(\\d{3}\\)[ \\u00a0]?\\d{3}[ .-]|\\d{3}([ .-])\\d{3}\\2)\\d{4})` +
    `|(` +
    // Trunk prefix in brackets: (020) 7946 0958, (0161) 496 0123.
    `\\(0\\d{1,4}\\)[ \\u00a0]?\\d{2,4}(?:[ -]?\\d{2,4}){1,2}` +
    // Trunk prefix with a consistent separator: 020 7946 0958, 01 42 68 53 00, 0161-496-0123.
    `|0\\d{1,4}([ -])\\d{2,4}(?:\\4\\d{2,4}){0,3}` +
    `))`,
  'g',
);

/** What may not follow a number: a word character, `@`, or punctuation glued to more digits. */
const GLUED_AFTER = /^(?:[\w@]|[.,:/-]\d)/;

export function findPhoneNumbers(text: string, options: PhoneOptions = {}): PhoneMatch[] {
  const regions = options.regions ?? DEFAULT_REGIONS;
  const northAmerican = regions.filter((region) => getCountryCallingCode(region) === '1');
  const trunkPrefix = regions.filter((region) => getCountryCallingCode(region) !== '1');
  const out: PhoneMatch[] = [];
  // Every "+…" candidate, valid or not: the national part of "+1 202-555-0143" is not a second
  // number, and that of an invalid "+44 202-555-0143" is not a US one.
  const international: [number, number][] = [];
  for (const match of text.matchAll(INTERNATIONAL)) {
    international.push([match.index, match.index + match[0].length]);
    const found = validInternational(text, match.index, match[0]);
    if (found !== undefined) out.push(found);
  }
  let next = 0;
  for (const match of text.matchAll(NATIONAL)) {
    const raw = match[0];
    const start = match.index;
    if (isGlued(text, start + raw.length)) continue;
    // Both lists are in text order.
    while (next < international.length && international[next]![1] <= start) next++;
    if (next < international.length && international[next]![0] < start + raw.length) continue;
    // Each shape is read only in the regions that write numbers that way.
    for (const region of match[1] === undefined ? trunkPrefix : northAmerican) {
      const parsed = parsePhoneNumberFromString(raw, region);
      if (parsed?.isValid()) {
        out.push(phoneMatch(match.index, raw, parsed.number, parsed.country));
        break;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The greedy candidate may have swallowed a following number ("+1 202 555 0143 12 units"): when
 * it has more digits than most numbers, drop trailing groups, at most two, until the rest is
 * valid. Parsing is the costly part (~20 µs), so hopeless candidates are not parsed at all.
 */
function validInternational(
  text: string,
  start: number,
  candidate: string,
): PhoneMatch | undefined {
  let raw = candidate;
  for (let tries = 0; tries < 3; tries++) {
    const digits = countDigits(raw);
    // No country writes numbers shorter than 7 digits with its code (Niue: +683 4002).
    if (digits < 7) return undefined;
    if (!isGlued(text, start + raw.length)) {
      const parsed = parsePhoneNumberFromString(raw);
      if (parsed?.isValid()) return phoneMatch(start, raw, parsed.number, parsed.country);
    }
    if (digits <= 12) return undefined;
    const cut = raw.search(/[ \u00a0.-]\d+$/);
    if (cut <= 0) return undefined;
    raw = raw.slice(0, cut);
  }
  return undefined;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 48 && code <= 57) n++;
  }
  return n;
}

function isGlued(text: string, end: number): boolean {
  return GLUED_AFTER.test(text.slice(end, end + 2));
}

function phoneMatch(start: number, raw: string, value: string, country?: string): PhoneMatch {
  return country === undefined
    ? { start, end: start + raw.length, raw, value }
    : { start, end: start + raw.length, raw, value, country };
}
