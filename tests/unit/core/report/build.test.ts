import { describe, expect, it } from 'vitest';
import { asClaimId, asEntityId } from '../../../../src/core/model/ids';
import type { Claim, Entity, Passage } from '../../../../src/core/model/records';
import {
  buildReport,
  MISSING_ENTITY_NAME,
  passageLocator,
  REDACTED_CLAIM,
  REDACTED_MENTION,
  reportValidTime,
  WITHHELD_SOURCE_TITLE,
  type ReportBlock,
  type ReportDocument,
  type ReportInput,
  type ReportOptions,
  type ReportProgress,
} from '../../../../src/core/report';
import {
  SMALL_IDS as ids,
  smallReportInput,
  smallReportOptions,
} from '../../../fixtures/reports/smallCase';

function build(
  options: Partial<ReportOptions> = {},
  input: ReportInput = smallReportInput(),
): ReportDocument {
  const result = buildReport(input, smallReportOptions(options));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function id(n: number): string {
  return `77777777-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** The small input with extra claims (and passages, entities) appended. */
function withExtra(
  extra: { claims?: Claim[]; passages?: Passage[]; entities?: Entity[] },
  base: ReportInput = smallReportInput(),
): ReportInput {
  return {
    ...base,
    claims: [...base.claims, ...(extra.claims ?? [])],
    passages: [...base.passages, ...(extra.passages ?? [])],
    entities: [...base.entities, ...(extra.entities ?? [])],
  };
}

function claimLike(base: Claim, overrides: Partial<Claim>): Claim {
  return { ...base, relations: [], ...overrides };
}

function blocksOf(doc: ReportDocument, kind: ReportBlock['kind']): ReportBlock[] {
  return doc.narrative!.blocks.filter((block) => block.kind === kind);
}

const sentences = (doc: ReportDocument) =>
  doc.findings.map((f) => `${f.subject} ${f.predicate} ${f.object}`);

describe('buildReport: the document', () => {
  it('carries the case, options and generation details', () => {
    const doc = build();
    expect(doc).toMatchObject({
      caseId: ids.case,
      title: 'Harbour fuel diversion: interim report',
      caseTitle: 'Harbour fuel diversion',
      author: 'A. Investigator',
      marking: 'TLP:AMBER',
      generatedAt: '2026-11-22T10:15:00.000Z',
      generator: 'Casefile 0.1.0',
      notices: [],
    });
    expect(doc.narrative?.title).toBe('Summary for the prosecutor');
  });

  it('has no narrative without a narrative note', () => {
    const { narrativeNoteId: _n, ...rest } = smallReportOptions();
    const result = buildReport(smallReportInput(), rest);
    expect(result.ok && result.value.narrative).toBeUndefined();
  });

  it('validates the options first and builds nothing from bad ones', () => {
    const result = buildReport(smallReportInput(), smallReportOptions({ title: ' ' }));
    expect(result).toEqual({
      ok: false,
      error: { code: 'report.titleEmpty', message: 'A report needs a title.' },
    });
  });
});

describe('buildReport: footnotes', () => {
  it('numbers footnotes by first reference, narrative quotes before findings', () => {
    const doc = build();
    const quote = blocksOf(doc, 'evidenceQuote')[0]!;
    expect(quote).toMatchObject({ kind: 'evidenceQuote', footnote: 1 });
    expect(doc.findings.map((f) => f.footnotes)).toEqual([[2, 3], [4], [5, 6], [7, 8]]);
    expect(doc.footnotes.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(doc.footnotes.map((f) => f.anchor)).toEqual(doc.footnotes.map((f) => `fn-${f.number}`));
  });

  it('grades a narrative quote by its source letter and evidence by letter and credibility', () => {
    const doc = build();
    // Footnote 1 (narrative) and 5 (the "paid" claim's evidence) cite the same passage with
    // different grades, so they are two footnotes.
    expect(doc.footnotes[0]).toMatchObject({ grade: 'B', locator: 'pp. 1–2' });
    expect(doc.footnotes[4]).toMatchObject({ grade: 'B2', locator: 'pp. 1–2' });
    expect(doc.footnotes[0]!.quote).toBe(doc.footnotes[4]!.quote);
    expect(doc.footnotes.map((f) => f.grade)).toEqual([
      'B',
      'B2',
      'C2',
      'D3',
      'B2',
      'D2',
      'C1',
      'B1',
    ]);
  });

  it('reuses the number when the same passage is cited again with the same grade', () => {
    const base = smallReportInput();
    const employs = base.claims[0]!;
    const again = claimLike(employs, {
      id: asClaimId(id(1)),
      predicate: 'pays',
      evidence: [ids.pNewsEmploy],
    });
    const otherGrade = claimLike(employs, {
      id: asClaimId(id(2)),
      predicate: 'trusts',
      credibility: 4,
      evidence: [ids.pNewsEmploy],
    });
    const doc = build(
      { claimIds: [ids.cEmploys, again.id, otherGrade.id] },
      withExtra({ claims: [again, otherGrade] }, base),
    );
    expect(doc.findings.map((f) => f.footnotes)).toEqual([[2, 3], [2], [4]]);
    expect(doc.footnotes[3]).toMatchObject({ grade: 'B4' });
    expect(doc.sources[0]!.citedBy).toEqual([1, 2, 4]);
  });

  it('gives pages, paragraphs or no locator depending on the source structure', () => {
    const doc = build();
    const locators = Object.fromEntries(
      doc.footnotes.map((f) => [f.quote.slice(0, 20), f.locator]),
    );
    expect(locators).toEqual({
      'Bank records seen by': 'pp. 1–2',
      'Mara Kessel, who has': 'p. 1',
      'Our depot at Port Ha': '¶ 1',
      'I signed for deliver': undefined,
      'Jonas says the money': undefined,
      'Northwind Fuels Ltd ': '¶ 2',
      'Northwind Fuels keep': 'p. 2',
    });
  });

  it('names the source and its appendix entry, and shortens long quotes', () => {
    const base = smallReportInput();
    const long = 'word '.repeat(200).trim();
    const passages = base.passages.map((p) =>
      p.id === ids.pEmailSigned ? { ...p, quote: { ...p.quote, exact: long } } : p,
    );
    const doc = build({}, { ...base, passages });
    const footnote = doc.footnotes[3]!;
    expect(footnote).toMatchObject({
      sourceTitle: 'Re: delivery 4471',
      source: { label: 'S3', anchor: 'source-3' },
      orphaned: false,
      passageMissing: false,
    });
    expect(footnote.quote.endsWith('…')).toBe(true);
    expect(footnote.quote.length).toBeLessThanOrEqual(401);
  });

  it('marks orphaned passages', () => {
    const base = smallReportInput();
    const passages = base.passages.map((p) =>
      p.id === ids.pWebEmploy ? { ...p, orphaned: true } : p,
    );
    const doc = build({}, { ...base, passages });
    expect(doc.footnotes.filter((f) => f.orphaned).map((f) => f.number)).toEqual([3]);
  });

  it('quotes a deleted passage from the note’s snapshot', () => {
    const base = smallReportInput();
    const passages = base.passages.filter((p) => p.id !== ids.pNewsPayment);
    const doc = build({}, { ...base, passages });
    const quote = blocksOf(doc, 'evidenceQuote')[0]!;
    expect(quote).toMatchObject({ footnote: 1 });
    expect(doc.footnotes[0]).toMatchObject({
      passageMissing: true,
      orphaned: false,
      sourceTitle: 'Fuel deliveries vanish at Port Halden',
      grade: 'B',
      source: { label: 'S1' },
    });
    expect(doc.footnotes[0]!.locator).toBeUndefined();
    expect(doc.footnotes[0]!.quote).toMatch(/^Bank records seen by the Gazette/);
    // The "paid" claim now has only its e-mail evidence.
    expect(doc.findings[2]!.footnotes).toEqual([5]);
  });

  it('uses the snapshot title when the quoted passage and its source are both gone', () => {
    const base = smallReportInput();
    const doc = build(
      { claimIds: [ids.cSigned], sourceIds: [] },
      {
        ...base,
        sources: base.sources.filter((s) => s.id !== ids.news),
        passages: base.passages.filter((p) => p.sourceId !== ids.news),
      },
    );
    const { quote, ...rest } = doc.footnotes[0]!;
    expect(rest).toEqual({
      number: 1,
      anchor: 'fn-1',
      sourceTitle: 'Fuel deliveries vanish at Port Halden',
      orphaned: false,
      passageMissing: true,
    });
    expect(quote).toMatch(/^Bank records/);
  });
});

describe('buildReport: source redaction', () => {
  it('lists a withheld source without provenance, keeping its hash and reliability', () => {
    const doc = build({
      redaction: { sources: { [ids.news]: 'withhold' }, excludedEntityIds: [] },
    });
    expect(doc.sources[0]).toEqual({
      label: 'S1',
      anchor: 'source-1',
      sourceId: ids.news,
      withheld: true,
      title: WITHHELD_SOURCE_TITLE,
      reliability: 'B',
      reliabilityLabel: 'Usually reliable',
      sha256: '01'.repeat(32),
      citedBy: [1, 2, 5, 8],
    });
    for (const number of [1, 2, 5, 8]) {
      expect(doc.footnotes[number - 1]!.sourceTitle).toBe(WITHHELD_SOURCE_TITLE);
    }
    expect(doc.footnotes[2]!.sourceTitle).toBe('Northwind Fuels — About us');
    // The quotation itself stays: only the source's identity is withheld.
    expect(blocksOf(doc, 'evidenceQuote')[0]).toMatchObject({ footnote: 1 });
  });

  it('leaves an excluded source out: no entry, redacted quotes, no evidence footnotes', () => {
    const doc = build({ redaction: { sources: { [ids.news]: 'exclude' }, excludedEntityIds: [] } });
    expect(doc.sources.map((s) => s.sourceId)).toEqual([ids.web, ids.email]);
    expect(blocksOf(doc, 'evidenceQuote')).toEqual([
      { kind: 'evidenceQuote', text: '', redacted: true },
    ]);
    expect(doc.findings.map((f) => f.footnotes)).toEqual([[1], [2], [3], [4]]);
    expect(
      doc.footnotes.every((f) => f.sourceTitle !== 'Fuel deliveries vanish at Port Halden'),
    ).toBe(true);
    expect(doc.findings.every((f) => !f.evidenceRedacted)).toBe(true);
  });

  it('marks a finding whose evidence is all excluded, still graded on all of it', () => {
    const doc = build({
      redaction: { sources: { [ids.email]: 'exclude' }, excludedEntityIds: [] },
    });
    const signed = doc.findings[1]!;
    expect(signed).toMatchObject({
      footnotes: [],
      evidenceRedacted: true,
      analystAssertion: false,
      grade: 'D3',
      singleSource: true,
    });
  });

  it('does not list an excluded source even when the options name it', () => {
    const doc = build({
      sourceIds: [ids.news, ids.web, ids.email],
      redaction: { sources: { [ids.web]: 'exclude' }, excludedEntityIds: [] },
    });
    expect(doc.sources.map((s) => s.sourceId)).not.toContain(ids.web);
  });
});

describe('buildReport: excluded entities', () => {
  const excludeMara = { redaction: { sources: {}, excludedEntityIds: [ids.mara] } };

  it('leaves out claims naming the entity, with a notice', () => {
    const doc = build(excludeMara);
    expect(doc.findings.map((f) => f.claimId)).toEqual([ids.cLocated]);
    expect(doc.findings[0]!.number).toBe(1);
    expect(doc.notices).toEqual(['3 claims left out: they involve an excluded entity.']);
  });

  it('says "1 claim" for one', () => {
    const doc = build({
      claimIds: [ids.cSigned, ids.cLocated],
      redaction: { sources: {}, excludedEntityIds: [ids.mara] },
    });
    expect(doc.notices).toEqual(['1 claim left out: it involves an excluded entity.']);
  });

  it('redacts mentions of it and claims about it in the narrative', () => {
    const doc = build(excludeMara);
    const paragraph = doc.narrative!.blocks[1]!;
    expect(paragraph.kind === 'paragraph' && paragraph.inlines[1]).toEqual({
      kind: 'mention',
      text: REDACTED_MENTION,
      redacted: true,
    });
    expect(blocksOf(doc, 'claim')).toEqual([
      { kind: 'claim', text: REDACTED_CLAIM, redacted: true },
    ]);
    expect(JSON.stringify(doc)).not.toContain('Mara Kessel signed');
  });

  it('keeps it out of the entity tables and the timeline', () => {
    const doc = build(excludeMara);
    const names = doc.entityTables.flatMap((t) => t.rows.map((r) => r.name));
    expect(names).not.toContain('Mara Kessel');
    expect(names).toContain('Jonas Brandt');
    expect(doc.timeline!.map((e) => e.text)).toEqual(['Fuel delivery 4471']);
  });
});

describe('buildReport: findings', () => {
  it('states each claim with its grade, credibility, status and valid time', () => {
    const doc = build();
    expect(sentences(doc)).toEqual([
      'Northwind Fuels Ltd employs Mara Kessel',
      'Mara Kessel signed for delivery 4471',
      'Jonas Brandt paid Mara Kessel',
      'Northwind Fuels Ltd located in Berth 7, Port Halden',
    ]);
    expect(doc.findings[1]).toEqual({
      number: 2,
      anchor: 'finding-2',
      claimId: ids.cSigned,
      subject: 'Mara Kessel',
      predicate: 'signed for',
      object: 'delivery 4471',
      objectIsLiteral: true,
      validTime: '2025-12-03',
      grade: 'D3',
      credibility: 3,
      credibilityLabel: 'Possibly true',
      status: 'asserted',
      singleSource: true,
      analystAssertion: false,
      evidenceRedacted: false,
      attributedTo: 'Mara Kessel (own e-mail)',
      note: 'Only her own e-mail says so.',
      footnotes: [4],
      relations: [],
    });
    // The best reliability among the evidence: B (news) beats C (web).
    expect(doc.findings[0]).toMatchObject({
      grade: 'B2',
      validTime: 'from 2023',
      singleSource: false,
      objectIsLiteral: false,
      credibilityLabel: 'Probably true',
      status: 'corroborated',
    });
    expect(doc.findings[3]).toMatchObject({ validTime: '', grade: 'B1', status: 'disputed' });
  });

  it('follows the order of the options', () => {
    const doc = build({ claimIds: [ids.cLocated, ids.cEmploys] });
    expect(doc.findings.map((f) => [f.number, f.claimId])).toEqual([
      [1, ids.cLocated],
      [2, ids.cEmploys],
    ]);
  });

  it('links supports / contradicts only to findings in the report', () => {
    expect(build().findings.map((f) => f.relations)).toEqual([
      [],
      [],
      [{ kind: 'supports', findingNumber: 2, anchor: 'finding-2' }],
      [{ kind: 'contradicts', findingNumber: 3, anchor: 'finding-3' }],
    ]);
    const without = build({ claimIds: [ids.cPaid, ids.cLocated] });
    expect(without.findings.map((f) => f.relations)).toEqual([
      [],
      [{ kind: 'contradicts', findingNumber: 1, anchor: 'finding-1' }],
    ]);
  });

  it('calls a claim single-source when all its evidence is from one source', () => {
    const base = smallReportInput();
    const twoFromNews = claimLike(base.claims[0]!, {
      id: asClaimId(id(3)),
      evidence: [ids.pNewsEmploy, ids.pNewsBerth],
    });
    const doc = build({ claimIds: [twoFromNews.id] }, withExtra({ claims: [twoFromNews] }, base));
    expect(doc.findings[0]).toMatchObject({ singleSource: true, footnotes: [2, 3] });
  });

  it('marks an analyst assertion: no evidence, no grade', () => {
    const base = smallReportInput();
    const assertion = claimLike(base.claims[0]!, { id: asClaimId(id(4)), evidence: [] });
    const doc = build({ claimIds: [assertion.id] }, withExtra({ claims: [assertion] }, base));
    expect(doc.findings[0]).toMatchObject({
      analystAssertion: true,
      evidenceRedacted: false,
      footnotes: [],
    });
    expect(doc.findings[0]!.grade).toBeUndefined();
  });

  it('names a deleted subject or object as no longer in the case', () => {
    const base = smallReportInput();
    const gone = asEntityId(id(5));
    const orphan = claimLike(base.claims[0]!, {
      id: asClaimId(id(6)),
      subjectId: gone,
      object: { kind: 'entity', entityId: gone },
    });
    const doc = build({ claimIds: [orphan.id] }, withExtra({ claims: [orphan] }, base));
    expect(doc.findings[0]).toMatchObject({
      subject: MISSING_ENTITY_NAME,
      object: MISSING_ENTITY_NAME,
    });
  });

  it('uses entities’ current names', () => {
    const base = smallReportInput();
    const entities = base.entities.map((e) => (e.id === ids.mara ? { ...e, name: 'Mara K.' } : e));
    const doc = build({}, { ...base, entities });
    expect(doc.findings[1]!.subject).toBe('Mara K.');
    const paragraph = doc.narrative!.blocks[1]!;
    expect(paragraph.kind === 'paragraph' && paragraph.inlines[1]).toMatchObject({
      text: 'Mara K.',
    });
    expect(blocksOf(doc, 'claim')[0]).toMatchObject({ text: 'Mara K. signed for delivery 4471' });
  });

  it('reports progress every hundred findings and at the end', () => {
    const base = smallReportInput();
    const many = Array.from({ length: 250 }, (_, n) =>
      claimLike(base.claims[1]!, { id: asClaimId(id(1000 + n)) }),
    );
    const progress: ReportProgress[] = [];
    const result = buildReport(
      withExtra({ claims: many }, base),
      smallReportOptions({ claimIds: many.map((c) => c.id) }),
      (p) => progress.push(p),
    );
    expect(result.ok).toBe(true);
    expect(progress).toEqual([
      { stage: 'build', done: 100, total: 250 },
      { stage: 'build', done: 200, total: 250 },
      { stage: 'build', done: 250, total: 250 },
    ]);
  });
});

describe('reportValidTime and passageLocator', () => {
  it('words valid times like the claims table, "" when unknown', () => {
    expect(reportValidTime({ kind: 'unknown' })).toBe('');
    expect(reportValidTime({ kind: 'date', date: '2016-02-04' })).toBe('2016-02-04');
    expect(reportValidTime({ kind: 'interval', start: '2016-02', end: '2016-03' })).toBe(
      '2016-02 – 2016-03',
    );
    expect(reportValidTime({ kind: 'interval', start: '2016' })).toBe('from 2016');
    expect(reportValidTime({ kind: 'interval', end: '2016-03' })).toBe('until 2016-03');
  });

  it('finds pages (1-based), spans of pages, and paragraphs', () => {
    const pages = [
      { start: 0, end: 100 },
      { start: 100, end: 200 },
      { start: 200, end: 300 },
    ];
    expect(passageLocator({ pages }, { start: 0, end: 10 })).toBe('p. 1');
    expect(passageLocator({ pages }, { start: 90, end: 100 })).toBe('p. 1');
    expect(passageLocator({ pages }, { start: 90, end: 101 })).toBe('pp. 1–2');
    expect(passageLocator({ pages }, { start: 150, end: 250 })).toBe('pp. 2–3');
    const paragraphs = [
      { start: 0, end: 10 },
      { start: 12, end: 30 },
    ];
    expect(passageLocator({ paragraphs }, { start: 12, end: 20 })).toBe('¶ 2');
    expect(passageLocator({ paragraphs }, { start: 10, end: 20 })).toBe('¶ 2');
    expect(passageLocator({ pages: [], paragraphs }, { start: 0, end: 5 })).toBe('¶ 1');
    expect(passageLocator({ paragraphs }, { start: 40, end: 45 })).toBeUndefined();
    expect(passageLocator(undefined, { start: 0, end: 5 })).toBeUndefined();
    expect(passageLocator({}, { start: 0, end: 5 })).toBeUndefined();
  });
});

describe('buildReport: narrative', () => {
  it('links mentions to entity rows and embedded claims to their findings', () => {
    const doc = build();
    const row = doc.entityTables.flatMap((t) => t.rows).find((r) => r.entityId === ids.mara)!;
    const paragraph = doc.narrative!.blocks[1]!;
    expect(paragraph.kind === 'paragraph' && paragraph.inlines[1]).toEqual({
      kind: 'mention',
      text: 'Mara Kessel',
      entityAnchor: row.anchor,
    });
    expect(blocksOf(doc, 'claim')).toEqual([
      {
        kind: 'claim',
        text: 'Mara Kessel signed for delivery 4471',
        findingAnchor: 'finding-2',
        grade: 'D3',
      },
    ]);
  });

  it('shows an embedded claim that is not a finding without a link', () => {
    const doc = build({ claimIds: [ids.cEmploys], entityIds: [ids.jonas] });
    expect(blocksOf(doc, 'claim')).toEqual([
      { kind: 'claim', text: 'Mara Kessel signed for delivery 4471', grade: 'D3' },
    ]);
    const paragraph = doc.narrative!.blocks[1]!;
    expect(paragraph.kind === 'paragraph' && paragraph.inlines[1]).toEqual({
      kind: 'mention',
      text: 'Mara Kessel',
    });
  });

  it('keeps the label of a mention or claim whose record was deleted', () => {
    const base = smallReportInput();
    const doc = build(
      { claimIds: [ids.cLocated], entityIds: [ids.jonas] },
      {
        ...base,
        entities: base.entities.filter((e) => e.id !== ids.mara),
        claims: base.claims.filter((c) => c.id !== ids.cSigned),
      },
    );
    const paragraph = doc.narrative!.blocks[1]!;
    expect(paragraph.kind === 'paragraph' && paragraph.inlines[1]).toEqual({
      kind: 'mention',
      text: 'Mara Kessel',
    });
    expect(blocksOf(doc, 'claim')).toEqual([
      { kind: 'claim', text: 'Mara Kessel signed for delivery 4471' },
    ]);
  });
});

describe('buildReport: entity tables', () => {
  it('groups by type in the built-in order, rows by name, with plural headings', () => {
    const base = smallReportInput();
    const extra: Entity[] = [
      {
        ...base.entities[0]!,
        id: asEntityId(id(10)),
        type: 'custom:Vessel',
        name: 'MT Aurora',
        attributes: { imo: '9321483' },
      },
      {
        ...base.entities[0]!,
        id: asEntityId(id(11)),
        type: 'custom:Barge',
        name: 'B-12',
        attributes: {},
      },
      {
        ...base.entities[0]!,
        id: asEntityId(id(12)),
        type: 'IPAddress',
        name: '203.0.113.7',
        attributes: {},
      },
      {
        ...base.entities[0]!,
        id: asEntityId(id(13)),
        type: 'Person',
        name: 'Anna Lind',
        attributes: { active: true },
      },
    ];
    const doc = build(
      { entityIds: [...smallReportOptions().entityIds, ...extra.map((e) => e.id)] },
      withExtra({ entities: extra }, base),
    );
    expect(doc.entityTables.map((t) => [t.type, t.heading, t.rows.map((r) => r.name)])).toEqual([
      ['Person', 'People', ['Anna Lind', 'Jonas Brandt', 'Mara Kessel']],
      ['Organization', 'Organisations', ['Northwind Fuels Ltd']],
      ['Location', 'Places', ['Berth 7, Port Halden']],
      ['Event', 'Events', ['Fuel delivery 4471']],
      ['IPAddress', 'IP addresses', ['203.0.113.7']],
      ['custom:Barge', 'Barge', ['B-12']],
      ['custom:Vessel', 'Vessel', ['MT Aurora']],
    ]);
    const rows = doc.entityTables.flatMap((t) => t.rows);
    expect(rows.map((r) => r.anchor)).toEqual(rows.map((_, i) => `entity-${i + 1}`));
    expect(rows.find((r) => r.name === 'MT Aurora')!.attributes).toEqual([
      { name: 'imo', value: '9321483' },
    ]);
    expect(rows.find((r) => r.name === 'Anna Lind')!.attributes).toEqual([
      { name: 'active', value: 'Yes' },
    ]);
  });

  it('labels attributes and lists the findings each entity takes part in', () => {
    const doc = build();
    const mara = doc.entityTables[0]!.rows.find((r) => r.entityId === ids.mara)!;
    expect(mara).toEqual({
      anchor: mara.anchor,
      entityId: ids.mara,
      name: 'Mara Kessel',
      aliases: ['M. Kessel'],
      attributes: [
        { name: 'Role or title', value: 'Depot manager' },
        { name: 'Nationality', value: 'NO' },
      ],
      notes: 'Signed every delivery note in December.',
      findingNumbers: [1, 2, 3],
    });
    const delivery = doc.entityTables.find((t) => t.type === 'Event')!.rows[0]!;
    expect(delivery.attributes).toEqual([{ name: 'Started on', value: '2025-12-03' }]);
    expect(delivery.findingNumbers).toEqual([]);
  });

  it('lists only the chosen entities', () => {
    const doc = build({ entityIds: [ids.berth] });
    expect(doc.entityTables.map((t) => t.rows.map((r) => r.name))).toEqual([
      ['Berth 7, Port Halden'],
    ]);
  });
});

describe('buildReport: charts, timeline and appendix', () => {
  it('includes chart images in the chosen order and tells when one is missing', () => {
    const base = smallReportInput();
    const doc = build({}, base);
    expect(doc.charts).toEqual(base.chartImages);
    const missing = build({}, { ...base, chartImages: [] });
    expect(missing.charts).toEqual([]);
    expect(missing.notices).toEqual([
      'The chart “Who paid whom” could not be drawn and was left out.',
    ]);
  });

  it('orders the timeline chronologically: dated findings and dated entities', () => {
    const doc = build();
    expect(doc.timeline).toEqual([
      {
        when: 'from 2023',
        text: 'Northwind Fuels Ltd employs Mara Kessel',
        kind: 'claim',
        findingAnchor: 'finding-1',
        grade: 'B2',
        status: 'corroborated',
      },
      {
        when: '2025-12',
        text: 'Jonas Brandt paid Mara Kessel',
        kind: 'claim',
        findingAnchor: 'finding-3',
        grade: 'B2',
        status: 'asserted',
      },
      { when: '2025-12-03', text: 'Fuel delivery 4471', kind: 'entity' },
      {
        when: '2025-12-03',
        text: 'Mara Kessel signed for delivery 4471',
        kind: 'claim',
        findingAnchor: 'finding-2',
        grade: 'D3',
        status: 'asserted',
      },
    ]);
  });

  it('lists sources by first citation, then uncited chosen ones by title', () => {
    const doc = build({ claimIds: [ids.cSigned], sourceIds: [ids.web] });
    expect(doc.sources.map((s) => [s.label, s.anchor, s.title, s.citedBy])).toEqual([
      ['S1', 'source-1', 'Fuel deliveries vanish at Port Halden', [1]],
      ['S2', 'source-2', 'Re: delivery 4471', [2]],
      ['S3', 'source-3', 'Northwind Fuels — About us', []],
    ]);
    expect(doc.sources[0]).toMatchObject({
      withheld: false,
      kind: 'pdf',
      fileName: 'halden-gazette-2025-12-09.pdf',
      author: 'Ines Varga',
      publisher: 'Halden Gazette',
      publishedAt: '2025-12-09',
      capturedAt: '2026-01-05T08:40:00.000Z',
      mediaType: 'application/pdf',
      byteLength: 48_213,
      reliability: 'B',
      reliabilityLabel: 'Usually reliable',
    });
    expect(doc.sources[2]).toMatchObject({ url: 'https://northwind-fuels.example/about' });
    expect(doc.footnotes.map((f) => f.source?.label)).toEqual(['S1', 'S2']);
  });
});

describe('buildReport: sections left out', () => {
  it('leaves out entity tables (mentions then link nowhere)', () => {
    const doc = build({ sections: { entities: false } });
    expect(doc.entityTables).toEqual([]);
    const paragraph = doc.narrative!.blocks[1]!;
    expect(paragraph.kind === 'paragraph' && paragraph.inlines[1]).toEqual({
      kind: 'mention',
      text: 'Mara Kessel',
    });
    expect(doc.timeline!.some((e) => e.kind === 'entity')).toBe(true);
  });

  it('leaves out charts and the timeline', () => {
    const doc = build({ sections: { charts: false, timeline: false } });
    expect(doc.charts).toEqual([]);
    expect(doc.timeline).toBeUndefined();
    expect(doc.notices).toEqual([]);
  });

  it('leaves out the appendix: footnotes then name no entry', () => {
    const doc = build({ sections: { appendix: false } });
    expect(doc.sources).toEqual([]);
    expect(doc.footnotes).toHaveLength(8);
    expect(doc.footnotes.every((f) => f.source === undefined)).toBe(true);
    expect(doc.footnotes[0]!.sourceTitle).toBe('Fuel deliveries vanish at Port Halden');
  });

  it('keeps everything when every section is switched on explicitly', () => {
    const on = build({
      sections: { entities: true, charts: true, timeline: true, appendix: true },
    });
    expect(on).toEqual(build());
  });
});

describe('buildReport: hostile strings', () => {
  it('passes them through as plain text, for the renderers to escape', () => {
    const input = smallReportInput({ hostile: true });
    const result = buildReport(input, smallReportOptions());
    expect(result.ok).toBe(true);
    const doc = result.ok ? result.value : undefined;
    expect(doc!.findings[1]!.object).toContain('=HYPERLINK("http://x")');
    expect(doc!.footnotes[0]!.quote).toContain('<script>alert(1)</script>');
  });
});
