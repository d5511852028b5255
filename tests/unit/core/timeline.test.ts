import { describe, expect, it } from 'vitest';
import {
  assignLanes,
  DAY_MS,
  entityDates,
  timelineExtent,
  timelineItems,
  timeTicks,
  utcDay,
  type EntitySummary,
  type EntityType,
} from '../../../src/core';
import { aClaimSummaryBetween, anEntitySummary } from '../../fixtures/builders';

function entity(
  name: string,
  type: EntityType = 'Person',
  attributes: Record<string, string> = {},
): EntitySummary {
  return anEntitySummary({ name, type, attributes });
}

const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return utcDay(y!, m!, d!);
};

describe('timelineItems', () => {
  const lazarus = entity('Lazarus Group', 'Organization');
  const bank = entity('Bangladesh Bank', 'Organization');
  const kim = entity('Kim', 'Person');

  it('places a day as a point and a partial date over all its days', () => {
    const onDay = aClaimSummaryBetween(lazarus, 'attacked', bank, {
      validTime: { kind: 'date', date: '2016-02-04' },
    });
    const inMonth = aClaimSummaryBetween(kim, 'met with', lazarus, {
      validTime: { kind: 'date', date: '2016-02' },
      status: 'disputed',
      grade: 'C3',
    });
    const { items } = timelineItems(
      { entities: [lazarus, bank, kim], claims: [onDay, inMonth] },
      {},
    );
    expect(items).toHaveLength(2);
    const [month, point] = items;
    expect(month).toMatchObject({
      id: inMonth.id,
      kind: 'claim',
      claimId: inMonth.id,
      label: 'Kim met with Lazarus Group',
      shape: 'span',
      start: day('2016-02-01'),
      end: day('2016-03-01'),
      when: '2016-02',
      grade: 'C3',
      status: 'disputed',
    });
    // 2016 is a leap year: February is 29 days.
    expect((month!.end! - month!.start!) / DAY_MS).toBe(29);
    expect(point).toMatchObject({
      id: onDay.id,
      label: 'Lazarus Group attacked Bangladesh Bank',
      shape: 'point',
      start: day('2016-02-04'),
      end: day('2016-02-05'),
    });
  });

  it('draws intervals as spans, open ends left open, and literal objects in the label', () => {
    const interval = aClaimSummaryBetween(lazarus, 'attacked', bank, {
      validTime: { kind: 'interval', start: '2015-12', end: '2016-03-01' },
    });
    const openEnded = aClaimSummaryBetween(kim, 'paid', 'USD 81,000,000', {
      validTime: { kind: 'interval', start: '2017' },
      grade: undefined,
      analystAssertion: true,
    });
    const { items } = timelineItems(
      { entities: [lazarus, bank, kim], claims: [openEnded, interval] },
      {},
    );
    expect(items.map((i) => i.id)).toEqual([interval.id, openEnded.id]);
    expect(items[0]).toMatchObject({
      shape: 'span',
      start: day('2015-12-01'),
      end: day('2016-03-02'),
      when: '2015-12 – 2016-03-01',
    });
    expect(items[1]).toMatchObject({
      label: 'Kim paid USD 81,000,000',
      start: day('2017-01-01'),
      end: undefined,
      when: '2017 – …',
      analystAssertion: true,
    });
    expect(items[1]!.grade).toBeUndefined();
  });

  it('counts undated claims that pass the filters instead of listing them', () => {
    const undated = aClaimSummaryBetween(kim, 'member of', lazarus);
    const undatedDisputed = aClaimSummaryBetween(kim, 'owns', bank, { status: 'disputed' });
    const dated = aClaimSummaryBetween(lazarus, 'attacked', bank, {
      validTime: { kind: 'date', date: '2016' },
    });
    const data = { entities: [lazarus, bank, kim], claims: [undated, undatedDisputed, dated] };
    expect(timelineItems(data, {})).toMatchObject({ undatedCount: 2 });
    expect(timelineItems(data, {}).items.map((i) => i.id)).toEqual([dated.id]);
    expect(timelineItems(data, { statuses: ['disputed'] })).toEqual({
      items: [],
      undatedCount: 1,
    });
    // Hidden by the date range: neither shown nor counted.
    expect(timelineItems(data, { dateFrom: '2016', includeUndated: false }).undatedCount).toBe(0);
  });

  it('applies the chart filters: types, predicates, grades, statuses, dates', () => {
    const attacked = aClaimSummaryBetween(lazarus, 'attacked', bank, {
      validTime: { kind: 'date', date: '2016-02' },
      bestReliability: 'A',
      credibility: 2,
    });
    const met = aClaimSummaryBetween(kim, 'met with', lazarus, {
      validTime: { kind: 'date', date: '2014' },
      status: 'refuted',
      credibility: 5,
      bestReliability: undefined,
      grade: undefined,
    });
    const data = { entities: [lazarus, bank, kim], claims: [attacked, met] };
    const ids = (filters: Parameters<typeof timelineItems>[1]) =>
      timelineItems(data, filters).items.map((i) => i.id);
    expect(ids({ entityTypes: ['Organization'] })).toEqual([attacked.id]);
    expect(ids({ predicates: ['met with'] })).toEqual([met.id]);
    expect(ids({ reliabilities: ['none'] })).toEqual([met.id]);
    expect(ids({ maxCredibility: 3 })).toEqual([attacked.id]);
    expect(ids({ statuses: ['refuted'] })).toEqual([met.id]);
    expect(ids({ dateFrom: '2016-02-29', dateTo: '2016-03' })).toEqual([attacked.id]);
    expect(ids({ dateTo: '2015' })).toEqual([met.id]);
  });

  it('places dated entities: events by their dates, date entities by their name', () => {
    const heist = entity('Bangladesh Bank heist', 'Event', {
      startedOn: '2016-02-04',
      endedOn: '2016-02-05',
    });
    const summit = entity('Summit', 'Event', { startedOn: '2018-06' });
    const namedEvent = entity('Sony Pictures hack, November 2014', 'Event');
    const isoDate = entity('2016-02-04', 'Date');
    const writtenDate = entity('4 February 2016', 'Date');
    const undatedEvent = entity('Some meeting', 'Event');
    const yearless = entity('5 March', 'Date');
    const born = entity('Park Jin Hyok', 'Person', { dateOfBirth: '1984' });
    const data = {
      entities: [heist, summit, namedEvent, isoDate, writtenDate, undatedEvent, yearless, born],
      claims: [],
    };
    const { items, undatedCount } = timelineItems(data, {});
    expect(undatedCount).toBe(0);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(heist.id)).toMatchObject({
      kind: 'entity',
      entityId: heist.id,
      entityType: 'Event',
      label: 'Bangladesh Bank heist',
      shape: 'span',
      start: day('2016-02-04'),
      end: day('2016-02-06'),
      when: '2016-02-04 – 2016-02-05',
    });
    expect(byId.get(summit.id)).toMatchObject({
      start: day('2018-06-01'),
      end: day('2018-07-01'),
      when: '2018-06',
    });
    expect(byId.get(namedEvent.id)).toMatchObject({ start: day('2014-11-01'), when: '2014-11' });
    expect(byId.get(isoDate.id)).toMatchObject({ shape: 'point', start: day('2016-02-04') });
    expect(byId.get(writtenDate.id)).toMatchObject({ shape: 'point', start: day('2016-02-04') });
    // No date, no year, or not an event: not on the timeline.
    expect(byId.has(undatedEvent.id)).toBe(false);
    expect(byId.has(yearless.id)).toBe(false);
    expect(byId.has(born.id)).toBe(false);
  });

  it('filters dated entities by type and date range', () => {
    const heist = entity('Heist', 'Event', { startedOn: '2016-02-04' });
    const date = entity('2019-01-01', 'Date');
    const data = { entities: [heist, date], claims: [] };
    expect(timelineItems(data, { entityTypes: ['Event'] }).items.map((i) => i.id)).toEqual([
      heist.id,
    ]);
    expect(timelineItems(data, { dateFrom: '2017' }).items.map((i) => i.id)).toEqual([date.id]);
  });

  it('ignores an event whose end is before its start', () => {
    const backwards = entity('Backwards', 'Event', { startedOn: '2016', endedOn: '2015' });
    expect(entityDates(backwards)).toBeUndefined();
  });

  it('handles years before 100 without Date.UTC’s 1900 shift', () => {
    const ancient = aClaimSummaryBetween(lazarus, 'owns', bank, {
      validTime: { kind: 'date', date: '0044-03' },
    });
    const { items } = timelineItems({ entities: [lazarus, bank], claims: [ancient] }, {});
    expect(new Date(items[0]!.start!).getUTCFullYear()).toBe(44);
  });
});

