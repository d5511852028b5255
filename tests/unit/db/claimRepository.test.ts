import { describe, expect, test } from 'vitest';
import { DEFAULT_PREDICATES, type NewClaimInput } from '../../../src/core/model/claim';
import {
  asClaimId,
  asEntityId,
  asPassageId,
  type CaseId,
  type EntityId,
} from '../../../src/core/model/ids';
import type { Passage, Source } from '../../../src/core/model/records';
import type { CasefileStorage } from '../../../src/db/open';
import {
  addSource,
  closingStorages,
  countRows,
  expectRefused,
  newCase,
  rangeOf,
  reopenReadOnly,
  setSourceText,
  value,
} from './helpers';

const storage = closingStorages();

const ARTICLE =
  'Investigators say North Korea attacked Bangladesh Bank in February 2016, according to officials.';
const REPORT =
  'Report, page 1.\n\nThe Lazarus group, linked to North Korea, targeted Bangladesh Bank via SWIFT.';

interface Fixture {
  readonly s: CasefileStorage;
  readonly caseId: CaseId;
  readonly article: Source;
  readonly report: Source;
  readonly northKorea: EntityId;
  readonly bank: EntityId;
  readonly lazarus: EntityId;
  /** An evidence passage in the article, one in the report. */
  readonly inArticle: Passage;
  readonly inReport: Passage;
}

async function setUp(): Promise<Fixture> {
  const s = await storage();
  const caseId = await newCase(s, 'Bangladesh Bank heist');
  const article = await addSource(s, caseId, ARTICLE, { title: 'Sankei article' });
  const report = await addSource(s, caseId, REPORT, {
    title: 'Vendor report',
    kind: 'pdf',
    structure: {
      pages: [
        { start: 0, end: 15 },
        { start: 17, end: REPORT.length },
      ],
    },
  });
  value(await s.sources.update(article.id, { reliability: 'B' }));
  value(await s.sources.update(report.id, { reliability: 'C' }));
  const entity = async (name: string, type: 'Organization' | 'Location' = 'Organization') =>
    value(await s.entities.create(caseId, { type, name })).id;
  const northKorea = await entity('North Korea', 'Location');
  const bank = await entity('Bangladesh Bank');
  const lazarus = await entity('Lazarus group');
  const passage = async (source: Source, text: string, quote: string) =>
    value(
      await s.passages.create(caseId, {
        sourceId: source.id,
        kind: 'evidence',
        ...rangeOf(text, quote),
      }),
    );
  const inArticle = await passage(article, ARTICLE, 'North Korea attacked Bangladesh Bank');
  const inReport = await passage(report, REPORT, 'targeted Bangladesh Bank via SWIFT');
  return {
    s,
    caseId,
    article: value(await s.sources.update(article.id, {})),
    report: value(await s.sources.update(report.id, {})),
    northKorea,
    bank,
    lazarus,
    inArticle,
    inReport,
  };
}

function attack(f: Fixture, extra: Partial<NewClaimInput> = {}): NewClaimInput {
  return {
    subjectId: f.northKorea,
    predicate: 'attacked',
    object: { kind: 'entity', entityId: f.bank },
    validTime: { kind: 'date', date: '2016-02' },
    evidence: [f.inArticle.id],
    credibility: 2,
    status: 'asserted',
    ...extra,
  };
}

/** Records `attack(f, extra)`; the test fails if it is refused. */
async function recordAttack(f: Fixture, extra: Partial<NewClaimInput> = {}) {
  return value(await f.s.claims.create(f.caseId, attack(f, extra)));
}

/** Tries to record `attack(f, extra)`, for the tests of refusals. */
function tryAttack(f: Fixture, extra: Partial<NewClaimInput> = {}) {
  return f.s.claims.create(f.caseId, attack(f, extra));
}

