/**
 * The Word renderer: a ReportDocument as a .docx with real Word structure (heading styles, tables
 * with header rows, footnotes, images, page-number fields), so a recipient can edit and cite it.
 * Every string is untrusted plain text: the docx library escapes it as XML text, and characters
 * XML cannot hold at all are stripped first (they would make Word refuse the whole file).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import {
  findingQualifiers,
  findingSentence,
  footnoteText,
  auditLine,
  generationLine,
  REDACTED_CLAIM,
  REDACTED_MENTION,
  REDACTED_QUOTE,
  REPORT_SECTION_TITLES,
  sourceDetails,
  statusLabel,
} from './text';
import type {
  ReportBlock,
  ReportChartImage,
  ReportDocument,
  ReportEntityTable,
  ReportFinding,
  ReportInline,
  ReportProgress,
  ReportSourceEntry,
  ReportTimelineEntry,
} from './types';

/** Width of the text column on an A4 page with 2.54 cm margins, in twips and in CSS pixels. */
const PAGE_WIDTH_TWIPS = 11906;
const PAGE_HEIGHT_TWIPS = 16838;
const MARGIN_TWIPS = 1440;
const TEXT_WIDTH_TWIPS = PAGE_WIDTH_TWIPS - 2 * MARGIN_TWIPS;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
/** Tallest chart image: the text column's height less room for its caption. */
const MAX_IMAGE_HEIGHT_PX = Math.floor(((PAGE_HEIGHT_TWIPS - 2 * MARGIN_TWIPS) / 1440) * 96) - 96;

const MONOSPACE = 'Consolas';
const BULLET_LIST = 'casefile-bullets';
const NUMBERED_LIST = 'casefile-numbers';
const QUOTE_STYLE = 'CasefileQuote';
const EVIDENCE_STYLE = 'CasefileEvidence';
const CODE_STYLE = 'CasefileCode';
const CAPTION_STYLE = 'CasefileCaption';

// Characters XML 1.0 cannot contain, even escaped: C0 controls other than tab, LF and CR, the
// non-characters U+FFFE/U+FFFF, and unpaired surrogates.
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe for a Word XML text node: illegal characters dropped, line breaks as spaces. */
export function wordText(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(/\r\n?|\n/g, ' ');
}

/**
 * Word bookmark names allow letters, digits and underscores, start with a letter and are at most
 * 40 characters; report anchors ("finding-3") are mapped onto that.
 */
