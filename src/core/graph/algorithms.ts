/**
 * Graph algorithms over the link chart's data, independent of Cytoscape so they are tested in
 * Node and can run in a worker. Nodes are ids; edges are directed (subject → object) but the
 * investigator's questions ("how are these two connected?", "who is central?") treat them as
 * undirected links, so both functions do.
 */

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
}

function adjacency(nodes: readonly string[], edges: readonly GraphEdge[]): Map<string, string[]> {
  const neighbours = new Map<string, string[]>();
  for (const node of nodes) neighbours.set(node, []);
  for (const { source, target } of edges) {
    // Edges to unknown nodes are ignored rather than inventing nodes.
    if (source === target || !neighbours.has(source) || !neighbours.has(target)) continue;
    neighbours.get(source)!.push(target);
    neighbours.get(target)!.push(source);
  }
  // Sorted, so ties between equally short paths are broken the same way every time.
  for (const list of neighbours.values()) list.sort();
  return neighbours;
}

/**
 * A shortest path (fewest links) from `from` to `to`, both ends included; undefined when they
 * are not connected or either is not a node. Breadth-first: O(nodes + edges).
 */
export function shortestPath(
  nodes: readonly string[],
  edges: readonly GraphEdge[],
  from: string,
  to: string,
): string[] | undefined {
  const neighbours = adjacency(nodes, edges);
  if (!neighbours.has(from) || !neighbours.has(to)) return undefined;
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === to) break;
    for (const next of neighbours.get(node)!) {
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return undefined;
  const path: string[] = [];
  for (let node: string | null = to; node !== null; node = previous.get(node) ?? null) {
    path.push(node);
  }
  return path.reverse();
}

/** Number of distinct neighbours of each node. */
export function degreeCentrality(
  nodes: readonly string[],
  edges: readonly GraphEdge[],
): Map<string, number> {
  const neighbours = adjacency(nodes, edges);
  return new Map([...neighbours].map(([node, list]) => [node, new Set(list).size]));
}

/**
 * Betweenness centrality (Brandes 2001, unweighted, undirected): for each node, the number of
 * shortest paths between other pairs that pass through it. Parallel edges count once.
 * O(nodes × edges).
 */
export function betweennessCentrality(
  nodes: readonly string[],
  edges: readonly GraphEdge[],
): Map<string, number> {
  const neighbours = new Map(
    [...adjacency(nodes, edges)].map(([node, list]) => [node, [...new Set(list)]] as const),
  );
  const score = new Map<string, number>(nodes.map((n) => [n, 0]));
  for (const s of neighbours.keys()) {
    const stack: string[] = [];
    const predecessors = new Map<string, string[]>();
    const paths = new Map<string, number>([[s, 1]]);
    const distance = new Map<string, number>([[s, 0]]);
    const queue = [s];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      stack.push(v);
      for (const w of neighbours.get(v)!) {
        if (!distance.has(w)) {
          distance.set(w, distance.get(v)! + 1);
          queue.push(w);
        }
        if (distance.get(w) === distance.get(v)! + 1) {
          paths.set(w, (paths.get(w) ?? 0) + paths.get(v)!);
          (predecessors.get(w) ?? predecessors.set(w, []).get(w)!).push(v);
        }
      }
    }
    const dependency = new Map<string, number>();
    while (stack.length > 0) {
      const w = stack.pop()!;
      for (const v of predecessors.get(w) ?? []) {
        const share = (paths.get(v)! / paths.get(w)!) * (1 + (dependency.get(w) ?? 0));
        dependency.set(v, (dependency.get(v) ?? 0) + share);
      }
      if (w !== s) score.set(w, score.get(w)! + (dependency.get(w) ?? 0));
    }
  }
  // Each undirected pair was counted from both ends.
  for (const [node, value] of score) score.set(node, value / 2);
  return score;
}
