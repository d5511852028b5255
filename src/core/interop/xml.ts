/**
 * XML 1.0 output for GraphML and GEXF: every string escaped, and characters XML 1.0 cannot carry
 * at all (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) removed, with one
 * notice per record that lost any, so nothing changes silently.
 */
import type { ExportNotice } from './types';

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export interface XmlWriter {
  /** Escaped for element content (CR kept as a reference: parsers would turn it into LF). */
  text(recordId: string, value: string): string;
  /** Escaped for a double-quoted attribute (tab, LF, CR as references: parsers would turn them into spaces). */
  attr(recordId: string, value: string): string;
}

export function createXmlWriter(notices: ExportNotice[]): XmlWriter {
  const reported = new Set<string>();
  const clean = (recordId: string, value: string): string => {
    const cleaned = value.replace(NOT_XML_CHAR, '');
    if (cleaned.length !== value.length && !reported.has(recordId)) {
      reported.add(recordId);
      notices.push({
        recordId,
        message:
          'Control characters or non-characters that XML 1.0 cannot carry were removed from this record’s text.',
      });
    }
    return cleaned;
  };
  return {
    text: (recordId, value) =>
      clean(recordId, value)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\r/g, '&#13;'),
    attr: (recordId, value) =>
      clean(recordId, value)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/\t/g, '&#9;')
        .replace(/\n/g, '&#10;')
        .replace(/\r/g, '&#13;'),
  };
}

/** A number as XML Schema reads a double: finite values only (callers skip the others). */
export function xmlNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}
