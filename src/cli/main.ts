import { parseArgs, type ParseArgsConfig } from 'node:util';
import { extractBundle, inspectBundle, verifyBundle } from './bundleCommands';
import type { KeyOptions } from './bundleKey';
import { EXIT, usageError, type CliIo, type CliResult } from './io';
import { generateKeys } from './keysCommands';
import { PASSPHRASE_ENV } from './passphrase';
import { printable } from './text';

/**
 * `casefile …`: the command line over src/core (ARCHITECTURE.md §1). `runCli` is the whole
 * program over an injected `io`, so tests run it in-process; bin.ts gives it node:fs and the
 * terminal. It never throws: every failure is a message on stderr and an exit code.
 */

const EXIT_CODES = `Exit codes: 0 ok, 1 a check failed (or the key does not open the bundle), 2 usage error.`;

const KEY_HELP = `Keys (a bundle to recipients needs --identity; a passphrase bundle asks for its passphrase):
  -i, --identity <file>      your .casefile-identity (its passphrase is asked) or an age-keygen
                             identity file; repeatable
  -p, --passphrase           the bundle is protected by a passphrase (found from the bundle too)
  --passphrase-file <file>   read the passphrase (of the bundle or the identity file) from the
                             first line of <file>; or set ${PASSPHRASE_ENV}; else it is asked
                             on the terminal without echo`;

const HELP: Readonly<Record<string, string>> = {
  casefile: `Usage: casefile <command> [options]

Commands:
  bundle inspect <file>            show a bundle's manifest: case, recipients, signer, counts
  bundle verify <file>             run every import check: hashes, signature, case.json
  bundle extract <file> <folder>   write a bundle's members into a new or empty folder
  keys generate --name <name>      create an identity: .casefile-identity and .casefile-key

Options: --help (also after any command), --version.
${EXIT_CODES}`,
  bundle: `Usage: casefile bundle <inspect|verify|extract> … (see casefile bundle <command> --help)`,
  keys: `Usage: casefile keys generate --name <name> [--out <folder>] (see --help)`,
  'bundle inspect': `Usage: casefile bundle inspect <file> [--json] [keys]

Decrypts the bundle, checks it as import would, and shows its manifest: format, the app that
wrote it, when, the case (title, marking, id), its recipients by name, the signer (name,
fingerprint, signature valid or unsigned), record counts, members and their total size.
Nothing is imported or written.

  --json    machine-readable output (the same fields; "checks" says whether they passed)

${KEY_HELP}

${EXIT_CODES}`,
  'bundle verify': `Usage: casefile bundle verify <file> [keys]

Runs every check import makes (docs/bundle-format.md): size and age header, decryption, ZIP
(names, sizes, CRCs), manifest, every member's SHA-256, the signature, case.json and its
references. Prints OK and the signer, or names the member or field that failed.

${KEY_HELP}

${EXIT_CODES}`,
  'bundle extract': `Usage: casefile bundle extract <file> <folder> [--skip-checks] [keys]

Writes every member (manifest.json, case.json, sources/<sha256>, signature.json) into <folder>,
which must be new or empty. Names get import's path checks and nothing is written outside the
folder, through a symbolic link or over an existing file. The bundle is verified first, as by
bundle verify, and nothing is written if a check fails.

  --skip-checks   write the members even if the manifest, hashes, signature or case.json fail
                  their checks (the ZIP's own checks still apply): to examine a damaged bundle

${KEY_HELP}

${EXIT_CODES}`,
  'keys generate': `Usage: casefile keys generate --name <name> [--out <folder>] [--passphrase-file <file>]

Creates an identity: an X25519 age identity (colleagues encrypt bundles to its recipient) and an
Ed25519 signing key (colleagues check its fingerprint). Writes <name>.casefile-identity (secret,
age-encrypted with a passphrase you choose: asked twice, or from --passphrase-file or
${PASSPHRASE_ENV}) and <name>.casefile-key (the public card to share). Import both in the app;
prints the recipient and the fingerprint. Never overwrites a file.

  --name <name>              your name as colleagues will see it, e.g. "R. Okafor (Desk 3)"
  --out <folder>             where to write the files (default: the current folder)
  --passphrase-file <file>   read the new passphrase from the first line of <file>

${EXIT_CODES}`,
};

