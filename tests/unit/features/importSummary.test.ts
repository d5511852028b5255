import { describe, expect, it } from 'vitest';
import type { ImportReportRow } from '../../../src/features/sources/importFiles';
import { importProgressLine, importSummary } from '../../../src/features/sources/importSummary';

const imported = (fileName: string): ImportReportRow =>
  ({
    fileName,
    byteLength: 10,
    outcome: { status: 'imported', source: {}, warnings: [], attachments: 0 },
  }) as unknown as ImportReportRow;
const refused = (fileName: string, message: string): ImportReportRow => ({
  fileName,
  byteLength: 10,
  outcome: { status: 'failed', code: 'ingest.unsupported', message },
});
const duplicate = (fileName: string): ImportReportRow =>
  ({
    fileName,
    byteLength: 10,
    outcome: { status: 'duplicate', existing: { title: fileName }, file: {} },
  }) as unknown as ImportReportRow;

describe('the import toast’s words', () => {
  it('names the file and stage while a batch runs', () => {
    expect(
      importProgressLine(
        {
          fileIndex: 1,
          fileCount: 3,
          fileName: 'memo.docx',
          fileFraction: 0.5,
          stage: 'parsing',
          overallFraction: 0.5,
        },
        3,
      ),
    ).toBe('File 2 of 3: Extracting text from memo.docx');
  });

  it('says how many files were imported, naming a single one', () => {
    expect(importSummary([imported('a.txt'), imported('b.txt')], 2)).toEqual({
      title: 'Imported 2 files',
      failed: false,
    });
    expect(importSummary([imported('a.txt')], 1)).toEqual({
      title: 'Imported a.txt',
      failed: false,
    });
    expect(importSummary([imported('a.txt'), duplicate('b.txt')], 2)).toEqual({
      title: 'Imported 1 file',
      detail: '1 file already in the case, skipped.',
      failed: false,
    });
  });

  it('names refused files with their reasons, the first three, and counts the rest', () => {
    const rows = [
      imported('ok.txt'),
      ...['a', 'b', 'c', 'd', 'e'].map((n) => refused(`${n}.png`, 'Not a supported format')),
    ];
    expect(importSummary(rows, 6)).toEqual({
      title: 'Imported 1 of 6 files',
      detail:
        'Refused a.png: Not a supported format. b.png: Not a supported format. c.png: Not a supported format. And 2 more.',
      failed: true,
    });
  });

  it('says a cancelled batch was cancelled, with what was imported before', () => {
    const cancelled: ImportReportRow = {
      fileName: 'b.txt',
      byteLength: 1,
      outcome: { status: 'cancelled' },
    };
    expect(importSummary([imported('a.txt'), cancelled], 2)).toEqual({
      title: 'Import cancelled',
      detail: '1 file imported before cancelling.',
      failed: false,
    });
  });
});
