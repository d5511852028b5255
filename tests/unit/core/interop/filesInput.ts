/**
 * The small report case as a CaseExportInput for the file exporters' tests (GraphML, GEXF, CSV,
 * annotations, FollowTheMoney): plus a mention, a comment and an orphaned passage, a second
 * "paid" claim between the same two entities (a parallel edge), an analyst assertion, and chart
 * positions. `hostile` also puts XML-breaking text (control characters, a lone surrogate, `]]>`)
 * and spreadsheet formulas into names, values and notes.
 */
import { asClaimId, asPassageId } from '../../../../src/core/model/ids';
import type { Chart, Claim, Passage } from '../../../../src/core/model/records';
import type { CaseExportInput } from '../../../../src/core/interop/types';
import {
  SMALL_GENERATED_AT,
  SMALL_GENERATOR,
  SMALL_IDS,
  smallReportInput,
} from '../../../fixtures/reports/smallCase';

/** Text XML 1.0 cannot carry (removed on export) around markup and formula starts. */
export const XML_HOSTILE = ']]> & "q" \'a\' <b>x</b>\u0001\u0008\uFFFE\uD800 -1+1 @SUM(A1) end';
/** What XML_HOSTILE reads back as from GraphML or GEXF. */
export const XML_HOSTILE_READ = ']]> & "q" \'a\' <b>x</b> -1+1 @SUM(A1) end';

export const EXTRA_IDS = {
  cPaidAgain: asClaimId('00000c1a-0000-4000-8000-000000000005'),
  cAssertion: asClaimId('00000c1a-0000-4000-8000-000000000006'),
  pMention: asPassageId('00000a55-0000-4000-8000-000000000008'),
  pComment: asPassageId('00000a55-0000-4000-8000-000000000009'),
  pOrphan: asPassageId('00000a55-0000-4000-8000-00000000000a'),
} as const;

export function filesInput(options: { readonly hostile?: boolean } = {}): CaseExportInput {
  const hostile = options.hostile === true;
  const base = smallReportInput({ hostile });
  const x = (s: string): string => (hostile ? `${s} ${XML_HOSTILE}` : s);
  const ids = SMALL_IDS;
  const owned = {
    caseId: ids.case,
    createdAt: base.case.createdAt,
    updatedAt: base.case.updatedAt,
  };
  const template = base.passages[0]!;

  const passages: Passage[] = [
    ...base.passages,
    {
      ...template,
      id: EXTRA_IDS.pMention,
      kind: 'mention',
      entityId: ids.mara,
      note: '',
    },
    { ...template, id: EXTRA_IDS.pComment, kind: 'comment', note: x('Check the date') },
    {
      ...template,
      id: EXTRA_IDS.pOrphan,
      kind: 'highlight',
      orphaned: true,
      note: x('Lost after re-extraction'),
    },
  ];
  const paid = base.claims.find((c) => c.id === ids.cPaid)!;
  const claims: Claim[] = [
    ...base.claims,
    {
      ...paid,
      id: EXTRA_IDS.cPaidAgain,
      evidence: [ids.pEmailPayment],
      validTime: { kind: 'interval', start: '2025-11', end: '2025-12-20' },
      note: x('A second transfer'),
      relations: [],
    },
    {
      ...paid,
      id: EXTRA_IDS.cAssertion,
      subjectId: ids.northwind,
      predicate: x('=HYPERLINK("http://x")'),
      object: { kind: 'literal', value: x('-1+1') },
      evidence: [],
      validTime: { kind: 'unknown' },
      status: 'asserted',
      relations: [],
      note: '',
    },
  ];
  const entities = base.entities.map((e) =>
    e.id === ids.mara ? { ...e, name: x(e.name), attributes: { ...e.attributes, age: 41 } } : e,
  );
  const chart: Chart = {
    ...base.charts[0]!,
    ...owned,
    positions: {
      [ids.mara]: { x: 10.5, y: -20 },
      [ids.northwind]: { x: 200, y: 0 },
      [`literal:${x('-1+1')}`]: { x: 5, y: 6 },
    },
  };
  return {
    case: base.case,
    entities,
    claims,
    sources: base.sources,
    passages,
    chart,
    exportedAt: SMALL_GENERATED_AT,
    generator: SMALL_GENERATOR,
  };
}

export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`export failed: ${JSON.stringify(result.error)}`);
  return result.value;
}
