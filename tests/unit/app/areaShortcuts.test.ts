import { describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../../../src/app/commands/appCommands';
import { CASE_AREAS } from '../../../src/features/cases';

describe('case area shortcuts', () => {
  it('go to the areas in the order the sidebar lists them (Alt+1, Alt+2, …)', () => {
    const areaCommands = APP_COMMANDS.filter(
      (c) => c.id.startsWith('nav.') && c.id !== 'nav.cases',
    );
    expect(areaCommands.map((c) => c.id)).toEqual(CASE_AREAS.map((a) => `nav.${a.id}`));
    expect(areaCommands.map((c) => c.shortcut)).toEqual(CASE_AREAS.map((_, i) => `Alt+${i + 1}`));
    expect(CASE_AREAS.find((a) => a.id === 'notes')?.label).toBe('Notebook');
    expect(APP_COMMANDS.find((c) => c.id === 'nav.search')?.shortcut).toBe('Alt+8');
    expect(APP_COMMANDS.find((c) => c.id === 'nav.reports')).toMatchObject({
      title: 'Build report…',
      shortcut: 'Alt+9',
    });
  });

  it('Mod+Shift+F searches the open case, and only with a case open', () => {
    const command = APP_COMMANDS.find((c) => c.id === 'search.focus');
    expect(command).toMatchObject({ title: 'Search this case', shortcut: 'Mod+Shift+F' });
    const context = { readOnly: false, openCaseId: undefined } as const;
    expect(command?.enabled?.(context as never)).toBe(false);
  });
});
