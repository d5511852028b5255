/**
 * STIX 2.1 export (issue 10): a case (or a chart's view of it) as one STIX bundle, for OpenCTI,
 * MISP and other threat-intelligence tools. The mapping is documented in docs/interop.md
 * ("STIX 2.1"); every choice below that a reader might question is explained there.
 *
 * Deterministic: ids are UUIDv5 (observables over the STIX namespace and the spec's
 * ID-contributing properties, so they equal other tools' ids; everything else over a Casefile
 * namespace, the case id and the record id), objects are sorted by id and keys are sorted, so the
 * same input gives the same bytes.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { err, ok, type Result } from '../../shared/result';
import { claimGrade, INFORMATION_CREDIBILITY_DEFINITIONS, isSingleSource } from '../model/claim';
import { SOURCE_RELIABILITY_DEFINITIONS } from '../model/grading';
import type {
  AttributeValue,
  Case,
  Claim,
  Entity,
  InformationCredibility,
  IsoTimestamp,
  Passage,
  Source,
  ValidTime,
} from '../model/records';
import { fileStem } from './claimFacts';
import type { CaseExportInput, ExportFile, ExportNotice } from './types';

export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
/** The namespace STIX 2.1 (§2.9) fixes for deterministic Cyber-observable ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/**
 * Casefile's own namespace for the ids of domain objects, relationships and the bundle: a fixed
 * constant. Never change it: every re-exported object would get a new id.
 */
export const CASEFILE_STIX_NAMESPACE = '4c0f6a8e-2b1d-5e37-9a64-c8f1d2e3b5a7';
/** The identity every exported object names as its creator. Fixed: it is the same in every export. */
export const CASEFILE_IDENTITY_ID = `identity--${uuidV5(CASEFILE_STIX_NAMESPACE, 'identity/casefile')}`;
const CASEFILE_IDENTITY_CREATED = '2026-01-01T00:00:00.000Z';

/** TLP 1.0 marking definitions as published in STIX 2.1 §7.2.1.4 (fixed ids and content). */
export const TLP1 = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;
const TLP1_CREATED = '2017-01-20T00:00:00.000Z';
/** TLP 2.0 AMBER+STRICT as published by OASIS (TLP 2.0 extension), which TLP 1.0 lacks. */
export const TLP2_AMBER_STRICT_ID = 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003';
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP2_CREATED = '2022-10-01T00:00:00.000Z';

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };
type StixObject = { readonly type: string; readonly id: string } & Record<string, Json>;

/** RFC 4122 version-5 UUID (SHA-1 of namespace bytes + UTF-8 name). */
export function uuidV5(namespace: string, name: string): string {
  const ns = namespace.replace(/-/g, '');
  const nameBytes = utf8ToBytes(name);
  const bytes = new Uint8Array(16 + nameBytes.length);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(ns.slice(i * 2, i * 2 + 2), 16);
  bytes.set(nameBytes, 16);
  const hash = sha1(bytes).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(hash);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with every object's keys sorted: the canonical form (RFC 8785 for our value types). */
function canonicalJson(value: Json): string {
  return JSON.stringify(sortKeys(value, []));
}

/** The bundle as written: keys sorted, but `type`, `spec_version` and `id` first for readers. */
function bundleJson(value: Json): string {
  return JSON.stringify(sortKeys(value, ['type', 'spec_version', 'id']), null, 2);
}

function sortKeys(value: Json, leading: readonly string[]): Json {
  if (Array.isArray(value)) return (value as readonly Json[]).map((v) => sortKeys(v, leading));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const first = leading.filter((k) => k in value);
    const out: Record<string, Json> = {};
    for (const key of [...first, ...keys.filter((k) => !first.includes(k))]) {
      out[key] = sortKeys((value as Record<string, Json>)[key]!, leading);
    }
    return out;
  }
  return value;
}

