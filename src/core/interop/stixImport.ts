/**
 * STIX 2.1 import (issue 10): a bundle from OpenCTI, MISP or Casefile itself becomes new records
 * for an existing case: entities, claims, and the sources and evidence passages the claims cite.
 * Pure: nothing is written; the caller plans and commits the result through `CaseTransfer`
 * (core/ports/transfer.ts) in one transaction. The mapping inverts `exportStix` (stix.ts), so an
 * export reads back as the same entities and claims; docs/interop.md ("Import") has the table.
 *
 * The whole file is refused, with nothing returned, when it cannot be read as one STIX 2.1 bundle
 * (size, encoding, depth, JSON syntax, not a bundle, another STIX version, too many objects, one
 * id twice). Problems with single objects (unknown types, missing properties, relationships to
 * objects that are not there) are listed in the report and the rest is imported.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import type { CaseJson } from '../bundle/bundle';
import { decodeJson, firstInvalidUtf8Offset, JSON_ERRORS } from '../bundle/safeJson';
import {
  MAX_CLAIM_EVIDENCE,
  MAX_CLAIM_NOTE_LENGTH,
  MAX_CLAIM_PHRASE_LENGTH,
  predicateVocabulary,
  validateNewClaim,
  validateValidTime,
  type ValidClaimFields,
} from '../model/claim';
import {
  comparableName,
  entityTypeInfo,
  MAX_ALIASES,
  MAX_ATTRIBUTES,
  MAX_ENTITY_NAME_LENGTH,
  MAX_ENTITY_NOTES_LENGTH,
  validateAttribute,
  validateNewEntity,
} from '../model/entity';
import { asClaimId, asEntityId, type ClaimId, type EntityId } from '../model/ids';
import {
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY,
  SOURCE_RELIABILITY,
  type AttributeValue,
  type Case,
  type ClaimObject,
  type ClaimRelation,
  type ClaimStatus,
  type Entity,
  type InformationCredibility,
  type SourceReliability,
  type ValidTime,
} from '../model/records';
import {
  CASEFILE_IDENTITY_ID,
  partialDateInstant,
  stixRelationshipType,
  TLP1,
  TLP2_AMBER_STRICT_ID,
} from './stix';
import { entityMapping, type EntityCandidate, type StixProperties } from './stixImportEntities';
import { ImportedSources, readReference, type Citation } from './stixImportSources';

const KiB = 1024;
/**
 * Largest STIX file accepted, checked on its length before decoding. The host refuses larger
 * files before reading them (MAX_OPEN_FILE_BYTES); this is the importer's own bound.
 */
export const MAX_STIX_IMPORT_BYTES = KiB * KiB * KiB;
/** Most objects in one bundle, checked before any is looked at: 500,000 is ten large feeds. */
export const MAX_STIX_OBJECTS = 500_000;
/** Deepest nesting of arrays and objects; STIX objects nest a few levels (extensions, hashes). */
export const MAX_STIX_DEPTH = 64;

export interface StixImportLimits {
  readonly maxBytes: number;
  readonly maxObjects: number;
  readonly maxDepth: number;
}

export const DEFAULT_STIX_IMPORT_LIMITS: StixImportLimits = {
  maxBytes: MAX_STIX_IMPORT_BYTES,
  maxObjects: MAX_STIX_OBJECTS,
  maxDepth: MAX_STIX_DEPTH,
};

/** Why a whole file is refused. The JSON ones keep safeJson's wording, under `stix.json.*`. */
export const STIX_IMPORT_ERRORS = {
  tooLarge: 'stix.tooLarge',
  encoding: 'stix.json.encoding',
  tooDeep: 'stix.json.tooDeep',
  syntax: 'stix.json.syntax',
  forbiddenKey: 'stix.json.forbiddenKey',
  notBundle: 'stix.notBundle',
  versionUnsupported: 'stix.versionUnsupported',
  tooManyObjects: 'stix.tooManyObjects',
  duplicateId: 'stix.duplicateId',
} as const;

/** The case the bundle is imported into. */
export interface StixImportTarget {
  readonly caseRecord: Case;
  /** The case's entities: an object of the same type and name is matched to one of them. */
  readonly existingEntities: readonly Entity[];
  /** createdAt / updatedAt of every new record. */
  readonly now: string;
  /** A fresh UUID per call (core has no random source). */
  readonly newId: () => string;
}

export interface StixImportProgress {
  readonly stage: 'objects' | 'claims';
  readonly done: number;
  readonly total: number;
}

export interface StixImportOptions {
  readonly onProgress?: (progress: StixImportProgress) => void;
  /** Lower caps for tests and callers with stricter needs. */
  readonly limits?: StixImportLimits;
}

/** An object not imported, and why. `stixId` is `objects[i]` when the object has no id. */
export interface StixSkipped {
  readonly stixId: string;
  readonly type: string;
  readonly reason: string;
}

