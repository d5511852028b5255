/**
 * FollowTheMoney (Aleph, OpenSanctions) entities as JSON lines: one `{id, schema, properties}`
 * object per line, every property a list of strings. Entities map to FtM schemata, claims to
 * interval schemata (Payment, Ownership, Membership, Employment, else UnknownLink) carrying valid
 * time, grade and the evidence sources' publishers and URLs. E-mail addresses, phone numbers and
 * URLs have no FtM schema of their own: they become properties of the person or organisation a
 * claim links them to. Ids are a SHA-1 of the case id and the record id, so a re-export is
 * stable. Mapping: docs/interop.md.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ok, type Result } from '../../shared/result';
import type { Claim, Entity } from '../model/records';
import { byId, claimFacts, compareIds, fileStem, indexInput } from './claimFacts';
import type { CaseExportInput, ExportFile, ExportNotice } from './types';

type Properties = Map<string, string[]>;

interface FtmEntity {
  readonly id: string;
  readonly schema: string;
  readonly properties: Properties;
}

/** Schemata that may be the payer, owner, member (FtM's LegalEntity and its descendants). */
const LEGAL_ENTITY = new Set(['Person', 'Organization', 'Company']);
const ORGANIZATION = new Set(['Organization', 'Company']);
/** Schemata FtM's Ownership accepts as the asset. */
const ASSET = new Set(['Company', 'Vehicle', 'BankAccount']);

/** Entity types folded into a property of the legal entity a claim links them to. */
const FOLDED_PROPERTY: Readonly<Record<string, string>> = {
  Email: 'email',
  Phone: 'phone',
  URL: 'website',
};

/** Casefile attribute key → FtM property, per schema. Unlisted attributes go to `notes`. */
const ORGANIZATION_ATTRIBUTES = {
  registrationNumber: 'registrationNumber',
  jurisdiction: 'jurisdiction',
  incorporatedOn: 'incorporationDate',
  sector: 'sector',
};
const ATTRIBUTE_PROPERTY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Person: {
    dateOfBirth: 'birthDate',
    nationality: 'nationality',
    role: 'position',
    passportNumber: 'passportNumber',
  },
  Organization: ORGANIZATION_ATTRIBUTES,
  Company: ORGANIZATION_ATTRIBUTES,
  Address: { country: 'country' },
  Event: { startedOn: 'startDate', endedOn: 'endDate' },
  BankAccount: { bank: 'bankName' },
  UserAccount: { platform: 'service', handle: 'username' },
  Vehicle: { registration: 'registrationNumber', model: 'model' },
  Document: {},
  CryptoWallet: {},
};

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

/** The FtM schema of an entity, or undefined when FtM has none for its type. */
export function ftmSchema(entity: Entity): string | undefined {
  switch (entity.type) {
    case 'Person':
      return 'Person';
    case 'Organization':
      // A registered company is a Company (an asset that can be owned); other bodies stay Organization.
      return 'registrationNumber' in entity.attributes || 'incorporatedOn' in entity.attributes
        ? 'Company'
        : 'Organization';
    case 'Location':
      return 'Address';
    case 'Event':
      return 'Event';
    case 'CryptoWallet':
      return 'CryptoWallet';
    case 'BankAccount':
      return 'BankAccount';
    case 'Account':
      return 'UserAccount';
    case 'Vehicle':
      return 'Vehicle';
    case 'Document':
      return 'Document';
    default:
      return undefined;
  }
}

function add(properties: Properties, name: string, value: string | undefined): void {
  if (value === undefined || value === '') return;
  const list = properties.get(name) ?? [];
  if (!list.includes(value)) list.push(value);
  properties.set(name, list);
}

function entityProperties(entity: Entity, schema: string): Properties {
  const properties: Properties = new Map();
  add(properties, 'name', entity.name);
  for (const alias of entity.aliases) add(properties, 'alias', alias);
  if (schema === 'Address') add(properties, 'full', entity.name);
  if (schema === 'CryptoWallet') add(properties, 'publicKey', entity.name);
  if (schema === 'BankAccount') {
    const compact = entity.name.replace(/\s+/g, '').toUpperCase();
    add(properties, IBAN.test(compact) ? 'iban' : 'accountNumber', entity.name);
  }
  if (schema === 'UserAccount' && !('handle' in entity.attributes)) {
    add(properties, 'username', entity.name);
  }
  add(properties, 'notes', entity.notes);
  const mapping = ATTRIBUTE_PROPERTY[schema] ?? {};
  for (const key of Object.keys(entity.attributes).sort(compareIds)) {
    const value = String(entity.attributes[key]);
    const property = Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : undefined;
    if (property !== undefined) add(properties, property, value);
    else add(properties, 'notes', `${key}: ${value}`);
  }
  return properties;
}