/** A Cyber-observable's id as STIX §2.9 defines it: UUIDv5 over its ID-contributing properties. */
export function observableId(type: string, contributing: Readonly<Record<string, Json>>): string {
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

/**
 * Admiralty information credibility → STIX confidence, per STIX 2.1 Appendix A "Confidence
 * Scales", Admiralty Credibility: 1→90, 2→70, 3→50, 4→30, 5→10, 6 (cannot be judged) → not present.
 */
export function stixConfidence(credibility: InformationCredibility): number | undefined {
  const scale: Record<InformationCredibility, number | undefined> = {
    1: 90,
    2: 70,
    3: 50,
    4: 30,
    5: 10,
    6: undefined,
  };
  return scale[credibility];
}

const RELATIONSHIP_TYPE = /^[a-z0-9-]{3,250}$/;

/**
 * A predicate as a STIX relationship_type: lower case, accents dropped, spaces to hyphens, other
 * characters removed. Undefined when nothing valid remains (then `related-to` is used).
 */
export function stixRelationshipType(predicate: string): string | undefined {
  const type = predicate
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return RELATIONSHIP_TYPE.test(type) ? type : undefined;
}

/** Any ISO timestamp → STIX form (UTC, millisecond precision, Z); `fallback` when unreadable. */
function stixTime(value: string | undefined, fallback: IsoTimestamp): string {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time)
    ? new Date(Date.parse(fallback)).toISOString()
    : new Date(time).toISOString();
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** First or last instant a partial date (YYYY, YYYY-MM, YYYY-MM-DD) covers. */
export function partialDateInstant(date: string, edge: 'first' | 'last'): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]) - 1;
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (edge === 'first') return new Date(Date.UTC(y, month ?? 0, day ?? 1)).toISOString();
  // The instant before the next day / month / year starts.
  const next =
    day !== undefined
      ? Date.UTC(y, month ?? 0, day + 1)
      : month !== undefined
        ? Date.UTC(y, month + 1, 1)
        : Date.UTC(y + 1, 0, 1);
  return new Date(next - 1).toISOString();
}

function validTimeBounds(time: ValidTime): { start?: string; stop?: string } {
  if (time.kind === 'unknown') return {};
  const start = time.kind === 'date' ? time.date : time.start;
  const end = time.kind === 'date' ? time.date : time.end;
  const out: { start?: string; stop?: string } = {};
  const first = start === undefined ? undefined : partialDateInstant(start, 'first');
  const last = end === undefined ? undefined : partialDateInstant(end, 'last');
  if (first !== undefined) out.start = first;
  if (last !== undefined) out.stop = last;
  return out;
}

function validTimeJson(time: ValidTime): Json {
  if (time.kind === 'date') return { kind: 'date', date: time.date };
  if (time.kind === 'interval') {
    return {
      kind: 'interval',
      ...(time.start !== undefined ? { start: time.start } : {}),
      ...(time.end !== undefined ? { end: time.end } : {}),
    };
  }
  return { kind: 'unknown' };
}

function attributesJson(attributes: Readonly<Record<string, AttributeValue>>): Json {
  return Object.fromEntries(Object.entries(attributes));
}

/** The case's handling marking as STIX marking-definition objects. */
function markingObjects(
  theCase: Case,
  notices: ExportNotice[],
): { refs: string[]; objects: StixObject[] } {
  const { marking, id: caseId } = theCase;
  const label = marking.trim().toUpperCase().replace(/\s+/g, '');
  const tlp1 = (level: keyof typeof TLP1): StixObject => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1[level],
    created: TLP1_CREATED,
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: { tlp: level },
  });
  const levels: Record<string, keyof typeof TLP1> = {
    'TLP:CLEAR': 'white',
    'TLP:WHITE': 'white',
    'TLP:GREEN': 'green',
    'TLP:AMBER': 'amber',
    'TLP:RED': 'red',
  };
  const level = levels[label];
  if (level !== undefined) return { refs: [TLP1[level]], objects: [tlp1(level)] };
  if (label === 'TLP:AMBER+STRICT') {
    return {
      refs: [TLP2_AMBER_STRICT_ID],
      objects: [
        {
          type: 'marking-definition',
          spec_version: '2.1',
          id: TLP2_AMBER_STRICT_ID,
          created: TLP2_CREATED,
          name: 'TLP:AMBER+STRICT',
          extensions: {
            [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'amber+strict' },
          },
        },
      ],
    };
  }
  if (marking.trim() === '') {
    notices.push({
      recordId: caseId,
      message: 'The case has no handling marking, so the STIX objects carry none.',
    });
    return { refs: [], objects: [] };
  }
  // Marking definitions cannot change (§7.2), so id and content both follow from the case.
  const id = `marking-definition--${uuidV5(CASEFILE_STIX_NAMESPACE, `${caseId}/marking/${marking.trim()}`)}`;
  notices.push({
    recordId: caseId,
    message: `The marking "${marking.trim()}" is not a TLP level; it is exported as a STIX statement marking, which tools show but do not enforce.`,
  });
  return {
    refs: [id],
    objects: [
      {
        type: 'marking-definition',
        spec_version: '2.1',
        id,
        created: stixTime(theCase.createdAt, CASEFILE_IDENTITY_CREATED),
        created_by_ref: CASEFILE_IDENTITY_ID,
        definition_type: 'statement',
        name: marking.trim(),
        definition: { statement: marking.trim() },
      },
    ],
  };
}

