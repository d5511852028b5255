/**
 * STIX 2.1 import, entities (docs/interop.md, "Import"): which Casefile entity a STIX domain
 * object, observable or indicator becomes. Objects Casefile wrote itself carry `x_casefile_type`
 * and friends, which are taken as they are, so an export reads back unchanged; everything else
 * is mapped from the STIX properties.
 */
import { parseEntityType } from '../model/entity';
import type { AttributeValue, EntityType } from '../model/records';

export type StixProperties = Readonly<Record<string, unknown>>;

/** What an object asks to become, before validation and matching. */
export interface EntityCandidate {
  readonly type: EntityType;
  readonly name: string;
  readonly aliases: readonly unknown[];
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly notes: string;
  /** External references of a foreign domain object (provenance of the entity itself). */
  readonly references: readonly unknown[];
}

/** Either a candidate, or why the object is not an entity (undefined: not an entity type). */
export type EntityMapping =
  | { readonly kind: 'entity'; readonly candidate: EntityCandidate }
  | { readonly kind: 'skip'; readonly reason: string };

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A STIX property as an attribute value: text, number, yes/no, or a list of text joined. */
function attributeValue(value: unknown): AttributeValue | undefined {
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return parts.length > 0 ? parts.map((p) => p.trim()).join(', ') : undefined;
  }
  return undefined;
}

