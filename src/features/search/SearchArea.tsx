import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type {
  CaseId,
  ClaimId,
  EntityId,
  NoteId,
  PassageId,
  SearchRecordKind,
  SourceId,
} from '../../core';
import type { SearchHit } from '../../search/types';
import { Banner, Button, ResizeHandle, useResizablePane } from '../../ui';
import { EntityPicker, type EntityPickChoice } from '../entities';
import { useServices } from '../services';
import { useStorage, useStorageQuery } from '../storage';
import { SavedSearches } from './SavedSearches';
import { SearchResults } from './SearchResults';
import { SyntaxHelp } from './SyntaxHelp';
import { registerSearchField } from './focusCaseSearch';
import { count, searchShortcutAria, statusLine } from './format';
import { sourceRangeOfHit } from './matchOffsets';
import { useCaseSearch } from './useCaseSearch';

/** Results follow the typing after this pause, so each keystroke does not start a search. */
export const SEARCH_DEBOUNCE_MS = 150;

/** "Find in this source" for a hit opened in the reader: the query, the match to start at. */
export interface SearchFind {
  readonly find: string;
  readonly findAt?: number | undefined;
}

export interface SearchAreaProps {
  readonly caseId: CaseId;
  /** The query in the route (`?q=`), as typed. */
  readonly query: string | undefined;
  readonly readOnly: boolean;
  /**
   * The query changed: put it in the route. `replace` while typing (one history entry per
   * search, not per keystroke), not when a saved search is run.
   */
  readonly onQueryChange: (query: string, options: { readonly replace: boolean }) => void;
  readonly onOpenSource: (id: SourceId, find: SearchFind) => void;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId, find: SearchFind) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  readonly onOpenNote: (id: NoteId) => void;
}

interface Tagging {
  readonly sourceId: SourceId;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The Search area (`#/case/<id>/search?q=…`): the query field, how the query was read, the index
 * status, the results grouped by kind (SearchResults) and the saved searches. Results follow the
 * typing (debounced; only the latest answer is shown) and the route keeps the query.
 */
export function SearchArea({
  caseId,
  query: routeQuery,
  readOnly,
  onQueryChange,
  onOpenSource,
  onOpenPassage,
  onOpenEntity,
  onOpenClaim,
  onOpenNote,
}: SearchAreaProps) {
  const { search: client } = useServices();
  const { storage, changed } = useStorage();
  const fieldId = useId();
  const field = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(routeQuery ?? '');
  const [query, setQuery] = useState(routeQuery ?? '');
  const [kind, setKind] = useState<SearchRecordKind | undefined>(undefined);
  const [tagging, setTagging] = useState<Tagging | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dismissedNotice, setDismissedNotice] = useState<string | undefined>(undefined);
  // The query this area last put in the route: a different one arriving there came from
  // elsewhere (Back, the header box, a saved search) and replaces what is typed.
  const sent = useRef(routeQuery ?? '');

  useEffect(() => registerSearchField(() => field.current?.focus()), []);

  const previousRoute = useRef(routeQuery);
  useEffect(() => {
    // Only a change of the route counts: a query too long for the route (it drops it) is kept.
    if (routeQuery === previousRoute.current) return;
    previousRoute.current = routeQuery;
    const next = routeQuery ?? '';
    if (next === sent.current) return;
    sent.current = next;
    setText(next);
    setQuery(next);
  }, [routeQuery]);