describe('create, get and list', () => {
  test('records the claim with its grade and evidence facts, and an audit event', async () => {
    const f = await setUp();
    const claim = await recordAttack(f, {
      attributedTo: '  Bangladesh police ',
      note: ' Seen in two sources. ',
    });
    expect(claim).toEqual({
      id: claim.id,
      caseId: f.caseId,
      createdAt: claim.createdAt,
      updatedAt: claim.createdAt,
      subjectId: f.northKorea,
      predicate: 'attacked',
      object: { kind: 'entity', entityId: f.bank },
      validTime: { kind: 'date', date: '2016-02' },
      evidence: [f.inArticle.id],
      credibility: 2,
      status: 'asserted',
      relations: [],
      attributedTo: 'Bangladesh police',
      note: 'Seen in two sources.',
      grade: 'B2',
      bestReliability: 'B',
      evidenceSourceIds: [f.article.id],
      singleSource: true,
      analystAssertion: false,
      orphanedEvidence: 0,
    });
    expect(await f.s.claims.get(claim.id)).toEqual(claim);
    expect(await f.s.claims.list(f.caseId)).toEqual([claim]);
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'claim.created',
      subject: claim.id,
      detail: { claimId: claim.id, predicate: 'attacked', evidence: [f.inArticle.id] },
    });
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
    expect(await f.s.entities.claims(f.northKorea)).toEqual([
      expect.objectContaining({ id: claim.id }),
    ]);
    expect(await f.s.entities.claims(f.bank)).toHaveLength(1);
  });

  test('grades by the best source, lists distinct sources in evidence order, newest claim first', async () => {
    const f = await setUp();
    const first = await recordAttack(f);
    const both = await recordAttack(f, {
      subjectId: f.lazarus,
      evidence: [f.inReport.id, f.inArticle.id, f.inReport.id],
      credibility: 3,
    });
    expect(both).toMatchObject({
      evidence: [f.inReport.id, f.inArticle.id],
      grade: 'B3',
      bestReliability: 'B',
      evidenceSourceIds: [f.report.id, f.article.id],
      singleSource: false,
    });
    expect((await f.s.claims.list(f.caseId)).map((c) => c.id)).toEqual([both.id, first.id]);
    // A source's reliability is read when the claim is: regrading the source regrades the claim.
    value(await f.s.sources.update(f.article.id, { reliability: 'A' }));
    expect(await f.s.claims.get(both.id)).toMatchObject({ grade: 'A3', bestReliability: 'A' });
    expect(await f.s.claims.list(await newCase(f.s, 'Empty'))).toEqual([]);
    expect(await f.s.claims.get(asClaimId(globalThis.crypto.randomUUID()))).toBeUndefined();
  });

  test('an analyst assertion has no grade and is not single-source', async () => {
    const f = await setUp();
    const claim = await recordAttack(f, {
      evidence: [],
      analystAssertion: true,
      object: { kind: 'literal', value: ' SWIFT ' },
    });
    expect(claim).toMatchObject({
      object: { kind: 'literal', value: 'SWIFT' },
      evidence: [],
      evidenceSourceIds: [],
      singleSource: false,
      analystAssertion: true,
      orphanedEvidence: 0,
    });
    expect(claim).not.toHaveProperty('grade');
    expect(claim).not.toHaveProperty('bestReliability');
  });

  test('creates new evidence passages (kind evidence) in the same transaction', async () => {
    const f = await setUp();
    const claim = await recordAttack(f, {
      evidence: [],
      newEvidence: [
        { sourceId: f.report.id, ...rangeOf(REPORT, 'The Lazarus group') },
        { sourceId: f.article.id, ...rangeOf(ARTICLE, 'February 2016') },
      ],
    });
    expect(claim.evidence).toHaveLength(2);
    const created = await Promise.all(claim.evidence.map((id) => f.s.passages.get(id)));
    expect(created.map((p) => [p?.kind, p?.sourceId, p?.quote.exact])).toEqual([
      ['evidence', f.report.id, 'The Lazarus group'],
      ['evidence', f.article.id, 'February 2016'],
    ]);
    expect(claim).toMatchObject({ grade: 'B2', evidenceSourceIds: [f.report.id, f.article.id] });
    const actions = (await f.s.audit.list(f.caseId)).slice(-3).map((e) => e.action);
    expect(actions).toEqual(['passage.created', 'passage.created', 'claim.created']);
  });

  test('a new predicate joins the case vocabulary; a known one takes the vocabulary spelling', async () => {
    const f = await setUp();
    expect(await f.s.claims.predicates(f.caseId)).toEqual([...DEFAULT_PREDICATES]);
    const known = await recordAttack(f, { predicate: ' Attacked ' });
    expect(known.predicate).toBe('attacked');
    expect((await f.s.cases.get(f.caseId))?.predicates).toBeUndefined();
    const fresh = await recordAttack(f, { predicate: 'laundered   funds via' });
    expect(fresh.predicate).toBe('laundered funds via');
    expect((await f.s.cases.get(f.caseId))?.predicates).toEqual(['laundered funds via']);
    expect((await f.s.claims.predicates(f.caseId)).at(-1)).toBe('laundered funds via');
    expect((await f.s.audit.list(f.caseId)).at(-1)?.detail).toMatchObject({
      predicateAdded: 'laundered funds via',
    });
  });

  test('relations to other claims of the case', async () => {
    const f = await setUp();
    const base = await recordAttack(f);
    const support = await recordAttack(f, {
      subjectId: f.lazarus,
      evidence: [f.inReport.id],
      relations: [
        { kind: 'supports', claimId: base.id },
        { kind: 'supports', claimId: base.id },
      ],
    });
    expect(support.relations).toEqual([{ kind: 'supports', claimId: base.id }]);
  });
});