/** Something changed on the way in (a value dropped or shortened, two objects made one). */
export interface StixNotice {
  readonly stixId: string;
  readonly message: string;
}

export interface StixImportReport {
  /** New records per kind. */
  readonly imported: {
    readonly sources: number;
    readonly passages: number;
    readonly entities: number;
    readonly claims: number;
  };
  /** Existing entities of the case that objects were matched to (same type and name). */
  readonly reusedEntities: number;
  readonly skipped: readonly StixSkipped[];
  readonly notices: readonly StixNotice[];
  /**
   * The handling markings the bundle's objects carry (`TLP:AMBER`, a statement …), sorted. They
   * are not imported (the case keeps its own marking); shown so the analyst can compare.
   */
  readonly markings: readonly string[];
}

export interface StixImport {
  /**
   * The target case record and the new records; plus, unchanged, the existing entities that
   * imported claims and passages refer to (so the records are complete by themselves: a plan
   * counts those as identical and writes nothing for them). No notes, charts, searches, audit.
   */
  readonly records: CaseJson;
  /** Original bytes of the new sources, by SHA-256. */
  readonly originals: Map<string, Uint8Array>;
  readonly report: StixImportReport;
}

type StixObject = StixProperties & { readonly type: string; readonly id: string };
type EntityRecord = CaseJson['entities'][number];
type ClaimRecord = CaseJson['claims'][number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// The bundle as a whole

interface IndexedBundle {
  readonly objects: readonly StixObject[];
  readonly byId: ReadonlyMap<string, StixObject>;
  readonly skipped: StixSkipped[];
}

function indexBundle(value: unknown, limits: StixImportLimits): Result<IndexedBundle> {
  if (!isRecord(value) || value['type'] !== 'bundle') {
    const type = isRecord(value) ? `its "type" is ${shown(value['type'])}` : 'it is not an object';
    return err(
      STIX_IMPORT_ERRORS.notBundle,
      `The file is JSON but not a STIX bundle: ${type}, where a bundle has "type": "bundle".`,
    );
  }
  const version = value['spec_version'];
  if (version !== undefined && version !== '2.1') {
    return err(
      STIX_IMPORT_ERRORS.versionUnsupported,
      `The bundle is STIX ${shown(version)}; only STIX 2.1 is supported.`,
    );
  }
  const objects = value['objects'] ?? [];
  if (!Array.isArray(objects)) {
    return err(STIX_IMPORT_ERRORS.notBundle, 'The bundle\'s "objects" is not a list.');
  }
  if (objects.length > limits.maxObjects) {
    return err(
      STIX_IMPORT_ERRORS.tooManyObjects,
      `The bundle holds ${objects.length.toLocaleString('en')} objects; at most ${limits.maxObjects.toLocaleString('en')} are imported at once.`,
    );
  }
  const byId = new Map<string, StixObject>();
  const positionOf = new Map<string, number>();
  const skipped: StixSkipped[] = [];
  for (let index = 0; index < objects.length; index += 1) {
    const object: unknown = objects[index];
    const where = `objects[${index}]`;
    if (!isRecord(object)) {
      skipped.push({ stixId: where, type: '', reason: 'It is not a JSON object.' });
      continue;
    }
    const { type, id } = object;
    if (typeof type !== 'string' || type === '') {
      skipped.push({
        stixId: typeof id === 'string' ? id : where,
        type: '',
        reason: 'It has no "type" (required for every STIX object).',
      });
      continue;
    }
    if (typeof id !== 'string' || !id.startsWith(`${type}--`)) {
      skipped.push({
        stixId: typeof id === 'string' ? id : where,
        type,
        reason: `Its "id" is missing or does not have the form "${type}--<UUID>".`,
      });
      continue;
    }
    const spec = object['spec_version'];
    if (spec !== undefined && spec !== '2.1') {
      return err(
        STIX_IMPORT_ERRORS.versionUnsupported,
        `Object ${id} is STIX ${shown(spec)}; only STIX 2.1 is supported.`,
      );
    }
    // SCOs may leave spec_version out; STIX 2.0 domain objects have none (and have `created`).
    if (spec === undefined && 'created' in object) {
      return err(
        STIX_IMPORT_ERRORS.versionUnsupported,
        `Object ${id} has no "spec_version", as in STIX 2.0; only STIX 2.1 is supported.`,
      );
    }
    const typed = object as StixObject;
    const earlier = byId.get(id);
    if (earlier !== undefined) {
      // Versions of one object (§3.6) share the id and differ in `modified`: the newest counts.
      const was = earlier['modified'];
      const now = typed['modified'];
      const wasTime = typeof was === 'string' ? Date.parse(was) : NaN;
      const nowTime = typeof now === 'string' ? Date.parse(now) : NaN;
      if (Number.isNaN(wasTime) || Number.isNaN(nowTime) || wasTime === nowTime) {
        return err(
          STIX_IMPORT_ERRORS.duplicateId,
          `The bundle holds ${id} more than once (objects[${positionOf.get(id)}] and ${where}) without telling versions apart by "modified".`,
        );
      }
      const older = nowTime > wasTime ? earlier : typed;
      skipped.push({
        stixId: id,
        type,
        reason: `An older version (modified ${shown(older['modified'])}); the newest version is imported.`,
      });
      if (nowTime > wasTime) byId.set(id, typed);
      continue;
    }
    byId.set(id, typed);
    positionOf.set(id, index);
  }
  return ok({ objects: [...byId.values()], byId, skipped });
}

// ---------------------------------------------------------------------------------------------
// Field conversions (the inverse of stix.ts)

/**
 * STIX confidence → Admiralty information credibility, by the ranges of STIX 2.1 Appendix A
 * ("Admiralty Credibility"): 80–100 → 1, 60–79 → 2, 40–59 → 3, 20–39 → 4, 0–19 → 5; absent or
 * not 0–100 → 6 (truth cannot be judged). Inverts stixConfidence.
 */
export function credibilityFromConfidence(confidence: unknown): InformationCredibility {
  if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 100)) return 6;
  if (confidence >= 80) return 1;
  if (confidence >= 60) return 2;
  if (confidence >= 40) return 3;
  if (confidence >= 20) return 4;
  return 5;
}

