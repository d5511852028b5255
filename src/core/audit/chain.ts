import { ok, type AppError, type Result } from '../../shared/result';
import type { AuditEventId, CaseId } from '../model/ids';
import type { AuditEvent, IsoTimestamp } from '../model/records';

/**
 * Tamper-evident audit chain: each event stores the hash of its own canonical form and the hash of
 * the previous event, so editing or removing any stored event breaks every link after it.
 *
 * Core has no crypto of its own (no DOM, no node:*), so the SHA-256 function is injected.
 */

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export type HashText = (text: string) => Promise<string>;

/** What the caller decides about an event; the chain decides seq, prevHash and hash. */
export interface AuditEventFields {
  readonly id: AuditEventId;
  readonly caseId: CaseId;
  readonly at: IsoTimestamp;
  readonly action: string;
  readonly subject: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditChainError extends AppError {
  /** The first position in the chain (0-based seq) that does not check out. */
  readonly brokenSeq: number;
}

export interface AuditChainSummary {
  readonly length: number;
  /** Hash of the last event ('' for an empty chain). */
  readonly headHash: string;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function serialise(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      }
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value} at ${path}`);
  }
  if (seen.has(value)) throw new TypeError(`canonicalJson: circular reference at ${path}`);
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i += 1) {
      // Holes would silently become null in JSON.stringify; refuse them instead.
      if (!(i in value)) throw new TypeError(`canonicalJson: sparse array at ${path}[${i}]`);
      parts.push(serialise(value[i], `${path}[${i}]`, seen));
    }
    out = `[${parts.join(',')}]`;
  } else {
    if (!isPlainObject(value)) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new TypeError(`canonicalJson: unsupported ${name} at ${path}`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new TypeError(`canonicalJson: symbol keys at ${path}`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 (JCS) does.
    const keys = Object.keys(record).sort();
    out = `{${keys
      .map((key) => `${JSON.stringify(key)}:${serialise(record[key], `${path}.${key}`, seen)}`)
      .join(',')}}`;
  }
  seen.delete(value);
  return out;
}

/**
 * Deterministic JSON: object keys sorted, no whitespace. Accepts only plain objects, arrays,
 * strings, finite numbers, booleans and null; anything else (undefined, NaN, Date, Map, class
 * instances, cycles) throws, because it would not survive a round trip with the same hash.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

/** The text that is hashed: the whole event except its own hash. */
export function auditEventCanonicalForm(event: Omit<AuditEvent, 'hash'> | AuditEvent): string {
  const unhashed: Record<string, unknown> = { ...event };
  delete unhashed['hash'];
  return canonicalJson(unhashed);
}

/** Builds the event that follows `prev` (or the first event of a case's chain). */
export async function nextAuditEvent(
  prev: AuditEvent | undefined,
  fields: AuditEventFields,
  hash: HashText,
): Promise<AuditEvent> {
  if (prev !== undefined && prev.caseId !== fields.caseId) {
    throw new TypeError('nextAuditEvent: an audit chain belongs to one case');
  }
  const unhashed: Omit<AuditEvent, 'hash'> = {
    id: fields.id,
    caseId: fields.caseId,
    seq: prev === undefined ? 0 : prev.seq + 1,
    at: fields.at,
    action: fields.action,
    subject: fields.subject,
    detail: fields.detail,
    prevHash: prev === undefined ? '' : prev.hash,
    createdAt: fields.at,
    updatedAt: fields.at,
  };
  return { ...unhashed, hash: await hash(auditEventCanonicalForm(unhashed)) };
}

function broken(brokenSeq: number, why: string): Result<never, AuditChainError> {
  return {
    ok: false,
    error: {
      code: 'audit.chain.broken',
      message: `The audit trail does not check out at event ${brokenSeq}: ${why}. It may have been altered.`,
      brokenSeq,
    },
  };
}

/**
 * Checks a case's events, given in seq order: positions, caseId, links and hashes.
 * Reports the first seq that fails, so the UI can point at it.
 */
export async function verifyAuditChain(
  events: readonly AuditEvent[],
  hash: HashText,
): Promise<Result<AuditChainSummary, AuditChainError>> {
  let prevHash = '';
  const caseId = events[0]?.caseId;
  for (const [index, event] of events.entries()) {
    if (event.seq !== index) return broken(index, `expected event ${index}, found ${event.seq}`);
    if (event.caseId !== caseId) return broken(index, 'it belongs to another case');
    if (event.prevHash !== prevHash)
      return broken(index, 'its link to the previous event is wrong');
    let expected: string;
    try {
      expected = await hash(auditEventCanonicalForm(event));
    } catch {
      return broken(index, 'it contains a value that cannot be hashed');
    }
    if (event.hash !== expected) return broken(index, 'its content does not match its hash');
    prevHash = event.hash;
  }
  return ok({ length: events.length, headHash: prevHash });
}
