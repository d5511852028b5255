import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS, INGEST_ERRORS } from '../../../src/core';
import { parseEml } from '../../../src/ingest/eml';
import { parseHtml } from '../../../src/ingest/html';
import { htmlNestingDepth, MAX_HTML_NESTING } from '../../../src/ingest/htmlText';
import { utf8 } from './helpers';

/**
 * Deeply nested markup stalls the HTML parser (found while fuzzing: 200,000 nested divs, about
 * 1 MB, took tens of seconds); the ingest refuses it before parsing.
 */
const nested = (depth: number, tag = 'div') =>
  `<html><body>${`<${tag}>`.repeat(depth)}deep${`</${tag}>`.repeat(depth)}</body></html>`;

describe('htmlNestingDepth', () => {
  it('counts nesting, not elements', () => {
    expect(htmlNestingDepth('<div><span>a</span><span>b</span></div>')).toBe(2);
    expect(htmlNestingDepth(nested(50))).toBe(50);
    expect(htmlNestingDepth('<p>one<p>two<p>three')).toBe(0); // optional end tags, as parsers close them
    expect(htmlNestingDepth('<img src="x"><br/><div/><input type=text>')).toBe(0);
    expect(htmlNestingDepth('<DIV CLASS="a"><Section>x</SECTION></div>')).toBe(2);
  });

  it('stops counting past the limit and stays linear on hostile tags', () => {
    expect(htmlNestingDepth(nested(10_000), 100)).toBe(101);
    // Unclosed tags and stray "<": one pass, no backtracking blow-up.
    expect(htmlNestingDepth('<a'.repeat(200_000))).toBe(0);
    expect(htmlNestingDepth(`<div title="${'<'.repeat(100_000)}">`)).toBe(0);
  });
});

describe('the import refuses markup built to stall the parser', () => {
  it('refuses a page nested deeper than the cap, with a clear message', async () => {
    const result = await parseHtml({
      fileName: 'deep.html',
      bytes: utf8(nested(MAX_HTML_NESTING + 1)),
      limits: DEFAULT_INGEST_LIMITS,
    });
    expect(result).toMatchObject({ ok: false, error: { code: INGEST_ERRORS.htmlTooDeep } });
    expect(result.ok ? '' : result.error.message).toMatch(
      /^deep\.html nests its elements more than 10,000 deep/,
    );
  });

  it('still reads a page nested deeply but within the cap', async () => {
    const result = await parseHtml({
      fileName: 'deepish.html',
      bytes: utf8(nested(300)),
      limits: DEFAULT_INGEST_LIMITS,
    });
    expect(result.ok && result.value.text).toBe('deep');
  });

  it('leaves out an e-mail HTML body nested too deeply, keeping the message', async () => {
    const message = [
      'From: a@example.org',
      'To: b@example.org',
      'Subject: Deep',
      'Date: Mon, 2 Mar 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      nested(MAX_HTML_NESTING + 1),
    ].join('\r\n');
    const result = await parseEml({
      fileName: 'deep.eml',
      bytes: utf8(message),
      limits: DEFAULT_INGEST_LIMITS,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.html).toBeUndefined();
    expect(result.value.warnings).toContainEqual(
      expect.stringContaining('nests its elements more than'),
    );
  });
});
