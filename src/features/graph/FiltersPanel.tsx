import { useId, useMemo, useState } from 'react';
import {
  CLAIM_STATUSES,
  CLAIM_STATUS_LABELS,
  INFORMATION_CREDIBILITY,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  SOURCE_RELIABILITY,
  SOURCE_RELIABILITY_DEFINITIONS,
  entityTypeInfo,
  isPartialDate,
  type CaseId,
  type ChartFilters,
  type EntityType,
  type InformationCredibility,
  type SourceId,
} from '../../core';
import type { GraphData } from '../../graph';
import { Button } from '../../ui';
import { useStorageQuery } from '../storage';
import { cleanFilters, toggledListFilter } from './chartState';

export interface FiltersPanelProps {
  readonly caseId: CaseId;
  readonly data: GraphData;
  readonly filters: ChartFilters;
  readonly onChange: (filters: ChartFilters) => void;
}

type Reliability = (typeof SOURCE_RELIABILITY)[number] | 'none';
const RELIABILITIES: readonly Reliability[] = [...SOURCE_RELIABILITY, 'none'];

/**
 * The chart's filters: what is offered comes from the case (its entity types, predicates and
 * evidence sources). Every list starts all ticked, stored as "no filter"; the last ticked box of
 * a list cannot be unticked (an empty list would mean "show everything" again).
 */
export function FiltersPanel({ caseId, data, filters, onChange }: FiltersPanelProps) {
  const types = useMemo(
    () =>
      [...new Set<EntityType>(data.entities.map((e) => e.type))].sort((a, b) =>
        entityTypeInfo(a).label.localeCompare(entityTypeInfo(b).label),
      ),
    [data.entities],
  );
  const predicates = useMemo(() => {
    const seen = new Map<string, string>();
    for (const claim of data.claims) {
      const key = claim.predicate.trim().toLowerCase();
      if (!seen.has(key)) seen.set(key, claim.predicate.trim());
    }
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  }, [data.claims]);
  const sourceIds = useMemo(
    () => [...new Set<SourceId>(data.claims.flatMap((c) => c.evidenceSourceIds))],
    [data.claims],
  );
  const sources = useStorageQuery((s) => s.sources.list(caseId), [caseId]);
  const sourceTitles = useMemo(() => {
    const titles = new Map<string, string>();
    if (sources.status === 'ready') for (const s of sources.value) titles.set(s.id, s.title);
    return titles;
  }, [sources]);

  const set = (changes: Partial<ChartFilters>) =>
    onChange(cleanFilters({ ...filters, ...changes }));

  return (
    <section className="cf-chart-filters" aria-label="Chart filters">
      <h3>Filters</h3>
      <Button
        variant="ghost"
        onClick={() => onChange({})}
        disabled={Object.keys(cleanFilters(filters)).length === 0}
      >
        Clear all filters
      </Button>
      <CheckList
        legend="Entity types"
        values={types}
        chosen={filters.entityTypes}
        label={(t) => entityTypeInfo(t).label}
        onChange={(entityTypes) => set({ entityTypes })}
      />
      <CheckList
        legend="Predicates"
        values={predicates}
        chosen={filters.predicates}
        label={(p) => p}
        onChange={(chosen) => set({ predicates: chosen })}
      />
      <CheckList
        legend="Source reliability"
        values={RELIABILITIES}
        chosen={filters.reliabilities}
        label={(r) =>
          r === 'none'
            ? 'No evidence (analyst assertion)'
            : `${r} — ${SOURCE_RELIABILITY_DEFINITIONS[r].label}`
        }
        onChange={(reliabilities) => set({ reliabilities })}
      />
      <CredibilitySelect
        value={filters.maxCredibility}
        onChange={(maxCredibility) => set({ maxCredibility })}
      />
      <CheckList
        legend="Statuses"
        values={CLAIM_STATUSES}
        chosen={filters.statuses}
        label={(s) => CLAIM_STATUS_LABELS[s]}
        onChange={(statuses) => set({ statuses })}
      />
      <CheckList
        legend="Evidence sources"
        values={sourceIds}
        chosen={filters.sourceIds}
        label={(id) => sourceTitles.get(id) ?? 'Source'}
        onChange={(chosen) => set({ sourceIds: chosen })}
      />
      <DateRange filters={filters} onChange={set} />
    </section>
  );
}

