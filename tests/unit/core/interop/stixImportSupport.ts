/**
 * Shared by the STIX import tests: a target case, deterministic ids, and the validation a case
 * bundle export runs (writeBundle: case.json schema, references, originals and their hashes).
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { writeBundle } from '../../../../src/core/bundle/bundle';
import {
  importStixBundle,
  type StixImport,
  type StixImportOptions,
} from '../../../../src/core/interop/stixImport';
import type { Case, Entity } from '../../../../src/core/model/records';
import type { Result } from '../../../../src/shared/result';
import { aCase } from '../../../fixtures/builders';

export const IMPORTED_AT = '2026-11-22T12:00:00.000Z';

/** UUIDs in sequence, so failures are reproducible. */
export function sequentialIds(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `00000f00-0000-4000-8000-${next.toString(16).padStart(12, '0')}`;
  };
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function importInto(
  text: string | Uint8Array,
  options: { caseRecord?: Case; existing?: readonly Entity[] } & StixImportOptions = {},
): Promise<Result<StixImport>> {
  const { caseRecord, existing, ...rest } = options;
  return importStixBundle(
    typeof text === 'string' ? utf8(text) : text,
    {
      caseRecord: caseRecord ?? aCase({ title: 'Imported' }),
      existingEntities: existing ?? [],
      now: IMPORTED_AT,
      newId: sequentialIds(),
    },
    rest,
  );
}

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Runs the records through writeBundle, which refuses anything a bundle import would refuse. */
export async function expectValidCaseRecords(imported: StixImport): Promise<void> {
  const written = await writeBundle({
    caseData: imported.records,
    originals: imported.originals,
    app: { name: 'Casefile', version: 'test' },
    createdAt: IMPORTED_AT,
    encryption: { kind: 'passphrase', passphrase: 'test', workFactor: 1 },
    sha256Hex: (bytes) => Promise.resolve(createHash('sha256').update(bytes).digest('hex')),
  });
  expect(written.ok ? 'valid' : written.error).toBe('valid');
}

/** A minimal STIX 2.1 bundle around `objects`. */
export function bundleOf(objects: readonly unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    ...extra,
    objects,
  });
}

const CREATED = '2024-01-01T00:00:00.000Z';

/** A domain object with the common properties; `n` makes the id. */
export function sdo(type: string, n: number, fields: Record<string, unknown> = {}) {
  return {
    type,
    spec_version: '2.1',
    id: `${type}--00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    created: CREATED,
    modified: CREATED,
    ...fields,
  };
}

export function relationship(
  n: number,
  source: { id: string },
  target: { id: string } | string,
  fields: Record<string, unknown> = {},
) {
  return sdo('relationship', n, {
    relationship_type: 'related-to',
    source_ref: source.id,
    target_ref: typeof target === 'string' ? target : target.id,
    ...fields,
  });
}
