/**
 * The HTML report: one self-contained file (no script, no external reference; chart images are
 * data: URIs, fonts are system font stacks) that reads well on screen and prints to A4.
 *
 * Every string of the ReportDocument is untrusted text: it is escaped for HTML text and attributes,
 * links typed in notes are shown as their text and address but never followed, and the only links
 * are internal ones (findings, entity rows, sources, footnotes and back-links). A CSP meta tag allows
 * nothing but the report's own two style elements (by hash) and data: images, so even a renderer
 * bug could not run script or load anything.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
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
  ReportFootnote,
  ReportInline,
  ReportSourceEntry,
  ReportTimelineEntry,
} from './types';

/**
 * The report's stylesheet. Its CSP hash is REPORT_STYLE_HASH in src/shared/security.ts, which the
 * app's own CSP also allows so that the report previewed in a sandboxed srcdoc iframe (which
 * inherits the app's CSP) is styled: a unit test recomputes it, so change both together.
 * Classes only: a style="" attribute would need 'unsafe-inline'.
 */
export const REPORT_CSS = `:root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--rule:#d0d7de;--accent:#0b4f8a;--warn:#8a4b00;--warn-bg:#fff4e0;--mark-bg:#7a1f1f;--mark-ink:#fff}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-size:11pt;line-height:1.5;color:var(--ink);background:#fff}
body{margin:0 auto;max-width:52rem;padding:0 1.5rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;border:1px solid var(--rule);padding:.5rem .75rem}
a{color:var(--accent)}
h1,h2,h3,h4,h5{line-height:1.25;break-after:avoid}
h4{font-size:1rem}
h5{font-size:.95rem}
h2{border-bottom:2px solid var(--ink);padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.95em}
th,td{border:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
td.when,td.grade-cell{white-space:nowrap}
.entities th:nth-child(1){width:22%}.entities th:nth-child(2){width:16%}.entities th:nth-child(3){width:26%}.entities th:nth-child(5){width:14%}
th{background:#f6f8fa}
tr,.finding,figure,.source,.footnotes li{break-inside:avoid}
blockquote{margin:.75rem 0;padding:.25rem .9rem;border-left:4px solid var(--rule);color:#24292f}
blockquote.evidence{border-left-color:var(--accent)}
ul.plain{list-style:none;padding:0;margin:0}
.marking-banner{background:var(--mark-bg);color:var(--mark-ink);text-align:center;font-weight:700;letter-spacing:.04em;padding:.3rem .5rem;margin:0 -1.5rem;overflow-wrap:anywhere}
.cover{padding:3rem 0 2rem;border-bottom:1px solid var(--rule)}
.cover h1{font-size:2rem;margin:0 0 1.5rem}
.cover-marking{display:inline-block;border:2px solid var(--mark-bg);color:var(--mark-bg);font-weight:700;padding:.15rem .6rem;margin:0 0 1.5rem}
.cover dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
.cover dt{font-weight:600;color:var(--muted)}
.cover dd{margin:0}
.generator,.generation{color:var(--muted);font-size:.9em}
.toc ol{padding-left:1.25rem}
.subtitle{color:var(--muted);font-style:italic}
.finding{border:1px solid var(--rule);border-left:4px solid var(--accent);padding:.35rem .8rem;margin:.6rem 0}
.finding-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.35rem .75rem}
.finding h3{margin:0;font-size:.95rem;color:var(--muted)}
.finding-sentence{font-size:1.05em;font-weight:600;margin:.2rem 0}
.finding-details{display:flex;flex-wrap:wrap;gap:0 1.25rem}
.qualifiers{display:flex;flex-wrap:wrap;gap:.35rem;margin:0;padding:0;list-style:none}
.qualifiers li{border:1px solid var(--rule);border-radius:3px;padding:0 .4rem;font-size:.9em}
.qualifiers .grade,.grade{font-weight:800;font-size:1em;background:var(--ink);color:#fff;border-color:var(--ink);border-radius:3px;padding:0 .4rem}
.qualifiers .warning{background:var(--warn-bg);color:var(--warn);border-color:var(--warn);font-weight:700}
.status-refuted{text-decoration:line-through}
.finding p{margin:.2rem 0}
.label{font-weight:600;color:var(--muted)}
.redacted{background:#eee;color:#333;font-style:italic;padding:0 .2rem}
.link-address{color:var(--muted);overflow-wrap:anywhere}
figure{margin:1rem 0}
img.chart{max-width:100%;height:auto;border:1px solid var(--rule)}
figcaption{color:var(--muted);font-size:.9em}
.source{border-top:1px solid var(--rule);padding:.3rem 0}
.source h3{margin:.2rem 0;font-size:1rem}
.source p{margin:.2rem 0}
.source dl{display:flex;flex-wrap:wrap;gap:0 1.25rem;margin:.2rem 0}
li>p{margin:.25rem 0}
.source dl div{display:flex;gap:.4rem;min-width:0}
.source dl div.sha256{flex-basis:100%}
.source dt{color:var(--muted)}
.source dd{margin:0;overflow-wrap:anywhere}
.sha256 dd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
.withheld h3{color:var(--muted)}
.footnotes{font-size:.9em;padding-left:3.5em}
.footnotes li{margin:.2rem 0}
.backlink{text-decoration:none;margin-left:.25rem}
sup.fnref{line-height:0}
sup.fnref+sup.fnref::before{content:","}
.finding-note,.entity-notes{white-space:pre-line}
.generation{margin:2rem 0 1rem;border-top:1px solid var(--rule);padding-top:.5rem}
@page{size:A4;margin:20mm 16mm 22mm}
@media print{html{font-size:10pt}body{max-width:none;padding:0}.marking-banner{margin:0}.cover{min-height:60vh;break-after:page}.toc{break-after:page}section.major{break-before:page}a{color:inherit;text-decoration:none}}`;

