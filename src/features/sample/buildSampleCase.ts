import { writeBundle } from '../../core/bundle/bundle';
import { hexToBytes } from '@noble/hashes/utils.js';
import type {
  CaseId,
  ClaimId,
  EntityId,
  InformationCredibility,
  PassageId,
  SourceId,
  SourceReliability,
} from '../../core';
import {
  asSha256,
  type ClaimRelation,
  type ClaimStatus,
  type IsoTimestamp,
  type ValidTime,
} from '../../core';
import {
  appendToNoteDocument,
  claimEmbedJson,
  emptyNoteDocument,
  entityMentionJson,
  evidenceQuoteJson,
  type NoteJsonNode,
} from '../../core/model/note';
import { openCasefileStorage, sha256BytesHex, type CasefileStorage } from '../../db';
import { createInlineIngest } from '../../ingest/inline';
import { err, ok, type Result } from '../../shared/result';
import {
  SAMPLE_AGE_RECIPIENT,
  SAMPLE_CASE_ID,
  SAMPLE_RECIPIENT_NAME,
  SAMPLE_SIGNER_NAME,
  SAMPLE_SIGNING_SEED_HEX,
} from './sampleKeys';

// Node tooling only (scripts/build-sample-case.mjs and tests/unit/sampleCase.test.ts): builds the
// sample case through the app's own ingest and storage code, then writes it as an ordinary
// bundle. Not exported from index.ts, so the app never bundles the parsers through it.

/** One of the files in resources/sample-case/sources/. */
export interface SampleFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface SampleCaseCounts {
  readonly sources: number;
  readonly passages: number;
  readonly entities: number;
  readonly entityTypes: number;
  readonly claims: number;
  readonly charts: number;
  readonly notes: number;
}

export interface BuiltSampleCase {
  readonly bundle: Uint8Array;
  readonly counts: SampleCaseCounts;
}

/** Every file the story needs, in import order. */
export const SAMPLE_SOURCE_FILES = [
  'northgate-ledger-article.html',
  'internal-audit-report.pdf',
  'bank-details-change.eml',
  'finance-memo.docx',
  'interview-hanna-veldt.txt',
  'tidewater-blog.html',
  'analyst-notes.md',
] as const;
type FileName = (typeof SAMPLE_SOURCE_FILES)[number];

/** The e-mail's attachment, imported as its child source. */
const ATTACHMENT = 'remittance-details-KM-4471.pdf';
type SourceKey = FileName | typeof ATTACHMENT;

const RELIABILITY: Record<SourceKey, SourceReliability> = {
  'northgate-ledger-article.html': 'B',
  'internal-audit-report.pdf': 'A',
  'bank-details-change.eml': 'E',
  [ATTACHMENT]: 'E',
  'finance-memo.docx': 'C',
  'interview-hanna-veldt.txt': 'B',
  'tidewater-blog.html': 'C',
  'analyst-notes.md': 'B',
};

/**
 * What the analyst filled in after import. Generated PDF and Word files carry the day they were
 * generated as their date: the story's dates replace it, so the case reads the same every build.
 */
const PROVENANCE: Partial<
  Record<
    SourceKey,
    {
      title?: string;
      author?: string;
      publisher?: string;
      publishedAt?: string;
      /** '' clears the generation day. */
      modifiedAt?: string;
    }
  >
> = {
  'internal-audit-report.pdf': {
    author: 'Priya Nandakumar',
    publisher: 'Northgate Port Authority, Internal Audit',
    publishedAt: '2026-03-30',
    modifiedAt: '',
  },
  [ATTACHMENT]: { publishedAt: '2026-03-04', modifiedAt: '' },
  'finance-memo.docx': {
    author: 'Tomas Reyes',
    publisher: 'Northgate Port Authority',
    publishedAt: '2026-03-28',
    modifiedAt: '',
  },
  'interview-hanna-veldt.txt': {
    title: 'Interview notes: Hanna Veldt, Kestrel Marine Services',
    author: 'R. Achterberg',
    publishedAt: '2026-04-01',
  },
  'analyst-notes.md': { publishedAt: '2026-04-04' },
};

