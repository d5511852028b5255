import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  contentTypeFor,
  createAppProtocolHandler,
  PATH_NOT_FOUND,
  PATH_REFUSED,
  privilegedSchemes,
  registerAppProtocol,
  resolveRendererPath,
} from '../../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security';
import { fakeElectron, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';
const INDEX_HTML = '<!doctype html><title>Casefile</title><div id="root"></div>';

let base: string;
let root: string;

beforeAll(async () => {
  // base/
  //   secret.txt            ← must never be served
  //   outside/secret.txt    ← target of the escaping symlinks
  //   renderer/             ← the served root
  //     index.html, assets/app.js, assets/app.css, assets/font.woff2, notes.txt
  //     inside-link.js   → renderer/assets/app.js   (symlink inside: fine)
  //     leak.txt         → ../outside/secret.txt    (symlink out: refused)
  //     leakdir          → ../outside               (directory symlink out: refused)
  base = await realpath(await mkdtemp(join(tmpdir(), 'casefile-protocol-')));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(base, 'outside'));
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(base, 'outside', 'secret.txt'), SECRET);
  await writeFile(join(root, 'index.html'), INDEX_HTML);
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("casefile");');
  await writeFile(join(root, 'assets', 'app.css'), 'body{margin:0}');
  await writeFile(join(root, 'assets', 'font.woff2'), new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(root, 'notes.txt'), 'plain');
  await symlink(join(root, 'assets', 'app.js'), join(root, 'inside-link.js'));
  await symlink(join(base, 'outside', 'secret.txt'), join(root, 'leak.txt'));
  await symlink(join(base, 'outside'), join(root, 'leakdir'));
  await symlink(join(root, 'loop-b'), join(root, 'loop-a'));
  await symlink(join(root, 'loop-a'), join(root, 'loop-b'));
  await writeFile(join(root, '..dots-in-name.txt'), 'fine');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

beforeEach(() => {
  resetFakeElectron();
});

/**
 * A request whose url is the raw string. `new Request()` would normalise `..` and `%2e%2e` away
 * before the handler saw them (as Chromium does for standard schemes); the handler must not rely on it.
 */
function rawRequest(url: string, method = 'GET'): Request {
  return { url, method } as Request;
}

const traversalUrls = [
  ['dot-dot segments', 'app://casefile/../../etc/passwd'],
  ['dot-dot to a sibling file', 'app://casefile/../secret.txt'],
  ['encoded dot-dot', 'app://casefile/%2e%2e/%2e%2e/etc/passwd'],
  ['encoded dot-dot, upper case', 'app://casefile/%2E%2E/secret.txt'],
  ['mixed encoded dot', 'app://casefile/.%2e/secret.txt'],
  ['encoded slash', 'app://casefile/..%2f..%2fetc%2fpasswd'],
  ['encoded slash, upper case', 'app://casefile/..%2F..%2Fsecret.txt'],
  ['encoded backslash', 'app://casefile/..%5c..%5cetc'],
  ['raw backslash', 'app://casefile/..\\..\\secret.txt'],
  ['backslash right after the host', 'app://casefile\\..\\secret.txt'],
  ['encoded NUL', 'app://casefile/index.html%00.png'],
  ['raw NUL', 'app://casefile/index.html\0.png'],
  ['absolute path', 'app://casefile//etc/passwd'],
  ['drive letter', 'app://casefile/C:/Windows/win.ini'],
  ['encoded drive letter', 'app://casefile/C%3A/Windows/win.ini'],
  ['dot segment', 'app://casefile/./index.html'],
  ['malformed percent-encoding', 'app://casefile/%E0%A4%A'],
  ['control character', 'app://casefile/index%0a.html'],
  ['other host', 'app://other/index.html'],
  ['host with port', 'app://casefile:80/index.html'],
  ['host with user info', 'app://evil@casefile/index.html'],
  ['host prefix', 'app://casefile.evil/index.html'],
  ['other scheme', 'file:///etc/passwd'],
  ['symlink to a file outside', 'app://casefile/leak.txt'],
  ['symlinked folder outside', 'app://casefile/leakdir/secret.txt'],
] as const;

describe('resolveRendererPath', () => {
  it('maps / (and an empty path) to index.html', async () => {
    for (const url of ['app://casefile/', 'app://casefile', 'app://casefile/?x=1#top']) {
      expect(await resolveRendererPath(root, url), url).toEqual({
        ok: true,
        value: join(root, 'index.html'),
      });
    }
  });

  it('serves nested files and symlinks that stay inside the root', async () => {
    expect(await resolveRendererPath(root, 'app://casefile/assets/app.js')).toEqual({
      ok: true,
      value: join(root, 'assets', 'app.js'),
    });
    expect(await resolveRendererPath(root, 'app://casefile/inside-link.js')).toEqual({
      ok: true,
      value: join(root, 'assets', 'app.js'),
    });
  });

  it.each(traversalUrls)('refuses %s: %s', async (_label, url) => {
    const result = await resolveRendererPath(root, url);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(PATH_REFUSED);
      expect(result.error.message).toMatch(/^Refused app:\/\/ path: .+\.$/);
    }
  });

  it('serves a file whose name merely starts with two dots', async () => {
    expect(await resolveRendererPath(root, 'app://casefile/..dots-in-name.txt')).toEqual({
      ok: true,
      value: join(root, '..dots-in-name.txt'),
    });
  });

  it('reports missing files, folders, files under a file and symlink loops as not found', async () => {
    for (const url of [
      'app://casefile/loop-a',
      'app://casefile/missing.js',
      'app://casefile/assets',
      'app://casefile/index.html/x',
    ]) {
      const result = await resolveRendererPath(root, url);
      expect(result.ok ? 'ok' : result.error.code, url).toBe(PATH_NOT_FOUND);
    }
  });
});

