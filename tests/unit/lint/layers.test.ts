import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints a snippet as if it lived at `filePath` (an existing file, so type-aware rules can run). */
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('layer rules', () => {
  it('refuses react in src/core with the layer message', async () => {
    const messages = await lintAs(
      'src/core/model/handling.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
    );
    expect(messages).toContainEqual(
      expect.stringContaining('src/core is the pure domain: no React.'),
    );
  });

  it('refuses dexie and node built-ins in src/core', async () => {
    const messages = await lintAs(
      'src/core/model/handling.ts',
      "import Dexie from 'dexie';\nimport { readFileSync } from 'node:fs';\nexport const x = [Dexie, readFileSync];\n",
    );
    expect(messages).toContainEqual(expect.stringContaining('no Dexie'));
    expect(messages).toContainEqual(expect.stringContaining('no Node built-ins'));
  });

  it('refuses electron anywhere in src/', async () => {
    const messages = await lintAs(
      'src/features/cases/index.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    );
    expect(messages).toContainEqual(expect.stringContaining('never electron'));
  });

  it('refuses window.casefile outside src/platform, and allows it inside', async () => {
    const code =
      'export const bridge: unknown = (window as unknown as { casefile: unknown }).casefile;\n';
    const outside = await lintAs(
      'src/features/cases/index.ts',
      'export const bridge: unknown = window.casefile;\n',
    );
    expect(outside).toContainEqual(expect.stringContaining('use the Host from src/platform'));
    const inside = await lintAs('src/platform/index.ts', code);
    expect(inside.filter((m) => m.includes('src/platform'))).toEqual([]);
  });

  it('refuses a relative import from src/core into src/db', async () => {
    const messages = await lintAs(
      'src/core/model/handling.ts',
      "import { CASEFILE_DB_NAME } from '../../db';\nexport const x = CASEFILE_DB_NAME;\n",
    );
    expect(messages).toContainEqual(
      expect.stringContaining('src/core is the pure domain: it may import only src/shared'),
    );
  });

  it('refuses focused tests', async () => {
    const messages = await lintAs(
      'tests/unit/app/route.test.ts',
      "import { it } from 'vitest';\nit.only('x', () => undefined);\n",
    );
    expect(messages).toContainEqual(expect.stringContaining('Remove .only'));
  });
});
