import { describe, expect, it } from 'vitest';
import {
  INFORMATION_CREDIBILITY,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  MAX_CLAIM_NOTE_LENGTH,
  MAX_CLAIM_PHRASE_LENGTH,
  admiraltyCode,
  applyClaimChanges,
  asClaimId,
  asEntityId,
  asPassageId,
  asSourceId,
  claimGrade,
  isSingleSource,
  validateNewClaim,
  validatePredicate,
  validateValidTime,
  type NewClaimInput,
} from '../../../src/core';
import { aClaim } from '../../fixtures/builders';

const sankei = asSourceId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a10');
const reuters = asSourceId('0b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a11');

describe('Admiralty grading of claims', () => {
  it('defines every credibility grade', () => {
    for (const grade of INFORMATION_CREDIBILITY) {
      expect(INFORMATION_CREDIBILITY_DEFINITIONS[grade].definition.length).toBeGreaterThan(20);
    }
  });

  it('combines reliability and credibility into the code', () => {
    expect(admiraltyCode('B', 2)).toBe('B2');
    expect(admiraltyCode('F', 6)).toBe('F6');
  });

  it('grades a claim by its best evidence source, and not at all without evidence', () => {
    expect(claimGrade(['C', 'B', 'E'], 2)).toBe('B2');
    expect(claimGrade(['F'], 3)).toBe('F3');
    expect(claimGrade([], 1)).toBeUndefined();
  });

  it('marks a claim single-source when all its evidence comes from one source', () => {
    expect(isSingleSource([sankei, sankei])).toBe(true);
    expect(isSingleSource([])).toBe(true);
    expect(isSingleSource([sankei, reuters])).toBe(false);
  });
});

describe('valid time', () => {
  it('accepts unknown, full and partial dates, and open intervals', () => {
    expect(validateValidTime({ kind: 'unknown' })).toEqual({
      ok: true,
      value: { kind: 'unknown' },
    });
    expect(validateValidTime({ kind: 'date', date: ' 2016-02 ' })).toEqual({
      ok: true,
      value: { kind: 'date', date: '2016-02' },
    });
    expect(validateValidTime({ kind: 'interval', start: '2016-02-04' })).toEqual({
      ok: true,
      value: { kind: 'interval', start: '2016-02-04' },
    });
    // A month contains its days: February 2016 to 2016-02-05 is a valid interval.
    expect(validateValidTime({ kind: 'interval', start: '2016-02', end: '2016-02-05' }).ok).toBe(
      true,
    );
  });

  it.each([
    [{ kind: 'interval', start: '2016-02-05', end: '2016-02-04' }, 'claim.intervalReversed'],
    [{ kind: 'interval', start: '2017', end: '2016-12' }, 'claim.intervalReversed'],
    [{ kind: 'interval' }, 'claim.intervalEmpty'],
    [{ kind: 'date', date: '04/02/2016' }, 'claim.dateInvalid'],
    [{ kind: 'date', date: '2023-02-30' }, 'claim.dateInvalid'],
    [{ kind: 'interval', start: '2016-13' }, 'claim.dateInvalid'],
  ] as const)('refuses %j with %s', (time, code) => {
    expect(validateValidTime(time)).toMatchObject({ ok: false, error: { code } });
  });
});

const northKorea = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a20');
const bank = asEntityId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a21');
const passage = asPassageId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a30');
const otherPassage = asPassageId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a31');
const otherClaim = asClaimId('6f1c2a52-55a4-4b1e-9d55-1d6f0c3e7a40');

function input(extra: Partial<NewClaimInput> = {}): NewClaimInput {
  return {
    subjectId: northKorea,
    predicate: 'attacked',
    object: { kind: 'entity', entityId: bank },
    validTime: { kind: 'date', date: '2016-02' },
    evidence: [passage],
    credibility: 2,
    status: 'asserted',
    ...extra,
  };
}

