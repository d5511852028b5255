import { useMemo, useState } from 'react';
import {
  ENTITY_TYPES,
  entityTypeInfo,
  suggestionKey,
  type CaseId,
  type EntityType,
  type SourceId,
  type Suggestion,
  type SuggestionId,
} from '../../core';
import type { Result } from '../../shared/result';
import { Banner, Button } from '../../ui';
import { EntityTypeBadge, TypeOptions, customTypesOf } from '../entities';
import { useStorage, useStorageQuery } from '../storage';
import type { ExtractionJob, ExtractionOutcome } from './extractionQueue';
import { useExtractionQueue, useExtractionSnapshot } from './useExtraction';

export interface SuggestionQueueProps {
  readonly caseId: CaseId;
  readonly sourceId: SourceId;
  readonly readOnly: boolean;
  /** Scrolls the reader to a range of the source's text. */
  readonly onShow: (start: number, end: number) => void;
}

/** Rows shown per group before "Show more": a huge source can propose thousands. */
const FIRST_ROWS = 100;

interface Group {
  readonly type: EntityType;
  readonly items: readonly Suggestion[];
}

function typeOrder(type: EntityType): number {
  const at = (ENTITY_TYPES as readonly string[]).indexOf(type);
  return at < 0 ? ENTITY_TYPES.length : at;
}

