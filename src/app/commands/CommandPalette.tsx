import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../../ui';
import { formatShortcut, type Command } from './registry';

export interface CommandPaletteProps<C> {
  readonly commands: readonly Command<C>[];
  readonly isMac: boolean;
  readonly onRun: (command: Command<C>) => void;
  readonly onClose: () => void;
}

/** Type to filter, arrows to choose, Enter to run. */
export function CommandPalette<C>({ commands, isMac, onRun, onClose }: CommandPaletteProps<C>) {
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return commands.filter((c) =>
      words.every((w) => `${c.section} ${c.title}`.toLowerCase().includes(w)),
    );
  }, [commands, query]);
  const activeIndex = Math.min(active, Math.max(shown.length - 1, 0));

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((activeIndex + 1) % Math.max(shown.length, 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeIndex - 1 + shown.length) % Math.max(shown.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = shown[activeIndex];
      if (chosen) onRun(chosen);
    }
  }

  return (
    <Dialog title="Commands" onClose={onClose} className="cf-palette">
      <input
        className="cf-palette__input"
        role="combobox"
        aria-label="Search commands"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[activeIndex] ? `${listId}-${activeIndex}` : undefined}
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder="Type a command"
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="cf-palette__list">
        {shown.map((command, index) => (
          <li
            key={command.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            onMouseEnter={() => setActive(index)}
            onClick={() => onRun(command)}
          >
            <span>
              <span className="cf-muted">{command.section}: </span>
              {command.title}
            </span>
            {command.shortcut ? <kbd>{formatShortcut(command.shortcut, isMac)}</kbd> : null}
          </li>
        ))}
        {shown.length === 0 ? <li className="cf-muted">No matching command</li> : null}
      </ul>
    </Dialog>
  );
}
