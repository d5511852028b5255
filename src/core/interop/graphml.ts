/**
 * GraphML (graphdrawing.org 1.0) for yEd, Gephi, Cytoscape desktop and NetworkX: entities and
 * literal values as nodes, claims as directed edges (parallel claims are parallel edges), every
 * value a declared, typed key. Positions are plain `x`/`y` keys (read by Gephi and NetworkX; no
 * yFiles extensions). Mapping: docs/interop.md.
 */
import { ok, type Result } from '../../shared/result';
import { fileStem } from './claimFacts';
import { buildExportGraph, type GraphKey, type GraphValue } from './graphModel';
import type { CaseExportInput, ExportFile, ExportNotice } from './types';
import { createXmlWriter, xmlNumber, type XmlWriter } from './xml';

const GRAPHML_TYPE = {
  string: 'string',
  double: 'double',
  int: 'int',
  boolean: 'boolean',
} as const;

function keyElement(
  xml: XmlWriter,
  caseId: string,
  id: string,
  scope: 'graph' | 'node' | 'edge',
  key: GraphKey,
): string {
  return `  <key id="${id}" for="${scope}" attr.name="${xml.attr(caseId, key.name)}" attr.type="${GRAPHML_TYPE[key.type]}"/>`;
}

function valueText(xml: XmlWriter, recordId: string, value: GraphValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return xmlNumber(value);
  return xml.text(recordId, value);
}

export function exportGraphml(input: CaseExportInput): Result<ExportFile> {
  const notices: ExportNotice[] = [];
  const xml = createXmlWriter(notices);
  const graph = buildExportGraph(input, notices);

  const graphKeys: GraphKey[] = ['title', 'marking', 'generator', 'exportedAt'].map((name) => ({
    name,
    type: 'string',
  }));
  const nodeKeys: GraphKey[] = [
    { name: 'label', type: 'string' },
    ...graph.nodeKeys,
    ...(graph.hasPositions
      ? ([
          { name: 'x', type: 'double' },
          { name: 'y', type: 'double' },
        ] as const)
      : []),
  ];
  const edgeKeys: GraphKey[] = [{ name: 'label', type: 'string' }, ...graph.edgeKeys];
  const nodeKeyId = new Map(nodeKeys.map((k, i) => [k.name, `n${i}`]));
  const edgeKeyId = new Map(edgeKeys.map((k, i) => [k.name, `e${i}`]));

  const caseId = input.case.id;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...graphKeys.map((k, i) => keyElement(xml, caseId, `g${i}`, 'graph', k)),
    ...nodeKeys.map((k) => keyElement(xml, caseId, nodeKeyId.get(k.name)!, 'node', k)),
    ...edgeKeys.map((k) => keyElement(xml, caseId, edgeKeyId.get(k.name)!, 'edge', k)),
    '  <graph id="G" edgedefault="directed">',
  ];
  [input.case.title, input.case.marking, input.generator, input.exportedAt].forEach((value, i) => {
    lines.push(`    <data key="g${i}">${xml.text(caseId, value)}</data>`);
  });

  const data = (keyId: string, recordId: string, value: GraphValue): string =>
    `      <data key="${keyId}">${valueText(xml, recordId, value)}</data>`;
  for (const node of graph.nodes) {
    lines.push(`    <node id="${xml.attr(node.recordId, node.id)}">`);
    lines.push(data(nodeKeyId.get('label')!, node.recordId, node.label));
    for (const key of graph.nodeKeys) {
      const value = node.values.get(key.name);
      if (value !== undefined) lines.push(data(nodeKeyId.get(key.name)!, node.recordId, value));
    }
    if (node.position) {
      lines.push(data(nodeKeyId.get('x')!, node.recordId, node.position.x));
      lines.push(data(nodeKeyId.get('y')!, node.recordId, node.position.y));
    }
    lines.push('    </node>');
  }
  for (const edge of graph.edges) {
    lines.push(
      `    <edge id="${xml.attr(edge.id, edge.id)}" source="${xml.attr(edge.id, edge.source)}" target="${xml.attr(edge.id, edge.target)}">`,
    );
    lines.push(data(edgeKeyId.get('label')!, edge.id, edge.label));
    for (const key of graph.edgeKeys) {
      const value = edge.values.get(key.name);
      if (value !== undefined) lines.push(data(edgeKeyId.get(key.name)!, edge.id, value));
    }
    lines.push('    </edge>');
  }
  lines.push('  </graph>', '</graphml>', '');

  return ok({
    fileName: `${fileStem(input.case.title)}.graphml`,
    mediaType: 'application/graphml+xml',
    text: lines.join('\n'),
    notices,
  });
}
