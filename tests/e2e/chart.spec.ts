import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { NEWS_ARTICLE } from './fixtures';
import { CaseListPage } from './pages/CaseListPage';
import { ChartPage } from './pages/ChartPage';
import { ClaimsPage } from './pages/ClaimsPage';
import { SourcesPage } from './pages/SourcesPage';
import { storedRows } from './seed';

const baseUrl = inject('baseUrl');
const TITLE = NEWS_ARTICLE.title;
const EVIDENCE = 'Kim Jong Nam, the eldest son of the late Kim Jong Il';
const SHOTS = '/tmp/shots';

// --- Seeding --------------------------------------------------------------------------------

interface SeedEntity {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

interface SeedClaim {
  readonly subject: string;
  readonly predicate: string;
  readonly object: string;
  readonly status?: 'asserted' | 'corroborated' | 'disputed' | 'refuted';
  readonly credibility?: number;
  /** Passage ids of the evidence; none makes an analyst assertion. */
  readonly evidence?: readonly string[];
  readonly date?: string;
}

function anEntity(name: string, type = 'Person'): SeedEntity {
  return { id: crypto.randomUUID(), name, type };
}

/** The open case's id, from the address (#/case/<id>/…). */
function caseIdOf(page: Page): string {
  const id = new URL(page.url()).hash.split('/')[2];
  if (!id) throw new Error(`No case in ${page.url()}`);
  return id;
}

/**
 * Writes entities and claims (and evidence passages) straight into the app's IndexedDB, as a
 * restored backup would appear: much faster than the UI for hundreds of records. The page is
 * reloaded afterwards so the app reads them.
 */
async function seedGraph(
  page: Page,
  entities: readonly SeedEntity[],
  claims: readonly SeedClaim[],
  passages: readonly Record<string, unknown>[] = [],
): Promise<void> {
  const caseId = caseIdOf(page);
  const at = new Date().toISOString();
  const entityRows = entities.map((e) => ({
    id: e.id,
    caseId,
    type: e.type,
    name: e.name,
    aliases: [],
    attributes: {},
    notes: '',
    createdAt: at,
    updatedAt: at,
  }));
  const claimRows = claims.map((c) => ({
    id: crypto.randomUUID(),
    caseId,
    subjectId: c.subject,
    predicate: c.predicate,
    object: { kind: 'entity', entityId: c.object },
    validTime: c.date ? { kind: 'date', date: c.date } : { kind: 'unknown' },
    evidence: c.evidence ?? [],
    credibility: c.credibility ?? 2,
    status: c.status ?? 'asserted',
    relations: [],
    note: '',
    createdAt: at,
    updatedAt: at,
  }));
  await page.evaluate(
    (seed) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => fail(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction(['entities', 'claims', 'passages'], 'readwrite');
          for (const row of seed.entities) tx.objectStore('entities').put(row);
          for (const row of seed.claims) tx.objectStore('claims').put(row);
          for (const row of seed.passages) tx.objectStore('passages').put(row);
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(new Error(String(tx.error)));
        };
      }),
    { entities: entityRows, claims: claimRows, passages: [...passages] },
  );
  await page.reload();
}

interface StoredChart {
  readonly id: string;
  readonly title: string;
  readonly layout: string;
  readonly filters: Record<string, unknown>;
  readonly positions: Record<string, { x: number; y: number }>;
}

