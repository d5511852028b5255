/**
 * Builds the format-neutral ReportDocument from a case's records and the builder's choices.
 * Pure and synchronous; a worker runs it for big cases (onProgress feeds its progress bar).
 *
 * Footnotes are numbered in order of first reference across the document, narrative first, then
 * findings; a passage cited again with the same grade reuses its number. The evidence appendix
 * lists sources in order of first citation, so labels S1, S2… read in order too.
 */
import { ok, type Result } from '../../shared/result';
import { entityTypeInfo, isBuiltInEntityType } from '../model/entity';
import {
  admiraltyCode,
  claimGrade,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  isSingleSource,
} from '../model/claim';
import type { EntityId, SourceId } from '../model/ids';
import {
  ENTITY_TYPES,
  type AttributeValue,
  type Claim,
  type Entity,
  type EntityType,
  type Passage,
  type Source,
  type SourceReliability,
  type SourceStructure,
  type ValidTime,
} from '../model/records';
import { validTimeSpan, type DaySpan } from '../graph/chartFilters';
import { entityDates } from '../graph/timeline';
import { narrativeBlocks } from './narrative';
import { claimInvolvesExcluded, validateReportOptions } from './options';
import {
  findingSentence,
  REDACTED_CLAIM,
  REDACTED_MENTION,
  reliabilityLabel,
  shortQuote,
  WITHHELD_SOURCE_TITLE,
} from './text';
import type {
  ReportBlock,
  ReportChartImage,
  ReportDocument,
  ReportEntityRow,
  ReportEntityTable,
  ReportFinding,
  ReportFootnote,
  ReportInput,
  ReportInline,
  ReportOptions,
  ReportProgress,
  ReportSourceEntry,
  ReportTimelineEntry,
  SourceRedaction,
} from './types';

/** Shown for a claim's subject or object that has since been deleted. */
export const MISSING_ENTITY_NAME = 'an entity no longer in the case';

/** Headings of the entity tables, by built-in type. */
export const ENTITY_TABLE_HEADINGS: Readonly<Record<(typeof ENTITY_TYPES)[number], string>> = {
  Person: 'People',
  Organization: 'Organisations',
  Location: 'Places',
  Event: 'Events',
  Date: 'Dates',
  Money: 'Money',
  Email: 'E-mail addresses',
  Phone: 'Phone numbers',
  URL: 'URLs',
  Domain: 'Domains',
  IPAddress: 'IP addresses',
  Hash: 'Hashes',
  CryptoWallet: 'Crypto wallets',
  BankAccount: 'Bank accounts',
  Malware: 'Malware',
  Vulnerability: 'Vulnerabilities',
  Account: 'Accounts',
  Vehicle: 'Vehicles',
  Document: 'Documents',
};

/** How often (in findings) a long build reports progress. */
const PROGRESS_EVERY = 100;

/**
 * A claim's valid time as the report prints it: "2016-02-04", "2016-02 – 2016-03",
 * "from 2016", "until 2016-03", or "" when unknown (as the claims table words it).
 */
export function reportValidTime(time: ValidTime): string {
  if (time.kind === 'unknown') return '';
  if (time.kind === 'date') return time.date;
  if (time.start !== undefined && time.end !== undefined) return `${time.start} – ${time.end}`;
  if (time.start !== undefined) return `from ${time.start}`;
  return time.end === undefined ? '' : `until ${time.end}`;
}

/** Where a passage sits in its source: "p. 3", "pp. 3–4", "¶ 12", or undefined. */
export function passageLocator(
  structure: SourceStructure | undefined,
  position: { readonly start: number; readonly end: number },
): string | undefined {
  if (structure === undefined) return undefined;
  const last = Math.max(position.start, position.end - 1);
  if (structure.pages && structure.pages.length > 0) {
    const first = spanIndex(structure.pages, position.start);
    if (first !== undefined) {
      const end = spanIndex(structure.pages, last) ?? first;
      return end > first ? `pp. ${first + 1}–${end + 1}` : `p. ${first + 1}`;
    }
  }
  if (structure.paragraphs && structure.paragraphs.length > 0) {
    const index = spanIndex(structure.paragraphs, position.start);
    if (index !== undefined) return `¶ ${index + 1}`;
  }
  return undefined;
}

/**
 * Index of the span holding `offset` (spans ascending, end exclusive); an offset in a gap between
 * spans (the blank line between paragraphs) belongs to the span after it.
 */
