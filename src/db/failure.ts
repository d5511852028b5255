import { AppErrorException, err, type Result } from '../shared/result';

/**
 * Turns an error thrown inside a transaction into a Result. The transaction was aborted, so
 * nothing was written. `what` completes "Casefile could not …".
 */
export function failure(error: unknown, what: string): Result<never> {
  if (error instanceof AppErrorException) return err(error.code, error.message);
  const inner = (error as { inner?: unknown } | null)?.inner;
  if (inner instanceof AppErrorException) return err(inner.code, inner.message);
  if (nameOf(error) === 'DatabaseClosedError') {
    return err(
      'storage.closed',
      `Casefile could not ${what}: another Casefile window updated or removed the case database, so this window closed its connection. Nothing was changed. Reload this window (or close it and use the other one).`,
    );
  }
  if (isQuotaExceeded(error) || isQuotaExceeded(inner)) {
    return err(
      'storage.full',
      `Casefile could not ${what}: the disk, or the storage this app may use, is full. Nothing was changed. Free some space (old backups in Backups, other files) and try again.`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return err('storage.writeFailed', `Casefile could not ${what}: ${detail}. Nothing was changed.`);
}

function nameOf(error: unknown): unknown {
  return (error as { name?: unknown } | null)?.name;
}

/** IndexedDB's "no room" error, as the browser throws it or as Dexie wraps it. */
function isQuotaExceeded(error: unknown): boolean {
  return nameOf(error) === 'QuotaExceededError';
}