const ENTITIES = {
  northgate: { type: 'Organization', name: 'Northgate Port Authority' },
  kestrel: { type: 'Organization', name: 'Kestrel Marine Services Ltd' },
  halden: { type: 'Organization', name: 'Halden Bay Trading' },
  ledger: { type: 'Organization', name: 'The Northgate Ledger' },
  tidewater: { type: 'Organization', name: 'Tidewater Threat Research' },
  mara: { type: 'Person', name: 'Mara Lindqvist' },
  tomas: { type: 'Person', name: 'Tomas Reyes' },
  hanna: { type: 'Person', name: 'Hanna Veldt' },
  daniel: { type: 'Person', name: 'Daniel Okafor' },
  ilse: { type: 'Person', name: 'Ilse Brandt' },
  priya: { type: 'Person', name: 'Priya Nandakumar' },
  portEllery: { type: 'Location', name: 'Port Ellery' },
  payment: { type: 'Money', name: 'EUR 184,500' },
  stopped: { type: 'Money', name: 'EUR 96,200' },
  paidOn: { type: 'Date', name: '12 March 2026' },
  fakeDomain: { type: 'Domain', name: 'kestre1-marine.example' },
  realDomain: { type: 'Domain', name: 'kestrel-marine.example' },
  portalDomain: { type: 'Domain', name: 'northgate-portal.example' },
  sender: { type: 'Email', name: 'accounts@kestre1-marine.example' },
  phishHost: { type: 'IPAddress', name: '198.51.100.23' },
  loginIp: { type: 'IPAddress', name: '203.0.113.47' },
  fakePhone: { type: 'Phone', name: '+44 20 7946 0815' },
  realPhone: { type: 'Phone', name: '+44 20 7946 0990' },
  account: { type: 'BankAccount', name: 'XE42 HALD 0001 2233 4455 66' },
  wallet: { type: 'CryptoWallet', name: '0x5a1e7c0ffee0b5e4d2c9a8f7e6d5c4b3a2918070' },
  quaylogger: { type: 'Malware', name: 'QuayLogger' },
  sampleHash: {
    type: 'Hash',
    name: '3f1c9a7e5b2d4c6a8e0f1b3d5c7a9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c',
  },
  invoice: { type: 'Document', name: 'Invoice KM-4471' },
  article: {
    type: 'URL',
    name: 'https://northgate-ledger.example/news/2026/04/port-authority-impostor-supplier',
  },
} as const;
type EntityKey = keyof typeof ENTITIES;

