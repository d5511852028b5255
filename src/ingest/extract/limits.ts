import { err, type Result } from '../../shared/result';
import type { ExtractRequest } from './extractor';

/**
 * The largest text extraction takes on, in UTF-16 code units (~64 MiB of ASCII). Bigger texts are
 * refused before any work: suggestions over them would be too many to review anyway.
 */
export const MAX_EXTRACT_CHARS = 64 * 1024 * 1024;

/** Checks a request before any work (and before the text is copied to the worker). */
export function refuseExtractRequest(request: ExtractRequest): Result<never> | undefined {
  if (typeof request.text !== 'string' || !Array.isArray(request.known)) {
    return err('extract.invalidRequest', 'Extraction needs a text and a list of known entities.');
  }
  if (request.text.length > MAX_EXTRACT_CHARS) {
    const millions = (n: number): string => (n / 1_000_000).toFixed(1);
    return err(
      'extract.tooLarge',
      `This text is too large to scan for suggestions: ${millions(request.text.length)} million characters, the limit is ${millions(MAX_EXTRACT_CHARS)} million.`,
    );
  }
  return undefined;
}
