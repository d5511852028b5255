// `npm run test:soak`: the long variants of the reliability tests (issue 11), one part after
// another, each with its output as it runs, then a summary of every part and its figures.
// Add a part to PARTS; `figures` picks the lines of its output repeated in the summary.
// SOAK_PARTS=crash runs only the parts whose name contains it; a variable already set in the
// environment (CRASH_KILLS=50, FUZZ_RUNS=…) wins over a part's default.
import { spawn } from 'node:child_process';

const PARTS = [
  {
    name: 'fuzz (2,000 runs per property)',
    command: ['npx', 'vitest', 'run', 'tests/unit/fuzz'],
    env: { FUZZ_RUNS: '2000' },
    figures: /^$/,
  },
  {
    // Needs the web build (`npm run build`): the e2e project serves out/renderer.
    name: 'crash (20 kill points per scenario)',
    command: ['npx', 'vitest', 'run', '--project', 'e2e', 'tests/e2e/crash.spec.ts'],
    env: { CRASH_KILLS: '20' },
    figures: /^crash\b/,
  },
  {
    // Needs the web build too. The full-size case (tests/e2e/load.spec.ts): time per
    // step and peak renderer memory against the 1.5 GB target.
    name: 'load (10,000 sources, 50,000 passages, 5,000 entities, 20,000 claims)',
    command: ['npx', 'vitest', 'run', '--project', 'e2e', 'tests/e2e/load.spec.ts'],
    env: { LOAD_SCALE: '1' },
    figures: /^(Load (case|run) at scale|load:)/,
  },
];

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

function runPart(part) {
  return new Promise((resolve) => {
    const started = Date.now();
    const figures = [];
    let pending = '';
    const child = spawn(part.command[0], part.command.slice(1), {
      env: { ...part.env, ...process.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const plain = line.replace(ANSI, '').trim();
        if (plain !== '' && part.figures.test(plain)) figures.push(plain);
      }
    });
    child.on('close', (code) =>
      resolve({ name: part.name, code, seconds: (Date.now() - started) / 1000, figures }),
    );
  });
}

const only = process.env.SOAK_PARTS;
const results = [];
for (const part of PARTS.filter((p) => only === undefined || p.name.includes(only))) {
  console.log(`\n=== soak: ${part.name} ===`);
  results.push(await runPart(part));
}

console.log('\n=== soak summary ===');
for (const result of results) {
  const status = result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`;
  console.log(`${result.name}: ${status} in ${result.seconds.toFixed(0)} s`);
  for (const line of result.figures) console.log(`  ${line}`);
}
process.exitCode = results.every((result) => result.code === 0) ? 0 : 1;
