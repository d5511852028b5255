/**
 * Interoperability (issue 10): what every exporter reads. Exporters are pure functions over these
 * records (no storage, no DOM), so they run in a worker, in Node tests and in the command line.
 * Every string here is investigator or source text, UNTRUSTED: each format escapes it its own way.
 */
import type { Case, Chart, Claim, Entity, IsoTimestamp, Passage, Source } from '../model/records';

/** The records of one case (or of one chart's view of it) to export. */
export interface CaseExportInput {
  readonly case: Case;
  /** Live entities (merged ones excluded). For a chart export: the chart's entities only. */
  readonly entities: readonly Entity[];
  /** Claims between those entities (or to literal values). */
  readonly claims: readonly Claim[];
  /** Sources cited by the claims' evidence (all sources of the case for a whole-case export). */
  readonly sources: readonly Source[];
  /** At least every passage cited as evidence; every passage of the case for annotation export. */
  readonly passages: readonly Passage[];
  /** The chart being exported (node positions for GraphML/GEXF), when a chart is exported. */
  readonly chart?: Chart;
  readonly exportedAt: IsoTimestamp;
  /** e.g. "Casefile 0.1.0". */
  readonly generator: string;
}

/** What an export left out or changed, so the investigator is told (never silently dropped). */
export interface ExportNotice {
  readonly recordId: string;
  readonly message: string;
}

/** One exported file. */
export interface ExportFile {
  readonly fileName: string;
  readonly mediaType: string;
  readonly text: string;
  readonly notices: readonly ExportNotice[];
}
