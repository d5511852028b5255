import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { writeLargeBundle, writeLargeStix } from './crashFixtures';
import {
  auditActions,
  caseRowKeys,
  CRASH_KILLS,
  CRASH_SEED,
  newProfileDir,
  presentBlobs,
  reportKill,
  seededRandom,
  shownNow,
  sleep,
  spreadOffsets,
  type CrashApp,
} from './crashHarness';
import { CaseListPage } from './pages/CaseListPage';
import { NotebookPage } from './pages/NotebookPage';

/**
 * The three crash scenarios of issue 11, for any host that can be killed and started again on
 * the same profile: the web build in Chromium (crash.spec.ts) and the desktop app
 * (electron/crash.spec.ts). Each kill point prints one line (scenario, moment, outcome).
 */
export interface CrashTarget {
  /** "web" or "electron": the prefix of every printed line. */
  readonly name: string;
  /** Starts the app on `profileDir` (kept between launches) with the case list shown. */
  launch(profileDir: string): Promise<CrashApp>;
  /** Shows an app route, e.g. `#/cases`. */
  show(page: Page, route: string): Promise<void>;
  /** Clicks what `open` clicks (a button that asks the host for a file) and answers with `path`. */
  chooseFile(app: CrashApp, open: () => Promise<void>, path: string): Promise<void>;
}

/** People in the STIX file: one entity each, and a claim linking each to the next. */
const STIX_PEOPLE = 2_000;
/** Kill points run up to this factor of the measured import time, so some land after it. */
const OVERSHOOT = 1.3;
/** The notebook kill lands this long after "Saved" at most, while more text is typed. */
const NOTE_KILL_WINDOW_MS = 1_500;
const LATER_EDIT = ' Then it left towards the ring road.';
/** Per kill point (a relaunch, the checks, the next import) on a loaded 2-core machine. */
const PER_KILL_MS = 40_000;

/** The test timeout for a scenario at this run's number of kill points. */
export const CRASH_TIMEOUT = 120_000 + CRASH_KILLS * PER_KILL_MS;

export function announceRun(target: CrashTarget): void {
  console.log(
    `crash ${target.name}: seed ${CRASH_SEED} (CRASH_SEED=${CRASH_SEED} replays it), ${CRASH_KILLS} kill points per scenario`,
  );
}

async function showCaseList(target: CrashTarget, page: Page): Promise<void> {
  await target.show(page, '#/cases');
  await new CaseListPage(page).heading.waitFor();
}

/** Creates a case from the case list; the app opens it. Returns its id (from the address). */
async function createCase(target: CrashTarget, page: Page, title: string): Promise<string> {
  await showCaseList(target, page);
  await new CaseListPage(page).createCase(title);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  const id = /#\/case\/([^/]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`No case id in ${page.url()}`);
  return id;
}

