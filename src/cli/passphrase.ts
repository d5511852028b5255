import { attempt, usageError, succeed, EXIT, type CliIo, type CliResult } from './io';

/** The environment variable a script sets instead of typing the passphrase. */
export const PASSPHRASE_ENV = 'CASEFILE_PASSPHRASE';

/** A passphrase file is one line; anything this long is not one. */
const MAX_PASSPHRASE_FILE_BYTES = 64 * 1024;

export interface PassphraseSource {
  /** `--passphrase-file <file>`: its first line is the passphrase. */
  readonly passphraseFile?: string | undefined;
}

/**
 * Where a passphrase comes from, first found wins: `--passphrase-file`, then the
 * CASEFILE_PASSPHRASE environment variable, then the terminal (asked without echo; `confirm`
 * asks twice, for a new passphrase). Without any of them the command cannot go on: a usage error
 * saying how to pass one.
 */
export async function readPassphrase(
  io: CliIo,
  source: PassphraseSource,
  prompt: string,
  confirm = false,
): Promise<CliResult<string>> {
  if (source.passphraseFile !== undefined) {
    const file = source.passphraseFile;
    const info = await attempt(`read ${file}`, () => io.stat(file), EXIT.usage);
    if (!info.ok) return info;
    if (info.value === undefined) return usageError(`The passphrase file ${file} does not exist.`);
    if (info.value.kind !== 'file' || info.value.size > MAX_PASSPHRASE_FILE_BYTES) {
      return usageError(`The passphrase file ${file} is not a small text file.`);
    }
    const bytes = await attempt(`read ${file}`, () => io.readFile(file), EXIT.usage);
    if (!bytes.ok) return bytes;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
    } catch {
      return usageError(`The passphrase file ${file} is not UTF-8 text.`);
    }
    // The first line, without its line end: `echo secret > file` writes one.
    return nonEmpty(text.split(/\r?\n/u)[0] ?? '', `The passphrase file ${file} is empty.`);
  }
  const fromEnvironment = io.env[PASSPHRASE_ENV];
  if (fromEnvironment !== undefined) {
    return nonEmpty(fromEnvironment, `${PASSPHRASE_ENV} is set but empty.`);
  }
  const typed = await io.readPassphrase(prompt);
  if (typed === undefined) {
    return usageError(
      `No terminal to ask the passphrase on: pass --passphrase-file <file> or set ${PASSPHRASE_ENV}.`,
    );
  }
  const checked = nonEmpty(typed, 'The passphrase is empty.');
  if (!checked.ok || !confirm) return checked;
  const again = await io.readPassphrase('Repeat the passphrase: ');
  if (again !== typed) return usageError('The two passphrases differ; nothing was written.');
  return checked;
}

function nonEmpty(passphrase: string, message: string): CliResult<string> {
  return passphrase === '' ? usageError(message) : succeed(passphrase);
}
