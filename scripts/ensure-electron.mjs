// `npm start` needs Electron's binary. npm 11 does not run electron's install script unless it
// is approved, so fetch the binary here on first start, and say clearly what to do if we cannot.
// `--dist` (npm run dist): electron-builder packages from Electron's release zip, not from
// node_modules; check it is cached or its download host answers, and fail at once if neither,
// instead of letting electron-builder retry downloads for minutes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** How long `--dist` waits for the download host before saying it is unreachable. */
export const PROBE_TIMEOUT_MS = 8_000;

function electronDir() {
  return dirname(require.resolve('electron/package.json'));
}

function binaryPresent() {
  const dir = electronDir();
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

function ensureBinary() {
  if (binaryPresent()) return;
  console.log('Electron binary not found: downloading it once (node_modules/electron/install.js)…');
  try {
    execFileSync(process.execPath, [join(electronDir(), 'install.js')], { stdio: 'inherit' });
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

/** The release zip electron-builder packages, e.g. electron-v45.4.1-linux-x64.zip. */
export function electronZipName(version, platform = process.platform, arch = process.arch) {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/**
 * Where electron-builder (through @electron/get) caches Electron's release zips: the OS cache
 * folder's `electron` (on Linux `$XDG_CACHE_HOME/electron`, default ~/.cache/electron). Its own
 * tools (AppImage runtime, fpm) go beside it in `electron-builder`, or ELECTRON_BUILDER_CACHE.
 */
export function electronCacheDir(env = process.env, platform = process.platform, home = homedir()) {
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  }
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

/** Finds `fileName` in `dirs` or up to `depth` folders below them (caches nest by URL hash). */
export function findCachedFile(dirs, fileName, depth = 3) {
  const search = (dir, left) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const entry of entries) {
      if (entry.isFile() && entry.name === fileName) return join(dir, entry.name);
    }
    if (left === 0) return undefined;
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const found = search(join(dir, entry.name), left - 1);
      if (found) return found;
    }
    return undefined;
  };
  for (const dir of dirs) {
    const found = search(dir, depth);
    if (found) return found;
  }
  return undefined;
}

/** Whether `url` answers at all within the timeout (any HTTP status counts as reachable). */
export async function probe(url, timeoutMs = PROBE_TIMEOUT_MS) {
  try {
    await fetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides whether `npm run dist` can go on: `{ ok: true, why }` or `{ ok: false, message }`.
 * `reachable` is injectable so tests never touch the network.
 */
export async function checkDist({
  version,
  env = process.env,
  platform = process.platform,
  arch = process.arch,
  home = homedir(),
  reachable = probe,
}) {
  const zip = electronZipName(version, platform, arch);
  const cacheDir = electronCacheDir(env, platform, home);
  const cached = findCachedFile([cacheDir], zip);
  // Checksums are never read from the cache: offline they must be seeded at its root.
  const seeded = [`SHASUMS256.txt-${version}`, 'SHASUMS256.txt'].some((name) =>
    existsSync(join(cacheDir, name)),
  );
  if (cached && seeded) return { ok: true, why: `using the cached ${cached}` };
  const host = env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const missing = cached
    ? `the checksums of the cached ${zip} (SHASUMS256.txt-${version} in ${cacheDir})`
    : `Electron's release zip ${zip} (looked in ${cacheDir})`;
  // Node's fetch ignores proxy settings, electron-builder's downloads do not: trust the proxy.
  const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.GLOBAL_AGENT_HTTPS_PROXY;
  if (proxy) return { ok: true, why: `${missing} will be downloaded through the proxy ${proxy}` };
  if (await reachable(host)) return { ok: true, why: `${missing} will be downloaded from ${host}` };
  return {
    ok: false,
    message:
      `npm run dist needs ${missing}, and it is not cached and cannot be downloaded ` +
      `(${host} did not answer).\n` +
      'Build an offline installer: fill the cache on a machine with network access, copy it here ' +
      'and point XDG_CACHE_HOME at it (see "Offline installer" in README.md).',
  };
}

async function main() {
  if (!process.argv.includes('--dist')) {
    ensureBinary();
    return;
  }
  const { version } = JSON.parse(readFileSync(join(electronDir(), 'package.json'), 'utf8'));
  const verdict = await checkDist({ version });
  if (!verdict.ok) {
    console.error(verdict.message);
    process.exit(1);
  }
  console.log(`Electron ${version}: ${verdict.why}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
