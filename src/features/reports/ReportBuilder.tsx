import { memo, useId, useMemo, useState, type ReactNode } from 'react';
import {
  CLAIM_STATUS_LABELS,
  HANDLING_MARKINGS,
  MAX_MARKING_LENGTH,
  type Chart,
  type ClaimSummary,
  type EntityId,
  type EntitySummary,
  type NoteId,
  type SourceSummary,
} from '../../core';
import type { NoteSummary } from '../../core';
import {
  MAX_REPORT_AUTHOR_LENGTH,
  MAX_REPORT_TITLE_LENGTH,
  type ReportOptions,
  type SourceRedaction,
} from '../../core/report/types';
import { claimSentence } from '../claims';
import { SelectField, TextField } from '../../ui';

const OTHER_MARKING = '__other__';
const NO_NOTE = '';

/** What the builder offers: the case's records, as listed (no texts). */
export interface ReportCatalog {
  readonly claims: readonly ClaimSummary[];
  readonly entities: readonly EntitySummary[];
  readonly sources: readonly SourceSummary[];
  readonly charts: readonly Chart[];
  readonly notes: readonly NoteSummary[];
}

/** What "Cited" selects in each checklist: what the narrative and the chosen claims cite. */
export interface CitedSets {
  readonly claimIds: readonly string[];
  readonly entityIds: readonly string[];
  readonly sourceIds: readonly string[];
}

/**
 * Rows of a checklist drawn at first: a large case has thousands, and drawing them all would
 * hold up the window; "Show all" draws the rest. Counts and All / None / Cited cover every row.
 */
export const CHECKLIST_FIRST_ROWS = 150;

type ListKey = 'claims' | 'entities' | 'sources';

type SectionKey = 'entities' | 'charts' | 'timeline' | 'appendix';
const SECTIONS: readonly { readonly key: SectionKey; readonly label: string }[] = [
  { key: 'entities', label: 'Entity tables' },
  { key: 'charts', label: 'Link charts' },
  { key: 'timeline', label: 'Timeline' },
  { key: 'appendix', label: 'Evidence appendix' },
];

const REDACTION_CHOICES: readonly { readonly value: SourceRedaction; readonly label: string }[] = [
  { value: 'include', label: 'Include' },
  { value: 'withhold', label: 'Withhold details' },
  { value: 'exclude', label: 'Exclude' },
];

export interface ReportBuilderProps {
  readonly catalog: ReportCatalog;
  readonly options: ReportOptions;
  readonly cited: CitedSets;
  /** Title, author or marking changed (the defaults still follow the narrative). */
  readonly onChangeDetails: (changes: Partial<ReportOptions>) => void;
  /** The narrative note changed (undefined: none). */
  readonly onChangeNarrative: (noteId: NoteId | undefined) => void;
  /** A checklist, redaction or section changed: the investigator's choice from now on. */
  readonly onChangeSelection: (changes: Partial<ReportOptions>) => void;
}

function entityTypeHeading(type: string): string {
  return type.startsWith('custom:') ? type.slice('custom:'.length) : type;
}

/** The first `limit` entities across the type groups, in group order. */
function shownGroups<T>(
  groups: readonly (readonly [string, readonly T[]])[],
  limit: number,
): (readonly [string, readonly T[]])[] {
  const out: (readonly [string, readonly T[]])[] = [];
  let left = limit;
  for (const [type, items] of groups) {
    if (left <= 0) break;
    out.push([type, items.slice(0, left)]);
    left -= items.length;
  }
  return out;
}

function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  const without = list.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

/** A fieldset with a count and All / None (/ Cited) buttons over a list of checkboxes. */
function Checklist({
  legend,
  noun,
  selectedCount,
  total,
  onAll,
  onNone,
  onCited,
  shown,
  onShowAll,
  children,
}: {
  /** Rows drawn so far (long lists are drawn in part until asked); all when absent. */
  readonly shown?: number;
  readonly onShowAll?: () => void;
  readonly legend: string;
  readonly noun: string;
  readonly selectedCount: number;
  readonly total: number;
  readonly onAll: () => void;
  readonly onNone: () => void;
  readonly onCited?: () => void;
  readonly children: ReactNode;
}) {
  return (
    <fieldset className="cf-report-list">
      <legend>
        {legend}{' '}
        <span className="cf-report-list__count">
          ({selectedCount} of {total})
        </span>
      </legend>
      <div className="cf-report-list__actions">
        <button type="button" className="cf-link-button" aria-label={`All ${noun}`} onClick={onAll}>
          All
        </button>
        <button type="button" className="cf-link-button" aria-label={`No ${noun}`} onClick={onNone}>
          None
        </button>
        {onCited ? (
          <button
            type="button"
            className="cf-link-button"
            aria-label={`Cited ${noun}`}
            onClick={onCited}
          >
            Cited
          </button>
        ) : null}
      </div>
      {total === 0 ? <p className="cf-report-list__empty">None in this case.</p> : null}
      <ul className="cf-report-list__items">{children}</ul>
      {shown !== undefined && shown < total && onShowAll ? (
        <button type="button" className="cf-link-button" onClick={onShowAll}>
          Show all {total.toLocaleString('en')} {noun}
        </button>
      ) : null}
    </fieldset>
  );
}

