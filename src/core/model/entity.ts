import { err, ok, type Result } from '../../shared/result';
import type { EntityId } from './ids';
import {
  ENTITY_TYPES,
  type AttributeValue,
  type BuiltInEntityType,
  type Entity,
  type EntityType,
} from './records';

/** How an attribute's value is entered and checked. */
export type AttributeKind = 'text' | 'date' | 'number' | 'country';

export interface AttributeSpec {
  readonly key: string;
  readonly label: string;
  readonly kind: AttributeKind;
}

/**
 * Presentation and attributes of each built-in type, as data (the UI and the link chart draw from
 * it). `icon` names a glyph in src/ui/icons.tsx; `colour` is a hex colour readable on white.
 */
export interface EntityTypeInfo {
  readonly label: string;
  readonly icon: string;
  readonly colour: string;
  /** Indicators are machine values (refanged, exact); the rest are names. */
  readonly indicator: boolean;
  /** Attributes offered for this type; investigators may add any other key. */
  readonly attributes: readonly AttributeSpec[];
}

const text = (key: string, label: string): AttributeSpec => ({ key, label, kind: 'text' });
const date = (key: string, label: string): AttributeSpec => ({ key, label, kind: 'date' });
const country = (key: string, label: string): AttributeSpec => ({ key, label, kind: 'country' });

export const ENTITY_TYPE_INFO: Readonly<Record<BuiltInEntityType, EntityTypeInfo>> = {
  Person: {
    label: 'Person',
    icon: 'person',
    colour: '#1d4ed8',
    indicator: false,
    attributes: [
      date('dateOfBirth', 'Date of birth'),
      country('nationality', 'Nationality'),
      text('role', 'Role or title'),
      text('passportNumber', 'Passport number'),
    ],
  },
  Organization: {
    label: 'Organisation',
    icon: 'organization',
    colour: '#7c3aed',
    indicator: false,
    attributes: [
      text('registrationNumber', 'Registration number'),
      country('jurisdiction', 'Jurisdiction'),
      date('incorporatedOn', 'Incorporated on'),
      text('sector', 'Sector'),
    ],
  },
  Location: {
    label: 'Place',
    icon: 'location',
    colour: '#047857',
    indicator: false,
    attributes: [country('country', 'Country'), text('coordinates', 'Coordinates')],
  },
  Event: {
    label: 'Event',
    icon: 'event',
    colour: '#b45309',
    indicator: false,
    attributes: [date('startedOn', 'Started on'), date('endedOn', 'Ended on')],
  },
  Date: { label: 'Date', icon: 'date', colour: '#92400e', indicator: false, attributes: [] },
  Money: {
    label: 'Money',
    icon: 'money',
    colour: '#15803d',
    indicator: false,
    attributes: [text('currency', 'Currency'), { key: 'amount', label: 'Amount', kind: 'number' }],
  },
  Email: {
    label: 'E-mail address',
    icon: 'email',
    colour: '#0e7490',
    indicator: true,
    attributes: [],
  },
  Phone: {
    label: 'Phone number',
    icon: 'phone',
    colour: '#0f766e',
    indicator: true,
    attributes: [country('country', 'Country')],
  },
  URL: { label: 'URL', icon: 'url', colour: '#0369a1', indicator: true, attributes: [] },
  Domain: {
    label: 'Domain',
    icon: 'domain',
    colour: '#0284c7',
    indicator: true,
    attributes: [text('registrar', 'Registrar'), date('registeredOn', 'Registered on')],
  },
  IPAddress: {
    label: 'IP address',
    icon: 'ip',
    colour: '#4338ca',
    indicator: true,
    attributes: [text('asn', 'AS number'), country('country', 'Country')],
  },
  Hash: {
    label: 'File hash',
    icon: 'hash',
    colour: '#475569',
    indicator: true,
    attributes: [text('fileName', 'File name')],
  },
  CryptoWallet: {
    label: 'Crypto wallet',
    icon: 'wallet',
    colour: '#c2410c',
    indicator: true,
    attributes: [text('chain', 'Chain')],
  },
  BankAccount: {
    label: 'Bank account',
    icon: 'bank',
    colour: '#a16207',
    indicator: true,
    attributes: [text('bank', 'Bank'), text('holder', 'Account holder')],
  },
  Malware: {
    label: 'Malware',
    icon: 'malware',
    colour: '#b91c1c',
    indicator: false,
    attributes: [text('family', 'Family')],
  },
  Vulnerability: {
    label: 'Vulnerability',
    icon: 'vulnerability',
    colour: '#be123c',
    indicator: true,
    attributes: [text('cvss', 'CVSS score')],
  },
  Account: {
    label: 'Online account',
    icon: 'account',
    colour: '#9333ea',
    indicator: false,
    attributes: [text('platform', 'Platform'), text('handle', 'Handle')],
  },
  Vehicle: {
    label: 'Vehicle',
    icon: 'vehicle',
    colour: '#57534e',
    indicator: false,
    attributes: [text('registration', 'Registration'), text('model', 'Model')],
  },
  Document: {
    label: 'Document',
    icon: 'document',
    colour: '#64748b',
    indicator: false,
    attributes: [text('reference', 'Reference'), date('issuedOn', 'Issued on')],
  },
};