function CheckList<T extends string>({
  legend,
  values,
  chosen,
  label,
  onChange,
}: {
  readonly legend: string;
  readonly values: readonly T[];
  readonly chosen: readonly T[] | undefined;
  readonly label: (value: T) => string;
  readonly onChange: (chosen: readonly T[] | undefined) => void;
}) {
  if (values.length === 0) {
    return (
      <fieldset className="cf-chart-filters__group">
        <legend>{legend}</legend>
        <p className="cf-chart-filters__none">None in this case yet.</p>
      </fieldset>
    );
  }
  const ticked = new Set<T>(chosen && chosen.length > 0 ? chosen : values);
  const tickedCount = values.filter((v) => ticked.has(v)).length;
  return (
    <fieldset className="cf-chart-filters__group">
      <legend>{legend}</legend>
      {values.map((value) => {
        const on = ticked.has(value);
        return (
          <label key={value} className="cf-chart-check">
            <input
              type="checkbox"
              checked={on}
              disabled={on && tickedCount === 1}
              onChange={(event) =>
                onChange(toggledListFilter(chosen, values, value, event.target.checked))
              }
            />
            {label(value)}
          </label>
        );
      })}
    </fieldset>
  );
}

function CredibilitySelect({
  value,
  onChange,
}: {
  readonly value: InformationCredibility | undefined;
  readonly onChange: (value: InformationCredibility | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="cf-field">
      <label htmlFor={id}>Information credibility at most</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) =>
          onChange(
            event.target.value === ''
              ? undefined
              : (Number(event.target.value) as InformationCredibility),
          )
        }
      >
        <option value="">Any (1–6)</option>
        {INFORMATION_CREDIBILITY.map((c) => (
          <option key={c} value={c}>
            {c} — {INFORMATION_CREDIBILITY_DEFINITIONS[c].label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** From/to as typed; applied once they read as a partial date (YYYY, YYYY-MM, YYYY-MM-DD). */
function DateRange({
  filters,
  onChange,
}: {
  readonly filters: ChartFilters;
  readonly onChange: (changes: Partial<ChartFilters>) => void;
}) {
  const [from, setFrom] = useState(filters.dateFrom ?? '');
  const [to, setTo] = useState(filters.dateTo ?? '');
  const fromError = from.trim() !== '' && !isPartialDate(from.trim());
  const toError = to.trim() !== '' && !isPartialDate(to.trim());
  const order =
    !fromError && !toError && from.trim() !== '' && to.trim() !== '' && to.trim() < from.trim()
      ? 'The end of the range is before its start.'
      : undefined;
  const apply = (nextFrom: string, nextTo: string) => {
    const f = nextFrom.trim();
    const t = nextTo.trim();
    if ((f !== '' && !isPartialDate(f)) || (t !== '' && !isPartialDate(t))) return;
    onChange({ dateFrom: f === '' ? undefined : f, dateTo: t === '' ? undefined : t });
  };
  return (
    <fieldset className="cf-chart-filters__group">
      <legend>Valid time</legend>
      <DateInput
        label="From"
        value={from}
        error={fromError}
        onChange={(v) => {
          setFrom(v);
          apply(v, to);
        }}
      />
      <DateInput
        label="To"
        value={to}
        error={toError}
        onChange={(v) => {
          setTo(v);
          apply(from, v);
        }}
      />
      {order ? (
        <p className="cf-field__error" role="alert">
          {order}
        </p>
      ) : null}
      <label className="cf-chart-check">
        <input
          type="checkbox"
          checked={filters.includeUndated !== false}
          onChange={(event) =>
            onChange({ includeUndated: event.target.checked ? undefined : false })
          }
        />
        Include undated claims
      </label>
    </fieldset>
  );
}

function DateInput({
  label,
  value,
  error,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly error: boolean;
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="cf-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder="YYYY-MM-DD"
        inputMode="numeric"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="cf-field__error" role="alert">
          Write the date as YYYY, YYYY-MM or YYYY-MM-DD.
        </span>
      ) : null}
    </div>
  );
}
