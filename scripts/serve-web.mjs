// Serves the built renderer (out/renderer) as the browser edition, on loopback only, with the
// same Content-Security-Policy header the desktop app's app:// handler sends.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../out/renderer', import.meta.url));

/** The CSP is defined once, in src/shared/security.ts; read it from the built index.html's meta tag. */
export function readBuiltCsp() {
  const html = readFileSync(`${outDir}/index.html`, 'utf8');
  const match = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!match) throw new Error('out/renderer/index.html has no CSP meta tag: run `npm run build`.');
  return match[1].replaceAll('&#39;', "'").replaceAll('&apos;', "'");
}

/** Starts a static server over out/renderer; resolves with its URL and a close function. */
export async function serveWeb({ port = 5180, strictPort = false } = {}) {
  if (!existsSync(`${outDir}/index.html`))
    throw new Error('No web build found: run `npm run build` first.');
  const server = await preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: {
      host: '127.0.0.1',
      port,
      strictPort,
      open: false,
      headers: {
        'Content-Security-Policy': readBuiltCsp(),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The web server did not report its address.');
  return { url, close: () => server.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveWeb({ port: Number(process.env.PORT ?? 5180) });
  console.log(`Casefile (browser edition) is running at ${url}  — Ctrl+C to stop.`);
}
