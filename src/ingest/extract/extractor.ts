import type { KnownEntity, SuggestionCandidate } from '../../core';
import type { Result } from '../../shared/result';

/** One extraction job: a source's canonical text and the case's known entities. */
export interface ExtractRequest {
  readonly text: string;
  readonly known: readonly KnownEntity[];
}

export interface ExtractProgress {
  /** Characters of the text processed so far, of `totalChars`. */
  readonly doneChars: number;
  readonly totalChars: number;
}

/**
 * Proposes entities found in a text, off the UI thread: validated indicators, phone numbers,
 * money, dates, names (people, organisations, places) and mentions of known entities. Works in
 * chunks so progress is reported and a 50 MB text can be cancelled part way.
 */
export interface Extractor {
  /** Candidates in text order. Fails with `extract.cancelled` when cancel() is called meanwhile. */
  extract(
    request: ExtractRequest,
    onProgress?: (progress: ExtractProgress) => void,
  ): Promise<Result<readonly SuggestionCandidate[]>>;
  /** Abandons every extraction in progress (they resolve with `extract.cancelled`). */
  cancel(): void;
  dispose(): void;
}
