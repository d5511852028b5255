import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App';
import { APP_COMMANDS, type AppCommandContext } from '../../../src/app/commands/appCommands';
import { createCommandRegistry, type KeyChord } from '../../../src/app/commands/registry';
import type { CaseId } from '../../../src/core';
import { openCasefileStorage } from '../../../src/db';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import {
  registerReportExport,
  requestReportExport,
} from '../../../src/features/reports/reportExport';
import { FindBar } from '../../../src/features/sources/FindBar';
import {
  registerSelectionActions,
  registerSourceImport,
  requestSourceImport,
  type SelectionAction,
} from '../../../src/features/sources/readerCommands';
import type { FindInSource } from '../../../src/features/sources/useFindInSource';
import { Dialog } from '../../../src/ui';

const registry = createCommandRegistry(APP_COMMANDS);

function context(overrides: Partial<AppCommandContext> = {}): AppCommandContext {
  const noop = () => undefined;
  return {
    readOnly: false,
    openCaseId: 'case-1' as CaseId,
    goToCaseList: noop,
    goToArea: noop,
    newCase: noop,
    editOpenCase: noop,
    deleteOpenCase: noop,
    exportOpenCase: noop,
    importIntoOpenCase: noop,
    openKeys: noop,
    openBackups: noop,
    openHelp: noop,
    checkIntegrity: noop,
    exportBundleOfOpenCase: noop,
    importBundle: noop,
    openSampleCase: noop,
    openPalette: noop,
    print: noop,
    ...overrides,
  };
}