/**
 * A relationship type → predicate: the case vocabulary's predicate that exports to it
 * (`member-of` → `member of`), else the type with hyphens read as spaces (`located-at` →
 * `located at`). Inverts stixRelationshipType.
 */
export function predicateFromRelationshipType(
  relationshipType: string,
  vocabulary: readonly string[],
): string {
  for (const predicate of vocabulary) {
    if (stixRelationshipType(predicate) === relationshipType) return predicate;
  }
  return relationshipType.replace(/[-_]+/g, ' ').trim();
}

/** OpenCTI writes these for "no start" and "no end" rather than leaving the property out. */
const OPENCTI_NO_START = Date.parse('1970-01-01T00:00:00.000Z');
const OPENCTI_NO_END = Date.parse('5138-11-16T09:46:40.000Z');

/** An instant as the least precise partial date whose first (or last) instant it is. */
export function partialDateOf(value: unknown, edge: 'first' | 'last'): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  if (
    Number.isNaN(time) ||
    (edge === 'first' ? time === OPENCTI_NO_START : time === OPENCTI_NO_END)
  ) {
    return undefined;
  }
  const iso = new Date(time).toISOString();
  if (!/^\d{4}-/.test(iso)) return undefined; // years before 0 or after 9999
  for (const partial of [iso.slice(0, 4), iso.slice(0, 7)]) {
    if (partialDateInstant(partial, edge) === iso) return partial;
  }
  return iso.slice(0, 10);
}

function ownValidTime(value: unknown): ValidTime | undefined {
  if (!isRecord(value)) return undefined;
  const { kind, date, start, end } = value;
  const optional = (v: unknown): v is string | undefined =>
    v === undefined || typeof v === 'string';
  if (kind === 'unknown') return { kind };
  if (kind === 'date' && typeof date === 'string') return { kind, date };
  if (kind === 'interval' && optional(start) && optional(end)) {
    return {
      kind,
      ...(start !== undefined ? { start } : {}),
      ...(end !== undefined ? { end } : {}),
    };
  }
  return undefined;
}

function validTimeOf(object: StixObject, notices: StixNotice[]): ValidTime {
  const own = ownValidTime(object['x_casefile_valid_time']);
  if (own !== undefined) {
    const valid = validateValidTime(own);
    if (valid.ok) return valid.value;
  }
  const start = partialDateOf(object['start_time'], 'first');
  const end = partialDateOf(object['stop_time'], 'last');
  if (start === undefined && end === undefined) return { kind: 'unknown' };
  const time: ValidTime =
    start !== undefined && start === end
      ? { kind: 'date', date: start }
      : {
          kind: 'interval',
          ...(start !== undefined ? { start } : {}),
          ...(end !== undefined ? { end } : {}),
        };
  const valid = validateValidTime(time);
  if (valid.ok) return valid.value;
  notices.push({
    stixId: object.id,
    message: `Its start_time and stop_time do not make a valid time (${valid.error.message}); the claim's valid time is left unknown.`,
  });
  return { kind: 'unknown' };
}

function clip(
  value: string,
  max: number,
  stixId: string,
  what: string,
  notices: StixNotice[],
): string {
  if (value.length <= max) return value;
  notices.push({
    stixId,
    message: `Its ${what} has ${value.length.toLocaleString('en')} characters; the first ${max.toLocaleString('en')} are kept.`,
  });
  return value.slice(0, max);
}

