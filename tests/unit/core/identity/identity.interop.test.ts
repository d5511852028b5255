import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  ageIdentitiesFromFile,
  decryptIdentityFile,
  encodePublicCard,
  encryptIdentityFile,
  generateIdentity,
  identityFileContent,
} from '../../../../src/core/identity/identity';
import type { Result } from '../../../../src/shared/result';

/**
 * The identity formats with the reference tools, as docs/bundle-format.md tells analysts to check
 * them by hand: `age -d` opens an identity file, `age-keygen -y` derives its recipient, an
 * age-keygen file imports, and a card's fingerprint is `sha256sum` of its key. Skipped without
 * the age CLI outside CI (like age.interop.test.ts, whose pty approach this follows).
 */
const hasCommand = (command: string, flag = '--version'): boolean =>
  spawnSync(command, [flag], { stdio: 'ignore' }).status === 0;
const hasTools = hasCommand('age') && hasCommand('age-keygen') && hasCommand('script');
const required = process.env['CI'] !== undefined;

const directory = mkdtempSync(join(tmpdir(), 'casefile-identity-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const PASSPHRASE = 'amber-quartz-harbour-nine';
const path = (name: string) => join(directory, name);

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** `age` reads passphrases only from a terminal: run it under `script` and answer each prompt. */
function ageUnderPty(args: readonly string[]): Promise<number | null> {
  const command = ['age', ...args].map((arg) => `'${arg}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null']);
    let seen = '';
    let answers = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      while (answers < (seen.match(/passphrase/gu)?.length ?? 0)) {
        answers += 1;
        child.stdin.write(`${PASSPHRASE}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve(code);
    });
  });
}

describe.skipIf(!hasTools && !required)('identity files and the age CLI', () => {
  test('`age -d` opens our identity file; age-keygen -y agrees with its recipient', async () => {
    const { identity, secrets } = valueOf(await generateIdentity('R. Okafor'));
    const content = identityFileContent(identity, secrets, '2026-11-22T08:00:00.000Z');
    writeFileSync(
      path('me.casefile-identity'),
      valueOf(await encryptIdentityFile(content, PASSPHRASE, 10)),
    );

    expect(await ageUnderPty(['-d', '-o', path('me.json'), path('me.casefile-identity')])).toBe(0);
    const opened = JSON.parse(readFileSync(path('me.json'), 'utf8')) as Record<string, string>;
    expect(opened).toEqual(content);

    writeFileSync(path('age-key.txt'), `${opened['ageIdentity']}\n`);
    const derived = spawnSync('age-keygen', ['-y', path('age-key.txt')]);
    expect(String(derived.stdout).trim()).toBe(identity.ageRecipient);
  });

  test('an identity file made with `age -p` from hand-written JSON opens in Casefile', async () => {
    const { identity, secrets } = valueOf(await generateIdentity('Made by hand'));
    const content = identityFileContent(identity, secrets, '2026-11-22T08:00:00Z');
    writeFileSync(path('hand.json'), JSON.stringify(content, null, 2));
    expect(await ageUnderPty(['-p', '-o', path('hand.casefile-identity'), path('hand.json')])).toBe(
      0,
    );
    const file = new Uint8Array(readFileSync(path('hand.casefile-identity')));
    expect(valueOf(await decryptIdentityFile(file, PASSPHRASE))).toEqual(content);
  }, 120_000); // the CLI's work factor 18: seconds of scrypt in JavaScript on a busy machine

  test('an age-keygen identity file imports', async () => {
    rmSync(path('keygen.txt'), { force: true });
    expect(spawnSync('age-keygen', ['-o', path('keygen.txt')]).status).toBe(0);
    const text = readFileSync(path('keygen.txt'), 'utf8');
    const identities = valueOf(await ageIdentitiesFromFile(text));
    expect(identities).toEqual([/^AGE-SECRET-KEY-1\S+$/mu.exec(text)?.[0]]);
  });

  test('a card’s fingerprint is the SHA-256 of its key, as sha256sum prints it', async () => {
    const { identity } = valueOf(await generateIdentity('Card'));
    const card = JSON.parse(new TextDecoder().decode(encodePublicCard(identity))) as {
      signingPublicKey: string;
      fingerprint: string;
    };
    const digest = createHash('sha256')
      .update(Buffer.from(card.signingPublicKey, 'hex'))
      .digest('hex');
    expect(card.fingerprint.replaceAll(' ', '')).toBe(digest);
  });
});
