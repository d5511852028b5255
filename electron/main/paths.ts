import { join } from 'node:path';

/** Shown in menus, dialogs and the OS task switcher. */
export const APP_NAME = 'Casefile';

/**
 * Name of the folder under the OS app-data directory that holds userData and sessionData, where
 * Chromium keeps IndexedDB (all cases). Pinned so a rename of the package or product cannot move
 * it: changing it makes every investigator's existing cases disappear. A unit test pins it.
 */
export const USER_DATA_DIR_NAME = 'Casefile';

/** Windows AppUserModelID; matches `appId` in electron-builder.yml. */
export const APP_USER_MODEL_ID = 'org.casefile.app';

/** Built layout from electron.vite.config.ts, relative to the folder of out/main/index.js. */
export interface BuiltPaths {
  readonly preload: string;
  readonly rendererRoot: string;
}

export function builtPaths(mainDir: string): BuiltPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererRoot: join(mainDir, '..', 'renderer'),
  };
}
