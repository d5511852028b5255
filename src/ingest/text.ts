import { INGEST_ERRORS } from '../core/ingest/draft';
import type { ParseInput, SourceDraft } from '../core/ingest/draft';
import { assembleText, paragraphsOfPlainText } from '../core/text/canonical';
import { err, ok } from '../shared/result';
import type { Result } from '../shared/result';
import { checkSize, decodeText, emptyError, fileStem, settle, shortTitle } from './decode';

/** Plain text: decode, split at blank lines, title from the first line. */
export function parseText(input: ParseInput): Promise<Result<SourceDraft>> {
  return settle(
    () => parseTextNow(input),
    (message) =>
      err(INGEST_ERRORS.internal, `${input.fileName} could not be read as text: ${message}`),
  );
}

function parseTextNow(input: ParseInput): Result<SourceDraft> {
  const size = checkSize(input);
  if (!size.ok) return size;
  const decoded = decodeText(input.bytes, input.fileName);
  if (!decoded.ok) return decoded;
  const paragraphs = paragraphsOfPlainText(decoded.value.text);
  if (paragraphs.length === 0) return emptyError(input.fileName);
  const { text, structure } = assembleText([paragraphs], { paged: false });
  return ok({
    title: titleOfPlainText(decoded.value.text, input.fileName),
    kind: 'text',
    mediaType: 'text/plain',
    text,
    structure,
    provenance: { fileName: input.fileName },
    warnings: decoded.value.warnings,
  });
}

/** The first non-empty line if it is short enough to be a title, else the file name's stem. */
export function titleOfPlainText(text: string, fileName: string): string {
  // Control characters would otherwise survive into the title (canonical text drops them too).
  const firstLine = text
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/\p{Cc}/gu, ' ').trim())
    .find((line) => line.length > 0);
  return shortTitle(firstLine) ?? fileStem(fileName);
}
