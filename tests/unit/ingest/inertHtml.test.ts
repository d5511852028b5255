import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inertHtml } from '../../../src/ingest/inertHtml';

describe('inertHtml', () => {
  it('leaves nothing in a hostile page that could run, redirect or load', () => {
    const hostile = readFileSync(
      resolve(import.meta.dirname, '../../fixtures/ingest/html/hostile.html'),
      'utf8',
    );
    const out = inertHtml(hostile);
    expect(out).not.toMatch(/<(script|style|link|meta|base|iframe|form|svg|object|embed)\b/i);
    expect(out).not.toMatch(/\son\w+\s*=/i);
    expect(out).not.toMatch(/javascript:|srcdoc|http-equiv/i);
  });

  it('keeps the readable structure and safe links', () => {
    const out = inertHtml(
      '<h1>Title</h1><p>See <a href="https://example.org/a" onclick="x()">this</a> <img src="https://evil.example/x.png"></p>',
    );
    expect(out).toBe(
      '<h1>Title</h1><p>See <a href="https://example.org/a">this</a> <img src="https://evil.example/x.png"></p>',
    );
  });
});
