import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  decryptWithIdentities,
  encryptToRecipients,
  generateAgeIdentity,
} from '../../../src/core/bundle/age';
import { decodeManifest } from '../../../src/core/bundle/manifest';
import { generateSigningKey, signManifest } from '../../../src/core/bundle/signature';
import { readBundleZip } from '../../../src/core/bundle/zip';
import { planExtraction } from '../../../src/cli/bundleCommands';
import { forgeZip } from '../core/bundle/zipForge';
import {
  aBundle,
  anAnalyst,
  cli,
  ORIGINALS,
  PDF_ORIGINAL,
  smallCase,
  tampered,
  temporaryFolder,
  TEXT_ORIGINAL,
  value,
  writeAgeKeyFile,
  writeIdentityFile,
  type Analyst,
} from './harness';

const file = temporaryFolder('casefile-cli-bundle-');
const IDENTITY_PASSPHRASE = 'ada-identity-passphrase';
const BUNDLE_PASSPHRASE = 'harbour-bundle-passphrase';
const TEXT_MEMBER = `sources/${TEXT_ORIGINAL.sha256}`;

let ada: Analyst;
let bob: Analyst;
/** Encrypted to Ada and Bob (Bob named), signed by Ada. */
let signedBundle: string;
/** Protected by a passphrase, unsigned. */
let passphraseBundle: string;
/** Ada's .casefile-identity and an age-keygen file with her key; Mallory's key file. */
let adaIdentityFile: string;
let adaKeyFile: string;
let malloryKeyFile: string;

beforeAll(async () => {
  ada = await anAnalyst('Ada Mensah (Desk 1)');
  bob = await anAnalyst('Bob');
  signedBundle = file('signed.casefile');
  writeFileSync(
    signedBundle,
    await aBundle({
      encryption: { kind: 'recipients', recipients: [ada.age.recipient, bob.age.recipient] },
      recipientNames: new Map([[bob.age.recipient, 'Bob (Desk 2)']]),
      signingKey: ada.signing.secretKey,
      signerName: ada.identity.name,
    }),
  );
  passphraseBundle = file('passphrase.casefile');
  writeFileSync(
    passphraseBundle,
    await aBundle({
      encryption: { kind: 'passphrase', passphrase: BUNDLE_PASSPHRASE, workFactor: 10 },
    }),
  );
  adaIdentityFile = file('ada.casefile-identity');
  await writeIdentityFile(adaIdentityFile, ada, IDENTITY_PASSPHRASE);
  adaKeyFile = file('ada-key.txt');
  writeAgeKeyFile(adaKeyFile, ada.age);
  malloryKeyFile = file('mallory-key.txt');
  writeAgeKeyFile(malloryKeyFile, await generateAgeIdentity());
});

