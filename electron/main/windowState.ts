import { join } from 'node:path';
import { z } from 'zod';
import type { BrowserWindow, Rectangle } from 'electron';
import { readJsonFile, writeJsonFileAtomically } from './jsonFile';

export const WINDOW_STATE_FILE = 'window-state.json';

/** The main window's size when nothing is saved, and the smallest it may be. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/** How much of a saved window must still be on some display for it to reopen there (px). */
const MIN_VISIBLE = 100;
/** Saving waits until the window has stopped moving or resizing for this long. */
const SAVE_DELAY_MS = 500;

/** Where the window opens: no x/y means centred by the OS. */
export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const windowStateFile = z
  .object({
    version: z.literal(1),
    bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }).strict(),
    maximized: z.boolean(),
  })
  .strict();
export type SavedWindowState = z.output<typeof windowStateFile>;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/**
 * Fits saved bounds onto the displays there are now (`workAreas`, e.g. a monitor was unplugged):
 * on the display showing most of the window, no larger than it and fully inside it. A window no
 * display shows enough of opens centred on the primary display instead.
 */
export function placeWindow(
  saved: SavedWindowState | undefined,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
): WindowPlacement {
  const fit = (area: Rectangle, width: number, height: number) => ({
    width: clamp(width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width),
    height: clamp(height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height),
  });
  if (!saved)
    return {
      ...fit(primary, DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height),
      maximized: false,
    };

  let best: { area: Rectangle; visible: number } | undefined;
  for (const area of workAreas) {
    const shown = overlap(saved.bounds, area);
    if (shown.width < MIN_VISIBLE || shown.height < MIN_VISIBLE) continue;
    const visible = shown.width * shown.height;
    if (!best || visible > best.visible) best = { area, visible };
  }
  if (!best) {
    return { ...fit(primary, saved.bounds.width, saved.bounds.height), maximized: saved.maximized };
  }
  const { area } = best;
  const size = fit(area, saved.bounds.width, saved.bounds.height);
  return {
    x: clamp(saved.bounds.x, area.x, area.x + area.width - size.width),
    y: clamp(saved.bounds.y, area.y, area.y + area.height - size.height),
    ...size,
    maximized: saved.maximized,
  };
}

/** The displays' work areas (`screen` works only after `ready`). */
export interface DisplayLayout {
  readonly workAreas: readonly Rectangle[];
  readonly primary: Rectangle;
}

/**
 * The main window's size, position and maximized state, kept in `<userData>/window-state.json`.
 * A damaged or missing file means the default placement.
 */
export interface WindowStateStore {
  placement(displays: DisplayLayout): WindowPlacement;
  /** Saves the window's state whenever it settles after a move or resize, and when it closes. */
  track(window: BrowserWindow): void;
}

export function createWindowStateStore(userDataDir: string): WindowStateStore {
  const path = join(userDataDir, WINDOW_STATE_FILE);

  function save(window: BrowserWindow): void {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    const written = writeJsonFileAtomically(path, {
      version: 1,
      bounds: {
        x: Math.round(bounds.x),
        y: Math.round(bounds.y),
        width: Math.round(bounds.width),
        height: Math.round(bounds.height),
      },
      maximized: window.isMaximized(),
    } satisfies SavedWindowState);
    if (!written.ok) console.warn(written.error.message);
  }

  return {
    placement(displays) {
      const saved = readJsonFile(path, windowStateFile, 'window size and position');
      if (!saved.ok && saved.error.code !== 'settings.missing') console.warn(saved.error.message);
      return placeWindow(saved.ok ? saved.value : undefined, displays.workAreas, displays.primary);
    },
    track(window) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const later = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => save(window), SAVE_DELAY_MS);
      };
      for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
        window.on(event as 'resize', later);
      }
      window.on('close', () => {
        if (timer !== undefined) clearTimeout(timer);
        save(window);
      });
    },
  };
}
