import { useDeferredValue, useMemo, useState } from 'react';
import {
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY,
  SOURCE_RELIABILITY,
  type ClaimId,
  type ClaimStatus,
  type ClaimSummary,
  type EntityId,
  type InformationCredibility,
  type SourceReliability,
} from '../../core';
import {
  SortableTableHead,
  TableCount,
  WindowedTable,
  type SortableColumn,
  type TableSort,
} from '../../ui';
import {
  claimSentence,
  entityName,
  filterClaims,
  NO_FILTER,
  objectText,
  STATUS_LABELS,
  type ClaimFilter,
  type EntityNames,
} from './claimText';
import { GradeBadge } from './GradeBadge';
import { ValidTimeText, validTimeKey } from './ValidTimeText';

type SortKey =
  'subject' | 'predicate' | 'object' | 'time' | 'grade' | 'status' | 'sources' | 'attributed';

const COLUMNS: readonly SortableColumn<SortKey>[] = [
  { key: 'subject', label: 'Subject' },
  { key: 'predicate', label: 'Predicate', className: 'cf-col-predicate' },
  { key: 'object', label: 'Object' },
  { key: 'time', label: 'Valid time', className: 'cf-col-valid-time' },
  { key: 'grade', label: 'Grade', className: 'cf-col-grade' },
  { key: 'status', label: 'Status', className: 'cf-col-claim-status' },
  { key: 'sources', label: 'Sources', className: 'cf-col-sources', firstDescending: true },
  { key: 'attributed', label: 'Attributed to', className: 'cf-col-attributed' },
];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Grades sort best first: A1 before B2; ungraded (analyst assertions) last. */
function gradeKey(claim: ClaimSummary): string {
  return claim.grade ?? `Z${claim.credibility}`;
}

function compare(a: ClaimSummary, b: ClaimSummary, key: SortKey, names: EntityNames): number {
  switch (key) {
    case 'subject':
      return collator.compare(entityName(names, a.subjectId), entityName(names, b.subjectId));
    case 'predicate':
      return collator.compare(a.predicate, b.predicate);
    case 'object':
      return collator.compare(objectText(names, a.object), objectText(names, b.object));
    case 'time':
      return collator.compare(validTimeKey(a.validTime), validTimeKey(b.validTime));
    case 'grade':
      return collator.compare(gradeKey(a), gradeKey(b));
    case 'status':
      return CLAIM_STATUSES.indexOf(a.status) - CLAIM_STATUSES.indexOf(b.status);
    case 'sources':
      return a.evidenceSourceIds.length - b.evidenceSourceIds.length;
    case 'attributed':
      return collator.compare(a.attributedTo ?? '', b.attributedTo ?? '');
  }
}

export interface ClaimTableProps {
  readonly claims: readonly ClaimSummary[];
  readonly names: EntityNames;
  readonly selectedId: ClaimId | undefined;
  readonly onOpen: (claim: ClaimSummary) => void;
}

