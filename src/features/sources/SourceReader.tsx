import { Search } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  ClaimId,
  Entity,
  EntityId,
  NoteId,
  Passage,
  PassageId,
  SourceContent,
  SourceId,
} from '../../core';
import { Banner, Button, ResizeHandle, useResizablePane, useTheme } from '../../ui';
import { ClaimToast } from '../claims';
import { useStorage, useStorageQuery, type QueryState } from '../storage';
import { SuggestionQueue } from '../suggestions';
import { CanonicalText } from './CanonicalText';
import { FindBar } from './FindBar';
import { clearFindMatches, paintCurrentMatch, paintFindMatches } from './findHighlights';
import { PassageList } from './PassageList';
import { SelectionToolbar } from './SelectionToolbar';
import { SourceDetails } from './SourceDetails';
import {
  SELECTED_HIGHLIGHT,
  paintRange,
  keepRangeCentred,
  scrollToRange,
  showRange,
} from './rangeHighlights';
import { sanitizeForFrame } from './sanitize';
import { rangeFromOffsets } from './textOffsets';
import { blockViews, innermost, pageAt, textBlocks, type PlacedLook } from './textBlocks';
import { useFindInSource } from './useFindInSource';

export interface SourceReaderProps {
  readonly sourceId: SourceId;
  /** A passage to scroll to and flash once the source is open (deep link). */
  readonly focusPassageId?: PassageId | undefined;
  readonly readOnly: boolean;
  readonly onBack: () => void;
  readonly onOpenSource: (id: SourceId) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onOpenClaim: (id: ClaimId) => void;
  /** Opens a note: passages and selections can then be quoted in notes. */
  readonly onOpenNote?: (id: NoteId) => void;
  /**
   * Opened from a search hit: "find in this source" opens with this query (case-wide search
   * syntax), and the match starting at (or nearest after) `findAt` is current and scrolled to.
   */
  readonly findQuery?: string | undefined;
  readonly findAt?: number | undefined;
}

type View = 'text' | 'original';
type SideTab = 'passages' | 'suggestions' | 'details';

const SIDE_TABS: readonly { readonly id: SideTab; readonly label: string }[] = [
  { id: 'passages', label: 'Passages' },
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'details', label: 'Details' },
];

/** The side tab last chosen: moving to another source (an attachment) keeps it. */
let lastSideTab: SideTab = 'passages';

interface Annotations {
  readonly passages: readonly Passage[];
  readonly entities: ReadonlyMap<EntityId, Entity>;
  readonly error?: string;
}