describe('evidence in context', () => {
  test('each passage with its source, reliability, page and surrounding text, in evidence order', async () => {
    const f = await setUp();
    const claim = await recordAttack(f, { evidence: [f.inReport.id, f.inArticle.id] });
    expect(await f.s.claims.evidence(claim.id)).toEqual([
      {
        passage: f.inReport,
        sourceId: f.report.id,
        sourceTitle: 'Vendor report',
        reliability: 'C',
        page: 2,
        before: f.inReport.quote.prefix,
        after: f.inReport.quote.suffix,
      },
      {
        passage: f.inArticle,
        sourceId: f.article.id,
        sourceTitle: 'Sankei article',
        reliability: 'B',
        before: 'Investigators say ',
        after: ' in February 2016, according to ',
      },
    ]);
    expect(await f.s.claims.evidence(asClaimId(globalThis.crypto.randomUUID()))).toEqual([]);
  });

  test('an orphaned evidence passage is counted on the claim and still listed', async () => {
    const f = await setUp();
    const claim = await recordAttack(f);
    await setSourceText(f.s, f.article.id, 'The text was re-extracted and the sentence is gone.');
    value(await f.s.passages.forSource(f.article.id));
    expect(await f.s.claims.get(claim.id)).toMatchObject({ orphanedEvidence: 1, grade: 'B2' });
    const [shown] = await f.s.claims.evidence(claim.id);
    expect(shown?.passage.orphaned).toBe(true);
    expect(shown).not.toHaveProperty('page');
  });
});

