import type { SourceStructure } from '../model/records';

/**
 * Canonical text is what passages anchor to, so every parser must produce it the same way:
 * Unicode NFC; within a paragraph, any run of white space is one space; paragraphs are separated
 * by exactly one blank line ("\n\n"); pages (PDF) are consecutive runs of paragraphs whose offsets
 * are recorded in `structure.pages`. No leading or trailing white space.
 */
export const PARAGRAPH_SEPARATOR = '\n\n';

/** Normalises one paragraph; returns '' when nothing but white space is left. */
export function canonicalParagraph(raw: string): string {
  return (
    raw
      .normalize('NFC')
      // Control characters (other than white space) carry no text and break anchoring.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '')
      .replace(/[\s\u00A0\u2028\u2029]+/g, ' ')
      .trim()
  );
}

/** Splits plain text into paragraphs at blank lines (a single newline stays inside a paragraph). */
export function paragraphsOfPlainText(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00A0]*\n/)
    .map(canonicalParagraph)
    .filter((p) => p.length > 0);
}

export interface AssembledText {
  readonly text: string;
  readonly structure: SourceStructure;
}

/**
 * Joins pages of paragraphs into canonical text with paragraph (and, when `paged`, page) offsets.
 * Empty paragraphs are dropped; an empty page still gets an (empty) range so page numbers stay true.
 */
export function assembleText(
  pages: readonly (readonly string[])[],
  options: { readonly paged: boolean },
): AssembledText {
  let text = '';
  const paragraphs: { start: number; end: number }[] = [];
  const pageRanges: { start: number; end: number }[] = [];
  for (const page of pages) {
    const pageStart = text.length === 0 ? 0 : text.length + PARAGRAPH_SEPARATOR.length;
    let pageHasText = false;
    for (const raw of page) {
      const paragraph = canonicalParagraph(raw);
      if (paragraph.length === 0) continue;
      if (text.length > 0) text += PARAGRAPH_SEPARATOR;
      paragraphs.push({ start: text.length, end: text.length + paragraph.length });
      text += paragraph;
      pageHasText = true;
    }
    pageRanges.push(
      pageHasText
        ? { start: pageStart, end: text.length }
        : { start: text.length, end: text.length },
    );
  }
  return {
    text,
    structure: options.paged ? { pages: pageRanges, paragraphs } : { paragraphs },
  };
}

/** The 1-based page number of a text offset, if the source has pages. */
export function pageAt(structure: SourceStructure, offset: number): number | undefined {
  const pages = structure.pages;
  if (!pages) return undefined;
  const index = pages.findIndex((page) => offset >= page.start && offset <= page.end);
  return index === -1 ? undefined : index + 1;
}