/** The extracted text, read once per source: passages change, the text does not. */
function useSourceContent(sourceId: SourceId): QueryState<SourceContent | undefined> {
  const { storage } = useStorage();
  const [state, setState] = useState<{
    readonly sourceId: SourceId;
    readonly query: QueryState<SourceContent | undefined>;
  }>({ sourceId, query: { status: 'loading' } });
  useEffect(() => {
    let current = true;
    storage.sources.content(sourceId).then(
      (value) => current && setState({ sourceId, query: { status: 'ready', value } }),
      (error: unknown) =>
        current &&
        setState({
          sourceId,
          query: {
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [storage, sourceId]);
  return state.sourceId === sourceId ? state.query : { status: 'loading' };
}

/**
 * One source: its canonical text (the anchor for passages) with its passages drawn on it, its
 * original, and a side panel with the passages, extraction suggestions, and details (evidence,
 * provenance). Selecting
 * text offers the selection toolbar (highlight, comment, tag as entity).
 */
export function SourceReader({
  sourceId,
  focusPassageId,
  readOnly,
  onBack,
  onOpenSource,
  onOpenEntity,
  onOpenClaim,
  onOpenNote,
  findQuery,
  findAt,
}: SourceReaderProps) {
  const loaded = useStorageQuery(
    async (storage) => {
      const [source, children] = await Promise.all([
        storage.sources.get(sourceId),
        storage.sources.children(sourceId),
      ]);
      return { source, children };
    },
    [sourceId],
  );
  const content = useSourceContent(sourceId);
  const sidePane = useResizablePane({
    caseId: loaded.status === 'ready' ? (loaded.value.source?.caseId ?? '') : '',
    pane: 'sources.reader-side',
    defaultSize: 384,
    min: 288,
    max: 720,
  });
  const annotations = useStorageQuery(
    async (storage): Promise<Annotations> => {
      const found = await storage.passages.forSource(sourceId);
      if (!found.ok) return { passages: [], entities: new Map(), error: found.error.message };
      const ids = [...new Set(found.value.flatMap((p) => (p.entityId ? [p.entityId] : [])))];
      const entities = await Promise.all(ids.map((id) => storage.entities.get(id)));
      return {
        passages: found.value,
        entities: new Map(entities.flatMap((e) => (e ? [[e.id, e] as const] : []))),
      };
    },
    [sourceId],
  );

  const [view, setView] = useState<View>('text');
  const [side, setSide] = useState<SideTab>(focusPassageId ? 'passages' : lastSideTab);
  const [selectedId, setSelectedId] = useState<PassageId | undefined>(focusPassageId);
  const [textRoot, setTextRoot] = useState<HTMLDivElement | null>(null);
  const [mainBox, setMainBox] = useState<HTMLDivElement | null>(null);
  const [sidePanel, setSidePanel] = useState<HTMLDivElement | null>(null);
  /** A range to scroll to once the text view is showing (it may be on the Original tab). */
  const pendingShow = useRef<{ readonly start: number; readonly end: number } | null>(null);
  /** How many paragraphs the text view has drawn so far (it draws long texts in passes). */
  const [drawn, setDrawn] = useState(0);
  const onProgress = useCallback((count: number) => setDrawn(count), []);
  /** The deep-linked passage already scrolled to (the route can ask for another one later). */
  const scrolledTo = useRef<PassageId | undefined>(undefined);
  const [linked, setLinked] = useState(focusPassageId);
  if (linked !== focusPassageId) {
    // A new deep link while open: select it now (adjusting state during render, not in an effect).
    setLinked(focusPassageId);
    if (focusPassageId) {
      setSelectedId(focusPassageId);
      setSide('passages');
    }
  }
  const openEntity = useRef(onOpenEntity);
  useEffect(() => {
    openEntity.current = onOpenEntity;
  }, [onOpenEntity]);

  const text = content.status === 'ready' ? content.value?.text : undefined;
  const find = useFindInSource(text, findQuery, findAt);
  const [article, setArticle] = useState<HTMLElement | null>(null);
  const passages = useMemo(
    () => (annotations.status === 'ready' ? annotations.value.passages : []),
    [annotations],
  );
  const entities = useMemo(
    () =>
      annotations.status === 'ready' ? annotations.value.entities : new Map<EntityId, Entity>(),
    [annotations],
  );
  const byId = useMemo(() => new Map(passages.map((p) => [p.id, p] as const)), [passages]);
  const focusStart = focusPassageId ? byId.get(focusPassageId)?.position.start : undefined;

  const blocks = useMemo(
    () => (content.status === 'ready' && content.value ? textBlocks(content.value) : []),
    [content],
  );
  const views = useMemo(() => {
    const placed: PlacedLook[] = passages
      .filter((p) => !p.orphaned)
      .map((p) => {
        const entity = p.entityId ? entities.get(p.entityId) : undefined;
        return {
          id: p.id,
          kind: p.kind,
          colour: p.colour,
          note: p.note,
          entityName: entity?.name,
          entityType: entity?.type,
          start: p.position.start,
          end: p.position.end,
        };
      });
    return blockViews(text?.length ?? 0, blocks, placed);
  }, [blocks, passages, entities, text]);

  /** Scrolls to a range now, or as soon as it is drawn (Original showing, text still drawing). */
  const show = useCallback(
    (start: number, end: number) => {
      if (view === 'text' && textRoot && showRange(textRoot, start, end)) {
        pendingShow.current = null;
        return;
      }
      pendingShow.current = { start, end };
      setView('text');
    },
    [view, textRoot],
  );

  const showPassage = useCallback(
    (passage: Passage) => {
      setSelectedId(passage.id);
      if (!passage.orphaned) show(passage.position.start, passage.position.end);
    },
    [show],
  );

  const onMarkClick = useCallback(
    (ids: readonly string[]) => {
      const id = innermost(ids, (candidate) => byId.get(candidate as PassageId)?.position);
      if (!id) return;
      setSelectedId(id as PassageId);
      setSide('passages');
    },
    [byId],
  );

  const stableOpenEntity = useCallback((id: EntityId) => openEntity.current(id), []);
  /** The claim just recorded here: a quiet notice offers to open it, nothing more. */
  const [claimMade, setClaimMade] = useState<ClaimId | null>(null);

  /** Entities mentioned inside a range, in text order: a new claim's likely subject and object. */
  const entitiesIn = useCallback(
    (start: number, end: number) => {
      const found: EntityId[] = [];
      for (const p of passages) {
        if (p.kind !== 'mention' || !p.entityId || p.orphaned) continue;
        if (p.position.start < start || p.position.end > end) continue;
        if (!found.includes(p.entityId)) found.push(p.entityId);
      }
      return found;
    },
    [passages],
  );

  useEffect(() => {
    lastSideTab = side;
  }, [side]);

  // Deep link: once the passages are loaded, go to the one asked for (already selected).
  useEffect(() => {
    if (!focusPassageId || scrolledTo.current === focusPassageId) return;
    if (annotations.status !== 'ready') return;
    scrolledTo.current = focusPassageId;
    const passage = annotations.value.passages.find((p) => p.id === focusPassageId);
    if (passage && !passage.orphaned) pendingShow.current = passage.position;
  }, [focusPassageId, annotations]);

  // A range asked for before it could be shown: try again as the text view draws.
  useEffect(() => {
    const range = pendingShow.current;
    if (!range || !textRoot || view !== 'text') return;
    if (showRange(textRoot, range.start, range.end)) pendingShow.current = null;
  }, [textRoot, view, drawn, focusPassageId, annotations]);

  // The selected passage stays painted in the text.
  useEffect(() => {
    if (!textRoot) return;
    const passage = selectedId ? byId.get(selectedId) : undefined;
    paintRange(
      textRoot,
      SELECTED_HIGHLIGHT,
      passage && !passage.orphaned ? passage.position : undefined,
    );
  }, [textRoot, selectedId, byId, views, drawn]);

  useEffect(
    () => () => {
      if (textRoot) paintRange(textRoot, SELECTED_HIGHLIGHT, undefined);
    },
    [textRoot],
  );

  // Find: open it from the keyboard (Mod+F, F3) while the reader is where the user works.
  const { open: findOpen, openBar, next: findNext, previous: findPrevious } = find;
  useEffect(() => {
    if (!article) return;
    function onKeyDown(event: KeyboardEvent) {
      const mod = IS_MAC ? event.metaKey : event.ctrlKey;
      const otherMod = IS_MAC ? event.ctrlKey : event.metaKey;
      const isFind =
        mod && !otherMod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f';
      const isF3 = event.key === 'F3' && !event.ctrlKey && !event.metaKey && !event.altKey;
      if ((!isFind && !isF3) || !findAllowedFrom(article!)) return;
      // Not the browser's own find: it cannot see matches by meaning (accents, defanged indicators).
      event.preventDefault();
      if (isFind || !findOpen) {
        setView('text');
        openBar();
      } else if (event.shiftKey) findPrevious();
      else findNext();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [article, findOpen, openBar, findNext, findPrevious]);

  // Find: every match painted, the current one on top; repainted as the text view draws or
  // redraws paragraphs (static ranges do not follow DOM changes).
  const findMatches = find.open ? find.matches : undefined;
  const findCurrent = find.open ? find.current : undefined;
  useEffect(() => {
    if (!textRoot || view !== 'text' || !findMatches) {
      clearFindMatches();
      return;
    }
    paintFindMatches(textRoot, findMatches);
  }, [textRoot, view, findMatches, views, drawn]);
  useEffect(() => {
    if (textRoot && view === 'text') paintCurrentMatch(textRoot, findCurrent);
  }, [textRoot, view, findMatches, findCurrent, views, drawn]);
  useEffect(() => () => clearFindMatches(), []);

  // Find: the current match scrolled into view at each step (or as soon as it is drawn).
  const pendingFind = useRef<{ readonly start: number; readonly end: number } | null>(null);
  const findMoves = find.moves;
  const stopCentring = useRef<() => void>(() => undefined);
  useEffect(() => {
    pendingFind.current = findCurrent ?? null;
  }, [findCurrent, findMoves]);
  useEffect(() => {
    const range = pendingFind.current;
    if (!range || !textRoot || view !== 'text') return;
    const dom = scrollToRange(textRoot, range.start, range.end);
    if (!dom) return;
    pendingFind.current = null;
    stopCentring.current();
    stopCentring.current = keepRangeCentred(dom);
  }, [findCurrent, findMoves, textRoot, view, drawn]);
  useEffect(() => () => stopCentring.current(), []);

  /** Find, then Alt+Enter: the match becomes the text selection (the toolbar offers its actions). */
  const findClose = find.close;
  const selectMatch = useCallback(() => {
    const match = findCurrent;
    const range =
      match && textRoot ? rangeFromOffsets(textRoot, match.start, match.end) : undefined;
    if (!range || !textRoot) return;
    // The match is already in view: focusing must not scroll the text to its top.
    textRoot.focus({ preventScroll: true });
    const selection = textRoot.ownerDocument.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    findClose();
  }, [findCurrent, textRoot, findClose]);

  const pageOf = useCallback(
    (passage: Passage) =>
      content.status === 'ready' && content.value
        ? pageAt(content.value, passage.position.start)
        : undefined,
    [content],
  );

  // The text waits for its passages too: drawing 1 MB twice (bare, then marked) costs more than
  // the wait.
  if (
    loaded.status === 'loading' ||
    content.status === 'loading' ||
    annotations.status === 'loading'
  ) {
    return <p role="status">Opening source…</p>;
  }
  if (loaded.status === 'failed') {
    return <Banner tone="error">Could not open the source: {loaded.message}</Banner>;
  }
  if (content.status === 'failed') {
    return <Banner tone="error">Could not open the source: {content.message}</Banner>;
  }
  const { source, children } = loaded.value;
  if (!source || !content.value) {
    return (
      <div>
        <h2>Source not found</h2>
        <Button onClick={onBack}>Back to sources</Button>
      </div>
    );
  }
  const html = content.value.html;

  return (
    <article className="cf-reader" aria-labelledby="source-title" ref={setArticle}>
      <header className="cf-reader__header">
        <Button variant="ghost" onClick={onBack}>
          ← All sources
        </Button>
        <h2 id="source-title">{source.title}</h2>
        <Button
          variant="ghost"
          aria-keyshortcuts={IS_MAC ? 'Meta+F' : 'Control+F'}
          aria-pressed={find.open}
          onClick={() => {
            setView('text');
            find.openBar();
          }}
        >
          <Search size={16} aria-hidden="true" /> Find in this source
        </Button>
        <div role="tablist" aria-label="Source view" className="cf-tabs">
          {(['text', 'original'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              onClick={() => setView(v)}
              disabled={v === 'original' && !html}
              title={
                v === 'original' && !html
                  ? 'This kind of source has no HTML view: use Save original… to open the file itself.'
                  : undefined
              }
            >
              {v === 'text' ? 'Text' : 'Original'}
            </button>
          ))}
        </div>
      </header>
      {claimMade ? (
        <ClaimToast claimId={claimMade} onOpen={onOpenClaim} onDismiss={() => setClaimMade(null)} />
      ) : null}
      {source.warnings.map((w) => (
        <Banner key={w} tone="warning">
          {w}
        </Banner>
      ))}
      <div className="cf-reader__body cf-split" style={sidePane.style}>
        <ResizeHandle pane={sidePane} label="Resize the passage panel" side="end" />
        <div
          className="cf-reader__main"
          role="tabpanel"
          aria-label={view === 'text' ? 'Text' : 'Original'}
          ref={setMainBox}
        >
          {find.open && view === 'text' ? (
            <FindBar find={find} onSelectMatch={readOnly ? undefined : selectMatch} />
          ) : null}
          {view === 'original' ? (
            <OriginalFrame html={html ?? ''} title={source.title} />
          ) : content.value.text.length === 0 ? (
            <p className="cf-muted">This source has no extracted text.</p>
          ) : (
            <>
              <CanonicalText
                blocks={views}
                textRef={setTextRoot}
                onMarkClick={onMarkClick}
                firstShow={focusStart ?? findAt}
                onProgress={onProgress}
              />
              {!readOnly && textRoot && mainBox ? (
                <SelectionToolbar
                  caseId={source.caseId}
                  sourceId={source.id}
                  text={content.value.text}
                  textRoot={textRoot}
                  container={mainBox}
                  onCreated={(passage) => setSelectedId(passage.id)}
                  entitiesIn={entitiesIn}
                  onClaimCreated={setClaimMade}
                  onOpenNote={onOpenNote}
                />
              ) : null}
            </>
          )}
        </div>
        <aside className="cf-reader__side" aria-label="Source panels">
          <div role="tablist" aria-label="Panels" className="cf-side-tabs">
            {SIDE_TABS.map((tab) => (
              <button
                key={tab.id}
                id={`source-tab-${tab.id}`}
                type="button"
                role="tab"
                aria-selected={side === tab.id}
                aria-controls={`source-panel-${tab.id}`}
                onClick={() => setSide(tab.id)}
              >
                {tab.label}
                {tab.id === 'passages' && annotations.status === 'ready' ? (
                  <span className="cf-count">{passages.length.toLocaleString()}</span>
                ) : null}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`source-panel-${side}`}
            aria-labelledby={`source-tab-${side}`}
            className="cf-side-panel"
            ref={setSidePanel}
          >
            {side === 'passages' ? (
              annotations.status === 'failed' || annotations.value.error ? (
                <Banner tone="error">
                  Could not read the passages:{' '}
                  {annotations.status === 'failed' ? annotations.message : annotations.value.error}
                </Banner>
              ) : (
                <PassageList
                  passages={passages}
                  entities={entities}
                  pageOf={pageOf}
                  selectedId={selectedId}
                  readOnly={readOnly}
                  onShow={showPassage}
                  onOpenEntity={stableOpenEntity}
                  onClaimCreated={setClaimMade}
                  onOpenNote={onOpenNote}
                  scroller={sidePanel}
                />
              )
            ) : null}
            {side === 'suggestions' ? (
              <SuggestionQueue
                caseId={source.caseId}
                sourceId={source.id}
                readOnly={readOnly}
                onShow={show}
              />
            ) : null}
            {side === 'details' ? (
              <SourceDetails
                source={source}
                attachments={children}
                readOnly={readOnly}
                onOpenSource={onOpenSource}
                onDeleted={onBack}
              />
            ) : null}
          </div>
        </aside>
      </div>
    </article>
  );
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/**
 * Whether a find shortcut belongs to the reader: focus is on the page itself or inside the case
 * workspace, and no dialog is open (a dialog's own fields keep the browser's behaviour).
 */
function findAllowedFrom(reader: HTMLElement): boolean {
  const doc = reader.ownerDocument;
  if (doc.querySelector('[aria-modal="true"], dialog[open]')) return false;
  const active = doc.activeElement;
  if (!active || active === doc.body) return true;
  if (active.closest('[role="dialog"], [role="alertdialog"], dialog')) return false;
  return reader.contains(active) || active.closest('.cf-workspace') !== null;
}

/** The sanitised original in a frame that can run no script, load nothing and go nowhere. */
function OriginalFrame({ html, title }: { readonly html: string; readonly title: string }) {
  const theme = useTheme();
  const srcDoc = useMemo(() => sanitizeForFrame(html, title, theme), [html, title, theme]);
  return (
    <iframe
      className="cf-original"
      title={`Original: ${title}`}
      sandbox=""
      srcDoc={srcDoc}
      referrerPolicy="no-referrer"
    />
  );
}