describe('create refuses bad input and writes nothing', () => {
  test('validation errors (core validateNewClaim)', async () => {
    const f = await setUp();
    const cases: [Partial<NewClaimInput>, string][] = [
      [{ predicate: '  ' }, 'claim.predicateEmpty'],
      [{ object: { kind: 'entity', entityId: f.northKorea } }, 'claim.selfLink'],
      [{ object: { kind: 'literal', value: ' ' } }, 'claim.objectEmpty'],
      [{ evidence: [] }, 'claim.noEvidence'],
      [{ credibility: 7 as never }, 'claim.credibilityInvalid'],
      [{ status: 'rumoured' as never }, 'claim.statusInvalid'],
      [
        { validTime: { kind: 'interval', start: '2016-03', end: '2016-02' } },
        'claim.intervalReversed',
      ],
      [
        { newEvidence: [{ sourceId: f.article.id, start: 5, end: 5 }] },
        'claim.evidenceRangeInvalid',
      ],
    ];
    for (const [extra, code] of cases) {
      await expectRefused(f.s, () => tryAttack(f, extra), code);
    }
  });

  test('unknown or merged-away entities: claim.entityNotFound', async () => {
    const f = await setUp();
    const missing = asEntityId(globalThis.crypto.randomUUID());
    await expectRefused(f.s, () => tryAttack(f, { subjectId: missing }), 'claim.entityNotFound');
    await expectRefused(
      f.s,
      () => tryAttack(f, { object: { kind: 'entity', entityId: missing } }),
      'claim.entityNotFound',
    );
    const other = await newCase(f.s, 'Other case');
    const elsewhere = value(await f.s.entities.create(other, { type: 'Person', name: 'Someone' }));
    await expectRefused(
      f.s,
      () => tryAttack(f, { subjectId: elsewhere.id }),
      'claim.entityNotFound',
    );
    value(await f.s.entities.merge(f.lazarus, f.northKorea));
    await expectRefused(f.s, () => tryAttack(f), 'claim.entityNotFound');
  });

  test('passages missing or of another case: claim.passageNotFound', async () => {
    const f = await setUp();
    await expectRefused(
      f.s,
      () => tryAttack(f, { evidence: [asPassageId(globalThis.crypto.randomUUID())] }),
      'claim.passageNotFound',
    );
    const other = await newCase(f.s, 'Other case');
    const foreign = await addSource(f.s, other, ARTICLE);
    const theirs = value(
      await f.s.passages.create(other, {
        sourceId: foreign.id,
        kind: 'highlight',
        ...rangeOf(ARTICLE, 'officials'),
      }),
    );
    await expectRefused(
      f.s,
      () => tryAttack(f, { evidence: [theirs.id] }),
      'claim.passageNotFound',
    );
    // A new evidence passage in another case's source is refused too, after a good one: nothing stays.
    await expectRefused(
      f.s,
      () =>
        tryAttack(f, {
          predicate: 'a brand new predicate',
          newEvidence: [
            { sourceId: f.article.id, ...rangeOf(ARTICLE, 'officials') },
            { sourceId: foreign.id, ...rangeOf(ARTICLE, 'officials') },
          ],
        }),
      'passage.sourceNotFound',
    );
    await expectRefused(
      f.s,
      () => tryAttack(f, { newEvidence: [{ sourceId: f.article.id, start: 0, end: 10_000 }] }),
      'anchor.outOfRange',
    );
    expect((await f.s.cases.get(f.caseId))?.predicates).toBeUndefined();
  });

  test('relations to a missing claim: claim.relationNotFound', async () => {
    const f = await setUp();
    await expectRefused(
      f.s,
      () =>
        tryAttack(f, {
          relations: [{ kind: 'supports', claimId: asClaimId(globalThis.crypto.randomUUID()) }],
        }),
      'claim.relationNotFound',
    );
  });

  test('an unknown case: case.notFound', async () => {
    const f = await setUp();
    const unknown = await newCase(f.s, 'Gone');
    value(await f.s.cases.delete(unknown));
    await expectRefused(f.s, () => f.s.claims.create(unknown, attack(f)), 'case.notFound');
  });

  test('read-only: storage.readOnly', async () => {
    const f = await setUp();
    const claim = await recordAttack(f);
    const ro = await reopenReadOnly(f.s, (name) => storage(name));
    await expectRefused(ro, () => ro.claims.create(f.caseId, attack(f)), 'storage.readOnly');
    await expectRefused(ro, () => ro.claims.update(claim.id, { note: 'x' }), 'storage.readOnly');
    await expectRefused(ro, () => ro.claims.delete(claim.id), 'storage.readOnly');
    await expectRefused(ro, () => ro.claims.addPredicate(f.caseId, 'x'), 'storage.readOnly');
    expect(await ro.claims.get(claim.id)).toMatchObject({ id: claim.id, grade: 'B2' });
  });
});

