import { describe, expect, it } from 'vitest';
import { asChartId, asClaimId, asNoteId } from '../../../../src/core/model/ids';
import {
  defaultReportOptions,
  MAX_REPORT_AUTHOR_LENGTH,
  MAX_REPORT_TITLE_LENGTH,
  reportScope,
  validateReportOptions,
  type ReportInput,
  type ReportOptions,
} from '../../../../src/core/report';
import { MAX_MARKING_LENGTH } from '../../../../src/core/model/handling';
import {
  SMALL_IDS as ids,
  smallReportInput,
  smallReportOptions,
} from '../../../fixtures/reports/smallCase';

const input = smallReportInput();
const UNKNOWN = '99999999-0000-4000-8000-000000000001';

function validate(overrides: Record<string, unknown>, on: ReportInput = input) {
  return validateReportOptions({ ...smallReportOptions(), ...overrides }, on);
}

function errorOf(result: ReturnType<typeof validate>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('validateReportOptions', () => {
  it('accepts good options, trimmed, duplicates dropped in order, "include" left implicit', () => {
    const result = validate({
      title: '  Interim   report ',
      author: ' A. Investigator ',
      marking: ' TLP:RED ',
      claimIds: [ids.cPaid, ids.cEmploys, ids.cPaid],
      entityIds: [ids.jonas, ids.jonas, ids.mara],
      sourceIds: [ids.web, ids.news, ids.web],
      chartIds: [ids.chart, ids.chart],
      redaction: {
        sources: { [ids.news]: 'include', [ids.web]: 'withhold', [ids.email]: 'exclude' },
        excludedEntityIds: [ids.berth, ids.berth],
      },
      sections: { timeline: false },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'Interim report',
        author: 'A. Investigator',
        marking: 'TLP:RED',
        narrativeNoteId: ids.note,
        claimIds: [ids.cPaid, ids.cEmploys],
        entityIds: [ids.jonas, ids.mara],
        chartIds: [ids.chart],
        sourceIds: [ids.web, ids.news],
        redaction: {
          sources: { [ids.web]: 'withhold', [ids.email]: 'exclude' },
          excludedEntityIds: [ids.berth],
        },
        sections: { timeline: false },
      },
    });
  });

  it('accepts options without a narrative, author, lists or redaction', () => {
    const result = validateReportOptions({ title: 'T', marking: 'TLP:CLEAR' }, input);
    expect(result.ok && result.value).toEqual({
      title: 'T',
      author: '',
      marking: 'TLP:CLEAR',
      claimIds: [],
      entityIds: [],
      chartIds: [],
      sourceIds: [],
      redaction: { sources: {}, excludedEntityIds: [] },
    });
  });

  it('refuses a blank or too long title', () => {
    expect(errorOf(validate({ title: '   ' })).code).toBe('report.titleEmpty');
    const tooLong = errorOf(validate({ title: 'x'.repeat(MAX_REPORT_TITLE_LENGTH + 1) }));
    expect(tooLong.code).toBe('report.titleTooLong');
    expect(tooLong.message).toContain(String(MAX_REPORT_TITLE_LENGTH));
    expect(validate({ title: 'x'.repeat(MAX_REPORT_TITLE_LENGTH) }).ok).toBe(true);
  });

  it('refuses a too long author and a blank or too long marking', () => {
    expect(errorOf(validate({ author: 'a'.repeat(MAX_REPORT_AUTHOR_LENGTH + 1) })).code).toBe(
      'report.authorTooLong',
    );
    expect(errorOf(validate({ marking: ' ' })).code).toBe('report.markingEmpty');
    expect(errorOf(validate({ marking: 'M'.repeat(MAX_MARKING_LENGTH + 1) })).code).toBe(
      'report.markingTooLong',
    );
  });

  it('names each id that is not in the case', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ claimIds: [ids.cPaid, UNKNOWN] }, 'report.unknownClaim'],
      [{ entityIds: [UNKNOWN] }, 'report.unknownEntity'],
      [{ sourceIds: [UNKNOWN] }, 'report.unknownSource'],
      [{ chartIds: [UNKNOWN] }, 'report.unknownChart'],
      [{ narrativeNoteId: UNKNOWN }, 'report.unknownNote'],
      [
        { redaction: { sources: { [UNKNOWN]: 'exclude' }, excludedEntityIds: [] } },
        'report.unknownSource',
      ],
      [{ redaction: { sources: {}, excludedEntityIds: [UNKNOWN] } }, 'report.unknownEntity'],
    ];
    for (const [overrides, code] of cases) {
      const error = errorOf(validate(overrides));
      expect(error.code).toBe(code);
      expect(error.message).toContain(UNKNOWN);
    }
  });

  it('refuses a narrative note when the input has none', () => {
    const { note: _note, ...withoutNote } = input;
    expect(errorOf(validate({}, withoutNote)).code).toBe('report.unknownNote');
  });

  it('refuses a redaction other than include, withhold or exclude', () => {
    const error = errorOf(
      validate({ redaction: { sources: { [ids.news]: 'hide' }, excludedEntityIds: [] } }),
    );
    expect(error.code).toBe('report.redactionInvalid');
    expect(error.message).toContain('"hide"');
  });

  it('refuses malformed options', () => {
    expect(errorOf(validateReportOptions(null, input)).code).toBe('report.optionsInvalid');
    expect(errorOf(validateReportOptions('x', input)).code).toBe('report.optionsInvalid');
    expect(errorOf(validate({ title: 42 })).code).toBe('report.optionsInvalid');
    expect(errorOf(validate({ claimIds: ids.cPaid })).code).toBe('report.optionsInvalid');
    expect(errorOf(validate({ claimIds: [42] })).code).toBe('report.optionsInvalid');
    expect(errorOf(validate({ redaction: [] })).code).toBe('report.optionsInvalid');
    expect(errorOf(validate({ redaction: { sources: [] } })).code).toBe('report.optionsInvalid');
    expect(errorOf(validate({ sections: { timeline: 'no' } })).code).toBe('report.optionsInvalid');
    expect(errorOf(validate({ sections: { cover: false } })).code).toBe('report.sectionUnknown');
  });
});

