import {
  appendToNoteDocument,
  claimEmbedJson,
  emptyNoteDocument,
  entityMentionJson,
  evidenceQuoteJson,
} from '../../../src/core/model/note';
import type { CaseJson } from '../../../src/core/bundle/bundle';
import type { CaseId, EntityId } from '../../../src/core/model/ids';
import type { Claim, Entity, Note, Passage, Source } from '../../../src/core/model/records';
import type { CasefileStorage } from '../../../src/db/open';
import { aSourceDraft, sha256Of } from '../../fixtures/builders';
import { addSource, newCase, rangeOf, value } from './helpers';

export const LEDGER_TEXT = 'Ada Example paid Harbour Ltd 500 EUR at berth 7. A. Example signed.';
export const MEMO_TEXT = 'Bob Other met Ada Example at the harbour office on Monday.';
export const SCAN_TEXT = 'Attached scan of the receipt for Harbour Ltd.';

/** case.json of a case with no records but the case itself, plus `fill`. */
export function emptyCaseJson(
  caseId: string,
  fill: Partial<CaseJson> = {},
  at = '2026-11-22T07:00:00.000Z',
): CaseJson {
  return {
    format: 'casefile-case',
    version: 1,
    case: {
      id: caseId,
      title: 'Small',
      summary: '',
      marking: 'TLP:CLEAR',
      status: 'open',
      createdAt: at,
      updatedAt: at,
    },
    sources: [],
    sourceContents: [],
    passages: [],
    entities: [],
    entityMerges: [],
    claims: [],
    notes: [],
    charts: [],
    savedSearches: [],
    audit: [],
    ...fill,
  };
}

/** A case with every record kind the transfer carries, made through the repositories. */
export interface Investigation {
  readonly caseId: CaseId;
  readonly ledger: Source;
  readonly memo: Source;
  /** An attachment of the ledger (parentId). */
  readonly scan: Source;
  readonly ada: Entity;
  readonly harbour: Entity;
  readonly bob: Entity;
  readonly adaMention: Passage;
  readonly bobMention: Passage;
  readonly payment: Claim;
  readonly meeting: Claim;
  readonly note: Note;
}

async function mention(
  s: CasefileStorage,
  caseId: CaseId,
  source: Source,
  text: string,
  quote: string,
  entity: { entityId: EntityId } | { newEntity: { type: string; name: string } },
): Promise<Passage> {
  return value(
    await s.passages.create(caseId, {
      sourceId: source.id,
      kind: 'mention',
      ...rangeOf(text, quote),
      ...entity,
    }),
  );
}

export async function seedInvestigation(s: CasefileStorage): Promise<Investigation> {
  const caseId = await newCase(s, 'Harbour fuel diversion');
  value(await s.cases.update(caseId, { summary: 'Payments through the harbour office.' }));
  const ledger = await addSource(s, caseId, LEDGER_TEXT, { title: 'Ledger' });
  const memo = await addSource(s, caseId, MEMO_TEXT, { title: 'Memo' });
  const scanBytes = new TextEncoder().encode('%PDF-1.7 receipt scan');
  const scan = value(
    await s.sources.import(caseId, {
      draft: aSourceDraft({ text: SCAN_TEXT, title: 'Receipt scan' }),
      bytes: scanBytes,
      sha256: sha256Of(scanBytes),
      parentId: ledger.id,
    }),
  );

  const adaMention = await mention(s, caseId, ledger, LEDGER_TEXT, 'Ada Example', {
    newEntity: { type: 'Person', name: 'Ada Example' },
  });
  const harbourMention = await mention(s, caseId, ledger, LEDGER_TEXT, 'Harbour Ltd', {
    newEntity: { type: 'Organization', name: 'Harbour Ltd' },
  });
  const aliasMention = await mention(s, caseId, ledger, LEDGER_TEXT, 'A. Example', {
    newEntity: { type: 'Person', name: 'A. Example' },
  });
  const bobMention = await mention(s, caseId, memo, MEMO_TEXT, 'Bob Other', {
    newEntity: { type: 'Person', name: 'Bob Other' },
  });
  await mention(s, caseId, memo, MEMO_TEXT, 'Ada Example', { entityId: adaMention.entityId! });
  await mention(s, caseId, scan, SCAN_TEXT, 'Harbour Ltd', {
    entityId: harbourMention.entityId!,
  });
  value(
    await s.passages.create(caseId, {
      sourceId: memo.id,
      kind: 'highlight',
      ...rangeOf(MEMO_TEXT, 'on Monday'),
    }),
  );
  // "A. Example" is Ada: merged, so entityMerges and mergedInto travel too.
  value(await s.entities.merge(adaMention.entityId!, aliasMention.entityId!));

  const ada = (await s.entities.get(adaMention.entityId!))!;
  const harbour = (await s.entities.get(harbourMention.entityId!))!;
  const bob = (await s.entities.get(bobMention.entityId!))!;
  const payment = value(
    await s.claims.create(caseId, {
      subjectId: ada.id,
      predicate: 'paid',
      object: { kind: 'entity', entityId: harbour.id },
      validTime: { kind: 'date', date: '2026-03-02' },
      evidence: [adaMention.id],
      credibility: 2,
      status: 'asserted',
    }),
  );
  const meeting = value(
    await s.claims.create(caseId, {
      subjectId: bob.id,
      predicate: 'met',
      object: { kind: 'entity', entityId: ada.id },
      validTime: { kind: 'unknown' },
      evidence: [bobMention.id],
      credibility: 3,
      status: 'asserted',
      relations: [{ kind: 'supports', claimId: payment.id }],
    }),
  );

  const created = value(await s.notes.create(caseId, { title: 'Working theory' }));
  const note = value(
    await s.notes.saveContent(
      created.id,
      appendToNoteDocument(emptyNoteDocument(), [
        entityMentionJson(ada.id, ada.name),
        entityMentionJson(harbour.id, harbour.name),
        evidenceQuoteJson({
          passageId: bobMention.id,
          sourceId: memo.id,
          quote: 'Bob Other',
          sourceTitle: memo.title,
        }),
        claimEmbedJson(payment.id, 'Ada Example paid Harbour Ltd'),
        claimEmbedJson(meeting.id, 'Bob Other met Ada Example'),
      ]),
    ),
  );
  value(
    await s.charts.create(caseId, {
      title: 'Money trail',
      scope: 'chosen',
      entityIds: [ada.id, harbour.id, bob.id],
      positions: { [ada.id]: { x: 1, y: 2 }, [bob.id]: { x: 3, y: 4 } },
      filters: { sourceIds: [ledger.id] },
      groups: [{ id: 'g1', label: 'Payers', memberIds: [ada.id, harbour.id], collapsed: false }],
    }),
  );
  value(await s.savedSearches.create(caseId, { name: 'Payments', query: 'paid' }));
  return {
    caseId,
    ledger: (await s.sources.get(ledger.id))!,
    memo: (await s.sources.get(memo.id))!,
    scan: (await s.sources.get(scan.id))!,
    ada,
    harbour,
    bob,
    adaMention,
    bobMention,
    payment: (await s.claims.get(payment.id))!,
    meeting: (await s.claims.get(meeting.id))!,
    note,
  };
}