function alt(letter: string): KeyChord {
  return {
    key: letter,
    code: `Key${letter.toUpperCase()}`,
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('keyboard-first commands', () => {
  it('gives every shortcut to one command only', () => {
    const shortcuts = APP_COMMANDS.flatMap((c) => (c.shortcut ? [c.shortcut] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it('leaves Alt+F, E, V, G, W and H to the desktop menu bar (its mnemonics)', () => {
    for (const letter of 'fevgwh') expect(registry.findByChord(alt(letter), false)).toBeUndefined();
  });

  it('runs "Export report…" (Alt+R) in the Reports area, focusing its export bar when drawn', async () => {
    expect(registry.findByChord(alt('r'), false)?.id).toBe('report.export');
    const goToArea = vi.fn();
    const focusBar = vi.fn();
    expect(await registry.run('report.export', context({ goToArea }))).toBe(true);
    expect(goToArea).toHaveBeenCalledWith('reports');
    cleanups.push(registerReportExport(focusBar));
    expect(focusBar).toHaveBeenCalledTimes(1);
    requestReportExport();
    expect(focusBar).toHaveBeenCalledTimes(2);
    expect(registry.get('report.export')?.enabled?.(context({ openCaseId: undefined }))).toBe(
      false,
    );
  });

  it('maps Alt+I, Alt+T and Alt+C to import, tag selection and claim from selection', () => {
    expect(registry.findByChord(alt('i'), false)?.id).toBe('sources.import');
    expect(registry.findByChord(alt('t'), false)?.id).toBe('selection.tag');
    expect(registry.findByChord(alt('c'), false)?.id).toBe('selection.claim');
    // On macOS ⌥ turns the key into a symbol; the physical key still matches.
    expect(registry.findByChord({ ...alt('t'), key: '†' }, true)?.id).toBe('selection.tag');
    expect(registry.get('search.focus')?.shortcut).toBe('Mod+Shift+F');
  });

  it('offers "Import sources…" only with a case open that can be written', () => {
    const importCommand = registry.get('sources.import')!;
    expect(importCommand.enabled?.(context())).toBe(true);
    expect(importCommand.enabled?.(context({ openCaseId: undefined }))).toBe(false);
    expect(importCommand.enabled?.(context({ readOnly: true }))).toBe(false);
  });

  it('runs the import of the Sources area at once, or as soon as the area registers', async () => {
    const goToArea = vi.fn();
    const first = vi.fn();
    // Not on screen: the request waits, and the area's registration runs it (once).
    expect(await registry.run('sources.import', context({ goToArea }))).toBe(true);
    expect(goToArea).toHaveBeenCalledWith('sources');
    const unregisterFirst = registerSourceImport(first);
    expect(first).toHaveBeenCalledTimes(1);
    unregisterFirst();
    const second = vi.fn();
    cleanups.push(registerSourceImport(second));
    expect(second).not.toHaveBeenCalled();
    // On screen: runs now.
    requestSourceImport();
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('enables the selection commands only while text is selected in the reader', async () => {
    const tag = registry.get('selection.tag')!;
    const claim = registry.get('selection.claim')!;
    expect(tag.enabled?.(context())).toBe(false);
    expect(await registry.run('selection.tag', context())).toBe(false);

    const actions: SelectionAction[] = [];
    let selected = true;
    const unregister = registerSelectionActions({
      available: () => selected,
      run: (action) => actions.push(action),
    });
    expect(tag.enabled?.(context())).toBe(true);
    expect(claim.enabled?.(context())).toBe(true);
    expect(tag.enabled?.(context({ readOnly: true }))).toBe(false);
    expect(registry.available(context()).map((c) => c.id)).toEqual(
      expect.arrayContaining(['selection.tag', 'selection.claim']),
    );

    expect(await registry.run('selection.tag', context())).toBe(true);
    expect(await registry.run('selection.claim', context())).toBe(true);
    expect(actions).toEqual(['tag', 'claim']);

    // Enablement follows the live selection, not a registration made a frame later.
    selected = false;
    expect(tag.enabled?.(context())).toBe(false);
    expect(await registry.run('selection.claim', context())).toBe(false);
    expect(actions).toEqual(['tag', 'claim']);
    selected = true;

    unregister();
    expect(claim.enabled?.(context())).toBe(false);
    expect(registry.available(context()).map((c) => c.id)).not.toContain('selection.claim');
  });
});

describe('the find bar from the keyboard', () => {
  function fakeFind(current: FindInSource['current']): FindInSource {
    return {
      open: true,
      query: 'macau',
      setQuery: vi.fn(),
      searched: true,
      matches: current ? [current] : [],
      truncated: false,
      current,
      currentIndex: current ? 0 : undefined,
      openBar: vi.fn(),
      moves: 0,
      next: vi.fn(),
      previous: vi.fn(),
      close: vi.fn(),
      focusRequest: 1,
      busy: false,
      message: undefined,
    };
  }

  it('selects the current match with Alt+Enter or its button, and not without a match', async () => {
    const user = userEvent.setup();
    const onSelectMatch = vi.fn();
    const { rerender } = render(
      <FindBar find={fakeFind({ start: 3, end: 8 })} onSelectMatch={onSelectMatch} />,
    );
    const input = screen.getByRole('searchbox', { name: 'Find in this source' });
    expect(input).toHaveFocus();
    await user.keyboard('{Alt>}{Enter}{/Alt}');
    expect(onSelectMatch).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Select match' }));
    expect(onSelectMatch).toHaveBeenCalledTimes(2);

    rerender(<FindBar find={fakeFind(undefined)} onSelectMatch={onSelectMatch} />);
    expect(screen.getByRole('button', { name: 'Select match' })).toBeDisabled();
    input.focus();
    await user.keyboard('{Alt>}{Enter}{/Alt}');
    expect(onSelectMatch).toHaveBeenCalledTimes(2);
  });
});

describe('dialog focus', () => {
  /** A button opens dialog A (autofocused field); its action swaps A for B, as the palette does. */
  function Harness() {
    const [open, setOpen] = useState<'none' | 'a' | 'b'>('none');
    return (
      <>
        <button type="button" onClick={() => setOpen('a')}>
          Open
        </button>
        {open === 'a' ? (
          <Dialog title="A" onClose={() => setOpen('none')}>
            <input
              aria-label="Field A"
              autoFocus
              onKeyDown={(e) => e.key === 'Enter' && setOpen('b')}
            />
          </Dialog>
        ) : null}
        {open === 'b' ? (
          <Dialog title="B" onClose={() => setOpen('none')}>
            <input aria-label="Field B" autoFocus />
          </Dialog>
        ) : null}
      </>
    );
  }

  it('focuses the first field on open and returns focus to the opener on Escape', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Open' });
    opener.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Field A' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
  });

  it('returns focus to the first opener when a dialog opened from another one closes', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Open' });
    opener.focus();
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Field B' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
  });
});

describe('shortcuts in the app shell', () => {
  it('Alt+N then Alt+I: a new case, then its Sources area with the file chooser open', async () => {
    window.location.hash = '';
    const storage = await openCasefileStorage({
      name: `casefile-component-${crypto.randomUUID()}`,
      requestPersistence: false,
    });
    cleanups.push(() => storage.close());
    const user = userEvent.setup();
    render(
      <App
        host={createBrowserHost({ version: 'test' })}
        storage={storage}
        ingest={createInlineIngest()}
        extractor={createInlineExtractor()}
      />,
    );
    await screen.findByRole('heading', { name: 'Cases', level: 1 });
    // Without an open case, Alt+I does not apply and leaves the key to the page.
    expect(fireEvent.keyDown(window, { key: 'i', code: 'KeyI', altKey: true })).toBe(true);

    await user.keyboard('{Alt>}n{/Alt}');
    const form = await screen.findByRole('dialog', { name: 'New case' });
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveFocus();
    await user.keyboard('Lighthouse{Enter}');
    await screen.findByRole('heading', { name: 'Lighthouse', level: 1 });
    expect(form).not.toBeInTheDocument();

    // No text selected in a reader: Alt+T and Alt+C do nothing and are not swallowed.
    expect(fireEvent.keyDown(window, { key: 't', code: 'KeyT', altKey: true })).toBe(true);
    expect(fireEvent.keyDown(window, { key: 'c', code: 'KeyC', altKey: true })).toBe(true);

    const clicked = vi.spyOn(HTMLInputElement.prototype, 'click');
    expect(fireEvent.keyDown(window, { key: 'i', code: 'KeyI', altKey: true })).toBe(false);
    await screen.findByRole('button', { name: 'Import files…' });
    expect(window.location.hash).toMatch(/\/sources$/);
    await vi.waitFor(() => expect(clicked).toHaveBeenCalled());
    expect((clicked.mock.contexts[0] as HTMLInputElement).type).toBe('file');
    clicked.mockRestore();
  });
});