function Check({
  checked,
  onChange,
  label,
  children,
}: {
  readonly checked: boolean;
  readonly onChange: (on: boolean) => void;
  readonly label: ReactNode;
  readonly children?: ReactNode;
}) {
  const id = useId();
  return (
    <li className="cf-report-list__item">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {children}
    </li>
  );
}

/** The report builder's form: details, narrative, what is in the report, redaction, sections. */
export const ReportBuilder = memo(function ReportBuilder({
  catalog,
  options,
  cited,
  onChangeDetails,
  onChangeNarrative,
  onChangeSelection,
}: ReportBuilderProps) {
  const names = useMemo(
    () => new Map(catalog.entities.map((e) => [e.id, e.name] as const)),
    [catalog.entities],
  );
  const knownMarking = (HANDLING_MARKINGS as readonly string[]).includes(options.marking);
  const [otherChosen, setOtherChosen] = useState(!knownMarking);
  const [showAll, setShowAll] = useState<ReadonlySet<ListKey>>(new Set());
  const limit = (key: ListKey) => (showAll.has(key) ? Infinity : CHECKLIST_FIRST_ROWS);
  const expand = (key: ListKey) => setShowAll((keys) => new Set([...keys, key]));
  const markingChoice = otherChosen || !knownMarking ? OTHER_MARKING : options.marking;

  const claimIds = new Set<string>(options.claimIds);
  const entityIds = new Set<string>(options.entityIds);
  const sourceIds = new Set<string>(options.sourceIds);
  const chartIds = new Set<string>(options.chartIds);
  const excluded = new Set<string>(options.redaction.excludedEntityIds);

  const entityGroups = useMemo(() => {
    const groups = new Map<string, EntitySummary[]>();
    for (const entity of catalog.entities) {
      const list = groups.get(entity.type) ?? [];
      list.push(entity);
      groups.set(entity.type, list);
    }
    for (const list of groups.values()) list.sort((a, b) => a.name.localeCompare(b.name));
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [catalog.entities]);

  const setRedaction = (sourceId: string, choice: SourceRedaction) => {
    const sources: Record<string, SourceRedaction> = { ...options.redaction.sources };
    if (choice === 'include') delete sources[sourceId];
    else sources[sourceId] = choice;
    onChangeSelection({ redaction: { ...options.redaction, sources } });
  };
  const setExcluded = (entityId: EntityId, on: boolean) =>
    onChangeSelection({
      redaction: {
        ...options.redaction,
        excludedEntityIds: toggled(options.redaction.excludedEntityIds, entityId, on),
      },
    });

  return (
    <form
      className="cf-report-builder"
      aria-label="Report options"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset className="cf-report-builder__details">
        <legend>Report</legend>
        <TextField
          label="Report title"
          value={options.title}
          maxLength={MAX_REPORT_TITLE_LENGTH + 50}
          onChange={(e) => onChangeDetails({ title: e.target.value })}
          autoComplete="off"
        />
        <TextField
          label="Author"
          value={options.author}
          maxLength={MAX_REPORT_AUTHOR_LENGTH + 50}
          onChange={(e) => onChangeDetails({ author: e.target.value })}
          autoComplete="off"
        />
        <SelectField
          label="Handling marking"
          value={markingChoice}
          hint="Printed on the cover and on every page."
          onChange={(e) => {
            if (e.target.value === OTHER_MARKING) {
              setOtherChosen(true);
            } else {
              setOtherChosen(false);
              onChangeDetails({ marking: e.target.value });
            }
          }}
        >
          {HANDLING_MARKINGS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
          <option value={OTHER_MARKING}>Other…</option>
        </SelectField>
        {markingChoice === OTHER_MARKING ? (
          <TextField
            label="Other marking"
            value={options.marking}
            maxLength={MAX_MARKING_LENGTH + 20}
            onChange={(e) => onChangeDetails({ marking: e.target.value })}
            autoComplete="off"
          />
        ) : null}
        <SelectField
          label="Narrative note"
          value={options.narrativeNoteId ?? NO_NOTE}
          hint="The note whose text forms the report's narrative, with its quotes footnoted."
          onChange={(e) =>
            onChangeNarrative(e.target.value === NO_NOTE ? undefined : (e.target.value as NoteId))
          }
        >
          <option value={NO_NOTE}>None</option>
          {catalog.notes.map((note) => (
            <option key={note.id} value={note.id}>
              {note.title}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <Checklist
        legend="Claims"
        noun="claims"
        shown={Math.min(catalog.claims.length, limit('claims'))}
        onShowAll={() => expand('claims')}
        selectedCount={catalog.claims.filter((c) => claimIds.has(c.id)).length}
        total={catalog.claims.length}
        onAll={() => onChangeSelection({ claimIds: catalog.claims.map((c) => c.id) })}
        onNone={() => onChangeSelection({ claimIds: [] })}
        onCited={() =>
          onChangeSelection({
            claimIds: catalog.claims.filter((c) => cited.claimIds.includes(c.id)).map((c) => c.id),
          })
        }
      >
        {catalog.claims.slice(0, limit('claims')).map((claim) => (
          <Check
            key={claim.id}
            checked={claimIds.has(claim.id)}
            onChange={(on) =>
              onChangeSelection({ claimIds: toggled(options.claimIds, claim.id, on) })
            }
            label={
              <>
                {claimSentence(names, claim)}{' '}
                <span className="cf-report-list__meta">
                  — {claim.grade ?? 'Ungraded'} · {CLAIM_STATUS_LABELS[claim.status]}
                </span>
              </>
            }
          />
        ))}
      </Checklist>

      <Checklist
        legend="Entities"
        noun="entities"
        shown={Math.min(catalog.entities.length, limit('entities'))}
        onShowAll={() => expand('entities')}
        selectedCount={catalog.entities.filter((e) => entityIds.has(e.id)).length}
        total={catalog.entities.length}
        onAll={() => onChangeSelection({ entityIds: catalog.entities.map((e) => e.id) })}
        onNone={() => onChangeSelection({ entityIds: [] })}
        onCited={() =>
          onChangeSelection({
            entityIds: catalog.entities
              .filter((e) => cited.entityIds.includes(e.id))
              .map((e) => e.id),
          })
        }
      >
        {shownGroups(entityGroups, limit('entities')).map(([type, entities]) => (
          <li key={type} className="cf-report-list__group">
            <span className="cf-report-list__group-heading">{entityTypeHeading(type)}</span>
            <ul>
              {entities.map((entity) => (
                <Check
                  key={entity.id}
                  checked={entityIds.has(entity.id)}
                  onChange={(on) =>
                    onChangeSelection({ entityIds: toggled(options.entityIds, entity.id, on) })
                  }
                  label={entity.name}
                >
                  <label className="cf-report-list__exclude">
                    <input
                      type="checkbox"
                      aria-label={`Exclude ${entity.name} from report`}
                      checked={excluded.has(entity.id)}
                      onChange={(e) => setExcluded(entity.id, e.target.checked)}
                    />
                    Exclude from report
                  </label>
                </Check>
              ))}
            </ul>
          </li>
        ))}
      </Checklist>

      <Checklist
        legend="Sources"
        noun="sources"
        shown={Math.min(catalog.sources.length, limit('sources'))}
        onShowAll={() => expand('sources')}
        selectedCount={catalog.sources.filter((s) => sourceIds.has(s.id)).length}
        total={catalog.sources.length}
        onAll={() => onChangeSelection({ sourceIds: catalog.sources.map((s) => s.id) })}
        onNone={() => onChangeSelection({ sourceIds: [] })}
        onCited={() =>
          onChangeSelection({
            sourceIds: catalog.sources
              .filter((s) => cited.sourceIds.includes(s.id))
              .map((s) => s.id),
          })
        }
      >
        {catalog.sources.slice(0, limit('sources')).map((source) => (
          <Check
            key={source.id}
            checked={sourceIds.has(source.id)}
            onChange={(on) =>
              onChangeSelection({ sourceIds: toggled(options.sourceIds, source.id, on) })
            }
            label={
              <>
                {source.title}{' '}
                <span className="cf-report-list__meta">— reliability {source.reliability}</span>
              </>
            }
          >
            <select
              className="cf-report-list__redaction"
              aria-label={`Redaction of ${source.title}`}
              value={options.redaction.sources[source.id] ?? 'include'}
              onChange={(e) => setRedaction(source.id, e.target.value as SourceRedaction)}
            >
              {REDACTION_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </Check>
        ))}
      </Checklist>

      <Checklist
        legend="Charts"
        noun="charts"
        selectedCount={catalog.charts.filter((c) => chartIds.has(c.id)).length}
        total={catalog.charts.length}
        onAll={() => onChangeSelection({ chartIds: catalog.charts.map((c) => c.id) })}
        onNone={() => onChangeSelection({ chartIds: [] })}
      >
        {catalog.charts.map((chart) => (
          <Check
            key={chart.id}
            checked={chartIds.has(chart.id)}
            onChange={(on) =>
              onChangeSelection({ chartIds: toggled(options.chartIds, chart.id, on) })
            }
            label={chart.title}
          />
        ))}
      </Checklist>

      <fieldset className="cf-report-builder__sections">
        <legend>Sections</legend>
        <ul className="cf-report-list__items">
          {SECTIONS.map((section) => (
            <Check
              key={section.key}
              checked={options.sections?.[section.key] ?? true}
              onChange={(on) =>
                onChangeSelection({ sections: { ...options.sections, [section.key]: on } })
              }
              label={section.label}
            />
          ))}
        </ul>
      </fieldset>
    </form>
  );
});
