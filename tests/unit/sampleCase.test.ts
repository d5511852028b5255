import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/core/bundle/bundle';
import { openCasefileStorage } from '../../src/db';
import { sha256BytesHex } from '../../src/db/hash';
import { createInlineBundleWorker } from '../../src/features/bundles';
import {
  buildSampleCase,
  SAMPLE_SOURCE_FILES,
  type SampleCaseCounts,
} from '../../src/features/sample/buildSampleCase';
import { openSampleCase } from '../../src/features/sample/openSampleCase';
import { SAMPLE_AGE_IDENTITY, SAMPLE_CASE_ID } from '../../src/features/sample/sampleKeys';
import { dumpDatabase } from './db/helpers';

const dir = resolve(import.meta.dirname, '../../resources/sample-case');
const committed = () => new Uint8Array(readFileSync(resolve(dir, 'sample.casefile')));
const expectedCounts = JSON.parse(
  readFileSync(resolve(dir, 'counts.json'), 'utf8'),
) as SampleCaseCounts;

async function openCommitted() {
  const read = await readBundle(
    committed(),
    { identities: [SAMPLE_AGE_IDENTITY] },
    { sha256Hex: sha256BytesHex },
  );
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

async function freshStorage() {
  const name = `sample-${crypto.randomUUID()}`;
  return { name, storage: await openCasefileStorage({ name, requestPersistence: false }) };
}

describe('the sample case bundle (resources/sample-case)', () => {
  it('is an ordinary signed bundle holding the story: sources of every format, graded claims, chart, note', async () => {
    const { caseData, signer } = await openCommitted();
    expect(signer).toMatchObject({ status: 'valid', known: 'unknown' });
    expect(caseData.case.id).toBe(SAMPLE_CASE_ID);
    expect({
      sources: caseData.sources.length,
      passages: caseData.passages.length,
      entities: caseData.entities.length,
      entityTypes: new Set(caseData.entities.map((e) => e.type)).size,
      claims: caseData.claims.length,
      charts: caseData.charts.length,
      notes: caseData.notes.length,
    }).toEqual(expectedCounts);
    expect(caseData.sources).toHaveLength(8);
    expect(new Set(caseData.sources.map((s) => s.kind))).toEqual(
      new Set(['html', 'pdf', 'eml', 'docx', 'text', 'markdown']),
    );
    // The e-mail's attachment is its child source.
    const eml = caseData.sources.find((s) => s.kind === 'eml')!;
    expect(caseData.sources.filter((s) => s.parentId === eml.id)).toHaveLength(1);
    expect(expectedCounts.entityTypes).toBeGreaterThanOrEqual(12);

    const statuses = caseData.claims.map((c) => c.status);
    expect(statuses).toContain('disputed');
    expect(statuses).toContain('corroborated');
    const sourceOf = new Map(caseData.passages.map((p) => [p.id, p.sourceId]));
    const singleSource = caseData.claims.filter(
      (c) => new Set(c.evidence.map((id) => sourceOf.get(id))).size === 1,
    );
    expect(singleSource.length).toBeGreaterThanOrEqual(1);
    expect(caseData.claims.filter((c) => c.validTime.kind !== 'unknown').length).toBe(
      caseData.claims.length,
    );
    expect(caseData.claims.some((c) => c.relations.some((r) => r.kind === 'contradicts'))).toBe(
      true,
    );
    expect(Object.keys(caseData.charts[0]!.positions).length).toBeGreaterThanOrEqual(10);
    expect(caseData.notes[0]).toMatchObject({ title: 'Draft: how the money left Northgate' });
    expect(caseData.notes[0]!.passageIds.length).toBeGreaterThan(0);
    expect(caseData.notes[0]!.claimIds.length).toBeGreaterThan(0);
  });

  it('is what the generator makes of the committed sources (rebuild: node scripts/build-sample-case.mjs)', async () => {
    const files = SAMPLE_SOURCE_FILES.map((name) => ({
      name,
      bytes: new Uint8Array(readFileSync(resolve(dir, 'sources', name))),
    }));
    const built = await buildSampleCase(files, { name: 'Casefile', version: '0.0.0-test' });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.counts).toEqual(expectedCounts);
    const rebuilt = await readBundle(
      built.value.bundle,
      { identities: [SAMPLE_AGE_IDENTITY] },
      { sha256Hex: sha256BytesHex },
    );
    if (!rebuilt.ok) throw new Error(rebuilt.error.message);
    // Ids and timestamps are deterministic: the records are the same, only the encryption differs.
    expect(rebuilt.value.caseData).toEqual((await openCommitted()).caseData);
  });

  it('is found missing by the generator with a message naming the file', async () => {
    const built = await buildSampleCase([], { name: 'Casefile', version: '0.0.0-test' });
    expect(built).toMatchObject({
      ok: false,
      error: {
        code: 'sample.build',
        message: 'northgate-ledger-article.html is missing from the sample sources',
      },
    });
  });
});

describe('openSampleCase', () => {
  it('imports through the bundle path with a bundle.imported event, and leaves a second copy alone', async () => {
    const { name, storage } = await freshStorage();
    const worker = createInlineBundleWorker();
    const first = await openSampleCase({ storage, worker, bytes: committed() });
    expect(first).toMatchObject({
      ok: true,
      value: { status: 'imported', caseId: SAMPLE_CASE_ID },
    });
    const audit = await storage.audit.list(SAMPLE_CASE_ID as never);
    const imported = audit.filter((e) => e.action === 'bundle.imported');
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ subject: 'sample.casefile' });
    expect(await storage.sources.list(SAMPLE_CASE_ID as never)).toHaveLength(8);

    const before = await dumpDatabase(name);
    const second = await openSampleCase({ storage, worker, bytes: committed() });
    expect(second).toMatchObject({
      ok: true,
      value: { status: 'exists', caseId: SAMPLE_CASE_ID },
    });
    expect(await dumpDatabase(name)).toEqual(before);
    storage.close();
  });

  it('refuses a damaged bundle with the bundle check’s message and writes nothing', async () => {
    const { name, storage } = await freshStorage();
    const before = await dumpDatabase(name);
    const bytes = committed().slice(0, 2000);
    const outcome = await openSampleCase({ storage, worker: createInlineBundleWorker(), bytes });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toMatch(/^bundle\./);
    expect(await dumpDatabase(name)).toEqual(before);
    storage.close();
  });
});
