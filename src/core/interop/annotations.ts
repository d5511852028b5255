/**
 * Passages as W3C Web Annotations (Web Annotation Data Model, JSON-LD): one AnnotationCollection
 * whose single embedded AnnotationPage holds one Annotation per passage. The target is the
 * original file by hash (`urn:sha256:<hex>`), so any copy of the file is the target; the selectors
 * locate the passage in the text Casefile extracted from it. Mapping: docs/interop.md.
 */
import { ok, type Result } from '../../shared/result';
import type { Claim, Passage, PassageKind } from '../model/records';
import {
  byId,
  claimFacts,
  fileStem,
  indexInput,
  objectLabel,
  type ExportIndex,
} from './claimFacts';
import { uuidV5 } from './stix';
import type { CaseExportInput, ExportFile, ExportNotice } from './types';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** What each kind of passage is for, in the model's motivation vocabulary. */
export const PASSAGE_MOTIVATION: Readonly<Record<PassageKind, string>> = {
  highlight: 'highlighting',
  comment: 'commenting',
  mention: 'identifying',
  evidence: 'assessing',
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function textualBody(value: string, purpose: string): Json {
  return { type: 'TextualBody', value, format: 'text/plain', purpose };
}

function claimSentence(claim: Claim, index: ExportIndex, notices: ExportNotice[]): string {
  const subject = index.entities.get(claim.subjectId)?.name ?? claim.subjectId;
  const facts = claimFacts(claim, index, notices);
  const grade = facts.grade ?? 'analyst assertion';
  return `Evidence for: ${subject} ${claim.predicate} ${objectLabel(claim, index)} (${grade}, ${claim.status})`;
}

export function exportAnnotations(input: CaseExportInput): Result<ExportFile> {
  const notices: ExportNotice[] = [];
  const index = indexInput(input);
  const citedBy = new Map<string, Claim[]>();
  for (const claim of byId(input.claims)) {
    for (const passageId of new Set(claim.evidence)) {
      const list = citedBy.get(passageId) ?? [];
      list.push(claim);
      citedBy.set(passageId, list);
    }
  }
  // Claim sentences' own notices (missing evidence) belong to the claims export, not here.
  const ignored: ExportNotice[] = [];

  const items: Json[] = [];
  for (const passage of byId<Passage>(input.passages)) {
    const source = index.sources.get(passage.sourceId);
    if (!source) {
      notices.push({
        recordId: passage.id,
        message: 'Not exported: the passage’s source is not in the export.',
      });
      continue;
    }
    const body: Json[] = [];
    if (passage.kind === 'mention') {
      const entity = passage.entityId && index.entities.get(passage.entityId);
      if (passage.entityId !== undefined) {
        body.push({
          type: 'SpecificResource',
          source: `urn:uuid:${passage.entityId}`,
          purpose: 'identifying',
        });
      }
      if (entity) body.push(textualBody(entity.name, 'identifying'));
      else {
        notices.push({
          recordId: passage.id,
          message: 'The entity this passage mentions is not in the export: only its id is given.',
        });
      }
    }
    if (passage.note !== '') body.push(textualBody(passage.note, 'commenting'));
    for (const claim of citedBy.get(passage.id) ?? []) {
      body.push(textualBody(claimSentence(claim, index, ignored), 'describing'));
    }

    const quote: Record<string, Json> = { type: 'TextQuoteSelector', exact: passage.quote.exact };
    if (passage.quote.prefix !== '') quote['prefix'] = passage.quote.prefix;
    if (passage.quote.suffix !== '') quote['suffix'] = passage.quote.suffix;
    const selector: Json[] = [quote];
    if (passage.orphaned) {
      // Its offsets point at text that is no longer there; the quote is what can re-anchor it.
      notices.push({
        recordId: passage.id,
        message:
          'This passage no longer anchors in its source’s text: exported with its quote only, without a position.',
      });
    } else {
      selector.push({
        type: 'TextPositionSelector',
        start: passage.position.start,
        end: passage.position.end,
      });
    }

    items.push({
      id: `urn:uuid:${passage.id}`,
      type: 'Annotation',
      motivation: PASSAGE_MOTIVATION[passage.kind],
      created: passage.createdAt,
      modified: passage.updatedAt,
      ...(body.length > 0 ? { body } : {}),
      target: { source: `urn:sha256:${source.sha256}`, selector },
    });
  }

  const collectionId = uuidV5(input.case.id, 'casefile/annotations');
  const collection: Json = {
    '@context': ANNOTATION_CONTEXT,
    id: `urn:uuid:${collectionId}`,
    type: 'AnnotationCollection',
    label: `${input.case.title} (${input.case.marking})`,
    total: items.length,
    generator: { type: 'Software', name: input.generator },
    generated: input.exportedAt,
    first: {
      id: `urn:uuid:${uuidV5(collectionId, 'page/0')}`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  };
  return ok({
    fileName: `${fileStem(input.case.title)}-annotations.jsonld`,
    mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    text: `${JSON.stringify(collection, null, 2)}\n`,
    notices,
  });
}
