import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { watchPage } from '../browser';
import { electronBinary, type CrashApp } from '../crashHarness';
import {
  announceRun,
  bundleImportScenario,
  CRASH_TIMEOUT,
  savedNoteScenario,
  stixImportScenario,
  type CrashTarget,
} from '../crashScenarios';
import { CaseListPage } from '../pages/CaseListPage';

/**
 * The crash tests of ../crash.spec.ts against the desktop app: the Electron main process and
 * its children are SIGKILLed (Playwright starts Electron in its own process group) and started
 * again on the same user-data directory (CASEFILE_USER_DATA_DIR). File dialogs are answered by
 * replacing `dialog.showOpenDialog` in the main process. Skipped where the Electron binary is
 * absent.
 */

const repoRoot = resolve(import.meta.dirname, '../../..');
const executablePath = electronBinary(repoRoot);
if (executablePath === null) {
  console.log(
    'Electron crash tests skipped: the Electron binary is not installed (node_modules/electron/dist missing).',
  );
}

/** The test process's environment without what would make Electron run as plain Node. */
function electronEnv(profileDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE')
      env[key] = value;
  }
  return { ...env, CASEFILE_USER_DATA_DIR: profileDir };
}

const running = new WeakMap<CrashApp, ElectronApplication>();

async function launchDesktop(profileDir: string): Promise<CrashApp> {
  const mainEntry = join(repoRoot, 'out', 'main', 'index.js');
  if (!existsSync(mainEntry))
    throw new Error(`${mainEntry} is missing: run \`npm run build\` first.`);
  const electronApp = await _electron.launch({
    executablePath: executablePath!,
    args: [mainEntry],
    cwd: repoRoot,
    env: electronEnv(profileDir),
  });
  const child = electronApp.process();
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null) done();
    else child.once('exit', () => done());
  });
  const page = await electronApp.firstWindow();
  const watched = watchPage(page, 'app://casefile/index.html');
  await new CaseListPage(page).heading.waitFor({ timeout: 60_000 });
  const app: CrashApp = {
    page,
    kill: async () => {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await exited;
    },
    close: () => electronApp.close(),
    expectClean: () => {
      const foreign = watched.foreignRequests.filter((url) => !url.startsWith('app://casefile/'));
      if (foreign.length > 0 || watched.consoleErrors.length > 0) {
        throw new Error(
          `Foreign requests: ${foreign.join(', ')}; console errors: ${watched.consoleErrors.join('; ')}`,
        );
      }
    },
  };
  running.set(app, electronApp);
  return app;
}

const desktop: CrashTarget = {
  name: 'electron',
  launch: launchDesktop,
  // The window refuses navigations; a route is a hash change inside the page.
  show: async (page, route) => {
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, route);
  },
  chooseFile: async (app, open, path) => {
    const electronApp = running.get(app);
    if (!electronApp) throw new Error('This app was not started by launchDesktop.');
    await electronApp.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths: [chosen] });
    }, path);
    await open();
  },
};

describe.skipIf(executablePath === null)('crash tests (desktop app, Electron)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-crash-files-'));
    announceRun(desktop);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'a large STIX import killed at random moments is wholly present or wholly absent',
    {
      timeout: CRASH_TIMEOUT,
    },
    () => stixImportScenario(desktop, dir),
  );

  it(
    'a bundle import killed while opening or committing is wholly present or wholly absent',
    {
      timeout: CRASH_TIMEOUT,
    },
    () => bundleImportScenario(desktop, dir),
  );

  it(
    'a note killed right after it shows "Saved" has its saved text',
    {
      timeout: CRASH_TIMEOUT,
    },
    () => savedNoteScenario(desktop),
  );
});
