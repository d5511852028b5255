import type { KnownEntity, SuggestionCandidate } from '../../core';
import type { Result } from '../../shared/result';

/** Messages between the app and the extraction worker. Plain data. */
export interface ExtractJob {
  readonly id: number;
  readonly text: string;
  readonly known: readonly KnownEntity[];
}

export type ExtractWorkerMessage =
  | {
      readonly kind: 'progress';
      readonly id: number;
      readonly doneChars: number;
      readonly totalChars: number;
    }
  | {
      readonly kind: 'done';
      readonly id: number;
      readonly result: Result<readonly SuggestionCandidate[]>;
    };
