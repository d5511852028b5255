import { useState, type KeyboardEvent, type RefObject } from 'react';
import type { SearchRecordKind, SourceId } from '../../core';
import type { SearchGroup, SearchHit, SearchResponse } from '../../search/types';
import { Button } from '../../ui';
import { EntityTypeBadge } from '../entities';
import { Highlighted } from './Highlighted';
import { KIND_LABELS, KIND_NOUNS, count, plural } from './format';

export interface SearchResultsProps {
  readonly response: SearchResponse;
  /** The kind shown in full ("Show all"), or undefined for the grouped overview. */
  readonly kind: SearchRecordKind | undefined;
  /** The expanded kind's further pages. */
  readonly more: readonly SearchHit[];
  readonly loadingMore: boolean;
  /** Source titles for passage hits ("in …"); missing ones are left out. */
  readonly sourceTitles: ReadonlyMap<SourceId, string>;
  /** The search field: Escape, and ArrowUp from the first hit, go back to it. */
  readonly field: RefObject<HTMLInputElement | null>;
  /** The container hits are found in for arrow keys (the results list). */
  readonly list: RefObject<HTMLDivElement | null>;
  readonly onShowKind: (kind: SearchRecordKind | undefined) => void;
  readonly onLoadMore: () => void;
  readonly onOpen: (hit: SearchHit) => void;
  /** Offered on hits it returns true for. */
  readonly canTag: (hit: SearchHit) => boolean;
  readonly onTag: (hit: SearchHit) => void;
}

const keyOf = (hit: SearchHit) => `${hit.kind}:${hit.id}`;

/**
 * The results, grouped by kind in SEARCH_RECORD_KINDS order with each group's total; or one kind
 * in full, paged. Arrow keys move between hits (one tab stop: roving focus), Enter opens one,
 * Escape goes back to the search field.
 */
export function SearchResults({
  response,
  kind,
  more,
  loadingMore,
  sourceTitles,
  field,
  list,
  onShowKind,
  onLoadMore,
  onOpen,
  canTag,
  onTag,
}: SearchResultsProps) {
  const [active, setActive] = useState<string | undefined>(undefined);
  const groups = response.groups.filter((g) => (kind ? g.kind === kind : g.total > 0));
  const firstKey = groups.find((g) => g.hits.length > 0)?.hits[0];
  const focusable = active ?? (firstKey ? keyOf(firstKey) : undefined);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      field.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const hits = Array.from(list.current?.querySelectorAll<HTMLElement>('[data-search-hit]') ?? []);
    const row = (event.target as HTMLElement).closest('[data-search-row]');
    const at = hits.findIndex((hit) => row?.contains(hit));
    if (at === -1) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? hits[at + 1] : hits[at - 1];
    if (next) next.focus();
    else if (event.key === 'ArrowUp') field.current?.focus();
  }

  if (response.total === 0) {
    return (
      <p className="cf-search-area__empty">
        No results.
        {response.complete ? null : ' The index is still being built: try again in a moment.'}
      </p>
    );
  }

  return (
    <div ref={list} className="cf-search-area__results" onKeyDown={onKeyDown}>
      {kind ? (
        <p className="cf-search-area__back">
          <Button variant="ghost" onClick={() => onShowKind(undefined)}>
            ← All results
          </Button>
        </p>
      ) : null}
      {groups.map((group) => (
        <ResultGroup
          key={group.kind}
          group={group}
          hits={kind ? [...group.hits, ...more] : group.hits}
          expanded={kind !== undefined}
          focusable={focusable}
          sourceTitles={sourceTitles}
          loadingMore={loadingMore}
          onFocusHit={setActive}
          onShowKind={onShowKind}
          onLoadMore={onLoadMore}
          onOpen={onOpen}
          canTag={canTag}
          onTag={onTag}
        />
      ))}
    </div>
  );
}

