/** Types for ensure-electron.mjs (a plain script so `npm start` needs no TypeScript loader). */
export const PROBE_TIMEOUT_MS: number;
export function electronZipName(version: string, platform?: string, arch?: string): string;
export function electronCacheDir(
  env?: Record<string, string | undefined>,
  platform?: string,
  home?: string,
): string;
export function findCachedFile(
  dirs: readonly string[],
  fileName: string,
  depth?: number,
): string | undefined;
export function probe(url: string, timeoutMs?: number): Promise<boolean>;
export function checkDist(options: {
  version: string;
  env?: Record<string, string | undefined>;
  platform?: string;
  arch?: string;
  home?: string;
  reachable?: (url: string) => Promise<boolean>;
}): Promise<{ ok: true; why: string } | { ok: false; message: string }>;
