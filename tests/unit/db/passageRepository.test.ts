import { describe, expect, test } from 'vitest';
import { segmentsForHighlights } from '../../../src/core/anchoring';
import { asEntityId, asPassageId, asSourceId, type CaseId } from '../../../src/core/model/ids';
import type { Passage, Source } from '../../../src/core/model/records';
import type { NewPassageInput } from '../../../src/core/ports/repositories';
import type { CasefileStorage } from '../../../src/db/open';
import { MAX_PASSAGE_NOTE_LENGTH, PASSAGE_COLOURS } from '../../../src/db/passageRules';
import { aClaim, aSuggestion } from '../../fixtures/builders';
import {
  caseWithSource,
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

const TEXT =
  'Delivery note 4471: 40,000 litres signed for at berth 7 by M. Kessel. ' +
  'Kessel later denied signing. M. Kessel was on leave that week.';

interface Fixture {
  readonly s: CasefileStorage;
  readonly caseId: CaseId;
  readonly source: Source;
}

function setUp(text = TEXT): Promise<Fixture> {
  return caseWithSource(storage, text, { title: 'Delivery note 4471' });
}

function highlight(source: Source, quote: string, extra: Partial<NewPassageInput> = {}) {
  return { sourceId: source.id, kind: 'highlight' as const, ...rangeOf(TEXT, quote), ...extra };
}

describe('create', () => {
  test('builds the selectors from the stored text, keeps colour and note, and records it', async () => {
    const { s, caseId, source } = await setUp();
    const { start, end } = rangeOf(TEXT, '40,000 litres');
    // A selection with stray spaces at its edges anchors the words only.
    const passage = value(
      await s.passages.create(caseId, {
        sourceId: source.id,
        kind: 'highlight',
        start: start - 1,
        end: end + 1,
        colour: 'green',
        note: 'Matches the schedule.',
      }),
    );
    expect(passage).toEqual({
      id: passage.id,
      caseId,
      createdAt: passage.createdAt,
      updatedAt: passage.createdAt,
      sourceId: source.id,
      kind: 'highlight',
      quote: {
        type: 'TextQuoteSelector',
        exact: '40,000 litres',
        prefix: 'Delivery note 4471: ',
        suffix: ' signed for at berth 7 by M. Kes',
      },
      position: { type: 'TextPositionSelector', start, end },
      orphaned: false,
      colour: 'green',
      note: 'Matches the schedule.',
    });
    expect(await s.passages.get(passage.id)).toEqual(passage);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'passage.created',
      subject: passage.id,
      detail: { passageId: passage.id, sourceId: source.id, kind: 'highlight', start, end },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('a comment and an evidence passage need no colour; #rrggbb is kept lower-case', async () => {
    const { s, caseId, source } = await setUp();
    const comment = value(
      await s.passages.create(caseId, { ...highlight(source, 'berth 7'), kind: 'comment' }),
    );
    expect(comment).not.toHaveProperty('colour');
    expect(comment.note).toBe('');
    const evidence = value(
      await s.passages.create(caseId, {
        ...highlight(source, 'denied signing'),
        kind: 'evidence',
        colour: '#F5C542',
      }),
    );
    expect(evidence.colour).toBe('#f5c542');
    for (const colour of PASSAGE_COLOURS) {
      expect(
        value(await s.passages.create(caseId, highlight(source, 'Kessel', { colour }))).colour,
      ).toBe(colour);
    }
  });

  test('a mention of an existing entity points at it', async () => {
    const { s, caseId, source } = await setUp();
    const kessel = value(await s.entities.create(caseId, { type: 'Person', name: 'Mara Kessel' }));
    const mention = value(
      await s.passages.create(caseId, {
        ...highlight(source, 'M. Kessel'),
        kind: 'mention',
        entityId: kessel.id,
      }),
    );
    expect(mention).toMatchObject({ kind: 'mention', entityId: kessel.id });
    expect((await s.audit.list(caseId)).at(-1)?.detail).toMatchObject({ entityId: kessel.id });
  });

  test('a mention of a new entity creates it in the same transaction', async () => {
    const { s, caseId, source } = await setUp();
    const mention = value(
      await s.passages.create(caseId, {
        ...highlight(source, 'M. Kessel'),
        kind: 'mention',
        newEntity: { type: 'Person', name: '  Mara   Kessel ', aliases: ['M. Kessel'] },
      }),
    );
    const entity = await s.entities.get(asEntityId(mention.entityId!));
    expect(entity).toMatchObject({
      caseId,
      type: 'Person',
      name: 'Mara Kessel',
      aliases: ['M. Kessel'],
    });
    expect((await s.audit.list(caseId)).slice(-2).map((e) => [e.action, e.subject])).toEqual([
      ['entity.created', entity?.id],
      ['passage.created', mention.id],
    ]);
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('passages may overlap: each is stored, listed in text order and drawn as flat segments', async () => {
    const { s, caseId, source } = await setUp();
    const wide = value(
      await s.passages.create(caseId, highlight(source, 'at berth 7 by M. Kessel')),
    );
    const inner = value(await s.passages.create(caseId, highlight(source, 'berth 7')));
    const crossing = value(await s.passages.create(caseId, highlight(source, 'M. Kessel. Kessel')));
    const listed = value(await s.passages.forSource(source.id));
    expect(listed.map((p) => p.id)).toEqual([wide.id, inner.id, crossing.id]);
    const segments = segmentsForHighlights(
      TEXT.length,
      listed.map((p) => ({ id: p.id, start: p.position.start, end: p.position.end })),
    );
    expect(segments.find((segment) => segment.ids.length === 2)?.ids).toEqual([wide.id, inner.id]);
    expect(
      segments.find(
        (segment) => segment.ids.includes(wide.id) && segment.ids.includes(crossing.id),
      ),
    ).toBeDefined();
  });

  describe('bad input is refused and changes nothing', () => {
    test.each<[string, Partial<NewPassageInput>, string]>([
      ['an unknown kind', { kind: 'underline' as never }, 'passage.kindUnknown'],
      ['an unknown colour', { colour: 'red' }, 'passage.colourInvalid'],
      ['a short hex colour', { colour: '#fff' }, 'passage.colourInvalid'],
      ['a note too long', { note: 'x'.repeat(MAX_PASSAGE_NOTE_LENGTH + 1) }, 'passage.noteTooLong'],
      ['an empty selection', { start: 5, end: 5 }, 'anchor.empty'],
      ['a white-space selection', rangeOf(TEXT, ' ', 0), 'anchor.blank'],
      ['a selection past the end', { start: 10, end: TEXT.length + 1 }, 'anchor.outOfRange'],
      ['a fractional offset', { start: 1.5, end: 4 }, 'anchor.invalid'],
      ['a mention without an entity', { kind: 'mention' }, 'passage.entityRequired'],
      [
        'a mention with both an entity and a new one',
        {
          kind: 'mention',
          entityId: asEntityId(globalThis.crypto.randomUUID()),
          newEntity: { type: 'Person', name: 'X' },
        },
        'passage.entityConflict',
      ],
      [
        'a highlight with an entity',
        { entityId: asEntityId(globalThis.crypto.randomUUID()) },
        'passage.entityNotAllowed',
      ],
      [
        'a mention of an unknown entity',
        { kind: 'mention', entityId: asEntityId(globalThis.crypto.randomUUID()) },
        'passage.entityNotFound',
      ],
      [
        'a new entity without a name',
        { kind: 'mention', newEntity: { type: 'Person', name: '  ' } },
        'entity.nameEmpty',
      ],
      [
        'a new entity of an unknown type',
        { kind: 'mention', newEntity: { type: 'Spaceship', name: 'Nostromo' } },
        'entity.typeUnknown',
      ],
      [
        'an unknown source',
        { sourceId: asSourceId(globalThis.crypto.randomUUID()) },
        'passage.sourceNotFound',
      ],
    ])('%s', async (_label, change, code) => {
      const { s, caseId, source } = await setUp();
      await expectRefused(
        s,
        () => s.passages.create(caseId, { ...highlight(source, 'berth 7'), ...change }),
        code,
      );
    });

    test('a source or an entity of another case', async () => {
      const { s, caseId, source } = await setUp();
      const other = await newCase(s, 'Other');
      const elsewhere = value(await s.entities.create(other, { type: 'Person', name: 'Kessel' }));
      await expectRefused(
        s,
        () => s.passages.create(other, highlight(source, 'berth 7')),
        'passage.sourceNotFound',
      );
      await expectRefused(
        s,
        () =>
          s.passages.create(caseId, {
            ...highlight(source, 'Kessel'),
            kind: 'mention',
            entityId: elsewhere.id,
          }),
        'passage.entityNotFound',
      );
    });

    test('a mention of an entity merged away', async () => {
      const { s, caseId, source } = await setUp();
      const survivor = value(await s.entities.create(caseId, { type: 'Person', name: 'Mara' }));
      const merged = value(await s.entities.create(caseId, { type: 'Person', name: 'Kessel' }));
      value(await s.entities.merge(survivor.id, merged.id));
      await expectRefused(
        s,
        () =>
          s.passages.create(caseId, {
            ...highlight(source, 'Kessel'),
            kind: 'mention',
            entityId: merged.id,
          }),
        'passage.entityNotFound',
      );
    });
  });
});

describe('forSource: re-anchoring', () => {
  async function withPassages() {
    const fixture = await setUp();
    const { s, caseId, source } = fixture;
    const litres = value(await s.passages.create(caseId, highlight(source, '40,000 litres')));
    const denied = value(await s.passages.create(caseId, highlight(source, 'denied signing')));
    const leave = value(await s.passages.create(caseId, highlight(source, 'on leave')));
    return { ...fixture, litres, denied, leave };
  }

  test('in text order; nothing is written while every passage is where it was', async () => {
    const { s, caseId, source, litres, denied, leave } = await withPassages();
    const before = await countRows(s);
    const listed = value(await s.passages.forSource(source.id));
    expect(listed.map((p) => p.id)).toEqual([litres.id, denied.id, leave.id]);
    expect(listed).toEqual([litres, denied, leave]);
    expect(await countRows(s)).toEqual(before);
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('text inserted before the quotes: positions move, and are saved once', async () => {
    const { s, caseId, source, litres, denied } = await withPassages();
    const preface = 'RE-SCANNED COPY. ';
    await setSourceText(s, source.id, preface + TEXT);
    const listed = value(await s.passages.forSource(source.id));
    const moved = listed.find((p) => p.id === litres.id)!;
    expect(moved.position).toEqual({
      type: 'TextPositionSelector',
      start: litres.position.start + preface.length,
      end: litres.position.end + preface.length,
    });
    expect(moved.quote.exact).toBe('40,000 litres');
    expect(moved.quote.prefix).toBe('ANNED COPY. Delivery note 4471: ');
    expect(moved.orphaned).toBe(false);
    expect(await s.passages.get(litres.id)).toEqual(moved);
    expect((await s.passages.get(denied.id))?.position.start).toBe(
      denied.position.start + preface.length,
    );
    const event = (await s.audit.list(caseId)).at(-1);
    expect(event).toMatchObject({ action: 'passages.reanchored', subject: source.id });
    expect(event?.detail['moved']).toHaveLength(3);

    // Saved: a second read finds every passage in place and writes nothing.
    const before = await countRows(s);
    expect(value(await s.passages.forSource(source.id))).toEqual(listed);
    expect(await countRows(s)).toEqual(before);
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('a quote that is gone is orphaned — listed last, not lost — and recovers when it returns', async () => {
    const { s, caseId, source, litres, denied, leave } = await withPassages();
    await setSourceText(s, source.id, TEXT.replace('denied signing', 'refused paying'));
    const orphaned = value(await s.passages.forSource(source.id));
    expect(orphaned.map((p) => [p.id, p.orphaned])).toEqual([
      [litres.id, false],
      [leave.id, false],
      [denied.id, true],
    ]);
    const kept = await s.passages.get(denied.id);
    expect(kept).toEqual({ ...denied, orphaned: true, updatedAt: kept?.updatedAt });
    expect((await s.audit.list(caseId)).at(-1)?.detail).toMatchObject({
      moved: [],
      orphaned: [denied.id],
      restored: [],
    });
    // Still orphaned on the next read: nothing more is written.
    const before = await countRows(s);
    value(await s.passages.forSource(source.id));
    expect(await countRows(s)).toEqual(before);

    await setSourceText(s, source.id, TEXT);
    const restored = value(await s.passages.forSource(source.id));
    expect(restored.map((p) => [p.id, p.orphaned])).toEqual([
      [litres.id, false],
      [denied.id, false],
      [leave.id, false],
    ]);
    expect((await s.passages.get(denied.id))?.position).toEqual(denied.position);
    expect((await s.audit.list(caseId)).at(-1)?.detail).toMatchObject({ restored: [denied.id] });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('an orphan whose quote comes back elsewhere is moved there and restored', async () => {
    const { s, source, denied } = await withPassages();
    await setSourceText(s, source.id, TEXT.replace('denied signing', 'refused paying'));
    value(await s.passages.forSource(source.id));
    const moved = `Note added: Kessel denied signing. ${TEXT.replace('denied signing', 'refused paying')}`;
    await setSourceText(s, source.id, moved);
    const listed = value(await s.passages.forSource(source.id));
    const back = listed.find((p) => p.id === denied.id)!;
    expect(back.orphaned).toBe(false);
    expect(moved.slice(back.position.start, back.position.end)).toBe('denied signing');
  });

  test('white space changed by re-extraction: found again, and the quote follows the text', async () => {
    const { s, source, denied } = await withPassages();
    const respaced = TEXT.replace('denied signing', 'denied\n signing');
    await setSourceText(s, source.id, respaced);
    const listed = value(await s.passages.forSource(source.id));
    const found = listed.find((p) => p.id === denied.id)!;
    expect(found.orphaned).toBe(false);
    expect(found.quote.exact).toBe('denied\n signing');
    expect(respaced.slice(found.position.start, found.position.end)).toBe('denied\n signing');
    const before = await countRows(s);
    value(await s.passages.forSource(source.id));
    expect(await countRows(s), 'the next read hits the stored position').toEqual(before);
  });

  test('a repeated quote is re-found by its context, not by the first occurrence', async () => {
    const { s, caseId, source } = await setUp();
    const second = value(
      await s.passages.create(caseId, {
        sourceId: source.id,
        kind: 'highlight',
        ...rangeOf(TEXT, 'M. Kessel', 1),
      }),
    );
    await setSourceText(s, source.id, `M. Kessel (pages 1–3). ${TEXT}`);
    const [moved] = value(await s.passages.forSource(source.id));
    expect(moved?.quote.suffix.startsWith(' was on leave')).toBe(true);
    expect(moved?.position.start).toBe(second.position.start + 'M. Kessel (pages 1–3). '.length);
  });

  test('1,000 passages on a 1 MB text re-anchor correctly after a shift', async () => {
    const paragraphs: string[] = [];
    for (let i = 0, length = 0; length < 1_000_000; i += 1) {
      paragraphs.push(`Paragraph ${i}: the shipment left berth 7 at dawn with forty drums.`);
      length += paragraphs[i]!.length + 2;
    }
    const text = paragraphs.join('\n\n');
    const { s, caseId, source } = await setUp(text);
    const every = Math.floor(paragraphs.length / 1_000);
    const rows: Passage[] = Array.from({ length: 1_000 }, (_, i) => {
      const { start, end } = rangeOf(text, `Paragraph ${i * every}:`);
      return {
        id: asPassageId(globalThis.crypto.randomUUID()),
        caseId,
        createdAt: '2026-01-01T09:00:00.000Z',
        updatedAt: '2026-01-01T09:00:00.000Z',
        sourceId: source.id,
        kind: 'highlight',
        quote: {
          type: 'TextQuoteSelector',
          exact: text.slice(start, end),
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(end, end + 32),
        },
        position: { type: 'TextPositionSelector', start, end },
        orphaned: false,
        note: '',
      };
    });
    await s.db.passages.bulkAdd(rows);
    const auditBefore = await s.db.audit.count();
    expect(value(await s.passages.forSource(source.id))).toHaveLength(1_000);
    expect(await s.db.audit.count(), 'all in place: nothing written').toBe(auditBefore);

    await setSourceText(s, source.id, `Preface. ${text}`);
    const shifted = value(await s.passages.forSource(source.id));
    expect(shifted.filter((p) => p.orphaned)).toEqual([]);
    const original = new Map(rows.map((row) => [row.id, row] as const));
    for (const passage of shifted) {
      expect(passage.position.start).toBe(original.get(passage.id)!.position.start + 9);
    }
    expect(await s.db.audit.count()).toBe(auditBefore + 1);
  });

  test('a source that does not exist', async () => {
    const { s } = await setUp();
    expect(await s.passages.forSource(asSourceId(globalThis.crypto.randomUUID()))).toMatchObject({
      ok: false,
      error: { code: 'passage.sourceNotFound' },
    });
  });

  test('read-only: shows where the passages are now, writes nothing', async () => {
    const { s, source, litres } = await withPassages();
    await setSourceText(s, source.id, `Preface. ${TEXT}`);
    const readOnly = await reopenReadOnly(s, (name) => storage(name));
    const before = await countRows(readOnly);
    const listed = value(await readOnly.passages.forSource(source.id));
    expect(listed.find((p) => p.id === litres.id)?.position.start).toBe(
      litres.position.start + 'Preface. '.length,
    );
    expect(await readOnly.passages.get(litres.id)).toEqual(litres);
    expect(await countRows(readOnly)).toEqual(before);
  });
});

describe('update', () => {
  test('changes kind, colour and note; records the fields; a no-op writes nothing', async () => {
    const { s, caseId, source } = await setUp();
    const passage = value(await s.passages.create(caseId, highlight(source, 'berth 7')));
    const updated = value(
      await s.passages.update(passage.id, { kind: 'evidence', colour: 'blue', note: 'Berth.' }),
    );
    expect(updated).toMatchObject({ kind: 'evidence', colour: 'blue', note: 'Berth.' });
    expect(updated.updatedAt > passage.updatedAt).toBe(true);
    expect(await s.passages.get(passage.id)).toEqual(updated);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'passage.updated',
      detail: { passageId: passage.id, fields: ['kind', 'colour', 'note'] },
    });

    const before = await countRows(s);
    expect(value(await s.passages.update(passage.id, { colour: 'blue' }))).toEqual(updated);
    expect(await countRows(s)).toEqual(before);

    const cleared = value(await s.passages.update(passage.id, { colour: '' }));
    expect(cleared).not.toHaveProperty('colour');
  });

  test('a mention that becomes a highlight stops pointing at its entity', async () => {
    const { s, caseId, source } = await setUp();
    const mention = value(
      await s.passages.create(caseId, {
        ...highlight(source, 'Kessel'),
        kind: 'mention',
        newEntity: { type: 'Person', name: 'Kessel' },
      }),
    );
    const untagged = value(await s.passages.update(mention.id, { kind: 'highlight' }));
    expect(untagged).not.toHaveProperty('entityId');
    expect((await s.audit.list(caseId)).at(-1)?.detail).toEqual({
      passageId: mention.id,
      fields: ['kind', 'entityId'],
      untaggedEntityId: mention.entityId,
    });
  });

  test.each<[string, object, string]>([
    ['into a mention (no entity to point at)', { kind: 'mention' }, 'passage.entityRequired'],
    ['to an unknown kind', { kind: 'scribble' }, 'passage.kindUnknown'],
    ['to an unknown colour', { colour: 'mauve' }, 'passage.colourInvalid'],
    [
      'with a note too long',
      { note: 'x'.repeat(MAX_PASSAGE_NOTE_LENGTH + 1) },
      'passage.noteTooLong',
    ],
  ])('is refused %s and changes nothing', async (_label, changes, code) => {
    const { s, caseId, source } = await setUp();
    const passage = value(await s.passages.create(caseId, highlight(source, 'berth 7')));
    await expectRefused(s, () => s.passages.update(passage.id, changes), code);
    expect(await s.passages.get(passage.id)).toEqual(passage);
  });

  test('an unknown passage', async () => {
    const { s } = await setUp();
    await expectRefused(
      s,
      () => s.passages.update(asPassageId(globalThis.crypto.randomUUID()), { note: 'x' }),
      'passage.notFound',
    );
  });
});

describe('delete', () => {
  test('removes the passage, the accepted suggestion that made it, and records it', async () => {
    const { s, caseId, source } = await setUp();
    const passage = value(await s.passages.create(caseId, highlight(source, 'berth 7')));
    const other = value(await s.passages.create(caseId, highlight(source, 'Kessel')));
    const madeIt = aSuggestion({
      caseId,
      sourceId: source.id,
      status: 'accepted',
      passageId: passage.id,
    });
    const unrelated = aSuggestion({
      caseId,
      sourceId: source.id,
      status: 'accepted',
      passageId: other.id,
    });
    await s.db.suggestions.bulkAdd([madeIt, unrelated]);
    expect(await s.passages.delete(passage.id)).toEqual({ ok: true, value: undefined });
    expect(await s.passages.get(passage.id)).toBeUndefined();
    expect(await s.db.suggestions.toArray()).toEqual([unrelated]);
    expect((await s.audit.list(caseId)).at(-1)).toMatchObject({
      action: 'passage.deleted',
      subject: passage.id,
      detail: { passageId: passage.id, sourceId: source.id, kind: 'highlight' },
    });
    expect((await s.audit.verify(caseId)).ok).toBe(true);
  });

  test('a passage cited as evidence by a claim is kept: passage.citedByClaim', async () => {
    const { s, caseId, source } = await setUp();
    const passage = value(await s.passages.create(caseId, highlight(source, 'berth 7')));
    await s.db.claims.add(aClaim({ caseId, evidence: [passage.id] }));
    await expectRefused(s, () => s.passages.delete(passage.id), 'passage.citedByClaim');
    expect(await s.passages.get(passage.id)).toEqual(passage);
  });

  test('an unknown passage', async () => {
    const { s } = await setUp();
    await expectRefused(
      s,
      () => s.passages.delete(asPassageId(globalThis.crypto.randomUUID())),
      'passage.notFound',
    );
  });
});

describe('a database written by a newer app (read-only)', () => {
  test('every passage write is refused with storage.readOnly', async () => {
    const { s, caseId, source } = await setUp();
    const passage = value(await s.passages.create(caseId, highlight(source, 'berth 7')));
    const readOnly = await reopenReadOnly(s, (name) => storage(name));
    const before = await countRows(readOnly);
    const refused = { ok: false, error: { code: 'storage.readOnly' } };
    expect(await readOnly.passages.create(caseId, highlight(source, 'Kessel'))).toMatchObject(
      refused,
    );
    expect(await readOnly.passages.update(passage.id, { note: 'x' })).toMatchObject(refused);
    expect(await readOnly.passages.delete(passage.id)).toMatchObject(refused);
    expect(await countRows(readOnly)).toEqual(before);
    expect(await readOnly.passages.get(passage.id)).toEqual(passage);
  });
});
