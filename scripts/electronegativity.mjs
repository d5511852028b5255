// Static check of the Electron code with @doyensec/electronegativity, offline. Scans electron/ and,
// when built, out/renderer/index.html (so the tool evaluates the shipped CSP). Fails on any finding
// not listed in ACCEPTED, on any accepted finding that is no longer reported (stale entry), on a
// file the tool could not parse, and on any attempt to reach the network.
// Why each finding is accepted: docs/security.md, "Static checks".
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULT_ELECTRON_DIR = join(root, 'electron');
export const DEFAULT_RENDERER_HTML = join(root, 'out/renderer/index.html');

/** The tool's only network-bound check (it downloads Electron's release list); never run. */
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const WEAK_CSP_MAYBE = 'One or more CSP directives detected seems to be vulnerable';
const NO_CSP = 'No CSP has been detected in the target application';

/**
 * Findings we accept, each with its reason (mirrored in docs/security.md). `source` is the trimmed
 * text of the reported line, so the same check elsewhere in the file is not covered; `count` is
 * exact: one more such finding fails, so does one fewer (lower it).
 */
export const ACCEPTED = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main/window.ts',
    source: 'return new BrowserWindow({',
    count: 2,
    why: 'webPreferences come from mainWindowWebPreferences(), which the tool does not follow; contextIsolation: true there, asserted by tests/unit/electron/window.test.ts',
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'electron/main/window.ts',
    source: 'return new BrowserWindow({',
    count: 2,
    why: 'same factory: sandbox: true in mainWindowWebPreferences(), asserted by window.test.ts',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'electron/main/window.ts',
    source: 'return new BrowserWindow({',
    count: 2,
    why: 'a middle-click can only ask for a new window, and hardening.ts denies every new window (setWindowOpenHandler) and navigation; note links are inert text',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    description: WEAK_CSP_MAYBE,
    count: 1,
    why: "csp-evaluator's generic warning on script-src 'self'; app:// serves only the built renderer (protocol.ts), no JSONP, no Angular, no user uploads",
  },
];

/** Without a build there is no index.html to read the CSP from: said, not hidden. */
const ACCEPTED_WITHOUT_BUILD = {
  check: 'CSP_GLOBAL_CHECK',
  file: 'N/A',
  description: NO_CSP,
  count: 1,
  why: 'out/renderer/index.html not built, so the CSP was not scanned (run `npm run build`)',
};

/** Electronegativity fetches translations at start; use only its bundled English strings. */
function useBundledTranslations() {
  const i18nModule = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = require('i18n');
  const configureLocally = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[i18nModule] = {
    id: i18nModule,
    filename: i18nModule,
    loaded: true,
    exports: configureLocally,
  };
}

/** Every socket connect or DNS lookup in this process throws and is remembered. */
export function blockNetwork() {
  const attempts = [];
  const net = require('node:net');
  const dns = require('node:dns');
  net.Socket.prototype.connect = function refuseConnect() {
    attempts.push('socket connect');
    throw new Error('electronegativity check: network access is not allowed');
  };
  dns.lookup = function refuseLookup(hostname) {
    attempts.push(`DNS lookup of ${String(hostname)}`);
    throw new Error('electronegativity check: network access is not allowed');
  };
  return attempts;
}

const keyOf = (entry) => JSON.stringify([entry.check, entry.file, entry.source, entry.description]);

/**
 * Scans a copy of `electronDir` (as electron/) plus `rendererHtml` (as renderer/index.html) when it
 * exists, and compares the findings with `accepted`.
 */
export async function scanElectron({
  electronDir = DEFAULT_ELECTRON_DIR,
  rendererHtml = DEFAULT_RENDERER_HTML,
  accepted = ACCEPTED,
} = {}) {
  useBundledTranslations();
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const { version: electronVersion } = require('electron/package.json');
  const htmlBuilt = existsSync(rendererHtml);
  const staging = mkdtempSync(join(tmpdir(), 'casefile-electronegativity-'));
  try {
    cpSync(electronDir, join(staging, 'electron'), { recursive: true });
    if (htmlBuilt) cpSync(rendererHtml, join(staging, 'renderer/index.html'));
    const result = await run({
      input: staging,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: NETWORK_CHECKS,
      customScan: [],
    });
    const sourceLine = (file, line) => {
      const path = join(staging, file);
      if (line < 1 || !existsSync(path)) return '';
      return (readFileSync(path, 'utf8').split('\n')[line - 1] ?? '').trim();
    };
    const findings = result.issues.map((issue) => ({
      check: issue.id,
      file: issue.file,
      line: issue.location.line,
      source: sourceLine(issue.file, issue.location.line),
      description: issue.description,
    }));
    const allowed = htmlBuilt
      ? accepted
      : [
          ...accepted.filter((entry) => !entry.file.startsWith('renderer/')),
          ACCEPTED_WITHOUT_BUILD,
        ];
    const unaccepted = [];
    const counts = new Map();
    for (const finding of findings) {
      const rule = allowed.find(
        (entry) =>
          entry.check === finding.check &&
          entry.file === finding.file &&
          (entry.source === undefined || entry.source === finding.source) &&
          (entry.description === undefined || entry.description === finding.description),
      );
      if (rule === undefined) unaccepted.push(finding);
      else counts.set(keyOf(rule), (counts.get(keyOf(rule)) ?? 0) + 1);
    }
    const countMismatches = allowed
      .map((entry) => ({ entry, found: counts.get(keyOf(entry)) ?? 0 }))
      .filter(({ entry, found }) => found !== entry.count);
    return {
      checks: result.globalChecks + result.atomicChecks,
      findings,
      unaccepted,
      countMismatches,
      parseErrors: result.errors.filter((error) => !error.tolerable),
      htmlBuilt,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function main() {
  const networkAttempts = blockNetwork();
  const started = performance.now();
  const report = await scanElectron();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { version } = JSON.parse(
    readFileSync(require.resolve('@doyensec/electronegativity/package.json'), 'utf8'),
  );
  const problems = [];
  for (const f of report.unaccepted)
    problems.push(`new finding ${f.check} at ${f.file}:${f.line} (${f.source}): ${f.description}`);
  for (const { entry, found } of report.countMismatches)
    problems.push(
      `${entry.check} in ${entry.file}: ${found} found, ${entry.count} accepted` +
        (found < entry.count ? ' (if the code is safe, lower the count here and in the docs)' : ''),
    );
  for (const e of report.parseErrors) problems.push(`could not parse ${e.file}: ${e.message}`);
  for (const attempt of networkAttempts) problems.push(`network access attempted (${attempt})`);
  if (report.checks === 0) problems.push('no checks were loaded');
  if (!report.htmlBuilt)
    console.log('electronegativity: out/renderer/index.html not built, CSP not scanned.');
  if (problems.length > 0) {
    console.error(`electronegativity ${version}: ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    console.error('Fix the code, or accept the finding with its reason in both');
    console.error('scripts/electronegativity.mjs (ACCEPTED) and docs/security.md (Static checks).');
    process.exitCode = 1;
    return;
  }
  console.log(
    `electronegativity ${version}: ${report.checks} checks, ${report.findings.length} findings, ` +
      `all accepted (docs/security.md), ${seconds} s, offline.`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
