/**
 * Case reports (issue 8): what the investigator chooses in the report builder (ReportOptions),
 * the records a report is built from (ReportInput), and the format-neutral document every output
 * format renders (ReportDocument). Building is pure (build.ts); each format is one renderer over
 * ReportDocument (html.ts, markdown.ts, docx.ts), so all formats say the same thing.
 *
 * Every string in a ReportDocument is plain text as the investigator or a source wrote it,
 * UNTRUSTED: renderers escape it for their format; nothing here is markup.
 */
import type {
  Case,
  Chart,
  Claim,
  ClaimStatus,
  Entity,
  EntityType,
  InformationCredibility,
  IsoTimestamp,
  Passage,
  Source,
  SourceReliability,
  SourceStructure,
} from '../model/records';
import type { CaseId, ChartId, ClaimId, EntityId, NoteId, SourceId } from '../model/ids';
import type { NoteDocument } from '../model/note';

/** Output formats, in the order the builder offers them. */
export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Longest report title and author name. */
export const MAX_REPORT_TITLE_LENGTH = 200;
export const MAX_REPORT_AUTHOR_LENGTH = 200;

/** How a source appears in a report. */
export type SourceRedaction =
  /** Listed with its provenance. */
  | 'include'
  /** Listed as "withheld": title and provenance replaced, SHA-256 and reliability kept. */
  | 'withhold'
  /** Not in the report at all: no appendix entry, its quotes and evidence footnotes redacted. */
  | 'exclude';

/** What the investigator chooses in the report builder. Ids are of the report's case. */
export interface ReportOptions {
  readonly title: string;
  readonly author: string;
  /** Handling marking shown on every page (cover, header and footer), e.g. TLP:AMBER. */
  readonly marking: string;
  /** The note that forms the narrative; none: the report has no narrative section. */
  readonly narrativeNoteId?: NoteId;
  /** Claims in the findings section, in this order. */
  readonly claimIds: readonly ClaimId[];
  /** Entities in the entity tables. */
  readonly entityIds: readonly EntityId[];
  /** Saved charts whose image is included, in this order. */
  readonly chartIds: readonly ChartId[];
  /** Sources in the evidence appendix (a source cited by a footnote is always listed unless excluded). */
  readonly sourceIds: readonly SourceId[];
  readonly redaction: {
    /** Per source; absent means 'include'. */
    readonly sources: Readonly<Record<string, SourceRedaction>>;
    /**
     * Entities kept out of the report: not in the tables, the chart or the timeline; claims about
     * them are left out of the findings; mentions of them in the narrative read "[redacted]".
     */
    readonly excludedEntityIds: readonly EntityId[];
  };
  /** Sections that can be left out; absent means included. */
  readonly sections?: {
    readonly entities?: boolean;
    readonly charts?: boolean;
    readonly timeline?: boolean;
    readonly appendix?: boolean;
  };
}

/** A saved chart drawn for the report by the renderer process (src/graph), both as SVG and PNG. */
export interface ReportChartImage {
  readonly chartId: ChartId;
  readonly title: string;
  /** A standalone SVG document (our own drawing, every label escaped). */
  readonly svg: string;
  /** The same drawing rasterised (Word cannot show SVG alone). */
  readonly png: Uint8Array;
  /** Intrinsic size in CSS pixels. */
  readonly width: number;
  readonly height: number;
}

/** The records a report is built from, gathered from storage by the caller. */
export interface ReportInput {
  readonly case: Case;
  /** The narrative note, if one was chosen (its document already parsed). */
  readonly note?: { readonly id: NoteId; readonly title: string; readonly document: NoteDocument };
  /** Every claim of the case (relations and the timeline need the others too). */
  readonly claims: readonly Claim[];
  /** Every live entity of the case (merged entities excluded). */
  readonly entities: readonly Entity[];
  /** Every source of the case. */
  readonly sources: readonly Source[];
  /** Every passage cited by a claim's evidence or quoted by the narrative that still exists. */
  readonly passages: readonly Passage[];
  /** Page and paragraph offsets of the cited sources, to give "p. 3" or "¶ 12" in footnotes. */
  readonly structures: Readonly<Record<string, SourceStructure>>;
  /** Saved charts of the case (for titles and to know what exists). */
  readonly charts: readonly Chart[];
  /** Images of the charts in ReportOptions.chartIds, drawn by the caller. */
  readonly chartImages: readonly ReportChartImage[];
  readonly generatedAt: IsoTimestamp;
  /** e.g. "Casefile 0.1.0". */
  readonly generator: string;
  /** The case's audit chain as the verifier found it when the report was made. */
  readonly audit?: ReportAuditSummary;
}

