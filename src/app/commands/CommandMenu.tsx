import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatShortcut, type Command } from './registry';

export interface CommandMenuProps<C> {
  readonly commands: readonly Command<C>[];
  readonly isEnabled: (command: Command<C>) => boolean;
  readonly isMac: boolean;
  readonly onRun: (command: Command<C>) => void;
}

/** The app menu: the same registered commands as the palette and shortcuts, grouped by section. */
export function CommandMenu<C>({ commands, isEnabled, isMac, onRun }: CommandMenuProps<C>) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const sections = [...new Set(commands.map((c) => c.section))];

  useEffect(() => {
    if (open)
      menu.current
        ?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')
        ?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const items = Array.from(
      menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [],
    );
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div className="cf-menu">
      <button
        ref={button}
        type="button"
        className="cf-button cf-button--ghost cf-topbar__button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      {open ? (
        <ul
          ref={menu}
          role="menu"
          aria-label="Menu"
          className="cf-menu__list"
          onKeyDown={onKeyDown}
        >
          {sections.map((section) => (
            <li key={section} role="none">
              <span className="cf-menu__section" role="presentation">
                {section}
              </span>
              <ul role="group" aria-label={section}>
                {commands
                  .filter((c) => c.section === section)
                  .map((command) => {
                    const enabled = isEnabled(command);
                    return (
                      <li
                        key={command.id}
                        role="menuitem"
                        tabIndex={-1}
                        aria-disabled={!enabled}
                        onClick={() => {
                          if (!enabled) return;
                          setOpen(false);
                          onRun(command);
                        }}
                        onKeyDown={(e) => {
                          if ((e.key === 'Enter' || e.key === ' ') && enabled) {
                            e.preventDefault();
                            setOpen(false);
                            onRun(command);
                          }
                        }}
                      >
                        <span>{command.title}</span>
                        {command.shortcut ? (
                          <kbd>{formatShortcut(command.shortcut, isMac)}</kbd>
                        ) : null}
                      </li>
                    );
                  })}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
