import { describe, expect, test } from 'vitest';
import {
  INTEGRITY_KIND_LABELS,
  INTEGRITY_PROBLEM_KINDS,
  checkCaseIntegrity,
  problemsByKind,
  type IntegrityInput,
} from '../../../../src/core/integrity/integrity';
import type { CaseId, ClaimId, EntityId } from '../../../../src/core/model/ids';
import type { Claim } from '../../../../src/core/model/records';
import { aClaim } from '../../../fixtures/builders';

const caseId = 'case-1' as CaseId;

function claimBetween(id: string, subjectId: string, objectId: string): Claim {
  return aClaim({
    id: id as ClaimId,
    caseId,
    subjectId: subjectId as EntityId,
    object: { kind: 'entity', entityId: objectId as EntityId },
  });
}

function input(over: Partial<IntegrityInput> = {}): IntegrityInput {
  return {
    caseIds: [caseId],
    allCases: false,
    sources: [],
    sourceContentIds: [],
    passages: [],
    entities: [],
    claims: [],
    notes: [],
    noteContentIds: [],
    charts: [],
    otherRecords: [],
    blobs: [],
    auditChains: [],
    ...over,
  };
}

describe('checkCaseIntegrity', () => {
  test('an empty case has no problems', () => {
    expect(checkCaseIntegrity(input(), caseId)).toMatchObject({ caseId, problems: [] });
  });

  test('a claim with both ends gone: two problems, distinct keys, one placeholder each', () => {
    const report = checkCaseIntegrity(
      input({ claims: [claimBetween('c1', 'e1', 'e2'), claimBetween('c2', 'e1', 'e1')] }),
    );
    expect(report.problems.map((p) => p.kind)).toEqual([
      'claim.entityMissing',
      'claim.entityMissing',
      'claim.entityMissing',
    ]);
    expect(new Set(report.problems.map((p) => p.key)).size).toBe(3);
    // e1 is stood in for once, although two claims name it.
    expect(report.problems.map((p) => p.repair?.action)).toEqual([
      { kind: 'entity.placeholder', caseId, entityId: 'e1' },
      { kind: 'entity.placeholder', caseId, entityId: 'e2' },
      undefined,
    ]);
  });

  test('blobs: a mismatch is reported only; orphans only over every case', () => {
    const blobs = [{ sha256: 'aa', byteLength: 1, actualSha256: 'bb' }];
    expect(checkCaseIntegrity(input({ blobs })).problems.map((p) => p.kind)).toEqual([
      'blob.hashMismatch',
    ]);
    const all = checkCaseIntegrity(input({ blobs, allCases: true }));
    expect(all.problems.map((p) => p.kind)).toEqual(['blob.hashMismatch', 'blob.orphan']);
    expect(all.problems.every((p) => p.repair === undefined)).toBe(true);
  });

  test('a broken audit chain names its first bad seq and offers nothing', () => {
    const report = checkCaseIntegrity(
      input({ auditChains: [{ caseId, intact: false, brokenSeq: 7, reason: 'hash' }] }),
    );
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]?.message).toContain('event 7');
    expect(report.problems[0]?.repair).toBeUndefined();
  });

  test('rows of a missing case: one recreate repair per case', () => {
    const other = 'case-2' as CaseId;
    const report = checkCaseIntegrity(
      input({
        otherRecords: [
          { table: 'audit', id: 'a1', caseId: other },
          { table: 'audit', id: 'a2', caseId: other },
        ],
      }),
    );
    expect(report.problems.map((p) => p.repair?.action.kind)).toEqual(['case.recreate', undefined]);
  });

  test('problems group by kind in a fixed order, and every kind has a label', () => {
    const report = checkCaseIntegrity(
      input({
        claims: [claimBetween('c1', 'e1', 'e1')],
        auditChains: [{ caseId, intact: false, brokenSeq: 0 }],
      }),
    );
    expect(problemsByKind(report.problems).map((g) => g.kind)).toEqual([
      'claim.entityMissing',
      'audit.chainBroken',
    ]);
    for (const kind of INTEGRITY_PROBLEM_KINDS) expect(INTEGRITY_KIND_LABELS[kind]).toBeTruthy();
  });
});