describe('update', () => {
  test('changes fields, records which, and writes nothing for a no-op', async () => {
    const f = await setUp();
    const claim = await recordAttack(f);
    const events = (await f.s.audit.list(f.caseId)).length;
    expect(value(await f.s.claims.update(claim.id, { predicate: 'attacked', note: '' }))).toEqual(
      claim,
    );
    expect(await f.s.audit.list(f.caseId)).toHaveLength(events);
    const updated = value(
      await f.s.claims.update(claim.id, {
        status: 'corroborated',
        evidence: [f.inArticle.id, f.inReport.id],
        attributedTo: 'FBI',
        credibility: 1,
      }),
    );
    expect(updated).toMatchObject({
      status: 'corroborated',
      attributedTo: 'FBI',
      grade: 'B1',
      singleSource: false,
      createdAt: claim.createdAt,
    });
    expect(updated.updatedAt > claim.updatedAt).toBe(true);
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'claim.updated',
      detail: { fields: ['attributedTo', 'credibility', 'evidence', 'status'] },
    });
    // '' clears attributed-to.
    expect(value(await f.s.claims.update(claim.id, { attributedTo: '' }))).not.toHaveProperty(
      'attributedTo',
    );
  });

  test('removing the last evidence needs analystAssertion; an assertion stays editable', async () => {
    const f = await setUp();
    const claim = await recordAttack(f);
    await expectRefused(
      f.s,
      () => f.s.claims.update(claim.id, { evidence: [] }),
      'claim.noEvidence',
    );
    const assertion = value(
      await f.s.claims.update(claim.id, { evidence: [], analystAssertion: true }),
    );
    expect(assertion).toMatchObject({ analystAssertion: true, evidence: [] });
    expect(value(await f.s.claims.update(claim.id, { note: 'My reading.' })).note).toBe(
      'My reading.',
    );
  });

  test('new evidence, new predicate and new references are checked; refusals change nothing', async () => {
    const f = await setUp();
    const claim = await recordAttack(f);
    const other = await recordAttack(f, { subjectId: f.lazarus });
    const updated = value(
      await f.s.claims.update(claim.id, {
        predicate: 'robbed',
        newEvidence: [{ sourceId: f.report.id, ...rangeOf(REPORT, 'via SWIFT') }],
        relations: [{ kind: 'contradicts', claimId: other.id }],
      }),
    );
    expect(updated.evidence).toHaveLength(2);
    expect(updated.relations).toEqual([{ kind: 'contradicts', claimId: other.id }]);
    expect((await f.s.cases.get(f.caseId))?.predicates).toEqual(['robbed']);
    await expectRefused(
      f.s,
      () => f.s.claims.update(claim.id, { relations: [{ kind: 'supports', claimId: claim.id }] }),
      'claim.relationSelf',
    );
    await expectRefused(
      f.s,
      () =>
        f.s.claims.update(claim.id, {
          object: { kind: 'entity', entityId: asEntityId(globalThis.crypto.randomUUID()) },
        }),
      'claim.entityNotFound',
    );
    await expectRefused(
      f.s,
      () =>
        f.s.claims.update(claim.id, {
          predicate: 'another new one',
          evidence: [asPassageId(globalThis.crypto.randomUUID())],
        }),
      'claim.passageNotFound',
    );
    await expectRefused(
      f.s,
      () => f.s.claims.update(asClaimId(globalThis.crypto.randomUUID()), { note: 'x' }),
      'claim.notFound',
    );
    await expectRefused(
      f.s,
      () => f.s.claims.update(claim.id, { status: 'odd' as never }),
      'claim.statusInvalid',
    );
  });
});

