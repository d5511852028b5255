/**
 * The graph GraphML and GEXF both write: entities and literal values as nodes, claims as
 * directed edges, each value typed. Built once so the two formats cannot drift apart.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AttributeValue } from '../model/records';
import { byId, claimFacts, compareIds, indexInput, literalNodeId } from './claimFacts';
import type { CaseExportInput, ExportNotice } from './types';

export type GraphValueType = 'string' | 'double' | 'int' | 'boolean';
export type GraphValue = string | number | boolean;

export interface GraphKey {
  /** Column name in the target tool, e.g. "type" or "attr:role". */
  readonly name: string;
  readonly type: GraphValueType;
}

export interface GraphNode {
  readonly id: string;
  /** The record a notice about this node names (the entity, or the first claim of a literal). */
  readonly recordId: string;
  readonly label: string;
  /** By key name; absent keys have no value. */
  readonly values: ReadonlyMap<string, GraphValue>;
  readonly position?: { readonly x: number; readonly y: number };
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
  readonly values: ReadonlyMap<string, GraphValue>;
}

export interface ExportGraph {
  readonly nodeKeys: readonly GraphKey[];
  readonly edgeKeys: readonly GraphKey[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly hasPositions: boolean;
}

/** Prefix of entity attribute columns, so no attribute key can collide with a fixed column. */
export const ATTRIBUTE_PREFIX = 'attr:';

/** The node type of literal claim objects (the chart draws them as value nodes). */
export const VALUE_NODE_TYPE = 'Value';

const FIXED_NODE_KEYS: readonly GraphKey[] = [
  { name: 'type', type: 'string' },
  { name: 'aliases', type: 'string' },
];

const EDGE_KEYS: readonly GraphKey[] = [
  { name: 'predicate', type: 'string' },
  { name: 'grade', type: 'string' },
  { name: 'credibility', type: 'int' },
  { name: 'status', type: 'string' },
  { name: 'validFrom', type: 'string' },
  { name: 'validTo', type: 'string' },
  { name: 'singleSource', type: 'boolean' },
  { name: 'analystAssertion', type: 'boolean' },
  { name: 'evidenceCount', type: 'int' },
  { name: 'attributedTo', type: 'string' },
];

/** The node id of a literal claim object: `value-` and the SHA-1 of the value, in hex. */
export function valueNodeId(value: string): string {
  return `value-${bytesToHex(sha1(utf8ToBytes(value)))}`;
}

/** Separator of aliases in one cell. */
export const ALIAS_SEPARATOR = '; ';

/** One type per attribute key over all entities: boolean or double when every value is one. */
function attributeType(values: readonly AttributeValue[]): GraphValueType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'double';
  return 'string';
}

export function buildExportGraph(input: CaseExportInput, notices: ExportNotice[]): ExportGraph {
  const index = indexInput(input);
  const positions = input.chart?.positions ?? {};
  const positionOf = (id: string): { x: number; y: number } | undefined => {
    const p = Object.prototype.hasOwnProperty.call(positions, id) ? positions[id] : undefined;
    return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : undefined;
  };

  // Attribute columns: every key used by an exported entity, typed over all its values.
  const attributeValues = new Map<string, AttributeValue[]>();
  for (const entity of input.entities) {
    for (const [key, value] of Object.entries(entity.attributes)) {
      const list = attributeValues.get(key) ?? [];
      list.push(value);
      attributeValues.set(key, list);
    }
  }
  const attributeTypes = new Map<string, GraphValueType>();
  for (const [key, values] of attributeValues) attributeTypes.set(key, attributeType(values));
  const attributeKeys = [...attributeTypes.keys()].sort(compareIds);

  const nodes: GraphNode[] = [];
  for (const entity of byId(input.entities)) {
    const values = new Map<string, GraphValue>([['type', entity.type]]);
    if (entity.aliases.length > 0) values.set('aliases', entity.aliases.join(ALIAS_SEPARATOR));
    for (const key of attributeKeys) {
      if (!Object.prototype.hasOwnProperty.call(entity.attributes, key)) continue;
      const value = entity.attributes[key]!;
      values.set(
        ATTRIBUTE_PREFIX + key,
        attributeTypes.get(key) === 'string' ? String(value) : value,
      );
    }
    const position = positionOf(entity.id);
    nodes.push({
      id: entity.id,
      recordId: entity.id,
      label: entity.name,
      values,
      ...(position ? { position } : {}),
    });
  }

  const edges: GraphEdge[] = [];
  const literals = new Map<string, GraphNode>();
  for (const claim of byId(input.claims)) {
    if (!index.entities.has(claim.subjectId)) {
      notices.push({
        recordId: claim.id,
        message: 'Not exported: the claim’s subject is not among the exported entities.',
      });
      continue;
    }
    let target: string;
    if (claim.object.kind === 'entity') {
      if (!index.entities.has(claim.object.entityId)) {
        notices.push({
          recordId: claim.id,
          message: 'Not exported: the claim’s object is not among the exported entities.',
        });
        continue;
      }
      target = claim.object.entityId;
    } else {
      // GraphML ids are XML name tokens (no spaces, no punctuation): a value's node is named by
      // its hash. The chart keys the value's position by the value itself.
      target = valueNodeId(claim.object.value);
      if (!literals.has(target)) {
        const position = positionOf(literalNodeId(claim.object.value));
        literals.set(target, {
          id: target,
          recordId: claim.id,
          label: claim.object.value,
          values: new Map([['type', VALUE_NODE_TYPE]]),
          ...(position ? { position } : {}),
        });
      }
    }
    const facts = claimFacts(claim, index, notices);
    const values = new Map<string, GraphValue>([
      ['predicate', claim.predicate],
      ['credibility', claim.credibility],
      ['status', claim.status],
      ['singleSource', facts.singleSource],
      ['analystAssertion', facts.analystAssertion],
      ['evidenceCount', facts.evidenceCount],
    ]);
    if (facts.grade !== undefined) values.set('grade', facts.grade);
    if (facts.validFrom !== undefined) values.set('validFrom', facts.validFrom);
    if (facts.validTo !== undefined) values.set('validTo', facts.validTo);
    if (claim.attributedTo !== undefined && claim.attributedTo !== '') {
      values.set('attributedTo', claim.attributedTo);
    }
    edges.push({ id: claim.id, source: claim.subjectId, target, label: claim.predicate, values });
  }
  nodes.push(...byId([...literals.values()]));

  return {
    nodeKeys: [
      ...FIXED_NODE_KEYS,
      ...attributeKeys.map((key) => ({
        name: ATTRIBUTE_PREFIX + key,
        type: attributeTypes.get(key)!,
      })),
    ],
    edgeKeys: EDGE_KEYS,
    nodes,
    edges,
    hasPositions: nodes.some((n) => n.position !== undefined),
  };
}
