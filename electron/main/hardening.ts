import { app } from 'electron';
import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from '../../src/shared/security';
import { devServerOrigin, isTrustedOrigin, originOf, type TrustOptions } from './origin';

/** Origin of a URL, looking through `blob:` to the origin that created the blob. */
function effectiveOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'blob:' ? originOf(parsed.pathname) : originOf(url);
}

/**
 * The network lockdown decision: Casefile is offline, so a request may only go to the app's own
 * origin. Allowed: app://casefile, blob: URLs it created, data: (inline bytes, nothing leaves the
 * machine; the CSP decides where they may be used) and, in an unpackaged run only, devtools:// and
 * the electron-vite dev server (http + its HMR websocket). Everything else is cancelled: other
 * app:// hosts, file://, http(s), ws(s), unparseable URLs.
 */
export function isRequestAllowed(url: string, options: TrustOptions): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'app:':
      return originOf(url) === APP_ORIGIN;
    case 'blob:':
      return isTrustedOrigin(effectiveOrigin(url), options);
    case 'data:':
      return true;
    case 'devtools:':
      return !options.packaged;
    case 'http:':
    case 'https:':
      return parsed.origin === devServerOrigin(options);
    case 'ws:':
    case 'wss:': {
      const dev = devServerOrigin(options);
      return dev !== null && new URL(dev).host === parsed.host;
    }
    default:
      return false;
  }
}

/**
 * Whether a frame may navigate. The top frame never navigates: the renderer is a single page and
 * routes in-document, so any top-level navigation is a link click, a redirect or an injected
 * script trying to leave the app, and would take the preload bridge with it. Subframes may only load
 * the app's own documents and its own blob: previews (what CSP `frame-src 'self' blob:` permits).
 */
export function isFrameNavigationAllowed(
  url: string,
  isMainFrame: boolean,
  options: TrustOptions,
): boolean {
  if (isMainFrame) return false;
  return isTrustedOrigin(effectiveOrigin(url), options);
}

/** Navigation, popup and <webview> rules for one WebContents. */
export function hardenWebContents(contents: WebContents, options: TrustOptions): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isFrameNavigationAllowed(event.url, event.isMainFrame, options)) event.preventDefault();
  });
  // No second windows: links and window.open() must not open anything, inside or outside the app.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * Applies hardenWebContents to every WebContents ever created (windows, devtools, anything a
 * future change adds), so no window can be created without it. Safe to call before `ready`.
 */
export function installAppHardening(options: TrustOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, options);
  });
}

/**
 * The only permissions the app's own top-level page is granted:
 * - `persistent-storage`, which src/db/persist.ts requests so Chromium never evicts the IndexedDB
 *   holding the cases under disk pressure;
 * - `clipboard-sanitized-write`, so "Copy SHA-256" and similar buttons can put text on the
 *   clipboard (writing only: `clipboard-read` stays denied).
 * Neither exposes anything to the page or reaches a device or the network.
 */
export const GRANTED_PERMISSIONS: readonly string[] = [
  'persistent-storage',
  'clipboard-sanitized-write',
];

/** Permission decision for both the request and the check handler. */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  isMainFrame: boolean,
  options: TrustOptions,
): boolean {
  return (
    GRANTED_PERMISSIONS.includes(permission) &&
    isMainFrame &&
    requestingUrl !== undefined &&
    isTrustedOrigin(originOf(requestingUrl), options)
  );
}

/**
 * Permissions and network for a session. Apart from GRANTED_PERMISSIONS the app needs no browser
 * permission (camera, location, notifications, clipboard read, devices, screen capture...), so every
 * other request and check is denied, and every request to anything but the app's own origin is
 * cancelled. Call after `ready`.
 */
export function lockDownSession(session: Session, options: TrustOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, details.isMainFrame, options));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(
      permission,
      details.requestingUrl ?? requestingOrigin,
      details.isMainFrame,
      options,
    ),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => {
    callback(null);
  });
  // Spell-check dictionaries are downloaded from a Google CDN; the app never spell-checks.
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, options) });
  });
}
