import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inspectAgeHeader } from '../../../src/core/bundle/age';
import { decodePublicCard, decryptIdentityFile } from '../../../src/core/identity/identity';
import { aBundle, cli, temporaryFolder, value } from './harness';

const file = temporaryFolder('casefile-cli-keys-');
const PASSPHRASE = 'keys-generate-passphrase';

describe('keys generate', () => {
  test('writes the identity file and the public card, prints recipient and fingerprint; the identity opens bundles', async () => {
    const out = file('keys');
    const passphraseFile = file('new-passphrase.txt');
    writeFileSync(passphraseFile, `${PASSPHRASE}\r\n`);
    const run = await cli([
      'keys',
      'generate',
      '--name',
      'R. Okafor (Desk 3)',
      '--out',
      out,
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'R.-Okafor-Desk-3.casefile-identity',
      'R.-Okafor-Desk-3.casefile-key',
    ]);

    const card = value(decodePublicCard(readFileSync(join(out, 'R.-Okafor-Desk-3.casefile-key'))));
    expect(card.name).toBe('R. Okafor (Desk 3)');
    expect(run.stdout).toContain(
      `Recipient (colleagues encrypt bundles to it): ${card.ageRecipient}`,
    );
    expect(run.stdout).toContain(
      `Signing key fingerprint (colleagues compare it): ${card.fingerprint}`,
    );

    const identityPath = join(out, 'R.-Okafor-Desk-3.casefile-identity');
    const identityBytes = readFileSync(identityPath);
    // age with a passphrase at the CLI's work factor, so `age -d` opens it too.
    expect(value(inspectAgeHeader(identityBytes))).toMatchObject({
      kind: 'scrypt',
      scryptWorkFactor: 18,
    });
    const content = value(await decryptIdentityFile(identityBytes, PASSPHRASE));
    expect(content).toMatchObject({
      name: card.name,
      ageRecipient: card.ageRecipient,
      fingerprint: card.fingerprint,
      createdAt: '2026-11-22T08:00:00.000Z',
    });

    // A bundle encrypted to the new recipient opens with the new identity file.
    const bundle = file('to-okafor.casefile');
    writeFileSync(
      bundle,
      await aBundle({ encryption: { kind: 'recipients', recipients: [card.ageRecipient] } }),
    );
    const verify = await cli(['bundle', 'verify', bundle, '--identity', identityPath], {
      typed: [PASSPHRASE],
    });
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  }, 60_000);

  test('asks for the passphrase twice on the terminal; different answers write nothing', async () => {
    const out = file('mismatch');
    const run = await cli(['keys', 'generate', '--name', 'Ada', '--out', out], {
      typed: ['first passphrase', 'second passphrase'],
    });
    expect(run.code).toBe(2);
    expect(run.prompts).toEqual([
      'Passphrase to protect the new identity file: ',
      'Repeat the passphrase: ',
    ]);
    expect(run.stderr).toContain('The two passphrases differ; nothing was written.');
    expect(existsSync(out)).toBe(false);
  });

  test('never overwrites an existing file', async () => {
    const out = file('existing');
    mkdirSync(out);
    writeFileSync(join(out, 'Ada.casefile-key'), 'an older card');
    const run = await cli(['keys', 'generate', '--name', 'Ada', '--out', out], {
      env: { CASEFILE_PASSPHRASE: PASSPHRASE },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Ada.casefile-key already exists');
    expect(readdirSync(out)).toEqual(['Ada.casefile-key']);
    expect(readFileSync(join(out, 'Ada.casefile-key'), 'utf8')).toBe('an older card');
  });

  test.each([
    ['no --name', ['keys', 'generate'], '--name <name> is required'],
    ['an empty name', ['keys', 'generate', '--name', '  '], 'Enter a name'],
    [
      'a name with a control character',
      ['keys', 'generate', '--name', 'Ada\u001b[31m'],
      'control character',
    ],
    ['a stray argument', ['keys', 'generate', 'Ada'], 'takes no file arguments; got 1'],
    ['an unknown subcommand', ['keys', 'list'], 'Unknown command "keys list"'],
    ['no terminal and no passphrase', ['keys', 'generate', '--name', 'Ada'], 'No terminal'],
  ])('%s: exit 2', async (_label, argv, message) => {
    const run = await cli(argv, {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('--out naming a file: exit 2', async () => {
    const notFolder = file('plain-file');
    writeFileSync(notFolder, 'x');
    const run = await cli(['keys', 'generate', '--name', 'Ada', '--out', notFolder], {
      env: { CASEFILE_PASSPHRASE: PASSPHRASE },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a folder');
  });
});