/** Entity mentions: [source, exact quote (first occurrence), entity]. */
const MENTIONS: readonly (readonly [SourceKey, string, EntityKey])[] = [
  ['northgate-ledger-article.html', 'Northgate Port Authority', 'northgate'],
  ['northgate-ledger-article.html', 'EUR 184,500', 'payment'],
  ['northgate-ledger-article.html', 'Kestrel Marine Services Ltd', 'kestrel'],
  ['northgate-ledger-article.html', '12 March 2026', 'paidOn'],
  ['northgate-ledger-article.html', 'Halden Bay Trading', 'halden'],
  ['northgate-ledger-article.html', 'Port Ellery', 'portEllery'],
  ['northgate-ledger-article.html', 'EUR 96,200', 'stopped'],
  ['northgate-ledger-article.html', 'Hanna Veldt', 'hanna'],
  ['northgate-ledger-article.html', 'Tomas Reyes', 'tomas'],
  ['internal-audit-report.pdf', 'invoice KM-4471', 'invoice'],
  ['internal-audit-report.pdf', 'Priya Nandakumar', 'priya'],
  ['internal-audit-report.pdf', 'accounts@kestre1-marine.example', 'sender'],
  ['internal-audit-report.pdf', 'Mara Lindqvist', 'mara'],
  ['internal-audit-report.pdf', 'XE42 HALD 0001 2233 4455 66', 'account'],
  ['internal-audit-report.pdf', '+44 20 7946 0815', 'fakePhone'],
  ['internal-audit-report.pdf', '198.51.100.23', 'phishHost'],
  ['internal-audit-report.pdf', 'northgate-portal.example', 'portalDomain'],
  ['internal-audit-report.pdf', 'Halden Bay Trading', 'halden'],
  ['bank-details-change.eml', 'Kestrel Marine Services Ltd', 'kestrel'],
  ['bank-details-change.eml', 'KM-4471', 'invoice'],
  ['bank-details-change.eml', '+44 20 7946 0815', 'fakePhone'],
  [ATTACHMENT, 'Halden Bay Trading', 'halden'],
  [ATTACHMENT, 'XE42 HALD 0001 2233 4455 66', 'account'],
  ['finance-memo.docx', 'Tomas Reyes', 'tomas'],
  ['finance-memo.docx', 'Mara Lindqvist', 'mara'],
  ['finance-memo.docx', 'Kestrel Marine Services Ltd', 'kestrel'],
  ['interview-hanna-veldt.txt', 'Hanna Veldt', 'hanna'],
  ['interview-hanna-veldt.txt', 'QuayLogger', 'quaylogger'],
  ['interview-hanna-veldt.txt', '203.0.113.47', 'loginIp'],
  ['interview-hanna-veldt.txt', '+44 20 7946 0990', 'realPhone'],
  ['tidewater-blog.html', 'Ilse Brandt', 'ilse'],
  ['tidewater-blog.html', 'Tidewater Threat Research', 'tidewater'],
  ['tidewater-blog.html', 'QuayLogger', 'quaylogger'],
  ['tidewater-blog.html', 'kestre1-marine.example', 'fakeDomain'],
  ['tidewater-blog.html', 'kestrel-marine.example', 'realDomain'],
  [
    'tidewater-blog.html',
    '3f1c9a7e5b2d4c6a8e0f1b3d5c7a9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c',
    'sampleHash',
  ],
  ['tidewater-blog.html', '0x5a1e7c0ffee0b5e4d2c9a8f7e6d5c4b3a2918070', 'wallet'],
  ['analyst-notes.md', 'Daniel Okafor', 'daniel'],
  ['analyst-notes.md', 'The Northgate Ledger', 'ledger'],
  ['analyst-notes.md', 'kestre1-marine.example', 'fakeDomain'],
  ['analyst-notes.md', '198.51.100.23', 'phishHost'],
  ['analyst-notes.md', 'northgate-portal.example', 'portalDomain'],
  ['analyst-notes.md', '203.0.113.47', 'loginIp'],
  ['analyst-notes.md', 'Mara Lindqvist', 'mara'],
  ['analyst-notes.md', 'Port Ellery', 'portEllery'],
  ['interview-hanna-veldt.txt', 'Northgate Port Authority', 'northgate'],
  ['interview-hanna-veldt.txt', 'Halden Bay Trading', 'halden'],
  ['tidewater-blog.html', 'Halden Bay Trading', 'halden'],
  ['tidewater-blog.html', 'northgate-portal.example', 'portalDomain'],
  ['internal-audit-report.pdf', 'EUR 96,200', 'stopped'],
  ['bank-details-change.eml', 'EUR 184,500', 'payment'],
];

