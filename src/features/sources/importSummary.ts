import type { ImportProgress, ImportReportRow } from './importFiles';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const STAGE_VERB = {
  parsing: 'Extracting text from',
  storing: 'Storing',
  done: 'Finished',
} as const;

/** The toast's line while a batch runs: which file, at which stage. */
export function importProgressLine(progress: ImportProgress, fileCount: number): string {
  const position = Math.min(progress.fileIndex + 1, fileCount);
  return `File ${position} of ${fileCount}: ${STAGE_VERB[progress.stage]} ${progress.fileName}`;
}

/** A reason as a sentence, ending in a full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** How many refused files a toast names before "And N more". */
const NAMED_FAILURES = 3;

/**
 * How a finished batch is announced: a title, the details, and whether it counts as a failure
 * (some file was refused: the toast stays until dismissed, naming the files).
 */
export function importSummary(
  rows: readonly ImportReportRow[],
  fileCount: number,
): { readonly title: string; readonly detail?: string; readonly failed: boolean } {
  let imported = 0;
  let duplicates = 0;
  let cancelled = 0;
  const refused: string[] = [];
  for (const row of rows) {
    const { outcome } = row;
    if (outcome.status === 'imported') imported++;
    else if (outcome.status === 'duplicate') duplicates++;
    else if (outcome.status === 'cancelled') cancelled++;
    else refused.push(`${row.fileName}: ${sentence(outcome.message)}`);
  }
  const skipped =
    duplicates > 0 ? `${plural(duplicates, 'file', 'files')} already in the case, skipped.` : '';
  if (refused.length > 0) {
    const named = refused.slice(0, NAMED_FAILURES).join(' ');
    const more =
      refused.length > NAMED_FAILURES ? ` And ${refused.length - NAMED_FAILURES} more.` : '';
    return {
      title: `Imported ${imported.toLocaleString('en')} of ${plural(fileCount, 'file', 'files')}`,
      detail: `Refused ${named}${more} ${skipped}`.trim(),
      failed: true,
    };
  }
  if (cancelled > 0) {
    return {
      title: 'Import cancelled',
      detail: `${plural(imported, 'file', 'files')} imported before cancelling.`,
      failed: false,
    };
  }
  const only = rows.length === 1 ? rows[0] : undefined;
  return {
    title:
      only && imported === 1
        ? `Imported ${only.fileName}`
        : `Imported ${plural(imported, 'file', 'files')}`,
    ...(skipped ? { detail: skipped } : {}),
    failed: false,
  };
}
