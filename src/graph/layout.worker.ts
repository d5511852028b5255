/// <reference lib="webworker" />
import { computeLayout, type LayoutEvent, type LayoutInput } from './layoutEngine';

// The layout worker: fcose runs here so panning and zooming stay smooth while it works. One
// layout per worker; the canvas cancels a run by terminating the worker.
declare const self: DedicatedWorkerGlobalScope;

export type LayoutWorkerMessage =
  LayoutEvent | { readonly kind: 'failed'; readonly message: string } | { readonly kind: 'ready' };

self.addEventListener('message', (event: MessageEvent<LayoutInput>) => {
  computeLayout(event.data, (message) => {
    if (message.kind === 'positions') self.postMessage(message, [message.positions.buffer]);
    else self.postMessage(message);
  }).catch((error: unknown) => {
    const failed: LayoutWorkerMessage = {
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    };
    self.postMessage(failed);
  });

  // Loaded and listening: the page may now hand over a graph without waiting for this thread.
  const ready: LayoutWorkerMessage = { kind: 'ready' };
  self.postMessage(ready);
});

// Loaded and listening: the page may now hand over a graph without waiting for this thread.
const ready: LayoutWorkerMessage = { kind: 'ready' };
self.postMessage(ready);
