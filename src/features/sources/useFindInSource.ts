import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  findInPrepared,
  hasWordsToFind,
  parseSearchQuery,
  prepareFindableText,
  tokenizeForFindInSlices,
  type FindableText,
  type FindResult,
  type SearchFilters,
  type SearchToken,
} from '../../search';

/** Texts longer than this are searched a little after typing pauses, not on every keystroke. */
const LARGE_TEXT_CHARS = 100_000;
const DEBOUNCE_MS = 150;
/** Tokenizing a long text yields to the browser after about this long. */
const SLICE_BUDGET_MS = 12;

type SearchRange = FindResult['ranges'][number];

export interface FindMessage {
  readonly tone: 'error' | 'warning' | 'info';
  readonly text: string;
}

export interface FindInSource {
  readonly open: boolean;
  /** The query as typed. */
  readonly query: string;
  readonly setQuery: (query: string) => void;
  /** Opens the bar (or keeps it open) and asks it to take focus with its query selected. */
  readonly openBar: () => void;
  /** Closes the bar; its matches are no longer painted. */
  readonly close: () => void;
  readonly next: () => void;
  readonly previous: () => void;
  /** Matches of the searched query, sorted; empty while closed or reading the text. */
  readonly matches: readonly SearchRange[];
  /** More matches exist than are listed. */
  readonly truncated: boolean;
  readonly currentIndex: number | undefined;
  readonly current: SearchRange | undefined;
  /** The text is still being read (long texts), or a typed query is not searched yet. */
  readonly busy: boolean;
  /** Whether the query has been searched and the count means something. */
  readonly searched: boolean;
  readonly message: FindMessage | undefined;
  /** Increases each time the bar should take focus. */
  readonly focusRequest: number;
  /** Increases at each step (next, previous) and new query, so the view scrolls even to the same match. */
  readonly moves: number;
}

/**
 * State of "find in this source": the query, its matches in the text and the current one. The
 * text is tokenized once (in slices that yield to the browser, the first time the bar opens);
 * each query is then a pass over the tokens, searched a moment after typing pauses on a long text.
 *
 * The current match is kept as an anchor offset: the first match ending after it is current. So
 * refining the query keeps the place, and a search hit's offset (`initialAt`) picks the match at
 * or nearest after it.
 */
export function useFindInSource(
  text: string | undefined,
  initialQuery: string | undefined,
  initialAt: number | undefined,
): FindInSource {
  const [open, setOpen] = useState(initialQuery !== undefined);
  const [query, setQueryState] = useState(initialQuery ?? '');
  const [searchedQuery, setSearchedQuery] = useState(initialQuery ?? '');
  const [anchor, setAnchor] = useState(initialAt ?? 0);
  const [focusRequest, setFocusRequest] = useState(initialQuery !== undefined ? 1 : 0);
  const [moves, setMoves] = useState(0);
  const [prepared, setPrepared] = useState<
    { readonly text: string; readonly findable: FindableText } | undefined
  >(undefined);

  // A new search hit while open (the route changed, the reader stayed): find it now.
  const [linked, setLinked] = useState({ initialQuery, initialAt });
  if (linked.initialQuery !== initialQuery || linked.initialAt !== initialAt) {
    setLinked({ initialQuery, initialAt });
    if (initialQuery !== undefined) {
      setOpen(true);
      setQueryState(initialQuery);
      setSearchedQuery(initialQuery);
      setAnchor(initialAt ?? 0);
      setFocusRequest((n) => n + 1);
      setMoves((n) => n + 1);
    }
  }

  const textLength = text?.length ?? 0;
  const needsTokens = open && text !== undefined && prepared?.text !== text;
  useEffect(() => {
    if (!needsTokens || text === undefined) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slices = tokenizeForFindInSlices(text);
    const tokens: SearchToken[] = [];
    const step = () => {
      if (cancelled) return;
      const started = performance.now();
      for (;;) {
        const slice = slices.next();
        if (slice.done) {
          setPrepared({ text, findable: prepareFindableText(text, tokens) });
          return;
        }
        for (const token of slice.value) tokens.push(token);
        if (performance.now() - started > SLICE_BUDGET_MS) break;
      }
      timer = setTimeout(step);
    };
    timer = setTimeout(step);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [needsTokens, text]);

  // Search a long text when typing pauses; a short one at once.
  useEffect(() => {
    if (searchedQuery === query) return;
    const timer = setTimeout(
      () => setSearchedQuery(query),
      textLength > LARGE_TEXT_CHARS ? DEBOUNCE_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [query, searchedQuery, textLength]);

  const parsed = useMemo(
    () => (searchedQuery.trim() === '' ? undefined : parseSearchQuery(searchedQuery)),
    [searchedQuery],
  );
  const findable = prepared !== undefined && prepared.text === text ? prepared.findable : undefined;
  const result = useMemo(
    () =>
      open && findable && parsed?.ok === true ? findInPrepared(findable, parsed.value) : undefined,
    [open, findable, parsed],
  );
  const matches = useMemo(() => result?.ranges ?? [], [result]);

  const currentIndex = useMemo(() => {
    if (matches.length === 0) return undefined;
    // The first match ending after the anchor (binary search); past the last one, wrap around.
    let lo = 0;
    let hi = matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (matches[mid]!.end > anchor) hi = mid;
      else lo = mid + 1;
    }
    return lo < matches.length ? lo : 0;
  }, [matches, anchor]);

  const step = useCallback(
    (by: 1 | -1) => {
      if (currentIndex === undefined) return;
      const to = (currentIndex + by + matches.length) % matches.length;
      setAnchor(matches[to]!.start);
      setMoves((n) => n + 1);
    },
    [currentIndex, matches],
  );
  const next = useCallback(() => step(1), [step]);
  const previous = useCallback(() => step(-1), [step]);

  const setQuery = useCallback((value: string) => {
    setQueryState(value);
    setMoves((n) => n + 1);
  }, []);
  const openBar = useCallback(() => {
    setOpen(true);
    setFocusRequest((n) => n + 1);
  }, []);
  const close = useCallback(() => setOpen(false), []);

  let message: FindMessage | undefined;
  if (parsed && !parsed.ok) {
    message = { tone: 'error', text: parsed.error.message };
  } else if (parsed?.ok) {
    const { value } = parsed;
    if (!hasWordsToFind(value)) {
      message = {
        tone: 'info',
        text: 'Only words are found here: filters and excluded words choose records in case-wide search.',
      };
    } else if (value.warnings.length > 0) {
      message = { tone: 'warning', text: value.warnings[0]!.message };
    } else if (hasFilters(value.filters)) {
      message = {
        tone: 'info',
        text: 'Filters apply to case-wide search; here only the words are found.',
      };
    }
  }

  return {
    open,
    query,
    setQuery,
    openBar,
    close,
    next,
    previous,
    matches,
    truncated: result?.truncated ?? false,
    currentIndex,
    current: currentIndex === undefined ? undefined : matches[currentIndex],
    busy: open && (findable === undefined || searchedQuery !== query),
    searched: result !== undefined,
    message,
    focusRequest,
    moves,
  };
}

function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.recordKinds.length > 0 ||
    filters.entityTypes.length > 0 ||
    filters.sources.length > 0 ||
    filters.entities.length > 0 ||
    filters.before !== undefined ||
    filters.after !== undefined
  );
}
