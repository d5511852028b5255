import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');

/**
 * Path of the Electron binary, or null if it was never downloaded. Read from path.txt directly:
 * `require('electron')` would try to download it when it is missing.
 */
function electronBinary(): string | null {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const executablePath = electronBinary();
if (executablePath === null) {
  console.log(
    'Electron smoke test skipped: the Electron binary is not installed (node_modules/electron/dist missing).',
  );
}

describe.skipIf(executablePath === null)('Electron smoke test', () => {
  let electronApp: ElectronApplication | undefined;
  let appData: string;

  beforeAll(async () => {
    const mainEntry = join(repoRoot, 'out', 'main', 'index.js');
    if (!existsSync(mainEntry))
      throw new Error(`${mainEntry} is missing: run \`npm run build\` first.`);
    // A throwaway profile so the test never touches a real user's cases.
    appData = await mkdtemp(join(tmpdir(), 'casefile-electron-smoke-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE')
        env[key] = value;
    }
    electronApp = await _electron.launch({
      executablePath: executablePath!,
      args: [mainEntry],
      cwd: repoRoot,
      env: { ...env, CASEFILE_USER_DATA_DIR: appData },
    });
  });

  afterAll(async () => {
    await electronApp?.close();
    if (appData) await rm(appData, { recursive: true, force: true });
  });

  it('opens the Casefile window from app://casefile with the bridge and without Node', async () => {
    const page = await electronApp!.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    expect(page.url()).toBe('app://casefile/index.html');
    await expect.poll(() => page.title()).toMatch(/Casefile/);
    // The top bar's brand; exact, so the boot message ("Opening Casefile…") does not count.
    await page.getByText('Casefile', { exact: true }).first().waitFor({ state: 'visible' });

    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const bridge = w['casefile'] as { app?: { info?: unknown } } | undefined;
      return {
        bridge: typeof bridge,
        info: typeof bridge?.app?.info,
        require: typeof w['require'],
        process: typeof w['process'],
        module: typeof w['module'],
      };
    });
    expect(globals).toEqual({
      bridge: 'object',
      info: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  it('sets the application menu and exposes the desktop shell to the page', async () => {
    const labels = await electronApp!.evaluate(({ Menu }) =>
      (Menu.getApplicationMenu()?.items ?? []).map((item) => item.label.replace('&', '')),
    );
    expect(labels).toEqual(
      expect.arrayContaining(['File', 'Edit', 'View', 'Go', 'Window', 'Help']),
    );
    const page = await electronApp!.firstWindow();
    const desktop = await page.evaluate(() => {
      const w = window as unknown as { casefile?: { desktop?: Record<string, unknown> } };
      return Object.keys(w.casefile?.desktop ?? {}).sort();
    });
    expect(desktop).toEqual([
      'onMenuCommand',
      'onOpenBundle',
      'onOpenCase',
      'ready',
      'recentCaseMissing',
      'recentCaseOpened',
    ]);
  });
});
