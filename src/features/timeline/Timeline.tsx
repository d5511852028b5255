import { Maximize2, ZoomIn, ZoomOut } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import {
  assignLanes,
  CLAIM_STATUSES,
  DAY_MS,
  dayLabel,
  entityTypeInfo,
  timelineExtent,
  timeTicks,
  type TimelineItem,
} from '../../core';
import { Button } from '../../ui';

export interface TimelineProps {
  /** What to draw (timelineItems): ids are those of the chart elements they stand for. */
  readonly items: readonly TimelineItem[];
  readonly selectedIds: readonly string[];
  /** The new selection: one item on click/Enter, or the selection with an item toggled on Shift. */
  readonly onSelect: (ids: string[]) => void;
  /** Claims shown on the chart that have no date, so cannot be placed. */
  readonly undatedCount: number;
  /** Accessible name of the timeline. */
  readonly label: string;
}

/** A visible time range, in ms since 1970 UTC: [start, end). */
interface View {
  readonly start: number;
  readonly end: number;
}

const MIN_SPAN = 2 * DAY_MS;
const MAX_SPAN = 3000 * 365.25 * DAY_MS;
/** A fitted view is never narrower than this, so one dated claim is shown within its month. */
const MIN_FIT_SPAN = 30 * DAY_MS;
const DEFAULT_WIDTH = 800;
const AXIS_HEIGHT = 26;
const LANE_HEIGHT = 34;
/** Without labels (too many items in view to label them all), lanes are this high. */
const COMPACT_LANE_HEIGHT = 18;
/** Over this many labelled lanes, labels are hidden (like the chart's when zoomed out). */
const LABELLED_LANE_LIMIT = 40;
const BAR_Y = 6;
const COMPACT_BAR_Y = 4;
/** Labels keep clear of the left edge. */
const LABEL_INSET = 4;
const BAR_HEIGHT = 9;
const LABEL_Y = 27;
const MARKER_RADIUS = 6;
/** Rough width of a 12 px label character, to keep labels of neighbours apart. */
const CHAR_WIDTH = 6.6;
const MAX_LABEL_CHARS = 44;
const LANE_GAP = 12;
/** Lanes drawn above and below those in view, so scrolling does not show gaps. */
const LANE_OVERSCAN = 3;
const DRAG_THRESHOLD = 4;

function fitView(items: readonly TimelineItem[]): View | undefined {
  const extent = timelineExtent(items);
  if (extent === undefined) return undefined;
  const middle = (extent.start + extent.end) / 2;
  const span = Math.max((extent.end - extent.start) * 1.1, MIN_FIT_SPAN);
  return { start: middle - span / 2, end: middle + span / 2 };
}

function zoomed(view: View, factor: number, anchor: number): View {
  const span = view.end - view.start;
  const next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
  // The time under the anchor stays under it.
  const share = (anchor - view.start) / span;
  const start = anchor - share * next;
  return { start, end: start + next };
}

/** A day, or a span too short to see as a bar at this zoom, is drawn as a marker. */
function drawnAsMarker(item: TimelineItem, x0: number, x1: number): boolean {
  return item.shape === 'point' || x1 - x0 < MARKER_RADIUS * 2;
}

/** The view moved (same zoom) to centre the first selected item, unless some already show. */
function revealView(
  view: View,
  items: readonly TimelineItem[],
  selected: ReadonlySet<string>,
): View {
  const targets = items.filter((item) => selected.has(item.id));
  const inView = (item: TimelineItem) =>
    (item.end ?? Infinity) > view.start && (item.start ?? -Infinity) < view.end;
  const target = targets[0];
  if (target === undefined || targets.some(inView)) return view;
  const centre =
    target.start !== undefined && target.end !== undefined
      ? (target.start + target.end) / 2
      : (target.start ?? target.end)!;
  const span = view.end - view.start;
  return { start: centre - span / 2, end: centre + span / 2 };
}

function shortLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

function describe(item: TimelineItem): string {
  const parts = [item.label, item.when];
  if (item.kind === 'claim') {
    parts.push(item.grade ? `grade ${item.grade}` : 'analyst assertion', item.status ?? '');
  } else if (item.entityType) {
    parts.push(entityTypeInfo(item.entityType).label);
  }
  return parts.filter((p) => p !== '').join(', ');
}

interface Placed {
  readonly item: TimelineItem;
  readonly x0: number;
  readonly x1: number;
  readonly labelX: number;
  readonly lane: number;
}

