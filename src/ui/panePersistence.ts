/**
 * Pane sizes remembered per case: one localStorage entry per case and pane, holding a width in
 * CSS pixels. A stored value that is missing, not a number or outside the pane's bounds is ignored
 * (the default is used), so a corrupt or stale entry can never break a layout.
 */

export interface PaneBounds {
  readonly defaultSize: number;
  readonly min: number;
  readonly max: number;
}

const PREFIX = 'casefile.pane';

export function paneStorageKey(caseId: string, pane: string): string {
  return `${PREFIX}.${caseId}.${pane}`;
}

export function clampPaneSize(size: number, bounds: PaneBounds): number {
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(size)));
}

export function readPaneSize(caseId: string, pane: string, bounds: PaneBounds): number {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(paneStorageKey(caseId, pane));
  } catch {
    // Storage can be unavailable (private mode, quota): fall back to the default.
  }
  if (stored === null || !/^\d{1,5}$/.test(stored)) return bounds.defaultSize;
  const size = Number(stored);
  return size >= bounds.min && size <= bounds.max ? size : bounds.defaultSize;
}

export function writePaneSize(caseId: string, pane: string, size: number | undefined): void {
  try {
    const key = paneStorageKey(caseId, pane);
    if (size === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, String(Math.round(size)));
  } catch {
    // Remembering a width is a convenience: a failed write only means the default next time.
  }
}
