import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  decryptWithIdentities,
  decryptWithPassphrase,
  encryptToRecipients,
  encryptWithPassphrase,
  generateAgeIdentity,
  inspectAgeHeader,
} from '../../../../src/core/bundle/age';
import type { Result } from '../../../../src/shared/result';

/**
 * Interoperability with the reference age CLI (Go, `age` 1.1+). CI installs it; elsewhere these
 * tests skip when it is missing. The CLI reads passphrases only from a terminal (no environment
 * variable, no stdin), so the passphrase tests run it under `script`, which gives it a pty, and
 * answer each prompt when it appears.
 */
const hasCommand = (command: string): boolean =>
  spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
const hasAge = hasCommand('age') && hasCommand('age-keygen');
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const required = process.env['CI'] !== undefined;

const directory = mkdtempSync(join(tmpdir(), 'casefile-age-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const encoder = new TextEncoder();
const PASSPHRASE = 'ocean-violet-mirror-seven-lantern';

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function file(name: string): string {
  return join(directory, name);
}

function runAge(args: readonly string[]): Buffer {
  const run = spawnSync('age', args, { maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`age ${args.join(' ')} failed: ${String(run.stderr)}`);
  return run.stdout;
}

/** age-keygen's identity file and the public key it prints. */
function cliKeyPair(name: string): { identityFile: string; identity: string; recipient: string } {
  const identityFile = file(name);
  rmSync(identityFile, { force: true });
  const run = spawnSync('age-keygen', ['-o', identityFile]);
  expect(run.status).toBe(0);
  const text = readFileSync(identityFile, 'utf8');
  const identity = /^AGE-SECRET-KEY-1\S+$/m.exec(text)?.[0] ?? '';
  const recipient = /public key: (age1\S+)/.exec(text)?.[1] ?? '';
  return { identityFile, identity, recipient };
}

/** Runs `age` under a pty and types the passphrase at every prompt (twice when encrypting). */
function ageWithPassphrase(args: readonly string[]): Promise<number | null> {
  const quoted = ['age', ...args].map((arg) => `'${arg}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', quoted, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let answered = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const prompts = output.match(/(Enter|Confirm) passphrase/g)?.length ?? 0;
      for (; answered < prompts; answered += 1) child.stdin.write(`${PASSPHRASE}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve(code);
    });
  });
}

const plain = encoder.encode('Casefile interop: ünïcødé and a few bytes \u0000\u0001\u0002');
const multiChunk = new Uint8Array(200 * 1024).map((_, index) => (index * 7) % 256);

describe.skipIf(!hasAge && !required)('age CLI interoperability', () => {
  test('a file we encrypt to an age-keygen recipient opens with `age -d -i`', async () => {
    const keys = cliKeyPair('cli-key.txt');
    for (const payload of [plain, multiChunk]) {
      writeFileSync(
        file('ours.age'),
        valueOf(await encryptToRecipients(payload, [keys.recipient])),
      );
      expect(new Uint8Array(runAge(['-d', '-i', keys.identityFile, file('ours.age')]))).toEqual(
        payload,
      );
    }
  });

  test('an identity we generate is one the CLI accepts', async () => {
    const ours = await generateAgeIdentity();
    writeFileSync(file('our-key.txt'), `${ours.identity}\n`);
    const keygen = spawnSync('age-keygen', ['-y', file('our-key.txt')]);
    expect(String(keygen.stdout).trim()).toBe(ours.recipient);
    writeFileSync(file('ours2.age'), valueOf(await encryptToRecipients(plain, [ours.recipient])));
    expect(new Uint8Array(runAge(['-d', '-i', file('our-key.txt'), file('ours2.age')]))).toEqual(
      plain,
    );
  });

  test('files encrypted by `age -r` and by `age -e -i` open with our identities', async () => {
    const keys = cliKeyPair('cli-key2.txt');
    const ours = await generateAgeIdentity();
    writeFileSync(file('plain.bin'), plain);
    writeFileSync(file('big.bin'), multiChunk);

    runAge([
      '-r',
      ours.recipient,
      '-r',
      keys.recipient,
      '-o',
      file('cli-r.age'),
      file('plain.bin'),
    ]);
    const toBoth = readFileSync(file('cli-r.age'));
    expect(valueOf(inspectAgeHeader(toBoth))).toMatchObject({ kind: 'x25519', recipients: 2 });
    expect(valueOf(await decryptWithIdentities(toBoth, [ours.identity]))).toEqual(plain);
    expect(valueOf(await decryptWithIdentities(toBoth, [keys.identity]))).toEqual(plain);

    runAge(['-e', '-i', keys.identityFile, '-o', file('cli-i.age'), file('big.bin')]);
    const toIdentity = readFileSync(file('cli-i.age'));
    expect(valueOf(await decryptWithIdentities(toIdentity, [keys.identity]))).toEqual(multiChunk);
    expect((await decryptWithIdentities(toIdentity, [ours.identity])).ok).toBe(false);
  });

  test.skipIf(!hasScript && !required)(
    'passphrase, both ways: ours opens with `age -d`, `age -p` opens with ours',
    async () => {
      const ours = valueOf(await encryptWithPassphrase(plain, PASSPHRASE));
      expect(valueOf(inspectAgeHeader(ours)).scryptWorkFactor).toBe(18);
      writeFileSync(file('ours-p.age'), ours);
      expect(await ageWithPassphrase(['-d', '-o', file('ours-p.out'), file('ours-p.age')])).toBe(0);
      expect(new Uint8Array(readFileSync(file('ours-p.out')))).toEqual(plain);

      writeFileSync(file('plain-p.bin'), plain);
      expect(await ageWithPassphrase(['-p', '-o', file('cli-p.age'), file('plain-p.bin')])).toBe(0);
      const theirs = readFileSync(file('cli-p.age'));
      expect(valueOf(inspectAgeHeader(theirs))).toMatchObject({
        kind: 'scrypt',
        scryptWorkFactor: 18,
      });
      expect(valueOf(await decryptWithPassphrase(theirs, PASSPHRASE))).toEqual(plain);
    },
    60_000,
  );
});
