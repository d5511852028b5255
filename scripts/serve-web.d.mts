/** Types for serve-web.mjs (a plain script so `npm run web` needs no TypeScript loader). */
export interface WebServer {
  readonly url: string;
  close(): Promise<void>;
}
export function readBuiltCsp(): string;
export function serveWeb(options?: { port?: number; strictPort?: boolean }): Promise<WebServer>;
