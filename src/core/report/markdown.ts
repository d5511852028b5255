/**
 * The Markdown report: CommonMark with GFM tables and footnotes ([^N] references, `[^N]: …`
 * definitions). Every imported string is escaped so a Markdown renderer shows it literally: no
 * emphasis, link, image, HTML, heading, list or table cell comes from a source or a note, and a
 * spreadsheet formula (=, +, -, @ first) keeps its backslash-escaped first character.
 */
import { bytesToBase64 } from '../text/base64';
import {
  REDACTED_CLAIM,
  REDACTED_MENTION,
  REDACTED_QUOTE,
  CONTROL_CHARACTERS,
  REPORT_SECTION_TITLES,
  WITHHELD_SOURCE_TITLE,
  findingQualifiers,
  findingSentence,
  footnoteText,
  auditLine,
  generationLine,
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
  ReportSourceEntry,
  ReportTimelineEntry,
} from './types';

/**
 * White space runs become one space: inline text stays on one line, and no line starts with the
 * indentation of a code block (white space shows collapsed anyway). No-break spaces are kept.
 */
const WHITE_SPACE = /[ \t\n\r\f\v\u0085\u2028\u2029]+/g;
/**
 * ASCII punctuation that can start or end Markdown markup (emphasis, code, links, images, HTML,
 * entities, headings, lists, block quotes, tables, strikethrough, GitHub's math) or a spreadsheet
 * formula. CommonMark shows a backslash-escaped punctuation character literally.
 */
const MARKUP_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~&=@$]/g;