describe('assignLanes', () => {
  it('puts overlapping extents in different lanes and reuses freed lanes', () => {
    const lanes = assignLanes([
      { start: 0, end: 10 },
      { start: 5, end: 15 },
      { start: 10, end: 20 },
      { start: 16, end: 18 },
      { start: 3, end: 4 },
    ]);
    // Order by start: 0–10 → 0, 3–4 → 1, 5–15 → 1 (after 4), 10–20 → 0, 16–18 → 1.
    expect(lanes).toEqual([0, 1, 0, 1, 1]);
  });

  it('keeps a gap between neighbours in a lane', () => {
    expect(
      assignLanes(
        [
          { start: 0, end: 10 },
          { start: 12, end: 20 },
        ],
        5,
      ),
    ).toEqual([0, 1]);
    expect(
      assignLanes(
        [
          { start: 0, end: 10 },
          { start: 15, end: 20 },
        ],
        5,
      ),
    ).toEqual([0, 0]);
  });
});

describe('timelineExtent', () => {
  it('spans the known times, ignoring open ends', () => {
    expect(timelineExtent([])).toBeUndefined();
    const extent = timelineExtent([
      { id: 'a', kind: 'claim', label: 'a', shape: 'span', start: 100, when: '' },
      { id: 'b', kind: 'claim', label: 'b', shape: 'point', start: 50, end: 60, when: '' },
    ]);
    expect(extent).toEqual({ start: 50, end: 100 });
  });
});