/** CSP source expression for a style element with this exact text. */
export function cspStyleHash(css: string): string {
  return `sha256-${bytesToBase64(sha256(utf8ToBytes(css)))}`;
}

/** Computed once; equals REPORT_STYLE_HASH in src/shared/security.ts (a unit test checks). */
const REPORT_CSS_HASH = cspStyleHash(REPORT_CSS);

/** Section ids (report-level; the builder's anchors are all "<kind>-<n>", so no clash). */
const SECTION_IDS = {
  narrative: 'narrative',
  findings: 'findings',
  entities: 'entities',
  charts: 'charts',
  timeline: 'timeline',
  appendix: 'appendix',
  notes: 'notes',
} as const;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML text and (double-quoted) attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * A CSS string literal of untrusted text (the marking in the page-margin boxes). Everything but
 * letters, digits and spaces is written as a hex escape, so quotes, backslashes, `<`/`>` (a
 * "</style>" in the marking) and newlines cannot end the string or the style element; white space
 * runs become one space; control characters are dropped.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    const code = ch.codePointAt(0) ?? 0xfffd;
    if (/^[A-Za-z0-9 ]$/.test(ch)) out += ch;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\fffd ';
    else out += `\\${code.toString(16)} `;
  }
  return `${out}"`;
}

/**
 * The page-margin boxes (Chromium 131+ prints them): the marking at the top and bottom of every
 * page and "Page n of m". The marking changes per report, so this rule cannot be part of the hashed
 * REPORT_CSS; it gets its own style element, hashed at render time. The app's CSP cannot know that
 * hash, so in the in-app preview (a sandboxed srcdoc iframe inheriting the app's CSP) only this
 * rule is lost: the preview cuts the element out (matching `<style>@page{…}</style>`, which cannot
 * contain "<") rather than have it blocked and logged, and the screen shows the marking banners
 * instead. The exported file and the PDF have it.
 */
export function reportPageCss(marking: string): string {
  const box = 'font-family:system-ui,sans-serif;font-size:8pt;color:#57606a';
  const markingBoxes =
    marking.trim() === ''
      ? ''
      : `@top-center{content:${cssString(marking)};${box};font-weight:700}` +
        `@bottom-center{content:${cssString(marking)};${box};font-weight:700}`;
  return `@page{${markingBoxes}@bottom-right{content:"Page " counter(page) " of " counter(pages);${box}}}`;
}

