/** Types for electronegativity.mjs (a plain script so `npm run lint:electron` needs no TypeScript loader). */
export interface AcceptedFinding {
  readonly check: string;
  readonly file: string;
  readonly source?: string;
  readonly description?: string;
  readonly count: number;
  readonly why: string;
}
export interface Finding {
  readonly check: string;
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly description: string;
}
export interface ScanReport {
  readonly checks: number;
  readonly findings: readonly Finding[];
  readonly unaccepted: readonly Finding[];
  readonly countMismatches: readonly { readonly entry: AcceptedFinding; readonly found: number }[];
  readonly parseErrors: readonly { readonly file: string; readonly message: string }[];
  readonly htmlBuilt: boolean;
}
export const ACCEPTED: readonly AcceptedFinding[];
export const DEFAULT_ELECTRON_DIR: string;
export const DEFAULT_RENDERER_HTML: string;
export function blockNetwork(): string[];
export function scanElectron(options?: {
  electronDir?: string;
  rendererHtml?: string;
  accepted?: readonly AcceptedFinding[];
}): Promise<ScanReport>;
