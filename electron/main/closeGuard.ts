import { app } from 'electron';
import type { BrowserWindow } from 'electron';
import { IPC_EVENTS } from '../../src/shared/ipc/names';

/**
 * How long a closing window waits for the renderer to save pending edits (a note typed into a
 * moment ago). A renderer that hangs or never loaded must not keep the window open for ever.
 */
export const CLOSE_FLUSH_TIMEOUT_MS = 5_000;

export interface CloseGuard {
  /** The renderer has saved what was pending: close now. */
  allowClose(): void;
}

const guards = new WeakMap<BrowserWindow, CloseGuard>();
let quitRequested = false;
let quitListenerInstalled = false;

/**
 * Holds a window's first close until its renderer has flushed pending saves: the close is
 * prevented, the renderer is asked (IPC_EVENTS.closeRequested), and the window closes when it
 * answers (closeReady) or after `timeoutMs`. If the close was part of quitting the app, the quit
 * (which a prevented close cancels) is repeated once the window is gone.
 */
export function guardWindowClose(
  window: BrowserWindow,
  timeoutMs: number = CLOSE_FLUSH_TIMEOUT_MS,
): CloseGuard {
  if (!quitListenerInstalled) {
    quitListenerInstalled = true;
    app.on('before-quit', () => {
      quitRequested = true;
    });
  }
  let mayClose = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const guard: CloseGuard = {
    allowClose() {
      if (mayClose) return;
      mayClose = true;
      if (timer !== undefined) clearTimeout(timer);
      window.close();
      if (quitRequested) app.quit();
    },
  };

  window.on('close', (event: { preventDefault(): void }) => {
    if (mayClose) return;
    event.preventDefault();
    if (timer !== undefined) return; // already asked; a second click on close waits too
    timer = setTimeout(() => guard.allowClose(), timeoutMs);
    window.webContents.send(IPC_EVENTS.closeRequested);
  });
  window.on('closed', () => {
    if (timer !== undefined) clearTimeout(timer);
  });
  guards.set(window, guard);
  return guard;
}

/** The guard of a window, for the closeReady IPC handler (undefined for an unguarded window). */
export function closeGuardOf(window: BrowserWindow | null): CloseGuard | undefined {
  return window ? guards.get(window) : undefined;
}

/** Test support: forget that a quit was requested. */
export function resetCloseGuards(): void {
  quitRequested = false;
  quitListenerInstalled = false;
}
