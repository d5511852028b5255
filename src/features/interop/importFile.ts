import type { Host } from '../../platform';
import { formatByteSize } from '../../shared/format';
import { perFileCap } from '../../shared/openLimits';
import { err, ok, type Result } from '../../shared/result';

/** What an imported file is read as. */
export type ImportFileKind = 'stix' | 'csv';

export interface ChosenImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly kind: ImportFileKind;
}

/** The file types the chooser offers. */
export const IMPORT_FILE_FILTERS = [
  { name: 'STIX bundle or CSV', extensions: ['json', 'stix', 'csv'] },
  { name: 'All files', extensions: ['*'] },
];

const CSV_EXTENSION = /\.(csv|tsv)$/i;
const JSON_EXTENSION = /\.(json|stix)$/i;

/**
 * STIX when the name says JSON, or the content starts like JSON (after a BOM and spaces); CSV
 * otherwise. A `.json` file that is not a STIX bundle goes to the STIX reader, which says why.
 */
export function detectImportKind(name: string, bytes: Uint8Array): ImportFileKind {
  if (CSV_EXTENSION.test(name)) return 'csv';
  if (JSON_EXTENSION.test(name)) return 'stix';
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // Leading whitespace only: space, tab, CR, LF.
  while (at < bytes.length && [0x20, 0x09, 0x0d, 0x0a].includes(bytes[at] ?? 0)) at += 1;
  return bytes[at] === 0x7b ? 'stix' : 'csv';
}

/**
 * Lets the investigator pick one file. A file over the host's per-file cap is refused before it
 * is read, naming the file and the cap. `null` when the chooser was cancelled.
 */
export async function chooseImportFile(
  host: Host,
  maxBytes?: number,
): Promise<Result<ChosenImportFile | null>> {
  const cap = perFileCap(maxBytes);
  const opened = await host.openFiles({
    title: 'Import STIX or CSV',
    filters: IMPORT_FILE_FILTERS,
    multiple: false,
    maxBytes: cap,
  });
  if (!opened.ok) return opened;
  const tooLarge = opened.value.tooLarge[0];
  if (tooLarge) {
    return err(
      'import.tooLarge',
      `${tooLarge.name} is ${formatByteSize(tooLarge.size)}; files of at most ${formatByteSize(cap)} can be imported. It was not read.`,
    );
  }
  const file = opened.value.files[0];
  if (opened.value.canceled || !file) return ok(null);
  return ok({ name: file.name, bytes: file.bytes, kind: detectImportKind(file.name, file.bytes) });
}
