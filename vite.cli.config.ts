import { chmodSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The command line (src/cli): one self-contained ESM file for Node 20, out/cli/casefile.mjs,
 * which package.json's `bin` names. Every dependency (age-encryption, @noble/*, zod…) is bundled
 * in, so it runs from a copy of the file alone. `npm run build:cli`, part of `npm run build`.
 */
const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * Marks the built file executable, as its `#!/usr/bin/env node` line intends: npm's bin link
 * (`npx casefile`) runs the file itself, and a rebuild would otherwise leave it 0644.
 */
function executable(): Plugin {
  return {
    name: 'casefile-cli-executable',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        chmodSync(resolve(options.dir ?? '', fileName), 0o755);
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [executable()],
  // Nothing from the renderer's public folder belongs in a command line.
  publicDir: false,
  define: { __CASEFILE_VERSION__: JSON.stringify(version) },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(root, 'src/cli/bin.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      output: {
        format: 'es',
        entryFileNames: 'casefile.mjs',
        banner: '#!/usr/bin/env node',
        // One file, so that copying it alone is enough.
        codeSplitting: false,
      },
    },
  },
});