function pick(object: StixProperties, keys: readonly string[]): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const key of keys) {
    const value = attributeValue(object[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True for objects Casefile exported (they name their Casefile type). */
function isCasefileObject(object: StixProperties): boolean {
  return typeof object['x_casefile_type'] === 'string';
}

/** An object exported by Casefile: its own fields, exactly as written. */
function casefileCandidate(
  object: StixProperties,
  fallbackName: string | undefined,
): EntityMapping | undefined {
  const parsed = parseEntityType(object['x_casefile_type']);
  if (!parsed.ok) return undefined;
  const name =
    typeof object['x_casefile_name'] === 'string'
      ? object['x_casefile_name']
      : typeof object['name'] === 'string'
        ? object['name']
        : fallbackName;
  if (name === undefined) return undefined;
  const attributes = object['x_casefile_attributes'];
  const notes = object['description'] ?? object['x_casefile_notes'];
  return {
    kind: 'entity',
    candidate: {
      type: parsed.value,
      name,
      aliases: list(object['aliases'] ?? object['x_casefile_aliases']),
      attributes:
        attributes !== null && typeof attributes === 'object' && !Array.isArray(attributes)
          ? (attributes as Record<string, unknown>)
          : {},
      notes: typeof notes === 'string' ? notes : '',
      references: [],
    },
  };
}

function foreign(
  object: StixProperties,
  type: EntityType,
  name: string | undefined,
  attributes: Record<string, AttributeValue>,
  missing: string,
): EntityMapping {
  if (name === undefined) {
    return { kind: 'skip', reason: `It has no ${missing}, which the entity's name comes from.` };
  }
  return {
    kind: 'entity',
    candidate: {
      type,
      name,
      aliases: list(object['aliases']),
      attributes,
      // Observables have no description; OpenCTI keeps theirs in a custom property.
      notes: text(object['description']) ?? text(object['x_opencti_description']) ?? '',
      references: list(object['external_references']),
    },
  };
}

/** Hash algorithms in the order a file's name is taken from. */
const HASH_PREFERENCE = ['SHA-256', 'SHA-1', 'MD5', 'SHA-512'];

function fileMapping(object: StixProperties): EntityMapping {
  const hashes = object['hashes'];
  const entries =
    hashes !== null && typeof hashes === 'object' && !Array.isArray(hashes)
      ? Object.entries(hashes as Record<string, unknown>).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
        )
      : [];
  const fileName = text(object['name']);
  if (entries.length === 0) {
    // A file known only by name is a document, not an indicator.
    return foreign(object, 'Document', fileName, pick(object, ['size', 'mime_type']), 'name');
  }
  const rank = (algorithm: string): number => {
    const at = HASH_PREFERENCE.indexOf(algorithm.toUpperCase());
    return at === -1 ? HASH_PREFERENCE.length : at;
  };
  const [chosen, ...others] = [...entries].sort((a, b) => rank(a[0]) - rank(b[0]));
  const attributes: Record<string, AttributeValue> = {};
  if (fileName !== undefined) attributes['fileName'] = fileName;
  for (const [algorithm, value] of others) attributes[algorithm] = value.trim();
  return foreign(object, 'Hash', chosen![1].trim(), attributes, 'hash');
}

/** `[ipv4-addr:value = '1.2.3.4']`: one comparison, equality, a quoted value. */
const SIMPLE_PATTERN =
  /^\[\s*([a-z0-9-]+):([a-z_]+(?:\.(?:'[^']+'|[A-Za-z0-9_-]+))*)\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]$/;

const PATTERN_TYPES: Readonly<Record<string, EntityType>> = {
  'ipv4-addr:value': 'IPAddress',
  'ipv6-addr:value': 'IPAddress',
  'domain-name:value': 'Domain',
  'url:value': 'URL',
  'email-addr:value': 'Email',
  'cryptocurrency-wallet:value': 'CryptoWallet',
  'x-casefile-cryptocurrency-wallet:value': 'CryptoWallet',
  'bank-account:iban': 'BankAccount',
  'x-casefile-bank-account:value': 'BankAccount',
  'phone-number:value': 'Phone',
  'user-account:user_id': 'Account',
};

/**
 * An indicator names one value when its STIX pattern is a single equality on an observable this
 * importer knows (`[domain-name:value = 'evil.example']`, `[file:hashes.'SHA-256' = '…']`).
 */
function indicatorMapping(object: StixProperties): EntityMapping {
  const pattern = object['pattern'];
  if (typeof pattern !== 'string') {
    return { kind: 'skip', reason: 'It has no pattern (required for an indicator).' };
  }
  const language = object['pattern_type'];
  if (language !== undefined && language !== 'stix') {
    const named = typeof language === 'string' ? language.slice(0, 40) : JSON.stringify(language);
    return {
      kind: 'skip',
      reason: `Its pattern is written in "${named}", not STIX patterning.`,
    };
  }
  const m = SIMPLE_PATTERN.exec(pattern.trim());
  const path = m ? `${m[1]}:${m[2]}` : '';
  const type = m
    ? (PATTERN_TYPES[path] ?? (path.startsWith('file:hashes.') ? 'Hash' : undefined))
    : undefined;
  if (m === null || type === undefined) {
    return {
      kind: 'skip',
      reason:
        'Its pattern is not a single comparison of an address, domain, URL, e-mail, file hash, wallet, bank account, phone or account, so it names no one entity.',
    };
  }
  const value = m[3]!.replace(/\\(.)/g, '$1').trim();
  return foreign(
    object,
    type,
    value === '' ? undefined : value,
    pick(object, ['indicator_types', 'valid_from', 'valid_until', 'pattern']),
    'value in its pattern',
  );
}

function coordinates(object: StixProperties): Record<string, AttributeValue> {
  const lat = object['latitude'];
  const lon = object['longitude'];
  return typeof lat === 'number' && typeof lon === 'number'
    ? { coordinates: `${lat}, ${lon}` }
    : {};
}

/** STIX types that become entities: only these take Casefile's own `x_casefile_*` fields. */
const ENTITY_OBJECT_TYPES: ReadonlySet<string> = new Set([
  'identity',
  'threat-actor',
  'intrusion-set',
  'malware',
  'vulnerability',
  'location',
  'indicator',
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'file',
  'user-account',
  'x-casefile-cryptocurrency-wallet',
  'cryptocurrency-wallet',
  'x-casefile-bank-account',
  'bank-account',
  'phone-number',
  'x-casefile-entity',
]);

/**
 * The entity a STIX object becomes; undefined when its type is not an entity type (relationships,
 * reports, notes, markings and types this importer does not know are handled by the caller).
 */
export function entityMapping(
  object: StixProperties & { type: string },
): EntityMapping | undefined {
  const value = text(object['value']);
  if (isCasefileObject(object) && ENTITY_OBJECT_TYPES.has(object.type)) {
    const own = casefileCandidate(object, value);
    if (own) return own;
  }
  const name = text(object['name']);
  switch (object.type) {
    case 'identity': {
      const individual = object['identity_class'] === 'individual';
      return foreign(
        object,
        individual ? 'Person' : 'Organization',
        name,
        pick(object, ['identity_class', 'sectors', 'roles', 'contact_information']),
        'name',
      );
    }
    case 'threat-actor':
    case 'intrusion-set':
      // The attribute makes the exporter write the same STIX type back.
      return foreign(
        object,
        'Organization',
        name,
        {
          stixType: object.type,
          ...pick(object, [
            'threat_actor_types',
            'first_seen',
            'last_seen',
            'goals',
            'sophistication',
            'resource_level',
            'primary_motivation',
            'roles',
          ]),
        },
        'name',
      );
    case 'malware':
      return foreign(
        object,
        'Malware',
        name,
        pick(object, ['malware_types', 'is_family', 'first_seen', 'last_seen', 'capabilities']),
        'name',
      );
    case 'vulnerability':
      return foreign(
        object,
        'Vulnerability',
        name,
        pick(object, ['x_opencti_cvss_base_score']),
        'name',
      );
    case 'location':
      return foreign(
        object,
        'Location',
        name ??
          text(object['city']) ??
          text(object['administrative_area']) ??
          text(object['region']) ??
          text(object['country']),
        {
          ...pick(object, [
            'country',
            'region',
            'administrative_area',
            'city',
            'street_address',
            'postal_code',
          ]),
          ...coordinates(object),
        },
        'name, city, region or country',
      );
    case 'indicator':
      return indicatorMapping(object);
    case 'ipv4-addr':
    case 'ipv6-addr':
      return foreign(object, 'IPAddress', value, {}, 'value');
    case 'domain-name':
      return foreign(object, 'Domain', value, {}, 'value');
    case 'url':
      return foreign(object, 'URL', value, {}, 'value');
    case 'email-addr':
      return foreign(object, 'Email', value, pick(object, ['display_name']), 'value');
    case 'file':
      return fileMapping(object);
    case 'user-account': {
      const handle = text(object['user_id']) ?? text(object['account_login']);
      const platform = text(object['account_type']);
      return foreign(
        object,
        'Account',
        text(object['display_name']) ?? handle,
        {
          ...(handle !== undefined ? { handle } : {}),
          ...(platform !== undefined ? { platform } : {}),
        },
        'display name, user id or login',
      );
    }
    case 'x-casefile-cryptocurrency-wallet':
    case 'cryptocurrency-wallet':
      return foreign(object, 'CryptoWallet', value, {}, 'value');
    case 'x-casefile-bank-account':
    case 'bank-account':
      return foreign(
        object,
        'BankAccount',
        value ?? text(object['iban']) ?? text(object['account_number']),
        pick(object, ['bic']),
        'value, IBAN or account number',
      );
    case 'phone-number':
      return foreign(object, 'Phone', value, {}, 'value');
    case 'x-casefile-entity':
      return {
        kind: 'skip',
        reason: 'It is a Casefile custom object without a valid x_casefile_type and name.',
      };
    default:
      return undefined;
  }
}
