/**
 * Everything the command line needs from the outside world, passed in so that `runCli` runs in
 * a unit test exactly as it runs from a terminal (bin.ts wires these to node:fs and the TTY).
 */

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface FileInfo {
  readonly kind: FileKind;
  readonly size: number;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  /**
   * Creates a new file. Fails when anything is already at `path`, a symbolic link included
   * (node:fs flag `wx`), so a write never goes through a link or over an existing file.
   */
  readonly writeFile: (path: string, bytes: Uint8Array) => Promise<void>;
  /** Creates one folder, failing when anything is at `path`; `parents` also makes missing parents. */
  readonly mkdir: (path: string, options?: { readonly parents: boolean }) => Promise<void>;
  /** What is at `path`, without following a symbolic link; undefined when nothing is. */
  readonly stat: (path: string) => Promise<FileInfo | undefined>;
  readonly readDir: (path: string) => Promise<readonly string[]>;
  /** Asks on the terminal without echoing; undefined when there is no terminal to ask on. */
  readonly readPassphrase: (prompt: string) => Promise<string | undefined>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  /** Casefile's version, for `--version`. */
  readonly version: string;
}

/** Exit codes: documented in src/cli/README.md and every `--help`. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Why a command stopped: printed on stderr by runCli, which returns `exit`. */
export interface CliFailure {
  readonly exit: typeof EXIT.failed | typeof EXIT.usage;
  readonly message: string;
  /** For usage errors: the command whose `--help` to point at. */
  readonly help?: string;
}

export type CliResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: CliFailure };

export function succeed<T>(value: T): CliResult<T> {
  return { ok: true, value };
}

export function usageError(message: string, help?: string): CliResult<never> {
  return {
    ok: false,
    failure: { exit: EXIT.usage, message, ...(help === undefined ? {} : { help }) },
  };
}

export function checkFailed(message: string): CliResult<never> {
  return { ok: false, failure: { exit: EXIT.failed, message } };
}

/** Runs an io call, turning what node:fs throws (ENOENT, EEXIST, EACCES…) into a failure. */
export async function attempt<T>(
  what: string,
  call: () => Promise<T>,
  exit: CliFailure['exit'] = EXIT.failed,
): Promise<CliResult<T>> {
  try {
    return succeed(await call());
  } catch (error) {
    return { ok: false, failure: { exit, message: `Cannot ${what}: ${describeIoError(error)}` } };
  }
}

const IO_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EEXIST: 'something is already there',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
};

function describeIoError(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const known = IO_ERRORS[code];
  if (known !== undefined) return `${known} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
