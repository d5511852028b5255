import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS } from '../../../src/core';
import { parsePdf } from '../../../src/ingest/pdf';
import { buildCjkPdf, CJK_SAMPLE } from '../../fixtures/ingest/cjkPdf';

// In the app the maps are served at /pdfjs/cmaps/; in Node pdf.js reads them from disk.
const CMAPS = resolve(import.meta.dirname, '../../../node_modules/pdfjs-dist/cmaps') + '/';

describe('parsePdf with Chinese, Japanese and Korean fonts', () => {
  it('reads text set in a non-embedded font with a predefined CMap', async () => {
    const result = await parsePdf({
      fileName: 'sankei.pdf',
      bytes: buildCjkPdf(CJK_SAMPLE),
      limits: DEFAULT_INGEST_LIMITS,
      pdfCMapUrl: CMAPS,
    });
    expect(result.ok && result.value.text).toBe(CJK_SAMPLE);
  });

  it('cannot without the character maps (why the app ships them)', async () => {
    const result = await parsePdf({
      fileName: 'sankei.pdf',
      bytes: buildCjkPdf(CJK_SAMPLE),
      limits: DEFAULT_INGEST_LIMITS,
    });
    expect(result.ok && result.value.text).not.toBe(CJK_SAMPLE);
  });
});
