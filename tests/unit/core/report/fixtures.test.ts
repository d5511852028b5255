import { describe, expect, it } from 'vitest';
import { parseNoteDocument, noteReferences, noteText } from '../../../../src/core/model/note';
import { validateNewClaim } from '../../../../src/core/model/claim';
import { passageLocator } from '../../../../src/core/report';
import {
  HOSTILE,
  HOSTILE_STRINGS,
  SMALL_IDS as ids,
  smallReportInput,
  smallSourceContents,
} from '../../../fixtures/reports/smallCase';

describe('the small report fixture', () => {
  for (const hostile of [false, true]) {
    it(`has passages at real offsets of its texts${hostile ? ' (hostile)' : ''}`, () => {
      const input = smallReportInput({ hostile });
      const texts = new Map(smallSourceContents({ hostile }).map((c) => [c.id as string, c.text]));
      for (const passage of input.passages) {
        const text = texts.get(passage.sourceId)!;
        const { start, end } = passage.position;
        expect(text.slice(start, end)).toBe(passage.quote.exact);
        expect(text.slice(0, start).endsWith(passage.quote.prefix)).toBe(true);
        expect(text.slice(end).startsWith(passage.quote.suffix)).toBe(true);
      }
    });

    it(`holds a sound note and valid claims${hostile ? ' (hostile)' : ''}`, () => {
      const input = smallReportInput({ hostile });
      const parsed = parseNoteDocument(JSON.stringify(input.note!.document));
      expect(parsed.ok).toBe(true);
      expect(noteReferences(input.note!.document)).toEqual({
        entityIds: [ids.mara],
        passageIds: [ids.pNewsPayment],
        claimIds: [ids.cSigned],
      });
      for (const claim of input.claims) {
        expect(validateNewClaim({ ...claim, analystAssertion: false }).ok).toBe(true);
      }
    });
  }

  it('cites the payment across the page break', () => {
    const input = smallReportInput();
    const passage = input.passages.find((p) => p.id === ids.pNewsPayment)!;
    expect(passageLocator(input.structures[ids.news], passage.position)).toBe('pp. 1–2');
  });

  it('puts every injection string into titles, names, claims, quotes and note text when hostile', () => {
    const input = smallReportInput({ hostile: true });
    const fields = [
      input.case.title,
      input.sources[0]!.title,
      input.entities[0]!.name,
      input.claims[1]!.predicate,
      input.claims[1]!.note,
      input.claims[1]!.object.kind === 'literal' ? input.claims[1]!.object.value : '',
      input.passages[0]!.quote.exact,
      noteText(input.note!.document),
      input.charts[0]!.title,
    ];
    for (const field of fields) {
      for (const hostile of HOSTILE_STRINGS) expect(field).toContain(hostile);
    }
    expect(input.entities[0]!.name.startsWith('=HYPERLINK')).toBe(true);
    expect(JSON.stringify(smallReportInput())).not.toContain(HOSTILE_STRINGS[0]);
    expect(HOSTILE).toContain('@SUM(1)');
  });
});
