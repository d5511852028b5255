import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME, USER_DATA_DIR_NAME, builtPaths } from '../../../electron/main/paths';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../../../src/shared/security';

/**
 * Chromium stores IndexedDB per origin inside the userData folder. Changing the origin OR the
 * folder name makes every investigator's existing cases silently disappear (they are still on disk,
 * but the app looks elsewhere). If one of these must ever change, ship a migration first.
 */
describe('pinned storage identity', () => {
  it('keeps the renderer origin at app://casefile', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_HOST).toBe('casefile');
    expect(APP_ORIGIN).toBe('app://casefile');
  });

  it('keeps the userData folder name at Casefile', () => {
    expect(USER_DATA_DIR_NAME).toBe('Casefile');
    expect(APP_NAME).toBe('Casefile');
  });

  it('finds the preload and renderer next to out/main', () => {
    expect(builtPaths(join('/app', 'out', 'main'))).toEqual({
      preload: join('/app', 'out', 'preload', 'index.cjs'),
      rendererRoot: join('/app', 'out', 'renderer'),
    });
  });
});