function ResultGroup({
  group,
  hits,
  expanded,
  focusable,
  sourceTitles,
  loadingMore,
  onFocusHit,
  onShowKind,
  onLoadMore,
  onOpen,
  canTag,
  onTag,
}: {
  readonly group: SearchGroup;
  readonly hits: readonly SearchHit[];
  readonly expanded: boolean;
  readonly focusable: string | undefined;
  readonly sourceTitles: ReadonlyMap<SourceId, string>;
  readonly loadingMore: boolean;
  readonly onFocusHit: (key: string) => void;
  readonly onShowKind: (kind: SearchRecordKind | undefined) => void;
  readonly onLoadMore: () => void;
  readonly onOpen: (hit: SearchHit) => void;
  readonly canTag: (hit: SearchHit) => boolean;
  readonly onTag: (hit: SearchHit) => void;
}) {
  const headingId = `cf-search-group-${group.kind}`;
  const nouns = KIND_NOUNS[group.kind];
  return (
    <section className="cf-search-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="cf-search-group__heading">
        {KIND_LABELS[group.kind]}{' '}
        <span className="cf-search-group__count">{count(group.total)}</span>
      </h2>
      {hits.length === 0 ? (
        <p className="cf-search-area__empty">No {nouns[1]} match.</p>
      ) : (
        <ul className="cf-search-group__hits">
          {hits.map((hit) => (
            <HitRow
              key={keyOf(hit)}
              hit={hit}
              tabbable={focusable === keyOf(hit)}
              sourceTitle={hit.sourceId ? sourceTitles.get(hit.sourceId as SourceId) : undefined}
              onFocus={() => onFocusHit(keyOf(hit))}
              onOpen={() => onOpen(hit)}
              onTag={canTag(hit) ? () => onTag(hit) : undefined}
            />
          ))}
        </ul>
      )}
      {!expanded && group.total > group.hits.length ? (
        <Button
          variant="ghost"
          className="cf-search-group__all"
          onClick={() => onShowKind(group.kind)}
        >
          Show all {plural(group.total, nouns)}
        </Button>
      ) : null}
      {expanded && hits.length < group.total ? (
        <p className="cf-search-group__more">
          <span className="cf-muted">
            Showing {count(hits.length)} of {count(group.total)}
          </span>
          <Button onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Show more'}
          </Button>
        </p>
      ) : null}
    </section>
  );
}

function HitRow({
  hit,
  tabbable,
  sourceTitle,
  onFocus,
  onOpen,
  onTag,
}: {
  readonly hit: SearchHit;
  readonly tabbable: boolean;
  readonly sourceTitle: string | undefined;
  readonly onFocus: () => void;
  readonly onOpen: () => void;
  readonly onTag: (() => void) | undefined;
}) {
  const { snippet } = hit;
  return (
    <li className="cf-search-hit" data-search-row="">
      <button
        type="button"
        className="cf-search-hit__open"
        data-search-hit=""
        tabIndex={tabbable ? 0 : -1}
        onFocus={onFocus}
        onClick={onOpen}
      >
        <span className="cf-search-hit__title">
          <Highlighted text={hit.title} ranges={hit.titleHighlights} />
        </span>
        <span className="cf-search-hit__details">
          {hit.entityType ? <EntityTypeBadge type={hit.entityType} /> : null}
          {hit.kind === 'passage' && sourceTitle ? <span>in {sourceTitle}</span> : null}
          {hit.fuzzyOnly ? <span className="cf-search-hit__fuzzy">similar spelling</span> : null}
        </span>
        {snippet ? (
          <span className="cf-search-hit__snippet">
            {snippet.cutBefore ? '…' : null}
            <Highlighted text={snippet.text} ranges={snippet.highlights} />
            {snippet.cutAfter ? '…' : null}
          </span>
        ) : null}
      </button>
      {onTag ? (
        <Button
          variant="ghost"
          className="cf-search-hit__tag"
          tabIndex={tabbable ? 0 : -1}
          onClick={onTag}
        >
          Tag as entity…
        </Button>
      ) : null}
    </li>
  );
}
