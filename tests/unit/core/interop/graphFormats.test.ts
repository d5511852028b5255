import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exportGexf } from '../../../../src/core/interop/gexf';
import { exportGraphml } from '../../../../src/core/interop/graphml';
import type { CaseExportInput, ExportFile } from '../../../../src/core/interop/types';
import { SMALL_IDS } from '../../../fixtures/reports/smallCase';
import { EXTRA_IDS, XML_HOSTILE, XML_HOSTILE_READ, filesInput, valueOf } from './filesInput';

/**
 * GraphML and GEXF, read back by an XML parser (jsdom) and by an independent one: NetworkX
 * (`read_graphml` / `read_gexf`). CI installs Debian's python3-networkx; elsewhere the NetworkX
 * tests skip, saying so, when python3 or networkx is missing.
 */
const hasNetworkx =
  spawnSync('python3', ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
const required = process.env['CI'] !== undefined;
if (!hasNetworkx && !required) {
  console.log(
    'GraphML/GEXF NetworkX tests skipped: python3 with networkx is not installed (CI installs python3-networkx).',
  );
}

// jsdom ships no types; this is the one constructor used.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (text: string, options: { contentType: string }) => { window: { document: Document } };
};

const directory = mkdtempSync(join(tmpdir(), 'casefile-graph-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

interface NxGraph {
  directed: boolean;
  multigraph: boolean;
  graph: Record<string, unknown>;
  nodes: Record<string, Record<string, unknown>>;
  edges: [string, string, Record<string, unknown>][];
}

const READER = `
import json, sys, networkx as nx
kind, path = sys.argv[1], sys.argv[2]
g = nx.read_graphml(path) if kind == 'graphml' else nx.read_gexf(path)
def edges(g):
    # A multigraph keys its edges by the file's edge ids (GraphML then leaves 'id' out of the data).
    if g.is_multigraph():
        return [[u, v, {'id': k, **d}] for u, v, k, d in g.edges(keys=True, data=True)]
    return [[u, v, d] for u, v, d in g.edges(data=True)]
print(json.dumps({
  'directed': g.is_directed(),
  'multigraph': g.is_multigraph(),
  'graph': g.graph,
  'nodes': {n: d for n, d in g.nodes(data=True)},
  'edges': edges(g),
}, default=str))
`;

function readWithNetworkx(kind: 'graphml' | 'gexf', file: ExportFile): NxGraph {
  const path = join(directory, `graph.${kind}`);
  writeFileSync(path, file.text, 'utf8');
  const run = spawnSync('python3', ['-c', READER, kind, path], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`networkx could not read the ${kind}: ${run.stderr}`);
  return JSON.parse(run.stdout) as NxGraph;
}

function parseXml(text: string): Document {
  const document = new JSDOM(text, { contentType: 'text/xml' }).window.document;
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document;
}

/** Entities plus distinct literal values: what the chart draws as nodes. */
function expectedNodeCount(input: CaseExportInput): number {
  const literals = new Set(
    input.claims.flatMap((c) => (c.object.kind === 'literal' ? [c.object.value] : [])),
  );
  return input.entities.length + literals.size;
}

const formats = [
  { kind: 'graphml', run: exportGraphml, label: (d: Record<string, unknown>) => d['label'] },
  { kind: 'gexf', run: exportGexf, label: (d: Record<string, unknown>) => d['label'] },
] as const;

describe.each(formats)('$kind export', ({ kind, run, label }) => {
  test('is well-formed XML with a node per entity and value and an edge per claim', () => {
    const input = filesInput();
    const file = valueOf(run(input));
    const document = parseXml(file.text);
    expect(document.getElementsByTagName('node')).toHaveLength(expectedNodeCount(input));
    expect(document.getElementsByTagName('edge')).toHaveLength(input.claims.length);
    expect(file.fileName).toBe(`harbour-fuel-diversion.${kind}`);
  });

  test('is deterministic and independent of input order', () => {
    const input = filesInput({ hostile: true });
    const shuffled = {
      ...input,
      entities: [...input.entities].reverse(),
      claims: [...input.claims].reverse(),
    };
    expect(valueOf(run(shuffled)).text).toBe(valueOf(run(input)).text);
  });

  test('hostile text cannot break out of the markup; XML-illegal characters are removed with a notice', () => {
    const input = filesInput({ hostile: true });
    const file = valueOf(run(input));
    const document = parseXml(file.text);
    expect(document.getElementsByTagName('script')).toHaveLength(0);
    expect(['\u0001', '\u0008', '\uFFFE'].some((c) => file.text.includes(c))).toBe(false);
    expect(file.text).not.toContain('<b>');
    expect(file.notices.some((n) => n.recordId === SMALL_IDS.mara)).toBe(true);
  });

  test('claims whose endpoints are not exported are left out with a notice', () => {
    const input = filesInput();
    const partial = {
      ...input,
      entities: input.entities.filter((e) => e.id !== SMALL_IDS.berth),
    };
    const file = valueOf(run(partial));
    expect(parseXml(file.text).getElementsByTagName('edge')).toHaveLength(input.claims.length - 1);
    expect(file.notices.map((n) => n.recordId)).toContain(SMALL_IDS.cLocated);
  });

  test('without a chart there are no positions; an attribute with mixed values is text', () => {
    const input = filesInput();
    const { chart: _chart, ...noChart } = input;
    const mixed = {
      ...noChart,
      entities: input.entities.map((e) =>
        e.id === SMALL_IDS.jonas ? { ...e, attributes: { age: 'about 50' } } : e,
      ),
    };
    const text = valueOf(run(mixed)).text;
    expect(text).not.toContain('viz:position');
    expect(text).not.toMatch(/attr\.name="x"/);
    expect(text).toMatch(/(attr\.name|title)="attr:age" (attr\.)?type="string"/);
  });

  describe.skipIf(!hasNetworkx && !required)('read by NetworkX', () => {
    test('node and edge counts equal the input’s; parallel claims stay parallel edges', () => {
      const input = filesInput();
      const graph = readWithNetworkx(kind, valueOf(run(input)));
      expect(graph.directed).toBe(true);
      // Jonas paid Mara twice: two edges between one pair, so NetworkX reads a multigraph.
      expect(graph.multigraph).toBe(true);
      expect(Object.keys(graph.nodes)).toHaveLength(expectedNodeCount(input));
      expect(graph.edges).toHaveLength(input.claims.length);
    });

    test('values come back typed, positions included', () => {
      const graph = readWithNetworkx(kind, valueOf(run(filesInput())));
      const mara = graph.nodes[SMALL_IDS.mara]!;
      expect(label(mara)).toBe('Mara Kessel');
      expect(mara['type']).toBe('Person');
      expect(mara['aliases']).toBe('M. Kessel');
      expect(mara['attr:role']).toBe('Depot manager');
      expect(mara['attr:age']).toBe(41);
      if (kind === 'graphml') {
        expect([mara['x'], mara['y']]).toEqual([10.5, -20]);
      } else {
        expect(mara['viz']).toEqual({ position: { x: 10.5, y: -20, z: 0 } });
      }
      const employs = graph.edges.find(([, , d]) => d['id'] === SMALL_IDS.cEmploys)!;
      expect(employs.slice(0, 2)).toEqual([SMALL_IDS.northwind, SMALL_IDS.mara]);
      expect(employs[2]).toMatchObject({
        label: 'employs',
        predicate: 'employs',
        grade: 'B2',
        credibility: 2,
        status: 'corroborated',
        validFrom: '2023',
        singleSource: false,
        analystAssertion: false,
        evidenceCount: 2,
      });
      const assertion = graph.edges.find(([, , d]) => d['id'] === EXTRA_IDS.cAssertion)!;
      expect(assertion[2]).toMatchObject({ analystAssertion: true, evidenceCount: 0 });
      expect(assertion[2]['grade']).toBeUndefined();
      const literal = graph.nodes[assertion[1]]!;
      expect(literal['type']).toBe('Value');
      expect(label(literal)).toBe('-1+1');
      expect(assertion[1]).toMatch(/^value-[0-9a-f]{40}$/);
      if (kind === 'graphml') expect([literal['x'], literal['y']]).toEqual([5, 6]);
      else expect(literal['viz']).toEqual({ position: { x: 5, y: 6, z: 0 } });
    });

    test('hostile labels come back literally (less the characters XML cannot carry)', () => {
      const input = filesInput({ hostile: true });
      const graph = readWithNetworkx(kind, valueOf(run(input)));
      const mara = input.entities.find((e) => e.id === SMALL_IDS.mara)!;
      const expected = mara.name.replace(XML_HOSTILE, XML_HOSTILE_READ);
      expect(mara.name).toContain(XML_HOSTILE);
      expect(label(graph.nodes[SMALL_IDS.mara]!)).toBe(expected);
      const signed = graph.edges.find(([, , d]) => d['id'] === SMALL_IDS.cSigned)!;
      const claim = input.claims.find((c) => c.id === SMALL_IDS.cSigned)!;
      expect(signed[2]['predicate']).toBe(claim.predicate);
      expect(signed[2]['attributedTo']).toBe(claim.attributedTo);
      expect(Object.keys(graph.nodes)).toHaveLength(expectedNodeCount(input));
      expect(graph.edges).toHaveLength(input.claims.length);
    });
  });
});
