import { useMemo } from 'react';
import type {
  ChartGroup,
  ClaimId,
  ClaimSummary,
  EntityId,
  EntitySummary,
  PassageId,
  SourceId,
} from '../../core';
import { groupNodeId, type ChartNodeData, type GraphData } from '../../graph';
import { Button } from '../../ui';
import { ClaimDetails, GradeBadge } from '../claims';
import { EntityTypeBadge } from '../entities';
import type { ElementIndex } from './chartState';

export interface SelectionPanelProps {
  readonly data: GraphData;
  readonly index: ElementIndex;
  readonly selection: { readonly nodes: readonly string[]; readonly edges: readonly string[] };
  readonly groups: readonly ChartGroup[];
  readonly readOnly: boolean;
  readonly onSelect: (ids: readonly string[]) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
  readonly onGroupCollapsed: (groupId: string, collapsed: boolean) => void;
  readonly onUngroup: (groupId: string) => void;
  /** A claim was deleted from its details: clear the selection. */
  readonly onClaimDeleted: () => void;
}

/** Most claims listed under a selected entity (its page lists them all). */
const ENTITY_CLAIMS_SHOWN = 50;
/** Most claims shown in full for a selected link (a folded group edge may carry many). */
const EDGE_CLAIMS_SHOWN = 10;

/**
 * What is selected on the chart: a link shows each of its claims with the evidence passages
 * (each opens the source at the passage); an entity its summary and claims; a group its members.
 */
export function SelectionPanel(props: SelectionPanelProps) {
  const { data, index, selection } = props;
  const entities = useMemo(() => new Map(data.entities.map((e) => [e.id, e])), [data.entities]);
  const edges = selection.edges.map((id) => index.edges.get(id)).filter((e) => e !== undefined);
  const nodes = selection.nodes.map((id) => index.nodes.get(id)).filter((n) => n !== undefined);

  let body;
  if (edges.length > 0) {
    const claimIds = [...new Set(edges.flatMap((e) => e.claimIds))];
    body = (
      <>
        <h3>{claimIds.length === 1 ? 'Selected claim' : `${claimIds.length} selected claims`}</h3>
        {claimIds.length > EDGE_CLAIMS_SHOWN ? (
          <p className="cf-chart-side__note">
            Showing the first {EDGE_CLAIMS_SHOWN}; the Claims area lists them all.
          </p>
        ) : null}
        {claimIds.slice(0, EDGE_CLAIMS_SHOWN).map((claimId) => (
          <div key={claimId} className="cf-chart-side__claim">
            <ClaimDetails
              claimId={claimId}
              readOnly={props.readOnly}
              onOpenEntity={props.onOpenEntity}
              onOpenPassage={props.onOpenPassage}
              onOpenClaim={props.onOpenClaim}
              onDeleted={props.onClaimDeleted}
            />
          </div>
        ))}
      </>
    );
  } else if (nodes.length === 1) {
    body = <NodeSummary {...props} node={nodes[0]!} entities={entities} />;
  } else if (nodes.length > 1) {
    body = (
      <>
        <h3>{nodes.length} selected</h3>
        <ul className="cf-chart-side__list">
          {nodes.map((node) => (
            <li key={node.id}>
              <button type="button" className="cf-link" onClick={() => props.onSelect([node.id])}>
                {node.label}
              </button>
            </li>
          ))}
        </ul>
        <p className="cf-chart-side__note">
          With two selected, “Shortest path” finds how they are connected; “Group…” draws the
          selection together.
        </p>
      </>
    );
  } else {
    body = (
      <p className="cf-chart-side__note">
        Select an entity or a link on the chart, or in the list view, to see its details and the
        passages behind it.
      </p>
    );
  }

  return (
    <section className="cf-chart-side" aria-label="Selection details">
      {body}
      {props.groups.length > 0 ? <GroupList {...props} /> : null}
    </section>
  );
}

