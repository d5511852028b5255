import { useMemo, type ReactNode } from 'react';
import type { ChartEdgeData, ChartElements, ChartNodeData } from '../../graph';
import { WindowedTable } from '../../ui';

export interface ElementListProps {
  readonly elements: ChartElements;
  readonly selected: ReadonlySet<string>;
  readonly highlighted: ReadonlySet<string>;
  /** Selects only this element (and shows it on the chart). */
  readonly onSelectOnly: (id: string) => void;
  /** Adds or removes an element from the selection. */
  readonly onToggle: (id: string, selected: boolean) => void;
}

const KIND_LABELS: Readonly<Record<ChartNodeData['kind'], string>> = {
  entity: '',
  literal: 'Value',
  group: 'Group',
};

/**
 * The drawn chart as two tables, nodes and links: what keyboard and screen-reader users (and
 * tests) work with instead of the canvas. Selecting here selects on the chart and back.
 */
export function ElementList({
  elements,
  selected,
  highlighted,
  onSelectOnly,
  onToggle,
}: ElementListProps) {
  const nodes = useMemo(
    () =>
      elements.nodes
        .map(({ data }) => data)
        .sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id)),
    [elements],
  );
  const labels = useMemo(() => new Map(nodes.map((n) => [n.id, n.label])), [nodes]);
  const edges = useMemo(
    () =>
      elements.edges
        .map(({ data }) => data)
        .sort(
          (a, b) =>
            (labels.get(a.source) ?? '').localeCompare(labels.get(b.source) ?? '') ||
            a.label.localeCompare(b.label) ||
            a.id.localeCompare(b.id),
        ),
    [elements, labels],
  );
  const selection = { selected, highlighted, onSelectOnly, onToggle };
  return (
    <section className="cf-chart-list" aria-label="Chart as a list">
      <ElementTable
        label="Entities on the chart"
        columns={['Name', 'Type', 'Links']}
        items={nodes}
        idAttribute="data-node-id"
        textOf={(node) => node.label}
        otherCells={(node: ChartNodeData) => (
          <>
            <td>
              {node.kind === 'entity' ? node.type.replace(/^custom:/, '') : KIND_LABELS[node.kind]}
            </td>
            <td>{node.degree}</td>
          </>
        )}
        {...selection}
      />
      <ElementTable
        label="Links on the chart"
        columns={['Link', 'Grade', 'Status']}
        items={edges}
        idAttribute="data-edge-id"
        textOf={(edge) => linkText(edge, labels)}
        otherCells={(edge: ChartEdgeData) => (
          <>
            <td>{edge.analystAssertion ? 'Analyst' : edge.grade || '—'}</td>
            <td>{edge.status}</td>
          </>
        )}
        {...selection}
      />
    </section>
  );
}

interface ElementTableProps<T extends { readonly id: string }> extends Omit<
  ElementListProps,
  'elements'
> {
  /** The heading (with the count) and the table's accessible name. */
  readonly label: string;
  /** The headers after "Selected": the element's own column, then those of `otherCells`. */
  readonly columns: readonly string[];
  readonly items: readonly T[];
  /** Names the element's id on its row header, for the canvas and tests to find the row. */
  readonly idAttribute: 'data-node-id' | 'data-edge-id';
  readonly textOf: (item: T) => string;
  readonly otherCells: (item: T) => ReactNode;
}

/** One table of the list: a selection checkbox and a select-only button per element. */
function ElementTable<T extends { readonly id: string }>({
  label,
  columns,
  items,
  idAttribute,
  textOf,
  otherCells,
  selected,
  highlighted,
  onSelectOnly,
  onToggle,
}: ElementTableProps<T>) {
  const mark = (id: string) => ({
    'data-selected': selected.has(id) ? 'true' : undefined,
    'data-highlighted': highlighted.has(id) ? 'true' : undefined,
  });
  return (
    <>
      <h3>
        {label} ({items.length.toLocaleString('en')})
      </h3>
      <WindowedTable
        label={label}
        className="cf-chart-list__table"
        head={
          <thead>
            <tr>
              <th scope="col">Selected</th>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
        }
        items={items}
        getKey={(item) => item.id}
        estimatedRowHeight={32}
        renderCells={(item) => {
          const text = textOf(item);
          return (
            <>
              <td {...mark(item.id)}>
                <input
                  type="checkbox"
                  aria-label={`Select ${text}`}
                  checked={selected.has(item.id)}
                  onChange={(event) => onToggle(item.id, event.target.checked)}
                />
              </td>
              <th scope="row" {...mark(item.id)} {...{ [idAttribute]: item.id }}>
                <button type="button" className="cf-link" onClick={() => onSelectOnly(item.id)}>
                  {text}
                </button>
              </th>
              {otherCells(item)}
            </>
          );
        }}
      />
    </>
  );
}

/** "Lazarus Group — attacked → Bangladesh Bank". */
export function linkText(edge: ChartEdgeData, labels: ReadonlyMap<string, string>): string {
  return `${labels.get(edge.source) ?? '?'} — ${edge.label} → ${labels.get(edge.target) ?? '?'}`;
}