  // The query searched is the text once typing pauses; the route follows (replacing the entry).
  const commit = useCallback(
    (next: string) => {
      setQuery(next);
      if (next === sent.current) return;
      sent.current = next;
      onQueryChange(next, { replace: true });
    },
    [onQueryChange],
  );
  useEffect(() => {
    if (text === query) return;
    const timer = setTimeout(() => commit(text), text.trim() === '' ? 0 : SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, commit]);

  const search = useCaseSearch(client, caseId, query, kind);
  const savedPane = useResizablePane({
    caseId,
    pane: 'search.saved',
    defaultSize: 256,
    min: 192,
    max: 560,
  });
  const { state, status } = search;
  const response =
    state.phase === 'done'
      ? state.response
      : state.phase === 'searching'
        ? state.previous
        : undefined;

  // Passage hits say which source they are in.
  const passageSources = useMemo(() => {
    const ids = new Set<SourceId>();
    for (const group of response?.groups ?? []) {
      for (const hit of group.hits) if (hit.sourceId) ids.add(hit.sourceId as SourceId);
    }
    for (const hit of search.more) if (hit.sourceId) ids.add(hit.sourceId as SourceId);
    return [...ids].sort();
  }, [response, search.more]);
  const titles = useStorageQuery(
    async (s) => {
      const found = await Promise.all(passageSources.map((id) => s.sources.get(id)));
      return new Map(
        found.flatMap((source) => (source ? [[source.id, source.title] as const] : [])),
      );
    },
    [passageSources.join(',')],
  );
  const sourceTitles = titles.status === 'ready' ? titles.value : new Map<SourceId, string>();

  function runNow(next: string) {
    setText(next);
    setQuery(next);
  }

  function onFieldKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      const first = list.current?.querySelector<HTMLElement>('[data-search-hit]');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      commit(text);
    }
  }

  function open(hit: SearchHit) {
    const find: SearchFind = { find: query, findAt: hit.firstMatch?.start };
    switch (hit.kind) {
      case 'source':
        onOpenSource(hit.id as SourceId, find);
        return;
      case 'passage':
        if (hit.sourceId) {
          onOpenPassage(hit.sourceId as SourceId, hit.id as PassageId, { find: query });
        }
        return;
      case 'entity':
        onOpenEntity(hit.id as EntityId);
        return;
      case 'claim':
        onOpenClaim(hit.id as ClaimId);
        return;
      case 'note':
        onOpenNote(hit.id as NoteId);
        return;
    }
  }

  const canTag = (hit: SearchHit) =>
    !readOnly &&
    ((hit.kind === 'source' && hit.firstMatch !== undefined) ||
      (hit.kind === 'passage' && hit.position !== undefined && hit.titleHighlights.length > 0));

  async function startTagging(hit: SearchHit) {
    setNotice(null);
    setProblem(null);
    const sourceId = (hit.kind === 'source' ? hit.id : hit.sourceId) as SourceId | undefined;
    const content = sourceId ? await storage.sources.content(sourceId) : undefined;
    const range = content ? sourceRangeOfHit(hit, content.text) : undefined;
    if (!sourceId || !content || !range) {
      setProblem(
        'The match could not be found in the source’s text (it may have changed): open the source and tag it there.',
      );
      return;
    }
    setTagging({ sourceId, ...range, text: content.text.slice(range.start, range.end) });
  }

  // The same write the reader's "Tag as entity" makes: a mention passage at the match's offsets,
  // of an existing entity or of one created with it (storage.passages.create).
  async function tag(target: Tagging, choice: EntityPickChoice): Promise<string | null> {
    const created = await storage.passages.create(caseId, {
      sourceId: target.sourceId,
      start: target.start,
      end: target.end,
      kind: 'mention',
      ...choice,
    });
    if (!created.ok) return created.error.message;
    setTagging(null);
    setNotice(`“${target.text}” was tagged as a mention.`);
    changed();
    return null;
  }

  const line = status ? statusLine(status) : undefined;
  const rebuildNotice = search.notice !== dismissedNotice ? search.notice : undefined;

  return (
    <section
      className="cf-search-area cf-split"
      style={savedPane.style}
      aria-labelledby={`${fieldId}-heading`}
    >
      <div className="cf-search-area__main">
        <h2 id={`${fieldId}-heading`} className="cf-search-area__heading">
          Search
        </h2>
        <form role="search" className="cf-search-area__form" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={fieldId} className="cf-search-area__label">
            Search this case
          </label>
          <input
            ref={field}
            id={fieldId}
            type="search"
            className="cf-search cf-search-area__field"
            value={text}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            aria-keyshortcuts={searchShortcutAria()}
            aria-describedby={`${fieldId}-about`}
            placeholder="Words, “a phrase”, kim*, type:person…"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onFieldKeyDown}
          />
        </form>
        <div id={`${fieldId}-about`} className="cf-search-area__about">
          {state.phase === 'idle' ? (
            <p className="cf-search-area__hint">
              Type words to search every source, passage, entity, claim and note of this case.
              Results appear as you type.
            </p>
          ) : null}
          {state.phase === 'error' && state.error.code.startsWith('search.query.') ? (
            <p className="cf-search-area__error" role="alert">
              {state.error.message}
            </p>
          ) : null}
          {response && state.phase !== 'error' ? (
            <p className="cf-search-area__description">
              Searching for {response.description}
              <span className="cf-muted">
                {' '}
                · {count(response.total)} {response.total === 1 ? 'result' : 'results'}
              </span>
            </p>
          ) : null}
          {response && response.warnings.length > 0 && state.phase !== 'error' ? (
            <ul className="cf-search-area__warnings" aria-label="How the search was read">
              {response.warnings.map((w) => (
                <li key={`${w.code}:${w.message}`}>{w.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <SyntaxHelp />
        <div role="status" className="cf-search-area__status">
          {line ? (
            <span>
              {line}
              {response && !response.complete ? ' Results so far cover what is indexed.' : ''}
            </span>
          ) : null}
          {state.phase === 'searching' && !line ? (
            <span className="cf-muted">Searching…</span>
          ) : null}
        </div>
        {rebuildNotice ? (
          <div className="cf-search-area__notice">
            <Banner tone="info">{rebuildNotice}</Banner>
            <Button variant="ghost" onClick={() => setDismissedNotice(rebuildNotice)}>
              Dismiss
            </Button>
          </div>
        ) : null}
        {status?.state === 'failed' ||
        (state.phase === 'error' && !state.error.code.startsWith('search.query.')) ? (
          <div className="cf-search-area__failed">
            <Banner tone="error">
              The search index could not be used
              {status?.error
                ? `: ${status.error}`
                : state.phase === 'error'
                  ? `: ${state.error.message}`
                  : '.'}
            </Banner>
            <Button
              onClick={() => {
                void search.rebuild().then((failure) => failure && setProblem(failure.message));
              }}
            >
              Rebuild index
            </Button>
          </div>
        ) : null}
        {notice ? <Banner tone="info">{notice}</Banner> : null}
        {problem ? <Banner tone="error">{problem}</Banner> : null}
        {response && state.phase !== 'error' ? (
          <SearchResults
            response={response}
            kind={kind}
            more={search.more}
            loadingMore={search.loadingMore}
            sourceTitles={sourceTitles}
            field={field}
            list={list}
            onShowKind={setKind}
            onLoadMore={search.loadMore}
            onOpen={open}
            canTag={canTag}
            onTag={(hit) => void startTagging(hit)}
          />
        ) : null}
      </div>
      <ResizeHandle pane={savedPane} label="Resize the saved searches" side="end" />
      <SavedSearches
        caseId={caseId}
        query={text}
        readOnly={readOnly}
        onRun={(saved) => {
          runNow(saved);
          sent.current = saved;
          onQueryChange(saved, { replace: false });
        }}
      />
      {tagging ? (
        <EntityPicker
          caseId={caseId}
          title="Tag as entity"
          initialName={tagging.text}
          onPick={(choice) => tag(tagging, choice)}
          onCancel={() => setTagging(null)}
        />
      ) : null}
    </section>
  );
}
