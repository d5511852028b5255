import { ok, type Result } from '../shared/result';
import { sha256HexOfBytes } from '../shared/sha256';
import { parseSource } from './parseSource';
import type { ParsedFile, ParseJob } from './protocol';

/** What the worker does with one job: hash the original, then parse it. */
export async function parseFile(job: Omit<ParseJob, 'id'>): Promise<Result<ParsedFile>> {
  // Hash first: parsers must not touch the bytes, but a hash of what we were given is the evidence.
  const sha256 = await sha256HexOfBytes(job.bytes);
  const parsed = await parseSource(job);
  if (!parsed.ok) return parsed;
  return ok({ draft: parsed.value, sha256, bytes: job.bytes });
}
