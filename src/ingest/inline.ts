import { err } from '../shared/result';
import type { Ingest } from './client';
import { parseFile } from './parseFile';

// Kept apart from client.ts so the app's UI bundle never pulls in the parsers (they belong in the
// worker chunk); tests and Node tooling import this module directly.

/** Parses on the calling thread: for tests (jsdom has no workers) and Node tooling. */
export function createInlineIngest(): Ingest {
  let generation = 0;
  return {
    async parse(request) {
      const started = generation;
      const result = await parseFile(request);
      return started === generation ? result : err('ingest.cancelled', 'Import cancelled.');
    },
    cancel() {
      generation += 1;
    },
    dispose() {
      generation += 1;
    },
  };
}