function reliabilityOf(identity: StixObject | undefined): SourceReliability | undefined {
  const stated = identity?.['x_opencti_reliability'];
  const letter = typeof stated === 'string' ? stated.trim().charAt(0).toUpperCase() : '';
  return (SOURCE_RELIABILITY as readonly string[]).includes(letter)
    ? (letter as SourceReliability)
    : undefined;
}

/** Marking definitions every STIX tool knows by id, so bundles often leave them out. */
const WELL_KNOWN_MARKINGS: ReadonlyMap<string, string> = new Map([
  [TLP1.white, 'TLP:WHITE'],
  [TLP1.green, 'TLP:GREEN'],
  [TLP1.amber, 'TLP:AMBER'],
  [TLP1.red, 'TLP:RED'],
  [TLP2_AMBER_STRICT_ID, 'TLP:AMBER+STRICT'],
]);

function markingName(definition: StixObject): string {
  const name = definition['name'];
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
  const content = definition['definition'];
  if (isRecord(content) && typeof content['tlp'] === 'string') {
    return `TLP:${content['tlp'].toUpperCase()}`;
  }
  if (isRecord(content) && typeof content['statement'] === 'string') return content['statement'];
  return definition.id;
}

// ---------------------------------------------------------------------------------------------
// Required properties (STIX 2.1 §3.2 and each type's section) of the objects imported

const SDO_COMMON = ['created', 'modified'] as const;
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  identity: [...SDO_COMMON, 'name'],
  'threat-actor': [...SDO_COMMON, 'name'],
  'intrusion-set': [...SDO_COMMON, 'name'],
  malware: [...SDO_COMMON, 'is_family'],
  vulnerability: [...SDO_COMMON, 'name'],
  location: [...SDO_COMMON],
  indicator: [...SDO_COMMON, 'pattern', 'pattern_type', 'valid_from'],
  relationship: [...SDO_COMMON, 'relationship_type', 'source_ref', 'target_ref'],
  report: [...SDO_COMMON, 'name', 'published', 'object_refs'],
  note: [...SDO_COMMON, 'content', 'object_refs'],
  'x-casefile-entity': [...SDO_COMMON, 'name'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value'],
  url: ['value'],
  'email-addr': ['value'],
  'x-casefile-cryptocurrency-wallet': ['value'],
  'x-casefile-bank-account': ['value'],
};

function missingProperties(object: StixObject): string | undefined {
  const missing = (REQUIRED[object.type] ?? []).filter(
    (key) => object[key] === undefined || object[key] === null,
  );
  if (missing.length === 0) return undefined;
  return `It lacks the required propert${missing.length === 1 ? 'y' : 'ies'} ${missing.map((k) => `"${k}"`).join(', ')}.`;
}

/** Embedded relationships of observables that become claims, with their relationship type. */
const EMBEDDED_REFS: readonly (readonly [string, string])[] = [
  ['resolves_to_refs', 'resolves-to'],
  ['belongs_to_ref', 'belongs-to'],
  ['belongs_to_refs', 'belongs-to'],
];

function notImportedReason(type: string): string {
  switch (type) {
    case 'marking-definition':
      return 'Marking definitions are not imported: the case keeps its own handling marking.';
    case 'sighting':
      return 'Sightings are not imported: Casefile has no sighting record.';
    case 'note':
      return "Notes are not imported, except the value claims of Casefile's own exports.";
    default:
      return `Casefile has no mapping for the STIX type "${type}"; the object is not imported.`;
  }
}

// ---------------------------------------------------------------------------------------------
// The import

class Importer {
  readonly skipped: StixSkipped[];
  readonly notices: StixNotice[] = [];
  readonly sources: ImportedSources;
  private readonly caseId: Case['id'];
  private readonly existingByKey = new Map<string, Entity>();
  private readonly importedByKey = new Map<string, { id: EntityId; stixId: string }>();
  private readonly entityByStix = new Map<string, EntityId>();
  readonly newEntities: EntityRecord[] = [];
  readonly reused = new Map<EntityId, Entity>();
  readonly claims: ClaimRecord[] = [];
  private readonly claimByStix = new Map<string, ClaimId>();
  private readonly pendingRelations: { claim: ClaimRecord; object: StixObject }[] = [];
  /** Objects contained in a report from another tool: that report is their evidence. */
  private readonly reportCitations = new Map<string, Citation>();
  private readonly vocabulary: readonly string[];
  readonly markings = new Set<string>();
  private readonly predicateByType = new Map<string, string>();