/**
 * One line of literal text. Also defuses autolinks: "www." and e-mail addresses lose their
 * meaning with "." and "@" escaped, "http://" with its ":" escaped. (GitHub links e-mail
 * addresses after unescaping; such a mailto: link loads nothing.)
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, '')
    .replace(WHITE_SPACE, ' ')
    .replace(MARKUP_PUNCTUATION, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:');
}

/** Wraps escaped text in a delimiter, keeping white space outside it (or it would not close). */
function wrap(escaped: string, delimiter: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(escaped);
  if (!match || match[2] === '') return escaped;
  return `${match[1] ?? ''}${delimiter}${match[2] ?? ''}${delimiter}${match[3] ?? ''}`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** An inline code span whose content is shown exactly (in a table, `|` still needs its escape). */
function codeSpan(text: string, inTable: boolean): string {
  let content = text.replace(CONTROL_CHARACTERS, '').replace(/[\n\r\u2028\u2029]+/g, ' ');
  if (content === '') return '';
  if (inTable) content = content.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad = /^[ `]|[ `]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

interface RenderContext {
  readonly footnotes: ReadonlySet<number>;
  /** Finding number → anchor; GitHub gives the heading "Finding 3" the id "finding-3". */
  readonly findings: ReadonlyMap<number, string>;
  readonly findingAnchors: ReadonlySet<string>;
}

/** Where inline content goes: a paragraph may break lines; a heading or table cell may not. */
type InlinePlace = 'paragraph' | 'line' | 'table';

function renderInline(context: RenderContext, inline: ReportInline, place: InlinePlace): string {
  switch (inline.kind) {
    case 'text': {
      if (inline.code) return codeSpan(inline.text, place === 'table');
      let md = escapeMarkdown(inline.text);
      if (inline.strikethrough) md = wrap(md, '~~');
      if (inline.italic) md = wrap(md, '*');
      if (inline.bold) md = wrap(md, '**');
      // Markdown has no underline; the text stays plain.
      return md;
    }
    case 'link': {
      // Never a live link: the text, then the address as literal text.
      const text = escapeMarkdown(inline.text);
      if (inline.url === '' || inline.url === inline.text) return text;
      return `${text} (${escapeMarkdown(inline.url)})`;
    }
    case 'mention':
      return escapeMarkdown(inline.redacted ? REDACTED_MENTION : inline.text);
    case 'footnoteRef':
      return context.footnotes.has(inline.number) ? `[^${inline.number}]` : '';
    case 'lineBreak':
      return place === 'paragraph' ? '\\\n' : ' ';
  }
}

function renderInlines(
  context: RenderContext,
  inlines: readonly ReportInline[],
  place: InlinePlace,
): string {
  // A hard break at either end would leave a literal backslash: drop it.
  return inlines
    .map((inline) => renderInline(context, inline, place))
    .join('')
    .replace(/^(?:\\\n\s*)+|(?:\s*\\\n)+$/g, '')
    .trim();
}

/** Prefixes the first line with `first` and the others with `rest` (blank lines stay blank). */
function indent(lines: readonly string[], first: string, rest: string): string[] {
  return lines.map((line, i) => {
    const prefix = i === 0 ? first : rest;
    return line === '' ? prefix.trimEnd() : prefix + line;
  });
}

function joinBlocks(blocks: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const lines of blocks) {
    if (lines.length === 0) continue;
    if (out.length > 0) out.push('');
    out.push(...lines);
  }
  return out;
}

function tableLines(rows: readonly (readonly string[])[]): string[] {
  const columns = rows.reduce((most, row) => Math.max(most, row.length), 1);
  const line = (cells: readonly string[]): string =>
    `| ${Array.from({ length: columns }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [header = [], ...body] = rows;
  return [line(header), line(Array.from({ length: columns }, () => '---')), ...body.map(line)];
}

function findingLink(context: RenderContext, anchor: string | undefined, text: string): string {
  return anchor !== undefined && context.findingAnchors.has(anchor)
    ? `[${text}](#${anchor})`
    : text;
}

function renderBlock(context: RenderContext, block: ReportBlock): string[] {
  switch (block.kind) {
    case 'paragraph': {
      const text = renderInlines(context, block.inlines, 'paragraph');
      return text === '' ? [] : text.split('\n');
    }
    case 'heading':
      return [`${'#'.repeat(block.level + 2)} ${renderInlines(context, block.inlines, 'line')}`];
    case 'list': {
      const out: string[] = [];
      block.items.forEach((item, i) => {
        const marker = block.ordered ? `${i + 1}. ` : '- ';
        const lines = joinBlocks(item.map((b) => renderBlock(context, b)));
        out.push(...indent(lines.length === 0 ? [''] : lines, marker, ' '.repeat(marker.length)));
      });
      return out;
    }
    case 'quote': {
      const lines = renderInlines(context, block.inlines, 'paragraph').split('\n');
      return indent(lines, '> ', '> ');
    }
    case 'code': {
      const text = block.text.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n');
      const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
      return [fence, ...text.split('\n'), fence];
    }
    case 'evidenceQuote': {
      if (block.redacted) return [`> ${wrap(escapeMarkdown(REDACTED_QUOTE), '*')}`];
      const ref =
        block.footnote !== undefined && context.footnotes.has(block.footnote)
          ? `[^${block.footnote}]`
          : '';
      return [`> “${escapeMarkdown(block.text)}”${ref}`];
    }
    case 'claim': {
      if (block.redacted) return [`> ${wrap(escapeMarkdown(REDACTED_CLAIM), '*')}`];
      const grade = block.grade ? ` (**${escapeMarkdown(block.grade)}**)` : '';
      return [`> ${findingLink(context, block.findingAnchor, escapeMarkdown(block.text))}${grade}`];
    }
    case 'table':
      if (block.rows.length === 0) return [];
      return tableLines(
        block.rows.map((row) => row.map((cell) => renderInlines(context, cell, 'table'))),
      );
  }
}

function renderFinding(context: RenderContext, finding: ReportFinding): string[] {
  const refs = finding.footnotes
    .filter((n) => context.footnotes.has(n))
    .map((n) => `[^${n}]`)
    .join('');
  const [time = '', grade = '', status = '', ...warnings] = findingQualifiers(finding);
  const qualifiers = [
    escapeMarkdown(time),
    `**${escapeMarkdown(grade)}**`,
    escapeMarkdown(status),
    ...warnings.map((w) => `**${escapeMarkdown(w)}**`),
  ].join(' · ');
  const details: string[] = [];
  if (finding.credibilityLabel !== '') {
    details.push(
      `- Credibility: ${finding.credibility} (${escapeMarkdown(finding.credibilityLabel)})`,
    );
  }
  if (finding.attributedTo)
    details.push(`- Attributed to: ${escapeMarkdown(finding.attributedTo)}`);
  if (finding.note.trim() !== '') details.push(`- Analyst note: ${escapeMarkdown(finding.note)}`);
  for (const kind of ['supports', 'contradicts'] as const) {
    const related = finding.relations.filter((r) => r.kind === kind);
    if (related.length === 0) continue;
    const links = related
      .map((r) => findingLink(context, r.anchor, `Finding ${r.findingNumber}`))
      .join(', ');
    details.push(`- ${kind === 'supports' ? 'Supports' : 'Contradicts'}: ${links}`);
  }
  return joinBlocks([
    [`### Finding ${finding.number}`],
    [`${escapeMarkdown(findingSentence(finding))}${refs}`],
    [qualifiers],
    details,
  ]);
}

function renderEntityTable(context: RenderContext, table: ReportEntityTable): string[] {
  const rows = table.rows.map((row) => [
    escapeMarkdown(row.name),
    row.aliases.map(escapeMarkdown).join(', '),
    row.attributes.map((a) => `${escapeMarkdown(a.name)}: ${escapeMarkdown(a.value)}`).join('; '),
    escapeMarkdown(row.notes),
    row.findingNumbers
      .map((n) => findingLink(context, context.findings.get(n), String(n)))
      .join(', '),
  ]);
  return joinBlocks([
    [`### ${escapeMarkdown(table.heading)}`],
    tableLines([['Name', 'Aliases', 'Attributes', 'Notes', 'Findings'], ...rows]),
  ]);
}

function renderChart(chart: ReportChartImage): string[] {
  // The PNG as a data: URI keeps the file self-contained. Some renderers (GitHub) drop data:
  // images; the heading still names the chart, and the other formats carry it too.
  const alt = escapeMarkdown(`Link chart: ${chart.title}`);
  return joinBlocks([
    [`### ${escapeMarkdown(chart.title)}`],
    [`![${alt}](data:image/png;base64,${bytesToBase64(chart.png)})`],
  ]);
}

function renderTimeline(context: RenderContext, entries: readonly ReportTimelineEntry[]): string[] {
  if (entries.length === 0) return ['No dated findings or events\\.'];
  return tableLines([
    ['When', 'What', 'Grade', 'Status'],
    ...entries.map((entry) => [
      escapeMarkdown(entry.when),
      findingLink(context, entry.findingAnchor, escapeMarkdown(entry.text)),
      entry.grade ? `**${escapeMarkdown(entry.grade)}**` : '',
      entry.status ? escapeMarkdown(statusLabel(entry.status)) : '',
    ]),
  ]);
}

function renderSource(context: RenderContext, entry: ReportSourceEntry): string[] {
  // A withheld source shows nothing of its provenance, whatever the entry carries.
  const title = entry.withheld ? WITHHELD_SOURCE_TITLE : entry.title;
  const details = sourceDetails(entry).map(
    (d) => `- ${escapeMarkdown(d.label)}: ${escapeMarkdown(d.value)}`,
  );
  const cited = entry.citedBy.filter((n) => context.footnotes.has(n)).map((n) => `[^${n}]`);
  if (cited.length > 0) details.push(`- Cited in notes: ${cited.join(', ')}`);
  return joinBlocks([[`### ${escapeMarkdown(entry.label)} · ${escapeMarkdown(title)}`], details]);
}

/** The report as one Markdown file. */
export function renderReportMarkdown(doc: ReportDocument): string {
  const context: RenderContext = {
    footnotes: new Set(doc.footnotes.map((f) => f.number)),
    findings: new Map(doc.findings.map((f) => [f.number, f.anchor])),
    findingAnchors: new Set(doc.findings.map((f) => f.anchor)),
  };
  const title = doc.title.trim() === '' ? doc.caseTitle : doc.title;
  const marking = doc.marking.trim();
  const markingLine = marking === '' ? [] : [`**${escapeMarkdown(marking)}**`];
  const generation = escapeMarkdown(generationLine(doc.generator, doc.generatedAt));

  const cover = [
    ['Case', doc.caseTitle],
    ['Author', doc.author],
    ['Date', doc.generatedAt.slice(0, 10)],
    ['Handling', marking],
  ]
    .filter(([, value]) => value !== undefined && value.trim() !== '')
    .map(([label, value]) => `**${label ?? ''}:** ${escapeMarkdown(value ?? '')}\\`);
  cover.push(doc.audit ? `${generation}\\` : generation);
  if (doc.audit) cover.push(escapeMarkdown(auditLine(doc.audit)));

  const section = (heading: string, body: readonly (readonly string[])[]): string[] =>
    joinBlocks([[`## ${heading}`], ...body]);
  const parts: string[][] = [markingLine, [`# ${escapeMarkdown(title)}`], cover];
  if (doc.narrative) {
    const subtitle =
      doc.narrative.title.trim() === '' ? [] : [wrap(escapeMarkdown(doc.narrative.title), '*')];
    parts.push(
      section(REPORT_SECTION_TITLES.narrative, [
        subtitle,
        ...doc.narrative.blocks.map((b) => renderBlock(context, b)),
      ]),
    );
  }
  if (doc.findings.length > 0) {
    parts.push(
      section(
        REPORT_SECTION_TITLES.findings,
        doc.findings.map((f) => renderFinding(context, f)),
      ),
    );
  }
  if (doc.entityTables.length > 0) {
    parts.push(
      section(
        REPORT_SECTION_TITLES.entities,
        doc.entityTables.map((t) => renderEntityTable(context, t)),
      ),
    );
  }
  if (doc.charts.length > 0) {
    parts.push(section(REPORT_SECTION_TITLES.charts, doc.charts.map(renderChart)));
  }
  if (doc.timeline) {
    parts.push(section(REPORT_SECTION_TITLES.timeline, [renderTimeline(context, doc.timeline)]));
  }
  if (doc.sources.length > 0) {
    parts.push(
      section(
        REPORT_SECTION_TITLES.appendix,
        doc.sources.map((s) => renderSource(context, s)),
      ),
    );
  }
  if (doc.footnotes.length > 0) {
    parts.push(
      section(
        REPORT_SECTION_TITLES.notes,
        doc.footnotes.map((f) => [`[^${f.number}]: ${escapeMarkdown(footnoteText(f))}`]),
      ),
    );
  }
  parts.push([generation], markingLine);
  return `${joinBlocks(parts).join('\n')}\n`;
}
