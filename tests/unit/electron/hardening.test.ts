import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  hardenWebContents,
  installAppHardening,
  isFrameNavigationAllowed,
  isRequestAllowed,
  lockDownSession,
} from '../../../electron/main/hardening';
import type { TrustOptions } from '../../../electron/main/origin';
import {
  createFakeSession,
  fakeElectron,
  fakeEvent,
  FakeWebContents,
  resetFakeElectron,
} from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const packaged: TrustOptions = { packaged: true };
const dev: TrustOptions = { packaged: false, devServerUrl: 'http://localhost:5173' };
const devUrlButPackaged: TrustOptions = { packaged: true, devServerUrl: 'http://localhost:5173' };

type FakeSession = ReturnType<typeof createFakeSession>;

function harden(options: TrustOptions = packaged): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as never, options);
  return contents;
}

function lockedSession(options: TrustOptions = packaged): FakeSession {
  const session = createFakeSession();
  lockDownSession(session as never, options);
  return session;
}

beforeEach(() => {
  resetFakeElectron();
});

describe('navigation, popups and webviews', () => {
  it('prevents every top-level navigation, even to the app itself', () => {
    const contents = harden();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://casefile/index.html',
    ]) {
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it('prevents top-frame will-frame-navigate and foreign subframe navigations', () => {
    const contents = harden();
    const cases = [
      { url: 'app://casefile/index.html', isMainFrame: true },
      { url: 'https://evil.example/', isMainFrame: false },
      { url: 'app://evil/index.html', isMainFrame: false },
      { url: 'blob:https://evil.example/0d6a', isMainFrame: false },
      { url: 'file:///etc/passwd', isMainFrame: false },
      { url: 'data:text/html,<script>alert(1)</script>', isMainFrame: false },
      { url: 'javascript:alert(1)', isMainFrame: false },
    ];
    for (const details of cases) {
      const event = fakeEvent(details);
      contents.emit('will-frame-navigate', event);
      expect(event.defaultPrevented, JSON.stringify(details)).toBe(true);
    }
  });

  it('lets a subframe show the app’s own blob: previews (CSP frame-src self blob:)', () => {
    const contents = harden();
    for (const url of [
      'blob:app://casefile/6c1f9a2e-1111-4d2b-9a8e-2a0f3c1d9b7e',
      'app://casefile/preview.html',
    ]) {
      const event = fakeEvent({ url, isMainFrame: false });
      contents.emit('will-frame-navigate', event);
      expect(event.defaultPrevented, url).toBe(false);
    }
  });

  it('denies every window.open / target=_blank', () => {
    const contents = harden();
    expect(contents.windowOpenHandler).toBeTypeOf('function');
    for (const url of ['https://evil.example/', 'app://casefile/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('prevents attaching a <webview>', () => {
    const contents = harden();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('hardens every WebContents the app creates, via web-contents-created', () => {
    installAppHardening(packaged);
    expect(fakeElectron.app.listenerCount('web-contents-created')).toBe(1);
    const contents = new FakeWebContents();
    fakeElectron.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const event = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('isFrameNavigationAllowed: dev-server subframes only in an unpackaged dev run', () => {
    expect(isFrameNavigationAllowed('http://localhost:5173/x.html', false, dev)).toBe(true);
    expect(isFrameNavigationAllowed('http://localhost:5173/x.html', false, devUrlButPackaged)).toBe(
      false,
    );
    expect(isFrameNavigationAllowed('http://localhost:5173/x.html', true, dev)).toBe(false);
  });
});

describe('permissions', () => {
  type RequestHandler = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string; isMainFrame: boolean },
  ) => void;
  type CheckHandler = (
    contents: unknown,
    permission: string,
    requestingOrigin: string,
    details: { requestingUrl?: string; isMainFrame: boolean },
  ) => boolean;

  const appPage = { requestingUrl: 'app://casefile/index.html', isMainFrame: true };
  const everyOtherPermission = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'midiSysex',
    'fileSystem',
    'local-fonts',
    'window-management',
    'unknown',
  ];

  function requestHandler(options: TrustOptions = packaged): RequestHandler {
    return lockedSession(options).setPermissionRequestHandler.mock.calls[0]?.[0] as RequestHandler;
  }

  function request(handler: RequestHandler, permission: string, details = appPage): unknown {
    const callback = vi.fn();
    handler({}, permission, callback, details);
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]?.[0];
  }

  it('denies every permission request, even from the app itself', () => {
    const handler = requestHandler();
    for (const permission of everyOtherPermission) {
      expect(request(handler, permission), permission).toBe(false);
    }
  });

  it('answers every permission check with false, even for the app itself', () => {
    const check = lockedSession().setPermissionCheckHandler.mock.calls[0]?.[0] as CheckHandler;
    for (const permission of everyOtherPermission) {
      expect(check({}, permission, 'app://casefile', appPage), permission).toBe(false);
    }
  });

  it('grants persistent-storage only to the app’s own top-level page (so cases are not evicted)', () => {
    const handler = requestHandler();
    expect(request(handler, 'persistent-storage')).toBe(true);
    expect(
      request(handler, 'persistent-storage', {
        requestingUrl: 'https://evil.example/',
        isMainFrame: true,
      }),
    ).toBe(false);
    expect(
      request(handler, 'persistent-storage', {
        requestingUrl: 'app://casefile/x.html',
        isMainFrame: false,
      }),
    ).toBe(false);
    expect(
      request(handler, 'persistent-storage', { requestingUrl: 'app://evil/', isMainFrame: true }),
    ).toBe(false);

    const check = lockedSession().setPermissionCheckHandler.mock.calls[0]?.[0] as CheckHandler;
    expect(check({}, 'persistent-storage', 'app://casefile', { isMainFrame: true })).toBe(true);
    expect(check({}, 'persistent-storage', 'https://evil.example', { isMainFrame: true })).toBe(
      false,
    );
    expect(check({}, 'persistent-storage', 'app://casefile', { isMainFrame: false })).toBe(false);
  });

  it('lets only the app’s own top-level page write (never read) the clipboard', () => {
    const handler = requestHandler();
    expect(request(handler, 'clipboard-sanitized-write')).toBe(true);
    expect(request(handler, 'clipboard-read')).toBe(false);
    expect(
      request(handler, 'clipboard-sanitized-write', {
        requestingUrl: 'app://casefile/x.html',
        isMainFrame: false,
      }),
    ).toBe(false);
    expect(
      request(handler, 'clipboard-sanitized-write', {
        requestingUrl: 'https://evil.example/',
        isMainFrame: true,
      }),
    ).toBe(false);
  });

  it('grants the dev server persistent-storage only in an unpackaged run', () => {
    const dev = { requestingUrl: 'http://localhost:5173/', isMainFrame: true };
    expect(request(requestHandler(devUrlButPackaged), 'persistent-storage', dev)).toBe(false);
    expect(
      request(
        requestHandler({ packaged: false, devServerUrl: 'http://localhost:5173' }),
        'persistent-storage',
        dev,
      ),
    ).toBe(true);
  });

  it('denies device access (HID/serial/USB) and display capture', () => {
    const session = lockedSession();
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (
      details: unknown,
    ) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://casefile' })).toBe(false);
    const display = session.setDisplayMediaRequestHandler.mock.calls[0]?.[0] as (
      request: unknown,
      callback: (streams: unknown) => void,
    ) => void;
    const callback = vi.fn();
    display({}, callback);
    expect(callback).toHaveBeenCalledWith(null);
  });

  it('turns the spell checker (and its dictionary downloads) off', () => {
    expect(lockedSession().setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });
});

describe('network lockdown', () => {
  it.each([
    ['app://casefile/index.html', true],
    ['app://casefile/assets/index-abc123.js', true],
    ['blob:app://casefile/6c1f9a2e-1111-4d2b-9a8e-2a0f3c1d9b7e', true],
    // data: carries its bytes inline: nothing leaves the machine; the CSP limits where it is used.
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['app://evil/x', false],
    ['app://casefile.evil.example/x', false],
    ['app://casefile:8080/x', false],
    ['blob:https://evil.example/6c1f9a2e', false],
    ['https://example.com/', false],
    ['http://example.com/', false],
    ['http://localhost/', false],
    ['http://localhost:5173/', false],
    ['http://127.0.0.1:8080/', false],
    ['ws://localhost:5173/', false],
    ['wss://example.com/socket', false],
    ['file:///etc/passwd', false],
    ['ftp://example.com/', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['chrome-extension://abc/x.js', false],
    ['not a url', false],
  ])('packaged: %s → allowed=%s', (url, allowed) => {
    expect(isRequestAllowed(url, packaged)).toBe(allowed);
  });

  it('ignores the dev-server URL in a packaged build', () => {
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', devUrlButPackaged)).toBe(false);
    expect(isRequestAllowed('ws://localhost:5173/', devUrlButPackaged)).toBe(false);
  });

  it('in an unpackaged dev run allows only devtools:// and the dev server (plus its HMR socket)', () => {
    expect(
      isRequestAllowed('devtools://devtools/bundled/inspector.html', { packaged: false }),
    ).toBe(true);
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(isRequestAllowed('blob:http://localhost:5173/6c1f9a2e', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', dev)).toBe(false);
    expect(isRequestAllowed('https://localhost:5173/', dev)).toBe(false);
    expect(isRequestAllowed('https://example.com/', dev)).toBe(false);
    expect(isRequestAllowed('http://localhost:5173/', { packaged: false })).toBe(false);
    expect(isRequestAllowed('file:///etc/passwd', dev)).toBe(false);
    // A dev-server URL that is not http(s) grants nothing.
    expect(
      isRequestAllowed('file:///etc/passwd', { packaged: false, devServerUrl: 'file:///etc' }),
    ).toBe(false);
  });

  it('cancels foreign requests in onBeforeRequest and lets app:// through', () => {
    const session = lockedSession();
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as (
      details: { url: string },
      callback: (response: { cancel?: boolean }) => void,
    ) => void;

    for (const url of [
      'https://example.com/track.gif',
      'http://localhost/',
      'file:///etc/passwd',
      'ws://evil.example/',
    ]) {
      const callback = vi.fn();
      listener({ url }, callback);
      expect(callback, url).toHaveBeenCalledWith({ cancel: true });
    }
    const callback = vi.fn();
    listener({ url: 'app://casefile/assets/app.js' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: false });
  });
});
