import { formatByteSize } from './format';
import { err, ok, type Result } from './result';
import { MAX_OPEN_FILE_BYTES, MAX_OPEN_FILES, MAX_OPEN_TOTAL_BYTES } from './security';

/**
 * The checks every host makes on files the investigator chose, before reading any of them. One
 * copy here so the desktop app and the browser edition refuse exactly the same things.
 */

/** Refuses more files than one call may open (one, unless several were asked for). */
export function checkFileCount(count: number, multiple: boolean | undefined): Result<true> {
  const allowed = multiple ? MAX_OPEN_FILES : 1;
  if (count > allowed) {
    return err(
      'files.tooMany',
      `${count} files were chosen; at most ${allowed} can be opened at once.`,
    );
  }
  return ok(true);
}

/** The per-file cap for a request: what it asked for, never above the host's own cap. */
export function perFileCap(requested: number | undefined): number {
  return Math.min(requested ?? MAX_OPEN_FILE_BYTES, MAX_OPEN_FILE_BYTES);
}

/**
 * Splits chosen files by the per-file cap. An oversized file is listed, never read, so the caller
 * can refuse it on its own; only a batch too large in total is refused whole.
 */
export function splitBySize<F extends { readonly name: string; readonly size: number }>(
  files: readonly F[],
  cap: number,
): Result<{ readonly accepted: F[]; readonly tooLarge: { name: string; size: number }[] }> {
  const accepted = files.filter((file) => file.size <= cap);
  const tooLarge = files
    .filter((file) => file.size > cap)
    .map(({ name, size }) => ({ name, size }));
  const total = accepted.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_OPEN_TOTAL_BYTES) {
    return err(
      'files.tooMuch',
      `The chosen files total ${formatByteSize(total)}; at most ${formatByteSize(MAX_OPEN_TOTAL_BYTES)} can be opened at once. Import them in smaller batches.`,
    );
  }
  return ok({ accepted, tooLarge });
}
