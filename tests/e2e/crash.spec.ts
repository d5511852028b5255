import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, inject, it } from 'vitest';
import { KillableBrowser } from './crashHarness';
import {
  announceRun,
  bundleImportScenario,
  CRASH_TIMEOUT,
  savedNoteScenario,
  stixImportScenario,
  type CrashTarget,
} from './crashScenarios';

/**
 * Crash tests (issue 11), web build: Chromium (every process of it) is SIGKILLed at random
 * moments of a large STIX import, of a bundle import, and right after a note shows "Saved", then
 * started again on the same profile (same origin, so the same IndexedDB). Each import must be
 * wholly present or wholly absent, the saved note there, and "Check case integrity…" clean.
 * `CRASH_KILLS` kill points per scenario (3 here, 20 in `npm run test:soak`); `CRASH_SEED`
 * replays a run's kill points. tests/README.md, "Crash tests".
 */

const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'casefile-crash-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const web: CrashTarget = {
  name: 'web',
  launch: (profileDir) => KillableBrowser.launch(profileDir, baseUrl),
  show: async (page, route) => {
    await page.goto(`${baseUrl}${route}`);
  },
  chooseFile: async (app, open, path) => {
    const chooser = app.page.waitForEvent('filechooser');
    await open();
    await (await chooser).setFiles(path);
  },
};

describe('crash tests: the browser killed mid-write (web build, persistent profile)', () => {
  announceRun(web);

  it(
    'a large STIX import killed at random moments is wholly present or wholly absent after a restart',
    { timeout: CRASH_TIMEOUT },
    () => stixImportScenario(web, dir),
  );

  it(
    'a bundle import killed while opening or committing is wholly present or wholly absent after a restart',
    { timeout: CRASH_TIMEOUT },
    () => bundleImportScenario(web, dir),
  );

  it(
    'a note killed right after it shows "Saved" has its saved text after a restart',
    { timeout: CRASH_TIMEOUT },
    () => savedNoteScenario(web),
  );
});
