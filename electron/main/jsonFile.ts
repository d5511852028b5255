import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseUnknown } from '../../src/shared/parse';
import { err, ok, type Result } from '../../src/shared/result';

/** The small settings files main keeps in userData are never larger than this. */
export const MAX_SETTINGS_FILE_BYTES = 256 * 1024;

/**
 * Reads and validates a small JSON settings file. Missing, oversized, unparsable or invalid all
 * come back as an error Result (never a throw): the caller falls back to its defaults.
 */
export function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
): Result<z.output<S>> {
  let text: string;
  try {
    if (!existsSync(path)) return err('settings.missing', `No ${what} saved yet.`);
    const bytes = readFileSync(path);
    if (bytes.byteLength > MAX_SETTINGS_FILE_BYTES) {
      return err('settings.tooLarge', `The saved ${what} file is too large; it was ignored.`);
    }
    text = bytes.toString('utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err('settings.unreadable', `Could not read the saved ${what}: ${detail}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err('settings.invalid', `The saved ${what} is not valid JSON; it was ignored.`);
  }
  return parseUnknown(schema, json, 'settings.invalid', `saved ${what}`);
}

/**
 * Writes JSON to a temporary file beside `path`, then renames it over `path`: a crash or a full
 * disk leaves the old file whole, never half a file.
 */
export function writeJsonFileAtomically(path: string, value: unknown): Result<true> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
    return ok(true);
  } catch (error) {
    rmSync(temporary, { force: true });
    const detail = error instanceof Error ? error.message : String(error);
    return err('settings.writeFailed', `Could not save ${path}: ${detail}.`);
  }
}