/** Evidence and highlight passages: [key, source, exact quote, kind, note]. */
const PASSAGES = {
  articlePaid: [
    'northgate-ledger-article.html',
    'Instead it was paid on 12 March 2026 into an account held by Halden Bay Trading',
    'evidence',
  ],
  articleStopped: [
    'northgate-ledger-article.html',
    'A second payment of EUR 96,200 was stopped on 26 March 2026',
    'evidence',
  ],
  articleVeldt: [
    'northgate-ledger-article.html',
    'We have never changed our bank details and we never sent that e-mail.',
    'evidence',
  ],
  articleReyes: [
    'northgate-ledger-article.html',
    'the authority had found no evidence of insider involvement',
    'evidence',
  ],
  auditPaid: [
    'internal-audit-report.pdf',
    'On 12 March 2026 the authority paid EUR 184,500 for invoice KM-4471 to an account at Halden Bay Trading',
    'evidence',
  ],
  auditEmail: [
    'internal-audit-report.pdf',
    'requested by e-mail from the address accounts@kestre1-marine.example, a look-alike of the supplier',
    'evidence',
  ],
  auditCall: [
    'internal-audit-report.pdf',
    'Mara Lindqvist called the number printed in the e-mail',
    'evidence',
  ],
  auditHost: [
    'internal-audit-report.pdf',
    'The same address hosted a fake login page at northgate-portal.example.',
    'evidence',
  ],
  auditStopped: [
    'internal-audit-report.pdf',
    'A second payment of EUR 96,200 for invoice KM-4502 was stopped on 26 March 2026',
    'evidence',
  ],
  emailAsk: [
    'bank-details-change.eml',
    'payment for invoice KM-4471 (EUR 184,500) and all later invoices to the account',
    'evidence',
  ],
  letterAccount: [
    ATTACHMENT,
    'Account name: Halden Bay Trading (collections agent for Kestrel Marine Services Ltd)',
    'evidence',
  ],
  memoCall: [
    'finance-memo.docx',
    'confirmed the change by telephone with Kestrel Marine before updating the supplier record',
    'evidence',
  ],
  interviewMalware: [
    'interview-hanna-veldt.txt',
    'Their IT contractor later found QuayLogger on that laptop.',
    'evidence',
  ],
  interviewLogin: [
    'interview-hanna-veldt.txt',
    'a login to the accounts mailbox from 203.0.113.47 on 18 February 2026',
    'evidence',
  ],
  interviewNumber: [
    'interview-hanna-veldt.txt',
    'The number in the fake e-mail, +44 20 7946 0815, is not one of theirs.',
    'evidence',
  ],
  blogHost: [
    'tidewater-blog.html',
    'The look-alike domain kestre1-marine.example and a fake login page at northgate-portal.example were both hosted on 198.51.100.23 during March.',
    'evidence',
  ],
  blogLookalike: [
    'tidewater-blog.html',
    'which differs from the real kestrel-marine.example by a single character',
    'evidence',
  ],
  blogWallet: [
    'tidewater-blog.html',
    'Halden Bay Trading converted part of the stolen funds to cryptocurrency and sent it to the wallet',
    'evidence',
  ],
  blogStealer: [
    'tidewater-blog.html',
    'sends captured passwords to a server at 198.51.100.23',
    'evidence',
  ],
  notesDisputed: [
    'analyst-notes.md',
    "Treat the memo's account as disputed until we see the phone logs ourselves.",
    'highlight',
  ],
  notesWallet: [
    'analyst-notes.md',
    'The crypto wallet rests on one anonymous source quoted by Tidewater.',
    'comment',
  ],
} as const satisfies Record<
  string,
  readonly [SourceKey, string, 'evidence' | 'highlight' | 'comment']
>;
type PassageKey = keyof typeof PASSAGES;

interface ClaimSpec {
  readonly subject: EntityKey;
  readonly predicate: string;
  readonly object: EntityKey | { readonly literal: string };
  readonly validTime: ValidTime;
  readonly evidence: readonly PassageKey[];
  readonly credibility: InformationCredibility;
  readonly status: ClaimStatus;
  readonly attributedTo?: string;
  readonly note?: string;
  readonly relations?: readonly { readonly kind: ClaimRelation['kind']; readonly claim: string }[];
}

const day = (date: string): ValidTime => ({ kind: 'date', date });

