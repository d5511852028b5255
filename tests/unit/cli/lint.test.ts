import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

/** Lints `code` as if it were src/cli/main.ts (an existing file, so type-aware rules run). */
async function lintAsCli(code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath: 'src/cli/main.ts' });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? ''}: ${message.message}`);
}

describe('src/cli layer rules', () => {
  test('node:* and core are allowed; Node globals are known', async () => {
    const messages = await lintAsCli(
      "import { readFile } from 'node:fs/promises';\nimport { MANIFEST_PATH } from '../core/bundle/manifest';\nexport const x = [readFile, MANIFEST_PATH, process.argv];\n",
    );
    expect(messages).toEqual([]);
  });

  test('refuses UI and storage libraries, electron, and other layers, saying why', async () => {
    const messages = await lintAsCli(
      "import Dexie from 'dexie';\nimport { app } from 'electron';\nimport { CASEFILE_DB_NAME } from '../db';\nexport const x = [Dexie, app, CASEFILE_DB_NAME];\n",
    );
    expect(messages).toContainEqual(expect.stringContaining('src/cli runs in Node over src/core'));
    expect(messages).toContainEqual(expect.stringContaining('src/cli runs in plain Node'));
    expect(messages).toContainEqual(
      expect.stringContaining('src/cli runs in Node over src/core; it may import only'),
    );
  });
});
