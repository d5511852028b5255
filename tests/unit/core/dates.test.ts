import { describe, expect, it } from 'vitest';
import { findDates } from '../../../src/core/extraction/dates';

function found(text: string): [string, string][] {
  const matches = findDates(text);
  for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.raw);
  const starts = matches.map((m) => m.start);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  return matches.map((m) => [m.raw, m.value]);
}

describe('findDates', () => {
  it.each([
    ['The transfer left on 4 February 2016 at night.', '4 February 2016', '2016-02-04'],
    ['On Monday, 5 March 2024 at 10:00 it began.', 'Monday, 5 March 2024 at 10:00', '2024-03-05'],
    ['It happened on Sept. 9, 2001 downtown.', 'Sept. 9, 2001', '2001-09-09'],
    ['By March 2024 it was over.', 'March 2024', '2024-03'],
    ['It was mid-May 2016 when', 'May 2016', '2016-05'],
    ['filed Dec 2015.', 'Dec 2015', '2015-12'],
    ['logged 2016-02-04 in the file', '2016-02-04', '2016-02-04'],
    ['at 2016-02-04T10:00:00Z exactly', '2016-02-04', '2016-02-04'],
    ['dated 2016/2/4 by hand', '2016/2/4', '2016-02-04'],
    ['dated 02/04/2016 (US style)', '02/04/2016', '2016-02-04'],
    ['dated 25/12/2016 (day first)', '25/12/2016', '2016-12-25'],
    ['dated 4.2.2016 in Berlin', '4.2.2016', '2016-02-04'],
    ['dated 04-02-2016 in London', '04-02-2016', '2016-02-04'],
    ['the meeting of 5–7 March 2024 in Vienna', '5–7 March 2024', '2024-03-05/2024-03-07'],
  ])('%s', (text, raw, value) => {
    expect(found(text)).toEqual([[raw, value]]);
  });

  it('keeps a day and month without a year, without guessing the year', () => {
    expect(found('They met on the 5th of March and again on March 7.')).toEqual([
      ['5th of March', '--03-05'],
      ['March 7', '--03-07'],
    ]);
  });

  it('does not take a number after a day and month for a two-digit year', () => {
    expect(found('seen on Feb 4th, 10/12 of them')).toEqual([['Feb 4th', '--02-04']]);
  });

  it('drops weekdays, times and relative words', () => {
    expect(found('today, now, tomorrow, last Friday, on Monday, at 12:30, next week')).toEqual([]);
  });

  it('drops numeric forms without a four-digit year and impossible dates', () => {
    expect(found('9/11, 10/12, 3/4 of them, 2024-13-45, 31/02/2016, 1.13.16, 192.168.1.1')).toEqual(
      [],
    );
  });

  it('does not read month words that are ordinary words as months', () => {
    expect(found('they may 5 times march on, and we may 2024 not know')).toEqual([]);
  });

  it('does not depend on the current date', () => {
    // A year-less date stays year-less whatever "today" is.
    expect(found('On 5 March the bank…')).toEqual([['5 March', '--03-05']]);
  });

  it('finds dates in a long text, each once', () => {
    const sentence = 'Regulators in Dhaka met on 4 February 2016 and again on 2016-03-01. ';
    const text = sentence.repeat(2_000);
    const matches = findDates(text);
    expect(matches).toHaveLength(4_000);
    for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.raw);
  });

  it('never reads a date across a blank line', () => {
    expect(found('It was March\n\n2024 brought more.')).toEqual([]);
  });
});
