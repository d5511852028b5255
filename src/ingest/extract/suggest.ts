import {
  createCandidateExtractor,
  mergeCandidates,
  type KnownEntity,
  type SuggestionCandidate,
} from '../../core';
import { recogniseNames } from '../ner';

/**
 * Everything extraction proposes for one text: core's candidates (indicators, phones, money,
 * dates, known entities) with the recogniser's names folded in.
 */
export function createSuggester(
  known: readonly KnownEntity[],
): (text: string) => SuggestionCandidate[] {
  const core = createCandidateExtractor(known);
  return (text) => mergeCandidates(core(text), recogniseNames(text));
}

export function suggestAll(text: string, known: readonly KnownEntity[]): SuggestionCandidate[] {
  return createSuggester(known)(text);
}