  constructor(
    private readonly bundle: IndexedBundle,
    private readonly target: StixImportTarget,
    private readonly onProgress: StixImportOptions['onProgress'],
  ) {
    this.skipped = [...bundle.skipped];
    this.caseId = target.caseRecord.id;
    this.sources = new ImportedSources(this.caseId, target.now, target.newId);
    for (const entity of target.existingEntities) {
      if (entity.mergedInto !== undefined) continue;
      const key = `${entity.type}\u0000${comparableName(entity.name)}`;
      if (!this.existingByKey.has(key)) this.existingByKey.set(key, entity);
    }
    this.vocabulary = predicateVocabulary(target.caseRecord.predicates);
  }

  run(): void {
    const { objects } = this.bundle;
    const later: StixObject[] = [];
    const reports: StixObject[] = [];
    const total = objects.length;
    for (let index = 0; index < total; index += 1) {
      const object = objects[index]!;
      if (index % 1000 === 0) this.onProgress?.({ stage: 'objects', done: index, total });
      this.noteMarkings(object);
      if (object['revoked'] === true) {
        this.skip(object, 'It is revoked (withdrawn by its creator).');
      } else if (object.type === 'relationship') later.push(object);
      else if (object.type === 'note' && object['x_casefile_literal'] !== undefined) {
        later.push(object);
      } else if (object.type === 'report') reports.push(object);
      else if (object.id === CASEFILE_IDENTITY_ID) {
        this.skip(object, 'The "Casefile" identity every Casefile export names as its creator.');
      } else this.entity(object);
    }
    for (const report of reports) this.report(report);
    for (const object of objects) {
      if (EMBEDDED_REFS.some(([property]) => object[property] !== undefined)) {
        this.embeddedClaims(object);
      }
    }
    for (let index = 0; index < later.length; index += 1) {
      if (index % 1000 === 0)
        this.onProgress?.({ stage: 'claims', done: index, total: later.length });
      this.claim(later[index]!);
    }
    this.resolveRelations();
    this.onProgress?.({ stage: 'claims', done: later.length, total: later.length });
  }

