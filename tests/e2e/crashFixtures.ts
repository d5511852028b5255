import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { writeBundle, type CaseJson } from '../../src/core/bundle/bundle';
import { sha256BytesHex } from '../../src/db/hash';
import { largeReportInput } from '../fixtures/reports/largeCase';
import { reportCaseTables } from './reportSeed';

/** The STIX file the large-import crash test imports, and what it adds to a case. */
export interface StixFixture {
  readonly path: string;
  readonly entities: number;
  readonly claims: number;
}

/**
 * A STIX 2.1 bundle of `people` individuals and one `related-to` relationship from each to the
 * next: `people` entities and `people - 1` claims once imported (docs/interop.md).
 */
export function writeLargeStix(path: string, people: number): StixFixture {
  const at = '2026-03-01T09:00:00.000Z';
  const uuid = (kind: number, n: number) =>
    `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const identities = Array.from({ length: people }, (_, n) => ({
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuid(0xc0a5, n)}`,
    created: at,
    modified: at,
    name: `Crash Person ${String(n).padStart(5, '0')}`,
    identity_class: 'individual',
  }));
  const relationships = identities.slice(1).map((target, n) => ({
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${uuid(0x4e1a, n)}`,
    created: at,
    modified: at,
    relationship_type: 'related-to',
    source_ref: identities[n]!.id,
    target_ref: target.id,
  }));
  const bundle = {
    type: 'bundle',
    id: `bundle--${uuid(0xb0d1e, 1)}`,
    objects: [...identities, ...relationships],
  };
  writeFileSync(path, JSON.stringify(bundle));
  return { path, entities: people, claims: relationships.length };
}

/** The bundle the bundle-import crash test imports, and the rows it must add, by table. */
export interface BundleFixture {
  readonly path: string;
  readonly passphrase: string;
  readonly caseId: string;
  readonly title: string;
  /** Table → primary keys of the case's rows once imported (sorted); `blobs` by SHA-256. */
  readonly keys: Readonly<Record<string, readonly string[]>>;
}

/**
 * The large report case (tests/fixtures/reports/largeCase.ts: 500 paged sources, 2,000 passages,
 * 600 entities, 1,000 claims, a note and a chart) as a passphrase bundle. Each source's original
 * is its text, so every SHA-256 is real. A low scrypt work factor: the test is about the commit,
 * not about key stretching.
 */
export async function writeLargeBundle(path: string): Promise<BundleFixture> {
  const input = largeReportInput();
  const tables = reportCaseTables(input);
  const contents = tables['sourceContents'] as { id: string; caseId: string; text: string }[];
  const originals = new Map<string, Uint8Array>();
  const hashOf = new Map<string, string>();
  for (const content of contents) {
    const bytes = new TextEncoder().encode(content.text);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    originals.set(sha256, bytes);
    hashOf.set(content.id, sha256);
  }
  const sources = input.sources.map((source) => ({
    ...source,
    sha256: hashOf.get(source.id)!,
    byteLength: originals.get(hashOf.get(source.id)!)!.byteLength,
  }));
  const noteContents = tables['noteContents'] as { id: string; editorState: string }[];
  const notes = (tables['notes'] as { id: string }[]).map((note) => ({
    ...note,
    editorState: noteContents.find((content) => content.id === note.id)!.editorState,
  }));
  const caseData = {
    format: 'casefile-case',
    version: 1,
    case: input.case,
    sources,
    sourceContents: contents,
    passages: input.passages,
    entities: input.entities,
    entityMerges: [],
    claims: input.claims,
    notes,
    charts: input.charts,
    savedSearches: [],
    audit: [],
  } as unknown as CaseJson;
  const passphrase = 'crash test bundle';
  const written = await writeBundle({
    caseData,
    originals,
    app: { name: 'Casefile', version: 'crash-test' },
    createdAt: '2026-11-22T10:00:00.000Z',
    encryption: { kind: 'passphrase', passphrase, workFactor: 10 },
    sha256Hex: sha256BytesHex,
  });
  if (!written.ok) throw new Error(`${written.error.code}: ${written.error.message}`);
  writeFileSync(path, written.value);
  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id).sort();
  return {
    path,
    passphrase,
    caseId: input.case.id,
    title: input.case.title,
    keys: {
      cases: [input.case.id],
      sources: ids(sources),
      sourceContents: ids(contents),
      passages: ids(input.passages),
      entities: ids(input.entities),
      claims: ids(input.claims),
      notes: ids(notes),
      noteContents: ids(notes),
      charts: ids(input.charts),
      blobs: [...originals.keys()].sort(),
    },
  };
}
