/**
 * Keys that work inside one area, handled by that area's own keydown handler rather than the
 * command registry (so they only apply where the focus is). The help page lists them after the
 * registered commands. When you add a keydown handler to an area, add its keys here: the help
 * page test checks that each area named below still exists.
 */
export interface AreaShortcut {
  /** Key names as `formatShortcut` takes them: `Mod+F`, `Shift+F3`, `ArrowDown`. */
  readonly keys: readonly string[];
  readonly action: string;
}

export interface AreaShortcuts {
  readonly area: string;
  /** Where the keys apply. */
  readonly where: string;
  readonly shortcuts: readonly AreaShortcut[];
}

export const AREA_SHORTCUTS: readonly AreaShortcuts[] = [
  {
    area: 'Command palette and menu',
    where: 'While the palette (Show all commands) or the Commands menu is open',
    shortcuts: [
      { keys: ['ArrowDown', 'ArrowUp'], action: 'Move between commands' },
      { keys: ['Enter'], action: 'Run the highlighted command' },
      { keys: ['Escape'], action: 'Close' },
    ],
  },
  {
    area: 'Dialogs',
    where: 'In any dialog',
    shortcuts: [
      { keys: ['Tab', 'Shift+Tab'], action: 'Move between fields (focus stays in the dialog)' },
      { keys: ['Escape'], action: 'Close without saving' },
    ],
  },
  {
    area: 'Source reader',
    where: 'With a source open in the Sources area',
    shortcuts: [
      { keys: ['Mod+F'], action: 'Find in this source' },
      { keys: ['F3', 'Shift+F3'], action: 'Next or previous match' },
      { keys: ['Alt+Enter'], action: 'Select the current match in the text (in the find field)' },
      {
        keys: ['Shift+ArrowLeft', 'Shift+ArrowRight', 'Shift+Home', 'Shift+End'],
        action: 'Extend or shrink the selection (with Ctrl, or ⌥ on macOS: by word)',
      },
      {
        keys: ['Escape'],
        action: 'Dismiss the selection toolbar (after selecting text)',
      },
      { keys: ['ArrowLeft', 'ArrowRight'], action: 'Move along the selection toolbar' },
    ],
  },
  {
    area: 'Entity picker',
    where: 'When tagging a selection as an entity',
    shortcuts: [
      { keys: ['ArrowDown', 'ArrowUp'], action: 'Move through the matches' },
      { keys: ['PageDown', 'PageUp'], action: 'Move a page at a time' },
      { keys: ['Enter'], action: 'Choose the highlighted entity' },
    ],
  },
  {
    area: 'Search',
    where: 'In the Search area or the header search box',
    shortcuts: [
      { keys: ['Enter'], action: 'Search, or open the highlighted result' },
      { keys: ['ArrowDown', 'ArrowUp'], action: 'Move between the field and the results' },
      { keys: ['Escape'], action: 'Back to the search field, or clear it' },
    ],
  },
  {
    area: 'Link chart',
    where: 'With the chart canvas focused',
    shortcuts: [
      { keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'], action: 'Pan' },
      { keys: ['+', '-'], action: 'Zoom in or out' },
      { keys: ['0'], action: 'Fit the whole chart' },
      { keys: ['Enter'], action: 'In the chart’s find box: go to the first match' },
    ],
  },
  {
    area: 'Timeline',
    where: 'With the timeline focused',
    shortcuts: [
      { keys: ['ArrowLeft', 'ArrowRight'], action: 'Pan in time' },
      { keys: ['ArrowDown', 'ArrowUp'], action: 'Move to the next or previous item' },
      { keys: ['+', '-'], action: 'Zoom in or out' },
      { keys: ['0'], action: 'Show everything' },
      {
        keys: ['Enter', 'Space'],
        action: 'Select the item (with Shift or Mod: add to the selection)',
      },
    ],
  },
  {
    area: 'Notebook editor',
    where: 'While writing a note',
    shortcuts: [
      { keys: ['Mod+B', 'Mod+I', 'Mod+U'], action: 'Bold, italic, underline' },
      { keys: ['Mod+Z', 'Mod+Shift+Z'], action: 'Undo, redo' },
      { keys: ['@'], action: 'Mention an entity (pick from the list)' },
    ],
  },
];
