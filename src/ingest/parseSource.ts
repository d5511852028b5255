import {
  DEFAULT_INGEST_LIMITS,
  INGEST_ERRORS,
  type IngestLimits,
  type ParseInput,
  type Parser,
  type SourceDraft,
} from '../core';
import { formatByteSize } from '../shared/format';
import { err, ok, type Result } from '../shared/result';
import { detectFormat, type SourceFormat } from './detect';
import { parseDocx } from './docx';
import { parseEml } from './eml';
import { parseHtml } from './html';
import { inertHtml } from './inertHtml';
import { parseMarkdown } from './markdown';
import { parsePdf } from './pdf';
import { parseText } from './text';

const PARSERS: Readonly<Record<SourceFormat, Parser>> = {
  text: parseText,
  markdown: parseMarkdown,
  html: parseHtml,
  pdf: parsePdf,
  docx: parseDocx,
  eml: parseEml,
};

export interface ParseRequest {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly declaredMediaType?: string;
  readonly limits?: IngestLimits;
  readonly pdfCMapUrl?: string;
}

/**
 * One file in, one draft (or one specific error) out. Caps are checked before any parser runs,
 * and a parser that throws on hostile input is reported, never propagated.
 */
export async function parseSource(request: ParseRequest): Promise<Result<SourceDraft>> {
  const limits = request.limits ?? DEFAULT_INGEST_LIMITS;
  const { fileName, bytes } = request;
  if (bytes.byteLength === 0) return err(INGEST_ERRORS.empty, `${fileName} is empty.`);
  if (bytes.byteLength > limits.maxFileBytes) {
    return err(
      INGEST_ERRORS.tooLarge,
      `${fileName} is ${formatByteSize(bytes.byteLength)}; the limit is ${formatByteSize(limits.maxFileBytes)}.`,
    );
  }
  const format = detectFormat(fileName, bytes, request.declaredMediaType);
  if (!format) {
    return err(
      INGEST_ERRORS.unsupported,
      `${fileName} is not a supported type. Casefile imports plain text, Markdown, web pages (HTML), PDF, Word (.docx) and e-mail (.eml).`,
    );
  }
  const input: ParseInput = {
    fileName,
    bytes,
    limits,
    ...(request.declaredMediaType ? { declaredMediaType: request.declaredMediaType } : {}),
    ...(request.pdfCMapUrl ? { pdfCMapUrl: request.pdfCMapUrl } : {}),
  };
  try {
    const parsed = await PARSERS[format](input);
    if (!parsed.ok || parsed.value.html === undefined) return parsed;
    return ok({ ...parsed.value, html: inertHtml(parsed.value.html) });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err(INGEST_ERRORS.internal, `${fileName} could not be read: ${detail}`);
  }
}