const keyOptions = {
  identity: { type: 'string', short: 'i', multiple: true },
  passphrase: { type: 'boolean', short: 'p' },
  'passphrase-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const COMMANDS = {
  'bundle inspect': { options: { ...keyOptions, json: { type: 'boolean' } }, positionals: 1 },
  'bundle verify': { options: keyOptions, positionals: 1 },
  'bundle extract': {
    options: { ...keyOptions, 'skip-checks': { type: 'boolean' } },
    positionals: 2,
  },
  'keys generate': {
    options: {
      name: { type: 'string' },
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    positionals: 0,
  },
} as const satisfies Record<string, { options: ParseArgsConfig['options']; positionals: number }>;

type CommandName = keyof typeof COMMANDS;

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const result = await dispatch(argv, io);
    if (result.ok) return EXIT.ok;
    const { exit, message, help } = result.failure;
    const helpCommand = help === '' ? 'casefile --help' : `casefile ${help ?? ''} --help`;
    const hint = help === undefined ? '' : `\nRun "${helpCommand}" for usage.`;
    io.stderr(`casefile: ${printable(message)}${hint}\n`);
    return exit;
  } catch (error) {
    // A bug, not bad input: say so rather than print a stack trace at the analyst.
    io.stderr(
      `casefile: internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`,
    );
    return EXIT.failed;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<CliResult<void>> {
  const [group, command] = argv;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
    return showHelp(io, 'casefile');
  }
  if (group === '--version' || group === '-v') {
    io.stdout(`casefile ${io.version}\n`);
    return { ok: true, value: undefined };
  }
  if (group !== 'bundle' && group !== 'keys') {
    return usageError(`Unknown command "${group}".`, '');
  }
  if (command === undefined || command === '--help' || command === '-h') {
    return showHelp(io, group);
  }
  const name = `${group} ${command}`;
  if (!isCommand(name)) return usageError(`Unknown command "${name}".`, group);
  const spec = COMMANDS[name];

  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(2),
      options: spec.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs's messages name the option: "Unknown option '--x'", "Option '--out <value>' …".
    return usageError(error instanceof Error ? error.message : String(error), name);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values['help'] === true) return showHelp(io, name);
  const positionals = parsed.positionals;
  if (positionals.length !== spec.positionals) {
    const wanted = spec.positionals === 0 ? 'no' : String(spec.positionals);
    return usageError(
      positionals.length < spec.positionals
        ? `"${name}" is missing ${spec.positionals === 2 && positionals.length === 1 ? 'the folder' : 'the bundle file'}.`
        : `"${name}" takes ${wanted} file argument${spec.positionals === 1 ? '' : 's'}; got ${positionals.length}.`,
      name,
    );
  }

  const text = (key: string): string | undefined =>
    typeof values[key] === 'string' ? values[key] : undefined;
  const keys: KeyOptions = {
    identities: Array.isArray(values['identity']) ? values['identity'] : [],
    passphrase: values['passphrase'] === true,
    passphraseFile: text('passphrase-file'),
  };
  const [file = '', folder = ''] = positionals;
  switch (name) {
    case 'bundle inspect':
      return inspectBundle(io, file, { ...keys, json: values['json'] === true }, name);
    case 'bundle verify':
      return verifyBundle(io, file, keys, name);
    case 'bundle extract':
      return extractBundle(
        io,
        file,
        folder,
        { ...keys, skipChecks: values['skip-checks'] === true },
        name,
      );
    case 'keys generate': {
      const identityName = text('name');
      if (identityName === undefined) return usageError('--name <name> is required.', name);
      return generateKeys(
        io,
        { name: identityName, out: text('out') ?? '.', passphraseFile: text('passphrase-file') },
        name,
      );
    }
  }
}

function showHelp(io: CliIo, topic: string): CliResult<void> {
  io.stdout(`${HELP[topic] ?? HELP['casefile'] ?? ''}\n`);
  return { ok: true, value: undefined };
}