describe('bundle inspect', () => {
  test('shows the manifest, recipients by name and the verified signer', async () => {
    const run = await cli(['bundle', 'inspect', signedBundle, '--identity', adaKeyFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout;
    expect(lines).toContain('Format      casefile-bundle 1.0');
    expect(lines).toContain('Written by  Casefile 0.1.0, 2026-11-22T07:30:00.000Z');
    expect(lines).toMatch(/Case {8}Harbour fuel diversion \[TLP:AMBER\] \(id [0-9a-f-]{36}\)/);
    expect(lines).toContain(
      `Encryption  to 2 recipients: ${ada.age.recipient}, Bob (Desk 2) <${bob.age.recipient}>`,
    );
    expect(lines).toContain(
      `Signer      Ada Mensah (Desk 1), key fingerprint ${ada.identity.fingerprint}: signature valid.`,
    );
    expect(lines).toContain('Records     sources 2, entities 1, sourceContents 1\n');
    expect(lines).toMatch(/Members {5}3 \(\d\.\d KB\), besides manifest\.json and signature\.json/);
    expect(lines).toContain('Checks      passed');
  });

  test('--json gives the same fields for machines', async () => {
    const run = await cli(['bundle', 'inspect', '--json', signedBundle, '-i', adaKeyFile]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    const caseData = smallCase();
    expect(report).toMatchObject({
      file: signedBundle,
      format: 'casefile-bundle',
      version: '1.0',
      app: { name: 'Casefile', version: '0.1.0' },
      createdAt: '2026-11-22T07:30:00.000Z',
      case: { title: caseData.case.title, marking: 'TLP:AMBER' },
      encryption: {
        kind: 'recipients',
        recipients: [
          { name: ada.age.recipient, recipient: ada.age.recipient },
          { name: 'Bob (Desk 2)', recipient: bob.age.recipient },
        ],
      },
      signer: {
        status: 'valid',
        name: 'Ada Mensah (Desk 1)',
        fingerprint: ada.identity.fingerprint,
      },
      recordCounts: { sources: 2, sourceContents: 1, entities: 1, claims: 0 },
      checks: { ok: true },
    });
    const members = report['members'] as { count: number; totalBytes: number };
    expect(members.count).toBe(3);
    expect(members.totalBytes).toBeGreaterThan(TEXT_ORIGINAL.byteLength + PDF_ORIGINAL.byteLength);
  });

  test('opens with a .casefile-identity, asking its passphrase on the terminal', async () => {
    const run = await cli(['bundle', 'inspect', signedBundle, '--identity', adaIdentityFile], {
      typed: [IDENTITY_PASSPHRASE],
    });
    expect(run.code).toBe(0);
    expect(run.prompts).toEqual([`Passphrase for identity ${adaIdentityFile}: `]);
    expect(run.stdout).toContain('Checks      passed');
  });

  test('a passphrase bundle: the passphrase from the terminal, the environment or a file', async () => {
    const typed = await cli(['bundle', 'inspect', passphraseBundle], {
      typed: [BUNDLE_PASSPHRASE],
    });
    expect(typed.code).toBe(0);
    expect(typed.prompts).toEqual([`Passphrase for ${passphraseBundle}: `]);
    expect(typed.stdout).toContain('Encryption  passphrase (scrypt)');
    expect(typed.stdout).toContain('Signer      unsigned');

    const fromEnvironment = await cli(['bundle', 'inspect', '--passphrase', passphraseBundle], {
      env: { CASEFILE_PASSPHRASE: BUNDLE_PASSPHRASE },
    });
    expect(fromEnvironment.code).toBe(0);
    expect(fromEnvironment.prompts).toEqual([]);

    const passphraseFile = file('bundle-passphrase.txt');
    writeFileSync(passphraseFile, `${BUNDLE_PASSPHRASE}\n`);
    const fromFile = await cli([
      'bundle',
      'inspect',
      passphraseBundle,
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(fromFile.code).toBe(0);
  });

  test('a tampered bundle: the manifest is shown, the failed check named, exit 1', async () => {
    const path = file('tampered-inspect.casefile');
    writeFileSync(path, await tamperOneSource());
    const run = await cli(['bundle', 'inspect', path, '-i', adaKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Case        Harbour fuel diversion');
    expect(run.stdout).toContain(`Checks      FAILED: "${TEXT_MEMBER}" does not match the SHA-256`);
    expect(run.stdout).toContain('NOT verified');
    expect(run.stderr).toContain(TEXT_MEMBER);
    const json = await cli(['bundle', 'inspect', path, '-i', adaKeyFile, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      checks: { ok: false, code: 'bundle.member.hashMismatch' },
      signer: { status: 'notVerified', fingerprint: ada.identity.fingerprint },
    });
  });

  test('terminal control sequences in a case title are shown escaped, never sent', async () => {
    const hostile = smallCase('Harbour\u001b[2J\u001b]0;pwned\u0007 \u202eledger');
    const path = file('hostile.casefile');
    writeFileSync(
      path,
      await aBundle({
        caseData: hostile,
        encryption: { kind: 'recipients', recipients: [ada.age.recipient] },
      }),
    );
    const run = await cli(['bundle', 'inspect', path, '-i', adaKeyFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Harbour\\u001b[2J\\u001b]0;pwned\\u0007 \\u202eledger');
    expect([...run.stdout].filter((char) => '\u001b\u0007\u202e'.includes(char))).toEqual([]);
    const json = await cli(['bundle', 'inspect', path, '-i', adaKeyFile, '--json']);
    expect([...json.stdout].filter((char) => '\u001b\u0007\u202e'.includes(char))).toEqual([]);
    expect((JSON.parse(json.stdout) as { case: { title: string } }).case.title).toBe(
      hostile.case.title,
    );
  });
});

describe('bundle verify', () => {
  test('prints OK and the signer', async () => {
    const run = await cli(['bundle', 'verify', signedBundle, '-i', adaKeyFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`OK ${signedBundle}: 3 members match the manifest`);
    expect(run.stdout).toContain(
      `Signed by Ada Mensah (Desk 1), key fingerprint ${ada.identity.fingerprint}: signature valid.`,
    );
  });

  test('says when a bundle is unsigned', async () => {
    const run = await cli(['bundle', 'verify', passphraseBundle], {
      env: { CASEFILE_PASSPHRASE: BUNDLE_PASSPHRASE },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Unsigned: its members match its manifest');
  });

  test('a tampered member: exit 1, the member named on stderr', async () => {
    const path = file('tampered-verify.casefile');
    writeFileSync(path, await tamperOneSource());
    const run = await cli(['bundle', 'verify', path, '-i', adaKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`"${TEXT_MEMBER}" does not match the SHA-256 in the manifest`);
    expect(run.stderr).toContain('bundle.member.hashMismatch');
  });

  test('a signature by another key than the manifest names: exit 1', async () => {
    const mallory = generateSigningKey();
    const path = file('resigned.casefile');
    writeFileSync(
      path,
      await tampered(bytesOf(signedBundle), ada.age, (members) => {
        const manifest = members.get('manifest.json')!;
        members.set(
          'signature.json',
          new TextEncoder().encode(JSON.stringify(signManifest(manifest, mallory.secretKey))),
        );
      }),
    );
    const run = await cli(['bundle', 'verify', path, '-i', adaKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bundle.signature.signerMismatch');
    expect(run.stderr).toContain('Ada Mensah (Desk 1)');
  });

  test('a removed signature: exit 1', async () => {
    const path = file('stripped.casefile');
    writeFileSync(
      path,
      await tampered(bytesOf(signedBundle), ada.age, (members) => {
        members.delete('signature.json');
      }),
    );
    const run = await cli(['bundle', 'verify', path, '-i', adaKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bundle.signature.missing');
  });

  test('wrong passphrase for the bundle: exit 1', async () => {
    const run = await cli(['bundle', 'verify', passphraseBundle], { typed: ['not it'] });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Wrong passphrase');
    expect(run.stderr).toContain('bundle.age.wrongKey');
  });

  test('wrong passphrase for the identity file: exit 1', async () => {
    const run = await cli(['bundle', 'verify', signedBundle, '-i', adaIdentityFile], {
      env: { CASEFILE_PASSPHRASE: 'not it' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${adaIdentityFile}: Wrong passphrase`);
  });

  test('an identity the bundle is not encrypted to: exit 1', async () => {
    const run = await cli(['bundle', 'verify', signedBundle, '-i', malloryKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not encrypted to any of your identities');
  });

  test('one of several identities opens it', async () => {
    const run = await cli(
      ['bundle', 'verify', signedBundle, '-i', malloryKeyFile, '--identity', adaIdentityFile],
      { env: { CASEFILE_PASSPHRASE: IDENTITY_PASSPHRASE } },
    );
    expect(run.code).toBe(0);
  });

  test('not a bundle at all: exit 1', async () => {
    const path = file('not-age.casefile');
    writeFileSync(path, 'PK\u0003\u0004 a plain zip');
    const run = await cli(['bundle', 'verify', path, '-i', adaKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bundle.age.notAge');
  });

  test.each([
    [
      'no key for a bundle to recipients',
      () => ['bundle', 'verify', signedBundle],
      'pass --identity <file>',
    ],
    [
      '--passphrase for a bundle to recipients',
      () => ['bundle', 'verify', signedBundle, '--passphrase'],
      'not protected by a passphrase',
    ],
    [
      '--identity for a passphrase bundle',
      () => ['bundle', 'verify', passphraseBundle, '-i', adaKeyFile],
      'leave out --identity',
    ],
    [
      'both --identity and --passphrase',
      () => ['bundle', 'verify', signedBundle, '-i', adaKeyFile, '-p'],
      'either --identity or --passphrase',
    ],
    [
      'a passphrase bundle with no terminal and no passphrase given',
      () => ['bundle', 'verify', passphraseBundle],
      'No terminal to ask the passphrase on',
    ],
    [
      'a missing bundle file',
      () => ['bundle', 'verify', file('nowhere.casefile')],
      'does not exist',
    ],
    [
      'a missing identity file',
      () => ['bundle', 'verify', signedBundle, '-i', file('nowhere.txt')],
      'does not exist',
    ],
    [
      'an identity file that is not one',
      () => ['bundle', 'verify', signedBundle, '-i', passphraseBundleAsText()],
      'is not an age identity',
    ],
    ['no file', () => ['bundle', 'verify'], 'is missing the bundle file'],
    ['two files', () => ['bundle', 'verify', 'a', 'b'], 'takes 1 file argument; got 2'],
    ['an unknown option', () => ['bundle', 'verify', 'a', '--sign'], "Unknown option '--sign'"],
  ])('%s: exit 2 with a clear message', async (_label, argv, message) => {
    const run = await cli(argv());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

function passphraseBundleAsText(): string {
  const path = file('not-a-key.txt');
  writeFileSync(path, 'hello, I am not a key\n');
  return path;
}

describe('bundle extract', () => {
  test('writes every member, byte for byte, into a new folder', async () => {
    const folder = file('extracted');
    const run = await cli(['bundle', 'extract', signedBundle, folder, '-i', adaKeyFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Extracted 5 members`);
    const members = value(
      readBundleZip(value(await decryptWithIdentities(bytesOf(signedBundle), [ada.age.identity]))),
    );
    expect(listFiles(folder).sort()).toEqual([...members.keys()].sort());
    for (const [path, bytes] of members) {
      expect(new Uint8Array(readFileSync(join(folder, path))), path).toEqual(bytes);
    }
    expect(new Uint8Array(readFileSync(join(folder, TEXT_MEMBER)))).toEqual(
      ORIGINALS.get(TEXT_ORIGINAL.sha256),
    );
    expect(value(decodeManifest(readFileSync(join(folder, 'manifest.json')))).signer?.name).toBe(
      'Ada Mensah (Desk 1)',
    );
  });

  test('into an existing empty folder', async () => {
    const folder = file('empty');
    mkdirSync(folder);
    const run = await cli(['bundle', 'extract', passphraseBundle, folder], {
      env: { CASEFILE_PASSPHRASE: BUNDLE_PASSPHRASE },
    });
    expect(run.code).toBe(0);
    expect(listFiles(folder)).toHaveLength(4);
  });

  test('refuses a non-empty folder, a file, or a symbolic link as the target: exit 2', async () => {
    const full = file('full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'mine');
    const notFolder = file('a-file');
    writeFileSync(notFolder, 'x');
    const link = file('link');
    symlinkSync(file('empty-target'), link);
    mkdirSync(file('empty-target'));
    for (const [target, message] of [
      [full, 'is not empty'],
      [notFolder, 'is not a folder'],
      [link, 'is a symbolic link'],
    ] as const) {
      const run = await cli(['bundle', 'extract', signedBundle, target, '-i', adaKeyFile]);
      expect(run.code, target).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect(readdirSync(full)).toEqual(['notes.txt']);
    expect(readdirSync(file('empty-target'))).toEqual([]);
  });

  test('a tampered bundle: exit 1 naming the member, and nothing written', async () => {
    const path = file('tampered-extract.casefile');
    writeFileSync(path, await tamperOneSource());
    const folder = file('not-written');
    const run = await cli(['bundle', 'extract', path, folder, '-i', adaKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(TEXT_MEMBER);
    expect(run.stderr).toContain('Nothing was written');
    expect(existsSync(folder)).toBe(false);

    const forced = await cli([
      'bundle',
      'extract',
      path,
      folder,
      '-i',
      adaKeyFile,
      '--skip-checks',
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('without the checks after the ZIP');
    expect(readFileSync(join(folder, TEXT_MEMBER), 'utf8')).toMatch(/^delivery/u);
  });

  test('never writes through a symbolic link or over a file that appears meanwhile', async () => {
    // The folder looked empty when checked; by the time of writing, someone planted a link.
    const folder = file('raced');
    mkdirSync(folder);
    const outside = file('outside.txt');
    writeFileSync(outside, 'untouched');
    symlinkSync(outside, join(folder, 'manifest.json'));
    const run = await cli(['bundle', 'extract', signedBundle, folder, '-i', adaKeyFile], {
      io: { readDir: () => Promise.resolve([]) },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('something is already there (EEXIST)');
    expect(run.stderr).toContain('now holds part of the bundle');
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
  });

  test('missing the folder argument: exit 2', async () => {
    const run = await cli(['bundle', 'extract', signedBundle, '-i', adaKeyFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is missing the folder');
  });
});

describe('planExtraction (the path checks extract makes)', () => {
  test.each([
    ['../../evil', 'has a ".." segment'],
    ['/etc/x', 'is an absolute path'],
    ['C:/x', 'drive letter'],
    ['a\\b', 'backslash'],
    ['sources/\u001b[2Jx', 'control character'],
    ['a/./b', 'has a "." segment'],
  ])('refuses %j', (path, problem) => {
    const plan = planExtraction('/tmp/out', ['manifest.json', path]);
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.failure.exit).toBe(1);
      expect(plan.failure.message).toContain(problem);
    }
  });

  test('refuses a name that is both a file and a folder, also ignoring case', () => {
    for (const paths of [
      ['a', 'a/b'],
      ['A', 'a/b'],
      ['Sources/x', 'sources/y'],
    ]) {
      const plan = planExtraction('/tmp/out', paths);
      expect(plan.ok, paths.join(' ')).toBe(false);
    }
  });

  test('plans folders before files, each once', () => {
    expect(
      planExtraction('/tmp/out', ['manifest.json', 'sources/a', 'sources/b', 'x/y/z']),
    ).toEqual({
      ok: true,
      value: {
        directories: ['sources', 'x', 'x/y'],
        files: ['manifest.json', 'sources/a', 'sources/b', 'x/y/z'],
      },
    });
  });
});

describe('a ZIP with hostile names never reaches the file system', () => {
  test('`../../evil` in the ZIP: exit 1 naming it, nothing written', async () => {
    const path = file('evil.casefile');
    // Forged by hand: ZIP writers refuse such names.
    const zip = forgeZip([
      { name: 'manifest.json', content: new TextEncoder().encode('{}') },
      { name: '../../evil', content: new TextEncoder().encode('owned') },
    ]);
    writeFileSync(path, value(await encryptToRecipients(zip, [ada.age.recipient])));
    const folder = file('evil-out');
    const run = await cli(['bundle', 'extract', path, folder, '-i', adaKeyFile, '--skip-checks']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('../../evil');
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(join(folder, '../../evil'))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The signed bundle with one byte of the text original changed (its size unchanged). */
async function tamperOneSource(): Promise<Uint8Array> {
  return tampered(bytesOf(signedBundle), ada.age, (members) => {
    const bytes = members.get(TEXT_MEMBER)!.slice();
    bytes[0]! ^= 0x20;
    members.set(TEXT_MEMBER, bytes);
  });
}

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(folder, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
