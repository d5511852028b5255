import { parseHTML } from 'linkedom';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderReportMarkdown } from '../../../../src/core/report/markdown';
import {
  REDACTED_CLAIM,
  REDACTED_MENTION,
  REDACTED_QUOTE,
  REPORT_SECTION_TITLES,
} from '../../../../src/core/report/text';
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

const marked = new Marked({ gfm: true });

/** The Markdown rendered to HTML by a real CommonMark + GFM renderer, as a DOM. */
function render(markdown: string) {
  const html = marked.parse(markdown, { async: false });
  return { html, document: parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`).document };
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const ALLOWED_ELEMENTS = new Set(
  (
    'html head body p strong em del code pre h1 h2 h3 h4 h5 ul ol li blockquote table thead ' +
    'tbody tr th td a img br'
  ).split(' '),
);

describe('renderReportMarkdown', () => {
  const doc = sampleDocument();
  const markdown = renderReportMarkdown(doc);
  const { html, document } = render(markdown);
  const body = flat(document.body.textContent);
  const marking = flat(HOSTILE_MARKING);

  it('shows every hostile string literally once rendered', () => {
    for (const hostile of HOSTILE_STRINGS) expect(body).toContain(flat(hostile));
    expect(body).toContain(`Heist report ${HOSTILE.script}`);
    expect(body).toContain(
      `Lazarus ${HOSTILE.attribute} attacked Bangladesh Bank ${HOSTILE.formulaPlus}`,
    );
  });

  it('lets no imported string become markup', () => {
    for (const element of document.querySelectorAll('*')) {
      expect(ALLOWED_ELEMENTS, `element <${element.localName}>`).toContain(element.localName);
      for (const attribute of element.attributes) {
        expect(['href', 'src', 'alt', 'start', 'align'], `attribute ${attribute.name}`).toContain(
          attribute.name,
        );
      }
    }
    expect(html).not.toMatch(/<script|<svg|<style|<i>|<!--|onerror="/);
    // Only internal links, only the chart image.
    for (const a of document.querySelectorAll('a'))
      expect(a.getAttribute('href')).toMatch(/^#finding-\d+$/);
    const images = [...document.querySelectorAll('img')];
    expect(images).toHaveLength(1);
    expect(images[0]?.getAttribute('src')).toBe(
      `data:image/png;base64,${Buffer.from(SAMPLE_CHART.png).toString('base64')}`,
    );
    expect(images[0]?.getAttribute('alt')).toBe(`Link chart: ${SAMPLE_CHART.title}`);
    // Headings: the title, the sections, and the report's own sub-headings only.
    expect([...document.querySelectorAll('h1')].map((h) => h.textContent)).toEqual([
      `Heist report ${HOSTILE.script}`,
    ]);
    expect([...document.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      REPORT_SECTION_TITLES.narrative,
      REPORT_SECTION_TITLES.findings,
      REPORT_SECTION_TITLES.entities,
      REPORT_SECTION_TITLES.charts,
      REPORT_SECTION_TITLES.timeline,
      REPORT_SECTION_TITLES.appendix,
      REPORT_SECTION_TITLES.notes,
    ]);
    expect([...document.querySelectorAll('h3')].map((h) => flat(h.textContent))).toEqual([
      flat(`Overview ${HOSTILE.blocks}`),
      'Finding 1',
      'Finding 2',
      'Finding 3',
      'Organisations',
      `Custom ${HOSTILE.braces}`,
      SAMPLE_CHART.title,
      `S1 · Sankei article ${HOSTILE.script}`,
      'S2 · Source withheld',
    ]);
    // Emphasis comes from the report's own wording and the note's formatting, never from text.
    const emphasis = [...document.querySelectorAll('em, strong, del')].map((e) =>
      flat(e.textContent),
    );
    expect(new Set(emphasis)).toEqual(
      new Set([
        marking,
        'Case:',
        'Author:',
        'Date:',
        'Handling:',
        'bold',
        'italic',
        'struck',
        `Narrative note ${HOSTILE.braces}`,
        REDACTED_QUOTE,
        REDACTED_CLAIM,
        'B2',
        'C3',
        'Ungraded',
        'Single source',
        'Analyst assertion (no evidence)',
      ]),
    );
  });

  it('keeps spreadsheet formulas literal, escaping their first character', () => {
    for (const formula of [
      HOSTILE.formula,
      HOSTILE.formulaPlus,
      HOSTILE.formulaMinus,
      HOSTILE.formulaAt,
    ]) {
      expect(markdown).toContain(escapeMarkdown(formula));
      expect(escapeMarkdown(formula).startsWith(`\\${formula.charAt(0)}`)).toBe(true);
      expect(markdown).not.toContain(formula);
    }
    expect(
      flat(
        [...document.querySelectorAll('h3')].find((h) => h.textContent === 'Finding 2')
          ?.nextElementSibling?.textContent ?? '',
      ),
    ).toBe('Lazarus used -2+3[^3]');
  });

  it('puts the marking first and last', () => {
    const lines = markdown.trimEnd().split('\n');
    expect(lines[0]).toBe(lines.at(-1));
    expect(lines[0]).toMatch(/^\*\*TLP:AMBER .*\*\*$/);
    expect(document.body.firstElementChild?.textContent).toBe(marking);
    expect(document.body.lastElementChild?.textContent).toBe(marking);
    expect(document.body.firstElementChild?.firstElementChild?.localName).toBe('strong');
    expect(body).toContain(`Handling: ${marking}`);
    expect(body).toContain('Generated by Casefile 0.1.0 on 2026-11-22 10:15 UTC');
  });

  it('defines every footnote once and references each from the text', () => {
    const definitions = [...markdown.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => Number(m[1]));
    expect(definitions).toEqual([1, 2, 3]);
    const references = [...markdown.matchAll(/(?<!\\)\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1]));
    expect(new Set(references)).toEqual(new Set([1, 2, 3]));
    // The hostile "[^1]" in a note is text, not a reference.
    expect(markdown).toContain('\\[^1\\] fake footnote');
    expect(body).toContain(
      `S1, Sankei article ${HOSTILE.script}, p. 1, graded B2: “the hackers ${HOSTILE.markdown}”`,
    );
    expect(body).toContain(
      '(Orphaned passage: it can no longer be located in the source text; quoted as captured.)',
    );
    expect(body).toContain(
      '(The passage has since been deleted from the case; quoted as it was when cited.)',
    );
  });

  it('renders the narrative blocks', () => {
    expect(document.querySelector('h4')?.textContent).toBe(HOSTILE.formula);
    expect(document.querySelector('h5')?.textContent).toBe(HOSTILE.backslash);
    expect(document.querySelector('p code')?.textContent).toBe('a`tick');
    expect(document.querySelectorAll('p br').length).toBeGreaterThanOrEqual(1);
    expect(document.querySelector('ul > li > ol > li')?.textContent).toBe(HOSTILE.formulaPlus);
    expect(document.querySelector('pre code')?.textContent).toBe(
      `code block\n\`\`\`\n${HOSTILE.script}\n</code></pre>\n`,
    );
    expect(body).toContain(`“Quoted ${HOSTILE.img}”[^1]`);
    expect(body).toContain(`the registry (https://evil.example/registry?a=1&b=<2>)`);
    expect(body).toContain(`Lazarus ${HOSTILE.img}, ${REDACTED_MENTION}, Unlisted[^1]`);
    expect(document.querySelector('blockquote a')?.getAttribute('href')).toBe('#finding-1');
    const cells = [...document.querySelectorAll('table')[0]!.querySelectorAll('th, td')].map((c) =>
      flat(c.textContent),
    );
    expect(cells).toEqual(['Header', 'Value', HOSTILE.pipes, `${HOSTILE.formulaAt}[^2]`]);
    expect(markdown).not.toContain('Secret');
  });

  it('writes findings with their qualifiers and relations', () => {
    expect(body).toContain('2016-02-04 · B2 · Corroborated');
    expect(body).toContain('Time unknown · C3 · Disputed · Single source');
    expect(body).toContain(
      '2016-02 – 2016-03 · Ungraded · Asserted · Analyst assertion (no evidence)',
    );
    expect(body).toContain(`Attributed to: FBI ${HOSTILE.html}`);
    expect(body).toContain(flat(`Analyst note: Analyst note ${HOSTILE.blocks}`));
    expect(body).toContain('Supports: Finding 2');
    expect(body).toContain('Contradicts: Finding 3');
  });

  it('writes entity tables and the timeline as GFM tables, pipes and all', () => {
    const tables = [...document.querySelectorAll('table')];
    expect(tables).toHaveLength(4);
    const entityRow = [...tables[1]!.querySelectorAll('tbody td')].map((c) => flat(c.textContent));
    expect(entityRow).toEqual([
      `Lazarus ${HOSTILE.img}`,
      `Hidden Cobra, ${HOSTILE.formula}`,
      `country ${HOSTILE.pipes}: ${HOSTILE.script}`,
      flat(HOSTILE.blocks),
      '1, 2, 3',
    ]);
    const timeline = [...tables[3]!.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((c) => flat(c.textContent)),
    );
    expect(timeline).toEqual([
      ['2016-02-04', `Lazarus attacked ${HOSTILE.markdown}`, 'B2', 'Corroborated'],
      ['2016-02 – 2016-03', `Event ${HOSTILE.autolink}`, '', ''],
    ]);
  });

  it('lists withheld sources with their SHA-256 and nothing of their provenance', () => {
    expect(body).toContain(`SHA-256: ${SAMPLE_SHA256.included}`);
    expect(body).toContain(
      `Details: withheld Reliability: C (Fairly reliable) SHA-256: ${SAMPLE_SHA256.withheld}`,
    );
    expect(markdown).not.toMatch(/informant|leak\\?\.example/i);
  });

  it('leaves out empty sections and the marking lines when there is no marking', () => {
    const bare = renderReportMarkdown(
      sampleDocument({
        marking: '',
        narrative: undefined,
        entityTables: [],
        charts: [],
        timeline: [],
        sources: [],
        footnotes: [],
      }),
    );
    const { document: out } = render(bare);
    expect([...out.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      REPORT_SECTION_TITLES.findings,
      REPORT_SECTION_TITLES.timeline,
    ]);
    expect(bare.startsWith('# Heist report')).toBe(true);
    expect(bare).not.toContain('[^');
    expect(flat(out.body.textContent)).toContain('No dated findings or events.');
  });
});

