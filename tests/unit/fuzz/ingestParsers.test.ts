/**
 * Fuzzing the source parsers (src/ingest): each format's real fixtures with bytes flipped, cut,
 * overwritten and spliced, plus arbitrary bytes, through each parser and through parseSource
 * (detection, caps, inert HTML). Invariant: ok with canonical text, or one of INGEST_ERRORS;
 * never a throw, never a hang. `ingest.internal` counts as a failure: it is how a parser reports
 * that it (or its library) threw on the input.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INGEST_LIMITS,
  INGEST_ERRORS,
  type Parser,
  type SourceDraft,
} from '../../../src/core';
import { parseDocx } from '../../../src/ingest/docx';
import { parseEml } from '../../../src/ingest/eml';
import { parseHtml } from '../../../src/ingest/html';
import { parseMarkdown } from '../../../src/ingest/markdown';
import { parsePdf } from '../../../src/ingest/pdf';
import { parseSource } from '../../../src/ingest/parseSource';
import { parseText } from '../../../src/ingest/text';
import type { Result } from '../../../src/shared/result';
import { anyBytes, mutatedBytes, utf8 } from '../../fuzz/arbitraries';
import { fuzzParameters, type FuzzOptions } from '../../fuzz/runs';
import { expectCanonical } from '../ingest/helpers';

const fixture = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/ingest/${path}`, import.meta.url)));

/** Every refusal but `internal` (a parser that threw). */
const TYPED_ERRORS: ReadonlySet<string> = new Set(
  Object.values(INGEST_ERRORS).filter((code) => code !== INGEST_ERRORS.internal),
);

function expectDraftOrTyped(result: Result<SourceDraft>): void {
  if (result.ok) {
    expectCanonical(result.value);
    return;
  }
  const { code, message } = result.error;
  expect(TYPED_ERRORS.has(code), `${code}: ${message}`).toBe(true);
  expect(message.trim().length).toBeGreaterThan(0);
}

interface Format {
  readonly name: string;
  readonly parser: Parser;
  readonly fileName: string;
  readonly samples: readonly Uint8Array[];
  readonly options?: FuzzOptions;
}

const FORMATS: readonly Format[] = [
  {
    name: 'text',
    parser: parseText,
    fileName: 'fuzz.txt',
    samples: [fixture('text/invoice-fraud-ring-arrests.txt')],
  },
  {
    name: 'markdown',
    parser: parseMarkdown,
    fileName: 'fuzz.md',
    samples: [fixture('markdown/briefing.md')],
  },
  {
    name: 'html',
    parser: parseHtml,
    fileName: 'fuzz.html',
    samples: [fixture('html/hostile.html'), fixture('html/kim-jong-nam-article.html')],
    options: { weight: 0.5 },
  },
  {
    name: 'eml',
    parser: parseEml,
    fileName: 'fuzz.eml',
    samples: [fixture('eml/informant-tip.eml'), fixture('eml/html-only.eml')],
  },
  {
    name: 'docx',
    parser: parseDocx,
    fileName: 'fuzz.docx',
    samples: [fixture('docx/memo.docx')],
    options: { weight: 0.5 },
  },
  {
    name: 'pdf',
    parser: parsePdf,
    fileName: 'fuzz.pdf',
    samples: [fixture('pdf/report.pdf'), fixture('pdf/image-only.pdf')],
    options: { weight: 0.25 },
  },
];

const inputFor = (format: Format) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...format.samples).chain((s) => mutatedBytes(s)) },
    { weight: 1, arbitrary: anyBytes() },
  );

describe('fuzz: ingest parsers', () => {
  test.each(FORMATS)(
    '$name: mutated or arbitrary bytes give canonical text or an ingest error, never a throw',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(inputFor(format), async (bytes) => {
          expectDraftOrTyped(
            await format.parser({
              fileName: format.fileName,
              bytes,
              limits: DEFAULT_INGEST_LIMITS,
            }),
          );
        }),
        fuzzParameters(format.options),
      );
    },
  );

  test('docx: a well-formed ZIP around mutated XML parts gives text or an ingest error', async () => {
    // Mutating the ZIP itself mostly stops at its checks; re-zipping reaches mammoth's XML.
    const parts = unzipSync(fixture('docx/memo.docx'));
    const names = Object.keys(parts);
    const mutatedPart = fc
      .constantFrom(...names)
      .chain((name) =>
        fc
          .oneof(
            mutatedBytes(parts[name] ?? new Uint8Array()),
            fc
              .constantFrom(
                '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
                '<w:document xmlns:w="x"><w:body>' +
                  '<w:p>'.repeat(2000) +
                  '</w:body></w:document>',
                '',
              )
              .map(utf8),
          )
          .map((bytes) => ({ ...parts, [name]: bytes })),
      );
    await fc.assert(
      fc.asyncProperty(mutatedPart, async (files) => {
        const bytes = zipSync(files);
        expectDraftOrTyped(
          await parseDocx({ fileName: 'fuzz.docx', bytes, limits: DEFAULT_INGEST_LIMITS }),
        );
      }),
      fuzzParameters({ weight: 0.5 }),
    );
  });

  test('parseSource: any format under any name and declared type gives a draft or an ingest error', async () => {
    const request = fc.record(
      {
        fileName: fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.eml', 'a.docx', 'a.pdf', 'a', '.'),
        bytes: fc.constantFrom(...FORMATS).chain((format) => inputFor(format)),
        declaredMediaType: fc.constantFrom('text/plain', 'message/rfc822', 'application/pdf', ''),
      },
      { requiredKeys: ['fileName', 'bytes'] },
    );
    await fc.assert(
      fc.asyncProperty(request, async (r) => expectDraftOrTyped(await parseSource(r))),
      fuzzParameters({ weight: 0.5 }),
    );
  });
});