/**
 * The case's dated claims and events on a zoomable time axis. Wheel zooms around the pointer,
 * dragging, Shift+wheel or a sideways swipe pans; the buttons and +, −, 0 and the arrow keys do the
 * same from the keyboard; lanes scroll with the scrollbar or by moving between items. Items
 * are options of a multi-select listbox: click or Enter selects one, with Shift adds or removes.
 */
export function Timeline({ items, selectedIds, onSelect, undatedCount, label }: TimelineProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  // Undefined follows the items (fit); set once the investigator zooms or pans.
  const [chosenView, setChosenView] = useState<View | undefined>(undefined);
  const fitted = useMemo(() => fitView(items), [items]);
  const view = chosenView ?? fitted;
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);

  // A selection made elsewhere (on the chart) is brought into view if none of it is in view;
  // one made here is left where the investigator put it.
  const selectionKey = selectedIds.join('\n');
  const [seenSelection, setSeenSelection] = useState(selectionKey);
  const [ownSelection, setOwnSelection] = useState<string | undefined>(undefined);
  const [revealed, setRevealed] = useState<string | undefined>(undefined);
  if (seenSelection !== selectionKey) {
    setSeenSelection(selectionKey);
    if (selectionKey !== ownSelection && view !== undefined) {
      const next = revealView(view, items, selected);
      if (next !== view) setChosenView(next);
      setRevealed(selectionKey);
    }
  }
  const drag = useRef<{ x: number; view: View; moved: boolean; pointerId: number } | null>(null);
  const suppressClick = useRef(false);
  const legendId = useId();

  const scrollerRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [scrollerHeight, setScrollerHeight] = useState(0);
  const hasItems = view !== undefined;

  // The lanes' box (inside any scrollbar) gives the drawing width and the height in view.
  useEffect(() => {
    const element = scrollerRef.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box === undefined) return;
      if (box.width > 0) setWidth(Math.round(box.width));
      setScrollerHeight(Math.round(box.height));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasItems]);

  // React's wheel listener is passive; zooming must stop the page from scrolling too.
  useEffect(() => {
    const element = viewportRef.current;
    if (element === null || view === undefined) return;
    const current = view;
    const onWheel = (event: WheelEvent) => {
      const sideways = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
      const delta = sideways ? event.deltaX || event.deltaY : event.deltaY;
      if (delta === 0) return;
      event.preventDefault();
      if (sideways) {
        // A trackpad's sideways swipe, or Shift+wheel, moves along the time axis.
        setChosenView((previous) => {
          const from = previous ?? current;
          const shift = (delta / width) * (from.end - from.start);
          return { start: from.start + shift, end: from.end + shift };
        });
        return;
      }
      const rect = element.getBoundingClientRect();
      const share = (event.clientX - rect.left) / width;
      const factor = Math.exp(delta * 0.0015);
      // From the latest view: several wheel events may arrive before the next render.
      setChosenView((previous) => {
        const from = previous ?? current;
        return zoomed(from, factor, from.start + share * (from.end - from.start));
      });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [view, width]);

  const zoomBy = useCallback(
    (factor: number) => {
      if (view === undefined) return;
      setChosenView(zoomed(view, factor, (view.start + view.end) / 2));
    },
    [view],
  );
  const panBy = useCallback(
    (share: number) => {
      if (view === undefined) return;
      const shift = (view.end - view.start) * share;
      setChosenView({ start: view.start + shift, end: view.end + shift });
    },
    [view],
  );

  const layout = useMemo(() => {
    if (view === undefined) return { placed: [] as Placed[], lanes: 0, labelled: true };
    const scale = width / (view.end - view.start);
    const toX = (t: number) => (t - view.start) * scale;
    const candidates: Omit<Placed, 'lane'>[] = [];
    for (const item of items) {
      const x0 = item.start === undefined ? -Infinity : toX(item.start);
      const x1 = item.end === undefined ? Infinity : toX(item.end);
      if (x1 < -MARKER_RADIUS || x0 > width + MARKER_RADIUS) continue;
      const marker = drawnAsMarker(item, x0, x1);
      const labelX = Math.max(marker ? (x0 + x1) / 2 - MARKER_RADIUS : x0, LABEL_INSET);
      candidates.push({ item, x0, x1, labelX });
    }
    const extents = (labelled: boolean) =>
      candidates.map((c) => ({
        start: Math.max(c.x0, -1) - MARKER_RADIUS,
        end: Math.max(
          Math.min(c.x1, width + 1) + MARKER_RADIUS,
          labelled ? c.labelX + shortLabel(c.item.label).length * CHAR_WIDTH : -Infinity,
        ),
      }));
    let labelled = true;
    let lanes = assignLanes(extents(true), LANE_GAP);
    if (lanes.some((lane) => lane >= LABELLED_LANE_LIMIT)) {
      labelled = false;
      lanes = assignLanes(extents(false), 2);
    }
    const placed = candidates.map((c, index) => ({ ...c, lane: lanes[index]! }));
    const laneCount = lanes.reduce((most, lane) => Math.max(most, lane + 1), 0);
    return { placed, lanes: laneCount, labelled };
  }, [items, view, width]);

  const ticks = useMemo(
    () => (view === undefined ? undefined : timeTicks(view.start, view.end, width)),
    [view, width],
  );

  const emit = (ids: string[]) => {
    setOwnSelection(ids.join('\n'));
    onSelect(ids);
  };
  const select = (id: string, additive: boolean) => {
    if (!additive) {
      emit([id]);
    } else if (selected.has(id)) {
      emit(selectedIds.filter((s) => s !== id));
    } else {
      emit([...selectedIds, id]);
    }
  };

  const focusNeighbour = (from: Element | null, step: 1 | -1) => {
    const options = [
      ...(viewportRef.current?.querySelectorAll<SVGGElement>('[role="option"]') ?? []),
    ];
    if (options.length === 0) return;
    const index = from === null ? -1 : options.indexOf(from as SVGGElement);
    const next = index === -1 ? (step === 1 ? 0 : options.length - 1) : index + step;
    options[Math.min(options.length - 1, Math.max(0, next))]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const option = (event.target as Element).closest('[role="option"]');
    const id = option?.getAttribute('data-id');
    switch (event.key) {
      case '+':
      case '=':
        zoomBy(0.5);
        break;
      case '-':
      case '−':
      case '_':
        zoomBy(2);
        break;
      case '0':
        setChosenView(undefined);
        break;
      case 'ArrowLeft':
        panBy(-0.1);
        break;
      case 'ArrowRight':
        panBy(0.1);
        break;
      case 'ArrowDown':
        focusNeighbour(option, 1);
        break;
      case 'ArrowUp':
        focusNeighbour(option, -1);
        break;
      case 'Enter':
      case ' ':
        if (id === null || id === undefined) return;
        select(id, event.shiftKey || event.ctrlKey || event.metaKey);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  /** True for a press on the lanes' scrollbar, which scrolls rather than pans or selects. */
  const onScrollbar = (event: MouseEvent | PointerEvent) => {
    const scroller = scrollerRef.current;
    return (
      event.target === scroller &&
      scroller !== null &&
      scroller.clientWidth > 0 &&
      event.clientX - scroller.getBoundingClientRect().left >= scroller.clientWidth
    );
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || view === undefined || onScrollbar(event)) return;
    drag.current = { x: event.clientX, view, moved: false, pointerId: event.pointerId };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (current === null) return;
    const dx = event.clientX - current.x;
    if (!current.moved && Math.abs(dx) < DRAG_THRESHOLD) return;
    if (!current.moved) {
      current.moved = true;
      // Captured only once it is a drag, so a plain click still reaches the item under it.
      event.currentTarget.setPointerCapture?.(current.pointerId);
    }
    const shift = (-dx / width) * (current.view.end - current.view.start);
    setChosenView({ start: current.view.start + shift, end: current.view.end + shift });
  };
  const onPointerUp = () => {
    suppressClick.current = drag.current?.moved ?? false;
    drag.current = null;
  };
  // One click handler for items and background, so a click that ends a drag selects nothing.
  const onClick = (event: MouseEvent) => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    if (onScrollbar(event)) return;
    const id = (event.target as Element).closest('[role="option"]')?.getAttribute('data-id');
    if (id !== null && id !== undefined) {
      select(id, event.shiftKey || event.ctrlKey || event.metaKey);
    } else if (selectedIds.length > 0) {
      emit([]);
    }
  };

  const laneHeight = layout.labelled ? LANE_HEIGHT : COMPACT_LANE_HEIGHT;
  const height = Math.max(layout.lanes, 1) * laneHeight + 4;
  const visibleCount = layout.placed.length;
  // Only the lanes scrolled into view are drawn (all of them until the height is known).
  const firstLane = Math.floor(scrollTop / laneHeight) - LANE_OVERSCAN;
  const lastLane =
    scrollerHeight > 0
      ? Math.ceil((scrollTop + scrollerHeight) / laneHeight) + LANE_OVERSCAN
      : Infinity;
  // Scroll the lanes (never the page) to the first item of a selection made elsewhere.
  const revealHandled = useRef<string | undefined>(undefined);
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (revealed === undefined || revealHandled.current === revealed || scroller === null) return;
    revealHandled.current = revealed;
    const first = revealed.split('\n')[0];
    const lane = layout.placed.find((p) => p.item.id === first)?.lane;
    if (lane === undefined) return;
    const top = lane * laneHeight;
    if (top < scroller.scrollTop || top + laneHeight > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = Math.max(0, top - laneHeight);
    }
  }, [revealed, layout, laneHeight]);
  const rendered = layout.placed.filter((p) => p.lane >= firstLane && p.lane <= lastLane);
  const tickXs = (ticks?.ticks ?? []).map((tick) => ({
    tick,
    x: view === undefined ? 0 : ((tick.time - view.start) / (view.end - view.start)) * width,
  }));

  return (
    <section
      className="cf-timeline"
      aria-label={label}
      data-testid="timeline"
      data-view-start={view ? isoDay(view.start) : ''}
      data-view-end={view ? isoDay(view.end) : ''}
    >
      <div className="cf-timeline__bar" role="toolbar" aria-label="Timeline zoom">
        <Button
          variant="ghost"
          aria-label="Zoom in"
          title="Zoom in (+)"
          disabled={view === undefined}
          onClick={() => zoomBy(0.5)}
        >
          <ZoomIn size={16} aria-hidden="true" />
        </Button>
        <Button
          variant="ghost"
          aria-label="Zoom out"
          title="Zoom out (−)"
          disabled={view === undefined}
          onClick={() => zoomBy(2)}
        >
          <ZoomOut size={16} aria-hidden="true" />
        </Button>
        <Button
          variant="ghost"
          aria-label="Fit the timeline"
          title="Fit (0)"
          disabled={view === undefined}
          onClick={() => setChosenView(undefined)}
        >
          <Maximize2 size={16} aria-hidden="true" />
        </Button>
        {view ? (
          <span className="cf-timeline__range" aria-live="polite">
            {dayLabel(view.start)} – {dayLabel(view.end)}
          </span>
        ) : null}
        <ul className="cf-timeline__legend" id={legendId} aria-label="Colours">
          {CLAIM_STATUSES.map((status) => (
            <li key={status}>
              <svg width="12" height="12" aria-hidden="true">
                <rect
                  x="1"
                  y="2"
                  width="10"
                  height="8"
                  rx="2"
                  className={`cf-timeline__shape cf-timeline__shape--${status}`}
                />
              </svg>
              {status}
            </li>
          ))}
        </ul>
      </div>
      <div
        ref={viewportRef}
        className="cf-timeline__viewport"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onClick={onClick}
      >
        {view === undefined || ticks === undefined ? (
          <p className="cf-timeline__empty">No dated claims or events match the filters.</p>
        ) : (
          <>
            <svg
              className="cf-timeline__axis"
              width={width}
              height={AXIS_HEIGHT}
              aria-hidden="true"
            >
              {tickXs.map(({ tick, x }) => (
                <g key={tick.time}>
                  <line
                    x1={x}
                    x2={x}
                    y1={AXIS_HEIGHT - 6}
                    y2={AXIS_HEIGHT}
                    className="cf-timeline__grid"
                  />
                  {/* A label the right edge would cut is left out (its line stays). */}
                  {x + 4 + tick.label.length * CHAR_WIDTH * 0.95 <= width ? (
                    <text x={x + 4} y={AXIS_HEIGHT - 9} className="cf-timeline__tick">
                      {tick.label}
                    </text>
                  ) : null}
                </g>
              ))}
            </svg>
            <div
              ref={scrollerRef}
              className="cf-timeline__scroller"
              onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
            >
              <svg
                className="cf-timeline__svg"
                width={width}
                height={height}
                role="listbox"
                aria-multiselectable="true"
                aria-label={`${label}: ${visibleCount} of ${items.length} items in view`}
                aria-describedby={legendId}
                tabIndex={0}
              >
                <g aria-hidden="true">
                  {tickXs.map(({ tick, x }) => (
                    <line
                      key={tick.time}
                      x1={x}
                      x2={x}
                      y1={0}
                      y2={height}
                      className="cf-timeline__grid"
                    />
                  ))}
                </g>
                <g role="presentation">
                  {rendered.map((placed) => (
                    <TimelineMark
                      key={placed.item.id}
                      placed={placed}
                      width={width}
                      selected={selected.has(placed.item.id)}
                      labelled={layout.labelled}
                    />
                  ))}
                </g>
              </svg>
            </div>
          </>
        )}
      </div>
      {undatedCount > 0 || !layout.labelled ? (
        <p className="cf-timeline__note">
          {undatedCount > 0 ? (
            <span>
              {undatedCount === 1
                ? '1 undated claim not shown'
                : `${undatedCount.toLocaleString()} undated claims not shown`}
            </span>
          ) : null}
          {layout.labelled ? null : (
            <span>{`${visibleCount.toLocaleString()} items in view: zoom in to read their labels`}</span>
          )}
        </p>
      ) : null}
    </section>
  );
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

