import {
  menuCommandEvent,
  openBundleEvent,
  openCaseEvent,
  recentCaseOpenedRequest,
} from '../shared/ipc/channels';
import type { CasefileBridge } from '../shared/ipc/bridge';
import { parseUnknown } from '../shared/parse';
import type { z } from 'zod';
import type { DesktopShell } from './Host';

/**
 * Parses one main → renderer message; a malformed one is logged and dropped, never passed on
 * (main is trusted, but a bug there must not reach the command registry or the import dialog).
 */
function parsed<S extends z.ZodType>(
  schema: S,
  what: string,
  deliver: (value: z.output<S>) => void,
): (payload: unknown) => void {
  return (payload) => {
    const result = parseUnknown(schema, payload, 'ipc.payload.invalid', what);
    if (result.ok) deliver(result.value);
    else console.warn(`Casefile ignored a message from the desktop shell: ${result.error.message}`);
  };
}

function report(what: string): (answer: { ok: boolean; error?: { message: string } }) => void {
  return (answer) => {
    if (!answer.ok) console.warn(`Casefile could not ${what}: ${answer.error?.message ?? ''}`);
  };
}

/** The desktop shell over the preload's bridge: every event parsed, every note validated first. */
export function createElectronDesktop(bridge: CasefileBridge): DesktopShell {
  return {
    onCommand: (listener) =>
      bridge.desktop.onMenuCommand(
        parsed(menuCommandEvent, 'menu command', (event) => listener(event.commandId)),
      ),
    onOpenCase: (listener) =>
      bridge.desktop.onOpenCase(
        parsed(openCaseEvent, 'open-case message', (event) => listener(event.caseId)),
      ),
    onOpenBundle(listener) {
      const unsubscribe = bridge.desktop.onOpenBundle(
        parsed(openBundleEvent, 'open-bundle message', listener),
      );
      void bridge.desktop.ready().then(report('ask for bundles opened at launch'));
      return unsubscribe;
    },
    noteCaseOpened(entry) {
      // Checked here too: a title main would refuse is not worth a round trip.
      const request = recentCaseOpenedRequest.safeParse(entry);
      if (!request.success) return;
      void bridge.desktop.recentCaseOpened(request.data).then(report('update recent cases'));
    },
    forgetRecentCase(id) {
      void bridge.desktop.recentCaseMissing({ id }).then(report('update recent cases'));
    },
  };
}
