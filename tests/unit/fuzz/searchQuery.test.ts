/**
 * Fuzzing the search query parser (src/search/query.ts): any text, and text built from its own
 * syntax (operators, groups, quotes, filters, dates, indicators). Invariant: ok with a well-formed
 * query, or a `search.query.*` error; never a throw, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ENTITY_TYPES } from '../../../src/core/model/records';
import { SEARCH_RECORD_KINDS } from '../../../src/core/ports/search';
import {
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  describeSearchQuery,
  parseSearchQuery,
  type SearchNode,
  type SearchQuery,
} from '../../../src/search/query';
import { anyText, expectOkOrTyped } from '../../fuzz/arbitraries';
import { fuzzParameters, withinTimeCap } from '../../fuzz/runs';

const SYNTAX = [
  ' ',
  ' ',
  'AND',
  'OR',
  'NOT',
  'or',
  '|',
  '-',
  '(',
  ')',
  '"',
  '*',
  ':',
  ',',
  'type:',
  'source:',
  'entity:',
  'before:',
  'after:',
  'foo:',
  'person',
  'source,note',
  'custom:Vessel',
  '2016',
  '2016-02',
  '2016-02-30',
  '2016-13',
  'kim',
  'jong',
  'k',
  'Kïm',
  'straße',
  '1.2.3.4',
  'd41d8cd98f00b204e9800998ecf8427e',
  'a@b.example',
  'kim-jong',
  '\u0301',
  '\ud83d',
];

/** Words the tree holds: each term once, each phrase token once. */
function wordsIn(node: SearchNode | undefined): number {
  if (node === undefined) return 0;
  switch (node.kind) {
    case 'term':
      return 1;
    case 'phrase':
      return node.tokens.length;
    case 'not':
      return wordsIn(node.child);
    default:
      return node.children.reduce((n, child) => n + wordsIn(child), 0);
  }
}

function expectWellFormedNode(node: SearchNode): void {
  switch (node.kind) {
    case 'term':
      expect(node.text.length).toBeGreaterThan(0);
      expect([0, 1, 2]).toContain(node.fuzzy);
      if (node.exact) expect([node.prefix, node.fuzzy]).toEqual([false, 0]);
      if (node.prefix) expect(node.fuzzy).toBe(0);
      return;
    case 'phrase':
      expect(node.tokens.length).toBeGreaterThanOrEqual(2);
      for (const token of node.tokens) expect(token.length).toBeGreaterThan(0);
      return;
    case 'not':
      expectWellFormedNode(node.child);
      return;
    default:
      expect(node.children.length).toBeGreaterThanOrEqual(2);
      node.children.forEach(expectWellFormedNode);
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function expectWellFormedQuery(query: SearchQuery): void {
  if (query.root !== undefined) expectWellFormedNode(query.root);
  expect(query.termCount).toBeLessThanOrEqual(MAX_QUERY_TERMS);
  expect(query.termCount).toBeGreaterThanOrEqual(wordsIn(query.root));
  const { filters } = query;
  for (const kind of filters.recordKinds) expect(SEARCH_RECORD_KINDS).toContain(kind);
  for (const type of filters.entityTypes) {
    expect((ENTITY_TYPES as readonly string[]).includes(type) || type.startsWith('custom:')).toBe(
      true,
    );
  }
  for (const bound of [filters.before, filters.after]) {
    if (bound === undefined) continue;
    expect(bound.first).toMatch(DAY);
    expect(bound.last).toMatch(DAY);
    expect(bound.first <= bound.last).toBe(true);
  }
  for (const warning of query.warnings) {
    expect(warning.code).toMatch(/^search\.query\./);
    expect(warning.message.length).toBeGreaterThan(0);
  }
  expect(typeof describeSearchQuery(query)).toBe('string');
}

describe('fuzz: search query parser', () => {
  test('any text gives a well-formed query or a search.query.* error, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText(SYNTAX, 300), anyText(SYNTAX, MAX_QUERY_LENGTH + 40)),
        (input) => {
          const parsed = expectOkOrTyped(
            withinTimeCap(() => parseSearchQuery(input)),
            ['search.query.'],
          );
          if (parsed.ok) expectWellFormedQuery(parsed.value);
        },
      ),
      fuzzParameters({ weight: 4 }),
    );
  });

  test('deep groups and long operator runs give a well-formed query or a typed error', () => {
    const nested = fc
      .tuple(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.constantFrom(...SYNTAX), { maxLength: 30 }),
      )
      .map(([open, close, middle]) => '('.repeat(open) + middle.join(' ') + ')'.repeat(close));
    fc.assert(
      fc.property(nested, (input) => {
        const parsed = expectOkOrTyped(
          withinTimeCap(() => parseSearchQuery(input)),
          ['search.query.'],
        );
        if (parsed.ok) expectWellFormedQuery(parsed.value);
      }),
      fuzzParameters({ weight: 2 }),
    );
  });
});