function spanIndex(
  spans: readonly { readonly start: number; readonly end: number }[],
  offset: number,
): number | undefined {
  let low = 0;
  let high = spans.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (spans[mid]!.end > offset) {
      found = mid;
      high = mid - 1;
    } else {
      low = mid + 1;
    }
  }
  return found;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Alphabetical as a reader expects ("Item 2" before "Item 10"), ties broken by code units. */
function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function attributeText(value: AttributeValue): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

function tableHeading(type: EntityType): string {
  return isBuiltInEntityType(type) ? ENTITY_TABLE_HEADINGS[type] : entityTypeInfo(type).label;
}

/** Orders dated items by first day (open starts first), then last day (open ends last). */
function compareSpans(a: DaySpan, b: DaySpan): number {
  const aFirst = a.first ?? '';
  const bFirst = b.first ?? '';
  if (aFirst !== bFirst) return aFirst < bFirst ? -1 : 1;
  const aLast = a.last ?? '\uffff';
  const bLast = b.last ?? '\uffff';
  return aLast === bLast ? 0 : aLast < bLast ? -1 : 1;
}

/** A footnote while the document is built: its source's label is known only at the end. */
interface PendingFootnote extends Omit<ReportFootnote, 'source'> {
  readonly sourceId?: SourceId;
}

/** Everything the build looks up, indexed once. */
class ReportBuild {
  readonly claims: Map<string, Claim>;
  readonly entities: Map<string, Entity>;
  readonly sources: Map<string, Source>;
  readonly passages: Map<string, Passage>;
  readonly excluded: Set<string>;
  readonly footnotes: PendingFootnote[] = [];
  private readonly footnoteKeys = new Map<string, number>();
  /** Finding number by claim id. */
  readonly findingOf = new Map<string, number>();
  /** Entity-table anchor by entity id. */
  readonly entityAnchors = new Map<string, string>();
  readonly notices: string[] = [];

  constructor(
    readonly input: ReportInput,
    readonly options: ReportOptions,
  ) {
    this.claims = new Map(input.claims.map((c) => [c.id as string, c]));
    this.entities = new Map(input.entities.map((e) => [e.id as string, e]));
    this.sources = new Map(input.sources.map((s) => [s.id as string, s]));
    this.passages = new Map(input.passages.map((p) => [p.id as string, p]));
    this.excluded = new Set(options.redaction.excludedEntityIds);
  }

  redaction(sourceId: string): SourceRedaction {
    return this.options.redaction.sources[sourceId] ?? 'include';
  }

  entityName(id: EntityId): string {
    return this.entities.get(id)?.name ?? MISSING_ENTITY_NAME;
  }

  objectText(claim: Claim): string {
    return claim.object.kind === 'entity'
      ? this.entityName(claim.object.entityId)
      : claim.object.value;
  }

  /** Reliabilities and source ids of a claim's evidence, whatever its redaction. */
  evidenceSources(claim: Claim): { reliabilities: SourceReliability[]; sourceIds: SourceId[] } {
    const reliabilities: SourceReliability[] = [];
    const sourceIds: SourceId[] = [];
    for (const passageId of claim.evidence) {
      const passage = this.passages.get(passageId);
      const source = passage && this.sources.get(passage.sourceId);
      if (!source) continue;
      reliabilities.push(source.reliability);
      sourceIds.push(source.id);
    }
    return { reliabilities, sourceIds };
  }

  /**
   * The footnote of a passage cited from `source` with `grade`: an existing number when the
   * same passage was cited with the same grade, else a new one.
   */
  footnote(note: {
    key: string;
    source: Source | undefined;
    sourceTitle: string;
    position?: { start: number; end: number };
    grade?: string;
    quote: string;
    orphaned: boolean;
    passageMissing: boolean;
  }): number {
    const key = `${note.key}\u0000${note.grade ?? ''}`;
    const existing = this.footnoteKeys.get(key);
    if (existing !== undefined) return existing;
    const number = this.footnotes.length + 1;
    this.footnoteKeys.set(key, number);
    const withheld = note.source !== undefined && this.redaction(note.source.id) === 'withhold';
    const locator =
      note.source && note.position
        ? passageLocator(this.input.structures[note.source.id], note.position)
        : undefined;
    this.footnotes.push({
      number,
      anchor: `fn-${number}`,
      ...(note.source ? { sourceId: note.source.id } : {}),
      sourceTitle: withheld ? WITHHELD_SOURCE_TITLE : note.sourceTitle,
      ...(locator !== undefined ? { locator } : {}),
      ...(note.grade !== undefined ? { grade: note.grade } : {}),
      quote: shortQuote(note.quote),
      orphaned: note.orphaned,
      passageMissing: note.passageMissing,
    });
    return number;
  }
}

