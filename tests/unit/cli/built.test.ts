import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateAgeIdentity, type AgeIdentityPair } from '../../../src/core/bundle/age';
import { generateSigningKey } from '../../../src/core/bundle/signature';
import { aBundle, tampered, temporaryFolder, TEXT_ORIGINAL, writeAgeKeyFile } from './harness';

/**
 * The built command line (out/cli/casefile.mjs, as `npx casefile` runs it) as a child process,
 * and its `bundle extract` against the reference tools: `age -d` then `unzip`. The build goes
 * to a temporary folder, from the current sources, with vite.cli.config.ts.
 */

const file = temporaryFolder('casefile-cli-built-');
const repository = resolve(import.meta.dirname, '../../..');
const TEXT_MEMBER = `sources/${TEXT_ORIGINAL.sha256}`;
const PASSPHRASE = 'built-cli-passphrase';

const hasCommand = (command: string, flag = '--version'): boolean =>
  spawnSync(command, [flag], { stdio: 'ignore' }).status === 0;
const hasTools = hasCommand('age') && hasCommand('unzip', '-v');
const hasScript = hasCommand('script');
const required = process.env['CI'] !== undefined;

let casefile: string;
let alice: AgeIdentityPair;
let aliceKeyFile: string;
let signedBundle: string;
let passphraseBundle: string;

