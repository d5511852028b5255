import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  auditEventCanonicalForm,
  nextAuditEvent,
  verifyAuditChain,
  type AuditEventFields,
  type HashText,
} from '../../../src/core/audit/chain';
import { asAuditEventId, asCaseId } from '../../../src/core/model/ids';
import type { AuditEvent } from '../../../src/core/model/records';

const sha256: HashText = (text) =>
  Promise.resolve(createHash('sha256').update(text, 'utf8').digest('hex'));
const CASE = asCaseId('aaaaaaaa-0000-4000-8000-000000000001');

function fields(n: number, overrides: Partial<AuditEventFields> = {}): AuditEventFields {
  return {
    id: asAuditEventId(`aaaaaaaa-0007-4000-8000-${String(n).padStart(12, '0')}`),
    caseId: CASE,
    at: `2026-01-0${n + 1}T10:00:00.000Z`,
    action: n === 0 ? 'case.created' : 'case.updated',
    subject: CASE,
    detail: { n },
    ...overrides,
  };
}

function at(events: readonly AuditEvent[], index: number): AuditEvent {
  const event = events[index];
  if (!event) throw new Error(`no event at ${index}`);
  return event;
}

async function chainOf(length: number): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let n = 0; n < length; n += 1)
    events.push(await nextAuditEvent(events.at(-1), fields(n), sha256));
  return events;
}

describe('nextAuditEvent', () => {
  test('the first event has seq 0 and an empty prevHash', async () => {
    const first = await nextAuditEvent(undefined, fields(0), sha256);
    expect(first).toMatchObject({ seq: 0, prevHash: '', createdAt: first.at, updatedAt: first.at });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the hash covers the canonical form of everything but itself', async () => {
    const first = await nextAuditEvent(undefined, fields(0), sha256);
    const canonical = auditEventCanonicalForm(first);
    expect(canonical).not.toContain('"hash"');
    expect(canonical.startsWith('{"action":"case.created","at":')).toBe(true);
    expect(first.hash).toBe(await sha256(canonical));
  });

  test('pins the canonical form: a change here breaks every stored chain', async () => {
    const first = await nextAuditEvent(undefined, fields(0), sha256);
    expect(auditEventCanonicalForm(first)).toBe(
      '{"action":"case.created","at":"2026-01-01T10:00:00.000Z","caseId":"aaaaaaaa-0000-4000-8000-000000000001",' +
        '"createdAt":"2026-01-01T10:00:00.000Z","detail":{"n":0},"id":"aaaaaaaa-0007-4000-8000-000000000000",' +
        '"prevHash":"","seq":0,"subject":"aaaaaaaa-0000-4000-8000-000000000001","updatedAt":"2026-01-01T10:00:00.000Z"}',
    );
  });

  test('later events count up and link to the previous hash', async () => {
    const events = await chainOf(3);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
  });

  test('uses the injected hash function', async () => {
    const seen: string[] = [];
    const event = await nextAuditEvent(undefined, fields(0), (text) => {
      seen.push(text);
      return Promise.resolve('fixed');
    });
    expect(event.hash).toBe('fixed');
    expect(seen).toEqual([auditEventCanonicalForm(event)]);
  });

  test('refuses to continue another case’s chain', async () => {
    const [first] = await chainOf(1);
    const other = asCaseId('bbbbbbbb-0000-4000-8000-000000000002');
    await expect(nextAuditEvent(first, fields(1, { caseId: other }), sha256)).rejects.toThrow(
      TypeError,
    );
  });

  test('refuses details that cannot be hashed reproducibly', async () => {
    await expect(
      nextAuditEvent(undefined, fields(0, { detail: { when: new Date() } }), sha256),
    ).rejects.toThrow(TypeError);
  });
});

describe('verifyAuditChain', () => {
  test('an intact chain verifies, with its length and head', async () => {
    const events = await chainOf(4);
    expect(await verifyAuditChain(events, sha256)).toEqual({
      ok: true,
      value: { length: 4, headHash: events[3]?.hash },
    });
  });

  test('an empty chain verifies', async () => {
    expect(await verifyAuditChain([], sha256)).toEqual({
      ok: true,
      value: { length: 0, headHash: '' },
    });
  });

  const OTHER_CASE = asCaseId('bbbbbbbb-0000-4000-8000-000000000002');
  test.each([
    ['content edited', (e: AuditEvent[]) => e.splice(2, 1, { ...at(e, 2), detail: { n: 99 } }), 2],
    [
      'hash replaced',
      (e: AuditEvent[]) => e.splice(1, 1, { ...at(e, 1), hash: 'f'.repeat(64) }),
      1,
    ],
    ['event removed', (e: AuditEvent[]) => e.splice(1, 1), 1],
    ['events swapped', (e: AuditEvent[]) => e.reverse(), 0],
    [
      'first event relinked',
      (e: AuditEvent[]) => e.splice(0, 1, { ...at(e, 0), prevHash: 'x' }),
      0,
    ],
    ['foreign event', (e: AuditEvent[]) => e.splice(3, 1, { ...at(e, 3), caseId: OTHER_CASE }), 3],
  ])('%s → reported at the first broken seq', async (_label, tamper, brokenSeq) => {
    const events = await chainOf(4);
    tamper(events);
    const verdict = await verifyAuditChain(events, sha256);
    expect(verdict).toMatchObject({ ok: false, error: { code: 'audit.chain.broken', brokenSeq } });
    expect(verdict.ok ? '' : verdict.error.message).toContain(`event ${brokenSeq}`);
  });

  test('an edited event that is re-hashed still breaks the next link', async () => {
    const events = await chainOf(3);
    const edited = { ...at(events, 1), action: 'case.viewed' };
    events[1] = { ...edited, hash: await sha256(auditEventCanonicalForm(edited)) };
    expect(await verifyAuditChain(events, sha256)).toMatchObject({
      ok: false,
      error: { brokenSeq: 2 },
    });
  });
});