function findingsOf(
  build: ReportBuild,
  claims: readonly Claim[],
  onProgress?: (progress: ReportProgress) => void,
): ReportFinding[] {
  const findings: ReportFinding[] = [];
  const total = claims.length;
  claims.forEach((claim, index) => {
    const number = index + 1;
    const { reliabilities, sourceIds } = build.evidenceSources(claim);
    const footnotes: number[] = [];
    for (const passageId of claim.evidence) {
      const passage = build.passages.get(passageId);
      const source = passage && build.sources.get(passage.sourceId);
      if (!passage || !source || build.redaction(source.id) === 'exclude') continue;
      const footnote = build.footnote({
        key: passage.id,
        source,
        sourceTitle: source.title,
        position: passage.position,
        grade: admiraltyCode(source.reliability, claim.credibility),
        quote: passage.quote.exact,
        orphaned: passage.orphaned,
        passageMissing: false,
      });
      if (!footnotes.includes(footnote)) footnotes.push(footnote);
    }
    const grade = claimGrade(reliabilities, claim.credibility);
    const analystAssertion = claim.evidence.length === 0;
    const relations: ReportFinding['relations'][number][] = [];
    for (const relation of claim.relations) {
      const other = build.findingOf.get(relation.claimId);
      if (other === undefined) continue;
      relations.push({ kind: relation.kind, findingNumber: other, anchor: `finding-${other}` });
    }
    findings.push({
      number,
      anchor: `finding-${number}`,
      claimId: claim.id,
      subject: build.entityName(claim.subjectId),
      predicate: claim.predicate,
      object: build.objectText(claim),
      objectIsLiteral: claim.object.kind === 'literal',
      validTime: reportValidTime(claim.validTime),
      ...(grade !== undefined ? { grade } : {}),
      credibility: claim.credibility,
      credibilityLabel: INFORMATION_CREDIBILITY_DEFINITIONS[claim.credibility].label,
      status: claim.status,
      singleSource: isSingleSource(sourceIds),
      analystAssertion,
      evidenceRedacted: !analystAssertion && footnotes.length === 0,
      ...(claim.attributedTo !== undefined && claim.attributedTo !== ''
        ? { attributedTo: claim.attributedTo }
        : {}),
      note: claim.note,
      footnotes,
      relations,
    });
    if (onProgress && (number % PROGRESS_EVERY === 0 || number === total)) {
      onProgress({ stage: 'build', done: number, total });
    }
  });
  return findings;
}

function narrativeOf(build: ReportBuild): ReportBlock[] {
  const note = build.input.note;
  if (!note) return [];
  return narrativeBlocks(note.document, {
    mention(entityId, label): ReportInline {
      if (build.excluded.has(entityId)) {
        return { kind: 'mention', text: REDACTED_MENTION, redacted: true };
      }
      const entity = build.entities.get(entityId);
      const anchor = build.entityAnchors.get(entityId);
      return {
        kind: 'mention',
        // A deleted entity keeps the name it had when mentioned.
        text: entity?.name ?? (label === '' ? MISSING_ENTITY_NAME : label),
        ...(anchor !== undefined ? { entityAnchor: anchor } : {}),
      };
    },
    quote(node): ReportBlock {
      const passage = build.passages.get(node.passageId);
      const sourceId = passage?.sourceId ?? node.sourceId;
      const source = build.sources.get(sourceId);
      if (source && build.redaction(source.id) === 'exclude') {
        return { kind: 'evidenceQuote', text: '', redacted: true };
      }
      const text = passage?.quote.exact ?? node.quote;
      const footnote = build.footnote({
        key: passage?.id ?? `missing:${node.passageId}:${node.sourceId}:${node.quote}`,
        source,
        sourceTitle: source?.title ?? node.sourceTitle,
        ...(passage ? { position: passage.position } : {}),
        ...(source ? { grade: source.reliability } : {}),
        quote: text,
        orphaned: passage?.orphaned ?? false,
        passageMissing: passage === undefined,
      });
      return { kind: 'evidenceQuote', text, footnote };
    },
    claim(claimId, label): ReportBlock {
      const claim = build.claims.get(claimId);
      if (!claim) return { kind: 'claim', text: label };
      if (claimInvolvesExcluded(claim, build.excluded)) {
        return { kind: 'claim', text: REDACTED_CLAIM, redacted: true };
      }
      const number = build.findingOf.get(claim.id);
      const grade = claimGrade(build.evidenceSources(claim).reliabilities, claim.credibility);
      return {
        kind: 'claim',
        text: findingSentence({
          subject: build.entityName(claim.subjectId),
          predicate: claim.predicate,
          object: build.objectText(claim),
        }),
        ...(number !== undefined ? { findingAnchor: `finding-${number}` } : {}),
        ...(grade !== undefined ? { grade } : {}),
      };
    },
  });
}

