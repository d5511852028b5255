/**
 * User operations as registered commands. The menu, keyboard shortcuts, the command palette and
 * tests all run a command by id, so each behaves the same whichever way it is invoked.
 */
export interface Command<C> {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  /** e.g. `Mod+K`, `Alt+N`, `F2`. `Mod` is Ctrl, or ⌘ on macOS. */
  readonly shortcut?: string;
  /** Whether the command applies now (e.g. "Rename case" needs an open case). */
  readonly enabled?: (context: C) => boolean;
  readonly run: (context: C) => void | Promise<void>;
}

export interface KeyChord {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly code?: string;
}

export interface CommandRegistry<C> {
  list(): readonly Command<C>[];
  get(id: string): Command<C> | undefined;
  available(context: C): readonly Command<C>[];
  run(id: string, context: C): Promise<boolean>;
  findByChord(chord: KeyChord, isMac: boolean): Command<C> | undefined;
}

interface ParsedShortcut {
  readonly key: string;
  readonly mod: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

function parseShortcut(shortcut: string): ParsedShortcut {
  const parts = shortcut.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  return {
    key,
    mod: parts.includes('Mod'),
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
  };
}

/** The key a chord names; with Alt on macOS `event.key` is a symbol, so fall back to `code`. */
function chordKey(chord: KeyChord): string {
  const fromCode =
    /^Key([A-Z])$/.exec(chord.code ?? '')?.[1] ?? /^Digit(\d)$/.exec(chord.code ?? '')?.[1];
  if (chord.altKey && fromCode) return fromCode.toLowerCase();
  return chord.key.toLowerCase();
}

export function matchesShortcut(shortcut: string, chord: KeyChord, isMac: boolean): boolean {
  const wanted = parseShortcut(shortcut);
  const mod = isMac ? chord.metaKey : chord.ctrlKey;
  const otherMod = isMac ? chord.ctrlKey : chord.metaKey;
  return (
    chordKey(chord) === wanted.key &&
    mod === wanted.mod &&
    !otherMod &&
    chord.altKey === wanted.alt &&
    chord.shiftKey === wanted.shift
  );
}

/** How a shortcut is shown to the user on this platform. */
export function formatShortcut(shortcut: string, isMac: boolean): string {
  return shortcut
    .split('+')
    .map((part) => (part === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : part === 'Alt' && isMac ? '⌥' : part))
    .join(isMac ? '' : '+');
}

export function createCommandRegistry<C>(commands: readonly Command<C>[]): CommandRegistry<C> {
  const byId = new Map<string, Command<C>>();
  for (const command of commands) {
    if (byId.has(command.id)) throw new Error(`Command "${command.id}" is registered twice.`);
    byId.set(command.id, command);
  }
  const isEnabled = (command: Command<C>, context: C) => command.enabled?.(context) ?? true;
  return {
    list: () => [...byId.values()],
    get: (id) => byId.get(id),
    available: (context) => [...byId.values()].filter((command) => isEnabled(command, context)),
    async run(id, context) {
      const command = byId.get(id);
      if (!command || !isEnabled(command, context)) return false;
      await command.run(context);
      return true;
    },
    findByChord(chord, isMac) {
      return [...byId.values()].find(
        (command) =>
          command.shortcut !== undefined && matchesShortcut(command.shortcut, chord, isMac),
      );
    },
  };
}
