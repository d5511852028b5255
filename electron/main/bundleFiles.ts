import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { WebContents } from 'electron';
import { BUNDLE_FILE_EXTENSION } from '../../src/shared/ipc/channels';
import { IPC_EVENTS } from '../../src/shared/ipc/names';
import { err, ok, type Result } from '../../src/shared/result';
import { MAX_OPEN_FILE_BYTES } from '../../src/shared/security';
import { describeError, nodeFileAccess, readFileWithinCap, tooLarge, type FileAccess } from './ipc';

/**
 * `.casefile` bundles the OS asks Casefile to open: a double-click or "Open with" (the file
 * association in electron-builder.yml), `casefile case.casefile` on the command line, macOS's
 * `open-file`. Main reads the file (size-capped, like the open dialog) and hands its bytes and name
 * to the renderer, which starts the Import bundle flow with them.
 */

export function isBundlePath(path: string): boolean {
  return extname(path).toLowerCase() === BUNDLE_FILE_EXTENSION;
}

/**
 * The bundle paths in a command line (`process.argv`, or a second instance's argv): only arguments
 * ending in `.casefile` that are not switches. Chromium switches, the executable and, in a dev run,
 * the app folder are skipped; relative paths are resolved against the launching shell's folder.
 */
export function bundlePathsFromArgv(argv: unknown, workingDirectory: unknown): string[] {
  if (!Array.isArray(argv)) return [];
  const cwd = typeof workingDirectory === 'string' ? workingDirectory : process.cwd();
  const paths: string[] = [];
  for (const argument of argv.slice(1)) {
    if (typeof argument !== 'string' || argument.startsWith('-') || !isBundlePath(argument)) {
      continue;
    }
    const path = isAbsolute(argument) ? argument : resolve(cwd, argument);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

export type BundleFileResult = Result<{ readonly name: string; readonly bytes: Uint8Array }>;

/** Reads one bundle: only `.casefile`, only a regular file, never above the open-file cap. */
export async function readBundleFile(
  path: string,
  files: FileAccess = nodeFileAccess,
  limit: number = MAX_OPEN_FILE_BYTES,
): Promise<BundleFileResult> {
  const name = basename(path);
  if (!isBundlePath(path)) {
    return err('bundle.notABundle', `"${name}" is not a Casefile bundle (a .casefile file).`);
  }
  let info: Awaited<ReturnType<FileAccess['stat']>>;
  try {
    info = await files.stat(path);
  } catch (error) {
    return err('files.readFailed', `Could not open "${name}": ${describeError(error)}.`);
  }
  if (!info.isFile()) return err('files.notAFile', `"${name}" is not a regular file.`);
  if (info.size > limit) return tooLarge(name, info.size, limit);
  const bytes = await readFileWithinCap(path, name, limit, files);
  return bytes.ok ? ok({ name, bytes: bytes.value }) : bytes;
}

/** Where bundles go: the renderer that said it is listening (desktopReady). */
export interface BundleOpener {
  /** Reads the bundle and delivers it now, or once the renderer is listening. */
  open(path: string): Promise<void>;
  /** The renderer (re)subscribed: deliver what waited, and everything from now on, to it. */
  rendererReady(target: WebContents): void;
}

export function createBundleOpener(files: FileAccess = nodeFileAccess): BundleOpener {
  let target: WebContents | undefined;
  const waiting: BundleFileResult[] = [];

  function deliver(message: BundleFileResult): void {
    if (target && !target.isDestroyed()) target.send(IPC_EVENTS.openBundle, message);
    else waiting.push(message);
  }

  return {
    async open(path) {
      deliver(await readBundleFile(path, files));
    },
    rendererReady(next) {
      target = next;
      for (const message of waiting.splice(0)) deliver(message);
    },
  };
}