describe('validateNewClaim', () => {
  it('trims phrases, collapses spaces, de-duplicates evidence and relations', () => {
    expect(
      validateNewClaim(
        input({
          predicate: '  met   with ',
          object: { kind: 'literal', value: '  Bangladesh   Bank ' },
          validTime: { kind: 'interval', start: ' 2016-02 ' },
          evidence: [passage, otherPassage, passage],
          newEvidence: [
            { sourceId: sankei, start: 0, end: 4 },
            { sourceId: sankei, start: 0, end: 4 },
          ],
          relations: [
            { kind: 'supports', claimId: otherClaim },
            { kind: 'supports', claimId: otherClaim },
          ],
          attributedTo: ' FBI ',
          note: ' Seen twice. ',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        subjectId: northKorea,
        predicate: 'met with',
        object: { kind: 'literal', value: 'Bangladesh Bank' },
        validTime: { kind: 'interval', start: '2016-02' },
        evidence: [passage, otherPassage],
        newEvidence: [{ sourceId: sankei, start: 0, end: 4 }],
        credibility: 2,
        status: 'asserted',
        relations: [{ kind: 'supports', claimId: otherClaim }],
        attributedTo: 'FBI',
        note: 'Seen twice.',
      },
    });
  });

  it('accepts a claim without evidence only as an analyst assertion', () => {
    expect(validateNewClaim(input({ evidence: [] }))).toMatchObject({
      ok: false,
      error: { code: 'claim.noEvidence' },
    });
    expect(validateNewClaim(input({ evidence: [], analystAssertion: true })).ok).toBe(true);
    // New evidence alone is evidence.
    expect(
      validateNewClaim(
        input({ evidence: [], newEvidence: [{ sourceId: sankei, start: 1, end: 2 }] }),
      ).ok,
    ).toBe(true);
    // Blank attributed-to is left out.
    const valid = validateNewClaim(input({ attributedTo: '  ' }));
    expect(valid.ok && valid.value).not.toHaveProperty('attributedTo');
  });

  const long = 'x'.repeat(MAX_CLAIM_PHRASE_LENGTH + 1);
  it.each([
    ['an empty predicate', { predicate: '  ' }, 'claim.predicateEmpty'],
    ['a predicate that is too long', { predicate: long }, 'claim.predicateTooLong'],
    ['an empty literal object', { object: { kind: 'literal', value: ' ' } }, 'claim.objectEmpty'],
    [
      'a literal object that is too long',
      { object: { kind: 'literal', value: long } },
      'claim.objectTooLong',
    ],
    ['an object of no known kind', { object: { kind: 'other' } }, 'claim.objectInvalid'],
    ['subject = object', { object: { kind: 'entity', entityId: northKorea } }, 'claim.selfLink'],
    ['credibility 0', { credibility: 0 }, 'claim.credibilityInvalid'],
    ['credibility 7', { credibility: 7 }, 'claim.credibilityInvalid'],
    ['credibility 2.5', { credibility: 2.5 }, 'claim.credibilityInvalid'],
    ['an unknown status', { status: 'rumoured' }, 'claim.statusInvalid'],
    [
      'an interval ending before it starts',
      { validTime: { kind: 'interval', start: '2016-03-01', end: '2016-02-28' } },
      'claim.intervalReversed',
    ],
    ['a malformed date', { validTime: { kind: 'date', date: '2016/02' } }, 'claim.dateInvalid'],
    [
      'a valid time of no known kind',
      { validTime: { kind: 'sometime' } },
      'claim.validTimeInvalid',
    ],
    ['no evidence', { evidence: [] }, 'claim.noEvidence'],
    [
      'a new evidence range that ends where it starts',
      { newEvidence: [{ sourceId: sankei, start: 4, end: 4 }] },
      'claim.evidenceRangeInvalid',
    ],
    [
      'a negative new evidence range',
      { newEvidence: [{ sourceId: sankei, start: -1, end: 4 }] },
      'claim.evidenceRangeInvalid',
    ],
    [
      'a fractional new evidence range',
      { newEvidence: [{ sourceId: sankei, start: 0.5, end: 4 }] },
      'claim.evidenceRangeInvalid',
    ],
    [
      'new evidence without a source',
      { newEvidence: [{ sourceId: '', start: 0, end: 4 }] },
      'claim.evidenceRangeInvalid',
    ],
    [
      'a note that is too long',
      { note: 'x'.repeat(MAX_CLAIM_NOTE_LENGTH + 1) },
      'claim.noteTooLong',
    ],
    ['attributed-to that is too long', { attributedTo: long }, 'claim.attributedToTooLong'],
    [
      'a relation of no known kind',
      { relations: [{ kind: 'refines', claimId: otherClaim }] },
      'claim.relationInvalid',
    ],
    [
      'a claim both supported and contradicted',
      {
        relations: [
          { kind: 'supports', claimId: otherClaim },
          { kind: 'contradicts', claimId: otherClaim },
        ],
      },
      'claim.relationConflict',
    ],
  ])('refuses %s', (_what, extra, code) => {
    expect(validateNewClaim(input(extra as Partial<NewClaimInput>))).toMatchObject({
      ok: false,
      error: { code },
    });
  });

  it('validates a predicate on its own (the case vocabulary)', () => {
    expect(validatePredicate('  wired   money to ')).toEqual({ ok: true, value: 'wired money to' });
    expect(validatePredicate('')).toMatchObject({
      ok: false,
      error: { code: 'claim.predicateEmpty' },
    });
  });
});

describe('applyClaimChanges', () => {
  const claim = aClaim({
    subjectId: northKorea,
    object: { kind: 'entity', entityId: bank },
    evidence: [passage],
    attributedTo: 'FBI',
  });

  it('keeps what is not changed and validates the whole', () => {
    const changed = applyClaimChanges(claim, { status: 'disputed', attributedTo: '' });
    expect(changed).toMatchObject({
      ok: true,
      value: { status: 'disputed', predicate: claim.predicate, evidence: [passage] },
    });
    expect(changed.ok && changed.value).not.toHaveProperty('attributedTo');
    expect(applyClaimChanges(claim, {}).ok && applyClaimChanges(claim, {})).toMatchObject({
      value: { attributedTo: 'FBI' },
    });
    expect(applyClaimChanges(claim, { subjectId: bank })).toMatchObject({
      ok: false,
      error: { code: 'claim.selfLink' },
    });
  });

  it('removing the last evidence needs analystAssertion; an existing assertion stays editable', () => {
    expect(applyClaimChanges(claim, { evidence: [] })).toMatchObject({
      ok: false,
      error: { code: 'claim.noEvidence' },
    });
    expect(applyClaimChanges(claim, { evidence: [], analystAssertion: true }).ok).toBe(true);
    const assertion = aClaim({ subjectId: northKorea, evidence: [] });
    expect(applyClaimChanges(assertion, { note: 'Mine.' }).ok).toBe(true);
  });

  it('refuses a relation of the claim to itself', () => {
    expect(
      applyClaimChanges(claim, { relations: [{ kind: 'supports', claimId: claim.id }] }),
    ).toMatchObject({ ok: false, error: { code: 'claim.relationSelf' } });
  });
});
