import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkDist,
  electronCacheDir,
  electronZipName,
  findCachedFile,
} from '../../../scripts/ensure-electron.mjs';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema, with the .casefile file association', async () => {
    // electron-builder's validator and YAML reader (dependencies of the electron-builder devDependency).
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const yaml = require('js-yaml') as { load: (text: string) => Record<string, unknown> };
    const config = yaml.load(await readFile(join(root, 'electron-builder.yml'), 'utf8'));
    await expect(
      validateConfiguration(config, { add: () => undefined, isEnabled: false }),
    ).resolves.toBeUndefined();
    expect(config['fileAssociations']).toEqual([
      {
        ext: 'casefile',
        name: 'Casefile bundle',
        description: 'Encrypted Casefile case bundle',
        mimeType: 'application/x-casefile',
        role: 'Editor',
      },
    ]);
    // And the validator does refuse a wrong association.
    await expect(
      validateConfiguration(
        { ...config, fileAssociations: [{ ext: 'casefile', rol: 'Editor' }] },
        { add: () => undefined, isEnabled: false },
      ),
    ).rejects.toThrow(/fileAssociations/);
  });

  it('checks for Electron before building in npm run dist', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['dist']).toMatch(/^node scripts\/ensure-electron\.mjs --dist && /);
  });
});

describe('npm run dist without Electron’s release zip', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'casefile-dist-'));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('names the zip for the platform', () => {
    expect(electronZipName('45.4.1', 'linux', 'x64')).toBe('electron-v45.4.1-linux-x64.zip');
  });

  it('looks where electron-builder caches Electron (XDG_CACHE_HOME on Linux)', () => {
    expect(electronCacheDir({}, 'linux', '/home/ann')).toBe('/home/ann/.cache/electron');
    expect(electronCacheDir({ XDG_CACHE_HOME: '/media/usb/cache' }, 'linux', '/home/ann')).toBe(
      '/media/usb/cache/electron',
    );
    expect(electronCacheDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Caches/electron');
  });

  it('fails at once, saying what to do, when the zip is not cached and the host does not answer', async () => {
    const reachable = vi.fn(() => Promise.resolve(false));
    const verdict = await checkDist({
      version: '45.4.1',
      env: {},
      platform: 'linux',
      arch: 'x64',
      home,
      reachable,
    });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.message).toMatch(/electron-v45\.4\.1-linux-x64\.zip/);
    expect(verdict.message).toMatch(/Offline installer" in README\.md/);
    expect(verdict.message).toContain(join(home, '.cache', 'electron'));
    expect(reachable).toHaveBeenCalledWith(
      'https://github.com/electron/electron/releases/download/',
    );
  });

  it('goes on offline with a cached zip (nested by URL hash) and seeded checksums, not without them', async () => {
    const cache = join(home, 'usb-cache');
    const nested = join(cache, 'electron', '1a2b3c4d');
    await mkdir(nested, { recursive: true });
    await writeFile(join(nested, 'electron-v45.4.1-linux-x64.zip'), 'zip');
    const reachable = vi.fn(() => Promise.resolve(false));
    const options = {
      version: '45.4.1',
      env: { XDG_CACHE_HOME: cache },
      platform: 'linux',
      arch: 'x64',
      home,
      reachable,
    };
    const unseeded = await checkDist(options);
    expect(unseeded.ok ? undefined : unseeded.message).toMatch(/SHASUMS256\.txt-45\.4\.1/);

    await writeFile(join(cache, 'electron', 'SHASUMS256.txt-45.4.1'), 'sums');
    reachable.mockClear();
    expect(await checkDist(options)).toEqual({
      ok: true,
      why: expect.stringContaining('1a2b3c4d') as string,
    });
    expect(reachable).not.toHaveBeenCalled();
    expect(findCachedFile([cache], 'electron-v45.4.1-linux-arm64.zip')).toBeUndefined();
  });

  it('goes on when the download host (or a mirror) answers', async () => {
    const reachable = vi.fn(() => Promise.resolve(true));
    const verdict = await checkDist({
      version: '45.4.1',
      env: { ELECTRON_MIRROR: 'https://mirror.example/electron/' },
      platform: 'linux',
      arch: 'x64',
      home,
      reachable,
    });
    expect(verdict.ok).toBe(true);
    expect(reachable).toHaveBeenCalledWith('https://mirror.example/electron/');
  });
});