export const MAX_ENTITY_NAME_LENGTH = 300;
export const MAX_CUSTOM_TYPE_LENGTH = 40;
export const MAX_ALIASES = 200;
export const MAX_ATTRIBUTES = 100;
export const MAX_ENTITY_NOTES_LENGTH = 20_000;

const CUSTOM_PREFIX = 'custom:';
const CUSTOM_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;
/** A palette for user-defined types: picked by a hash of the name, so a type keeps its colour. */
const CUSTOM_COLOURS = ['#334155', '#7e22ce', '#0f766e', '#9a3412', '#1e40af', '#831843'];

export function isBuiltInEntityType(type: string): type is BuiltInEntityType {
  return (ENTITY_TYPES as readonly string[]).includes(type);
}

/** `custom:<name>` → `<name>`; undefined for built-in or malformed types. */
export function customTypeName(type: string): string | undefined {
  if (!type.startsWith(CUSTOM_PREFIX)) return undefined;
  const name = type.slice(CUSTOM_PREFIX.length);
  return CUSTOM_NAME.test(name) && name.length <= MAX_CUSTOM_TYPE_LENGTH && name.trim() === name
    ? name
    : undefined;
}

/** Checks a type id: a built-in type, or `custom:<name>` with a sensible name. */
export function parseEntityType(type: unknown): Result<EntityType> {
  if (typeof type !== 'string' || type === '') {
    return err('entity.typeUnknown', 'Choose a type for the entity.');
  }
  if (isBuiltInEntityType(type)) return ok(type);
  if (customTypeName(type) !== undefined) return ok(type as EntityType);
  if (type.startsWith(CUSTOM_PREFIX)) {
    return err(
      'entity.typeInvalid',
      `A custom type name must be 1–${MAX_CUSTOM_TYPE_LENGTH} letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.`,
    );
  }
  return err(
    'entity.typeUnknown',
    `"${type.slice(0, 60)}" is not an entity type. Use one of the built-in types or define a custom type.`,
  );
}

/** Makes the type id of a user-defined type from the name the investigator typed. */
export function customEntityType(name: string): Result<EntityType> {
  return parseEntityType(CUSTOM_PREFIX + name.trim().replace(/\s+/g, ' '));
}

/** Label, icon and colour of any type, built-in or custom. */
export function entityTypeInfo(type: EntityType): EntityTypeInfo {
  if (isBuiltInEntityType(type)) return ENTITY_TYPE_INFO[type];
  const name = customTypeName(type) ?? type;
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return {
    label: name,
    icon: 'custom',
    colour: CUSTOM_COLOURS[hash % CUSTOM_COLOURS.length]!,
    indicator: false,
    attributes: [],
  };
}

/**
 * The form a name is compared in when matching aliases and remembering rejections: NFKC, case
 * folded, dashes/underscores/dots between words read as spaces, white space collapsed. So
 * "Kim Jong-un", "KIM JONG UN" and "Kim  Jong Un" compare equal.
 */