beforeAll(async () => {
  const out = file('build');
  const build = spawnSync(
    process.execPath,
    [
      join(repository, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(repository, 'vite.cli.config.ts'),
      '--outDir',
      out,
      '--logLevel',
      'error',
    ],
    { cwd: repository, encoding: 'utf8' },
  );
  expect(build.status, build.stderr).toBe(0);
  casefile = join(out, 'casefile.mjs');
  expect(readFileSync(casefile, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  // npm's bin link runs the file itself: it must be executable after every build.
  if (process.platform !== 'win32') expect(statSync(casefile).mode & 0o111).toBe(0o111);

  alice = await generateAgeIdentity();
  aliceKeyFile = file('alice-key.txt');
  writeAgeKeyFile(aliceKeyFile, alice);
  signedBundle = file('signed.casefile');
  writeFileSync(
    signedBundle,
    await aBundle({
      encryption: { kind: 'recipients', recipients: [alice.recipient] },
      signingKey: generateSigningKey().secretKey,
      signerName: 'Alice',
    }),
  );
  passphraseBundle = file('passphrase.casefile');
  writeFileSync(
    passphraseBundle,
    await aBundle({ encryption: { kind: 'passphrase', passphrase: PASSPHRASE, workFactor: 10 } }),
  );
}, 120_000);

function runBuilt(args: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [casefile, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs a command in a pseudo-terminal (util-linux `script`) and types `answer` at each prompt
 * matching `prompt`: how both `age` and casefile ask for passphrases. Resolves to the exit code
 * and everything the terminal showed.
 */
function runInTerminal(
  command: readonly string[],
  prompt: RegExp,
  answer: string,
): Promise<{ code: number | null; screen: string }> {
  const quoted = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolvePromise, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', quoted, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let answered = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const prompts = screen.match(new RegExp(prompt.source, 'g'))?.length ?? 0;
      for (; answered < prompts; answered += 1) child.stdin.write(`${answer}\r`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolvePromise({ code, screen });
    });
  });
}

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(folder, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

function expectSameTree(ours: string, theirs: string): void {
  const files = listFiles(theirs).sort();
  expect(listFiles(ours).sort()).toEqual(files);
  for (const path of files) {
    expect(readFileSync(join(ours, path)).equals(readFileSync(join(theirs, path))), path).toBe(
      true,
    );
  }
}

describe('the built command line, as a child process', () => {
  test('verify on a tampered bundle exits non-zero and names the member on stderr', async () => {
    const path = file('tampered.casefile');
    writeFileSync(
      path,
      await tampered(new Uint8Array(readFileSync(signedBundle)), alice, (members) => {
        const bytes = members.get(TEXT_MEMBER)!.slice();
        bytes[3]! ^= 0x01;
        members.set(TEXT_MEMBER, bytes);
      }),
    );
    const run = runBuilt(['bundle', 'verify', path, '--identity', aliceKeyFile]);
    expect(run.status).not.toBe(0);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(TEXT_MEMBER);
    expect(run.stdout).toBe('');

    const untouched = runBuilt(['bundle', 'verify', signedBundle, '--identity', aliceKeyFile]);
    expect(untouched.stderr).toBe('');
    expect(untouched.status).toBe(0);
    expect(untouched.stdout).toContain('Signed by Alice');
  });

  test('usage errors exit 2; the passphrase comes from CASEFILE_PASSPHRASE', () => {
    expect(runBuilt(['bundle', 'verify']).status).toBe(2);
    // No terminal (stdin is not one) and no passphrase: a usage error, never a hang.
    const noTerminal = runBuilt(['bundle', 'verify', passphraseBundle]);
    expect(noTerminal.status).toBe(2);
    expect(noTerminal.stderr).toContain('No terminal to ask the passphrase on');
    const fromEnvironment = runBuilt(['bundle', 'verify', passphraseBundle], {
      CASEFILE_PASSPHRASE: PASSPHRASE,
    });
    expect(fromEnvironment.status).toBe(0);
  });

  test.skipIf(!hasScript && !required)(
    'asks the passphrase on the terminal without echoing it',
    async () => {
      const { code, screen } = await runInTerminal(
        [process.execPath, casefile, 'bundle', 'verify', passphraseBundle],
        /Passphrase for /,
        PASSPHRASE,
      );
      expect(code).toBe(0);
      expect(screen).toContain(`Passphrase for ${passphraseBundle}: `);
      expect(screen).toContain('OK ');
      expect(screen).not.toContain(PASSPHRASE);
    },
    60_000,
  );

  test.skipIf(!hasScript && !required)(
    'keys generate asks the new passphrase twice on the terminal, without echo',
    async () => {
      const out = file('keys');
      const { code, screen } = await runInTerminal(
        [process.execPath, casefile, 'keys', 'generate', '--name', 'Terminal Test', '--out', out],
        /Passphrase to protect|Repeat the passphrase/,
        PASSPHRASE,
      );
      expect(code, screen).toBe(0);
      expect(screen).toContain('Repeat the passphrase: ');
      expect(screen).not.toContain(PASSPHRASE);
      expect(readdirSync(out).sort()).toEqual([
        'Terminal-Test.casefile-identity',
        'Terminal-Test.casefile-key',
      ]);
      // Secret material: readable by its owner only.
      expect(statSync(join(out, 'Terminal-Test.casefile-identity')).mode & 0o777).toBe(0o600);
    },
    60_000,
  );
});

describe.skipIf(!hasTools && !required)('bundle extract against age -d and unzip', () => {
  test('a bundle to a recipient: the same files, byte for byte', () => {
    const zip = file('recipient.zip');
    const decrypt = spawnSync('age', ['-d', '-i', aliceKeyFile, '-o', zip, signedBundle]);
    expect(decrypt.status, decrypt.stderr.toString()).toBe(0);
    const theirs = file('recipient-unzip');
    const unzip = spawnSync('unzip', ['-q', '-d', theirs, zip]);
    expect(unzip.status, unzip.stderr.toString()).toBe(0);

    const ours = file('recipient-casefile');
    const extract = runBuilt(['bundle', 'extract', signedBundle, ours, '-i', aliceKeyFile]);
    expect(extract.stderr).toBe('');
    expect(extract.status).toBe(0);
    expectSameTree(ours, theirs);
    expect(listFiles(ours)).toContain('signature.json');
  });

  test.skipIf(!hasScript && !required)(
    'a passphrase bundle (age asks on a terminal): the same files, byte for byte',
    async () => {
      const zip = file('passphrase.zip');
      const { code } = await runInTerminal(
        ['age', '-d', '-o', zip, passphraseBundle],
        /Enter passphrase/,
        PASSPHRASE,
      );
      expect(code).toBe(0);
      const theirs = file('passphrase-unzip');
      expect(spawnSync('unzip', ['-q', '-d', theirs, zip]).status).toBe(0);

      const ours = file('passphrase-casefile');
      const extract = runBuilt(['bundle', 'extract', passphraseBundle, ours], {
        CASEFILE_PASSPHRASE: PASSPHRASE,
      });
      expect(extract.status, extract.stderr).toBe(0);
      expectSameTree(ours, theirs);
    },
    60_000,
  );
});
