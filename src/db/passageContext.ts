import type { SourceId } from '../core/model/ids';
import type { Passage, Source, SourceStructure } from '../core/model/records';
import { pageAt } from '../core/text/canonical';
import type { CasefileDatabase } from './schema';

/** A passage with its source, page and the text around it: how mentions and evidence are shown. */
export interface PassageInContext {
  readonly passage: Passage;
  readonly source: Source;
  /** 1-based page, for paged sources (PDF); absent for unpaged sources and orphans. */
  readonly page?: number;
  /** Text just before and after the quote, as stored in the quote selector. */
  readonly before: string;
  readonly after: string;
}

/**
 * Puts passages in context, in the order given. Each involved source (metadata and structure)
 * is read once however many passages it has; passages whose source is gone are left out.
 */
export async function passagesInContext(
  db: CasefileDatabase,
  passages: readonly Passage[],
): Promise<PassageInContext[]> {
  const sources = new Map<SourceId, { source: Source; structure: SourceStructure }>();
  for (const sourceId of new Set(passages.map((passage) => passage.sourceId))) {
    const source = db.hasTable('sources') ? await db.sources.get(sourceId) : undefined;
    if (!source) continue;
    const content = db.hasTable('sourceContents')
      ? await db.sourceContents.get(sourceId)
      : undefined;
    sources.set(sourceId, { source, structure: content?.structure ?? {} });
  }
  const found: PassageInContext[] = [];
  for (const passage of passages) {
    const entry = sources.get(passage.sourceId);
    if (!entry) continue;
    const page = passage.orphaned ? undefined : pageAt(entry.structure, passage.position.start);
    found.push({
      passage,
      source: entry.source,
      ...(page !== undefined ? { page } : {}),
      before: passage.quote.prefix,
      after: passage.quote.suffix,
    });
  }
  return found;
}