export function comparableName(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/[\u2010-\u2015\-_‐]+/g, ' ')
    .replace(/(?<=\p{L})\.(?=\s|$)/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Case-wide key of a (type, value) pair: how a rejected suggestion is remembered. */
export function suggestionKey(type: EntityType, value: string): string {
  return `${type}\u0000${comparableName(value)}`;
}

/** What an investigator gives to create an entity. */
export interface NewEntityInput {
  readonly type: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly notes?: string;
}

/** Edits to an entity; `undefined` leaves a field alone. */
export interface EntityChanges {
  readonly type?: string;
  readonly name?: string;
  readonly aliases?: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly notes?: string;
}

export type ValidEntityFields = Pick<Entity, 'type' | 'name' | 'aliases' | 'attributes' | 'notes'>;

function validateName(name: unknown): Result<string> {
  if (typeof name !== 'string' || name.trim() === '') {
    return err('entity.nameEmpty', 'An entity needs a name.');
  }
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length > MAX_ENTITY_NAME_LENGTH) {
    return err(
      'entity.nameTooLong',
      `An entity name can be at most ${MAX_ENTITY_NAME_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  }
  return ok(trimmed);
}

function validateAliases(aliases: readonly unknown[], name: string): Result<string[]> {
  if (aliases.length > MAX_ALIASES) {
    return err('entity.tooManyAliases', `An entity can have at most ${MAX_ALIASES} aliases.`);
  }
  const seen = new Set([comparableName(name)]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const checked = validateName(alias);
    if (!checked.ok) {
      return err('entity.aliasInvalid', `Alias ${JSON.stringify(alias)}: ${checked.error.message}`);
    }
    const key = comparableName(checked.value);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(checked.value);
  }
  return ok(kept);
}

const ISO_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Checks one attribute value against its kind (when the key is a known attribute of the type). */
export function validateAttribute(
  spec: AttributeSpec | undefined,
  key: string,
  value: unknown,
): Result<AttributeValue> {
  const label = spec?.label ?? key;
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? ok(value)
      : err('entity.attributeInvalid', `${label} must be a finite number.`);
  }
  if (typeof value !== 'string') {
    return err('entity.attributeInvalid', `${label} must be text, a number or yes/no.`);
  }
  const trimmed = value.trim();
  if (trimmed.length > 2000) {
    return err('entity.attributeInvalid', `${label} can be at most 2,000 characters.`);
  }
  if (spec?.kind === 'date' && trimmed !== '' && !ISO_DATE.test(trimmed)) {
    return err(
      'entity.attributeInvalid',
      `${label} must be a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1971-05-10).`,
    );
  }
  if (spec?.kind === 'number' && trimmed !== '') {
    const n = Number(trimmed);
    if (!Number.isFinite(n)) return err('entity.attributeInvalid', `${label} must be a number.`);
    return ok(n);
  }
  return ok(trimmed);
}

function validateAttributes(
  type: EntityType,
  attributes: Readonly<Record<string, unknown>>,
): Result<Record<string, AttributeValue>> {
  const entries = Object.entries(attributes);
  if (entries.length > MAX_ATTRIBUTES) {
    return err(
      'entity.tooManyAttributes',
      `An entity can have at most ${MAX_ATTRIBUTES} attributes.`,
    );
  }
  const specs = new Map(entityTypeInfo(type).attributes.map((s) => [s.key, s] as const));
  const out: Record<string, AttributeValue> = {};
  for (const [rawKey, value] of entries) {
    const key = rawKey.trim();
    if (key === '' || key.length > 100 || key === '__proto__') {
      return err('entity.attributeInvalid', `An attribute name must be 1–100 characters.`);
    }
    const checked = validateAttribute(specs.get(key), key, value);
    if (!checked.ok) return checked;
    // An empty value removes the attribute rather than storing blank text.
    if (checked.value === '') continue;
    out[key] = checked.value;
  }
  return ok(out);
}

/** Validates and normalises a new entity's fields. Errors: entity.nameEmpty, entity.typeUnknown… */
export function validateNewEntity(input: NewEntityInput): Result<ValidEntityFields> {
  const type = parseEntityType(input.type);
  if (!type.ok) return type;
  const name = validateName(input.name);
  if (!name.ok) return name;
  const aliases = validateAliases(input.aliases ?? [], name.value);
  if (!aliases.ok) return aliases;
  const attributes = validateAttributes(type.value, input.attributes ?? {});
  if (!attributes.ok) return attributes;
  const notes = input.notes ?? '';
  if (typeof notes !== 'string' || notes.length > MAX_ENTITY_NOTES_LENGTH) {
    return err(
      'entity.notesTooLong',
      `Notes can be at most ${MAX_ENTITY_NOTES_LENGTH.toLocaleString('en')} characters.`,
    );
  }
  return ok({
    type: type.value,
    name: name.value,
    aliases: aliases.value,
    attributes: attributes.value,
    notes,
  });
}

/** Applies edits to an entity, validating the result as a whole. */
export function applyEntityChanges(
  entity: Entity,
  changes: EntityChanges,
): Result<ValidEntityFields> {
  return validateNewEntity({
    type: changes.type ?? entity.type,
    name: changes.name ?? entity.name,
    aliases: changes.aliases ?? entity.aliases,
    attributes: changes.attributes ?? entity.attributes,
    notes: changes.notes ?? entity.notes,
  });
}

/**
 * The fields of `survivor` after `merged` is merged into it: the merged entity's name and aliases
 * become aliases; attributes are combined, the survivor's value winning a clash (the merged value
 * is kept under "<key> (merged)" so nothing is lost); notes are joined.
 */
export function mergedEntityFields(survivor: Entity, merged: Entity): ValidEntityFields {
  const names = new Set([comparableName(survivor.name)]);
  const aliases: string[] = [];
  for (const alias of [...survivor.aliases, merged.name, ...merged.aliases]) {
    const key = comparableName(alias);
    if (names.has(key)) continue;
    names.add(key);
    aliases.push(alias);
  }
  const attributes: Record<string, AttributeValue> = { ...survivor.attributes };
  for (const [key, value] of Object.entries(merged.attributes)) {
    if (!(key in attributes)) attributes[key] = value;
    else if (attributes[key] !== value) attributes[`${key} (merged)`] = value;
  }
  const notes = [survivor.notes, merged.notes].filter((n) => n.trim() !== '').join('\n\n');
  return { type: survivor.type, name: survivor.name, aliases, attributes, notes };
}

/** An entity as the extractor sees it: what to look for when proposing mentions of known entities. */
export interface KnownEntity {
  readonly id: EntityId;
  readonly type: EntityType;
  /** Name and aliases. */
  readonly names: readonly string[];
}
