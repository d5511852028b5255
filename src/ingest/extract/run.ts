import type { KnownEntity, SuggestionCandidate } from '../../core';
import { err, ok, type Result } from '../../shared/result';
import { planChunks, type ChunkOptions } from './chunks';
import type { ExtractProgress } from './extractor';
import { createSuggester } from './suggest';

export interface RunOptions {
  readonly chunks?: ChunkOptions;
  readonly onProgress?: (progress: ExtractProgress) => void;
  /** Called between chunks; resolving false stops the run (it then fails with extract.cancelled). */
  readonly between?: () => Promise<boolean>;
}

/** The chunk loop shared by the worker and the inline extractor. */
export async function runExtraction(
  text: string,
  known: readonly KnownEntity[],
  options: RunOptions = {},
): Promise<Result<readonly SuggestionCandidate[]>> {
  try {
    const suggest = createSuggester(known);
    const out: SuggestionCandidate[] = [];
    for (const chunk of planChunks(text, options.chunks)) {
      if (options.between !== undefined && !(await options.between())) return cancelled();
      const offset = chunk.scanStart;
      for (const candidate of suggest(text.slice(chunk.scanStart, chunk.scanEnd))) {
        const start = candidate.start + offset;
        // Context before and after the chunk belongs to its neighbours.
        if (start < chunk.start || start >= chunk.end) continue;
        out.push({ ...candidate, start, end: candidate.end + offset });
      }
      options.onProgress?.({ doneChars: chunk.end, totalChars: text.length });
    }
    return ok(out);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return err('extract.internal', `Extraction failed: ${message}`);
  }
}

export function cancelled(): Result<never> {
  return err('extract.cancelled', 'Extraction cancelled.');
}