describe('app:// handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves index.html for app://casefile/ with the CSP and security headers', async () => {
    const response = await handler()(new Request('app://casefile/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('sends a CSP that starts from nothing and allows no inline or eval code', async () => {
    const csp =
      (await handler()(new Request('app://casefile/index.html'))).headers.get(
        'Content-Security-Policy',
      ) ?? '';
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    ['notes.txt', 'text/plain; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const response = await handler()(new Request(`app://casefile/${path}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(traversalUrls)(
    'answers 403 with the reason for %s, never the outside file',
    async (_label, url) => {
      const response = await handler()(rawRequest(url));
      const body = await response.text();
      expect(response.status).toBe(403);
      expect(body).toMatch(/^Refused app:\/\/ path: .+\.$/);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain('root:');
      expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('answers 404 for a missing file, without falling back to anything', async () => {
    const response = await handler()(new Request('app://casefile/missing.js'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<title>Casefile</title>');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler()(rawRequest('app://casefile/index.html', 'POST'));
    expect(response.status).toBe(405);
    const head = await handler()(rawRequest('app://casefile/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 when the renderer folder itself is missing', async () => {
    const response = await createAppProtocolHandler(join(base, 'no-such-dir'))(
      new Request('app://casefile/'),
    );
    expect(response.status).toBe(404);
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard + secure + fetch, without CSP bypass, CORS or service workers', () => {
    const schemes = privilegedSchemes();
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      bypassCSP: false,
      corsEnabled: false,
      allowServiceWorkers: false,
    });
  });

  it('handles app:// with the renderer-folder handler', async () => {
    registerAppProtocol(root);
    expect(fakeElectron.protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, registered] = fakeElectron.protocol.handle.mock.calls[0] ?? [];
    expect(scheme).toBe('app');
    const response = await (registered as (r: Request) => Promise<Response>)(
      rawRequest('app://casefile/../secret.txt'),
    );
    expect(response.status).toBe(403);
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.JPG', 'image/jpeg'],
    ['a.woff', 'font/woff'],
    ['a.ttf', 'font/ttf'],
    ['favicon.ico', 'image/x-icon'],
    ['a.wasm', 'application/wasm'],
    ['a.exe', 'application/octet-stream'],
  ])('content type of %s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});
