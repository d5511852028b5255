import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { CliIo, FileKind } from './io';

/**
 * The command line's io over node:fs, the terminal and the environment: what bin.ts runs with,
 * and what the tests run with, apart from the terminal and output they script.
 */

/** Written files hold decrypted case data or secret keys: readable by their owner only. */
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

/**
 * Asks on the terminal without echoing what is typed (raw mode: Enter ends, Backspace deletes,
 * Ctrl-C stops the program). Undefined when stdin is not a terminal: no one can be asked.
 */
function askWithoutEcho(prompt: string): Promise<string | undefined> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(undefined);
  // Echo off before the prompt shows, so nothing typed in reply is ever echoed.
  input.setEncoding('utf8');
  input.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let typed: string[] = [];
    const finish = (): void => {
      input.removeListener('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      resolve(typed.join(''));
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          return;
        }
        if (char === '\u0003') {
          input.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed.push(char);
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

async function kindOf(path: string): Promise<{ kind: FileKind; size: number } | undefined> {
  try {
    const info = await lstat(path);
    const kind: FileKind = info.isSymbolicLink()
      ? 'symlink'
      : info.isDirectory()
        ? 'directory'
        : info.isFile()
          ? 'file'
          : 'other';
    return { kind, size: info.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function nodeIo(version: string): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    // `wx`: O_CREAT | O_EXCL, which fails on anything already there, a symbolic link included.
    writeFile: (path, bytes) => writeFile(path, bytes, { flag: 'wx', mode: FILE_MODE }),
    mkdir: async (path, options) => {
      await mkdir(path, { recursive: options?.parents ?? false, mode: FOLDER_MODE });
    },
    stat: kindOf,
    readDir: (path) => readdir(path),
    readPassphrase: askWithoutEcho,
    env: process.env,
    now: () => new Date(),
    version,
  };
}
