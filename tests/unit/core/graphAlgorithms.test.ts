import { describe, expect, it } from 'vitest';
import { betweennessCentrality, degreeCentrality, shortestPath } from '../../../src/core';

const edge = (source: string, target: string) => ({ source, target });

describe('shortest path', () => {
  // a – b – c – d, plus a detour a – e – f – g – d
  const nodes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'lonely'];
  const edges = [
    edge('a', 'b'),
    edge('b', 'c'),
    edge('c', 'd'),
    edge('a', 'e'),
    edge('e', 'f'),
    edge('f', 'g'),
    edge('g', 'd'),
  ];

  it('finds the path with fewest links, ignoring edge direction', () => {
    expect(shortestPath(nodes, edges, 'a', 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(shortestPath(nodes, edges, 'd', 'a')).toEqual(['d', 'c', 'b', 'a']);
    expect(shortestPath(nodes, edges, 'a', 'a')).toEqual(['a']);
  });

  it('says when there is no path, or no such node', () => {
    expect(shortestPath(nodes, edges, 'a', 'lonely')).toBeUndefined();
    expect(shortestPath(nodes, edges, 'a', 'ghost')).toBeUndefined();
  });

  it('ignores edges to nodes that are not in the graph', () => {
    expect(shortestPath(['a', 'b'], [edge('a', 'ghost'), edge('ghost', 'b')], 'a', 'b')).toBe(
      undefined,
    );
  });
});

describe('centrality', () => {
  it('counts distinct neighbours for degree', () => {
    const degree = degreeCentrality(
      ['a', 'b', 'c'],
      [edge('a', 'b'), edge('b', 'a'), edge('b', 'c')],
    );
    expect(Object.fromEntries(degree)).toEqual({ a: 1, b: 2, c: 1 });
  });

  it('gives the textbook betweenness on a path and a star', () => {
    // Path a–b–c–d: b lies on a–c and a–d (2), c on a–d and b–d (2).
    const path = betweennessCentrality(
      ['a', 'b', 'c', 'd'],
      [edge('a', 'b'), edge('b', 'c'), edge('c', 'd')],
    );
    expect(Object.fromEntries(path)).toEqual({ a: 0, b: 2, c: 2, d: 0 });
    // Star with centre h and 4 leaves: every one of the 6 leaf pairs passes through h.
    const star = betweennessCentrality(
      ['h', '1', '2', '3', '4'],
      ['1', '2', '3', '4'].map((leaf) => edge('h', leaf)),
    );
    expect(star.get('h')).toBe(6);
    expect(star.get('1')).toBe(0);
  });

  it('splits credit between equally short paths', () => {
    // Square a–b–d, a–c–d: the two a–d paths go through b and c once each, half the credit each;
    // likewise b–c through a and d.
    const square = betweennessCentrality(
      ['a', 'b', 'c', 'd'],
      [edge('a', 'b'), edge('b', 'd'), edge('a', 'c'), edge('c', 'd')],
    );
    expect(Object.fromEntries(square)).toEqual({ a: 0.5, b: 0.5, c: 0.5, d: 0.5 });
  });
});
