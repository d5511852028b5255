import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  readThemePreference,
  resolveTheme,
  startTheme,
  THEME_STORAGE_KEY,
  ThemeSwitcher,
} from '../../../src/ui';
import { sanitizeForFrame } from '../../../src/features/sources/sanitize';

/** A stand-in for the OS setting: `matchMedia('(prefers-color-scheme: dark)')` that can change. */
function fakeSystemScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', () => query);
  // Scripts run in jsdom's own window, which the stubbed global does not reach.
  Object.defineProperty(window, 'matchMedia', { value: () => query, configurable: true });
  return {
    set(next: boolean) {
      dark = next;
      for (const listener of listeners) listener();
    },
  };
}

const root = document.documentElement;
let stop: () => void = () => undefined;

beforeEach(() => {
  localStorage.clear();
  delete root.dataset.theme;
  delete root.dataset.themePreference;
});
afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

describe('themes', () => {
  it('follows the OS setting under System, including when it changes', () => {
    const os = fakeSystemScheme(true);
    stop = startTheme();
    expect(root.dataset.theme).toBe('dark');
    expect(root.dataset.themePreference).toBe('system');
    os.set(false);
    expect(root.dataset.theme).toBe('light');
  });

  it('applies the choice from the switcher as data-theme and remembers it', async () => {
    const os = fakeSystemScheme(false);
    stop = startTheme();
    const user = userEvent.setup();
    render(<ThemeSwitcher />);
    const select = screen.getByRole('combobox', { name: 'Theme' });
    expect(select).toHaveValue('system');

    await user.selectOptions(select, 'Dark');
    expect(root.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    expect(readThemePreference()).toBe('dark');
    // An explicit choice wins over the OS.
    os.set(false);
    expect(root.dataset.theme).toBe('dark');

    await user.selectOptions(select, 'Light');
    expect(root.dataset.theme).toBe('light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');

    os.set(true);
    await user.selectOptions(select, 'System');
    expect(root.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('ignores a stored value it does not know, and resolves each preference', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    expect(readThemePreference()).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('the pre-paint script applies the remembered choice with the same key', () => {
    fakeSystemScheme(false);
    const script = readFileSync(
      resolve(import.meta.dirname, '../../../src/public/theme-init.js'),
      'utf8',
    );
    // Run as the page would: an inline <script> (jsdom here runs scripts it is given).
    const run = () => {
      const element = document.createElement('script');
      element.textContent = script;
      document.head.append(element);
      element.remove();
    };
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    run();
    expect(root.dataset.theme).toBe('dark');
    expect(root.dataset.themePreference).toBe('dark');

    localStorage.clear();
    run();
    expect(root.dataset.theme).toBe('light');
    expect(root.dataset.themePreference).toBe('system');
  });

  it('draws the reader’s sandboxed original in the theme’s colour scheme (styles stay refused)', () => {
    const dark = sanitizeForFrame('<p style="color:red">Harbour</p>', 'Note', 'dark');
    expect(dark).toContain('<meta name="color-scheme" content="dark">');
    expect(dark).toContain("style-src 'none'");
    expect(dark).not.toContain('color:red');
    expect(sanitizeForFrame('<p>Harbour</p>', 'Note')).toContain(
      '<meta name="color-scheme" content="light">',
    );
  });
});
