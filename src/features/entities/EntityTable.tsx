import { useDeferredValue, useMemo, useState } from 'react';
import {
  comparableName,
  entityTypeInfo,
  ENTITY_TYPES,
  type EntitySummary,
  type EntityType,
} from '../../core';
import {
  SortableTableHead,
  TableCount,
  WindowedTable,
  type SortableColumn,
  type TableSort,
} from '../../ui';
import { EntityTypeBadge } from './EntityTypeBadge';
import { customTypesOf } from './EntityTypeField';
import { formatDay } from './format';

type SortKey = 'type' | 'name' | 'mentions' | 'sources' | 'updated';

const COLUMNS: readonly SortableColumn<SortKey>[] = [
  { key: 'type', label: 'Type', className: 'cf-col-entity-type', firstDescending: false },
  { key: 'name', label: 'Name', firstDescending: false },
  { key: 'mentions', label: 'Mentions', className: 'cf-col-count', firstDescending: true },
  { key: 'sources', label: 'Sources', className: 'cf-col-count', firstDescending: true },
  { key: 'updated', label: 'Updated', className: 'cf-col-updated', firstDescending: true },
];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: EntitySummary, b: EntitySummary, key: SortKey): number {
  switch (key) {
    case 'type':
      return collator.compare(entityTypeInfo(a.type).label, entityTypeInfo(b.type).label);
    case 'name':
      return collator.compare(a.name, b.name);
    case 'mentions':
      return a.mentionCount - b.mentionCount;
    case 'sources':
      return a.sourceCount - b.sourceCount;
    case 'updated':
      return a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0;
  }
}

function matches(entity: EntitySummary, needle: string): boolean {
  if (needle === '') return true;
  return [entity.name, ...entity.aliases].some((n) => comparableName(n).includes(needle));
}

export interface EntityTableProps {
  readonly entities: readonly EntitySummary[];
  readonly onOpen: (entity: EntitySummary) => void;
}

/** The case's entities: filter by type and text, sort by mentions (default), name or type; windowed. */
export function EntityTable({ entities, onOpen }: EntityTableProps) {
  const [sort, setSort] = useState<TableSort<SortKey>>({ key: 'mentions', descending: true });
  const [filter, setFilter] = useState('');
  const [typeFilter, setTypeFilter] = useState<EntityType | ''>('');
  const needle = useDeferredValue(comparableName(filter));

  const typeCounts = useMemo(() => {
    const counts = new Map<EntityType, number>();
    for (const e of entities) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    return counts;
  }, [entities]);
  const typeOptions = useMemo(
    () => [...ENTITY_TYPES.filter((t) => typeCounts.has(t)), ...customTypesOf(entities)],
    [entities, typeCounts],
  );

  const shown = useMemo(() => {
    const kept = entities.filter(
      (e) => (typeFilter === '' || e.type === typeFilter) && matches(e, needle),
    );
    const direction = sort.descending ? -1 : 1;
    return kept.sort(
      (a, b) => compare(a, b, sort.key) * direction || collator.compare(a.name, b.name),
    );
  }, [entities, needle, typeFilter, sort]);

  return (
    <div className="cf-entities">
      <div className="cf-page__actions">
        <input
          type="search"
          className="cf-search"
          aria-label="Filter entities"
          placeholder="Filter by name or alias"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <select
          className="cf-select"
          aria-label="Entity type"
          value={typeFilter}
          onChange={(e) => setTypeFilter(e.target.value as EntityType | '')}
        >
          <option value="">All types</option>
          {typeOptions.map((t) => (
            <option key={t} value={t}>
              {entityTypeInfo(t).label} ({typeCounts.get(t) ?? 0})
            </option>
          ))}
        </select>
        <TableCount shown={shown.length} total={entities.length} noun={['entity', 'entities']} />
      </div>
      <WindowedTable
        label="Entities"
        className="cf-table cf-table--fixed cf-entity-table"
        head={<SortableTableHead columns={COLUMNS} sort={sort} onSort={setSort} />}
        items={shown}
        getKey={(e) => e.id}
        estimatedRowHeight={44}
        renderCells={(entity) => (
          <>
            <td>
              <EntityTypeBadge type={entity.type} />
            </td>
            <th scope="row">
              <button type="button" className="cf-link" onClick={() => onOpen(entity)}>
                {entity.name}
              </button>
              {entity.aliases.length > 0 ? (
                <div className="cf-muted cf-entity-table__aliases">
                  {entity.aliases.join(' · ')}
                </div>
              ) : null}
            </th>
            <td className="cf-num">{entity.mentionCount.toLocaleString()}</td>
            <td className="cf-num">{entity.sourceCount.toLocaleString()}</td>
            <td>
              <time dateTime={entity.updatedAt}>{formatDay(entity.updatedAt)}</time>
            </td>
          </>
        )}
      >
        {shown.length === 0 ? (
          <p className="cf-muted cf-entities__none">No entity matches this filter.</p>
        ) : null}
      </WindowedTable>
    </div>
  );
}
