import { describe, expect, it } from 'vitest';
import {
  MAX_PASSAGE_TITLE_LENGTH,
  MISSING_ENTITY_NAME,
  dayRangeOf,
  toSearchDocument,
} from '../../../src/search/documents';
import { serializeNoteDocument } from '../../../src/core/model/note';
import { aClaim, aNote, aPassage, aSource, anEntity } from '../../fixtures/builders';
import { noteOf } from './caseFixture';

describe('toSearchDocument', () => {
  it('a source: its canonical text exactly, provenance apart, publication day range', () => {
    const text = '  Tanker  left\n\nat night.  ';
    const source = aSource({
      title: 'Port report',
      provenance: {
        author: 'Hanna Vries',
        publisher: 'Harbour Times',
        url: 'https://example.org/a',
        fileName: 'report.eml',
        publishedAt: '2016-02',
        capturedAt: '2020-01-01T10:00:00Z',
        email: {
          from: 'a@example.org',
          to: ['b@example.org'],
          cc: ['c@example.org'],
          subject: 'Fuel',
        },
      },
    });
    const doc = toSearchDocument({ kind: 'source', stamp: 's1', source, text });
    expect(doc).toMatchObject({ kind: 'source', id: source.id, stamp: 's1', title: 'Port report' });
    expect(doc.text).toBe(text);
    expect(doc.extra?.split('\n')).toEqual([
      'Hanna Vries',
      'Harbour Times',
      'https://example.org/a',
      'report.eml',
      'a@example.org',
      'b@example.org',
      'c@example.org',
      'Fuel',
    ]);
    expect(doc.date).toEqual({ first: '2016-02-01', last: '2016-02-29' });
  });

  it('a source without publication date is dated by its capture day; without either, undated', () => {
    const captured = aSource({ provenance: { capturedAt: '2020-01-05T23:30:00+02:00' } });
    expect(
      toSearchDocument({ kind: 'source', stamp: 's', source: captured, text: '' }).date,
    ).toEqual({ first: '2020-01-05', last: '2020-01-05' });
    const undated = aSource({ provenance: {} });
    const doc = toSearchDocument({ kind: 'source', stamp: 's', source: undated, text: '' });
    expect(doc.date).toBeUndefined();
    expect(doc.extra).toBeUndefined();
  });

  it('a passage: quote as title (capped), comment as text, source, entity and position', () => {
    const passage = aPassage({
      quote: { type: 'TextQuoteSelector', exact: 'word '.repeat(200), prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 10, end: 1010 },
      note: 'Flagged',
      entityId: 'e1' as never,
    });
    const doc = toSearchDocument({ kind: 'passage', stamp: 'p', passage });
    expect(doc.title.length).toBeLessThanOrEqual(MAX_PASSAGE_TITLE_LENGTH);
    expect(doc.title.endsWith('…')).toBe(true);
    expect(doc).toMatchObject({
      text: 'Flagged',
      sourceId: passage.sourceId,
      entityIds: ['e1'],
      position: { start: 10, end: 1010 },
    });
  });

  it('an entity: name as title; aliases, attribute values and notes as text', () => {
    const entity = anEntity({
      type: 'Person',
      name: 'Mara Kessel',
      aliases: ['M. Kessel'],
      attributes: { nationality: 'DE', born: 1971, verified: true },
      notes: 'Broker',
    });
    const doc = toSearchDocument({ kind: 'entity', stamp: 'e', entity });
    expect(doc).toMatchObject({
      title: 'Mara Kessel',
      entityType: 'Person',
      names: ['Mara Kessel', 'M. Kessel'],
    });
    expect(doc.text.split('\n')).toEqual(['M. Kessel', 'DE', '1971', 'true', 'Broker']);
  });

  it('a claim: "Subject – predicate – Object", note and attribution, valid time, links', () => {
    const claim = aClaim({
      predicate: 'works for',
      object: { kind: 'entity', entityId: 'acme' as never },
      validTime: { kind: 'interval', start: '2015-06' },
      evidence: ['p1' as never],
      note: 'Per the port report',
      attributedTo: 'Harbour master',
    });
    const doc = toSearchDocument({
      kind: 'claim',
      stamp: 'c',
      claim,
      subject: { id: claim.subjectId, name: 'Mara Kessel', aliases: ['MK'], type: 'Person' },
      object: { id: 'acme' as never, name: 'Acme Trading', aliases: [], type: 'Organization' },
    });
    expect(doc.title).toBe('Mara Kessel – works for – Acme Trading');
    expect(doc.text).toBe('Per the port report\nHarbour master');
    expect(doc.extra).toBe('MK');
    expect(doc.date).toEqual({ first: '2015-06-01', last: '9999-12-31' });
    expect(doc.entityIds).toEqual([claim.subjectId, 'acme']);
    expect(doc.passageIds).toEqual(['p1']);
  });

  it('a claim with a literal object and a missing subject; unknown valid time is undated', () => {
    const claim = aClaim({
      predicate: 'has phone',
      object: { kind: 'literal', value: '+49 30 1234' },
      validTime: { kind: 'unknown' },
    });
    const doc = toSearchDocument({ kind: 'claim', stamp: 'c', claim });
    expect(doc.title).toBe(`${MISSING_ENTITY_NAME} – has phone – +49 30 1234`);
    expect(doc.date).toBeUndefined();
    expect(doc.entityIds).toEqual([claim.subjectId]);
  });

  it('a note: its plain text, last edit day, references; malformed content: title only', () => {
    const note = aNote({
      title: 'Working theory',
      updatedAt: '2026-01-02T09:00:00.000Z',
      entityIds: ['e1' as never],
      passageIds: ['p1' as never],
    });
    const { editorState: _content, ...meta } = note;
    const serialized = serializeNoteDocument(noteOf('First line.', 'Second line.'));
    if (!serialized.ok) throw new Error('fixture');
    const doc = toSearchDocument({
      kind: 'note',
      stamp: 'n',
      note: meta,
      editorState: serialized.value,
    });
    expect(doc).toMatchObject({
      title: 'Working theory',
      date: { first: '2026-01-02', last: '2026-01-02' },
      entityIds: ['e1'],
      passageIds: ['p1'],
    });
    expect(doc.text.trim()).toBe('First line.\nSecond line.'); // core noteText, as written
    const broken = toSearchDocument({ kind: 'note', stamp: 'n', note: meta, editorState: '{oops' });
    expect(broken.title).toBe('Working theory');
    expect(broken.text).toBe('');
  });
});

describe('dayRangeOf', () => {
  it('reads partial dates and date-times, and nothing else', () => {
    expect(dayRangeOf('2016')).toEqual({ first: '2016-01-01', last: '2016-12-31' });
    expect(dayRangeOf('2016-02-03T01:00:00Z')).toEqual({ first: '2016-02-03', last: '2016-02-03' });
    expect(dayRangeOf('last tuesday')).toBeUndefined();
    expect(dayRangeOf(undefined)).toBeUndefined();
  });
});
