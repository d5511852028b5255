// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer rules from ARCHITECTURE.md §1. Each message says what to do instead, so a newcomer who
 * crosses a layer learns the rule from the error.
 */
const SRC_LAYERS = [
  'shared',
  'core',
  'ingest',
  'db',
  'search',
  'editor',
  'graph',
  'platform',
  'features',
  'ui',
  'app',
  'cli',
];

/** @param {string} target @param {string[]} allowed @param {string} message */
function layerZone(target, allowed, message) {
  return SRC_LAYERS.filter((layer) => layer !== target && !allowed.includes(layer)).map(
    (layer) => ({
      target: `./src/${target}`,
      from: `./src/${layer}`,
      message,
    }),
  );
}

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** A feature reaches another only through that feature's index.ts. */
const featureZones = features.flatMap((from) =>
  features
    .filter((target) => target !== from)
    .map((target) => ({
      target: `./src/features/${target}`,
      from: `./src/features/${from}`,
      except: ['./index.ts'],
      message: `Import the "${from}" feature only through src/features/${from}/index.ts (its public API).`,
    })),
);

const layerPaths = [
  ...layerZone(
    'shared',
    [],
    'src/shared holds process-agnostic contracts and may import only zod.',
  ),
  ...layerZone(
    'core',
    ['shared'],
    'src/core is the pure domain: it may import only src/shared and small pure libraries. Move this code to the layer that owns it, or pass what core needs in through a port (src/core/ports).',
  ),
  ...layerZone(
    'ingest',
    ['shared', 'core'],
    'src/ingest parsers produce core drafts; they may import only src/core, src/shared and format libraries.',
  ),
  ...layerZone(
    'db',
    ['shared', 'core'],
    'src/db implements core ports with Dexie; it may import only src/core and src/shared.',
  ),
  ...layerZone('search', ['shared', 'core'], 'src/search may import only src/core and src/shared.'),
  ...layerZone(
    'editor',
    ['shared', 'core', 'ui'],
    'src/editor may import only src/core, src/shared and src/ui.',
  ),
  ...layerZone(
    'graph',
    ['shared', 'core', 'ui'],
    'src/graph may import only src/core, src/shared and src/ui.',
  ),
  ...layerZone(
    'platform',
    ['shared', 'core'],
    'src/platform adapts the host; it may import only src/core and src/shared.',
  ),
  ...layerZone('ui', [], 'src/ui holds design-system primitives and may import only react.'),
  ...layerZone(
    'features',
    ['shared', 'core', 'ingest', 'db', 'search', 'editor', 'graph', 'platform', 'ui'],
    'Features may not import the composition root (src/app) or the CLI.',
  ),
  ...layerZone(
    'cli',
    ['shared', 'core'],
    'src/cli runs in Node over src/core; it may import only src/core and src/shared.',
  ),
  {
    target: './electron',
    from: './src',
    except: ['./shared'],
    message:
      'The main process and preload may import only src/shared from src/ (contracts), plus electron and node:*.',
  },
  {
    target: './src',
    from: './electron',
    message: 'The renderer never imports main-process code; talk to it through src/platform.',
  },
  ...featureZones,
];

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'buffer',
  'events',
  'worker_threads',
  'zlib',
];

/** @param {string} message */
const banned = (names, message) => names.map((name) => ({ group: [name, `${name}/*`], message }));

const electronBan = {
  name: 'electron',
  message: 'src/ runs in the renderer: reach the host through src/platform (Host), never electron.',
};
const cytoscapeBan = banned(
  ['cytoscape'],
  'Use the graph canvas from src/graph; only src/graph talks to Cytoscape.',
);

export default tseslint.config(
  {
    ignores: ['out/**', 'release/**', 'node_modules/**', 'coverage/**', 'dist/**', 'scratch/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.es2023 },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json', '.d.ts'] }),
      ],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-restricted-paths': ['error', { zones: layerPaths }],
      'import-x/no-cycle': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  // Renderer: browser globals, React hooks rules, no electron, no bridge outside platform.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [...cytoscapeBan] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='casefile']",
          message:
            'window.casefile is the Electron bridge: use the Host from src/platform instead.',
        },
        {
          selector: "MemberExpression[object.name='globalThis'][property.name='casefile']",
          message:
            'window.casefile is the Electron bridge: use the Host from src/platform instead.',
        },
      ],
    },
  },
  {
    files: ['src/platform/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/graph/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] },
  },
  // Core: pure domain. No UI, storage, host or DOM.
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            ...banned(
              ['react', 'react-dom'],
              'src/core is the pure domain: no React. Put UI in src/features or src/ui.',
            ),
            ...banned(
              ['dexie'],
              'src/core is the pure domain: no Dexie. Storage lives in src/db behind the ports in src/core/ports.',
            ),
            ...banned(
              ['lexical', '@lexical'],
              'src/core is the pure domain: no Lexical. Editor code lives in src/editor.',
            ),
            ...cytoscapeBan,
            ...banned(
              NODE_BUILTINS,
              'src/core runs in browsers and workers too: no Node built-ins. Pass what you need in through a port.',
            ),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'indexedDB',
          'fetch',
          'crypto',
          'process',
          'Buffer',
        ].map((name) => ({
          name,
          message: `src/core is pure: no ${name}. Pass what you need in through a port (src/core/ports).`,
        })),
      ],
    },
  },
  // Command line: Node over core. Node globals and node:*, but no UI, storage or host code.
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'src/cli runs in plain Node, without Electron: use node:* and src/core.',
            },
          ],
          patterns: [
            ...banned(
              ['react', 'react-dom', 'dexie', 'lexical', '@lexical'],
              'src/cli runs in Node over src/core: no UI or storage libraries. Work on bundles and identities through src/core.',
            ),
            ...cytoscapeBan,
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              regex: '^(?!zod$)(?!\\.)',
              message:
                'src/shared may import only zod (it is loaded by main, preload and renderer).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              regex:
                '^(?!react$|react/|react-dom$|react-dom/|@tanstack/react-virtual$|lucide-react$)(?!\\.)',
              message:
                'src/ui holds design-system primitives and may import only react (plus the list virtualizer and the icon set).',
            },
          ],
        },
      ],
    },
  },
  // Main process and preload: Node globals.
  {
    files: ['electron/**/*.ts', 'scripts/**/*.mjs', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Benchmarks pass functions to the browser (page.evaluate), so browser globals are real there.
  {
    files: ['tests/bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Tests: no focused tests left behind.
  {
    files: ['tests/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].map((object) => ({
          object,
          property: 'only',
          message: 'Remove .only before committing: it silently skips the rest of the suite.',
        })),
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
);