/** A small deterministic random source, so the generated chart is the same every run. */
function randomSource(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- Tests ----------------------------------------------------------------------------------

describe('link chart (web build)', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Kuala Lumpur airport');
  });

  it('draws a claim made from a news passage; its link shows the passage, which opens the source there', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = session.page;
    const reader = await new SourcesPage(page).importAndOpen(NEWS_ARTICLE.path, TITLE);
    await reader.showPassages();

    // Two entities, then a claim whose evidence is the passage naming both.
    await reader.tagNewEntity('Kim Jong Nam', 'Person', EVIDENCE);
    await reader.tagNewEntity('Kim Jong Il', 'Person', EVIDENCE);
    await reader.claimSelection(EVIDENCE);
    const claimsPage = new ClaimsPage(page);
    await claimsPage.dialog.waitFor();
    await claimsPage.fill('son of', 2);
    await claimsPage.create();
    await page.getByText('Claim recorded.').waitFor();

    // The chart: two entities and the claim's link.
    const chart = new ChartPage(page);
    await chart.openFromWorkspace();
    await chart.heading('Case chart').waitFor();
    await chart.waitForCounts(2, 1);
    const list = await chart.showList();
    await list
      .getByRole('button', { name: 'Kim Jong Nam — son of → Kim Jong Il', exact: true })
      .waitFor();

    // Two nodes laid out on a grid and fitted: the link crosses the canvas centre. Click it there.
    await chart.chooseLayout('Grid');
    await chart.waitForLayout();
    await chart.toolbar('Chart view').getByRole('button', { name: 'Fit' }).click();
    const box = (await chart.canvas.boundingBox())!;
    const selected = chart.details.getByRole('heading', { name: 'Selected claim' });
    for (const dy of [0, -3, 3, -6, 6, -10, 10, -15, 15, -20, 20]) {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + dy);
      if (await selected.isVisible()) break;
    }
    await selected.waitFor({ timeout: 2000 });
    expect(
      await list.locator('th[data-selected="true"]').getByRole('button').allTextContents(),
    ).toEqual(['Kim Jong Nam — son of → Kim Jong Il']);

    // The side panel shows the claim's passage; it opens the source scrolled to it.
    const evidence = chart.details.getByRole('region', { name: 'Evidence' });
    await evidence.getByText(/the eldest son of the late Kim Jong Il/).waitFor();
    await chart.details.screenshot({ path: `${SHOTS}/chart-edge-selected.png` });
    await page.screenshot({ path: `${SHOTS}/chart-area.png` });
    await evidence.getByRole('button', { name: `Open in source: ${TITLE}` }).click();
    await reader.heading(TITLE).waitFor();
    const [, , , area, sourceId, passageId] = new URL(page.url()).hash.split('/');
    expect(area).toBe('sources');
    expect(sourceId).toBeTruthy();
    await reader.showPassages();
    const item = page.locator(`.cf-passage[data-passage-id="${passageId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('aria-current')).toBe('true');
    const mark = reader.text.locator(`mark[data-passages~="${passageId}"]`).first();
    await mark.waitFor();
    await expect.poll(() => reader.inView(mark)).toBe(true);
    expect(await mark.evaluate((m) => m.closest('p')?.textContent)).toContain(EVIDENCE);
    const claims = await storedRows<{ evidence: string[] }>(page, 'claims');
    expect(claims.map((c) => c.evidence)).toEqual([[passageId]]);
  });

  it('highlights the shortest path between two entities three links apart', async () => {
    const page = session.page;
    const [a, b, c, d] = [
      anEntity('Alpha Trading', 'Organization'),
      anEntity('Bruno Vale'),
      anEntity('Cara Moss'),
      anEntity('Delta Shipping', 'Organization'),
    ];
    // Distractors: a longer way round (A–X–Y–Z–D), a dead end off B, and a separate pair.
    const [x, y, z, e, f, g] = [
      anEntity('Xavier Roe'),
      anEntity('Yara Holt'),
      anEntity('Zeno Pike'),
      anEntity('Eli Stone'),
      anEntity('Fay Lin'),
      anEntity('Gus Ortiz'),
    ];
    await seedGraph(
      page,
      [a, b, c, d, x, y, z, e, f, g],
      [
        { subject: a.id, predicate: 'employs', object: b.id },
        { subject: b.id, predicate: 'met with', object: c.id },
        { subject: c.id, predicate: 'owns', object: d.id },
        { subject: a.id, predicate: 'paid', object: x.id },
        { subject: x.id, predicate: 'met with', object: y.id },
        { subject: y.id, predicate: 'communicated with', object: z.id },
        { subject: z.id, predicate: 'employs', object: d.id },
        { subject: b.id, predicate: 'communicated with', object: e.id },
        { subject: f.id, predicate: 'paid', object: g.id },
      ],
    );
    const chart = new ChartPage(page);
    await chart.openFromWorkspace();
    await chart.waitForCounts(10, 9);
    await chart.showList();
    const pathButton = chart.toolbar('Chart analysis').getByRole('button', {
      name: 'Shortest path',
    });
    expect(await pathButton.isDisabled()).toBe(true);
    await chart.tick('Alpha Trading');
    await chart.tick('Delta Shipping');
    await pathButton.click();
    await chart.highlight.waitFor();
    expect(await chart.highlight.textContent()).toContain(
      'Shortest path, 3 links: Alpha Trading → Bruno Vale → Cara Moss → Delta Shipping',
    );
    expect((await chart.highlightedNames()).sort()).toEqual(
      [
        'Alpha Trading',
        'Bruno Vale',
        'Cara Moss',
        'Delta Shipping',
        'Alpha Trading — employs → Bruno Vale',
        'Bruno Vale — met with → Cara Moss',
        'Cara Moss — owns → Delta Shipping',
      ].sort(),
    );
    await chart.canvas.screenshot({ path: `${SHOTS}/chart-path.png` });

    // Between two entities the chart does not connect, it says so.
    await chart.untick('Delta Shipping');
    await chart.tick('Fay Lin');
    await pathButton.click();
    await chart.highlight.getByText('No path between Alpha Trading and Fay Lin').waitFor();
    expect(await chart.highlightedIds()).toEqual([]);
  });

  it('keeps a chart’s layout, filters and positions across a reload; a second chart has its own', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = session.page;
    const lazarus = anEntity('Lazarus Group', 'Organization');
    const park = anEntity('Park Jin Hyok');
    const expo = anEntity('Chosun Expo', 'Organization');
    const bank = anEntity('Bangladesh Bank', 'Organization');
    await seedGraph(
      page,
      [lazarus, park, expo, bank],
      [
        { subject: park.id, predicate: 'employed by', object: expo.id, date: '2014' },
        { subject: expo.id, predicate: 'front of', object: lazarus.id },
        { subject: lazarus.id, predicate: 'attacked', object: bank.id, date: '2016-02' },
      ],
    );
    const chart = new ChartPage(page);
    await chart.openFromWorkspace();
    await chart.waitForCounts(4, 3);
    await chart.waitForLayout();

    await chart.chooseLayout('Grid');
    await chart.waitForLayout();
    const filters = await chart.openFilters();
    await filters.getByRole('checkbox', { name: 'Person', exact: true }).uncheck();
    await chart.waitForCounts(3, 2);
    await page.getByText('1 entity and 1 claim hidden by filters').waitFor();
    await page.screenshot({ path: `${SHOTS}/chart-filters.png` });
    await page
      .getByRole('region', { name: 'Timeline panel' })
      .screenshot({ path: `${SHOTS}/chart-timeline.png` });
    // Keep the grid's positions from now on.
    await chart.chooseLayout('Keep positions');
    await chart.waitForSaved();
    await expect
      .poll(
        async () =>
          Object.keys((await storedRows<StoredChart>(page, 'charts'))[0]!.positions).length,
      )
      .toBeGreaterThanOrEqual(3);
    const [before] = await storedRows<StoredChart>(page, 'charts');
    expect(before).toMatchObject({ layout: 'preset', filters: { entityTypes: ['Organization'] } });

    await page.reload();
    await chart.waitForCounts(3, 2);
    await chart.waitForLayout();
    expect(
      await chart.toolbar('Chart view').getByRole('combobox', { name: 'Layout' }).inputValue(),
    ).toBe('preset');
    await chart.toolbar('Chart view').getByRole('button', { name: 'Filters (1)' }).waitFor();
    await page.getByText('1 entity and 1 claim hidden by filters').waitFor();
    await chart.waitForSaved();
    const [after] = await storedRows<StoredChart>(page, 'charts');
    expect(after!.positions).toEqual(before!.positions);

    // A second chart starts from the defaults; the first keeps its own.
    await chart.newChart('Second look');
    await chart.waitForCounts(4, 3);
    expect(
      await chart.toolbar('Chart view').getByRole('combobox', { name: 'Layout' }).inputValue(),
    ).toBe('fcose');
    await chart
      .toolbar('Chart view')
      .getByRole('button', { name: 'Filters', exact: true })
      .waitFor();
    await chart.savedCharts.selectOption({ label: 'Case chart' });
    await chart.heading('Case chart').waitFor();
    await chart.waitForCounts(3, 2);
    expect((await storedRows<StoredChart>(page, 'charts')).map((c) => c.title).sort()).toEqual([
      'Case chart',
      'Second look',
    ]);
  });

  it('exports the chart as PNG and SVG files', async () => {
    const page = session.page;
    const lazarus = anEntity('Lazarus Group', 'Organization');
    const bank = anEntity('Bangladesh Bank', 'Organization');
    await seedGraph(
      page,
      [lazarus, bank],
      [{ subject: lazarus.id, predicate: 'attacked', object: bank.id }],
    );
    const chart = new ChartPage(page);
    await chart.openFromWorkspace();
    await chart.waitForCounts(2, 1);
    await chart.waitForLayout();

    const analysis = chart.toolbar('Chart analysis');
    const png = page.waitForEvent('download');
    await analysis.getByRole('button', { name: 'Export PNG' }).click();
    const pngFile = await png;
    expect(pngFile.suggestedFilename()).toBe('Case chart.png');
    const pngBytes = readFileSync(await pngFile.path());
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngBytes.length).toBeGreaterThan(1000);

    const svg = page.waitForEvent('download');
    await analysis.getByRole('button', { name: 'Export SVG' }).click();
    const svgFile = await svg;
    expect(svgFile.suggestedFilename()).toBe('Case chart.svg');
    const svgText = readFileSync(await svgFile.path(), 'utf8');
    expect(svgText).toMatch(/<svg[\s>]/);
    expect(svgText).toContain('Lazarus Group');
    expect(svgText).toContain('attacked');
    await page.getByText('Exported Case chart.svg.').waitFor();
  });

  it('draws 200 entities and 300 claims with readable labels and type icons', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = session.page;
    const random = randomSource(20160204);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const first = ['Ana', 'Boris', 'Chen', 'Dara', 'Emil', 'Farah', 'Goran', 'Hana', 'Ivan', 'Jin'];
    const last = ['Kovac', 'Lee', 'Moreau', 'Novak', 'Okafor', 'Park', 'Quist', 'Rossi', 'Silva'];
    const makers: [string, (i: number) => string][] = [
      ['Person', () => `${pick(first)} ${pick(last)}`],
      ['Person', () => `${pick(first)} ${pick(last)}`],
      [
        'Organization',
        (i) => `${pick(last)} ${pick(['Holdings', 'Trading', 'Logistics', 'Bank'])} ${i}`,
      ],
      [
        'Location',
        () => pick(['Rotterdam', 'Dhaka', 'Macau', 'Manila', 'Pyongyang', 'Kuala Lumpur', 'Dubai']),
      ],
      ['Email', (i) => `ops${i}@${pick(['mail', 'post', 'inbox'])}.example`],
      ['IPAddress', (i) => `203.0.113.${i % 250}`],
      ['Domain', (i) => `update-${i}.example.net`],
      ['CryptoWallet', (i) => `bc1q${(i * 7919).toString(36)}w508d6qejxtdg4y5r3zarv`],
      ['Phone', (i) => `+63 2 555 ${String(1000 + i)}`],
      ['Event', (i) => `Transfer ${i}`],
    ];
    const entities = Array.from({ length: 200 }, (_, i) => {
      const [type, make] = makers[i % makers.length]!;
      return anEntity(`${make(i)}`, type);
    });
    const predicates = ['employs', 'owns', 'paid', 'met with', 'communicated with', 'located in'];
    const statuses = ['asserted', 'asserted', 'corroborated', 'disputed', 'refuted'] as const;
    // Preferential attachment: a few hubs and many leaves, as real cases look.
    const ends: string[] = [entities[0]!.id, entities[1]!.id];
    const claims: SeedClaim[] = [];
    for (let i = 0; claims.length < 300; i++) {
      const subject = i < 199 ? entities[i + 1]!.id : pick(entities).id;
      const object = random() < 0.7 ? pick(ends) : pick(entities).id;
      if (subject === object) continue;
      ends.push(subject, object);
      claims.push({
        subject,
        predicate: pick(predicates),
        object,
        status: pick(statuses),
        credibility: 1 + Math.floor(random() * 6),
      });
    }
    await seedGraph(page, entities, claims);
    const chart = new ChartPage(page);
    await chart.openFromWorkspace();
    await chart.waitForCounts(200, 300);
    await chart.waitForLayoutDone();
    await chart.canvas.screenshot({ path: `${SHOTS}/chart-200.png` });
    await page.screenshot({ path: `${SHOTS}/chart-200-page.png`, fullPage: true });
    // A closer look: the canvas zoomed in around its centre (its + key), as an investigator reads it.
    await chart.canvas.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    // Let the canvas draw the new zoom (two animation frames), then look.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    await chart.canvas.screenshot({ path: `${SHOTS}/chart-200-zoomed.png` });
    expect(await chart.canvas.getAttribute('data-node-count')).toBe('200');
  });
});