describe('defaultReportOptions', () => {
  it('with a note that embeds claims: those claims and everything the note and they cite', () => {
    const options = defaultReportOptions(input, ids.note);
    expect(options).toEqual({
      title: 'Harbour fuel diversion',
      author: '',
      marking: 'TLP:AMBER',
      narrativeNoteId: ids.note,
      // The note embeds only "Mara signed for delivery 4471".
      claimIds: [ids.cSigned],
      // Mentioned by the note, and the claim's subject (its object is a literal).
      entityIds: [ids.mara],
      // The quoted passage's source, then the claim's evidence source.
      sourceIds: [ids.news, ids.email],
      chartIds: [ids.chart],
      redaction: { sources: {}, excludedEntityIds: [] },
    });
    expect(validateReportOptions(options, input)).toEqual({ ok: true, value: options });
  });

  it('without a note: every claim, oldest first, and what they cite', () => {
    const shuffled = { ...input, claims: [...input.claims].reverse(), note: undefined };
    const options = defaultReportOptions(shuffled);
    expect(options.narrativeNoteId).toBeUndefined();
    expect(options.claimIds).toEqual([ids.cEmploys, ids.cSigned, ids.cPaid, ids.cLocated]);
    expect(options.entityIds).toEqual([ids.northwind, ids.mara, ids.jonas, ids.berth]);
    expect(options.sourceIds).toEqual([ids.news, ids.web, ids.email]);
    expect(validateReportOptions(options, shuffled).ok).toBe(true);
  });

  it('ignores a note id the input does not hold', () => {
    const options = defaultReportOptions(input, asNoteId(UNKNOWN));
    expect(options.narrativeNoteId).toBeUndefined();
    expect(options.claimIds).toHaveLength(4);
  });

  it('with a note that embeds no claim: every claim, plus what the note mentions and quotes', () => {
    const root = input.note!.document.editorState.root;
    const note = {
      ...input.note!,
      document: {
        ...input.note!.document,
        editorState: {
          root: { ...root, children: root.children!.filter((n) => n.type !== 'claim-embed') },
        },
      },
    };
    const options = defaultReportOptions({ ...input, note }, ids.note);
    expect(options.narrativeNoteId).toBe(ids.note);
    expect(options.claimIds).toEqual([ids.cEmploys, ids.cSigned, ids.cPaid, ids.cLocated]);
    expect(options.entityIds[0]).toBe(ids.mara);
    expect(options.sourceIds[0]).toBe(ids.news);
  });

  it('picks the most recently updated chart, and none when the case has none', () => {
    const older = {
      ...input.charts[0]!,
      id: asChartId(UNKNOWN),
      updatedAt: '2020-01-01T00:00:00.000Z',
    };
    const newer = { ...input.charts[0]!, updatedAt: '2027-01-01T00:00:00.000Z' };
    expect(defaultReportOptions({ ...input, charts: [newer, older] }).chartIds).toEqual([
      ids.chart,
    ]);
    expect(defaultReportOptions({ ...input, charts: [] }).chartIds).toEqual([]);
  });

  it('falls back to a default marking and title when the case has none', () => {
    const options = defaultReportOptions({
      ...input,
      case: { ...input.case, title: ' ', marking: '' },
    });
    expect(options.marking).toBe('TLP:AMBER');
    expect(options.title).toBe('Case report');
  });
});

describe('reportScope', () => {
  it('keeps the chosen claims in order and the chosen entities plus those the claims name', () => {
    const options: ReportOptions = smallReportOptions({
      claimIds: [ids.cLocated, ids.cPaid],
      entityIds: [ids.delivery],
    });
    const scope = reportScope(input, options);
    expect(scope.claims.map((c) => c.id)).toEqual([ids.cLocated, ids.cPaid]);
    expect(scope.entities.map((e) => e.id)).toEqual([
      ids.delivery,
      ids.northwind,
      ids.berth,
      ids.jonas,
      ids.mara,
    ]);
  });

  it('drops claims naming an excluded entity, as subject or object, and the entity itself', () => {
    const scope = reportScope(
      input,
      smallReportOptions({ redaction: { sources: {}, excludedEntityIds: [ids.mara] } }),
    );
    expect(scope.claims.map((c) => c.id)).toEqual([ids.cLocated]);
    expect(scope.entities.map((e) => e.id)).not.toContain(ids.mara);
    expect(scope.entities.map((e) => e.id)).toContain(ids.jonas);
  });

  it('ignores ids that are not in the input', () => {
    const scope = reportScope(input, smallReportOptions({ claimIds: [asClaimId(UNKNOWN)] }));
    expect(scope.claims).toEqual([]);
  });
});
