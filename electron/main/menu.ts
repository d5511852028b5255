import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { APP_NAME } from './paths';
import type { RecentCase } from './recentCases';

/**
 * The application menu. App items carry a command id of the renderer's command registry
 * (src/app/commands/appCommands.ts) and main only sends that id: the renderer decides whether the
 * command applies now and runs it exactly as its shortcut or the palette would. A unit test checks
 * every id here is registered there.
 */
export interface MenuActions {
  runCommand(commandId: string): void;
  openRecentCase(caseId: string): void;
  clearRecentCases(): void;
}

export interface MenuOptions {
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
  readonly recentCases: readonly RecentCase[];
}

/**
 * Items that run a registry command, by menu. `shortcut` repeats the registry's (a unit test keeps
 * them equal) so the menu shows it; the renderer still handles the key.
 */
export const MENU_COMMANDS = {
  file: [
    { id: 'case.new', label: 'New Case…', shortcut: 'Alt+N' },
    { id: 'sources.import', label: 'Import Sources…', shortcut: 'Alt+I' },
    { id: 'bundle.import', label: 'Import Bundle…' },
    { id: 'case.exportBundle', label: 'Export Bundle…' },
    { id: 'integrity.check', label: 'Check Integrity…' },
    { id: 'app.print', label: 'Print…', shortcut: 'Mod+P' },
  ],
  go: [
    { id: 'nav.cases', label: 'All Cases', shortcut: 'Alt+L' },
    { id: 'nav.overview', label: 'Overview', shortcut: 'Alt+1' },
    { id: 'nav.sources', label: 'Sources', shortcut: 'Alt+2' },
    { id: 'nav.entities', label: 'Entities', shortcut: 'Alt+3' },
    { id: 'nav.claims', label: 'Claims', shortcut: 'Alt+4' },
    { id: 'nav.chart', label: 'Link Chart', shortcut: 'Alt+5' },
    { id: 'nav.notes', label: 'Notebook', shortcut: 'Alt+6' },
    { id: 'nav.activity', label: 'Activity', shortcut: 'Alt+7' },
    { id: 'nav.search', label: 'Search', shortcut: 'Alt+8' },
    { id: 'nav.reports', label: 'Reports', shortcut: 'Alt+9' },
  ],
  palette: { id: 'palette.open', label: 'Command Palette…', shortcut: 'Mod+K' },
  shortcuts: { id: 'help.shortcuts', label: 'Keyboard Shortcuts', shortcut: 'F1' },
} as const;

/** Every command id the menu can send. */
export function menuCommandIds(): string[] {
  return [
    ...MENU_COMMANDS.file.map((item) => item.id),
    ...MENU_COMMANDS.go.map((item) => item.id),
    MENU_COMMANDS.palette.id,
    MENU_COMMANDS.shortcuts.id,
  ];
}

/** A registry shortcut (`Mod+K`, `Alt+N`, `F1`) as an Electron accelerator. */
export function menuAccelerator(shortcut: string): string {
  return shortcut
    .split('+')
    .map((part) => (part === 'Mod' ? 'CmdOrCtrl' : part))
    .join('+');
}

/** On Windows and Linux `&` marks a mnemonic in a label; a case title shows it literally. */
function literalLabel(text: string, platform: NodeJS.Platform): string {
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return platform === 'darwin' ? short : short.replaceAll('&', '&&');
}

export function menuTemplate(
  options: MenuOptions,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (item: {
    id: string;
    label: string;
    shortcut?: string;
  }): MenuItemConstructorOptions => ({
    id: `command:${item.id}`,
    label: item.label,
    click: () => actions.runCommand(item.id),
    // Shown, not registered: the renderer's keydown runs the command (and knows if it applies).
    ...(item.shortcut
      ? { accelerator: menuAccelerator(item.shortcut), registerAccelerator: false }
      : {}),
  });
  const [newCase, importSources, importBundle, exportBundle, checkIntegrity, print] =
    MENU_COMMANDS.file.map(command);

  const recent: MenuItemConstructorOptions[] =
    options.recentCases.length === 0
      ? [{ label: 'No Recent Cases', enabled: false }]
      : options.recentCases.map((entry) => ({
          id: `recent:${entry.id}`,
          label: literalLabel(entry.title, options.platform),
          click: () => actions.openRecentCase(entry.id),
        }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      newCase!,
      {
        label: 'Open Recent',
        id: 'open-recent',
        submenu: [
          ...recent,
          { type: 'separator' },
          {
            label: 'Clear Recent Cases',
            enabled: options.recentCases.length > 0,
            click: () => actions.clearRecentCases(),
          },
        ],
      },
      { type: 'separator' },
      importSources!,
      importBundle!,
      exportBundle!,
      { type: 'separator' },
      checkIntegrity!,
      { type: 'separator' },
      print!,
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  // Reload and DevTools only in a development run (DevTools are off in packaged windows anyway).
  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ];
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command(MENU_COMMANDS.palette),
      { type: 'separator' },
      ...developer,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const go: MenuItemConstructorOptions = {
    label: '&Go',
    submenu: [
      command(MENU_COMMANDS.go[0]),
      { type: 'separator' },
      ...MENU_COMMANDS.go.slice(1).map(command),
    ],
  };

  const window: MenuItemConstructorOptions = {
    label: '&Window',
    role: 'windowMenu',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      command(MENU_COMMANDS.shortcuts),
      { ...command(MENU_COMMANDS.palette), id: 'help:palette', label: 'All Commands…' },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: APP_NAME,
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  return [...appMenu, file, edit, view, go, window, help];
}

/** Builds and sets the application menu (again whenever the recent cases change). */
export function installMenu(options: MenuOptions, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options, actions)));
}
