import { afterEach, describe, expect, test } from 'vitest';
import { auditEventCanonicalForm, nextAuditEvent } from '../../../src/core/audit/chain';
import { asAuditEventId, asCaseId } from '../../../src/core/model/ids';
import type { AuditEvent } from '../../../src/core/model/records';
import { appendAuditEvent } from '../../../src/db/auditLog';
import { sha256Hex } from '../../../src/db/hash';
import type { CasefileStorage } from '../../../src/db/open';
import { freshDbName, openTestStorage } from './helpers';

let s: CasefileStorage;
let opened: CasefileStorage[] = [];
afterEach(() => {
  for (const storage of opened) storage.close();
  opened = [];
});

async function freshStorage(): Promise<CasefileStorage> {
  const storage = await openTestStorage(freshDbName());
  opened.push(storage);
  return storage;
}

async function caseWithHistory() {
  s = await freshStorage();
  const created = await s.cases.create({ title: 'Audited' });
  if (!created.ok) throw new Error(created.error.message);
  const id = created.value.id;
  await s.cases.update(id, { title: 'Audited, renamed' });
  await s.cases.update(id, { summary: 'Three events now' });
  await s.cases.update(id, { status: 'closed' });
  return id;
}

describe('sha256Hex', () => {
  test('known answers', async () => {
    expect(await sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    // UTF-8, not UTF-16: "é" is two bytes c3 a9.
    expect(await sha256Hex('\u00e9')).toBe(
      '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c',
    );
  });
});

describe('the audit chain of a case', () => {
  test('events are numbered from 0 and each links to the previous hash', async () => {
    const id = await caseWithHistory();
    const events = await s.audit.list(id);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(events.map((e) => e.action)).toEqual([
      'case.created',
      'case.updated',
      'case.updated',
      'case.updated',
    ]);
    expect(events[0]?.prevHash).toBe('');
    for (const [i, event] of events.entries()) {
      if (i > 0) expect(event.prevHash).toBe(events[i - 1]?.hash);
      expect(event.hash).toBe(await sha256Hex(auditEventCanonicalForm(event)));
    }
    expect(await s.audit.verify(id)).toEqual({
      ok: true,
      value: { length: 4, headHash: events[3]?.hash },
    });
  });

  test('chains are per case', async () => {
    const first = await caseWithHistory();
    const other = await s.cases.create({ title: 'Other' });
    if (!other.ok) throw new Error('create failed');
    expect((await s.audit.list(other.value.id)).map((e) => e.seq)).toEqual([0]);
    expect((await s.audit.verify(other.value.id)).ok).toBe(true);
    expect((await s.audit.verify(first)).ok).toBe(true);
  });

  test('editing one stored event is reported at that seq', async () => {
    const id = await caseWithHistory();
    const target = (await s.audit.list(id))[2];
    if (!target) throw new Error('missing event');
    await s.db.audit.update(target.id, { detail: { fields: ['nothing to see'] } });
    expect(await s.audit.verify(id)).toMatchObject({
      ok: false,
      error: { code: 'audit.chain.broken', brokenSeq: 2 },
    });
  });

  test('re-hashing an edited event does not hide it: the next link breaks', async () => {
    const id = await caseWithHistory();
    const events = await s.audit.list(id);
    const target = events[1];
    if (!target) throw new Error('missing event');
    const edited: AuditEvent = { ...target, action: 'case.viewed' };
    const forged: AuditEvent = {
      ...edited,
      hash: await sha256Hex(auditEventCanonicalForm(edited)),
    };
    await s.db.audit.put(forged);
    expect(await s.audit.verify(id)).toMatchObject({ ok: false, error: { brokenSeq: 2 } });
  });

  test('removing an event is reported where the gap starts', async () => {
    const id = await caseWithHistory();
    const target = (await s.audit.list(id))[1];
    if (!target) throw new Error('missing event');
    await s.db.audit.delete(target.id);
    expect(await s.audit.verify(id)).toMatchObject({ ok: false, error: { brokenSeq: 1 } });
  });

  test('an empty chain verifies', async () => {
    s = await freshStorage();
    expect(await s.audit.verify(asCaseId(globalThis.crypto.randomUUID()))).toEqual({
      ok: true,
      value: { length: 0, headHash: '' },
    });
  });

  test('two events can never take the same place in a chain', async () => {
    const id = await caseWithHistory();
    const last = (await s.audit.list(id)).at(-1);
    const fields = {
      id: asAuditEventId(globalThis.crypto.randomUUID()),
      caseId: id,
      at: '2026-01-02T00:00:00.000Z',
      action: 'case.updated',
      subject: id,
      detail: {},
    };
    const event = await nextAuditEvent(last, fields, sha256Hex);
    await s.db.audit.add(event);
    // A competing writer that read the same head.
    const competing = await nextAuditEvent(
      last,
      { ...fields, id: asAuditEventId(globalThis.crypto.randomUUID()) },
      sha256Hex,
    );
    await expect(s.db.audit.add(competing)).rejects.toMatchObject({ name: 'ConstraintError' });
  });

  test('appendAuditEvent refuses to run outside the transaction of its change', async () => {
    const id = await caseWithHistory();
    await expect(
      appendAuditEvent(s.db, {
        id: asAuditEventId(globalThis.crypto.randomUUID()),
        caseId: id,
        at: '2026-01-02T00:00:00.000Z',
        action: 'case.updated',
        subject: id,
        detail: {},
      }),
    ).rejects.toThrow(/inside the transaction/);
  });
});

describe('AuditLog.record (events a feature reports, e.g. a report exported)', () => {
  test('appends the next event of the chain, which still verifies', async () => {
    const id = await caseWithHistory();
    const recorded = await s.audit.record(id, {
      action: 'report.exported',
      subject: 'Audited-2026-01-01.html',
      detail: { format: 'html', sha256: 'ab'.repeat(32) },
    });
    if (!recorded.ok) throw new Error(recorded.error.message);
    expect(recorded.value).toMatchObject({ caseId: id, seq: 4, action: 'report.exported' });
    const events = await s.audit.list(id);
    expect(events.at(-1)?.detail).toEqual({ format: 'html', sha256: 'ab'.repeat(32) });
    expect((await s.audit.verify(id)).ok).toBe(true);
  });

  test('refuses an unknown case and writes nothing', async () => {
    s = await freshStorage();
    const unknown = asCaseId('0b1c2a52-55a4-4b1e-9d55-1d6f0c3e7a11');
    const refused = await s.audit.record(unknown, {
      action: 'report.exported',
      subject: 'x',
      detail: {},
    });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'case.notFound', message: 'This case no longer exists.' },
    });
    expect(await s.audit.list(unknown)).toEqual([]);
  });
});
