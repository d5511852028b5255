import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserHost } from '../../../src/platform/browserHost';
import { createElectronDesktop } from '../../../src/platform/electronDesktop';
import type { CasefileBridge } from '../../../src/shared/ipc/bridge';
import { MAX_RECENT_TITLE_LENGTH } from '../../../src/shared/ipc/channels';
import { MAX_OPEN_FILE_BYTES } from '../../../src/shared/security';

const CASE_ID = '0b7c6f7e-2c1e-4d7a-9a52-3f1f1a0c0001';
type Emit = (payload: unknown) => void;

/** A bridge whose main → renderer events the test sends by hand. */
function aBridge() {
  const emit: Record<'command' | 'openCase' | 'openBundle', Emit> = {
    command: () => undefined,
    openCase: () => undefined,
    openBundle: () => undefined,
  };
  const subscribe = (name: keyof typeof emit) =>
    vi.fn((listener: Emit) => {
      emit[name] = listener;
      return () => {
        emit[name] = () => undefined;
      };
    });
  const answer = () => Promise.resolve({ ok: true as const, value: undefined });
  const desktop = {
    onMenuCommand: subscribe('command'),
    onOpenCase: subscribe('openCase'),
    onOpenBundle: subscribe('openBundle'),
    ready: vi.fn(answer),
    recentCaseOpened: vi.fn(answer),
    recentCaseMissing: vi.fn(answer),
  } satisfies CasefileBridge['desktop'];
  return { bridge: { desktop } as unknown as CasefileBridge, desktop, emit };
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the desktop shell in the renderer', () => {
  it('passes on a menu command id and drops a malformed one', () => {
    const { bridge, emit } = aBridge();
    const listener = vi.fn();
    const unsubscribe = createElectronDesktop(bridge).onCommand(listener);
    emit.command({ commandId: 'case.new' });
    for (const bad of [
      undefined,
      'case.new',
      { commandId: 'x'.repeat(100) },
      { commandId: 'Case New' },
      { commandId: 'case.new', also: 'nav.cases' },
      { commandId: 42 },
    ]) {
      emit.command(bad);
    }
    expect(listener.mock.calls).toEqual([['case.new']]);
    expect(warn).toHaveBeenCalledTimes(6);
    unsubscribe();
    emit.command({ commandId: 'nav.cases' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('passes on a case to open only with a case id', () => {
    const { bridge, emit } = aBridge();
    const listener = vi.fn();
    createElectronDesktop(bridge).onOpenCase(listener);
    emit.openCase({ caseId: CASE_ID });
    emit.openCase({ caseId: 'javascript:alert(1)' });
    expect(listener.mock.calls).toEqual([[CASE_ID]]);
  });

  it('tells main it listens for bundles, and passes on a file or the reason it could not be read', () => {
    const { bridge, desktop, emit } = aBridge();
    const listener = vi.fn();
    createElectronDesktop(bridge).onOpenBundle(listener);
    expect(desktop.ready).toHaveBeenCalledTimes(1);
    const bytes = new Uint8Array([1, 2, 3]);
    emit.openBundle({ ok: true, value: { name: 'Quay.casefile', bytes } });
    const failure = { ok: false, error: { code: 'files.readFailed', message: 'gone' } };
    emit.openBundle(failure);
    emit.openBundle({ ok: true, value: { name: 'Quay.casefile', bytes: 'not bytes' } });
    emit.openBundle({ ok: true, value: { name: '', bytes } });
    const huge = { byteLength: MAX_OPEN_FILE_BYTES + 1 };
    emit.openBundle({
      ok: true,
      value: {
        name: 'x.casefile',
        bytes: Object.setPrototypeOf(huge, Uint8Array.prototype) as unknown,
      },
    });
    expect(listener.mock.calls).toEqual([
      [{ ok: true, value: { name: 'Quay.casefile', bytes } }],
      [failure],
    ]);
  });

  it('notes an opened case for Open Recent, but not one main would refuse', () => {
    const { bridge, desktop } = aBridge();
    const shell = createElectronDesktop(bridge);
    shell.noteCaseOpened({ id: CASE_ID, title: 'Harbour Street' });
    shell.noteCaseOpened({ id: CASE_ID, title: 'x'.repeat(MAX_RECENT_TITLE_LENGTH + 1) });
    shell.noteCaseOpened({ id: 'nope', title: 'Harbour Street' });
    expect(desktop.recentCaseOpened).toHaveBeenCalledExactlyOnceWith({
      id: CASE_ID,
      title: 'Harbour Street',
    });
    shell.forgetRecentCase(CASE_ID);
    expect(desktop.recentCaseMissing).toHaveBeenCalledExactlyOnceWith({ id: CASE_ID });
  });
});

describe('the browser edition', () => {
  it('has no menu or file association: subscriptions never fire and notes do nothing', () => {
    const { desktop } = createBrowserHost({ version: '1.0.0' });
    const listener = vi.fn();
    const unsubscribers = [
      desktop.onCommand(listener),
      desktop.onOpenCase(listener),
      desktop.onOpenBundle(listener),
    ];
    for (const unsubscribe of unsubscribers) expect(unsubscribe()).toBeUndefined();
    expect(desktop.noteCaseOpened({ id: CASE_ID, title: 'x' })).toBeUndefined();
    expect(desktop.forgetRecentCase(CASE_ID)).toBeUndefined();
    expect(listener).not.toHaveBeenCalled();
  });
});