const CLAIMS: Record<string, ClaimSpec> = {
  paid: {
    subject: 'northgate',
    predicate: 'paid',
    object: 'halden',
    validTime: day('2026-03-12'),
    evidence: ['auditPaid', 'articlePaid', 'letterAccount'],
    credibility: 1,
    status: 'corroborated',
    note: 'EUR 184,500 for invoice KM-4471, meant for Kestrel Marine Services.',
  },
  sent: {
    subject: 'sender',
    predicate: 'requested bank change from',
    object: 'mara',
    validTime: day('2026-03-04'),
    evidence: ['emailAsk', 'auditEmail'],
    credibility: 1,
    status: 'corroborated',
  },
  impersonates: {
    subject: 'fakeDomain',
    predicate: 'impersonates',
    object: 'kestrel',
    validTime: { kind: 'interval', start: '2026-03' },
    evidence: ['blogLookalike', 'auditEmail', 'articleVeldt'],
    credibility: 2,
    status: 'corroborated',
  },
  hosted: {
    subject: 'fakeDomain',
    predicate: 'hosted on',
    object: 'phishHost',
    validTime: { kind: 'interval', start: '2026-03-01', end: '2026-03-31' },
    evidence: ['blogHost', 'auditHost'],
    credibility: 2,
    status: 'corroborated',
  },
  infected: {
    subject: 'quaylogger',
    predicate: 'infected',
    object: 'kestrel',
    validTime: { kind: 'interval', start: '2026-02-15', end: '2026-02-21' },
    evidence: ['interviewMalware', 'blogStealer'],
    credibility: 2,
    status: 'asserted',
    attributedTo: 'Hanna Veldt (interview)',
  },
  login: {
    subject: 'loginIp',
    predicate: 'logged in to mailbox of',
    object: 'kestrel',
    validTime: day('2026-02-18'),
    evidence: ['interviewLogin'],
    credibility: 3,
    status: 'asserted',
    attributedTo: 'Kestrel Marine’s IT contractor, via Hanna Veldt',
  },
  verified: {
    subject: 'mara',
    predicate: 'verified bank change with',
    object: 'kestrel',
    validTime: day('2026-03-05'),
    evidence: ['memoCall'],
    credibility: 4,
    status: 'disputed',
    attributedTo: 'Tomas Reyes (finance memo)',
    note: 'The audit report says the call went to the number in the fake e-mail, not to the number on file.',
  },
  calledFake: {
    subject: 'mara',
    predicate: 'called',
    object: 'fakePhone',
    validTime: day('2026-03-05'),
    evidence: ['auditCall', 'interviewNumber'],
    credibility: 2,
    status: 'corroborated',
    relations: [{ kind: 'contradicts', claim: 'verified' }],
  },
  stopped: {
    subject: 'northgate',
    predicate: 'stopped payment of',
    object: 'stopped',
    validTime: day('2026-03-26'),
    evidence: ['auditStopped', 'articleStopped'],
    credibility: 1,
    status: 'corroborated',
  },
  wallet: {
    subject: 'halden',
    predicate: 'sent funds to',
    object: 'wallet',
    validTime: { kind: 'interval', start: '2026-03' },
    evidence: ['blogWallet'],
    credibility: 4,
    status: 'asserted',
    attributedTo: 'an anonymous source quoted by Tidewater Threat Research',
    note: 'One source only: do not repeat without a second one.',
  },
  noInsider: {
    subject: 'tomas',
    predicate: 'stated',
    object: { literal: 'no evidence of insider involvement' },
    validTime: day('2026-04-03'),
    evidence: ['articleReyes'],
    credibility: 3,
    status: 'asserted',
    attributedTo: 'Tomas Reyes, quoted by The Northgate Ledger',
  },
};

