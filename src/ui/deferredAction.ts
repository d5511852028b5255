/**
 * An action a command asks of a view that may not be on screen yet: "Import sources…" while the
 * Sources area is closed, "Export report…" before the Reports area has drawn its export bar. The
 * view registers how to do it while it can; a request runs it at once, or when the view next
 * registers (once).
 */
export interface DeferredAction {
  /** Called by the view while it can act; returns the unregister function (an effect cleanup). */
  readonly register: (run: () => void) => () => void;
  /** Runs the action now if a view can, else as soon as one registers. */
  readonly request: () => void;
}

export function createDeferredAction(): DeferredAction {
  let current: (() => void) | undefined;
  let requested = false;
  return {
    register: (run) => {
      current = run;
      if (requested) {
        requested = false;
        run();
      }
      return () => {
        if (current === run) current = undefined;
      };
    },
    request: () => {
      if (current) current();
      else requested = true;
    },
  };
}
