import './help.css';
export { HelpPage, type HelpCommand, type HelpPageProps } from './HelpPage';
export { AREA_SHORTCUTS, type AreaShortcut, type AreaShortcuts } from './areaShortcuts';
