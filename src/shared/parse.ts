import type { z } from 'zod';
import { err, ok, type Result } from './result';

/**
 * The one way to turn `unknown` from a boundary (IPC, files, bundles, old rows) into a typed value.
 * The error names the first offending field so the message is specific.
 */
export function parseUnknown<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: string,
  what: string,
): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
  const detail = issue ? issue.message : 'invalid value';
  return err(code, `Invalid ${what}${where}: ${detail}.`);
}
