import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/security';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * Adds the CSP meta tag to the built index.html. Only at build time: the dev server injects an
 * inline React-refresh preamble that a strict policy would (rightly) block.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'casefile-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

/**
 * Ships pdf.js's predefined character maps with the app at /pdfjs/cmaps/ (same origin: nothing is
 * fetched from outside). Without them, PDFs whose fonts use predefined CMaps, common in Chinese,
 * Japanese and Korean documents, yield no text.
 */
function pdfjsCharacterMaps(): Plugin {
  const dir = resolve(root, 'node_modules/pdfjs-dist/cmaps');
  const files = readdirSync(dir).filter((name) => /^[\w.-]+\.bcmap$/.test(name));
  return {
    name: 'casefile-pdfjs-cmaps',
    generateBundle() {
      for (const name of files) {
        this.emitFile({
          type: 'asset',
          fileName: `pdfjs/cmaps/${name}`,
          source: readFileSync(resolve(dir, name)),
        });
      }
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs/cmaps/', (request, response, next) => {
        const name = (request.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
        if (!files.includes(name)) return next();
        response.setHeader('Content-Type', 'application/octet-stream');
        response.end(readFileSync(resolve(dir, name)));
      });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(root, 'electron/main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'src'),
    base: '/',
    define: { __APP_VERSION__: JSON.stringify(version) },
    plugins: [react(), contentSecurityPolicyMeta(), pdfjsCharacterMaps()],
    // Workers are started as module workers; an ES build keeps libraries' `import.meta` intact
    // (FlexSearch's, in the search worker) instead of replacing it with {}.
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      // The ingest worker carries pdf.js, mammoth and friends (~2.5 MB). It is started on the
      // first import, never at start-up, and nothing is fetched from outside.
      chunkSizeWarningLimit: 3000,
      sourcemap: false,
      // Fonts, images and scripts all ship inside the app: nothing may be fetched at run time.
      assetsInlineLimit: 0,
      rollupOptions: { input: resolve(root, 'src/index.html') },
    },
  },
});
