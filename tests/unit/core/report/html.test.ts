import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../../src/core/text/base64';
import {
  REPORT_CSS,
  cssString,
  cspStyleHash,
  renderReportHtml,
} from '../../../../src/core/report/html';
import {
  REDACTED_CLAIM,
  REDACTED_MENTION,
  REDACTED_QUOTE,
  REPORT_SECTION_TITLES,
} from '../../../../src/core/report/text';
import type { ReportDocument } from '../../../../src/core/report/types';
import { CONTENT_SECURITY_POLICY, REPORT_STYLE_HASH } from '../../../../src/shared/security';
import {
  HOSTILE,
  HOSTILE_MARKING,
  HOSTILE_STRINGS,
  SAMPLE_CHART,
  SAMPLE_SHA256,
  sampleDocument,
} from '../../../fixtures/reports/sampleDocument';
import {
  HOSTILE as BUILT_HOSTILE,
  HOSTILE_STRINGS as BUILT_HOSTILE_STRINGS,
  HOSTILE_URL,
  smallReportDocument,
} from '../../../fixtures/reports/smallCase';

function hashOf(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** White space as a reader sees it (and as the Markdown renderer collapses it). */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function parse(html: string) {
  return parseHTML(html).document;
}

/** Undoes the CSS string escapes cssString writes: `\<hex> ` and `\<char>`. */
function decodeCssString(literal: string): string {
  return literal
    .slice(1, -1)
    .replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/g, (_, hex: string | undefined, char: string) =>
      hex === undefined ? char : String.fromCodePoint(parseInt(hex, 16)),
    );
}