function NodeSummary({
  node,
  entities,
  data,
  index,
  groups,
  readOnly,
  onSelect,
  onOpenEntity,
  onGroupCollapsed,
  onUngroup,
}: SelectionPanelProps & {
  readonly node: ChartNodeData;
  readonly entities: ReadonlyMap<EntityId, EntitySummary>;
}) {
  if (node.kind === 'group') {
    const group = groups.find((g) => groupNodeId(g.id) === node.id);
    return (
      <>
        <h3>{node.label}</h3>
        <p>Group of {node.memberIds?.length ?? 0}</p>
        <ul className="cf-chart-side__list">
          {(node.memberIds ?? []).map((id) => (
            <li key={id}>{entities.get(id)?.name ?? 'Entity no longer in the case'}</li>
          ))}
        </ul>
        {group ? (
          <GroupActions
            group={group}
            readOnly={readOnly}
            onGroupCollapsed={onGroupCollapsed}
            onUngroup={onUngroup}
          />
        ) : null}
      </>
    );
  }
  const edgeOfClaim = new Map<ClaimId, string>();
  for (const edge of index.edges.values())
    for (const id of edge.claimIds) edgeOfClaim.set(id, edge.id);
  const entity = node.entityId ? entities.get(node.entityId) : undefined;
  const claims = data.claims.filter((claim) =>
    entity
      ? claim.subjectId === entity.id ||
        (claim.object.kind === 'entity' && claim.object.entityId === entity.id)
      : claim.object.kind === 'literal' && claim.object.value === node.label,
  );
  return (
    <>
      <h3>{node.label}</h3>
      {entity ? (
        <>
          <p className="cf-chart-side__facts">
            <EntityTypeBadge type={entity.type} />
            <span>
              {entity.mentionCount} {entity.mentionCount === 1 ? 'mention' : 'mentions'} in{' '}
              {entity.sourceCount} {entity.sourceCount === 1 ? 'source' : 'sources'}
            </span>
          </p>
          {entity.aliases.length > 0 ? (
            <p className="cf-chart-side__aliases">Also: {entity.aliases.join(', ')}</p>
          ) : null}
          <Button onClick={() => onOpenEntity(entity.id)}>Open entity</Button>
        </>
      ) : (
        <p>A value named by {claims.length === 1 ? 'a claim' : 'claims'}, not an entity.</p>
      )}
      <h4>Claims ({claims.length})</h4>
      {claims.length === 0 ? <p className="cf-chart-side__note">No claims yet.</p> : null}
      <ul className="cf-chart-side__list" aria-label={`Claims of ${node.label}`}>
        {claims.slice(0, ENTITY_CLAIMS_SHOWN).map((claim) => (
          <ClaimRow
            key={claim.id}
            claim={claim}
            entities={entities}
            edgeId={edgeOfClaim.get(claim.id)}
            onSelect={onSelect}
          />
        ))}
      </ul>
      {claims.length > ENTITY_CLAIMS_SHOWN ? (
        <p className="cf-chart-side__note">
          {claims.length - ENTITY_CLAIMS_SHOWN} more on the entity’s page.
        </p>
      ) : null}
    </>
  );
}

function ClaimRow({
  claim,
  entities,
  edgeId,
  onSelect,
}: {
  readonly claim: ClaimSummary;
  readonly entities: ReadonlyMap<EntityId, EntitySummary>;
  readonly edgeId: string | undefined;
  readonly onSelect: (ids: readonly string[]) => void;
}) {
  const object =
    claim.object.kind === 'entity'
      ? (entities.get(claim.object.entityId)?.name ?? '?')
      : claim.object.value;
  const sentence = `${entities.get(claim.subjectId)?.name ?? '?'} ${claim.predicate} ${object}`;
  return (
    <li className="cf-chart-side__claim-row">
      <GradeBadge
        grade={claim.grade}
        analystAssertion={claim.analystAssertion}
        singleSource={claim.singleSource}
        orphaned={claim.orphanedEvidence > 0}
      />
      {edgeId ? (
        <button type="button" className="cf-link" onClick={() => onSelect([edgeId])}>
          {sentence}
        </button>
      ) : (
        <span title="Not drawn: hidden by filters or outside this chart">{sentence}</span>
      )}
    </li>
  );
}

function GroupList({ groups, readOnly, onGroupCollapsed, onUngroup }: SelectionPanelProps) {
  return (
    <section className="cf-chart-groups" aria-label="Groups">
      <h4>Groups</h4>
      <ul className="cf-chart-side__list">
        {groups.map((group) => (
          <li key={group.id}>
            <span>
              {group.label} ({group.memberIds.length})
            </span>
            <GroupActions
              group={group}
              readOnly={readOnly}
              onGroupCollapsed={onGroupCollapsed}
              onUngroup={onUngroup}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function GroupActions({
  group,
  readOnly,
  onGroupCollapsed,
  onUngroup,
}: {
  readonly group: ChartGroup;
  readonly readOnly: boolean;
  readonly onGroupCollapsed: (groupId: string, collapsed: boolean) => void;
  readonly onUngroup: (groupId: string) => void;
}) {
  return (
    <span className="cf-chart-groups__actions">
      <Button
        variant="ghost"
        disabled={readOnly}
        aria-label={`${group.collapsed ? 'Expand' : 'Collapse'} group ${group.label}`}
        onClick={() => onGroupCollapsed(group.id, !group.collapsed)}
      >
        {group.collapsed ? 'Expand' : 'Collapse'}
      </Button>
      <Button
        variant="ghost"
        disabled={readOnly}
        aria-label={`Ungroup ${group.label}`}
        onClick={() => onUngroup(group.id)}
      >
        Ungroup
      </Button>
    </span>
  );
}
