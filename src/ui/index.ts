export { Banner } from './Banner';
export { Button } from './Button';
export { Dialog } from './Dialog';
export { EmptyState } from './EmptyState';
export { ResizeHandle, useResizablePane, type ResizablePane } from './SplitPane';
export { paneStorageKey, readPaneSize, writePaneSize } from './panePersistence';
export { SelectField, TextArea, TextField } from './Field';
export { MarkingBadge } from './MarkingBadge';
export { WindowedRows, type RowProps } from './WindowedRows';
export { WindowedTable } from './WindowedTable';
export { ConfirmDialog } from './ConfirmDialog';
export { Icon, type IconProps } from './Icon';
export {
  SortableTableHead,
  TableCount,
  type SortableColumn,
  type TableSort,
} from './SortableTable';
export { ThemeSwitcher } from './ThemeSwitcher';
export {
  currentTheme,
  onThemeChange,
  readThemePreference,
  resolveTheme,
  setThemePreference,
  startTheme,
  themeToken,
  useTheme,
  useThemePreference,
  THEME_PREFERENCES,
  THEME_STORAGE_KEY,
  type Theme,
  type ThemePreference,
} from './theme';
export { createDeferredAction, type DeferredAction } from './deferredAction';
export { Toasts, TOAST_AUTO_DISMISS_MS, type ToastItem, type ToastsProps } from './Toasts';
