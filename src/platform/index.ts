import type { CasefileBridge } from '../shared/ipc/bridge';
import { createBrowserHost } from './browserHost';
import { createElectronHost } from './electronHost';
import type { Host } from './Host';

export type { Host, SavePdfRequest, SavePdfResponse } from './Host';
export { createBrowserHost } from './browserHost';
export { createElectronHost } from './electronHost';

/** The one place that looks for the Electron bridge; everything else asks for a Host. */
export function detectHost(version: string): Host {
  const bridge = (window as Window & { casefile?: CasefileBridge }).casefile;
  return bridge ? createElectronHost(bridge) : createBrowserHost({ version });
}