  private noteMarkings(object: StixObject): void {
    const refs = object['object_marking_refs'];
    if (!Array.isArray(refs)) return;
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      const definition = this.bundle.byId.get(ref);
      const name = WELL_KNOWN_MARKINGS.get(ref) ?? (definition && markingName(definition));
      if (name !== undefined) this.markings.add(name);
    }
  }

  private skip(object: StixObject, reason: string): void {
    this.skipped.push({ stixId: object.id, type: object.type, reason });
  }

  private entity(object: StixObject): void {
    const mapping = entityMapping(object);
    if (mapping === undefined) return this.skip(object, notImportedReason(object.type));
    const missing = missingProperties(object);
    if (missing !== undefined) return this.skip(object, missing);
    if (mapping.kind === 'skip') return this.skip(object, mapping.reason);
    const candidate = this.cleaned(object, mapping.candidate);
    const valid = validateNewEntity(candidate);
    if (!valid.ok) return this.skip(object, valid.error.message);
    const fields = valid.value;
    const key = `${fields.type}\u0000${comparableName(fields.name)}`;
    let entityId: EntityId;
    const existing = this.existingByKey.get(key);
    const earlier = this.importedByKey.get(key);
    if (existing !== undefined) {
      entityId = existing.id;
      this.reused.set(existing.id, existing);
    } else if (earlier !== undefined) {
      entityId = earlier.id;
      this.notices.push({
        stixId: object.id,
        message: `It has the same type and name as ${earlier.stixId}; both are imported as one entity.`,
      });
    } else {
      entityId = asEntityId(this.target.newId());
      this.importedByKey.set(key, { id: entityId, stixId: object.id });
      this.newEntities.push({
        id: entityId,
        caseId: this.caseId,
        createdAt: this.target.now,
        updatedAt: this.target.now,
        type: fields.type,
        name: fields.name,
        aliases: [...fields.aliases],
        attributes: { ...fields.attributes },
        notes: fields.notes,
      });
    }
    this.entityByStix.set(object.id, entityId);
    // Where another tool says it learnt of the entity: a source with a mention of it.
    for (const value of mapping.candidate.references) {
      const reference = readReference(value);
      if (reference?.url === undefined) continue;
      this.sources.passage(this.sources.cite(reference), 'mention', entityId);
    }
  }

  /** The candidate with what validation would refuse dropped or shortened, each with a notice. */
  private cleaned(object: StixObject, candidate: EntityCandidate) {
    const notice = (message: string): void => {
      this.notices.push({ stixId: object.id, message });
    };
    const aliases: string[] = [];
    let droppedAliases = 0;
    for (const alias of candidate.aliases) {
      const ok =
        typeof alias === 'string' &&
        alias.trim() !== '' &&
        alias.trim().replace(/\s+/g, ' ').length <= MAX_ENTITY_NAME_LENGTH;
      if (ok) aliases.push(alias);
      else droppedAliases += 1;
    }
    if (droppedAliases > 0) {
      notice(`${droppedAliases} alias(es) that are empty, not text or too long were left out.`);
    }
    if (aliases.length > MAX_ALIASES) {
      notice(`It has ${aliases.length} aliases; the first ${MAX_ALIASES} are kept.`);
      aliases.length = MAX_ALIASES;
    }
    const specs = new Map(entityTypeInfo(candidate.type).attributes.map((s) => [s.key, s]));
    const attributes: Record<string, AttributeValue> = {};
    // Identifiers another tool cites without a link (`cve`, `mitre-attack`) are kept as attributes.
    const cited: [string, unknown][] = [];
    for (const value of candidate.references) {
      const reference = readReference(value);
      if (reference?.url === undefined && reference?.externalId !== undefined) {
        cited.push([reference.sourceName, reference.externalId]);
      }
    }
    for (const [rawKey, value] of [...Object.entries(candidate.attributes), ...cited]) {
      const key = rawKey.trim();
      if (key in attributes) continue;
      const checked =
        key === '' || key.length > 100 || key === '__proto__'
          ? undefined
          : validateAttribute(specs.get(key), key, value);
      if (checked === undefined || !checked.ok) {
        notice(`Its attribute ${shown(rawKey)} (${shown(value)}) is not valid and was left out.`);
      } else if (checked.value !== '') {
        if (Object.keys(attributes).length >= MAX_ATTRIBUTES) {
          notice(
            `It has more than ${MAX_ATTRIBUTES} attributes; ${shown(key)} and later ones were left out.`,
          );
          break;
        }
        attributes[key] = checked.value;
      }
    }
    return {
      type: candidate.type,
      name: candidate.name,
      aliases,
      attributes,
      notes: clip(candidate.notes, MAX_ENTITY_NOTES_LENGTH, object.id, 'description', this.notices),
    };
  }

  private identity(ref: unknown): StixObject | undefined {
    if (typeof ref !== 'string' || ref === CASEFILE_IDENTITY_ID) return undefined;
    const identity = this.bundle.byId.get(ref);
    return identity?.type === 'identity' ? identity : undefined;
  }

  private report(object: StixObject): void {
    const own =
      object['created_by_ref'] === CASEFILE_IDENTITY_ID && object['x_casefile_id'] !== undefined;
    const missing = missingProperties(object);
    if (own) {
      this.notices.push({
        stixId: object.id,
        message:
          "The case report of a Casefile export: it is the exported case itself, so it becomes no source; its external references (the case's sources) do.",
      });
    } else if (missing !== undefined) {
      this.skip(object, missing);
    } else {
      const author = this.identity(object['created_by_ref']);
      const authorName = typeof author?.['name'] === 'string' ? author['name'].trim() : '';
      const reliability = reliabilityOf(author);
      const description = object['description'];
      const published = object['published'];
      const citation = this.sources.report({
        stixId: object.id,
        name: String(object['name']),
        ...(typeof description === 'string' ? { description } : {}),
        ...(typeof published === 'string' ? { published } : {}),
        ...(authorName !== '' ? { author: authorName } : {}),
        ...(reliability !== undefined ? { reliability } : {}),
      });
      const refs = object['object_refs'];
      for (const ref of Array.isArray(refs) ? refs : []) {
        if (typeof ref === 'string' && !this.reportCitations.has(ref)) {
          this.reportCitations.set(ref, citation);
        }
      }
    }
    const references = object['external_references'];
    for (const value of Array.isArray(references) ? references : []) {
      const reference = readReference(value);
      if (reference !== undefined) this.sources.cite(reference);
    }
  }

  /** Relationship types repeat across thousands of relationships: each is looked up once. */
  private predicateOf(relationshipType: string): string {
    let predicate = this.predicateByType.get(relationshipType);
    if (predicate === undefined) {
      predicate = predicateFromRelationshipType(relationshipType, this.vocabulary);
      this.predicateByType.set(relationshipType, predicate);
    }
    return predicate;
  }

  /** The entity a reference names, or why there is none (reported). */
  private endpoint(property: string, ref: unknown): { id: EntityId } | { reason: string } {
    if (typeof ref !== 'string') return { reason: `Its ${property} is not an identifier.` };
    const id = this.entityByStix.get(ref);
    if (id !== undefined) return { id };
    const other = this.bundle.byId.get(ref);
    return {
      reason:
        other === undefined
          ? `Its ${property} ${shown(ref)} is not in the bundle (a dangling reference); no claim is made.`
          : `Its ${property} ${shown(ref)} (${other.type}) was not imported as an entity; no claim is made.`,
    };
  }

  private claim(object: StixObject): void {
    const missing = missingProperties(object);
    if (missing !== undefined) return this.skip(object, missing);
    const literal = object.type === 'note';
    const ours = typeof object['x_casefile_predicate'] === 'string';
    const refs = object['object_refs'];
    const subject = literal
      ? this.endpoint('object_refs[0]', Array.isArray(refs) ? refs[0] : undefined)
      : this.endpoint('source_ref', object['source_ref']);
    if ('reason' in subject) return this.skip(object, subject.reason);
    let claimObject: ClaimObject;
    if (literal) {
      const value = object['x_casefile_literal'];
      if (typeof value !== 'string') {
        return this.skip(object, 'Its x_casefile_literal (the claimed value) is not text.');
      }
      claimObject = { kind: 'literal', value };
    } else {
      const target = this.endpoint('target_ref', object['target_ref']);
      if ('reason' in target) return this.skip(object, target.reason);
      claimObject = { kind: 'entity', entityId: target.id };
    }
    const relationshipType = object['relationship_type'];
    const predicate = ours
      ? (object['x_casefile_predicate'] as string)
      : typeof relationshipType === 'string'
        ? this.predicateOf(relationshipType)
        : '';
    const ownCredibility = object['x_casefile_credibility'];
    const credibility = (INFORMATION_CREDIBILITY as readonly unknown[]).includes(ownCredibility)
      ? (ownCredibility as InformationCredibility)
      : credibilityFromConfidence(object['confidence']);
    const ownStatus = object['x_casefile_status'];
    const status = (CLAIM_STATUSES as readonly unknown[]).includes(ownStatus)
      ? (ownStatus as ClaimStatus)
      : 'asserted';
    const rawNote = ours ? object['x_casefile_note'] : object['description'];
    const note = clip(
      typeof rawNote === 'string' ? rawNote.trim() : '',
      MAX_CLAIM_NOTE_LENGTH,
      object.id,
      ours ? 'note' : 'description',
      this.notices,
    );
    const author = this.identity(object['created_by_ref']);
    const rawAttributed = ours ? object['x_casefile_attributed_to'] : author?.['name'];
    const attributedTo =
      typeof rawAttributed === 'string'
        ? clip(
            rawAttributed.trim().replace(/\s+/g, ' '),
            MAX_CLAIM_PHRASE_LENGTH,
            object.id,
            'attributed-to',
            this.notices,
          )
        : '';
    // Checked without evidence first, so a refused claim leaves no passage behind.
    const checked = validateNewClaim({
      subjectId: subject.id,
      predicate,
      object: claimObject,
      validTime: validTimeOf(object, this.notices),
      evidence: [],
      credibility,
      status,
      ...(attributedTo !== '' ? { attributedTo } : {}),
      note,
      analystAssertion: true,
    });
    if (!checked.ok) return this.skip(object, checked.error.message);

    const evidence: string[] = [];
    const references = object['external_references'];
    for (const value of Array.isArray(references) ? references : []) {
      const reference = readReference(value);
      if (reference === undefined) continue;
      if (evidence.length >= MAX_CLAIM_EVIDENCE) {
        this.notices.push({
          stixId: object.id,
          message: `It cites more than ${MAX_CLAIM_EVIDENCE} references; the first ${MAX_CLAIM_EVIDENCE} are its evidence.`,
        });
        break;
      }
      evidence.push(this.sources.passage(this.sources.cite(reference), 'evidence'));
    }
    const inReport = ours ? undefined : this.reportCitations.get(object.id);
    if (evidence.length === 0 && inReport !== undefined) {
      evidence.push(this.sources.passage(inReport, 'evidence'));
    }
    const claim = this.addClaim(checked.value, [...new Set(evidence)]);
    this.claimByStix.set(object.id, claim.id as ClaimId);
    if (Array.isArray(object['x_casefile_relations'])) {
      this.pendingRelations.push({ claim, object });
    }
  }

  private addClaim(fields: ValidClaimFields, evidence: string[]): ClaimRecord {
    const claim: ClaimRecord = {
      id: asClaimId(this.target.newId()),
      caseId: this.caseId,
      createdAt: this.target.now,
      updatedAt: this.target.now,
      subjectId: fields.subjectId,
      predicate: fields.predicate,
      object: fields.object,
      validTime: fields.validTime,
      evidence,
      credibility: fields.credibility,
      status: fields.status,
      relations: [],
      ...(fields.attributedTo !== undefined ? { attributedTo: fields.attributedTo } : {}),
      note: fields.note,
    };
    this.claims.push(claim);
    return claim;
  }

  /**
   * Relationships STIX embeds in observables (§3.1): a domain's `resolves_to_refs`, an address's
   * or e-mail's `belongs_to_ref(s)`. Claims without evidence, credibility 6: the bundle states
   * them, no one grades them.
   */
  private embeddedClaims(object: StixObject): void {
    const subjectId = this.entityByStix.get(object.id);
    if (subjectId === undefined) return;
    for (const [property, relationshipType] of EMBEDDED_REFS) {
      const value = object[property];
      const refs: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const ref of refs) {
        const where = { stixId: `${object.id} ${property}`, type: object.type };
        const target = this.endpoint(property, ref);
        if ('reason' in target) {
          this.skipped.push({ ...where, reason: target.reason });
          continue;
        }
        const checked = validateNewClaim({
          subjectId,
          predicate: this.predicateOf(relationshipType),
          object: { kind: 'entity', entityId: target.id },
          validTime: { kind: 'unknown' },
          evidence: [],
          credibility: 6,
          status: 'asserted',
          note: `From the ${property} of ${object.id} in the STIX bundle.`,
          analystAssertion: true,
        });
        if (checked.ok) this.addClaim(checked.value, []);
        else this.skipped.push({ ...where, reason: checked.error.message });
      }
    }
  }

  /** Supports / contradicts links of Casefile's own exports, where both claims came in. */
  private resolveRelations(): void {
    for (const { claim, object } of this.pendingRelations) {
      const relations: ClaimRelation[] = [];
      const seen = new Set<string>();
      for (const entry of object['x_casefile_relations'] as unknown[]) {
        const kind = isRecord(entry) ? entry['kind'] : undefined;
        const ref = isRecord(entry) ? entry['ref'] : undefined;
        const other = typeof ref === 'string' ? this.claimByStix.get(ref) : undefined;
        if ((kind !== 'supports' && kind !== 'contradicts') || other === undefined) {
          this.notices.push({
            stixId: object.id,
            message: `Its link to claim ${shown(isRecord(entry) ? entry['claim'] : entry)} is left out: that claim is not in the bundle.`,
          });
        } else if (other !== claim.id && !seen.has(other)) {
          seen.add(other);
          relations.push({ kind, claimId: other });
        }
      }
      claim.relations = relations;
    }
  }
}