/** The tables of the shown entities; `claims` are the findings' claims, in finding order. */
function entityTablesOf(
  shown: readonly Entity[],
  claims: readonly Claim[],
  build: ReportBuild,
): ReportEntityTable[] {
  const findingNumbers = new Map<string, number[]>();
  for (const [index, claim] of claims.entries()) {
    const ids = [claim.subjectId as string];
    if (claim.object.kind === 'entity' && claim.object.entityId !== claim.subjectId) {
      ids.push(claim.object.entityId);
    }
    for (const id of ids) {
      const list = findingNumbers.get(id) ?? [];
      list.push(index + 1);
      findingNumbers.set(id, list);
    }
  }
  const byType = new Map<EntityType, Entity[]>();
  for (const entity of shown) {
    const list = byType.get(entity.type) ?? [];
    list.push(entity);
    byType.set(entity.type, list);
  }
  const custom = [...byType.keys()]
    .filter((type) => !isBuiltInEntityType(type))
    .sort((a, b) => compareText(tableHeading(a), tableHeading(b)));
  const types = [...ENTITY_TYPES.filter((type) => byType.has(type)), ...custom];
  const tables: ReportEntityTable[] = [];
  let next = 1;
  for (const type of types) {
    const entities = [...byType.get(type)!].sort(
      (a, b) => compareText(a.name, b.name) || (a.id < b.id ? -1 : 1),
    );
    const specs = entityTypeInfo(type).attributes;
    const rows: ReportEntityRow[] = entities.map((entity) => {
      const anchor = `entity-${next++}`;
      build.entityAnchors.set(entity.id, anchor);
      return {
        anchor,
        entityId: entity.id,
        name: entity.name,
        aliases: entity.aliases,
        attributes: Object.entries(entity.attributes).map(([key, value]) => ({
          name: specs.find((spec) => spec.key === key)?.label ?? key,
          value: attributeText(value),
        })),
        notes: entity.notes,
        findingNumbers: findingNumbers.get(entity.id) ?? [],
      };
    });
    tables.push({ type, heading: tableHeading(type), rows });
  }
  return tables;
}

function timelineOf(
  findings: readonly ReportFinding[],
  entities: readonly Entity[],
  build: ReportBuild,
): ReportTimelineEntry[] {
  const dated: { span: DaySpan; entry: ReportTimelineEntry }[] = [];
  for (const finding of findings) {
    const span = validTimeSpan(build.claims.get(finding.claimId)!.validTime);
    if (span === undefined) continue;
    dated.push({
      span,
      entry: {
        when: finding.validTime,
        text: findingSentence(finding),
        kind: 'claim',
        findingAnchor: finding.anchor,
        ...(finding.grade !== undefined ? { grade: finding.grade } : {}),
        status: finding.status,
      },
    });
  }
  for (const entity of entities) {
    const dates = entityDates(entity);
    if (dates === undefined) continue;
    dated.push({
      span: dates.span,
      entry: { when: dates.when, text: entity.name, kind: 'entity' },
    });
  }
  dated.sort((a, b) => compareSpans(a.span, b.span) || compareText(a.entry.text, b.entry.text));
  return dated.map((item) => item.entry);
}

function chartsOf(build: ReportBuild): ReportChartImage[] {
  const images = new Map(build.input.chartImages.map((image) => [image.chartId as string, image]));
  const out: ReportChartImage[] = [];
  for (const id of build.options.chartIds) {
    const image = images.get(id);
    if (image) {
      out.push(image);
      continue;
    }
    const title = build.input.charts.find((chart) => chart.id === id)?.title ?? id;
    build.notices.push(`The chart “${title}” could not be drawn and was left out.`);
  }
  return out;
}

