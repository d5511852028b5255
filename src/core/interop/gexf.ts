/**
 * GEXF 1.2 (1.2draft, the version Gephi has long written and every reader knows) for Gephi and
 * NetworkX: the same graph as GraphML (graphModel.ts), node and edge values as declared
 * attributes, positions as viz:position. Not 1.3: NetworkX reads 1.3 only since 3.5 (2025), and
 * Debian's python3-networkx (2.8), the independent reader CI checks with, would find no graph. Valid time is written as plain
 * attributes, not GEXF spells: claims' dates may be partial (2023, 2023-12), which GEXF's time
 * formats cannot hold, and spells would switch Gephi into dynamic mode. Mapping: docs/interop.md.
 */
import { ok, type Result } from '../../shared/result';
import { fileStem } from './claimFacts';
import { buildExportGraph, type GraphKey, type GraphValue } from './graphModel';
import type { CaseExportInput, ExportFile, ExportNotice } from './types';
import { createXmlWriter, xmlNumber, type XmlWriter } from './xml';

const GEXF_TYPE = {
  string: 'string',
  double: 'double',
  int: 'integer',
  boolean: 'boolean',
} as const;

function attributesElement(
  xml: XmlWriter,
  caseId: string,
  scope: 'node' | 'edge',
  prefix: string,
  keys: readonly GraphKey[],
): string[] {
  return [
    `    <attributes class="${scope}" mode="static">`,
    ...keys.map(
      (k, i) =>
        `      <attribute id="${prefix}${i}" title="${xml.attr(caseId, k.name)}" type="${GEXF_TYPE[k.type]}"/>`,
    ),
    '    </attributes>',
  ];
}

function valueAttr(xml: XmlWriter, recordId: string, value: GraphValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return xmlNumber(value);
  return xml.attr(recordId, value);
}

function attvalues(
  xml: XmlWriter,
  recordId: string,
  prefix: string,
  keys: readonly GraphKey[],
  values: ReadonlyMap<string, GraphValue>,
): string[] {
  const lines: string[] = [];
  keys.forEach((key, i) => {
    const value = values.get(key.name);
    if (value !== undefined) {
      lines.push(
        `          <attvalue for="${prefix}${i}" value="${valueAttr(xml, recordId, value)}"/>`,
      );
    }
  });
  return lines.length === 0 ? [] : ['        <attvalues>', ...lines, '        </attvalues>'];
}

export function exportGexf(input: CaseExportInput): Result<ExportFile> {
  const notices: ExportNotice[] = [];
  const xml = createXmlWriter(notices);
  const graph = buildExportGraph(input, notices);
  const caseId = input.case.id;
  // GEXF's lastmodifieddate is an xsd:date.
  const date = /^\d{4}-\d{2}-\d{2}/.exec(input.exportedAt)?.[0];

  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
    date === undefined ? '  <meta>' : `  <meta lastmodifieddate="${date}">`,
    `    <creator>${xml.text(caseId, input.generator)}</creator>`,
    `    <description>${xml.text(caseId, `${input.case.title} (${input.case.marking})`)}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    ...attributesElement(xml, caseId, 'node', 'n', graph.nodeKeys),
    ...attributesElement(xml, caseId, 'edge', 'e', graph.edgeKeys),
    '    <nodes>',
  ];
  for (const node of graph.nodes) {
    lines.push(
      `      <node id="${xml.attr(node.recordId, node.id)}" label="${xml.attr(node.recordId, node.label)}">`,
      ...attvalues(xml, node.recordId, 'n', graph.nodeKeys, node.values),
    );
    if (node.position) {
      lines.push(
        `        <viz:position x="${xmlNumber(node.position.x)}" y="${xmlNumber(node.position.y)}" z="0"/>`,
      );
    }
    lines.push('      </node>');
  }
  lines.push('    </nodes>', '    <edges>');
  for (const edge of graph.edges) {
    lines.push(
      `      <edge id="${xml.attr(edge.id, edge.id)}" source="${xml.attr(edge.id, edge.source)}" target="${xml.attr(edge.id, edge.target)}" label="${xml.attr(edge.id, edge.label)}">`,
      ...attvalues(xml, edge.id, 'e', graph.edgeKeys, edge.values),
      '      </edge>',
    );
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');

  return ok({
    fileName: `${fileStem(input.case.title)}.gexf`,
    mediaType: 'application/gexf+xml',
    text: lines.join('\n'),
    notices,
  });
}
