// `npm start` needs Electron's binary. npm 11 does not run electron's install script unless it
// is approved, so fetch the binary here on first start, and say clearly what to do if we cannot.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function binaryPresent() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

if (!binaryPresent()) {
  console.log('Electron binary not found: downloading it once (node_modules/electron/install.js)…');
  try {
    execFileSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  } catch {
    // fall through to the message below
  }
  if (!binaryPresent()) {
    console.error(
      'Could not install the Electron binary (no network access to its download host?).\n' +
        'The desktop app needs it; the browser edition does not: run `npm run web` instead.',
    );
    process.exit(1);
  }
}