/** Hand-placed: the supplier and the intrusion on top, the e-mail in the middle, the money below. */
const CHART_POSITIONS: Partial<Record<EntityKey, { x: number; y: number }>> = {
  quaylogger: { x: 200, y: 0 },
  loginIp: { x: 640, y: 0 },
  kestrel: { x: 420, y: 80 },
  fakeDomain: { x: 640, y: 170 },
  phishHost: { x: 860, y: 170 },
  mara: { x: 0, y: 260 },
  sender: { x: 420, y: 260 },
  fakePhone: { x: 180, y: 340 },
  stopped: { x: 0, y: 430 },
  northgate: { x: 220, y: 430 },
  halden: { x: 640, y: 430 },
  wallet: { x: 860, y: 430 },
};

const START = Date.parse('2026-04-04T09:00:00.000Z');

/** Ids and timestamps are deterministic: the same sources give the same case.json. */
function deterministicClock() {
  let ids = 0;
  let ticks = 0;
  return {
    newId: () => `5a3f1e00-0000-4000-8000-${(++ids).toString(16).padStart(12, '0')}`,
    // 20 seconds a step: the activity log reads like a short working session.
    now: (): IsoTimestamp => new Date(START + ticks++ * 20_000).toISOString(),
  };
}

function value<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/**
 * Builds the sample case in a throwaway database (`indexedDB` must exist: fake-indexeddb in
 * Node) and returns it as a bundle encrypted to the sample identity and signed by the sample key.
 */
export async function buildSampleCase(
  files: readonly SampleFile[],
  app: { readonly name: string; readonly version: string },
): Promise<Result<BuiltSampleCase>> {
  try {
    return ok(await build(files, app));
  } catch (error) {
    return err('sample.build', error instanceof Error ? error.message : String(error));
  }
}

