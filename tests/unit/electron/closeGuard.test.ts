import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  closeGuardOf,
  guardWindowClose,
  resetCloseGuards,
} from '../../../electron/main/closeGuard';
import { IPC_EVENTS } from '../../../src/shared/ipc/names';
import { fakeElectron, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

type GuardedWindow = Parameters<typeof guardWindowClose>[0];

function aWindow(): FakeBrowserWindow {
  const window = new FakeBrowserWindow({});
  guardWindowClose(window as unknown as GuardedWindow, 5_000);
  return window;
}

function closedCount(window: FakeBrowserWindow): () => number {
  let count = 0;
  window.on('closed', () => {
    count += 1;
  });
  return () => count;
}

beforeEach(() => {
  resetFakeElectron();
  resetCloseGuards();
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('guardWindowClose', () => {
  it('holds the first close and asks the renderer to save pending edits', () => {
    const window = aWindow();
    const closed = closedCount(window);
    window.close();
    expect(closed()).toBe(0);
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENTS.closeRequested);
  });

  it('closes once the renderer says it is ready, and only asks once', () => {
    const window = aWindow();
    const closed = closedCount(window);
    window.close();
    window.close(); // a second click while saving
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
    closeGuardOf(window as unknown as GuardedWindow)?.allowClose();
    expect(closed()).toBe(1);
  });

  it('closes after the timeout when the renderer never answers', () => {
    const window = aWindow();
    const closed = closedCount(window);
    window.close();
    vi.advanceTimersByTime(4_999);
    expect(closed()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(closed()).toBe(1);
  });

  it('repeats a quit that the held close cancelled', () => {
    const window = aWindow();
    fakeElectron.app.emit('before-quit');
    window.close();
    expect(fakeElectron.app.quit).not.toHaveBeenCalled();
    closeGuardOf(window as unknown as GuardedWindow)?.allowClose();
    expect(fakeElectron.app.quit).toHaveBeenCalledTimes(1);
  });

  it('does not quit the app when only the window was closed', () => {
    const window = aWindow();
    window.close();
    closeGuardOf(window as unknown as GuardedWindow)?.allowClose();
    expect(fakeElectron.app.quit).not.toHaveBeenCalled();
  });

  it('knows no guard for an unguarded or missing window', () => {
    expect(closeGuardOf(null)).toBeUndefined();
    expect(closeGuardOf(new FakeBrowserWindow({}) as unknown as GuardedWindow)).toBeUndefined();
  });
});