describe('delete', () => {
  test('removes the claim and the links to it from other claims; its evidence stays', async () => {
    const f = await setUp();
    const base = await recordAttack(f);
    const other = await recordAttack(f, { subjectId: f.lazarus });
    const linking = await recordAttack(f, {
      evidence: [f.inReport.id],
      relations: [
        { kind: 'supports', claimId: base.id },
        { kind: 'contradicts', claimId: other.id },
      ],
    });
    value(await f.s.claims.delete(base.id));
    expect(await f.s.claims.get(base.id)).toBeUndefined();
    expect((await f.s.claims.get(linking.id))?.relations).toEqual([
      { kind: 'contradicts', claimId: other.id },
    ]);
    expect(await f.s.passages.get(f.inArticle.id)).toEqual(f.inArticle);
    expect((await f.s.audit.list(f.caseId)).at(-1)).toMatchObject({
      action: 'claim.deleted',
      detail: { claimId: base.id, unlinkedClaims: 1 },
    });
    expect((await f.s.audit.verify(f.caseId)).ok).toBe(true);
    await expectRefused(f.s, () => f.s.claims.delete(base.id), 'claim.notFound');
  });
});

describe('predicate vocabulary', () => {
  test('defaults, the case’s own, then predicates used by claims', async () => {
    const f = await setUp();
    expect(value(await f.s.claims.addPredicate(f.caseId, '  wired money to '))).toEqual([
      ...DEFAULT_PREDICATES,
      'wired money to',
    ]);
    const events = (await f.s.audit.list(f.caseId)).length;
    // Already known (any case): nothing written.
    expect(value(await f.s.claims.addPredicate(f.caseId, 'EMPLOYS'))).toHaveLength(
      DEFAULT_PREDICATES.length + 1,
    );
    expect(await f.s.audit.list(f.caseId)).toHaveLength(events);
    // A claim written by older data with a predicate outside the vocabulary still shows it.
    await f.s.db.claims.add({
      ...(await recordAttack(f)),
      id: asClaimId(globalThis.crypto.randomUUID()),
      predicate: 'signed for',
    });
    expect((await f.s.claims.predicates(f.caseId)).slice(-2)).toEqual([
      'wired money to',
      'signed for',
    ]);
    await expectRefused(f.s, () => f.s.claims.addPredicate(f.caseId, ' '), 'claim.predicateEmpty');
    await expectRefused(
      f.s,
      () => f.s.claims.addPredicate(f.caseId, 'x'.repeat(201)),
      'claim.predicateTooLong',
    );
    const before = await countRows(f.s);
    expect(before['claims']).toBe(2);
  });
});

describe('entity merges and deletes', () => {
  test('a merge repoints claims to the survivor; undoing it points them back', async () => {
    const f = await setUp();
    const bySubject = await recordAttack(f);
    const byObject = await recordAttack(f, {
      subjectId: f.lazarus,
      object: { kind: 'entity', entityId: f.northKorea },
    });
    const merge = value(await f.s.entities.merge(f.lazarus, f.northKorea));
    expect((await f.s.claims.get(bySubject.id))?.subjectId).toBe(f.lazarus);
    // Subject and object are now the same entity: shown as it is, never silently dropped.
    expect((await f.s.claims.get(byObject.id))?.object).toEqual({
      kind: 'entity',
      entityId: f.lazarus,
    });
    expect(await f.s.entities.claims(f.lazarus)).toHaveLength(2);
    value(await f.s.entities.undoMerge(merge.id));
    expect((await f.s.claims.get(bySubject.id))?.subjectId).toBe(f.northKorea);
    expect((await f.s.claims.get(byObject.id))?.object).toEqual({
      kind: 'entity',
      entityId: f.northKorea,
    });
    expect(await f.s.entities.claims(f.lazarus)).toHaveLength(1);
  });

  test('deleting an entity with claims: delete removes its claims and links to them', async () => {
    const f = await setUp();
    const doomed = await recordAttack(f);
    const linking = await recordAttack(f, {
      subjectId: f.lazarus,
      evidence: [f.inReport.id],
      relations: [{ kind: 'supports', claimId: doomed.id }],
    });
    await expectRefused(f.s, () => f.s.entities.delete(f.northKorea), 'entity.usedByClaims');
    value(await f.s.entities.delete(f.northKorea, { claims: 'delete' }));
    expect(await f.s.claims.get(doomed.id)).toBeUndefined();
    expect((await f.s.claims.list(f.caseId)).map((c) => [c.id, c.relations])).toEqual([
      [linking.id, []],
    ]);
  });
});
