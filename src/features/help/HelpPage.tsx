import { Fragment, useEffect, useRef } from 'react';
import { ThemeSwitcher } from '../../ui';
import { AREA_SHORTCUTS } from './areaShortcuts';

/** A registered command as the help page shows it (the registry's own shape, read-only). */
export interface HelpCommand {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly shortcut?: string | undefined;
}

export interface HelpPageProps {
  /** Every registered command, from the command registry (so the list never goes stale). */
  readonly commands: readonly HelpCommand[];
  /** How a shortcut is shown on this platform (`Mod+K` → `Ctrl+K` or `⌘K`). */
  readonly formatShortcut: (shortcut: string) => string;
}

/** Commands grouped by section, in registry order. */
function bySection(commands: readonly HelpCommand[]): [string, HelpCommand[]][] {
  const sections = new Map<string, HelpCommand[]>();
  for (const command of commands) {
    const list = sections.get(command.section) ?? [];
    list.push(command);
    sections.set(command.section, list);
  }
  return [...sections];
}

function Keys({ keys, format }: { keys: readonly string[]; format: (key: string) => string }) {
  return (
    <>
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 ? ' or ' : null}
          <kbd className="cf-kbd">{format(key)}</kbd>
        </Fragment>
      ))}
    </>
  );
}

/** `#/help`: every command with its shortcut, then the keys each area handles itself. */
export function HelpPage({ commands, formatShortcut }: HelpPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Arriving from a shortcut, the reader starts at the top of the page, not on the old focus.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="cf-page cf-help">
      <h1 ref={heading} tabIndex={-1}>
        Help and keyboard shortcuts
      </h1>
      <p className="cf-help__lead">
        Every action is a command: run it from the <strong>Commands</strong> menu, from the palette
        (<kbd className="cf-kbd">{formatShortcut('Mod+K')}</kbd>), or with its shortcut.
      </p>
      <section aria-labelledby="cf-help-commands">
        <h2 id="cf-help-commands">Commands</h2>
        {bySection(commands).map(([section, list]) => (
          <table key={section} className="cf-table cf-help__table">
            <caption>{section}</caption>
            <thead>
              <tr>
                <th scope="col">Command</th>
                <th scope="col">Shortcut</th>
              </tr>
            </thead>
            <tbody>
              {list.map((command) => (
                <tr key={command.id} data-command={command.id}>
                  <th scope="row">{command.title}</th>
                  <td>
                    {command.shortcut ? (
                      <kbd className="cf-kbd">{formatShortcut(command.shortcut)}</kbd>
                    ) : (
                      <span className="cf-help__none">Commands menu or palette</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
      <section aria-labelledby="cf-help-areas">
        <h2 id="cf-help-areas">Keys inside an area</h2>
        {AREA_SHORTCUTS.map((group) => (
          <table key={group.area} className="cf-table cf-help__table">
            <caption>
              {group.area} <span className="cf-help__where">({group.where})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Keys</th>
              </tr>
            </thead>
            <tbody>
              {group.shortcuts.map((shortcut) => (
                <tr key={shortcut.action}>
                  <th scope="row">{shortcut.action}</th>
                  <td>
                    <Keys keys={shortcut.keys} format={formatShortcut} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
      <section aria-labelledby="cf-help-appearance">
        <h2 id="cf-help-appearance">Appearance</h2>
        <p>
          Casefile follows your system’s light or dark setting. Choose Light or Dark here (or in the
          top bar) to override it; the choice is remembered on this computer.
        </p>
        <ThemeSwitcher />
      </section>
    </div>
  );
}
