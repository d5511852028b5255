/**
 * What the file exporters (GraphML, GEXF, CSV, annotations, FollowTheMoney) read off a claim:
 * its grade from the evidence sources' reliability, corroboration, valid-time bounds. One
 * reading, so every format says the same thing about the same claim.
 */
import { claimGrade, isAnalystAssertion, isSingleSource } from '../model/claim';
import type { Claim, Entity, Passage, Source, ValidTime } from '../model/records';
import type { CaseExportInput, ExportNotice } from './types';

export interface ExportIndex {
  readonly entities: ReadonlyMap<string, Entity>;
  readonly passages: ReadonlyMap<string, Passage>;
  readonly sources: ReadonlyMap<string, Source>;
}

export function indexInput(input: CaseExportInput): ExportIndex {
  return {
    entities: new Map(input.entities.map((e) => [e.id, e])),
    passages: new Map(input.passages.map((p) => [p.id, p])),
    sources: new Map(input.sources.map((s) => [s.id, s])),
  };
}

export interface ClaimFacts {
  /** Admiralty code such as "B2"; undefined for an analyst assertion. */
  readonly grade: string | undefined;
  readonly singleSource: boolean;
  readonly analystAssertion: boolean;
  readonly evidenceCount: number;
  /** Evidence passages found in the input, in the claim's order. */
  readonly evidence: readonly Passage[];
  /** Their sources, distinct, sorted by id. */
  readonly sources: readonly Source[];
  readonly validFrom: string | undefined;
  readonly validTo: string | undefined;
}

export function validTimeBounds(time: ValidTime): {
  readonly from: string | undefined;
  readonly to: string | undefined;
} {
  if (time.kind === 'date') return { from: time.date, to: time.date };
  if (time.kind === 'interval') return { from: time.start, to: time.end };
  return { from: undefined, to: undefined };
}

/**
 * The claim's facts. Evidence missing from the input (a passage or source not exported) is left
 * out of the grade and reported in `notices`.
 */
export function claimFacts(claim: Claim, index: ExportIndex, notices: ExportNotice[]): ClaimFacts {
  const evidence: Passage[] = [];
  const sources = new Map<string, Source>();
  let missing = 0;
  for (const passageId of claim.evidence) {
    const passage = index.passages.get(passageId);
    const source = passage && index.sources.get(passage.sourceId);
    if (!passage || !source) {
      missing += 1;
      continue;
    }
    evidence.push(passage);
    sources.set(source.id, source);
  }
  if (missing > 0) {
    notices.push({
      recordId: claim.id,
      message: `${missing} evidence passage(s) of this claim are not in the export; its grade is computed without them.`,
    });
  }
  const sorted = [...sources.values()].sort((a, b) => compareIds(a.id, b.id));
  const analystAssertion = isAnalystAssertion(claim);
  const { from, to } = validTimeBounds(claim.validTime);
  return {
    grade: claimGrade(
      sorted.map((s) => s.reliability),
      claim.credibility,
    ),
    singleSource: !analystAssertion && isSingleSource(sorted.map((s) => s.id)),
    analystAssertion,
    evidenceCount: claim.evidence.length,
    evidence,
    sources: sorted,
    validFrom: from,
    validTo: to,
  };
}

/** Code-unit order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byId<T extends { readonly id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareIds(a.id, b.id));
}

/** A file-name stem from the case title: letters, digits and dashes only ("case" if none). */
export function fileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
    .toLowerCase();
  return stem === '' ? 'case' : stem;
}

/** The id the link chart gives a literal claim object, and keys its saved position by (src/graph/toElements.ts). */
export function literalNodeId(value: string): string {
  return `literal:${value}`;
}

/** "Mara Kessel", or the literal value, for the object of a claim. */
export function objectLabel(claim: Claim, index: ExportIndex): string {
  return claim.object.kind === 'literal'
    ? claim.object.value
    : (index.entities.get(claim.object.entityId)?.name ?? claim.object.entityId);
}
