import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWindowStateStore,
  DEFAULT_WINDOW_SIZE,
  placeWindow,
  WINDOW_STATE_FILE,
  type SavedWindowState,
} from '../../../electron/main/windowState';
import { createMainWindow } from '../../../electron/main/window';
import { FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const LAPTOP = { x: 0, y: 0, width: 1440, height: 900 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1440 };

function saved(x: number, y: number, width: number, height: number, maximized = false) {
  return { version: 1, bounds: { x, y, width, height }, maximized } satisfies SavedWindowState;
}

describe('placeWindow', () => {
  it('opens at the default size, centred, when nothing is saved', () => {
    expect(placeWindow(undefined, [LAPTOP], LAPTOP)).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false,
    });
  });

  it('reopens where it was when that is still on a display', () => {
    expect(placeWindow(saved(1600, 100, 1200, 800, true), [LAPTOP, MONITOR], LAPTOP)).toEqual({
      x: 1600,
      y: 100,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('moves a window on the display it mostly covers fully inside it', () => {
    // Hangs off the right edge of the monitor.
    expect(placeWindow(saved(3500, 1000, 1000, 800), [LAPTOP, MONITOR], LAPTOP)).toEqual({
      x: 4000 - 1000,
      y: 1440 - 800,
      width: 1000,
      height: 800,
      maximized: false,
    });
  });

  it('shrinks a window larger than its display', () => {
    expect(placeWindow(saved(0, 0, 3000, 2000), [LAPTOP], LAPTOP)).toMatchObject({
      x: 0,
      y: 0,
      width: 1440,
      height: 900,
    });
  });

  it('centres on the primary display a window whose display is gone', () => {
    // Saved on the monitor, which is unplugged now.
    const placement = placeWindow(saved(2000, 200, 1200, 800, true), [LAPTOP], LAPTOP);
    expect(placement).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('does not count a sliver as visible', () => {
    expect(placeWindow(saved(1400, 0, 1000, 800), [LAPTOP], LAPTOP)).not.toHaveProperty('x');
  });
});

describe('the window state file', () => {
  let dir: string;
  beforeEach(async () => {
    resetFakeElectron();
    dir = await mkdtemp(join(tmpdir(), 'casefile-window-'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });
  const displays = { workAreas: [LAPTOP], primary: LAPTOP };

  it.each([
    ['not JSON', '{"version":1,'],
    ['the wrong types', JSON.stringify({ version: 1, bounds: { x: 'a' }, maximized: false })],
    ['absurd numbers', JSON.stringify(saved(1e9, 0, 800, 600))],
    ['extra keys', JSON.stringify({ ...saved(0, 0, 800, 600), fullscreen: true })],
  ])('falls back to the default placement for a file with %s', async (_what, text) => {
    await writeFile(join(dir, WINDOW_STATE_FILE), text);
    expect(createWindowStateStore(dir).placement(displays)).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false,
    });
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/window size and position/));
  });

  it('saves the normal bounds and maximized state when the window closes, and after it settles', async () => {
    vi.useFakeTimers();
    const store = createWindowStateStore(dir);
    const window = new FakeBrowserWindow({});
    store.track(window as never);
    window.getNormalBounds.mockReturnValue({ x: 100.4, y: 50, width: 1000, height: 700 });
    window.isMaximized.mockReturnValue(true);
    window.emit('resize');
    window.emit('move');
    expect(await readdir(dir)).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(
      saved(100, 50, 1000, 700, true),
    );

    window.getNormalBounds.mockReturnValue({ x: 10, y: 10, width: 900, height: 600 });
    window.isMaximized.mockReturnValue(false);
    window.emit('close');
    expect(store.placement(displays)).toEqual({
      x: 10,
      y: 10,
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('opens the main window at the placement, maximized if it was', () => {
    createMainWindow({
      packaged: true,
      preload: '/p.cjs',
      placement: { x: 5, y: 6, width: 900, height: 700, maximized: true },
    });
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options).toMatchObject({ x: 5, y: 6, width: 900, height: 700 });
    expect(window.maximize).toHaveBeenCalled();

    createMainWindow({
      packaged: true,
      preload: '/p.cjs',
      placement: { width: 900, height: 700, maximized: false },
    });
    const centred = FakeBrowserWindow.instances[1]!;
    expect(centred.options).not.toHaveProperty('x');
    expect(centred.maximize).not.toHaveBeenCalled();
  });
});