function linkFor(
  predicate: string,
  subjectSchema: string,
  objectSchema: string,
): { schema: string; from: string; to: string } {
  const p = predicate.trim().toLowerCase();
  if (p === 'paid' && LEGAL_ENTITY.has(subjectSchema) && LEGAL_ENTITY.has(objectSchema)) {
    return { schema: 'Payment', from: 'payer', to: 'beneficiary' };
  }
  if (p === 'owns' && LEGAL_ENTITY.has(subjectSchema) && ASSET.has(objectSchema)) {
    return { schema: 'Ownership', from: 'owner', to: 'asset' };
  }
  if (p === 'member of' && LEGAL_ENTITY.has(subjectSchema) && ORGANIZATION.has(objectSchema)) {
    return { schema: 'Membership', from: 'member', to: 'organization' };
  }
  if (p === 'employs' && ORGANIZATION.has(subjectSchema) && objectSchema === 'Person') {
    return { schema: 'Employment', from: 'employer', to: 'employee' };
  }
  return { schema: 'UnknownLink', from: 'subject', to: 'object' };
}

function sortedProperties(properties: Properties): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of [...properties.keys()].sort(compareIds)) out[name] = properties.get(name)!;
  return out;
}

export function exportFollowTheMoney(input: CaseExportInput): Result<ExportFile> {
  const notices: ExportNotice[] = [];
  const index = indexInput(input);
  const ftmId = (recordId: string): string =>
    bytesToHex(sha1(utf8ToBytes(`${input.case.id}/${recordId}`)));

  const mapped = new Map<string, FtmEntity>();
  const folded = new Map<string, Entity>();
  for (const entity of byId(input.entities)) {
    const schema = ftmSchema(entity);
    if (schema !== undefined) {
      mapped.set(entity.id, {
        id: ftmId(entity.id),
        schema,
        properties: entityProperties(entity, schema),
      });
    } else if (Object.prototype.hasOwnProperty.call(FOLDED_PROPERTY, entity.type)) {
      folded.set(entity.id, entity);
    } else {
      notices.push({
        recordId: entity.id,
        message: `Not exported: FollowTheMoney has no schema for the type ${entity.type}.`,
      });
    }
  }

  const links: FtmEntity[] = [];
  const foldedUsed = new Set<string>();
  for (const claim of byId<Claim>(input.claims)) {
    if (claim.object.kind === 'literal') {
      notices.push({
        recordId: claim.id,
        message: 'Not exported: its object is a value, and FollowTheMoney links join two entities.',
      });
      continue;
    }
    const objectId = claim.object.entityId;
    const subject = mapped.get(claim.subjectId);
    const object = mapped.get(objectId);
    // An e-mail address, phone number or URL linked to a person or organisation becomes theirs.
    const indicator = folded.get(objectId) ?? folded.get(claim.subjectId);
    const holder = folded.has(objectId) ? subject : object;
    if (indicator && holder && LEGAL_ENTITY.has(holder.schema)) {
      const property = FOLDED_PROPERTY[indicator.type]!;
      add(holder.properties, property, indicator.name);
      foldedUsed.add(indicator.id);
      notices.push({
        recordId: claim.id,
        message: `Exported as the ${property} property of the linked ${holder.schema}, not as a link.`,
      });
      continue;
    }
    if (!subject || !object) {
      notices.push({
        recordId: claim.id,
        message: 'Not exported: one of its entities is not exported to FollowTheMoney.',
      });
      continue;
    }
    const link = linkFor(claim.predicate, subject.schema, object.schema);
    const facts = claimFacts(claim, index, notices);
    const properties: Properties = new Map();
    add(properties, link.from, subject.id);
    add(properties, link.to, object.id);
    if (link.schema === 'UnknownLink') add(properties, 'role', claim.predicate);
    if (claim.validTime.kind === 'date') add(properties, 'date', claim.validTime.date);
    else {
      add(properties, 'startDate', facts.validFrom);
      add(properties, 'endDate', facts.validTo);
    }
    const support = facts.analystAssertion
      ? 'analyst assertion, no evidence'
      : facts.singleSource
        ? 'single source'
        : `${facts.sources.length} sources`;
    const attributed =
      claim.attributedTo !== undefined && claim.attributedTo !== ''
        ? `; attributed to ${claim.attributedTo}`
        : '';
    add(
      properties,
      'summary',
      `${claim.predicate}: grade ${facts.grade ?? 'none'}, credibility ${claim.credibility}, ${claim.status}, ${support}${attributed}`,
    );
    add(properties, 'description', claim.note);
    for (const source of facts.sources) {
      add(properties, 'publisher', source.provenance.publisher);
      add(properties, 'sourceUrl', source.provenance.url);
    }
    links.push({ id: ftmId(claim.id), schema: link.schema, properties });
  }
  for (const entity of folded.values()) {
    if (!foldedUsed.has(entity.id)) {
      notices.push({
        recordId: entity.id,
        message: `Not exported: FollowTheMoney has no ${entity.type} schema, and no claim links it to a person or organisation to hold it.`,
      });
    }
  }

  const lines = [...mapped.values(), ...links].map((e) =>
    JSON.stringify({ id: e.id, schema: e.schema, properties: sortedProperties(e.properties) }),
  );
  return ok({
    fileName: `${fileStem(input.case.title)}.ftm.json`,
    mediaType: 'application/x-ndjson',
    text: lines.map((line) => `${line}\n`).join(''),
    notices,
  });
}
