/**
 * Renders a feature view against a real storage (fake-indexeddb) with the app's providers, and
 * seeds what the tests need: a case, sources with text, entities with mentions.
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import {
  asSha256,
  INDICATOR_ENTITY_TYPE,
  scanIndicators,
  type CaseId,
  type EntityId,
  type NewEntityInput,
  type Source,
  type SuggestionCandidate,
} from '../../../src/core';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { ServicesProvider } from '../../../src/features/services';
import { StorageProvider } from '../../../src/features/storage';
import type { ExtractProgress, Extractor, ExtractRequest } from '../../../src/ingest';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import { err, ok, type Result } from '../../../src/shared/result';
import { sha256HexOfBytes } from '../../../src/shared/sha256';

export async function openTestStorage(): Promise<{ storage: CasefileStorage; caseId: CaseId }> {
  const storage = await openCasefileStorage({
    name: `casefile-entities-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
  const created = await storage.cases.create({ title: 'Harbour Street' });
  if (!created.ok) throw new Error(created.error.message);
  return { storage, caseId: created.value.id };
}

export function renderWith(
  storage: CasefileStorage,
  ui: ReactNode,
  extractor: Extractor = createFakeExtractor(),
) {
  const user = userEvent.setup();
  const view = render(
    <StorageProvider storage={storage}>
      <ServicesProvider
        host={createBrowserHost({ version: 'test' })}
        ingest={createInlineIngest()}
        extractor={extractor}
      >
        {ui}
      </ServicesProvider>
    </StorageProvider>,
  );
  return { user, ...view };
}

/** Imports a plain-text source with this text. */
export async function addSource(
  storage: CasefileStorage,
  caseId: CaseId,
  title: string,
  text: string,
): Promise<Source> {
  const bytes = new TextEncoder().encode(text);
  const imported = await storage.sources.import(caseId, {
    draft: {
      title,
      kind: 'text',
      mediaType: 'text/plain',
      text,
      structure: { paragraphs: [{ start: 0, end: text.length }] },
      provenance: { fileName: `${title}.txt` },
      warnings: [],
    },
    bytes,
    sha256: asSha256(await sha256HexOfBytes(bytes)),
  });
  if (!imported.ok) throw new Error(imported.error.message);
  return imported.value;
}

export async function addEntity(
  storage: CasefileStorage,
  caseId: CaseId,
  input: NewEntityInput,
): Promise<EntityId> {
  const created = await storage.entities.create(caseId, input);
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

/** Tags every occurrence of `quote` in the source as a mention of the entity. */
export async function tagAll(
  storage: CasefileStorage,
  caseId: CaseId,
  source: Source,
  text: string,
  quote: string,
  entityId: EntityId,
): Promise<number> {
  let count = 0;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + quote.length)) {
    const made = await storage.passages.create(caseId, {
      sourceId: source.id,
      kind: 'mention',
      start: at,
      end: at + quote.length,
      entityId,
    });
    if (!made.ok) throw new Error(made.error.message);
    count += 1;
  }
  return count;
}

export interface FakeExtractor extends Extractor {
  /** Requests seen, in order. */
  readonly requests: ExtractRequest[];
  /** While set, extraction stops after its first chunk and waits (to test progress and cancel). */
  hold: boolean;
  /** Lets a held extraction go on. */
  release(): void;
  /** Makes the next extraction fail with this message. */
  failNext?: string;
}

/**
 * Stands in for the worker extractor: core's indicator scanner (the real rules) in chunks, with
 * progress, cancel, and a switch to hold it part way. Name recognition is not imitated.
 */
export function createFakeExtractor(chunk = 1000): FakeExtractor {
  let generation = 0;
  let resume: (() => void) | null = null;
  const fake: FakeExtractor = {
    requests: [],
    hold: false,
    release() {
      const go = resume;
      resume = null;
      go?.();
    },
    async extract(
      request: ExtractRequest,
      onProgress?: (progress: ExtractProgress) => void,
    ): Promise<Result<readonly SuggestionCandidate[]>> {
      fake.requests.push(request);
      const mine = generation;
      const { text } = request;
      if (fake.failNext) {
        const message = fake.failNext;
        fake.failNext = undefined;
        return err('extract.failed', message);
      }
      for (let done = 0; done < text.length; done += chunk) {
        onProgress?.({ doneChars: Math.min(done + chunk, text.length), totalChars: text.length });
        if (fake.hold && done === 0) await new Promise<void>((r) => (resume = r));
        else await new Promise((r) => setTimeout(r, 0));
        if (generation !== mine) return err('extract.cancelled', 'Extraction was cancelled.');
      }
      const found: SuggestionCandidate[] = scanIndicators(text).map((m) => ({
        origin: 'indicator',
        type: INDICATOR_ENTITY_TYPE[m.kind],
        value: m.value,
        start: m.start,
        end: m.end,
        detail: m.defanged ? `${m.kind}, defanged` : m.kind,
      }));
      for (const known of request.known) {
        for (const name of known.names) {
          for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            found.push({
              origin: 'known',
              type: known.type,
              value: name,
              start: at,
              end: at + name.length,
              entityId: known.id,
            });
          }
        }
      }
      return ok(found.sort((a, b) => a.start - b.start));
    },
    cancel() {
      generation += 1;
      fake.release();
    },
    dispose() {},
  };
  return fake;
}
