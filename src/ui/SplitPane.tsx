import {
  useCallback,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import {
  clampPaneSize,
  paneStorageKey,
  readPaneSize,
  writePaneSize,
  type PaneBounds,
} from './panePersistence';

export interface PaneSizeOptions extends PaneBounds {
  /** The open case: sizes are remembered per case. */
  readonly caseId: string;
  /** Which pane, e.g. `claims.details`. */
  readonly pane: string;
}

export interface ResizablePane extends PaneBounds {
  readonly size: number;
  /** Sets the size (clamped) and remembers it for this case. */
  readonly resize: (size: number) => void;
  /** Back to the default, forgetting the remembered size. */
  readonly reset: () => void;
  /** Put on the two-column container: its CSS reads the width from `--cf-pane-size`. */
  readonly style: CSSProperties;
}

/** The width of one resizable pane, read from and written to storage for the case. */
export function useResizablePane(options: PaneSizeOptions): ResizablePane {
  const { caseId, pane, defaultSize, min, max } = options;
  const key = paneStorageKey(caseId, pane);
  // The size set in this view, for the pane it was set for; another case (or pane) reads its own.
  const [chosen, setChosen] = useState<{ key: string; size: number } | undefined>(undefined);
  const stored = useMemo(
    () => readPaneSize(caseId, pane, { defaultSize, min, max }),
    [caseId, pane, defaultSize, min, max],
  );
  const size = chosen?.key === key ? chosen.size : stored;
  const resize = useCallback(
    (next: number) => {
      const clamped = clampPaneSize(next, { defaultSize, min, max });
      setChosen({ key, size: clamped });
      writePaneSize(caseId, pane, clamped);
    },
    [key, caseId, pane, defaultSize, min, max],
  );
  const reset = useCallback(() => {
    setChosen({ key, size: defaultSize });
    writePaneSize(caseId, pane, undefined);
  }, [key, caseId, pane, defaultSize]);
  return {
    size,
    defaultSize,
    min,
    max,
    resize,
    reset,
    style: { '--cf-pane-size': `${size}px` } as CSSProperties,
  };
}

export interface ResizeHandleProps {
  readonly pane: ResizablePane;
  /** Names the pane being resized, e.g. "Resize the claim details". */
  readonly label: string;
  /**
   * Which side the sized pane is on: `start` (left; dragging right widens it) or `end` (right;
   * dragging left widens it). The handle sits in the gap next to that pane.
   */
  readonly side: 'start' | 'end';
  /** The id of the sized pane, for `aria-controls`. */
  readonly controls?: string;
}

const STEP = 16;
const BIG_STEP = 64;

/**
 * A vertical separator between two columns: drag it, or focus it and use the arrow keys (Shift for
 * bigger steps), Home (narrowest) and End (widest); a double-click restores the default width.
 */
export function ResizeHandle({ pane, label, side, controls }: ResizeHandleProps) {
  const drag = useRef<{ x: number; size: number } | null>(null);
  const grow = side === 'start' ? 1 : -1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = pane.size + grow * step;
    else if (e.key === 'ArrowLeft') next = pane.size - grow * step;
    else if (e.key === 'Home') next = pane.min;
    else if (e.key === 'End') next = pane.max;
    else if (e.key === 'Enter') {
      e.preventDefault();
      pane.reset();
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    pane.resize(next);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    e.currentTarget.focus();
    drag.current = { x: e.clientX, size: pane.size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    pane.resize(start.size + grow * (e.clientX - start.x));
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <div
      className={`cf-resize-handle cf-resize-handle--${side}`}
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={pane.size}
      aria-valuemin={pane.min}
      aria-valuemax={pane.max}
      title={`${label} (drag or arrow keys; double-click resets)`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={pane.reset}
    />
  );
}
