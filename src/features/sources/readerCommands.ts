/**
 * App-wide commands that act on what the sources feature shows: "Import sources…" (Alt+I) and,
 * in the reader, "Tag selection as entity" (Alt+T) / "New claim from selection" (Alt+C). The
 * mounted component registers what it can do; the command registry (src/app/commands) calls in
 * here, so the palette, the help page and the desktop menu list them like any other command.
 */
import { createDeferredAction } from '../../ui';

export type SelectionAction = 'tag' | 'claim';

const sourceImport = createDeferredAction();

/** The Sources area registers its "Import files…"; a request made while it was away runs now. */
export const registerSourceImport = sourceImport.register;

/** Opens the file chooser of the Sources area, now if it is on screen, else once it opens. */
export const requestSourceImport = sourceImport.request;

/**
 * What the reader offers the selection commands. `available` reads the live selection, so a key
 * pressed the moment text is selected finds the command enabled (the toolbar follows a frame late).
 */
export interface SelectionActions {
  readonly available: () => boolean;
  readonly run: (action: SelectionAction) => void;
}

let selectionActions: SelectionActions | undefined;

/** The open reader registers while it is mounted, and unregisters after. */
export function registerSelectionActions(actions: SelectionActions): () => void {
  selectionActions = actions;
  return () => {
    if (selectionActions === actions) selectionActions = undefined;
  };
}

/** Whether text is selected in the reader (the selection commands apply). */
export function hasReaderSelection(): boolean {
  return selectionActions?.available() ?? false;
}

/** Runs a selection action; false when no text is selected in the reader. */
export function runSelectionAction(action: SelectionAction): boolean {
  if (!selectionActions?.available()) return false;
  selectionActions.run(action);
  return true;
}