function appendixOf(
  build: ReportBuild,
  footnotes: readonly PendingFootnote[],
): ReportSourceEntry[] {
  const citedBy = new Map<string, number[]>();
  for (const footnote of footnotes) {
    if (footnote.sourceId === undefined) continue;
    const list = citedBy.get(footnote.sourceId) ?? [];
    list.push(footnote.number);
    citedBy.set(footnote.sourceId, list);
  }
  const ordered: Source[] = [];
  for (const id of citedBy.keys()) ordered.push(build.sources.get(id)!);
  const uncited = build.options.sourceIds
    .filter((id) => !citedBy.has(id))
    .map((id) => build.sources.get(id))
    .filter((source): source is Source => source !== undefined)
    .sort((a, b) => compareText(a.title, b.title) || (a.id < b.id ? -1 : 1));
  const entries: ReportSourceEntry[] = [];
  const seen = new Set<string>();
  for (const source of [...ordered, ...uncited]) {
    if (seen.has(source.id) || build.redaction(source.id) === 'exclude') continue;
    seen.add(source.id);
    const n = entries.length + 1;
    const withheld = build.redaction(source.id) === 'withhold';
    const p = source.provenance;
    entries.push({
      label: `S${n}`,
      anchor: `source-${n}`,
      sourceId: source.id,
      withheld,
      title: withheld ? WITHHELD_SOURCE_TITLE : source.title,
      ...(withheld
        ? {}
        : {
            kind: source.kind,
            ...(p.fileName !== undefined ? { fileName: p.fileName } : {}),
            ...(p.url !== undefined ? { url: p.url } : {}),
            ...(p.author !== undefined ? { author: p.author } : {}),
            ...(p.publisher !== undefined ? { publisher: p.publisher } : {}),
            ...(p.publishedAt !== undefined ? { publishedAt: p.publishedAt } : {}),
            ...(p.capturedAt !== undefined ? { capturedAt: p.capturedAt } : {}),
            mediaType: source.mediaType,
            byteLength: source.byteLength,
          }),
      reliability: source.reliability,
      reliabilityLabel: reliabilityLabel(source.reliability),
      sha256: source.sha256,
      citedBy: citedBy.get(source.id) ?? [],
    });
  }
  return entries;
}

/**
 * The report document for `options` (validated first: a bad option is an error naming it, and
 * nothing is built). `onProgress` hears about every PROGRESS_EVERY findings.
 */
export function buildReport(
  input: ReportInput,
  options: ReportOptions,
  onProgress?: (progress: ReportProgress) => void,
): Result<ReportDocument> {
  const valid = validateReportOptions(options, input);
  if (!valid.ok) return valid;
  const chosen = valid.value;
  const build = new ReportBuild(input, chosen);
  const sections = chosen.sections ?? {};

  // What survives redaction (as reportScope, with counts for the notices).
  const claims: Claim[] = [];
  let leftOut = 0;
  for (const id of chosen.claimIds) {
    const claim = build.claims.get(id)!;
    if (claimInvolvesExcluded(claim, build.excluded)) {
      leftOut += 1;
      continue;
    }
    claims.push(claim);
    build.findingOf.set(claim.id, claims.length);
  }
  if (leftOut > 0) {
    build.notices.push(
      `${leftOut} ${leftOut === 1 ? 'claim' : 'claims'} left out: ${leftOut === 1 ? 'it involves' : 'they involve'} an excluded entity.`,
    );
  }
  const shownEntities = chosen.entityIds
    .filter((id) => !build.excluded.has(id))
    .map((id) => build.entities.get(id)!);

  // Entity tables before the narrative: its mentions link to their rows.
  const entityTables =
    sections.entities === false ? [] : entityTablesOf(shownEntities, claims, build);

  // Footnotes: the narrative's quotes first, then the findings' evidence.
  const narrative =
    input.note && chosen.narrativeNoteId !== undefined
      ? { title: input.note.title, blocks: narrativeOf(build) }
      : undefined;
  const findings = findingsOf(build, claims, onProgress);
  if (claims.length === 0) onProgress?.({ stage: 'build', done: 0, total: 0 });

  const charts = sections.charts === false ? [] : chartsOf(build);
  const timeline =
    sections.timeline === false ? undefined : timelineOf(findings, shownEntities, build);
  const sources = sections.appendix === false ? [] : appendixOf(build, build.footnotes);
  const entryOf = new Map(sources.map((entry) => [entry.sourceId as string, entry]));
  const footnotes: ReportFootnote[] = build.footnotes.map(({ sourceId, ...footnote }) => {
    const entry = sourceId === undefined ? undefined : entryOf.get(sourceId);
    return entry ? { ...footnote, source: { label: entry.label, anchor: entry.anchor } } : footnote;
  });

  return ok({
    caseId: input.case.id,
    title: chosen.title,
    caseTitle: input.case.title,
    author: chosen.author,
    marking: chosen.marking,
    generatedAt: input.generatedAt,
    generator: input.generator,
    ...(input.audit ? { audit: input.audit } : {}),
    ...(narrative ? { narrative } : {}),
    findings,
    entityTables,
    charts,
    ...(timeline ? { timeline } : {}),
    sources,
    footnotes,
    notices: build.notices,
  });
}