describe('renderReportMarkdown on a built report', () => {
  it('shows the small case’s hostile strings literally and injects nothing', () => {
    const doc = smallReportDocument({ hostile: true });
    const markdown = renderReportMarkdown(doc);
    const { html, document } = render(markdown);
    const body = flat(document.body.textContent);
    for (const hostile of BUILT_HOSTILE_STRINGS) expect(body).toContain(hostile);
    expect(body).toContain(BUILT_HOSTILE);
    expect(body).toContain(`(${HOSTILE_URL})`);
    expect(html).not.toMatch(/<script|<img src="x"/);
    for (const element of document.querySelectorAll('*')) {
      expect(ALLOWED_ELEMENTS).toContain(element.localName);
    }
    for (const a of document.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^#/);
    const images = [...document.querySelectorAll('img')];
    expect(images).toHaveLength(doc.charts.length);
    for (const img of images) expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    const definitions = [...markdown.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => Number(m[1]));
    expect(definitions).toEqual(doc.footnotes.map((f) => f.number));
    const references = new Set(
      [...markdown.matchAll(/(?<!\\)\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1])),
    );
    expect(references).toEqual(new Set(definitions));
    const lines = markdown.trimEnd().split('\n');
    expect(lines[0]).toBe(`**${escapeMarkdown(doc.marking)}**`);
    expect(lines.at(-1)).toBe(lines[0]);
  });
});