async function openCase(target: CrashTarget, page: Page, id: string, title: string) {
  await target.show(page, `#/case/${id}/overview`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

/**
 * Runs "Check case integrity…" from the app menu on the case list (every case, so originals no
 * source uses are found too: references, audit chains, original hashes) and fails, naming the
 * problems, unless it reads "No problems found."
 */
async function checkIntegrityThroughUi(target: CrashTarget, page: Page): Promise<void> {
  await showCaseList(target, page);
  await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await page.getByRole('menuitem', { name: /Check case integrity/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Check integrity of all cases' });
  const summary = dialog.getByRole('status').filter({ hasText: /problems? found/ });
  await summary.waitFor({ timeout: 60_000 });
  const text = (await summary.textContent()) ?? '';
  if (!text.startsWith('No problems found.')) {
    const listed = await dialog.getByRole('listitem').allTextContents();
    throw new Error(`Integrity check after the crash: ${text}\n${listed.join('\n')}`);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
}

type Found = Readonly<Record<string, readonly string[] | number>>;

/** "present", "absent", or a description of a half-written import (the test then fails). */
function wholeOrNothing(found: Found, whole: Found): string {
  const size = (value: readonly string[] | number) =>
    typeof value === 'number' ? value : value.length;
  const same = Object.keys(whole).every(
    (table) => JSON.stringify(found[table]) === JSON.stringify(whole[table]),
  );
  if (same) return 'present';
  if (Object.values(found).every((value) => size(value) === 0)) return 'absent';
  return `HALF-WRITTEN: ${Object.keys(whole)
    .map((table) => `${table} ${size(found[table] ?? 0)}/${size(whole[table]!)}`)
    .join(', ')}`;
}

function tally(outcomes: readonly string[]): string {
  const count = (what: string) => outcomes.filter((outcome) => outcome === what).length;
  return `${count('present')} present, ${count('absent')} absent`;
}

/** The STIX import's phase from what its dialog showed at the kill. */
function stixPhase(shown: string): string {
  if (/Imported /.test(shown)) return 'done';
  if (/Importing…/.test(shown)) return 'committing';
  return shown === '' ? 'no answer (busy)' : 'before the commit';
}

/** The bundle import's phase from what the dialog (or, once imported, the case page) showed. */
function bundlePhase(shown: string): string {
  if (/Importing in one transaction/.test(shown)) return 'committing';
  if (/Comparing with your cases/.test(shown)) return 'planning';
  if (/Import encrypted bundle/.test(shown)) return 'opening';
  return shown === '' ? 'no answer (busy)' : 'done';
}

/**
 * (a) A large STIX import (2,000 entities and 1,999 claims, committed in one transaction) killed
 * at random moments after Import; each kill point imports into a new case of the same profile.
 */
export async function stixImportScenario(target: CrashTarget, dir: string): Promise<void> {
  const scenario = `${target.name} stix`;
  const random = seededRandom(CRASH_SEED);
  const stix = writeLargeStix(join(dir, 'large.stix.json'), STIX_PEOPLE);
  const profile = newProfileDir();
  let app = await target.launch(profile.dir);
  try {
    const dialog = () => app.page.getByRole('dialog', { name: 'Import STIX or CSV' });
    /** Opens the import from the case's Overview, reads the file, stops at the preview. */
    const readyToImport = async () => {
      await app.page
        .getByRole('region', { name: 'Overview' })
        .getByRole('button', { name: 'Import STIX or CSV…' })
        .click();
      await target.chooseFile(
        app,
        () => dialog().getByRole('button', { name: 'Choose file…', exact: true }).click(),
        stix.path,
      );
      await dialog()
        .getByRole('region', { name: 'To be added to the case' })
        .getByRole('row', { name: `Entities ${stix.entities.toLocaleString('en')}` })
        .waitFor({ timeout: 60_000 });
    };
    const importButton = () => dialog().getByRole('button', { name: 'Import', exact: true });
    const rowsOf = async (caseId: string) => {
      const keys = await caseRowKeys(app.page, caseId, ['entities', 'claims']);
      const actions = await auditActions(app.page, caseId);
      return {
        entities: keys['entities']!.length,
        claims: keys['claims']!.length,
        events: actions.filter((action) => action === 'stix.imported').length,
      };
    };
    const whole = { entities: stix.entities, claims: stix.claims, events: 1 };

    // A run to the end: how long the commit takes, and that it lands whole.
    const baselineId = await createCase(target, app.page, 'STIX baseline');
    await readyToImport();
    const started = Date.now();
    await importButton().click();
    await dialog()
      .getByText(/^Imported /)
      .waitFor({ timeout: 60_000 });
    const importMs = Date.now() - started;
    await dialog().getByRole('button', { name: 'Close', exact: true }).click();
    expect(await rowsOf(baselineId)).toEqual(whole);
    console.log(
      `crash ${scenario}: ${stix.entities} entities + ${stix.claims} claims, commit ~${importMs} ms`,
    );

    const outcomes: string[] = [];
    for (const [index, offset] of spreadOffsets(
      random,
      CRASH_KILLS,
      importMs * OVERSHOOT,
    ).entries()) {
      const title = `STIX crash ${index + 1}`;
      const caseId = await createCase(target, app.page, title);
      await readyToImport();
      await importButton().click();
      await sleep(offset);
      const shown = stixPhase(await shownNow(app.page));
      await app.kill();

      app = await target.launch(profile.dir);
      const outcome = wholeOrNothing(await rowsOf(caseId), whole);
      const point = `${offset} ms after Import (of ~${importMs}; page showed: ${shown})`;
      reportKill(scenario, index, point, outcome);
      outcomes.push(outcome);
      // Reported done means stored: after "Imported …" a crash may not lose it.
      expect(outcome, point).toMatch(shown === 'done' ? /^present$/ : /^(present|absent)$/);
      // Everything committed before the crash is still there.
      expect(await rowsOf(baselineId)).toEqual(whole);
      await checkIntegrityThroughUi(target, app.page);
      await openCase(target, app.page, caseId, title);
    }
    console.log(`crash ${scenario}: ${tally(outcomes)}`);
    app.expectClean();
  } finally {
    await app.close();
    profile.remove();
  }
}

const BUNDLE_TABLES = [
  'sources',
  'sourceContents',
  'passages',
  'entities',
  'claims',
  'notes',
  'noteContents',
  'charts',
];

/**
 * (b) A 17 MiB bundle (500 sources with originals, 2,000 passages, 600 entities, 1,000 claims)
 * killed while it is opened (nothing may be written) or committed; a fresh profile per kill
 * point, since a case already present would turn the next import into a merge.
 */
export async function bundleImportScenario(target: CrashTarget, dir: string): Promise<void> {
  const scenario = `${target.name} bundle`;
  const random = seededRandom(CRASH_SEED + 1);
  const bundle = await writeLargeBundle(join(dir, 'large.casefile'));
  const whole = { ...bundle.keys, audit: ['bundle.imported'] };
  const stored = async (page: Page) => ({
    ...(await caseRowKeys(page, bundle.caseId, BUNDLE_TABLES)),
    blobs: await presentBlobs(page, bundle.keys['blobs']!),
    audit: await auditActions(page, bundle.caseId),
  });
  const dialog = (page: Page) => page.getByRole('dialog', { name: 'Import encrypted bundle' });
  const button = (page: Page, name: string) =>
    dialog(page).getByRole('button', { name, exact: true });
  const importedHeading = (page: Page) =>
    page.getByRole('heading', { name: bundle.title, level: 1 });
  /** On the case list: chooses the bundle and types its passphrase. */
  const chooseBundle = async (app: CrashApp) => {
    await app.page.getByRole('button', { name: 'Import bundle…' }).click();
    await target.chooseFile(app, () => button(app.page, 'Choose bundle…').click(), bundle.path);
    await dialog(app.page).getByLabel('Bundle passphrase').fill(bundle.passphrase);
  };
  const previewShown = (page: Page) =>
    dialog(page).getByRole('table', { name: 'Records' }).waitFor({ timeout: 60_000 });

  // A run to the end in a fresh profile: the time of each phase, and the whole case.
  const first = newProfileDir();
  const calibration = await target.launch(first.dir);
  let openMs: number;
  let commitMs: number;
  try {
    await chooseBundle(calibration);
    let started = Date.now();
    await button(calibration.page, 'Open bundle').click();
    await previewShown(calibration.page);
    openMs = Date.now() - started;
    started = Date.now();
    await button(calibration.page, 'Import as new case').click();
    await importedHeading(calibration.page).waitFor({ timeout: 60_000 });
    commitMs = Date.now() - started;
    expect(wholeOrNothing(await stored(calibration.page), whole)).toBe('present');
    await checkIntegrityThroughUi(target, calibration.page);
    calibration.expectClean();
  } finally {
    await calibration.close();
    first.remove();
  }
  const counts = Object.entries(bundle.keys)
    .map(([table, keys]) => `${keys.length} ${table}`)
    .join(', ');
  const mebibytes = (statSync(bundle.path).size / 2 ** 20).toFixed(1);
  console.log(
    `crash ${scenario}: ${mebibytes} MiB, ${counts}; opening ~${openMs} ms, commit ~${commitMs} ms`,
  );

  // Most kills land in the commit (the only phase that writes); some while the bundle is
  // decrypted and checked.
  const outcomes: string[] = [];
  for (const [index, commitOffset] of spreadOffsets(
    random,
    CRASH_KILLS,
    commitMs * OVERSHOOT,
  ).entries()) {
    const whileOpening = random() < 0.25;
    const offset = whileOpening ? Math.round(random() * openMs) : commitOffset;
    const profile = newProfileDir();
    let app = await target.launch(profile.dir);
    try {
      await chooseBundle(app);
      await button(app.page, 'Open bundle').click();
      if (!whileOpening) {
        await previewShown(app.page);
        await button(app.page, 'Import as new case').click();
      }
      await sleep(offset);
      const shown = bundlePhase(await shownNow(app.page));
      await app.kill();

      app = await target.launch(profile.dir);
      const outcome = wholeOrNothing(await stored(app.page), whole);
      const after = whileOpening ? 'Open bundle' : 'Import as new case';
      const of = whileOpening ? openMs : commitMs;
      const point = `${offset} ms after ${after} (of ~${of}; page showed: ${shown})`;
      reportKill(scenario, index, point, outcome);
      outcomes.push(outcome);
      // Nothing is written before the commit; once the case is shown, it is stored.
      const allowed = whileOpening
        ? /^absent$/
        : shown === 'done'
          ? /^present$/
          : /^(present|absent)$/;
      expect(outcome, point).toMatch(allowed);
      await checkIntegrityThroughUi(target, app.page);
      if (outcome === 'present') {
        await new CaseListPage(app.page).open(bundle.title);
        await importedHeading(app.page).waitFor();
      }
      app.expectClean();
    } finally {
      await app.close();
      profile.remove();
    }
  }
  console.log(`crash ${scenario}: ${tally(outcomes)}`);
}

/**
 * (c) A note killed right after it shows "Saved", while more is typed: after the restart every
 * note has the text it had when "Saved" showed, plus at most a prefix of the later edit.
 */
export async function savedNoteScenario(target: CrashTarget): Promise<void> {
  const scenario = `${target.name} note`;
  const random = seededRandom(CRASH_SEED + 2);
  const profile = newProfileDir();
  let app = await target.launch(profile.dir);
  const title = 'Pier 4 interviews';
  try {
    const caseId = await createCase(target, app.page, title);
    /** Note title → the text saved before its kill. */
    const saved = new Map<string, string>();
    for (let index = 0; index < CRASH_KILLS; index += 1) {
      const notebook = new NotebookPage(app.page);
      await notebook.openFromWorkspace();
      const noteTitle = `Interview ${index + 1}`;
      await notebook.create(noteTitle);
      await notebook.focusEnd();
      const text = `Witness ${index + 1} saw the van at pier ${Math.floor(random() * 90) + 10}.`;
      await app.page.keyboard.type(text);
      await notebook.waitUntilSaved();
      saved.set(noteTitle, text);
      // Keep typing (an edit whose own save may or may not happen), and kill.
      const offset = Math.round(random() * NOTE_KILL_WINDOW_MS);
      void app.page.keyboard.type(LATER_EDIT, { delay: 10 }).catch(() => undefined);
      await sleep(offset);
      await app.kill();

      app = await target.launch(profile.dir);
      await openCase(target, app.page, caseId, title);
      const reopened = new NotebookPage(app.page);
      await reopened.openFromWorkspace();
      // Every note saved before every kill so far, with its saved text.
      for (const [name, before] of saved) {
        await reopened.note(name).click();
        await reopened.editor.getByText(before, { exact: false }).waitFor();
      }
      // The last note: its saved text, then at most part of the later edit, nothing else.
      const after = (await reopened.editor.textContent()) ?? '';
      expect(after.startsWith(text) && LATER_EDIT.startsWith(after.slice(text.length))).toBe(true);
      const later =
        after.length > text.length
          ? `with ${after.length - text.length} characters of the later edit`
          : 'as saved';
      reportKill(scenario, index, `${offset} ms after "Saved"`, `present (${later})`);
      await checkIntegrityThroughUi(target, app.page);
      await openCase(target, app.page, caseId, title);
    }
    app.expectClean();
  } finally {
    await app.close();
    profile.remove();
  }
}
