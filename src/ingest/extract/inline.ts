import type { ChunkOptions } from './chunks';
import type { Extractor } from './extractor';
import { refuseExtractRequest } from './limits';
import { cancelled, runExtraction } from './run';

// Kept apart from client.ts so the UI bundle never pulls in the recogniser; tests and Node
// tooling import this module directly.

export interface InlineExtractorOptions {
  readonly chunks?: ChunkOptions;
}

/**
 * Extracts on the calling thread (tests: jsdom has no workers; Node tooling), with the worker's
 * chunk loop. It yields a macrotask between chunks, so cancel() takes effect at the next chunk.
 */
export function createInlineExtractor(options: InlineExtractorOptions = {}): Extractor {
  let generation = 0;
  return {
    async extract(request, onProgress) {
      const refused = refuseExtractRequest(request);
      if (refused !== undefined) return refused;
      const started = generation;
      const result = await runExtraction(request.text, request.known, {
        ...(options.chunks === undefined ? {} : { chunks: options.chunks }),
        onProgress: (progress) => {
          if (started === generation) onProgress?.(progress);
        },
        between: async () => {
          await new Promise((resolve) => setTimeout(resolve, 0));
          return started === generation;
        },
      });
      return started === generation ? result : cancelled();
    },
    cancel() {
      generation += 1;
    },
    dispose() {
      generation += 1;
    },
  };
}
