// Runs every benchmark in tests/bench and prints each figure with its target and the ratio to it.
// Figures are printed, never asserted: shared machines are too noisy for timed test failures.
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = fileURLToPath(new URL('../tests/bench/', import.meta.url));
const only = process.argv[2];

function quantile(sorted, q) {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

const files = readdirSync(benchDir).filter(
  (f) => f.endsWith('.bench.mjs') && (!only || f.includes(only)),
);
console.log(
  `Casefile benchmarks — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})\n`,
);
let over = 0;
for (const file of files) {
  const { default: bench } = await import(pathToFileURL(benchDir + file).href);
  const samples = (await bench.run()).slice().sort((a, b) => a - b);
  const median = quantile(samples, 0.5);
  const p90 = quantile(samples, 0.9);
  const ratio = median / bench.target;
  if (ratio > 1) over += 1;
  const fmt = (v) => `${v.toFixed(1)} ${bench.unit}`;
  console.log(bench.name);
  console.log(
    `  median ${fmt(median)}  (p90 ${fmt(p90)}, min ${fmt(samples[0])}, n=${samples.length})  ` +
      `target < ${bench.target} ${bench.unit}  ratio ${ratio.toFixed(2)}  ${ratio <= 1 ? 'within target' : 'OVER TARGET'}\n`,
  );
}
console.log(over === 0 ? 'All figures within target.' : `${over} figure(s) over target.`);