/** The report's Content-Security-Policy, for its meta tag. */
export function reportCsp(pageCss: string): string {
  return [
    "default-src 'none'",
    `style-src '${REPORT_CSS_HASH}' '${cspStyleHash(pageCss)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** What one rendering needs to know across sections. */
interface RenderContext {
  /** Ids the document contains: a link is only made to one of these. */
  readonly anchors: ReadonlySet<string>;
  readonly footnotes: ReadonlyMap<number, ReportFootnote>;
  /** Finding number → its anchor. */
  readonly findings: ReadonlyMap<number, string>;
  /** Ids of the references made so far to each footnote, for unique ids and back-links. */
  readonly references: Map<number, string[]>;
  readonly forPrint: boolean;
}

function internalLink(context: RenderContext, anchor: string | undefined, html: string): string {
  if (anchor === undefined || !context.anchors.has(anchor)) return html;
  return `<a href="#${escapeHtml(anchor)}">${html}</a>`;
}

function footnoteReference(context: RenderContext, number: number): string {
  const footnote = context.footnotes.get(number);
  if (!footnote) return '';
  const made = context.references.get(number) ?? [];
  const id =
    made.length === 0 ? `${footnote.anchor}-ref` : `${footnote.anchor}-ref-${made.length + 1}`;
  made.push(id);
  context.references.set(number, made);
  return (
    `<sup class="fnref"><a href="#${escapeHtml(footnote.anchor)}" id="${escapeHtml(id)}"` +
    ` aria-label="Note ${footnote.number}">${footnote.number}</a></sup>`
  );
}

function renderInline(context: RenderContext, inline: ReportInline): string {
  switch (inline.kind) {
    case 'text': {
      let html = escapeHtml(inline.text);
      if (inline.code) html = `<code>${html}</code>`;
      if (inline.strikethrough) html = `<s>${html}</s>`;
      if (inline.underline) html = `<u>${html}</u>`;
      if (inline.italic) html = `<em>${html}</em>`;
      if (inline.bold) html = `<strong>${html}</strong>`;
      return html;
    }
    case 'link': {
      // Never a link out of the report: its text, then the address as plain text.
      const text = `<span class="link-text">${escapeHtml(inline.text)}</span>`;
      if (inline.url === '' || inline.url === inline.text) return text;
      return `${text} <span class="link-address">(${escapeHtml(inline.url)})</span>`;
    }
    case 'mention':
      if (inline.redacted) return `<span class="redacted">${escapeHtml(REDACTED_MENTION)}</span>`;
      return internalLink(
        context,
        inline.entityAnchor,
        `<span class="mention">${escapeHtml(inline.text)}</span>`,
      );
    case 'footnoteRef':
      return footnoteReference(context, inline.number);
    case 'lineBreak':
      return '<br>';
  }
}

function renderInlines(context: RenderContext, inlines: readonly ReportInline[]): string {
  return inlines.map((inline) => renderInline(context, inline)).join('');
}

function renderBlock(context: RenderContext, block: ReportBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${renderInlines(context, block.inlines)}</p>`;
    case 'heading': {
      // The section is an h2; the note's own levels sit below it.
      const tag = `h${block.level + 2}`;
      return `<${tag}>${renderInlines(context, block.inlines)}</${tag}>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items
        .map((item) => `<li>${item.map((b) => renderBlock(context, b)).join('')}</li>`)
        .join('');
      return `<${tag}>${items}</${tag}>`;
    }
    case 'quote':
      return `<blockquote><p>${renderInlines(context, block.inlines)}</p></blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'evidenceQuote':
      if (block.redacted)
        return `<p class="redacted evidence-redacted">${escapeHtml(REDACTED_QUOTE)}</p>`;
      return (
        `<blockquote class="evidence"><p>“${escapeHtml(block.text)}”` +
        `${block.footnote === undefined ? '' : footnoteReference(context, block.footnote)}</p></blockquote>`
      );
    case 'claim': {
      if (block.redacted)
        return `<p class="redacted claim-redacted">${escapeHtml(REDACTED_CLAIM)}</p>`;
      const grade = block.grade ? ` <span class="grade">${escapeHtml(block.grade)}</span>` : '';
      return `<p class="claim">${internalLink(context, block.findingAnchor, escapeHtml(block.text))}${grade}</p>`;
    }
    case 'table': {
      const rows = block.rows
        .map(
          (row) =>
            `<tr>${row.map((cell) => `<td>${renderInlines(context, cell)}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<table><tbody>${rows}</tbody></table>`;
    }
  }
}

function renderFinding(context: RenderContext, finding: ReportFinding): string {
  const refs = finding.footnotes.map((n) => footnoteReference(context, n)).join('');
  const [time, grade, status, ...warnings] = findingQualifiers(finding);
  const qualifiers = [
    `<li class="valid-time">${escapeHtml(time ?? '')}</li>`,
    `<li class="grade" title="Admiralty grade">${escapeHtml(grade ?? '')}</li>`,
    `<li class="status status-${escapeHtml(finding.status)}">${escapeHtml(status ?? '')}</li>`,
    ...warnings.map((w) => `<li class="warning">${escapeHtml(w)}</li>`),
  ].join('');
  const details: string[] = [];
  if (finding.credibilityLabel !== '') {
    details.push(
      `<span><span class="label">Credibility:</span> ${finding.credibility} (${escapeHtml(finding.credibilityLabel)})</span>`,
    );
  }
  if (finding.attributedTo) {
    details.push(
      `<span><span class="label">Attributed to:</span> ${escapeHtml(finding.attributedTo)}</span>`,
    );
  }
  for (const kind of ['supports', 'contradicts'] as const) {
    const related = finding.relations.filter((r) => r.kind === kind);
    if (related.length === 0) continue;
    const links = related
      .map((r) => internalLink(context, r.anchor, `Finding ${r.findingNumber}`))
      .join(', ');
    details.push(
      `<span class="relations"><span class="label">${kind === 'supports' ? 'Supports' : 'Contradicts'}:</span> ${links}</span>`,
    );
  }
  const parts = [
    `<article class="finding" id="${escapeHtml(finding.anchor)}">`,
    `<div class="finding-head"><h3>Finding ${finding.number}</h3>`,
    `<ul class="qualifiers" aria-label="Qualifiers">${qualifiers}</ul></div>`,
    `<p class="finding-sentence">${escapeHtml(findingSentence(finding))}${refs}</p>`,
  ];
  if (details.length > 0) parts.push(`<p class="finding-details">${details.join(' ')}</p>`);
  if (finding.note.trim() !== '') {
    parts.push(
      `<p class="finding-note"><span class="label">Analyst note:</span> ${escapeHtml(finding.note)}</p>`,
    );
  }
  parts.push('</article>');
  return parts.join('');
}

function findingLinks(context: RenderContext, numbers: readonly number[]): string {
  return numbers.map((n) => internalLink(context, context.findings.get(n), String(n))).join(', ');
}

function renderEntityTable(context: RenderContext, table: ReportEntityTable): string {
  const rows = table.rows.map((row) => {
    const aliases = row.aliases.map(escapeHtml).join(', ');
    const attributes =
      row.attributes.length === 0
        ? ''
        : `<ul class="plain">${row.attributes
            .map(
              (a) =>
                `<li><span class="label">${escapeHtml(a.name)}:</span> ${escapeHtml(a.value)}</li>`,
            )
            .join('')}</ul>`;
    return (
      `<tr id="${escapeHtml(row.anchor)}"><th scope="row">${escapeHtml(row.name)}</th>` +
      `<td>${aliases}</td><td>${attributes}</td><td class="entity-notes">${escapeHtml(row.notes)}</td>` +
      `<td>${findingLinks(context, row.findingNumbers)}</td></tr>`
    );
  });
  return (
    `<h3>${escapeHtml(table.heading)}</h3><table class="entities"><thead><tr>` +
    '<th scope="col">Name</th><th scope="col">Aliases</th><th scope="col">Attributes</th>' +
    '<th scope="col">Notes</th><th scope="col">Findings</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function dimension(value: number): string | undefined {
  return Number.isFinite(value) && value > 0 ? String(Math.round(value)) : undefined;
}

function renderChart(chart: ReportChartImage): string {
  // An SVG shown through <img> cannot run script or load anything, whatever its labels say.
  const src = `data:image/svg+xml;base64,${bytesToBase64(utf8ToBytes(chart.svg))}`;
  const width = dimension(chart.width);
  const height = dimension(chart.height);
  const size =
    (width === undefined ? '' : ` width="${width}"`) +
    (height === undefined ? '' : ` height="${height}"`);
  return (
    `<figure class="chart-figure"><img class="chart" src="${src}" alt="${escapeHtml(`Link chart: ${chart.title}`)}"${size}>` +
    `<figcaption>${escapeHtml(chart.title)}</figcaption></figure>`
  );
}

function renderTimeline(context: RenderContext, entries: readonly ReportTimelineEntry[]): string {
  if (entries.length === 0) return '<p>No dated findings or events.</p>';
  const rows = entries.map(
    (entry) =>
      `<tr><td class="when">${escapeHtml(entry.when)}</td>` +
      `<td>${internalLink(context, entry.findingAnchor, escapeHtml(entry.text))}</td>` +
      `<td class="grade-cell">${entry.grade ? `<span class="grade">${escapeHtml(entry.grade)}</span>` : ''}</td>` +
      `<td>${entry.status ? escapeHtml(statusLabel(entry.status)) : ''}</td></tr>`,
  );
  return (
    '<table class="timeline"><thead><tr><th scope="col">When</th><th scope="col">What</th>' +
    '<th scope="col">Grade</th><th scope="col">Status</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function renderSource(context: RenderContext, entry: ReportSourceEntry): string {
  // A withheld source shows nothing of its provenance, whatever the entry carries.
  const title = entry.withheld ? WITHHELD_SOURCE_TITLE : entry.title;
  const details = sourceDetails(entry)
    .map(
      (d) =>
        `<div${d.label === 'SHA-256' ? ' class="sha256"' : ''}><dt>${escapeHtml(d.label)}</dt><dd>${escapeHtml(d.value)}</dd></div>`,
    )
    .join('');
  const citedBy = entry.citedBy
    .filter((n) => context.footnotes.has(n))
    .map((n) => internalLink(context, context.footnotes.get(n)?.anchor, String(n)))
    .join(', ');
  return (
    `<article class="source${entry.withheld ? ' withheld' : ''}" id="${escapeHtml(entry.anchor)}">` +
    `<h3>${escapeHtml(entry.label)} · ${escapeHtml(title)}</h3><dl>${details}</dl>` +
    (citedBy === '' ? '' : `<p><span class="label">Cited in notes:</span> ${citedBy}</p>`) +
    '</article>'
  );
}

function renderFootnote(context: RenderContext, footnote: ReportFootnote): string {
  const text = footnoteText(footnote);
  let body = escapeHtml(text);
  // The source label links to its appendix entry; the words stay those of footnoteText.
  if (footnote.source && text.startsWith(footnote.source.label)) {
    body =
      internalLink(context, footnote.source.anchor, escapeHtml(footnote.source.label)) +
      escapeHtml(text.slice(footnote.source.label.length));
  }
  const references = context.references.get(footnote.number) ?? [];
  const backLinks = (context.forPrint ? [] : references)
    .map(
      (id, i) =>
        `<a class="backlink" href="#${escapeHtml(id)}" aria-label="Back to reference ${i + 1}">↩\uFE0E${references.length > 1 ? String(i + 1) : ''}</a>`,
    )
    .join('');
  const state = footnote.passageMissing
    ? ' class="passage-missing"'
    : footnote.orphaned
      ? ' class="orphaned"'
      : '';
  return `<li id="${escapeHtml(footnote.anchor)}" value="${footnote.number}"${state}>${body}${backLinks}</li>`;
}

function collectAnchors(doc: ReportDocument): Set<string> {
  const anchors = new Set<string>();
  for (const finding of doc.findings) anchors.add(finding.anchor);
  for (const table of doc.entityTables) for (const row of table.rows) anchors.add(row.anchor);
  for (const source of doc.sources) anchors.add(source.anchor);
  for (const footnote of doc.footnotes) anchors.add(footnote.anchor);
  return anchors;
}

function section(id: string, title: string, body: string): string {
  return `<section class="major" id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${escapeHtml(title)}</h2>${body}</section>`;
}

export interface ReportHtmlOptions {
  /**
   * The HTML the host prints to PDF: footnotes have no back-links. A PDF viewer has its own Back,
   * and each back-link target is one more named destination in the PDF: in a 2,000-footnote report
   * they cost Chromium about 2 s of its printing time.
   */
  readonly forPrint?: boolean;
}

/** The report as one self-contained HTML file. */
export function renderReportHtml(doc: ReportDocument, options: ReportHtmlOptions = {}): string {
  const context: RenderContext = {
    forPrint: options.forPrint === true,
    anchors: collectAnchors(doc),
    footnotes: new Map(doc.footnotes.map((f) => [f.number, f])),
    findings: new Map(doc.findings.map((f) => [f.number, f.anchor])),
    references: new Map(),
  };
  const title = doc.title.trim() === '' ? doc.caseTitle : doc.title;
  const marking = doc.marking.trim();
  const generation = generationLine(doc.generator, doc.generatedAt);

  // Body sections first: they make the footnote references the notes link back to.
  const sections: { id: string; title: string; body: string }[] = [];
  if (doc.narrative) {
    const subtitle =
      doc.narrative.title.trim() === ''
        ? ''
        : `<p class="subtitle">${escapeHtml(doc.narrative.title)}</p>`;
    sections.push({
      id: SECTION_IDS.narrative,
      title: REPORT_SECTION_TITLES.narrative,
      body: subtitle + doc.narrative.blocks.map((b) => renderBlock(context, b)).join(''),
    });
  }
  if (doc.findings.length > 0) {
    sections.push({
      id: SECTION_IDS.findings,
      title: REPORT_SECTION_TITLES.findings,
      body: doc.findings.map((f) => renderFinding(context, f)).join(''),
    });
  }
  if (doc.entityTables.length > 0) {
    sections.push({
      id: SECTION_IDS.entities,
      title: REPORT_SECTION_TITLES.entities,
      body: doc.entityTables.map((t) => renderEntityTable(context, t)).join(''),
    });
  }
  if (doc.charts.length > 0) {
    sections.push({
      id: SECTION_IDS.charts,
      title: REPORT_SECTION_TITLES.charts,
      body: doc.charts.map(renderChart).join(''),
    });
  }
  if (doc.timeline) {
    sections.push({
      id: SECTION_IDS.timeline,
      title: REPORT_SECTION_TITLES.timeline,
      body: renderTimeline(context, doc.timeline),
    });
  }
  if (doc.sources.length > 0) {
    sections.push({
      id: SECTION_IDS.appendix,
      title: REPORT_SECTION_TITLES.appendix,
      body: doc.sources.map((s) => renderSource(context, s)).join(''),
    });
  }
  if (doc.footnotes.length > 0) {
    sections.push({
      id: SECTION_IDS.notes,
      title: REPORT_SECTION_TITLES.notes,
      body: `<ol class="footnotes">${doc.footnotes.map((f) => renderFootnote(context, f)).join('')}</ol>`,
    });
  }

  const pageCss = reportPageCss(marking);
  const banner = (where: string): string =>
    marking === ''
      ? ''
      : `<div class="marking-banner marking-${where}" role="note" aria-label="Handling marking">${escapeHtml(marking)}</div>`;
  const coverRows = [
    ['Case', doc.caseTitle],
    ['Author', doc.author],
    ['Date', doc.generatedAt.slice(0, 10)],
    ['Handling', marking],
  ]
    .filter(([, value]) => value !== undefined && value.trim() !== '')
    .map(
      ([label, value]) => `<dt>${escapeHtml(label ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`,
    )
    .join('');
  const toc = sections
    .map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`)
    .join('');

  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(pageCss))}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(doc.generator)}">`,
    `<title>${escapeHtml(title)}</title>`,
    // No white space inside the style elements: their text is what the CSP hashes cover.
    `<style>${REPORT_CSS}</style>`,
    `<style>${pageCss}</style>`,
    '</head><body>',
    banner('top'),
    '<header class="cover">',
    marking === '' ? '' : `<p class="cover-marking">${escapeHtml(marking)}</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<dl>${coverRows}</dl>`,
    `<p class="generator">${escapeHtml(generation)}</p>`,
    doc.audit ? `<p class="generator">${escapeHtml(auditLine(doc.audit))}</p>` : '',
    '</header>',
    sections.length === 0
      ? ''
      : `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>${toc}</ol></nav>`,
    '<main>',
    ...sections.map((s) => section(s.id, s.title, s.body)),
    '</main>',
    `<footer class="generation"><p>${escapeHtml(generation)}</p></footer>`,
    banner('bottom'),
    '</body></html>',
    '',
  ].join('\n');
}