function groupByType(suggestions: readonly Suggestion[]): Group[] {
  const groups = new Map<EntityType, Suggestion[]>();
  for (const s of suggestions) {
    const list = groups.get(s.type);
    if (list) list.push(s);
    else groups.set(s.type, [s]);
  }
  return [...groups.entries()]
    .map(([type, items]) => ({ type, items }))
    .sort(
      (a, b) =>
        typeOrder(a.type) - typeOrder(b.type) ||
        entityTypeInfo(a.type).label.localeCompare(entityTypeInfo(b.type).label),
    );
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

function percent(job: ExtractionJob): number {
  return job.totalChars > 0 ? Math.floor((job.doneChars / job.totalChars) * 100) : 0;
}

/**
 * A source's review queue: what extraction proposes, grouped by type, each with the text as
 * written and the value the entity will carry (refanged), where it came from, and Accept /
 * Reject / change type; whole groups at once. "Find suggestions" runs extraction on demand with
 * progress and Cancel.
 */
export function SuggestionQueue({ caseId, sourceId, readOnly, onShow }: SuggestionQueueProps) {
  const { storage, changed } = useStorage();
  const queue = useExtractionQueue();
  const snapshot = useExtractionSnapshot(queue);
  const loaded = useStorageQuery(
    async (s) => {
      const [suggestions, entities, source] = await Promise.all([
        s.suggestions.forSource(sourceId),
        s.entities.known(caseId),
        s.sources.get(sourceId),
      ]);
      return { suggestions, entities, source };
    },
    [caseId, sourceId],
  );
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showDone, setShowDone] = useState<'none' | 'accepted' | 'rejected'>('none');

  const job = snapshot.jobs.find((j) => j.sourceId === sourceId);
  const outcome = snapshot.outcomes.get(sourceId);
  const suggestions = useMemo(
    () => (loaded.status === 'ready' ? loaded.value.suggestions : []),
    [loaded],
  );
  const entities = useMemo(
    () => (loaded.status === 'ready' ? loaded.value.entities : []),
    [loaded],
  );
  const names = useMemo(
    () => new Map(entities.map((e) => [e.id, e.names[0] ?? ''] as const)),
    [entities],
  );
  const customTypes = useMemo(() => customTypesOf(entities), [entities]);
  const pending = useMemo(() => suggestions.filter((s) => s.status === 'pending'), [suggestions]);
  const accepted = useMemo(() => suggestions.filter((s) => s.status === 'accepted'), [suggestions]);
  const rejected = useMemo(() => suggestions.filter((s) => s.status === 'rejected'), [suggestions]);
  const groups = useMemo(() => groupByType(pending), [pending]);

  async function act<T>(work: () => Promise<Result<T>>, describe?: (value: T) => string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await work();
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setNotice(describe?.(result.value) ?? null);
    changed();
  }

  function accept(ids: readonly SuggestionId[]) {
    void act(
      () => storage.suggestions.accept(ids),
      ({ passages, createdEntities }) =>
        `Accepted ${plural(passages.length, 'mention', 'mentions')}` +
        (createdEntities.length > 0
          ? `; ${plural(createdEntities.length, 'new entity', 'new entities')}.`
          : '.'),
    );
  }

  function reject(ids: readonly SuggestionId[]) {
    void act(() => storage.suggestions.reject(ids));
  }

  function changeType(id: SuggestionId, type: EntityType) {
    void act(() => storage.suggestions.setType(id, type));
  }

  function allowAgain(s: Suggestion) {
    void act(
      () => storage.suggestions.unreject(caseId, suggestionKey(s.type, s.value)),
      () => `“${s.value}” may be proposed again the next time suggestions are found.`,
    );
  }

  function find() {
    setError(null);
    setNotice(null);
    const title = loaded.status === 'ready' ? (loaded.value.source?.title ?? '') : '';
    queue.runNow(caseId, { id: sourceId, title });
  }

  const everRun = suggestions.length > 0 || outcome?.status === 'done';
  const originOf = (s: Suggestion) =>
    s.origin === 'known'
      ? `known entity: ${(s.entityId && names.get(s.entityId)) ?? s.value}`
      : s.origin;

  return (
    <section className="cf-suggestions" aria-label="Suggestions">
      <header className="cf-suggestions__header">
        <p role="status" className="cf-suggestions__counts">
          <strong>{pending.length.toLocaleString()}</strong> to review ·{' '}
          {accepted.length.toLocaleString()} accepted · {rejected.length.toLocaleString()} rejected
        </p>
        {job ? null : (
          <Button onClick={find} disabled={readOnly || loaded.status !== 'ready'}>
            {everRun ? 'Run again' : 'Find suggestions'}
          </Button>
        )}
      </header>
      {job ? <Progress job={job} onCancel={() => queue.cancel(sourceId)} /> : null}
      {/* Once everything found is reviewed, "Found N" is old news. */}
      {!job && outcome && !(outcome.status === 'done' && pending.length === 0) ? (
        <OutcomeLine outcome={outcome} />
      ) : null}
      {error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
      {notice ? <Banner tone="info">{notice}</Banner> : null}
      {loaded.status === 'loading' ? <p role="status">Reading suggestions…</p> : null}
      {loaded.status === 'failed' ? (
        <p role="alert" className="cf-field__error">
          Could not read suggestions: {loaded.message}
        </p>
      ) : null}
      {loaded.status === 'ready' && pending.length === 0 && !job ? (
        <p className="cf-muted cf-suggestions__empty">
          {everRun
            ? 'Nothing left to review.'
            : 'Casefile can propose people, organisations, places and indicators (IP addresses, domains, URLs, e-mail addresses, hashes, wallets, IBANs…) found in this source. Nothing leaves this computer.'}
        </p>
      ) : null}
      {groups.map((group) => (
        <SuggestionGroup
          key={group.type}
          group={group}
          readOnly={readOnly || busy}
          customTypes={customTypes}
          originOf={originOf}
          onAccept={accept}
          onReject={reject}
          onChangeType={changeType}
          onShow={onShow}
        />
      ))}
      {accepted.length + rejected.length > 0 ? (
        <div className="cf-suggestions__done">
          <div className="cf-suggestions__toggles" role="group" aria-label="Reviewed suggestions">
            <Button
              variant="ghost"
              aria-pressed={showDone === 'accepted'}
              onClick={() => setShowDone(showDone === 'accepted' ? 'none' : 'accepted')}
            >
              Accepted ({accepted.length})
            </Button>
            <Button
              variant="ghost"
              aria-pressed={showDone === 'rejected'}
              onClick={() => setShowDone(showDone === 'rejected' ? 'none' : 'rejected')}
            >
              Rejected ({rejected.length})
            </Button>
          </div>
          {showDone !== 'none' ? (
            <ul
              className="cf-suggestion-list cf-suggestion-list--done"
              aria-label={showDone === 'accepted' ? 'Accepted suggestions' : 'Rejected suggestions'}
            >
              {(showDone === 'accepted' ? accepted : rejected).map((s) => (
                <li key={s.id} className="cf-suggestion" aria-label={s.raw}>
                  <div className="cf-suggestion__text">
                    <EntityTypeBadge type={s.type} iconOnly />
                    <SuggestionText suggestion={s} />
                  </div>
                  <div className="cf-suggestion__actions">
                    <Button variant="ghost" onClick={() => onShow(s.start, s.end)}>
                      Show
                    </Button>
                    {s.status === 'rejected' ? (
                      <Button
                        variant="ghost"
                        disabled={readOnly || busy}
                        aria-label={`Allow ${s.raw} again`}
                        onClick={() => allowAgain(s)}
                      >
                        Allow again
                      </Button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Progress({
  job,
  onCancel,
}: {
  readonly job: ExtractionJob;
  readonly onCancel: () => void;
}) {
  const label =
    job.state === 'queued'
      ? 'Waiting for other sources to finish…'
      : job.totalChars === 0
        ? 'Reading the source…'
        : `Finding suggestions… ${percent(job)}%`;
  return (
    <div className="cf-suggestions__progress">
      <span role="status">{label}</span>
      <progress
        aria-label="Extraction progress"
        max={Math.max(job.totalChars, 1)}
        value={job.state === 'running' ? job.doneChars : 0}
      />
      <Button onClick={onCancel}>Cancel</Button>
    </div>
  );
}

function OutcomeLine({ outcome }: { readonly outcome: ExtractionOutcome }) {
  switch (outcome.status) {
    case 'done':
      return (
        <p className="cf-muted" role="status">
          Found {outcome.found.toLocaleString()}; {outcome.added.toLocaleString()} new to review
          {outcome.skippedRejected > 0
            ? ` (${outcome.skippedRejected.toLocaleString()} rejected before, left out)`
            : ''}
          .
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className="cf-field__error">
          Finding suggestions failed: {outcome.message}
        </p>
      );
    case 'cancelled':
      return (
        <p className="cf-muted" role="status">
          Cancelled: nothing was stored.
        </p>
      );
    case 'skipped':
      return (
        <p className="cf-muted" role="status">
          {outcome.reason}
        </p>
      );
  }
}

function SuggestionText({ suggestion }: { readonly suggestion: Suggestion }) {
  const indicator = entityTypeInfo(suggestion.type).indicator;
  const differs = suggestion.value !== suggestion.raw;
  return (
    <span className="cf-suggestion__value">
      {indicator ? (
        <code className="cf-suggestion__raw">{suggestion.raw}</code>
      ) : (
        <span className="cf-suggestion__raw">{suggestion.raw}</span>
      )}
      {differs ? (
        <>
          <span className="cf-suggestion__arrow" aria-label="becomes">
            {' → '}
          </span>
          {indicator ? <code>{suggestion.value}</code> : <span>{suggestion.value}</span>}
        </>
      ) : null}
    </span>
  );
}

function SuggestionGroup({
  group,
  readOnly,
  customTypes,
  originOf,
  onAccept,
  onReject,
  onChangeType,
  onShow,
}: {
  readonly group: Group;
  readonly readOnly: boolean;
  readonly customTypes: readonly EntityType[];
  readonly originOf: (s: Suggestion) => string;
  readonly onAccept: (ids: readonly SuggestionId[]) => void;
  readonly onReject: (ids: readonly SuggestionId[]) => void;
  readonly onChangeType: (id: SuggestionId, type: EntityType) => void;
  readonly onShow: (start: number, end: number) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  const label = entityTypeInfo(group.type).label;
  const ids = group.items.map((s) => s.id);
  const shown = showAll ? group.items : group.items.slice(0, FIRST_ROWS);
  return (
    <section className="cf-suggestion-group" aria-label={`${label} suggestions`}>
      <header className="cf-suggestion-group__header">
        <h4>
          <EntityTypeBadge type={group.type} />
          <span className="cf-count">{group.items.length.toLocaleString()}</span>
        </h4>
        <div className="cf-suggestion-group__actions">
          <Button
            aria-label={`Accept all ${label}`}
            disabled={readOnly}
            onClick={() => onAccept(ids)}
          >
            Accept all
          </Button>
          <Button
            variant="ghost"
            aria-label={`Reject all ${label}`}
            disabled={readOnly}
            onClick={() => onReject(ids)}
          >
            Reject all
          </Button>
        </div>
      </header>
      <ul className="cf-suggestion-list">
        {shown.map((s) => (
          <li key={s.id} className="cf-suggestion" aria-label={s.raw}>
            <div className="cf-suggestion__text">
              <SuggestionText suggestion={s} />
              <span className="cf-suggestion__meta">
                {s.detail ? <span className="cf-chip">{s.detail}</span> : null}
                <span className="cf-muted">{originOf(s)}</span>
              </span>
            </div>
            <div className="cf-suggestion__actions">
              <Button
                variant="ghost"
                onClick={() => onShow(s.start, s.end)}
                aria-label={`Show ${s.raw}`}
              >
                Show
              </Button>
              <select
                className="cf-select cf-select--small"
                aria-label={`Type of ${s.raw}`}
                value={s.type}
                disabled={readOnly}
                onChange={(e) => onChangeType(s.id, e.target.value as EntityType)}
              >
                <TypeOptions
                  customTypes={
                    customTypes.includes(s.type) || !s.type.startsWith('custom:')
                      ? customTypes
                      : [...customTypes, s.type]
                  }
                />
              </select>
              <Button
                variant="primary"
                aria-label={`Accept ${s.raw}`}
                disabled={readOnly}
                onClick={() => onAccept([s.id])}
              >
                Accept
              </Button>
              <Button
                aria-label={`Reject ${s.raw}`}
                disabled={readOnly}
                onClick={() => onReject([s.id])}
              >
                Reject
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {!showAll && group.items.length > FIRST_ROWS ? (
        <Button variant="ghost" onClick={() => setShowAll(true)}>
          Show {(group.items.length - FIRST_ROWS).toLocaleString()} more
        </Button>
      ) : null}
    </section>
  );
}
