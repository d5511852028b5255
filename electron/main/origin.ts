import { APP_ORIGIN } from '../../src/shared/security';

/** Which origins main trusts besides the app's own. */
export interface TrustOptions {
  /** `app.isPackaged`: every development allowance is off in shipped builds. */
  readonly packaged: boolean;
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`); ignored when packaged. */
  readonly devServerUrl?: string | undefined;
}

/**
 * `scheme://host[:port]` of a URL, or null if it has none. Built by hand because Node's URL reports
 * the origin of non-special schemes such as `app:` as the string "null".
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** The dev server's origin, only in an unpackaged run and only for an http(s) URL. */
export function devServerOrigin(options: TrustOptions): string | null {
  if (options.packaged || !options.devServerUrl) return null;
  let parsed: URL;
  try {
    parsed = new URL(options.devServerUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin;
}

/** True for the app's own origin and, in development, the dev server's. */
export function isTrustedOrigin(origin: string | null, options: TrustOptions): boolean {
  if (origin === null) return false;
  if (origin === APP_ORIGIN) return true;
  const dev = devServerOrigin(options);
  return dev !== null && origin === dev;
}
