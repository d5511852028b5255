import { describe, expect, it } from 'vitest';
import { asSourceId } from '../../../../src/core';
import {
  buildCaseReferences,
  claimLabel,
  searchEntities,
  type CaseRecords,
} from '../../../../src/features/notebook/caseReferences';
import { aClaimSummaryBetween, aPassage, anEntity } from '../../../fixtures/builders';

const source = {
  id: asSourceId(crypto.randomUUID()),
  title: 'Harbour report',
  reliability: 'B' as const,
};

function records(overrides: Partial<CaseRecords> = {}): CaseRecords {
  return {
    entities: [],
    sources: [source],
    passages: [],
    structures: new Map(),
    claims: [],
    ...overrides,
  };
}

describe('buildCaseReferences', () => {
  it('answers a merged entity with its survivor, through merges of merges', () => {
    const survivor = anEntity({ name: 'Kim Jong Nam', aliases: [] });
    const middle = anEntity({ name: 'Kim Chol', mergedInto: survivor.id });
    const first = anEntity({ name: 'K. J. Nam', mergedInto: middle.id });
    const refs = buildCaseReferences(records({ entities: [first, middle, survivor] }));
    expect(refs.entities.get(first.id)).toEqual({
      id: survivor.id,
      name: 'Kim Jong Nam',
      type: 'Person',
    });
    expect(refs.entities.get(middle.id)?.id).toBe(survivor.id);
    // Only the live entity is offered by the type-ahead.
    expect(refs.searchable.map((s) => s.target.id)).toEqual([survivor.id]);
  });

  it('treats a merge loop (a corrupt database) as missing rather than spinning', () => {
    const a = anEntity({ name: 'A' });
    const b = anEntity({ name: 'B', mergedInto: a.id });
    const looped = { ...a, mergedInto: b.id };
    const refs = buildCaseReferences(records({ entities: [looped, b] }));
    expect(refs.entities.get(a.id)).toBeUndefined();
    expect(refs.entities.get(b.id)).toBeUndefined();
  });

  it('gives each passage its source, page and orphaned state, and leaves mentions out of the quotable list', () => {
    const paged = aPassage({
      sourceId: source.id,
      position: { type: 'TextPositionSelector', start: 120, end: 130 },
    });
    const orphan = aPassage({ sourceId: source.id, orphaned: true });
    const mention = aPassage({ sourceId: source.id, kind: 'mention' });
    const elsewhere = aPassage(); // its source is not in the case any more
    const refs = buildCaseReferences(
      records({
        passages: [paged, orphan, mention, elsewhere],
        structures: new Map([
          [
            source.id,
            {
              pages: [
                { start: 0, end: 100 },
                { start: 100, end: 200 },
              ],
            },
          ],
        ]),
      }),
    );
    expect(refs.passages.get(paged.id)).toEqual({
      passageId: paged.id,
      sourceId: source.id,
      quote: paged.quote.exact,
      sourceTitle: 'Harbour report',
      page: 2,
      reliability: 'B',
      orphaned: false,
    });
    expect(refs.passages.get(orphan.id)).toMatchObject({ orphaned: true });
    expect(refs.passages.get(orphan.id)?.page).toBeUndefined();
    expect(refs.passages.has(elsewhere.id)).toBe(false);
    expect(refs.quotable.map((q) => q.passageId)).toEqual([orphan.id, paged.id]);
  });

  it('writes claims with current names, literals, and a stand-in for a missing entity', () => {
    const ada = anEntity({ name: 'Ada Lovelace' });
    const gone = anEntity({ name: 'Gone' });
    const withLiteral = aClaimSummaryBetween(ada, 'lived in', 'London', { grade: undefined });
    const withMissing = aClaimSummaryBetween(ada, 'met', gone, { status: 'disputed' });
    const refs = buildCaseReferences(
      records({ entities: [ada], claims: [withLiteral, withMissing] }),
    );
    const literal = refs.claims.get(withLiteral.id);
    expect(literal && claimLabel(literal)).toBe('Ada Lovelace lived in London');
    expect(literal?.grade).toBeUndefined();
    expect(refs.claims.get(withMissing.id)).toMatchObject({
      object: 'an entity no longer in the case',
      status: 'disputed',
      grade: 'B2',
    });
  });
});

describe('searchEntities', () => {
  const refs = buildCaseReferences(
    records({
      entities: [
        anEntity({ name: 'Lazarus Group', aliases: ['Hidden Cobra'] }),
        anEntity({ name: 'Kim Jong Un', aliases: [] }),
        anEntity({ name: 'Cobra Kai', aliases: [] }),
        anEntity({ name: 'Kobra', aliases: ['Big Cobra'] }),
      ],
    }),
  );

  it('ranks the name starting with the query, then an alias, then a word, then anywhere', () => {
    expect(searchEntities(refs.searchable, 'cobra', 10).map((e) => e.name)).toEqual([
      'Cobra Kai',
      'Kobra',
      'Lazarus Group',
    ]);
    expect(searchEntities(refs.searchable, 'hidden', 10).map((e) => e.name)).toEqual([
      'Lazarus Group',
    ]);
  });

  it('compares names as the rest of the app does (case, punctuation) and honours the limit', () => {
    expect(searchEntities(refs.searchable, 'kim jong-un', 10).map((e) => e.name)).toEqual([
      'Kim Jong Un',
    ]);
    expect(searchEntities(refs.searchable, '', 2)).toHaveLength(2);
    expect(searchEntities(refs.searchable, 'nothing like it', 5)).toEqual([]);
  });
});