const HASH_BY_LENGTH: Readonly<Record<number, string>> = {
  32: 'MD5',
  40: 'SHA-1',
  64: 'SHA-256',
  128: 'SHA-512',
};

/** Organisation attribute names (any letter case) that ask for a threat-actor or intrusion-set. */
const ORG_STIX_KEYS = ['stixtype', 'stix type', 'stix'];

function organizationKind(entity: Entity): 'identity' | 'threat-actor' | 'intrusion-set' {
  const wanted = (value: string): 'threat-actor' | 'intrusion-set' | undefined => {
    const v = value
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
    return v === 'threat-actor' || v === 'intrusion-set' ? v : undefined;
  };
  for (const [key, value] of Object.entries(entity.attributes)) {
    if (ORG_STIX_KEYS.includes(key.trim().toLowerCase())) {
      const kind = typeof value === 'string' ? wanted(value) : undefined;
      if (kind) return kind;
    }
  }
  return 'identity';
}

function coordinates(value: AttributeValue | undefined): { lat: number; lon: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,; ]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!m) return undefined;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}

function attr(entity: Entity, key: string): string | undefined {
  const value = entity.attributes[key];
  if (value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** Keys STIX names ID-contributing for user-account (§6.16). */
function userAccountFields(entity: Entity): Record<string, Json> {
  const handle = attr(entity, 'handle');
  const platform = attr(entity, 'platform');
  return {
    user_id: handle ?? entity.name,
    ...(platform !== undefined ? { account_type: platform.toLowerCase() } : {}),
  };
}

interface Context {
  readonly caseId: string;
  readonly exportedAt: string;
  readonly markingRefs: readonly string[];
  readonly notices: ExportNotice[];
}

function sdoId(ctx: Context, type: string, recordId: string): string {
  return `${type}--${uuidV5(CASEFILE_STIX_NAMESPACE, `${ctx.caseId}/${recordId}`)}`;
}

function markingRefsJson(ctx: Context): Record<string, Json> {
  return ctx.markingRefs.length > 0 ? { object_marking_refs: [...ctx.markingRefs] } : {};
}

/** Properties every domain object and relationship carries. */
function sdoCommon(ctx: Context, type: string, recordId: string, record: Entity | Claim) {
  const created = stixTime(record.createdAt, ctx.exportedAt);
  return {
    type,
    spec_version: '2.1',
    id: sdoId(ctx, type, recordId),
    created,
    modified: later(stixTime(record.updatedAt, ctx.exportedAt), created),
    created_by_ref: CASEFILE_IDENTITY_ID,
    ...markingRefsJson(ctx),
    x_casefile_id: recordId,
  };
}

/** Name-like fields; observables have no `description` or `aliases`, so those go to x_casefile_*. */
function entityExtras(
  entity: Entity,
  aliasKey: 'aliases' | 'x_casefile_aliases',
  notesKey: 'description' | 'x_casefile_notes' = 'description',
) {
  return {
    x_casefile_type: entity.type,
    ...(entity.notes.trim() !== '' ? { [notesKey]: entity.notes } : {}),
    ...(entity.aliases.length > 0 ? { [aliasKey]: [...entity.aliases] } : {}),
    ...(Object.keys(entity.attributes).length > 0
      ? { x_casefile_attributes: attributesJson(entity.attributes) }
      : {}),
  };
}

/** A Cyber-observable: no created/modified/created_by_ref (STIX SCOs do not have them). */
function observable(
  ctx: Context,
  entity: Entity,
  type: string,
  fields: Record<string, Json>,
  contributing: Record<string, Json>,
): StixObject {
  return {
    type,
    spec_version: '2.1',
    id: observableId(type, contributing),
    ...fields,
    ...markingRefsJson(ctx),
    x_casefile_id: entity.id,
    x_casefile_name: entity.name,
    ...entityExtras(entity, 'x_casefile_aliases', 'x_casefile_notes'),
  };
}

/** Casefile's custom domain object for entity types STIX 2.1 has no object for (§11.2). */
function customEntity(ctx: Context, entity: Entity, why: string): StixObject {
  ctx.notices.push({ recordId: entity.id, message: why });
  return {
    ...sdoCommon(ctx, 'x-casefile-entity', entity.id, entity),
    name: entity.name,
    ...entityExtras(entity, 'x_casefile_aliases'),
  };
}

function entityObject(ctx: Context, entity: Entity): StixObject {
  const value = entity.name.trim();
  switch (entity.type) {
    case 'Person':
      return {
        ...sdoCommon(ctx, 'identity', entity.id, entity),
        name: entity.name,
        identity_class: 'individual',
        ...entityExtras(entity, 'x_casefile_aliases'),
      };
    case 'Organization': {
      const kind = organizationKind(entity);
      if (kind === 'identity') {
        return {
          ...sdoCommon(ctx, 'identity', entity.id, entity),
          name: entity.name,
          identity_class: 'organization',
          ...entityExtras(entity, 'x_casefile_aliases'),
        };
      }
      return {
        ...sdoCommon(ctx, kind, entity.id, entity),
        name: entity.name,
        ...entityExtras(entity, 'aliases'),
      };
    }
    case 'Malware':
      return {
        ...sdoCommon(ctx, 'malware', entity.id, entity),
        name: entity.name,
        is_family: true,
        ...entityExtras(entity, 'aliases'),
      };
    case 'Vulnerability': {
      // The pattern the STIX 2.1 JSON schema accepts for a CVE reference.
      const cve = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/i.test(value) ? value.toUpperCase() : undefined;
      return {
        ...sdoCommon(ctx, 'vulnerability', entity.id, entity),
        name: entity.name,
        ...(cve !== undefined
          ? { external_references: [{ source_name: 'cve', external_id: cve }] }
          : {}),
        ...entityExtras(entity, 'x_casefile_aliases'),
      };
    }
    case 'Location': {
      const country = attr(entity, 'country');
      const point = coordinates(entity.attributes['coordinates']);
      if (country === undefined && point === undefined) {
        return customEntity(
          ctx,
          entity,
          `Place "${entity.name}" has neither a country nor coordinates, which a STIX location needs; it is exported as a Casefile custom object (x-casefile-entity).`,
        );
      }
      return {
        ...sdoCommon(ctx, 'location', entity.id, entity),
        name: entity.name,
        ...(country !== undefined ? { country } : {}),
        ...(point !== undefined ? { latitude: point.lat, longitude: point.lon } : {}),
        ...entityExtras(entity, 'x_casefile_aliases'),
      };
    }
    case 'IPAddress': {
      const type = value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
      return observable(ctx, entity, type, { value }, { value });
    }
    case 'Domain':
      return observable(ctx, entity, 'domain-name', { value }, { value });
    case 'URL':
      return observable(ctx, entity, 'url', { value }, { value });
    case 'Email':
      return observable(ctx, entity, 'email-addr', { value }, { value });
    case 'Hash': {
      const algorithm = /^[0-9a-f]+$/i.test(value) ? HASH_BY_LENGTH[value.length] : undefined;
      if (algorithm === undefined) {
        return customEntity(
          ctx,
          entity,
          `"${entity.name}" is not an MD5, SHA-1, SHA-256 or SHA-512 value, so it cannot be a STIX file hash; it is exported as a Casefile custom object (x-casefile-entity).`,
        );
      }
      const fileName = attr(entity, 'fileName');
      const fields: Record<string, Json> = {
        hashes: { [algorithm]: value },
        ...(fileName !== undefined ? { name: fileName } : {}),
      };
      return observable(ctx, entity, 'file', fields, fields);
    }
    case 'CryptoWallet':
      return observable(ctx, entity, 'x-casefile-cryptocurrency-wallet', { value }, { value });
    case 'BankAccount':
      return observable(ctx, entity, 'x-casefile-bank-account', { value }, { value });
    case 'Account': {
      const fields = userAccountFields(entity);
      return observable(
        ctx,
        entity,
        'user-account',
        { ...fields, display_name: entity.name },
        fields,
      );
    }
    default:
      return customEntity(
        ctx,
        entity,
        `STIX 2.1 has no object for the type "${entity.type}"; "${entity.name}" is exported as a Casefile custom object (x-casefile-entity), which most STIX tools ignore.`,
      );
  }
}

function quoteDescription(passage: Passage): string {
  const parts = [`“${passage.quote.exact}”`];
  if (passage.orphaned) parts.unshift('(orphaned: the quote is no longer found in the source)');
  if (passage.note.trim() !== '') parts.push(`Note: ${passage.note.trim()}`);
  return parts.join(' ');
}

function sourceReference(source: Source, description: string): Record<string, Json> {
  return {
    source_name: source.title.trim() === '' ? 'Untitled source' : source.title,
    ...(source.provenance.url !== undefined && source.provenance.url.trim() !== ''
      ? { url: source.provenance.url }
      : {}),
    hashes: { 'SHA-256': source.sha256 },
    description,
  };
}

function sourceDescription(source: Source): string {
  const p = source.provenance;
  const parts = [
    `Source reliability ${source.reliability} (${SOURCE_RELIABILITY_DEFINITIONS[source.reliability].label}).`,
    `Kind: ${source.kind}.`,
  ];
  if (p.author) parts.push(`Author: ${p.author}.`);
  if (p.publisher) parts.push(`Publisher: ${p.publisher}.`);
  if (p.publishedAt) parts.push(`Published: ${p.publishedAt}.`);
  if (p.capturedAt) parts.push(`Captured: ${p.capturedAt}.`);
  if (p.fileName) parts.push(`File: ${p.fileName}.`);
  return parts.join(' ');
}

interface ClaimLookups {
  readonly objectIdByEntity: ReadonlyMap<string, string>;
  readonly entityById: ReadonlyMap<string, Entity>;
  readonly passageById: ReadonlyMap<string, Passage>;
  readonly sourceById: ReadonlyMap<string, Source>;
  readonly claimObjectId: ReadonlyMap<string, string>;
}

function claimObject(ctx: Context, claim: Claim, look: ClaimLookups): StixObject | undefined {
  const subjectRef = look.objectIdByEntity.get(claim.subjectId);
  const targetRef =
    claim.object.kind === 'entity' ? look.objectIdByEntity.get(claim.object.entityId) : undefined;
  if (subjectRef === undefined || (claim.object.kind === 'entity' && targetRef === undefined)) {
    ctx.notices.push({
      recordId: claim.id,
      message: `The claim "${claim.predicate}" links an entity that is not in this export; it is left out.`,
    });
    return undefined;
  }
  const references: Record<string, Json>[] = [];
  const reliabilities: Source['reliability'][] = [];
  const sourceIds: Source['id'][] = [];
  for (const passageId of claim.evidence) {
    const passage = look.passageById.get(passageId);
    const source = passage === undefined ? undefined : look.sourceById.get(passage.sourceId);
    if (passage === undefined || source === undefined) {
      ctx.notices.push({
        recordId: claim.id,
        message: `Evidence ${passageId} of the claim "${claim.predicate}" (or its source) is not in the export; its citation is left out.`,
      });
      continue;
    }
    reliabilities.push(source.reliability);
    sourceIds.push(source.id);
    references.push(sourceReference(source, quoteDescription(passage)));
  }
  const grade = claimGrade(reliabilities, claim.credibility);
  const credibility = INFORMATION_CREDIBILITY_DEFINITIONS[claim.credibility].label;
  const lines = [`Status: ${claim.status}.`];
  if (grade === undefined) {
    lines.push(`Information credibility ${claim.credibility} (${credibility}).`);
  } else {
    const best = grade.charAt(0) as Source['reliability'];
    const reliability = SOURCE_RELIABILITY_DEFINITIONS[best].label;
    lines.push(`Grade ${grade} (source: ${reliability}; information: ${credibility}).`);
    if (isSingleSource(sourceIds)) lines.push('Single source: not corroborated by another source.');
  }
  if (claim.evidence.length === 0) {
    lines.push("Analyst assertion: the analyst's own judgement, no evidence cited.");
  }
  if (claim.attributedTo !== undefined) lines.push(`Attributed to: ${claim.attributedTo}.`);
  if (claim.note.trim() !== '') lines.push(`Note: ${claim.note.trim()}`);
  const confidence = stixConfidence(claim.credibility);
  const relations = [...claim.relations]
    .map((r) => {
      // `ref` only when the other claim is in this export too.
      const ref = look.claimObjectId.get(r.claimId);
      return { kind: r.kind, claim: r.claimId, ...(ref !== undefined ? { ref } : {}) };
    })
    .sort((a, b) => (a.claim < b.claim ? -1 : a.claim > b.claim ? 1 : 0));
  const shared = {
    ...(confidence !== undefined ? { confidence } : {}),
    ...(references.length > 0 ? { external_references: references } : {}),
    x_casefile_predicate: claim.predicate,
    x_casefile_status: claim.status,
    x_casefile_credibility: claim.credibility,
    ...(grade !== undefined ? { x_casefile_grade: grade } : {}),
    x_casefile_valid_time: validTimeJson(claim.validTime),
    x_casefile_analyst_assertion: claim.evidence.length === 0,
    ...(claim.attributedTo !== undefined ? { x_casefile_attributed_to: claim.attributedTo } : {}),
    ...(claim.note.trim() !== '' ? { x_casefile_note: claim.note } : {}),
    ...(relations.length > 0 ? { x_casefile_relations: relations } : {}),
  };
  if (claim.object.kind === 'literal') {
    const subject = look.entityById.get(claim.subjectId)!;
    return {
      ...sdoCommon(ctx, 'note', claim.id, claim),
      abstract: `${subject.name} ${claim.predicate} ${claim.object.value}`,
      content: lines.join('\n'),
      object_refs: [subjectRef],
      x_casefile_literal: claim.object.value,
      ...shared,
    };
  }
  const type = stixRelationshipType(claim.predicate);
  if (type === undefined) {
    ctx.notices.push({
      recordId: claim.id,
      message: `The predicate "${claim.predicate}" cannot be written as a STIX relationship type (3 or more letters a–z, digits or hyphens); it is exported as "related-to", keeping the predicate in x_casefile_predicate.`,
    });
  }
  const { start, stop } = validTimeBounds(claim.validTime);
  return {
    ...sdoCommon(ctx, 'relationship', claim.id, claim),
    relationship_type: type ?? 'related-to',
    source_ref: subjectRef,
    target_ref: targetRef!,
    description: lines.join('\n'),
    ...(start !== undefined ? { start_time: start } : {}),
    // STIX requires stop_time after start_time; an interval's last instant always is.
    ...(stop !== undefined && (start === undefined || stop > start) ? { stop_time: stop } : {}),
    ...shared,
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The case (or chart view) as a STIX 2.1 bundle. See docs/interop.md, "STIX 2.1". */
export function exportStix(input: CaseExportInput): Result<ExportFile> {
  const notices: ExportNotice[] = [];
  const theCase = input.case;
  if (Number.isNaN(Date.parse(input.exportedAt))) {
    return err(
      'interop.exportedAtInvalid',
      `The export time "${input.exportedAt.slice(0, 40)}" is not a date and time.`,
    );
  }
  const exportedAt = new Date(Date.parse(input.exportedAt)).toISOString();
  const marking = markingObjects(theCase, notices);
  const ctx: Context = { caseId: theCase.id, exportedAt, markingRefs: marking.refs, notices };

  const objects = new Map<string, StixObject>();
  for (const m of marking.objects) objects.set(m.id, m);
  objects.set(CASEFILE_IDENTITY_ID, {
    type: 'identity',
    spec_version: '2.1',
    id: CASEFILE_IDENTITY_ID,
    created: CASEFILE_IDENTITY_CREATED,
    modified: CASEFILE_IDENTITY_CREATED,
    name: 'Casefile',
    identity_class: 'system',
    ...markingRefsJson(ctx),
  });

  const entities = [...input.entities].sort(byId);
  const objectIdByEntity = new Map<string, string>();
  const entityByObjectId = new Map<string, string>();
  for (const entity of entities) {
    const object = entityObject(ctx, entity);
    const earlier = entityByObjectId.get(object.id);
    if (earlier !== undefined) {
      // Two entities with one observable value share one STIX object (ids are by value).
      notices.push({
        recordId: entity.id,
        message: `"${entity.name}" has the same value as entity ${earlier}; both are exported as one STIX object.`,
      });
    } else {
      objects.set(object.id, object);
      entityByObjectId.set(object.id, entity.id);
    }
    objectIdByEntity.set(entity.id, object.id);
  }

  const look: ClaimLookups = {
    objectIdByEntity,
    entityById: new Map(entities.map((e) => [e.id, e])),
    passageById: new Map(input.passages.map((p) => [p.id, p])),
    sourceById: new Map(input.sources.map((s) => [s.id, s])),
    claimObjectId: new Map(
      input.claims
        .filter(
          (c) =>
            objectIdByEntity.has(c.subjectId) &&
            (c.object.kind === 'literal' || objectIdByEntity.has(c.object.entityId)),
        )
        .map((c) => [
          c.id,
          sdoId(ctx, c.object.kind === 'literal' ? 'note' : 'relationship', c.id),
        ]),
    ),
  };
  for (const claim of [...input.claims].sort(byId)) {
    const object = claimObject(ctx, claim, look);
    if (object) objects.set(object.id, object);
  }

  const sources = [...input.sources].sort(
    (a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || byId(a, b),
  );
  const reportId = sdoId(ctx, 'report', theCase.id);
  const contained = [...objects.values()]
    .filter((o) => o.type !== 'marking-definition')
    .map((o) => o.id)
    .sort();
  const created = stixTime(theCase.createdAt, exportedAt);
  objects.set(reportId, {
    type: 'report',
    spec_version: '2.1',
    id: reportId,
    created,
    // Each export is a new version of the case's report (its `published` changes).
    modified: later(exportedAt, created),
    created_by_ref: CASEFILE_IDENTITY_ID,
    ...markingRefsJson(ctx),
    name: theCase.title,
    ...(theCase.summary.trim() !== '' ? { description: theCase.summary } : {}),
    published: exportedAt,
    object_refs: contained,
    ...(sources.length > 0
      ? { external_references: sources.map((s) => sourceReference(s, sourceDescription(s))) }
      : {}),
    x_casefile_id: theCase.id,
    x_casefile_marking: theCase.marking,
    x_casefile_status: theCase.status,
    x_casefile_generator: input.generator,
    ...(input.chart !== undefined
      ? { x_casefile_chart_id: input.chart.id, x_casefile_chart_title: input.chart.title }
      : {}),
  });

  const bundle: Json = {
    type: 'bundle',
    id: `bundle--${uuidV5(CASEFILE_STIX_NAMESPACE, `${theCase.id}/bundle/${exportedAt}`)}`,
    objects: [...objects.values()].sort(byId),
  };
  return ok({
    fileName: `${fileStem(theCase.title)}.stix.json`,
    mediaType: STIX_MEDIA_TYPE,
    text: `${bundleJson(bundle)}\n`,
    notices,
  });
}
