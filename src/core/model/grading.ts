import type { SourceReliability } from './records';

/** NATO / Admiralty source-reliability scale (AJP-2.1), shown next to the choice in the UI. */
export const SOURCE_RELIABILITY_DEFINITIONS: Readonly<
  Record<SourceReliability, { readonly label: string; readonly definition: string }>
> = {
  A: {
    label: 'Completely reliable',
    definition:
      'No doubt of authenticity, trustworthiness or competency; has a history of complete reliability.',
  },
  B: {
    label: 'Usually reliable',
    definition:
      'Minor doubt about authenticity, trustworthiness or competency; has a history of valid information most of the time.',
  },
  C: {
    label: 'Fairly reliable',
    definition:
      'Doubt of authenticity, trustworthiness or competency, but has provided valid information in the past.',
  },
  D: {
    label: 'Not usually reliable',
    definition:
      'Significant doubt about authenticity, trustworthiness or competency, but has provided valid information in the past.',
  },
  E: {
    label: 'Unreliable',
    definition:
      'Lacking in authenticity, trustworthiness and competency; history of invalid information.',
  },
  F: {
    label: 'Reliability cannot be judged',
    definition: 'No basis exists for evaluating the reliability of the source.',
  },
};

/**
 * Colour band of an Admiralty code such as "B2": good (A–B with 1–2), fair (up to C and 3) or
 * weak (the rest). One rule for every place a grade is shown.
 */
export function gradeBand(grade: string): 'good' | 'fair' | 'weak' {
  const letter = grade.charAt(0);
  const digit = Number(grade.slice(1));
  if ('AB'.includes(letter) && digit <= 2) return 'good';
  if ('ABC'.includes(letter) && digit <= 3) return 'fair';
  return 'weak';
}
