import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ELECTRON_DIR, scanElectron } from '../../../scripts/electronegativity.mjs';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security';

// The gate behind `npm run lint:electron`: the real tree passes; a new finding, a weaker CSP or a
// stale acceptance fails.

const INSECURE_WINDOW = `import { BrowserWindow } from 'electron';
export function open(): BrowserWindow {
  return new BrowserWindow({
    webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false },
  });
}
`;

const SANDBOX_OFF = 'webPreferences: { ...printWindowWebPreferences(), sandbox: false },';

const htmlWithCsp = (csp: string): string =>
  `<!doctype html>\n<html>\n<head>\n<meta http-equiv="Content-Security-Policy" content="${csp}">\n</head>\n<body></body>\n</html>\n`;

let base: string;
let shippedCspHtml: string;
let weakCspHtml: string;
let insecureElectronDir: string;
let extendedElectronDir: string;
let sandboxOffElectronDir: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'casefile-eng-test-'));
  shippedCspHtml = join(base, 'shipped.html');
  weakCspHtml = join(base, 'weak.html');
  insecureElectronDir = join(base, 'electron');
  await writeFile(shippedCspHtml, htmlWithCsp(CONTENT_SECURITY_POLICY));
  await writeFile(
    weakCspHtml,
    htmlWithCsp("default-src 'none'; script-src 'self' 'unsafe-inline'"),
  );
  await mkdir(join(insecureElectronDir, 'main'), { recursive: true });
  await writeFile(join(insecureElectronDir, 'main/window.ts'), INSECURE_WINDOW);
  extendedElectronDir = join(base, 'extended');
  await cp(DEFAULT_ELECTRON_DIR, extendedElectronDir, { recursive: true });
  await writeFile(join(extendedElectronDir, 'main/extra.ts'), INSECURE_WINDOW);
  sandboxOffElectronDir = join(base, 'sandbox-off');
  await cp(DEFAULT_ELECTRON_DIR, sandboxOffElectronDir, { recursive: true });
  const factory = join(sandboxOffElectronDir, 'main/window.ts');
  const original = await readFile(factory, 'utf8');
  const edited = original.replace('webPreferences: printWindowWebPreferences(),', SANDBOX_OFF);
  expect(edited).not.toBe(original);
  await writeFile(factory, edited);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('electronegativity gate', () => {
  it('accepts exactly the documented findings on electron/ with the shipped CSP', async () => {
    const report = await scanElectron({ rendererHtml: shippedCspHtml });
    expect(report.checks).toBeGreaterThan(30);
    expect(report.parseErrors).toEqual([]);
    expect(report.unaccepted).toEqual([]);
    expect(report.countMismatches).toEqual([]);
    expect(report.htmlBuilt).toBe(true);
  });

  it('reports a new window without sandbox elsewhere in electron/', async () => {
    const report = await scanElectron({
      electronDir: extendedElectronDir,
      rendererHtml: shippedCspHtml,
    });
    expect(report.unaccepted).toContainEqual(
      expect.objectContaining({
        check: 'SANDBOX_JS_CHECK',
        file: 'electron/main/extra.ts',
        line: 4,
      }),
    );
  });

  it('reports sandbox turned off inline in the accepted factory', async () => {
    const report = await scanElectron({
      electronDir: sandboxOffElectronDir,
      rendererHtml: shippedCspHtml,
    });
    expect(report.unaccepted).toContainEqual(
      expect.objectContaining({
        check: 'SANDBOX_JS_CHECK',
        file: 'electron/main/window.ts',
        source: SANDBOX_OFF,
      }),
    );
  });

  it('reports a tree without navigation and permission handlers, and stale acceptances', async () => {
    const report = await scanElectron({
      electronDir: insecureElectronDir,
      rendererHtml: shippedCspHtml,
    });
    const checks = report.unaccepted.map((finding) => finding.check);
    expect(checks).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(checks).toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    // Turned off on their own lines: not the accepted `new BrowserWindow` line.
    expect(checks).toContain('SANDBOX_JS_CHECK');
    expect(checks).toContain('CONTEXT_ISOLATION_JS_CHECK');
    // And the accepted entries no longer match what is there: stale, which fails too.
    const mismatched = report.countMismatches.map(({ entry, found }) => [entry.check, found]);
    expect(mismatched).toContainEqual(['SANDBOX_JS_CHECK', 0]);
    expect(mismatched).toContainEqual(['AUXCLICK_JS_CHECK', 1]);
  });

  it('refuses a weaker CSP', async () => {
    const report = await scanElectron({
      electronDir: DEFAULT_ELECTRON_DIR,
      rendererHtml: weakCspHtml,
    });
    expect(report.unaccepted).toContainEqual(
      expect.objectContaining({ check: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html' }),
    );
  });

  it('says when the CSP could not be scanned for want of a build', async () => {
    const report = await scanElectron({ rendererHtml: join(base, 'not-built.html') });
    expect(report.htmlBuilt).toBe(false);
    expect(report.unaccepted).toEqual([]);
    expect(report.countMismatches).toEqual([]);
  });
});
