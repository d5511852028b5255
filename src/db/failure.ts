import { AppErrorException, err, type Result } from '../shared/result';

/**
 * Turns an error thrown inside a transaction into a Result. The transaction was aborted, so
 * nothing was written. `what` completes "Casefile could not …".
 */
export function failure(error: unknown, what: string): Result<never> {
  if (error instanceof AppErrorException) return err(error.code, error.message);
  const inner = (error as { inner?: unknown } | null)?.inner;
  if (inner instanceof AppErrorException) return err(inner.code, inner.message);
  if (isQuotaExceeded(error) || isQuotaExceeded(inner)) {
    return err(
      'storage.full',
      `Casefile could not ${what}: the disk, or the storage this app may use, is full. Nothing was changed. Free some space (old backups in Backups, other files) and try again.`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return err('storage.writeFailed', `Casefile could not ${what}: ${detail}. Nothing was changed.`);
}

/** IndexedDB's "no room" error, as the browser throws it or as Dexie wraps it. */
function isQuotaExceeded(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError';
}