interface TimelineMarkProps {
  readonly placed: Placed;
  readonly width: number;
  readonly selected: boolean;
  /** False when zoomed out too far to label every item: the name is in its tooltip. */
  readonly labelled: boolean;
}

function TimelineMark({ placed, width, selected, labelled }: TimelineMarkProps) {
  const { item, x0, x1, labelX, lane } = placed;
  const laneHeight = labelled ? LANE_HEIGHT : COMPACT_LANE_HEIGHT;
  const barY = labelled ? BAR_Y : COMPACT_BAR_Y;
  const middle = barY + BAR_HEIGHT / 2;
  const look = item.kind === 'claim' ? (item.status ?? 'asserted') : 'entity';
  const fill = item.entityType ? entityTypeInfo(item.entityType).colour : undefined;
  const shapeClass = `cf-timeline__shape cf-timeline__shape--${look}`;
  const text = shortLabel(item.label);
  const left = Math.max(x0, -2);
  const right = Math.min(x1, width + 2);
  const marker = drawnAsMarker(item, x0, x1);
  const pointX = Math.min(Math.max((x0 + x1) / 2, 0), width);
  const boxLeft = (marker ? pointX - MARKER_RADIUS : left) - (labelled ? LABEL_INSET : 2);
  const boxRight = Math.max(
    marker ? pointX + MARKER_RADIUS : right,
    // A selected label is bold, so wider.
    labelled ? labelX + text.length * CHAR_WIDTH * (selected ? 1.12 : 1) : -Infinity,
  );
  return (
    <g
      role="option"
      aria-selected={selected}
      aria-label={describe(item)}
      tabIndex={0}
      data-id={item.id}
      className={`cf-timeline__item${selected ? ' cf-timeline__item--selected' : ''}`}
      transform={`translate(0 ${lane * laneHeight})`}
    >
      <title>{describe(item)}</title>
      <rect
        className="cf-timeline__hit"
        x={boxLeft}
        y={1}
        width={boxRight - boxLeft + 4}
        height={laneHeight - 2}
        rx={4}
      />
      {marker ? (
        <circle
          cx={pointX}
          cy={middle}
          r={MARKER_RADIUS}
          className={shapeClass}
          style={fill ? { fill } : undefined}
        />
      ) : (
        <>
          <rect
            x={left}
            y={barY}
            width={Math.max(right - left, 3)}
            height={BAR_HEIGHT}
            rx={3}
            className={shapeClass}
            style={fill ? { fill } : undefined}
          />
          {/* An open end runs off the view: an arrow at the edge says it goes on. */}
          {item.start === undefined ? (
            <path
              d={`M 8 ${barY - 2} L 0 ${middle} L 8 ${barY + BAR_HEIGHT + 2} Z`}
              className={shapeClass}
            />
          ) : null}
          {item.end === undefined ? (
            <path
              d={`M ${width - 8} ${barY - 2} L ${width} ${middle} L ${width - 8} ${barY + BAR_HEIGHT + 2} Z`}
              className={shapeClass}
            />
          ) : null}
        </>
      )}
      {labelled ? (
        <text x={labelX} y={LABEL_Y} className="cf-timeline__label">
          {text}
        </text>
      ) : null}
    </g>
  );
}