/** The CSS string literals of `content:` in a stylesheet. */
function contentStrings(css: string): string[] {
  return [...css.matchAll(/content:("(?:[^"\\]|\\.)*")/g)].map((m) => m[1] ?? '');
}

const ALLOWED_ELEMENTS = new Set(
  (
    'html head meta title style body div header nav main section article footer h1 h2 h3 h4 h5 ' +
    'p span a sup strong em u s code pre br ul ol li dl dt dd blockquote table thead tbody tr th ' +
    'td figure figcaption img'
  ).split(' '),
);
const ALLOWED_ATTRIBUTES = new Set(
  (
    'lang charset http-equiv content name id class href src alt width height role aria-label ' +
    'aria-labelledby scope value title'
  ).split(' '),
);

/** What must hold for any report the renderer writes, whatever the document says. */
function expectSafeSelfContainedHtml(html: string): void {
  const document = parse(html);
  for (const element of document.querySelectorAll('*')) {
    expect(ALLOWED_ELEMENTS, `element <${element.localName}>`).toContain(element.localName);
    for (const attribute of element.attributes) {
      expect(ALLOWED_ATTRIBUTES, `attribute ${attribute.name}`).toContain(attribute.name);
    }
  }
  expect(
    document.querySelectorAll('script, link, base, iframe, object, embed, form, svg'),
  ).toHaveLength(0);
  expect(document.querySelectorAll('[style]')).toHaveLength(0);
  expect(html).not.toMatch(/<!--|<!\[CDATA\[/);

  // Nothing outside the file: only internal links, only data: images, no url() or @import.
  for (const a of document.querySelectorAll('[href]')) {
    expect(a.getAttribute('href')).toMatch(/^#[a-z0-9-]+$/);
  }
  for (const img of document.querySelectorAll('img')) {
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    expect(img.getAttribute('class')).toBe('chart');
    expect(img.getAttribute('alt')).toMatch(/^Link chart: /);
  }
  const styles = document.querySelectorAll('style');
  for (const style of styles) expect(style.textContent).not.toMatch(/url\(|@import|expression\(/i);

  // Every internal link lands on an id; ids are unique.
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.getAttribute('id'));
  expect(new Set(ids).size).toBe(ids.length);
  for (const a of document.querySelectorAll('a[href]')) {
    expect(ids, `target of ${a.getAttribute('href')}`).toContain(a.getAttribute('href')?.slice(1));
  }

  // The CSP: the first thing after the charset, allowing exactly the two style elements.
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  expect(document.head.firstElementChild?.getAttribute('charset')).toBe('utf-8');
  expect(document.head.firstElementChild?.nextElementSibling).toBe(meta);
  expect(styles).toHaveLength(2);
  const [main, page] = [...styles].map((s) => s.textContent);
  expect(main).toBe(REPORT_CSS);
  expect(meta?.getAttribute('content')).toBe(
    `default-src 'none'; style-src '${REPORT_STYLE_HASH}' '${hashOf(page ?? '')}'; ` +
      "img-src data:; base-uri 'none'; form-action 'none'",
  );
  expect(hashOf(main ?? '')).toBe(REPORT_STYLE_HASH);
}

describe('renderReportHtml', () => {
  const doc = sampleDocument();
  const html = renderReportHtml(doc);
  const document = parse(html);
  const text = (selector: string): string =>
    flat(document.querySelector(selector)?.textContent ?? '');

  it('writes one self-contained file that can load and run nothing', () => {
    expectSafeSelfContainedHtml(html);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('shows every hostile string literally, as text', () => {
    const body = flat(document.body.textContent);
    for (const hostile of HOSTILE_STRINGS) expect(body).toContain(flat(hostile));
    expect(text('#finding-1 .finding-sentence')).toContain(`Lazarus ${HOSTILE.attribute} attacked`);
    expect(text('#entity-1 th')).toBe(`Lazarus ${HOSTILE.img}`);
    expect(text('h1')).toBe(`Heist report ${HOSTILE.script}`);
    expect(document.querySelector('title')?.textContent).toBe(`Heist report ${HOSTILE.script}`);
    // Nothing the strings spell out became an element or attribute.
    expect(html).not.toMatch(/<img src=x|onerror="|<svg|<i>|<style>body/);
    expect(document.querySelectorAll('img')).toHaveLength(1);
  });

  it('keeps links typed in notes inert: text plus address, never an outside href', () => {
    const paragraph = document.querySelector('#narrative p:not(.subtitle)');
    expect(flat(paragraph?.textContent ?? '')).toContain(
      'the registry (https://evil.example/registry?a=1&b=<2>)',
    );
    expect(flat(paragraph?.textContent ?? '')).toContain(
      `see ${HOSTILE.footnote} (javascript:alert(1))`,
    );
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('href="https');
  });

  it('links mentions to listed entities only, and redacts excluded ones', () => {
    const mention = document.querySelector('a[href="#entity-1"] .mention');
    expect(mention?.textContent).toBe(`Lazarus ${HOSTILE.img}`);
    expect(document.querySelector('a[href="#entity-99"]')).toBeNull();
    expect(flat(document.body.textContent)).toContain('Unlisted');
    expect(text('#narrative .redacted')).toBe(REDACTED_MENTION);
  });

  it('replaces redacted quotes and claims with their notices, never their words', () => {
    expect(text('.evidence-redacted')).toBe(REDACTED_QUOTE);
    expect(text('.claim-redacted')).toBe(REDACTED_CLAIM);
    expect(html).not.toContain('Secret words');
    expect(html).not.toContain('Secret Person');
  });

  it('puts the sections in report order after a cover and a table of contents', () => {
    const order = [...document.querySelectorAll('main > section')].map((s) => s.getAttribute('id'));
    expect(order).toEqual([
      'narrative',
      'findings',
      'entities',
      'charts',
      'timeline',
      'appendix',
      'notes',
    ]);
    const headings = [...document.querySelectorAll('main > section > h2')].map(
      (h) => h.textContent,
    );
    expect(headings).toEqual([
      REPORT_SECTION_TITLES.narrative,
      REPORT_SECTION_TITLES.findings,
      REPORT_SECTION_TITLES.entities,
      REPORT_SECTION_TITLES.charts,
      REPORT_SECTION_TITLES.timeline,
      REPORT_SECTION_TITLES.appendix,
      REPORT_SECTION_TITLES.notes,
    ]);
    const toc = [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href'));
    expect(toc).toEqual(order.map((id) => `#${id ?? ''}`));
    expect(text('.cover dl')).toContain(`Case${flat(doc.caseTitle)}`);
    expect(text('.cover dl')).toContain(`Author${flat(doc.author)}`);
    expect(text('.cover dl')).toContain('Date2026-11-22');
    expect(text('.cover .generator')).toBe('Generated by Casefile 0.1.0 on 2026-11-22 10:15 UTC');
    expect(text('footer.generation')).toBe('Generated by Casefile 0.1.0 on 2026-11-22 10:15 UTC');
    expect(text('#narrative .subtitle')).toBe(`Narrative note ${HOSTILE.braces}`);
  });

  it('renders every narrative block kind', () => {
    const narrative = document.querySelector('#narrative');
    expect(narrative?.querySelector('h3')?.textContent).toContain('Overview');
    expect(narrative?.querySelector('h4')?.textContent).toBe(HOSTILE.formula);
    expect(narrative?.querySelector('h5')?.textContent).toBe(HOSTILE.backslash);
    expect(narrative?.querySelector('strong')?.textContent).toBe('bold');
    expect(narrative?.querySelector('em')?.textContent).toBe('italic');
    expect(narrative?.querySelector('u')?.textContent).toBe('under');
    expect(narrative?.querySelector('s')?.textContent).toBe('struck');
    expect(narrative?.querySelector('p code')?.textContent).toBe('a`tick');
    expect(narrative?.querySelectorAll('br')).toHaveLength(1);
    expect(narrative?.querySelector('ul > li > ol > li')?.textContent).toBe(HOSTILE.formulaPlus);
    expect(narrative?.querySelector('blockquote:not(.evidence)')?.textContent).toBe(
      `Typed quote ${HOSTILE.entities}`,
    );
    expect(narrative?.querySelector('pre code')?.textContent).toBe(
      `code block\n\`\`\`\n${HOSTILE.script}\n</code></pre>`,
    );
    expect(flat(narrative?.querySelector('blockquote.evidence')?.textContent ?? '')).toBe(
      `“Quoted ${HOSTILE.img}”1`,
    );
    expect(narrative?.querySelector('.claim a')?.getAttribute('href')).toBe('#finding-1');
    expect(narrative?.querySelector('.claim .grade')?.textContent).toBe('B2');
    const cells = [...(narrative?.querySelectorAll('table td') ?? [])].map((td) =>
      flat(td.textContent),
    );
    expect(cells).toEqual(['Header', 'Value', HOSTILE.pipes, `${HOSTILE.formulaAt}2`]);
  });

  it('writes each finding with its sentence, emphasised grade, warnings, note and relations', () => {
    const first = document.querySelector('#finding-1');
    expect(first?.querySelector('h3')?.textContent).toBe('Finding 1');
    const qualifiers = (id: string): string[] =>
      [...document.querySelectorAll(`#${id} .qualifiers li`)].map((li) => li.textContent);
    expect(qualifiers('finding-1')).toEqual(['2016-02-04', 'B2', 'Corroborated']);
    expect(first?.querySelector('.qualifiers .grade')?.textContent).toBe('B2');
    expect(qualifiers('finding-2')).toEqual(['Time unknown', 'C3', 'Disputed', 'Single source']);
    expect(document.querySelector('#finding-2 .warning')?.textContent).toBe('Single source');
    expect(qualifiers('finding-3')).toEqual([
      '2016-02 – 2016-03',
      'Ungraded',
      'Asserted',
      'Analyst assertion (no evidence)',
    ]);
    expect(flat(first?.textContent ?? '')).toContain(`Attributed to: FBI ${HOSTILE.html}`);
    expect(first?.querySelector('.finding-note')?.textContent).toBe(
      `Analyst note: Analyst note ${HOSTILE.blocks}`,
    );
    expect(flat(first?.querySelector('.relations')?.textContent ?? '')).toBe('Supports: Finding 2');
    expect(first?.querySelector('.relations a')?.getAttribute('href')).toBe('#finding-2');
    expect(document.querySelector('#finding-2 .relations a')?.getAttribute('href')).toBe(
      '#finding-3',
    );
    const refs = [...(first?.querySelectorAll('sup.fnref a') ?? [])].map((a) =>
      a.getAttribute('href'),
    );
    expect(refs).toEqual(['#fn-1', '#fn-2']);
  });

  it('numbers the footnotes, references each with a unique id and links back to every reference', () => {
    const items = [...document.querySelectorAll('ol.footnotes > li')];
    expect(items.map((li) => li.getAttribute('id'))).toEqual(['fn-1', 'fn-2', 'fn-3']);
    expect(items.map((li) => li.getAttribute('value'))).toEqual(['1', '2', '3']);
    const refIds = (n: number): string[] =>
      [...document.querySelectorAll(`a[href="#fn-${n}"][id]`)].map(
        (a) => a.getAttribute('id') ?? '',
      );
    // fn-1: the narrative paragraph, the evidence quote and finding 1.
    expect(refIds(1)).toEqual(['fn-1-ref', 'fn-1-ref-2', 'fn-1-ref-3']);
    expect(refIds(2)).toEqual(['fn-2-ref', 'fn-2-ref-2']);
    expect(refIds(3)).toEqual(['fn-3-ref']);
    for (const [index, item] of items.entries()) {
      const backLinks = [...item.querySelectorAll('a.backlink')].map((a) => a.getAttribute('href'));
      expect(backLinks).toEqual(refIds(index + 1).map((id) => `#${id}`));
    }
    expect(items[0]?.querySelector('a[href="#source-1"]')?.textContent).toBe('S1');
    expect(flat(items[0]?.textContent ?? '')).toContain(
      `S1, Sankei article ${HOSTILE.script}, p. 1, graded B2: “the hackers ${HOSTILE.markdown}”`,
    );
  });

  it('says when a cited passage is orphaned or deleted', () => {
    expect(text('#fn-2')).toContain(
      '(Orphaned passage: it can no longer be located in the source text; quoted as captured.)',
    );
    expect(document.querySelector('#fn-2')?.getAttribute('class')).toBe('orphaned');
    expect(text('#fn-3')).toContain(
      '(The passage has since been deleted from the case; quoted as it was when cited.)',
    );
    expect(document.querySelector('#fn-3')?.getAttribute('class')).toBe('passage-missing');
  });

  it('lists sources with provenance, and withheld ones with their SHA-256 only', () => {
    const included = text('#source-1');
    expect(included).toContain(`S1 · Sankei article ${HOSTILE.script}`);
    expect(included).toContain('URLhttps://evil.example/article"><script>x</script>');
    expect(included).toContain(`SHA-256${SAMPLE_SHA256.included}`);
    expect(included).toContain('Cited in notes: 1, 3');
    const withheld = text('#source-2');
    expect(withheld).toContain('S2 · Source withheld');
    expect(withheld).toContain('Detailswithheld');
    expect(withheld).toContain(`SHA-256${SAMPLE_SHA256.withheld}`);
    expect(withheld).toContain('ReliabilityC (Fairly reliable)');
    expect(html).not.toMatch(/informant|leak\.example/i);
  });

  it('lists entities in tables whose rows are the mentions’ targets', () => {
    const row = document.querySelector('#entity-1');
    expect(row?.localName).toBe('tr');
    const cells = [...(row?.children ?? [])].map((c) => c.textContent);
    expect(cells[1]).toBe(`Hidden Cobra, ${HOSTILE.formula}`);
    expect(flat(cells[2] ?? '')).toBe(`country ${HOSTILE.pipes}: ${HOSTILE.script}`);
    expect(cells[3]).toBe(HOSTILE.blocks);
    expect([...(row?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([
      '#finding-1',
      '#finding-2',
      '#finding-3',
    ]);
    expect(text('#entities h3:nth-of-type(2)')).toBe(`Custom ${HOSTILE.braces}`);
  });

  it('embeds each chart as an SVG data: image with alt text and size', () => {
    const img = document.querySelector('img.chart');
    expect(img?.getAttribute('alt')).toBe(`Link chart: ${SAMPLE_CHART.title}`);
    expect(img?.getAttribute('width')).toBe('120');
    expect(img?.getAttribute('height')).toBe('80');
    const base64 = img?.getAttribute('src')?.replace('data:image/svg+xml;base64,', '') ?? '';
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(SAMPLE_CHART.svg);
    expect(text('figcaption')).toBe(SAMPLE_CHART.title);
  });

  it('shows the timeline with links to findings', () => {
    const rows = [...document.querySelectorAll('#timeline tbody tr')];
    expect(rows.map((r) => flat(r.textContent))).toEqual([
      `2016-02-04Lazarus attacked ${HOSTILE.markdown}B2Corroborated`,
      `2016-02 – 2016-03Event ${HOSTILE.autolink}`,
    ]);
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe('#finding-1');
  });

  it('shows the marking on the cover, in banners top and bottom, and on every printed page', () => {
    const marking = HOSTILE_MARKING.trim();
    expect(document.querySelector('.cover-marking')?.textContent).toBe(marking);
    const banners = [...document.querySelectorAll('.marking-banner')];
    expect(banners.map((b) => b.textContent)).toEqual([marking, marking]);
    expect(document.body.firstElementChild).toBe(banners[0]);
    expect(document.body.lastElementChild).toBe(banners[1]);

    // The @page rule: the marking escaped inside CSS strings; nothing closes the string or the style.
    const page = html.match(/<style>(@page[^<]*)<\/style>/)?.[1] ?? '';
    expect(page).not.toBe('');
    const strings = contentStrings(page);
    expect(strings.map(decodeCssString)).toEqual([
      flat(HOSTILE_MARKING),
      flat(HOSTILE_MARKING),
      'Page ',
    ]);
    expect(page).toContain('@top-center{content:');
    expect(page).toContain('@bottom-center{content:');
    expect(page).toContain('@bottom-right{content:"Page " counter(page) " of " counter(pages)');
    for (const literal of strings.slice(0, 2))
      expect(literal.slice(1, -1)).toMatch(/^[A-Za-z0-9 \\]*$/);
  });

  it('keeps the per-report print rule in one style element the in-app preview can cut out', () => {
    // src/features/reports and src/platform/browserHost.ts remove it with this pattern (the app's
    // CSP cannot allow its hash); the marking inside cannot hold "<".
    const matches = html.match(/<style>@page\{[^<]*<\/style>/g) ?? [];
    expect(matches).toHaveLength(1);
    const preview = html.replace(/<style>@page\{[^<]*<\/style>/, '');
    expect(parse(preview).querySelectorAll('style')).toHaveLength(1);
    expect(parse(preview).querySelector('style')?.textContent).toBe(REPORT_CSS);
  });

  it('prints on A4 with page breaks before major sections and no split rows or findings', () => {
    expect(REPORT_CSS).toContain('@page{size:A4;');
    expect(REPORT_CSS).toMatch(/@media print\{.*section\.major\{break-before:page\}/s);
    expect(REPORT_CSS).toContain('tr,.finding,figure,.source,.footnotes li{break-inside:avoid}');
    expect(REPORT_CSS).not.toContain('</style');
  });

  it('leaves out empty sections, banners without a marking, and keeps the page numbers', () => {
    const bare: ReportDocument = sampleDocument({
      marking: '  ',
      narrative: undefined,
      entityTables: [],
      charts: [],
      timeline: undefined,
      sources: [],
      footnotes: [],
    });
    const out = renderReportHtml(bare);
    expectSafeSelfContainedHtml(out);
    const page = parse(out);
    expect([...page.querySelectorAll('main > section')].map((s) => s.getAttribute('id'))).toEqual([
      'findings',
    ]);
    expect(page.querySelectorAll('.marking-banner, .cover-marking')).toHaveLength(0);
    expect(out).not.toContain('@top-center');
    expect(out).toContain('counter(pages)');
    // Evidence refs to footnotes that are not in the document are dropped, not left dangling.
    expect(page.querySelectorAll('sup.fnref')).toHaveLength(0);
  });

  it('writes an empty timeline as a sentence, and falls back to the case title', () => {
    const out = parse(renderReportHtml(sampleDocument({ timeline: [], title: ' ' })));
    expect(flat(out.querySelector('#timeline')?.textContent ?? '')).toBe(
      'TimelineNo dated findings or events.',
    );
    expect(out.querySelector('h1')?.textContent).toBe(sampleDocument().caseTitle);
  });
});

describe('renderReportHtml on a built report', () => {
  it('keeps the small case safe and self-contained, with every hostile string as text', () => {
    const doc = smallReportDocument({ hostile: true });
    const html = renderReportHtml(doc);
    expectSafeSelfContainedHtml(html);
    const document = parse(html);
    const body = flat(document.body.textContent);
    for (const hostile of BUILT_HOSTILE_STRINGS) expect(body).toContain(hostile);
    expect(body).toContain(BUILT_HOSTILE);
    expect(body).toContain(`(${HOSTILE_URL})`);
    expect(html).not.toMatch(/<img src=x|onerror=alert\(1\)>|<script>/);
    // Every footnote the builder made is referenced and linked back to.
    for (const footnote of doc.footnotes) {
      expect(document.querySelectorAll(`a[href="#${footnote.anchor}"][id]`).length).toBeGreaterThan(
        0,
      );
      expect(document.querySelectorAll(`#${footnote.anchor} a.backlink`).length).toBeGreaterThan(0);
    }
    expect(document.querySelectorAll('article.finding')).toHaveLength(doc.findings.length);
    expect(document.querySelectorAll('img.chart')).toHaveLength(doc.charts.length);
  });

  it('withholds and excludes sources as the builder decided', () => {
    const plain = smallReportDocument();
    const [first, second] = plain.sources;
    const doc = smallReportDocument({
      report: {
        redaction: {
          sources: { [first!.sourceId]: 'withhold', [second!.sourceId]: 'exclude' },
          excludedEntityIds: [],
        },
      },
    });
    const html = renderReportHtml(doc);
    expectSafeSelfContainedHtml(html);
    const document = parse(html);
    const withheld = doc.sources.find((s) => s.sourceId === first!.sourceId);
    expect(withheld?.withheld).toBe(true);
    const entry = flat(document.querySelector(`#${withheld!.anchor}`)?.textContent ?? '');
    expect(entry).toContain('Source withheld');
    expect(entry).toContain(`SHA-256${first!.sha256}`);
    expect(html).not.toContain(first!.title);
    expect(html).not.toContain(second!.title);
  });
});

describe('the report stylesheet hash', () => {
  it('REPORT_STYLE_HASH is the hash of REPORT_CSS, and the app CSP allows it', () => {
    expect(REPORT_STYLE_HASH).toBe(hashOf(REPORT_CSS));
    expect(cspStyleHash(REPORT_CSS)).toBe(REPORT_STYLE_HASH);
    const styleSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('style-src'));
    expect(styleSrc).toBe(`style-src 'self' '${REPORT_STYLE_HASH}'`);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('cspStyleHash agrees with node:crypto on non-ASCII text', () => {
    for (const css of ['', 'a{}', '@page{content:"é — 漢字 🙂"}'])
      expect(cspStyleHash(css)).toBe(hashOf(css));
  });
});

describe('cssString', () => {
  it('escapes everything that could end the string or the style element', () => {
    const literal = cssString('a"b\'c\\d</style>\ne\u0000f\u0085 g🙂');
    expect(literal.slice(1, -1)).toMatch(/^[A-Za-z0-9 \\]*$/);
    expect(decodeCssString(literal)).toBe('a"b\'c\\d</style> ef g🙂');
    expect(cssString('  TLP:RED  ')).toBe('"TLP\\3a RED"');
  });
});

describe('bytesToBase64', () => {
  it('matches Buffer for every padding case and across chunks', () => {
    for (let length = 0; length < 20; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
    const large = Uint8Array.from({ length: 40_001 }, (_, i) => (i * 7919) & 255);
    expect(bytesToBase64(large)).toBe(Buffer.from(large).toString('base64'));
  });
});