describe('renderReportMarkdown line breaks', () => {
  it('breaks lines inside a paragraph, never leaving a backslash at either end', () => {
    const markdown = renderReportMarkdown(
      sampleDocument({
        narrative: {
          title: '',
          blocks: [
            {
              kind: 'paragraph',
              inlines: [
                { kind: 'lineBreak' },
                { kind: 'text', text: 'first' },
                { kind: 'lineBreak' },
                { kind: 'text', text: 'second ends with \\' },
                { kind: 'lineBreak' },
              ],
            },
          ],
        },
      }),
    );
    expect(markdown).toContain('\nfirst\\\nsecond ends with \\\\\n');
    const { document } = render(markdown);
    const paragraph = [...document.querySelectorAll('p')].find((p) =>
      p.textContent.startsWith('first'),
    );
    expect(paragraph?.innerHTML).toBe('first<br>second ends with \\');
  });
});

describe('escapeMarkdown', () => {
  const tricky = [
    ...HOSTILE_STRINGS,
    '1. not a list',
    '2) nor this',
    '---',
    '***',
    '===',
    '    not code',
    '\tnot code either',
    '> not a quote',
    '+ not a list',
    '*a* _b_ __c__ **d**',
    '<b>bold</b> <http://x.example>',
    '&copy; &#169; &#xA9;',
    'http://x.example/a_b_c https://y.example ftp://z.example',
    'www.x.example a@b.example',
    '\\',
    '`',
    '``double``',
    '[a]: https://ref.example',
    '[a][b] [c]',
    '$x^2$ and $$y$$',
    '~~s~~ ~t~',
    'line one\nline two\r\nline three',
  ];

  it('makes any text render as exactly itself, in one paragraph', () => {
    for (const text of tricky) {
      const { document } = render(escapeMarkdown(text));
      const children = [...document.body.children];
      expect(
        children.map((c) => c.localName),
        text,
      ).toEqual(['p']);
      expect(children[0]?.children.length ?? 0, text).toBe(0);
      expect(flat(document.body.textContent), text).toBe(flat(text));
    }
  });

  it('stays on one line and drops control characters', () => {
    expect(escapeMarkdown('a\nb\r\nc\u2028d\te')).toBe('a b c d e');
    expect(escapeMarkdown('a\u0000b\u001bc')).toBe('abc');
    expect(escapeMarkdown('=1+1')).toBe('\\=1\\+1');
    expect(escapeMarkdown('https://x')).toBe('https\\://x');
  });
});