function importNow(
  bytes: Uint8Array,
  target: StixImportTarget,
  options: StixImportOptions,
): Result<StixImport> {
  const limits = options.limits ?? DEFAULT_STIX_IMPORT_LIMITS;
  if (bytes.byteLength > limits.maxBytes) {
    return err(
      STIX_IMPORT_ERRORS.tooLarge,
      `The STIX file is ${bytes.byteLength.toLocaleString('en')} bytes; at most ${limits.maxBytes.toLocaleString('en')} are imported.`,
    );
  }
  // Other tools may write a byte order mark; the JSON decoder refuses one.
  const body =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const decoded = decodeJson(body, z.unknown(), 'The STIX file', {
    maxBytes: limits.maxBytes,
    maxDepth: limits.maxDepth,
  });
  if (!decoded.ok) {
    // Valid UTF-8 the decoder still refused: longer than the engine's longest string (~512 MiB).
    if (decoded.error.code === JSON_ERRORS.encoding && firstInvalidUtf8Offset(body) === -1) {
      return err(
        STIX_IMPORT_ERRORS.tooLarge,
        `The STIX file is ${bytes.byteLength.toLocaleString('en')} bytes, more text than can be decoded at once; split the bundle into smaller ones.`,
      );
    }
    return err(decoded.error.code.replace(/^bundle\.json\./, 'stix.json.'), decoded.error.message);
  }
  const bundle = indexBundle(decoded.value, limits);
  if (!bundle.ok) return bundle;

  const importer = new Importer(bundle.value, target, options.onProgress);
  importer.run();
  const sources = importer.sources.finish();
  const { predicates, ...caseFields } = target.caseRecord;
  const reused = [...importer.reused.values()].map((entity): EntityRecord => ({
    ...entity,
    aliases: [...entity.aliases],
    attributes: { ...entity.attributes },
  }));
  return ok({
    records: {
      format: 'casefile-case',
      version: 1,
      case: {
        ...caseFields,
        ...(predicates !== undefined ? { predicates: [...predicates] } : {}),
      },
      sources: sources.sources,
      sourceContents: sources.sourceContents,
      passages: sources.passages,
      entities: [...importer.newEntities, ...reused],
      entityMerges: [],
      claims: importer.claims,
      notes: [],
      charts: [],
      savedSearches: [],
      audit: [],
    },
    originals: sources.originals,
    report: {
      imported: {
        sources: sources.sources.length,
        passages: sources.passages.length,
        entities: importer.newEntities.length,
        claims: importer.claims.length,
      },
      reusedEntities: reused.length,
      skipped: importer.skipped,
      notices: importer.notices,
      markings: [...importer.markings].sort(),
    },
  });
}

/**
 * Reads a STIX 2.1 bundle into new records for `target`'s case. Never throws for bad input: the
 * whole file is refused with a `stix.*` code, or single objects are listed in `report.skipped`.
 */
export function importStixBundle(
  bytes: Uint8Array,
  target: StixImportTarget,
  options: StixImportOptions = {},
): Promise<Result<StixImport>> {
  return Promise.resolve(importNow(bytes, target, options));
}
