import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** There is no YAML parser in the dependencies: the config is checked line by line. */
const yaml = readFileSync(resolve(import.meta.dirname, '../../../electron-builder.yml'), 'utf8');
const lines = yaml.split(/\r?\n/).filter((line) => !line.trimStart().startsWith('#'));

function hasLine(pattern: RegExp): boolean {
  return lines.some((line) => pattern.test(line));
}

/** The indented lines of one top-level block, e.g. `electronFuses:`. */
function block(name: string): string[] {
  const start = lines.findIndex((line) => line === `${name}:`);
  if (start === -1) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== '' && !line.startsWith(' ')) break;
    if (line.trim() !== '') body.push(line.trim());
  }
  return body;
}

describe('electron-builder.yml', () => {
  it('identifies the app', () => {
    expect(hasLine(/^appId: org\.casefile\.app$/)).toBe(true);
    expect(hasLine(/^productName: Casefile$/)).toBe(true);
    expect(block('directories')).toEqual(
      expect.arrayContaining(['output: release', 'buildResources: resources']),
    );
  });

  it('ships only the build output and package.json, inside an asar', () => {
    expect(block('files')).toEqual([
      '- out/**/*',
      "- '!out/**/*.map'",
      "- '!out/cli/**'",
      '- package.json',
    ]);
    expect(hasLine(/^asar: true$/)).toBe(true);
  });

  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableCookieEncryption', 'true'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
    ['grantFileProtocolExtraPrivileges', 'false'],
    ['loadBrowserProcessSpecificV8Snapshot', 'false'],
  ])('sets the %s fuse to %s', (fuse, value) => {
    expect(block('electronFuses')).toContain(`${fuse}: ${value}`);
  });

  it('targets AppImage + deb, NSIS and DMG with their categories', () => {
    const linux = block('linux');
    expect(linux).toEqual(expect.arrayContaining(['- AppImage', '- deb', 'category: Office']));
    expect(linux.some((line) => /^maintainer: .+ <.+@.+>$/.test(line))).toBe(true);
    expect(block('win')).toContain('- nsis');
    expect(block('mac')).toEqual(
      expect.arrayContaining(['- dmg', 'category: public.app-category.productivity']),
    );
  });
});
