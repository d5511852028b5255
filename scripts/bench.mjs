// Runs every benchmark in tests/bench and prints each figure with its target and the ratio to it.
// Figures are printed, never asserted: shared machines are too noisy for timed test failures.
// A benchmark's run() resolves to figures: { name, value, unit, target?, better: 'lower'|'higher', detail? }.
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = fileURLToPath(new URL('../tests/bench/', import.meta.url));
const only = process.argv[2];

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs') && (!only || f.includes(only)))
  .sort();
console.log(
  `Casefile benchmarks — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})\n`,
);
let missed = 0;
for (const file of files) {
  const { default: exported } = await import(pathToFileURL(benchDir + file).href);
  // A file exports one benchmark, or an array of them printed under separate headings.
  for (const bench of [exported].flat()) {
    console.log(`${bench.name}`);
    for (const figure of await bench.run()) {
      const value = `${figure.value.toFixed(1)} ${figure.unit}`;
      const detail = figure.detail ? `  (${figure.detail})` : '';
      if (figure.target === undefined) {
        console.log(`  ${figure.name}: ${value}${detail}`);
        continue;
      }
      const ratio = figure.value / figure.target;
      const met = figure.better === 'higher' ? ratio >= 1 : ratio <= 1;
      if (!met) missed += 1;
      const sign = figure.better === 'higher' ? '≥' : '<';
      console.log(
        `  ${figure.name}: ${value}${detail}  target ${sign} ${figure.target} ${figure.unit}  ratio ${ratio.toFixed(2)}  ${met ? 'within target' : 'MISSES TARGET'}`,
      );
    }
    console.log('');
  }
}
console.log(missed === 0 ? 'All figures within target.' : `${missed} figure(s) miss their target.`);