/** What a report says about the case's audit trail (issue 9: "its summary in reports"). */
export interface ReportAuditSummary {
  readonly events: number;
  /** True when every event's hash and link checked out. */
  readonly intact: boolean;
  /** Hash of the last event ('' for an empty chain): a recipient can compare it with the app's. */
  readonly headHash: string;
  /** When broken: the first event (0-based) that does not check out. */
  readonly brokenAt?: number;
}

// ---------------------------------------------------------------------------------------------
// The report document: format-neutral, every string plain text.

/** Inline content of a narrative paragraph. */
export type ReportInline =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly bold?: boolean;
      readonly italic?: boolean;
      readonly underline?: boolean;
      readonly strikethrough?: boolean;
      readonly code?: boolean;
    }
  /** A link in the note: shown as its text followed by its address, never followed by the report. */
  | { readonly kind: 'link'; readonly text: string; readonly url: string }
  /** An @mention: the entity's current name; a link to its row in the entity tables when listed. */
  | {
      readonly kind: 'mention';
      readonly text: string;
      readonly entityAnchor?: string;
      readonly redacted?: boolean;
    }
  /** A reference to footnote `number` (ReportDocument.footnotes). */
  | { readonly kind: 'footnoteRef'; readonly number: number }
  | { readonly kind: 'lineBreak' };

/** A block of the narrative. */
export type ReportBlock =
  | { readonly kind: 'paragraph'; readonly inlines: readonly ReportInline[] }
  /** Level 1–3 within the narrative section (the note's h1 is the section's first sub-level). */
  | {
      readonly kind: 'heading';
      readonly level: 1 | 2 | 3;
      readonly inlines: readonly ReportInline[];
    }
  | {
      readonly kind: 'list';
      readonly ordered: boolean;
      readonly items: readonly (readonly ReportBlock[])[];
    }
  /** A plain block quotation typed in the note (not a cited passage). */
  | { readonly kind: 'quote'; readonly inlines: readonly ReportInline[] }
  | { readonly kind: 'code'; readonly text: string }
  /** A quoted passage, footnoted to its source, page and grade. */
  | {
      readonly kind: 'evidenceQuote';
      /** The quoted words; "[Quotation redacted]"-style text is never put here: see `redacted`. */
      readonly text: string;
      readonly footnote?: number;
      /** The quote's source is excluded from the report: the renderer shows a redaction notice. */
      readonly redacted?: boolean;
    }
  /** An embedded claim: its sentence, linked to the finding when the finding is in the report. */
  | {
      readonly kind: 'claim';
      readonly text: string;
      readonly findingAnchor?: string;
      readonly grade?: string;
      readonly redacted?: boolean;
    }
  | { readonly kind: 'table'; readonly rows: readonly (readonly (readonly ReportInline[])[])[] };

/** One footnote: a cited passage (or a quote whose passage is gone). */
export interface ReportFootnote {
  /** 1-based, in order of first reference. */
  readonly number: number;
  /** Document-wide unique anchor, e.g. "fn-3"; the reference's own anchor is `${anchor}-ref`. */
  readonly anchor: string;
  /** The appendix entry of the source, when it is listed. */
  readonly source?: { readonly label: string; readonly anchor: string };
  /** Source title, or "Source withheld" for a withheld source. */
  readonly sourceTitle: string;
  /** "p. 3", "pp. 3–4", "¶ 12", or undefined when the source has no structure. */
  readonly locator?: string;
  /** The source's reliability with the citing claim's credibility (e.g. B2), or the source's letter. */
  readonly grade?: string;
  /** The cited words (shortened if very long). */
  readonly quote: string;
  /** The passage no longer anchors in its source's text: quoted as captured. */
  readonly orphaned: boolean;
  /** The passage was deleted after being quoted: the note's snapshot is all that is left. */
  readonly passageMissing: boolean;
}