describe('timeTicks', () => {
  it('shows years when zoomed out, with a round step', () => {
    const ticks = timeTicks(day('1990-06-01'), day('2030-01-01'), 800);
    expect(ticks.unit).toBe('year');
    expect(ticks.step).toBe(5);
    expect(ticks.ticks.map((t) => t.label)).toEqual([
      '1995',
      '2000',
      '2005',
      '2010',
      '2015',
      '2020',
      '2025',
    ]);
  });

  it('shows months within a year or two, naming the year at its start', () => {
    const ticks = timeTicks(day('2015-11-15'), day('2016-05-15'), 800);
    expect(ticks).toMatchObject({ unit: 'month', step: 1 });
    expect(ticks.ticks.map((t) => t.label)).toEqual([
      'Dec 2015',
      'Jan 2016',
      'Feb',
      'Mar',
      'Apr',
      'May',
    ]);
    expect(ticks.ticks[0]!.time).toBe(day('2015-12-01'));
  });

  it('shows days when zoomed in', () => {
    const ticks = timeTicks(day('2016-02-03'), day('2016-02-08'), 800);
    expect(ticks).toMatchObject({ unit: 'day', step: 1 });
    expect(ticks.ticks.map((t) => t.label)).toEqual([
      '3 Feb 2016',
      '4 Feb',
      '5 Feb',
      '6 Feb',
      '7 Feb',
    ]);
  });

  it('keeps ticks at least the minimum spacing apart', () => {
    for (const [from, to] of [
      ['2016-01-01', '2016-03-01'],
      ['2000-01-01', '2016-03-01'],
      ['1500-01-01', '2016-03-01'],
      ['2016-02-01', '2016-02-20'],
    ] as const) {
      const { ticks } = timeTicks(day(from), day(to), 600);
      const pxPerMs = 600 / (day(to) - day(from));
      for (let i = 1; i < ticks.length; i += 1) {
        expect((ticks[i]!.time - ticks[i - 1]!.time) * pxPerMs).toBeGreaterThanOrEqual(60);
      }
      expect(ticks.length).toBeGreaterThan(1);
    }
  });
});
