import { describe, expect, it, vi } from 'vitest';
import {
  createCommandRegistry,
  formatShortcut,
  matchesShortcut,
  type KeyChord,
} from '../../../src/app/commands/registry';

const chord = (key: string, mods: Partial<KeyChord> = {}): KeyChord => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('command registry', () => {
  it('runs an enabled command by id and refuses a disabled or unknown one', async () => {
    const run = vi.fn();
    const registry = createCommandRegistry<{ open: boolean }>([
      { id: 'a', title: 'A', section: 'S', run },
      { id: 'b', title: 'B', section: 'S', enabled: (c) => c.open, run },
    ]);
    expect(await registry.run('a', { open: false })).toBe(true);
    expect(await registry.run('b', { open: false })).toBe(false);
    expect(await registry.run('nope', { open: true })).toBe(false);
    expect(run).toHaveBeenCalledTimes(1);
    expect(registry.available({ open: false }).map((c) => c.id)).toEqual(['a']);
  });

  it('refuses two commands with one id', () => {
    expect(() =>
      createCommandRegistry([
        { id: 'x', title: 'X', section: 'S', run: () => undefined },
        { id: 'x', title: 'Y', section: 'S', run: () => undefined },
      ]),
    ).toThrow('Command "x" is registered twice.');
  });

  it('matches shortcuts with Mod meaning Ctrl, or ⌘ on macOS', () => {
    expect(matchesShortcut('Mod+K', chord('k', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+K', chord('k', { metaKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+K', chord('k', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut('Mod+K', chord('k', { ctrlKey: true, shiftKey: true }), false)).toBe(
      false,
    );
    expect(matchesShortcut('Alt+N', chord('˜', { altKey: true, code: 'KeyN' }), true)).toBe(true);
    expect(matchesShortcut('F2', chord('F2'), false)).toBe(true);
    expect(formatShortcut('Mod+K', false)).toBe('Ctrl+K');
    expect(formatShortcut('Mod+K', true)).toBe('⌘K');
  });
});