/** The case's claims: filters, sortable columns, windowed rows; a row opens its details. */
export function ClaimTable({ claims, names, selectedId, onOpen }: ClaimTableProps) {
  const [sort, setSort] = useState<TableSort<SortKey>>({ key: 'subject', descending: false });
  const [filter, setFilter] = useState<ClaimFilter>(NO_FILTER);
  const text = useDeferredValue(filter.text);
  const set = (changes: Partial<ClaimFilter>) => setFilter({ ...filter, ...changes });

  const predicates = useMemo(
    () => [...new Set(claims.map((c) => c.predicate))].sort(collator.compare),
    [claims],
  );
  const involved = useMemo(() => {
    const ids = new Set<EntityId>();
    for (const c of claims) {
      ids.add(c.subjectId);
      if (c.object.kind === 'entity') ids.add(c.object.entityId);
    }
    return [...ids]
      .map((id) => ({ id, name: entityName(names, id) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [claims, names]);

  const shown = useMemo(() => {
    const kept = filterClaims(claims, { ...filter, text }, names);
    const direction = sort.descending ? -1 : 1;
    return kept.sort(
      (a, b) =>
        compare(a, b, sort.key, names) * direction ||
        collator.compare(claimSentence(names, a), claimSentence(names, b)),
    );
  }, [claims, filter, text, names, sort]);

  return (
    <div className="cf-claims">
      <div className="cf-claims__filters" role="group" aria-label="Claim filters">
        <input
          type="search"
          className="cf-search"
          aria-label="Filter claims"
          placeholder="Filter by entity, predicate, value, note"
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <select
          className="cf-select"
          aria-label="Predicate"
          value={filter.predicate}
          onChange={(e) => set({ predicate: e.target.value })}
        >
          <option value="">All predicates</option>
          {predicates.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          className="cf-select"
          aria-label="Status"
          value={filter.status}
          onChange={(e) => set({ status: e.target.value as ClaimStatus | '' })}
        >
          <option value="">Any status</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          className="cf-select"
          aria-label="Source reliability"
          value={filter.reliability}
          onChange={(e) => set({ reliability: e.target.value as SourceReliability | 'none' | '' })}
        >
          <option value="">Any reliability</option>
          {SOURCE_RELIABILITY.map((r) => (
            <option key={r} value={r}>
              Reliability {r}
            </option>
          ))}
          <option value="none">Not graded</option>
        </select>
        <select
          className="cf-select"
          aria-label="Credibility"
          value={filter.credibility}
          onChange={(e) =>
            set({ credibility: Number(e.target.value) as InformationCredibility | 0 })
          }
        >
          <option value={0}>Any credibility</option>
          {INFORMATION_CREDIBILITY.map((n) => (
            <option key={n} value={n}>
              Credibility {n}
            </option>
          ))}
        </select>
        <select
          className="cf-select"
          aria-label="Entity"
          value={filter.entityId}
          onChange={(e) => set({ entityId: e.target.value as EntityId | '' })}
        >
          <option value="">Any entity</option>
          {involved.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <label className="cf-check">
          <input
            type="checkbox"
            checked={filter.singleSourceOnly}
            onChange={(e) => set({ singleSourceOnly: e.target.checked })}
          />{' '}
          Single source
        </label>
        <label className="cf-check">
          <input
            type="checkbox"
            checked={filter.analystAssertionsOnly}
            onChange={(e) => set({ analystAssertionsOnly: e.target.checked })}
          />{' '}
          Analyst assertions
        </label>
        <label className="cf-check">
          <input
            type="checkbox"
            checked={filter.orphanedOnly}
            onChange={(e) => set({ orphanedOnly: e.target.checked })}
          />{' '}
          Orphaned evidence
        </label>
        <TableCount shown={shown.length} total={claims.length} noun={['claim', 'claims']} />
      </div>
      <WindowedTable
        label="Claims"
        className="cf-table cf-table--fixed cf-claim-table"
        head={<SortableTableHead columns={COLUMNS} sort={sort} onSort={setSort} />}
        items={shown}
        getKey={(c) => c.id}
        estimatedRowHeight={40}
        renderCells={(claim) => {
          const selected = claim.id === selectedId;
          const open = () => onOpen(claim);
          return (
            <>
              <th scope="row" onClick={open}>
                <button
                  type="button"
                  className="cf-link cf-claim-table__open"
                  aria-label={`Open claim: ${claimSentence(names, claim)}`}
                  aria-current={selected ? 'true' : undefined}
                  onClick={(e) => {
                    e.stopPropagation();
                    open();
                  }}
                >
                  {entityName(names, claim.subjectId)}
                </button>
              </th>
              <td onClick={open} className="cf-claim-table__predicate">
                {claim.predicate}
              </td>
              <td onClick={open}>
                {claim.object.kind === 'literal' ? (
                  <span className="cf-claim-table__literal">{claim.object.value}</span>
                ) : (
                  entityName(names, claim.object.entityId)
                )}
              </td>
              <td onClick={open}>
                <ValidTimeText validTime={claim.validTime} />
              </td>
              <td onClick={open}>
                <GradeBadge
                  grade={claim.grade}
                  analystAssertion={claim.analystAssertion}
                  singleSource={claim.singleSource}
                  orphaned={claim.orphanedEvidence}
                />
              </td>
              <td onClick={open}>
                <span className={`cf-claim-status cf-claim-status--${claim.status}`}>
                  {STATUS_LABELS[claim.status]}
                </span>
              </td>
              <td onClick={open} className="cf-num">
                {claim.evidenceSourceIds.length.toLocaleString()}
              </td>
              <td onClick={open}>{claim.attributedTo ?? ''}</td>
            </>
          );
        }}
      >
        {shown.length === 0 ? (
          <p className="cf-muted cf-claims__none">No claim matches these filters.</p>
        ) : null}
      </WindowedTable>
    </div>
  );
}
