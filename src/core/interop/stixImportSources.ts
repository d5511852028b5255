/**
 * STIX 2.1 import, sources (docs/interop.md, "Import"): a STIX external reference or report is
 * only a pointer to a document, so each becomes a small text source whose original is a
 * deterministic UTF-8 rendering of what the bundle says about it (title, URL, external id,
 * hashes, then every description quoted for it). That gives it a SHA-256 and canonical text
 * like any source, and the claims citing it get evidence passages over their own description,
 * built with the app's selector code, so the chart can show where each link came from.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describeRange } from '../anchoring';
import type { CaseJson } from '../bundle/bundle';
import { asPassageId, asSha256, asSourceId, type PassageId, type SourceId } from '../model/ids';
import type { CaseId, EntityId } from '../model/ids';
import type { SourceReliability } from '../model/records';
import { assembleText, canonicalParagraph } from '../text/canonical';

type SourceRecord = CaseJson['sources'][number];
type SourceContentRecord = CaseJson['sourceContents'][number];
type PassageRecord = CaseJson['passages'][number];

/** An external reference as STIX 2.1 §2.5 defines it, read leniently. */
export interface ExternalReference {
  readonly sourceName: string;
  readonly url?: string;
  readonly externalId?: string;
  readonly description?: string;
  readonly hashes: readonly (readonly [string, string])[];
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An external reference, or undefined when the value is not one (no `source_name`). */
export function readReference(value: unknown): ExternalReference | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = value as Record<string, unknown>;
  const sourceName = text(ref['source_name']);
  if (sourceName === undefined) return undefined;
  const hashes = ref['hashes'];
  const url = text(ref['url']);
  const externalId = text(ref['external_id']);
  const description = text(ref['description']);
  return {
    sourceName,
    ...(url !== undefined ? { url } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    ...(description !== undefined ? { description } : {}),
    hashes:
      hashes !== null && typeof hashes === 'object' && !Array.isArray(hashes)
        ? Object.entries(hashes as Record<string, unknown>)
            .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
            .map(([algorithm, hash]) => [algorithm, hash.trim()] as const)
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        : [],
  };
}

/** What a report object contributes to its source. */
export interface ReportFields {
  readonly stixId: string;
  readonly name: string;
  readonly description?: string;
  readonly published?: string;
  readonly author?: string;
  readonly reliability?: SourceReliability;
}

interface SourceDraft {
  readonly id: SourceId;
  readonly title: string;
  readonly url?: string;
  readonly author?: string;
  readonly publishedAt?: string;
  reliability: SourceReliability;
  readonly paragraphs: string[];
  readonly paragraphIndex: Map<string, number>;
}

/** A place in an imported source: one of its paragraphs. */
export interface Citation {
  readonly source: SourceDraft;
  readonly paragraph: number;
}

interface PassageDraft {
  readonly id: PassageId;
  readonly citation: Citation;
  readonly kind: 'evidence' | 'mention';
  readonly entityId?: EntityId;
}

/** Casefile's own exports describe each source with its grade (stix.ts, sourceDescription). */
const CASEFILE_RELIABILITY = /^Source reliability ([A-F]) \(/;

export interface ImportedSourceRecords {
  readonly sources: SourceRecord[];
  readonly sourceContents: SourceContentRecord[];
  readonly passages: PassageRecord[];
  readonly originals: Map<string, Uint8Array>;
}

/**
 * Collects the sources of one import: one per distinct reference (same name, URL, external id
 * and hashes) or report, each description once, each cited paragraph one passage per kind.
 */
export class ImportedSources {
  private readonly drafts = new Map<string, SourceDraft>();
  private readonly passages = new Map<string, PassageDraft>();

  constructor(
    private readonly caseId: CaseId,
    private readonly now: string,
    private readonly newId: () => string,
  ) {}

  /** The source for an external reference; the citation is its description (else its title). */
  cite(reference: ExternalReference): Citation {
    const key = JSON.stringify([
      'reference',
      reference.sourceName,
      reference.url ?? '',
      reference.externalId ?? '',
      reference.hashes,
    ]);
    let draft = this.drafts.get(key);
    if (draft === undefined) {
      const title =
        reference.externalId !== undefined && reference.externalId !== reference.sourceName
          ? `${reference.sourceName} ${reference.externalId}`
          : reference.sourceName;
      draft = this.newDraft(key, title, reference.url);
      this.add(
        draft,
        'An external reference in a STIX 2.1 bundle, imported into Casefile: what the bundle says about the document, not the document itself.',
      );
      if (reference.url !== undefined) this.add(draft, `URL: ${reference.url}`);
      if (reference.externalId !== undefined)
        this.add(draft, `External id: ${reference.externalId}`);
      for (const [algorithm, hash] of reference.hashes) {
        this.add(draft, `${algorithm} of the document: ${hash}`);
      }
    }
    const description = reference.description;
    if (description === undefined) return { source: draft, paragraph: 0 };
    const grade = CASEFILE_RELIABILITY.exec(description);
    if (grade) draft.reliability = grade[1] as SourceReliability;
    return { source: draft, paragraph: this.add(draft, description) };
  }

  /** The source for a report object; the citation is its name. */
  report(report: ReportFields): Citation {
    const key = JSON.stringify(['report', report.stixId]);
    let draft = this.drafts.get(key);
    if (draft === undefined) {
      draft = this.newDraft(key, report.name, undefined, report.author, report.published);
      if (report.reliability !== undefined) draft.reliability = report.reliability;
      this.add(draft, `A report in a STIX 2.1 bundle (${report.stixId}), imported into Casefile.`);
      if (report.published !== undefined) this.add(draft, `Published: ${report.published}`);
      if (report.author !== undefined) this.add(draft, `Author: ${report.author}`);
      if (report.description !== undefined) this.add(draft, report.description);
    }
    return { source: draft, paragraph: 0 };
  }

  /** A passage over the cited paragraph (one per paragraph, kind and entity). */
  passage(citation: Citation, kind: 'evidence' | 'mention', entityId?: EntityId): PassageId {
    const key = `${citation.source.id}/${citation.paragraph}/${kind}/${entityId ?? ''}`;
    let draft = this.passages.get(key);
    if (draft === undefined) {
      draft = {
        id: asPassageId(this.newId()),
        citation,
        kind,
        ...(entityId !== undefined ? { entityId } : {}),
      };
      this.passages.set(key, draft);
    }
    return draft.id;
  }

  /** The records and originals: texts are final only now, so passages are anchored here. */
  finish(): ImportedSourceRecords {
    const out: ImportedSourceRecords = {
      sources: [],
      sourceContents: [],
      passages: [],
      originals: new Map(),
    };
    const owned = { caseId: this.caseId, createdAt: this.now, updatedAt: this.now };
    const texts = new Map<SourceId, ReturnType<typeof assembleText>>();
    for (const draft of this.drafts.values()) {
      const assembled = assembleText([draft.paragraphs], { paged: false });
      texts.set(draft.id, assembled);
      const bytes = utf8ToBytes(assembled.text);
      const hash = asSha256(bytesToHex(sha256(bytes)));
      out.originals.set(hash, bytes);
      out.sources.push({
        ...owned,
        id: draft.id,
        title: draft.title,
        kind: 'text',
        sha256: hash,
        byteLength: bytes.length,
        mediaType: 'text/plain',
        provenance: {
          ...(draft.url !== undefined ? { url: draft.url } : {}),
          ...(draft.author !== undefined ? { author: draft.author } : {}),
          ...(draft.publishedAt !== undefined ? { publishedAt: draft.publishedAt } : {}),
        },
        reliability: draft.reliability,
        warnings: [],
      });
      out.sourceContents.push({
        id: draft.id,
        caseId: this.caseId,
        text: assembled.text,
        structure: { paragraphs: (assembled.structure.paragraphs ?? []).map((r) => ({ ...r })) },
      });
    }
    for (const passage of this.passages.values()) {
      const { source, paragraph } = passage.citation;
      const assembled = texts.get(source.id)!;
      const range = assembled.structure.paragraphs![paragraph]!;
      // Paragraphs are non-blank canonical text (see add), so the range always describes.
      const selectors = describeRange(assembled.text, range.start, range.end);
      if (!selectors.ok) throw new Error(`Unanchorable paragraph: ${selectors.error.message}`);
      out.passages.push({
        ...owned,
        id: passage.id,
        sourceId: source.id,
        kind: passage.kind,
        quote: selectors.value.quote,
        position: selectors.value.position,
        orphaned: false,
        note: '',
        ...(passage.entityId !== undefined ? { entityId: passage.entityId } : {}),
      });
    }
    return out;
  }

  private newDraft(
    key: string,
    title: string,
    url?: string,
    author?: string,
    publishedAt?: string,
  ): SourceDraft {
    const shown = canonicalParagraph(title) === '' ? 'Untitled reference' : title.trim();
    const draft: SourceDraft = {
      id: asSourceId(this.newId()),
      title: shown,
      ...(url !== undefined ? { url } : {}),
      ...(author !== undefined ? { author } : {}),
      ...(publishedAt !== undefined ? { publishedAt } : {}),
      // F: "cannot be judged" until the bundle says otherwise.
      reliability: 'F',
      paragraphs: [],
      paragraphIndex: new Map(),
    };
    this.drafts.set(key, draft);
    this.add(draft, shown);
    return draft;
  }

  /** Adds a paragraph (canonical, once); returns its index, or the title's when it is blank. */
  private add(draft: SourceDraft, raw: string): number {
    const paragraph = canonicalParagraph(raw);
    if (paragraph === '') return 0;
    const known = draft.paragraphIndex.get(paragraph);
    if (known !== undefined) return known;
    draft.paragraphs.push(paragraph);
    draft.paragraphIndex.set(paragraph, draft.paragraphs.length - 1);
    return draft.paragraphs.length - 1;
  }
}
