import { useSyncExternalStore } from 'react';

/**
 * Light and dark themes. The investigator chooses System (follow the OS), Light or Dark; the
 * choice is remembered in localStorage and applied as `data-theme` on <html>, where theme.css
 * switches every `--cf-*` token. /theme-init.js (in src/public) applies the stored choice before
 * first paint with the same key and rules; keep the two in step.
 */
export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'casefile.theme';
export const THEME_PREFERENCES: readonly {
  readonly id: ThemePreference;
  readonly label: string;
}[] = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark';
}

export function readThemePreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return isThemePreference(stored) ? stored : 'system';
  } catch {
    // Storage refused (a locked-down profile): follow the OS.
    return 'system';
  }
}

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

export function resolveTheme(preference: ThemePreference, prefersDark: boolean): Theme {
  if (preference === 'system') return prefersDark ? 'dark' : 'light';
  return preference;
}

/** The theme on screen now (what `data-theme` says). */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

const listeners = new Set<() => void>();
let preference: ThemePreference | undefined;

function apply(): void {
  const root = document.documentElement;
  const next = resolveTheme(preference ?? readThemePreference(), systemPrefersDark());
  root.dataset.themePreference = preference ?? 'system';
  if (root.dataset.theme === next) return;
  root.dataset.theme = next;
  for (const listener of listeners) listener();
}

/**
 * Applies the stored choice and follows OS changes while "System" is chosen. Called once by
 * main.tsx before the app renders; returns a function that stops following.
 */
export function startTheme(): () => void {
  preference = readThemePreference();
  apply();
  if (typeof matchMedia !== 'function') return () => undefined;
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}

export function setThemePreference(next: ThemePreference): void {
  preference = next;
  try {
    if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, next);
  } catch {
    // Not remembered, but still applied for this session.
  }
  apply();
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the theme on screen or the chosen preference changes. */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(onThemeChange, () => preference ?? readThemePreference());
}

/** The theme on screen, re-rendering when it changes (for colours drawn from code, e.g. canvases). */
export function useTheme(): Theme {
  return useSyncExternalStore(onThemeChange, currentTheme);
}

/** Reads a `--cf-*` token's current value (for canvases and other colours set from code). */
export function themeToken(name: `--cf-${string}`): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