async function build(
  files: readonly SampleFile[],
  app: { readonly name: string; readonly version: string },
): Promise<BuiltSampleCase> {
  const clock = deterministicClock();
  const storage = await openCasefileStorage({
    name: `casefile-sample-build-${globalThis.crypto.randomUUID()}`,
    requestPersistence: false,
    ...clock,
  });
  const created = value(
    await storage.cases.create({
      title: 'Sample: the Kestrel Marine invoice fraud',
      summary:
        'A fictional investigation shipped with Casefile: a port authority paid a supplier’s invoice to an impostor after a look-alike e-mail. Explore it freely; delete it when you are done.',
      marking: 'TLP:CLEAR',
    }),
    'case',
  );
  if (created.id !== SAMPLE_CASE_ID) throw new Error(`The sample case got id ${created.id}`);
  const caseId = created.id;
  const sources = await importSources(storage, caseId, files, clock.now);
  const texts = new Map<SourceKey, string>();
  for (const [key, id] of sources) {
    const { title, ...provenance } = PROVENANCE[key] ?? {};
    value(
      await storage.sources.update(id, {
        reliability: RELIABILITY[key],
        ...(title ? { title } : {}),
        provenance,
      }),
      key,
    );
    const content = await storage.sources.content(id);
    texts.set(key, content?.text ?? '');
  }
  const range = (key: SourceKey, quote: string) => {
    const text = texts.get(key) ?? '';
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`"${quote}" is not in the text of ${key}`);
    return { sourceId: sources.get(key)!, start, end: start + quote.length };
  };

  const entities = new Map<EntityKey, EntityId>();
  const mentions = new Map<EntityKey, PassageId>();
  for (const [source, quote, key] of MENTIONS) {
    const known = entities.get(key);
    const passage = value(
      await storage.passages.create(caseId, {
        kind: 'mention',
        ...range(source, quote),
        ...(known ? { entityId: known } : { newEntity: ENTITIES[key] }),
      }),
      `mention of ${quote}`,
    );
    entities.set(key, passage.entityId!);
    if (!mentions.has(key)) mentions.set(key, passage.id);
  }
  // The article's own address: an entity without a mention in the text (it is provenance).
  entities.set('article', value(await storage.entities.create(caseId, ENTITIES.article), 'url').id);

  const passages = new Map<PassageKey, PassageId>();
  for (const [key, [source, quote, kind]] of Object.entries(PASSAGES) as [
    PassageKey,
    (typeof PASSAGES)[PassageKey],
  ][]) {
    const colour = kind === 'evidence' ? {} : { colour: kind === 'highlight' ? 'yellow' : 'pink' };
    const note =
      key === 'notesWallet' ? { note: 'Single-source: see the claim about the wallet.' } : {};
    const passage = value(
      await storage.passages.create(caseId, { kind, ...range(source, quote), ...colour, ...note }),
      key,
    );
    passages.set(key, passage.id);
  }

  const claims = new Map<string, ClaimId>();
  for (const [key, spec] of Object.entries(CLAIMS)) {
    const claim = value(
      await storage.claims.create(caseId, {
        subjectId: entities.get(spec.subject)!,
        predicate: spec.predicate,
        object:
          typeof spec.object === 'string'
            ? { kind: 'entity', entityId: entities.get(spec.object)! }
            : { kind: 'literal', value: spec.object.literal },
        validTime: spec.validTime,
        evidence: spec.evidence.map((p) => passages.get(p)!),
        credibility: spec.credibility,
        status: spec.status,
        ...(spec.attributedTo ? { attributedTo: spec.attributedTo } : {}),
        ...(spec.note ? { note: spec.note } : {}),
        ...(spec.relations
          ? {
              relations: spec.relations.map((r) => ({
                kind: r.kind,
                claimId: claims.get(r.claim)!,
              })),
            }
          : {}),
      }),
      `claim ${key}`,
    );
    claims.set(key, claim.id);
  }

  const positions: Record<string, { x: number; y: number }> = {};
  for (const [key, at] of Object.entries(CHART_POSITIONS))
    positions[entities.get(key as EntityKey)!] = at!;
  value(
    await storage.charts.create(caseId, {
      title: 'How the money left Northgate',
      scope: 'chosen',
      entityIds: Object.keys(positions) as EntityId[],
      positions,
      layout: 'preset',
      groups: [
        {
          id: 'infrastructure',
          label: 'Fraud infrastructure',
          memberIds: [entities.get('fakeDomain')!, entities.get('phishHost')!],
          collapsed: false,
        },
      ],
    }),
    'chart',
  );

  await writeNote(storage, caseId, { entities, passages, claims, texts, sources });

  const extract = value(await storage.transfer.extract(caseId, { kind: 'all' }), 'extract');
  const bundle = value(
    await writeBundle({
      caseData: extract.records,
      originals: extract.originals,
      app,
      createdAt: clock.now(),
      encryption: { kind: 'recipients', recipients: [SAMPLE_AGE_RECIPIENT] },
      recipientNames: new Map([[SAMPLE_AGE_RECIPIENT, SAMPLE_RECIPIENT_NAME]]),
      signingKey: hexToBytes(SAMPLE_SIGNING_SEED_HEX),
      signerName: SAMPLE_SIGNER_NAME,
      sha256Hex: sha256BytesHex,
    }),
    'bundle',
  );
  const records = extract.records;
  const counts: SampleCaseCounts = {
    sources: records.sources.length,
    passages: records.passages.length,
    entities: records.entities.length,
    entityTypes: new Set(records.entities.map((e) => e.type)).size,
    claims: records.claims.length,
    charts: records.charts.length,
    notes: records.notes.length,
  };
  storage.close();
  return { bundle, counts };
}

