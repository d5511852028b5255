import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  menuAccelerator,
  menuCommandIds,
  menuTemplate,
  type MenuOptions,
} from '../../../electron/main/menu';
import { APP_COMMANDS } from '../../../src/app/commands/appCommands';
import { resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

beforeEach(() => {
  resetFakeElectron();
});

const CASE_A = { id: '0b7c6f7e-2c1e-4d7a-9a52-3f1f1a0c0001', title: 'Harbour Street' };
const CASE_B = { id: '0b7c6f7e-2c1e-4d7a-9a52-3f1f1a0c0002', title: 'Smith & Sons' };

function actions() {
  return { runCommand: vi.fn(), openRecentCase: vi.fn(), clearRecentCases: vi.fn() };
}

function build(options: Partial<MenuOptions> = {}, spy = actions()) {
  const template = menuTemplate(
    { packaged: true, platform: 'linux', recentCases: [], ...options },
    spy,
  );
  return { template, spy };
}

/** Every item, depth first. */
function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

const roles = (template: readonly MenuItemConstructorOptions[]) =>
  items(template).flatMap((item) => (item.role ? [item.role] : []));

function submenuOf(template: readonly MenuItemConstructorOptions[], label: string) {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (!item?.click) throw new Error('not a clickable item');
  (item.click as () => void)();
}

describe('the application menu', () => {
  it('has File, Edit, View, Go, Window and Help with the standard roles', () => {
    const { template } = build();
    expect(template.map((item) => item.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Go',
      '&Window',
      '&Help',
    ]);
    expect(roles(template)).toEqual(
      expect.arrayContaining([
        'quit',
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
        'minimize',
        'about',
      ]),
    );
  });

  it('leaves reload and DevTools out of a packaged app, and has them in a development run', () => {
    const devOnly = ['reload', 'forceReload', 'toggleDevTools'];
    for (const role of devOnly)
      expect(roles(build({ packaged: true }).template)).not.toContain(role);
    expect(roles(build({ packaged: false }).template)).toEqual(expect.arrayContaining(devOnly));
  });

  it('on macOS starts with the app menu (about, services, hide, quit) and closes the window from File', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template[0]).toMatchObject({ label: 'Casefile', role: 'appMenu' });
    expect(roles([template[0]!])).toEqual(
      expect.arrayContaining(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    const file = submenuOf(template, 'File');
    expect(roles(file)).toContain('close');
    expect(roles(file)).not.toContain('quit');
    expect(roles(submenuOf(template, 'Window'))).toEqual(
      expect.arrayContaining(['minimize', 'zoom', 'front']),
    );
  });

  it('sends only command ids the renderer registers', () => {
    const registered = new Set(APP_COMMANDS.map((command) => command.id));
    expect(menuCommandIds().filter((id) => !registered.has(id))).toEqual([]);
    const sentByItems = new Set<string>();
    const spy = actions();
    spy.runCommand.mockImplementation((id: string) => sentByItems.add(id));
    for (const item of items(build({}, spy).template))
      if (item.id?.startsWith('command:')) click(item);
    expect([...sentByItems].sort()).toEqual([...new Set(menuCommandIds())].sort());
  });

  it('shows each command’s registry shortcut without registering it (the renderer runs it)', () => {
    const shortcuts = new Map(APP_COMMANDS.map((command) => [command.id, command.shortcut]));
    const commandItems = items(build().template).filter((item) => item.id?.startsWith('command:'));
    for (const item of commandItems) {
      const shortcut = shortcuts.get(item.id!.slice('command:'.length));
      expect({ id: item.id, accelerator: item.accelerator }).toEqual({
        id: item.id,
        accelerator: shortcut ? menuAccelerator(shortcut) : undefined,
      });
      if (shortcut) expect(item.registerAccelerator).toBe(false);
    }
    expect(commandItems.filter((item) => item.accelerator).length).toBeGreaterThanOrEqual(14);
    expect(menuAccelerator('Mod+Shift+F')).toBe('CmdOrCtrl+Shift+F');
    expect(menuAccelerator('Alt+2')).toBe('Alt+2');
  });

  it('has the app commands in File and the areas in Go', () => {
    const { template, spy } = build();
    const file = submenuOf(template, 'File');
    expect(file.map((item) => item.label).filter(Boolean)).toEqual([
      'New Case…',
      'Open Recent',
      'Import Sources…',
      'Import Bundle…',
      'Export Bundle…',
      'Check Integrity…',
      'Print…',
    ]);
    click(file.find((item) => item.label === 'Import Bundle…'));
    expect(spy.runCommand).toHaveBeenLastCalledWith('bundle.import');
    const go = submenuOf(template, 'Go');
    click(go.find((item) => item.label === 'Sources'));
    expect(spy.runCommand).toHaveBeenLastCalledWith('nav.sources');
    click(submenuOf(template, 'View').find((item) => item.label === 'Command Palette…'));
    expect(spy.runCommand).toHaveBeenLastCalledWith('palette.open');
  });
});

describe('File → Open Recent', () => {
  const openRecent = (template: MenuItemConstructorOptions[]) => {
    const item = submenuOf(template, 'File').find((entry) => entry.label === 'Open Recent');
    return item!.submenu as MenuItemConstructorOptions[];
  };

  it('says there are none, with Clear disabled', () => {
    const recent = openRecent(build().template);
    expect(recent[0]).toMatchObject({ label: 'No Recent Cases', enabled: false });
    expect(recent.at(-1)).toMatchObject({ label: 'Clear Recent Cases', enabled: false });
  });

  it('lists the cases newest first and asks the renderer to open the chosen one', () => {
    const { template, spy } = build({ recentCases: [CASE_A, CASE_B] });
    const recent = openRecent(template);
    expect(recent.slice(0, 2).map((item) => item.label)).toEqual([
      'Harbour Street',
      // `&` would be a mnemonic on Linux and Windows.
      'Smith && Sons',
    ]);
    click(recent[1]);
    expect(spy.openRecentCase).toHaveBeenCalledWith(CASE_B.id);
    click(recent.at(-1));
    expect(spy.clearRecentCases).toHaveBeenCalledTimes(1);
  });

  it('shows a title literally on macOS and shortens a long one', () => {
    const long = { ...CASE_B, title: `Smith & Sons ${'x'.repeat(200)}` };
    const label = openRecent(build({ platform: 'darwin', recentCases: [long] }).template)[0]!
      .label!;
    expect(label.startsWith('Smith & Sons')).toBe(true);
    expect(label).toHaveLength(60);
    expect(label.endsWith('…')).toBe(true);
  });
});
