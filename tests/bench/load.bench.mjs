// The load test (issue 11, deliver 6) at the full size, as benchmark figures: a generated
// case of 10,000 sources, 50,000 passages, 5,000 entities and 20,000 claims opened, searched,
// charted (2,000 nodes) and exported in the web build in headless Chromium. The run itself is
// tests/e2e/load.spec.ts (page objects, no console errors allowed); this runs it through Vitest
// and reads the figures it writes: time per step and peak renderer memory (target < 1.5 GB).
// LOAD_SCALE picks another size (1 = full; `npm test` runs 0.1). Takes several minutes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default {
  name: `load: generated case at scale ${process.env.LOAD_SCALE ?? '1'} (web build, headless Chromium)`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'casefile-load-bench-'));
    const figuresFile = join(dir, 'figures.json');
    try {
      const output = await new Promise((resolve, reject) => {
        let text = '';
        const child = spawn(
          process.execPath,
          [
            join(root, 'node_modules/vitest/vitest.mjs'),
            'run',
            '--project',
            'e2e',
            'tests/e2e/load.spec.ts',
          ],
          {
            cwd: root,
            env: {
              ...process.env,
              LOAD_SCALE: process.env.LOAD_SCALE ?? '1',
              LOAD_FIGURES_FILE: figuresFile,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        child.stdout.on('data', (chunk) => (text += chunk));
        child.stderr.on('data', (chunk) => (text += chunk));
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve(text) : reject(new Error(`The load run failed:\n${text}`)),
        );
      });
      const { heading, figures } = JSON.parse(readFileSync(figuresFile, 'utf8'));
      if (!Array.isArray(figures)) throw new Error(`No figures from the load run:\n${output}`);
      console.log(`  ${heading}`);
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