/** One claim of the findings section. */
export interface ReportFinding {
  /** 1-based position in the findings; "Finding 3". */
  readonly number: number;
  /** e.g. "finding-3". */
  readonly anchor: string;
  readonly claimId: ClaimId;
  readonly subject: string;
  readonly predicate: string;
  readonly object: string;
  readonly objectIsLiteral: boolean;
  /** "2016-02-04", "2016-02 – 2016-03", or "" when unknown. */
  readonly validTime: string;
  /** Admiralty code, e.g. "B2"; undefined for an analyst assertion. */
  readonly grade?: string;
  readonly credibility: InformationCredibility;
  readonly credibilityLabel: string;
  readonly status: ClaimStatus;
  readonly singleSource: boolean;
  readonly analystAssertion: boolean;
  /** Has evidence, but none of it from a source that is in the report. */
  readonly evidenceRedacted: boolean;
  readonly attributedTo?: string;
  readonly note: string;
  /** Footnotes of its evidence passages, in evidence order. */
  readonly footnotes: readonly number[];
  /** Supports / contradicts other findings in the report. */
  readonly relations: readonly {
    readonly kind: 'supports' | 'contradicts';
    readonly findingNumber: number;
    readonly anchor: string;
  }[];
}

export interface ReportEntityRow {
  /** e.g. "entity-7"; the target of narrative mentions. */
  readonly anchor: string;
  readonly entityId: EntityId;
  readonly name: string;
  readonly aliases: readonly string[];
  /** Attribute name and value as text, in the entity's order. */
  readonly attributes: readonly { readonly name: string; readonly value: string }[];
  readonly notes: string;
  /** Findings whose subject or object it is. */
  readonly findingNumbers: readonly number[];
}

export interface ReportEntityTable {
  readonly type: EntityType;
  /** Plural heading, e.g. "People", "Organisations", "IP addresses". */
  readonly heading: string;
  readonly rows: readonly ReportEntityRow[];
}

export interface ReportTimelineEntry {
  /** The dates as written, e.g. "2016-02-04" or "2016-02 – 2016-03". */
  readonly when: string;
  /** The finding's sentence, or the entity's name. */
  readonly text: string;
  readonly kind: 'claim' | 'entity';
  readonly findingAnchor?: string;
  readonly grade?: string;
  readonly status?: ClaimStatus;
}

export interface ReportSourceEntry {
  /** "S1", "S2", … in appendix order. */
  readonly label: string;
  /** e.g. "source-1". */
  readonly anchor: string;
  readonly sourceId: SourceId;
  readonly withheld: boolean;
  /** For a withheld source "Source withheld"; all provenance below is then absent. */
  readonly title: string;
  readonly kind?: string;
  readonly fileName?: string;
  readonly url?: string;
  readonly author?: string;
  readonly publisher?: string;
  readonly publishedAt?: string;
  readonly capturedAt?: string;
  readonly mediaType?: string;
  readonly byteLength?: number;
  readonly reliability: SourceReliability;
  /** e.g. "Usually reliable". */
  readonly reliabilityLabel: string;
  /** SHA-256 of the original bytes, always kept so a recipient can verify a copy. */
  readonly sha256: string;
  /** Footnotes citing it. */
  readonly citedBy: readonly number[];
}

export interface ReportDocument {
  readonly caseId: CaseId;
  readonly title: string;
  readonly caseTitle: string;
  readonly author: string;
  readonly marking: string;
  readonly generatedAt: IsoTimestamp;
  readonly generator: string;
  readonly audit?: ReportAuditSummary;
  readonly narrative?: { readonly title: string; readonly blocks: readonly ReportBlock[] };
  readonly findings: readonly ReportFinding[];
  /** Empty when the entities section is left out. */
  readonly entityTables: readonly ReportEntityTable[];
  readonly charts: readonly ReportChartImage[];
  /** Chronological; absent when the timeline section is left out. */
  readonly timeline?: readonly ReportTimelineEntry[];
  /** The evidence appendix, in label order; empty when left out. */
  readonly sources: readonly ReportSourceEntry[];
  readonly footnotes: readonly ReportFootnote[];
  /**
   * What the builder should tell the investigator (not printed in the report), e.g. "2 claims
   * left out: they involve an excluded entity".
   */
  readonly notices: readonly string[];
}

/** Progress of a long generation, for a progress bar: done of total, with what is being done. */
export interface ReportProgress {
  readonly stage: 'build' | 'render';
  readonly done: number;
  readonly total: number;
}

/** A generated report file. */
export interface ReportFile {
  readonly format: ReportFormat;
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}
