/** A value or a clear, specific error. Crosses process boundaries, so it is plain data. */
export type Result<T, E extends AppError = AppError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export interface AppError {
  /** Stable machine-readable code, e.g. `case.title.empty`, `ipc.payload.invalid`. */
  readonly code: string;
  /** A sentence an investigator can act on. */
  readonly message: string;
}

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E extends AppError = AppError>(
  code: string,
  message: string,
): Result<never, E> {
  return { ok: false, error: { code, message } as E };
}

/** Thrown where a Result cannot be returned (e.g. inside a Dexie transaction) and caught at the edge. */
export class AppErrorException extends Error implements AppError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'AppErrorException';
    this.code = code;
  }
}