export function bookmarkName(anchor: string): string {
  return `cf_${anchor.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 40);
}

type Block = Paragraph | Table;

/** Rendering state: which footnotes already have their Word footnote (each gets exactly one). */
class DocxWriter {
  private readonly placedFootnotes = new Set<number>();
  private listInstance = 0;
  private readonly bookmarks = new Set<string>();
  /** Anchors the document has a bookmark for: links are only made to these. */
  private readonly targets: ReadonlySet<string>;

  constructor(private readonly doc: ReportDocument) {
    this.targets = new Set([
      ...doc.findings.map((f) => f.anchor),
      ...doc.entityTables.flatMap((t) => t.rows.map((r) => r.anchor)),
      ...doc.sources.map((s) => s.anchor),
    ]);
  }

  /**
   * A footnote reference. Word numbers footnotes by the order of their references, so each report
   * footnote gets one real Word footnote at its first reference (the report numbers them the same
   * way); a later reference to the same note repeats its number as a superscript.
   */
  footnoteRef(number: number): ParagraphChild {
    if (!this.placedFootnotes.has(number) && this.doc.footnotes[number - 1]?.number === number) {
      this.placedFootnotes.add(number);
      return new FootnoteReferenceRun(number);
    }
    return new TextRun({ text: String(number), superScript: true });
  }

  footnoteRefs(numbers: readonly number[]): ParagraphChild[] {
    return numbers.map((n) => this.footnoteRef(n));
  }

  /** A bookmark target, once per name (Word refuses duplicate bookmark names). */
  bookmark(anchor: string, children: ParagraphChild[]): ParagraphChild[] {
    const name = bookmarkName(anchor);
    if (this.bookmarks.has(name)) return children;
    this.bookmarks.add(name);
    return [new Bookmark({ id: name, children })];
  }

  /** Text linked to a bookmark inside the report (never outside it); plain text if none. */
  link(
    anchor: string | undefined,
    text: string,
    options: Omit<IRunOptions, 'text' | 'children'> = {},
  ): ParagraphChild {
    if (anchor === undefined || !this.targets.has(anchor)) return run(text, options);
    return new InternalHyperlink({
      anchor: bookmarkName(anchor),
      children: [run(text, { ...options, style: 'Hyperlink' })],
    });
  }

  /** The anchor of finding `number`, when it is in the report. */
  findingAnchor(number: number): string | undefined {
    return this.doc.findings.find((f) => f.number === number)?.anchor;
  }

  nextListInstance(): number {
    this.listInstance += 1;
    return this.listInstance;
  }
}

function run(text: string, options: Omit<IRunOptions, 'text' | 'children'> = {}): TextRun {
  return new TextRun({ ...options, text: wordText(text) });
}

function inlines(items: readonly ReportInline[], w: DocxWriter): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'text':
        out.push(
          run(item.text, {
            ...(item.bold ? { bold: true } : {}),
            ...(item.italic ? { italics: true } : {}),
            ...(item.underline ? { underline: {} } : {}),
            ...(item.strikethrough ? { strike: true } : {}),
            ...(item.code ? { font: MONOSPACE } : {}),
          }),
        );
        break;
      case 'link':
        // The address is printed, never made clickable: a report must not send anyone anywhere.
        out.push(run(item.text));
        if (item.url !== item.text) out.push(run(` <${item.url}>`, { color: '555555' }));
        break;
      case 'mention':
        if (item.redacted) out.push(run(REDACTED_MENTION));
        else out.push(w.link(item.entityAnchor, item.text));
        break;
      case 'footnoteRef':
        out.push(w.footnoteRef(item.number));
        break;
      case 'lineBreak':
        out.push(new TextRun({ break: 1 }));
        break;
    }
  }
  return out;
}

const NARRATIVE_HEADINGS = {
  1: HeadingLevel.HEADING_2,
  2: HeadingLevel.HEADING_3,
  3: HeadingLevel.HEADING_4,
} as const;

function cell(children: ParagraphChild[], header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children })],
    ...(header ? { shading: { fill: 'E7E6E6', type: 'clear', color: 'auto' } } : {}),
  });
}

const TABLE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

/** A full-width table; the first row is a header row (repeated on every page) when `header`. */
function table(rows: readonly ParagraphChild[][][], header: boolean, widths?: number[]): Table {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const columnWidths =
    widths ?? Array.from({ length: columns }, () => Math.floor(TEXT_WIDTH_TWIPS / columns));
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths,
    borders: {
      top: TABLE_BORDER,
      bottom: TABLE_BORDER,
      left: TABLE_BORDER,
      right: TABLE_BORDER,
      insideHorizontal: TABLE_BORDER,
      insideVertical: TABLE_BORDER,
    },
    rows: rows.map((cells, index) => {
      const isHeader = header && index === 0;
      const padded = [...cells];
      while (padded.length < columns) padded.push([]);
      return new TableRow({
        ...(isHeader ? { tableHeader: true } : {}),
        children: padded.map((c) => cell(c, isHeader)),
      });
    }),
  });
}

function headerCells(labels: readonly string[]): ParagraphChild[][] {
  return labels.map((label) => [run(label, { bold: true })]);
}

function blocks(items: readonly ReportBlock[], w: DocxWriter, listLevel = -1): Block[] {
  const out: Block[] = [];
  for (const block of items) {
    switch (block.kind) {
      case 'paragraph':
        out.push(
          new Paragraph({
            children: inlines(block.inlines, w),
            ...(listLevel >= 0 ? { indent: { left: 720 * (listLevel + 1) } } : {}),
          }),
        );
        break;
      case 'heading':
        out.push(
          new Paragraph({
            heading: NARRATIVE_HEADINGS[block.level],
            children: inlines(block.inlines, w),
          }),
        );
        break;
      case 'list': {
        const level = Math.min(listLevel + 1, 8);
        const instance = w.nextListInstance();
        for (const item of block.items) {
          const [first, ...rest] = item;
          const firstInlines =
            first?.kind === 'paragraph' || first?.kind === 'heading' || first?.kind === 'quote'
              ? first.inlines
              : [];
          out.push(
            new Paragraph({
              children: inlines(firstInlines, w),
              numbering: {
                reference: block.ordered ? NUMBERED_LIST : BULLET_LIST,
                level,
                ...(block.ordered ? { instance } : {}),
              },
            }),
          );
          const remaining = firstInlines.length > 0 || first === undefined ? rest : item;
          out.push(...blocks(remaining, w, level));
        }
        break;
      }
      case 'quote':
        out.push(new Paragraph({ style: QUOTE_STYLE, children: inlines(block.inlines, w) }));
        break;
      case 'code':
        out.push(
          new Paragraph({
            style: CODE_STYLE,
            children: block.text
              .split(/\r\n?|\n/)
              .map((line, i) => run(line, { font: MONOSPACE, ...(i > 0 ? { break: 1 } : {}) })),
          }),
        );
        break;
      case 'evidenceQuote':
        out.push(
          new Paragraph({
            style: EVIDENCE_STYLE,
            children: block.redacted
              ? [run(REDACTED_QUOTE)]
              : [
                  run(`“${block.text}”`),
                  ...(block.footnote === undefined ? [] : [w.footnoteRef(block.footnote)]),
                ],
          }),
        );
        break;
      case 'claim': {
        const children: ParagraphChild[] = block.redacted
          ? [run(REDACTED_CLAIM)]
          : [
              w.link(block.findingAnchor, block.text, { bold: true }),
              ...(block.grade === undefined ? [] : [run(` (${block.grade})`)]),
            ];
        out.push(new Paragraph({ style: QUOTE_STYLE, children }));
        break;
      }
      case 'table':
        out.push(
          table(
            block.rows.map((row) => row.map((c) => inlines(c, w))),
            false,
          ),
        );
        break;
    }
  }
  return out;
}

function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(text)] });
}

function cover(doc: ReportDocument): Paragraph[] {
  const line = (label: string, value: string): Paragraph =>
    new Paragraph({ children: [run(`${label}: `, { bold: true }), run(value)] });
  const out = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(doc.title)] }),
    line('Case', doc.caseTitle),
  ];
  if (doc.author !== '') out.push(line('Author', doc.author));
  out.push(line('Date', doc.generatedAt.slice(0, 10)));
  if (doc.marking !== '') {
    out.push(
      new Paragraph({
        spacing: { before: 240, after: 240 },
        children: [run(doc.marking, { bold: true, size: 32 })],
      }),
    );
  }
  out.push(
    new Paragraph({
      children: [run(generationLine(doc.generator, doc.generatedAt), { italics: true })],
    }),
    ...(doc.audit
      ? [new Paragraph({ children: [run(auditLine(doc.audit), { italics: true })] })]
      : []),
    new Paragraph({ children: [new PageBreak()] }),
  );
  return out;
}

function finding(f: ReportFinding, w: DocxWriter): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: w.bookmark(f.anchor, [run(`Finding ${f.number}`)]),
    }),
    new Paragraph({
      children: [run(findingSentence(f), { bold: true }), ...w.footnoteRefs(f.footnotes)],
    }),
    new Paragraph({ children: [run(findingQualifiers(f).join(' · '))] }),
  ];
  if (f.attributedTo !== undefined && f.attributedTo !== '') {
    out.push(
      new Paragraph({ children: [run('Attributed to: ', { bold: true }), run(f.attributedTo)] }),
    );
  }
  if (f.note !== '') {
    out.push(new Paragraph({ children: [run('Note: ', { bold: true }), run(f.note)] }));
  }
  for (const relation of f.relations) {
    const verb = relation.kind === 'supports' ? 'Supports' : 'Contradicts';
    out.push(
      new Paragraph({
        children: [run(`${verb} `), w.link(relation.anchor, `Finding ${relation.findingNumber}`)],
      }),
    );
  }
  return out;
}

function entityTable(t: ReportEntityTable, w: DocxWriter): Block[] {
  const rows: ParagraphChild[][][] = [
    headerCells(['Name', 'Aliases', 'Attributes', 'Notes', 'Findings']),
  ];
  for (const row of t.rows) {
    rows.push([
      w.bookmark(row.anchor, [run(row.name, { bold: true })]),
      [run(row.aliases.join(', '))],
      row.attributes.flatMap((a, i) => [
        ...(i > 0 ? [new TextRun({ break: 1 })] : []),
        run(`${a.name}: `, { italics: true }),
        run(a.value),
      ]),
      [run(row.notes)],
      row.findingNumbers.flatMap((n, i) => [
        ...(i > 0 ? [run(', ')] : []),
        w.link(w.findingAnchor(n), String(n)),
      ]),
    ]);
  }
  const widths = [0.22, 0.18, 0.27, 0.23, 0.1].map((f) => Math.floor(TEXT_WIDTH_TWIPS * f));
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(t.heading)] }),
    table(rows, true, widths),
  ];
}

/** The chart's PNG at the text column's width (never enlarged), keeping its aspect ratio. */
export function chartImageSize(
  width: number,
  height: number,
): { readonly width: number; readonly height: number } {
  if (!(width > 0) || !(height > 0)) return { width: TEXT_WIDTH_PX, height: TEXT_WIDTH_PX / 2 };
  const scale = Math.min(1, TEXT_WIDTH_PX / width, MAX_IMAGE_HEIGHT_PX / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function chart(c: ReportChartImage): Paragraph[] {
  const size = chartImageSize(c.width, c.height);
  const title = wordText(c.title);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: c.png,
          transformation: size,
          altText: { name: title, title, description: `Link chart: ${title}` },
        }),
      ],
    }),
    new Paragraph({ style: CAPTION_STYLE, children: [run(c.title)] }),
  ];
}

function timeline(entries: readonly ReportTimelineEntry[], w: DocxWriter): Table {
  const rows: ParagraphChild[][][] = [headerCells(['When', 'What', 'Grade', 'Status'])];
  for (const e of entries) {
    rows.push([
      [run(e.when)],
      [w.link(e.findingAnchor, e.text)],
      [run(e.grade ?? '')],
      [run(e.status === undefined ? '' : statusLabel(e.status))],
    ]);
  }
  const widths = [0.2, 0.56, 0.1, 0.14].map((f) => Math.floor(TEXT_WIDTH_TWIPS * f));
  return table(rows, true, widths);
}

function sourceEntry(s: ReportSourceEntry, w: DocxWriter): Block[] {
  const rows: ParagraphChild[][][] = sourceDetails(s).map(({ label, value }) => [
    [run(label, { bold: true })],
    [label === 'SHA-256' ? run(value, { font: MONOSPACE, size: 18 }) : run(value)],
  ]);
  if (s.citedBy.length > 0) {
    rows.push([[run('Cited in notes', { bold: true })], [run(s.citedBy.join(', '))]]);
  }
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: w.bookmark(s.anchor, [run(`${s.label}. ${s.title}`)]),
    }),
    table(rows, false, [Math.floor(TEXT_WIDTH_TWIPS * 0.22), Math.floor(TEXT_WIDTH_TWIPS * 0.78)]),
  ];
}

function markingParagraph(marking: string, extra: ParagraphChild[] = []): Paragraph {
  const children: ParagraphChild[] = marking === '' ? [] : [run(marking, { bold: true })];
  if (children.length > 0 && extra.length > 0) children.push(run('    '));
  children.push(...extra);
  return new Paragraph({ alignment: AlignmentType.CENTER, children });
}

const LIST_LEVELS = Array.from({ length: 9 }, (_, level) => level);

/**
 * Renders the report as a .docx file. Progress is reported per section as "render" steps; the
 * last step is packing the file.
 */
export async function renderReportDocx(
  doc: ReportDocument,
  onProgress?: (progress: ReportProgress) => void,
): Promise<Uint8Array> {
  const w = new DocxWriter(doc);
  const total = 7;
  let done = 0;
  const step = (): void => {
    done += 1;
    onProgress?.({ stage: 'render', done, total });
  };
  onProgress?.({ stage: 'render', done, total });

  const body: Block[] = [...cover(doc)];
  if (doc.narrative) {
    body.push(heading1(REPORT_SECTION_TITLES.narrative));
    if (doc.narrative.title !== '') {
      body.push(new Paragraph({ children: [run(doc.narrative.title, { italics: true })] }));
    }
    body.push(...blocks(doc.narrative.blocks, w));
  }
  step();
  if (doc.findings.length > 0) {
    body.push(heading1(REPORT_SECTION_TITLES.findings));
    for (const f of doc.findings) body.push(...finding(f, w));
  }
  step();
  if (doc.entityTables.length > 0) {
    body.push(heading1(REPORT_SECTION_TITLES.entities));
    for (const t of doc.entityTables) body.push(...entityTable(t, w));
  }
  step();
  if (doc.charts.length > 0) {
    body.push(heading1(REPORT_SECTION_TITLES.charts));
    for (const c of doc.charts) body.push(...chart(c));
  }
  step();
  if (doc.timeline !== undefined && doc.timeline.length > 0) {
    body.push(heading1(REPORT_SECTION_TITLES.timeline), timeline(doc.timeline, w));
  }
  step();
  if (doc.sources.length > 0) {
    body.push(heading1(REPORT_SECTION_TITLES.appendix));
    for (const s of doc.sources) body.push(...sourceEntry(s, w));
  }
  body.push(
    new Paragraph({
      spacing: { before: 480 },
      children: [run(generationLine(doc.generator, doc.generatedAt), { italics: true, size: 18 })],
    }),
  );
  step();

  // Word numbers footnotes itself; ids equal the report's numbers and are referenced in order.
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const fn of doc.footnotes) {
    footnotes[String(fn.number)] = {
      children: [new Paragraph({ style: 'FootnoteText', children: [run(` ${footnoteText(fn)}`)] })],
    };
  }

  const file = new Document({
    title: wordText(doc.title),
    creator: wordText(doc.author),
    description: wordText(generationLine(doc.generator, doc.generatedAt)),
    footnotes,
    styles: {
      paragraphStyles: [
        {
          id: QUOTE_STYLE,
          name: 'Casefile quotation',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true },
          paragraph: { indent: { left: 720, right: 720 } },
        },
        {
          id: EVIDENCE_STYLE,
          name: 'Casefile evidence quotation',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true },
          paragraph: {
            indent: { left: 720, right: 720 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: '999999', space: 8 } },
          },
        },
        {
          id: CODE_STYLE,
          name: 'Casefile code',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: MONOSPACE, size: 18 },
          paragraph: { indent: { left: 360 } },
        },
        {
          id: CAPTION_STYLE,
          name: 'Casefile caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, size: 18 },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: BULLET_LIST,
          levels: LIST_LEVELS.map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: level % 2 === 0 ? '•' : '◦',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
        {
          reference: NUMBERED_LIST,
          levels: LIST_LEVELS.map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH_TWIPS, height: PAGE_HEIGHT_TWIPS },
            margin: {
              top: MARGIN_TWIPS,
              bottom: MARGIN_TWIPS,
              left: MARGIN_TWIPS,
              right: MARGIN_TWIPS,
            },
          },
        },
        headers: { default: new Header({ children: [markingParagraph(wordText(doc.marking))] }) },
        footers: {
          default: new Footer({
            children: [
              markingParagraph(wordText(doc.marking), [
                new TextRun({
                  children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                }),
              ]),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(file));
  step();
  return bytes;
}