/** Parses each file with the app's parsers and stores it; an e-mail's attachments as children. */
async function importSources(
  storage: CasefileStorage,
  caseId: CaseId,
  files: readonly SampleFile[],
  now: () => IsoTimestamp,
): Promise<Map<SourceKey, SourceId>> {
  const ingest = createInlineIngest();
  const ids = new Map<SourceKey, SourceId>();
  const store = async (file: SampleFile, parentId?: SourceId) => {
    const parsed = value(await ingest.parse({ fileName: file.name, bytes: file.bytes }), file.name);
    const { attachments, ...draft } = parsed.draft;
    const source = value(
      await storage.sources.import(caseId, {
        draft,
        bytes: parsed.bytes,
        sha256: asSha256(parsed.sha256),
        capturedAt: now(),
        ...(parentId ? { parentId } : {}),
      }),
      file.name,
    );
    ids.set(file.name as SourceKey, source.id);
    for (const attachment of attachments ?? []) {
      await store({ name: attachment.fileName, bytes: attachment.bytes }, source.id);
    }
  };
  for (const name of SAMPLE_SOURCE_FILES) {
    const file = files.find((f) => f.name === name);
    if (!file) throw new Error(`${name} is missing from the sample sources`);
    await store(file);
  }
  if (!ids.has(ATTACHMENT)) throw new Error(`The e-mail's attachment ${ATTACHMENT} was not found`);
  return ids;
}

const text = (content: string): NoteJsonNode => ({
  type: 'text',
  text: content,
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  version: 1,
});

const heading = (content: string): NoteJsonNode => ({
  type: 'heading',
  tag: 'h2',
  children: [text(content)],
  direction: null,
  format: '',
  indent: 0,
  version: 1,
});

async function writeNote(
  storage: CasefileStorage,
  caseId: CaseId,
  refs: {
    readonly entities: ReadonlyMap<EntityKey, EntityId>;
    readonly passages: ReadonlyMap<PassageKey, PassageId>;
    readonly claims: ReadonlyMap<string, ClaimId>;
    readonly texts: ReadonlyMap<SourceKey, string>;
    readonly sources: ReadonlyMap<SourceKey, SourceId>;
  },
) {
  const mention = (key: EntityKey) =>
    entityMentionJson(refs.entities.get(key)!, ENTITIES[key].name);
  const quote = async (key: PassageKey) => {
    const [source, exact] = PASSAGES[key];
    const sourceId = refs.sources.get(source)!;
    const title = (await storage.sources.get(sourceId))?.title ?? source;
    return evidenceQuoteJson({
      passageId: refs.passages.get(key)!,
      sourceId,
      quote: exact,
      sourceTitle: title,
    });
  };
  const claim = (key: string, label: string) => claimEmbedJson(refs.claims.get(key)!, label);
  const note = value(
    await storage.notes.create(caseId, { title: 'Draft: how the money left Northgate' }),
    'note',
  );
  // Without the empty paragraph a new note starts with: the draft opens on its heading.
  const empty = emptyNoteDocument();
  const start = {
    ...empty,
    editorState: { ...empty.editorState, root: { ...empty.editorState.root, children: [] } },
  };
  const document = appendToNoteDocument(start, [
    heading('What we know'),
    text('On 12 March 2026 the '),
    mention('northgate'),
    text(' paid '),
    mention('payment'),
    text(' to '),
    mention('halden'),
    text(' instead of to its supplier, '),
    mention('kestrel'),
    text('. Two independent sources agree:'),
    await quote('auditPaid'),
    claim('paid', 'Northgate Port Authority paid Halden Bay Trading'),
    text('The request came from the look-alike domain '),
    mention('fakeDomain'),
    text(', hosted on '),
    mention('phishHost'),
    text('.'),
    claim('hosted', 'kestre1-marine.example hosted on 198.51.100.23'),
    heading('What is disputed'),
    text('The finance memo says '),
    mention('mara'),
    text(
      ' verified the change by phone; the audit report says she called the number in the fake e-mail.',
    ),
    await quote('memoCall'),
    await quote('auditCall'),
    claim('verified', 'Mara Lindqvist verified bank change with Kestrel Marine Services Ltd'),
    heading('Not yet confirmed'),
    text('The crypto wallet '),
    mention('wallet'),
    text(' rests on a single anonymous source. Find a second source before it goes in a report.'),
    claim('wallet', 'Halden Bay Trading sent funds to the wallet'),
  ]);
  value(await storage.notes.saveContent(note.id, document), 'note content');
}
