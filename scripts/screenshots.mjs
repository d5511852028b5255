#!/usr/bin/env node
/**
 * Writes docs/screenshots/<area>-<theme>.png: every area of the e2e seed case (the small report
 * case in tests/fixtures/reports) in the light and dark themes, by running the themes e2e spec
 * with SCREENSHOTS_DIR set. Build the web app first (`npm run build`); nothing is fetched.
 *
 *   node scripts/screenshots.mjs [output-dir]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, process.argv[2] ?? 'docs/screenshots');
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'e2e', 'tests/e2e/themes.spec.ts', '-t', 'renders every area'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SCREENSHOTS_DIR: outDir } },
);
if (run.status !== 0) {
  console.error('Screenshots failed: see the test output above.');
  process.exit(run.status ?? 1);
}
console.log(`Screenshots written to ${outDir}`);
