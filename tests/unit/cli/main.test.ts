import { describe, expect, test } from 'vitest';
import { fileNameOf, printable, printableJson } from '../../../src/cli/text';
import { cli } from './harness';

describe('help, version and usage errors', () => {
  test('no arguments, --help and help print the overview, exit 0', async () => {
    for (const argv of [[], ['--help'], ['-h'], ['help']]) {
      const run = await cli(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: casefile <command> [options]');
      expect(run.stdout).toContain('bundle extract <file> <folder>');
      expect(run.stdout).toContain('Exit codes: 0 ok, 1 a check failed');
    }
  });

  test.each([
    [['bundle', 'inspect', '--help'], '--json'],
    [['bundle', 'verify', '-h'], "every member's SHA-256"],
    [['bundle', 'extract', '--help'], '--skip-checks'],
    [['keys', 'generate', '--help'], '--passphrase-file <file>'],
    [['bundle'], 'casefile bundle <inspect|verify|extract>'],
    [['keys', '--help'], 'casefile keys generate'],
  ])('%j prints its help, exit 0', async (argv, mentions) => {
    const run = await cli(argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(mentions);
    expect(run.stderr).toBe('');
  });

  test('--help after a command wins over missing arguments', async () => {
    const run = await cli(['bundle', 'extract', 'only-a-file', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: casefile bundle extract');
  });

  test('--version', async () => {
    const run = await cli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: 'casefile 9.9.9-test\n' });
  });

  test.each([
    [['report'], 'Unknown command "report".', 'casefile --help'],
    [['bundle', 'open', 'x'], 'Unknown command "bundle open".', 'casefile bundle --help'],
    [
      ['bundle', 'inspect', 'x', '--identity'],
      "Option '-i, --identity <value>' argument missing",
      'casefile bundle inspect --help',
    ],
    [
      ['bundle', 'inspect', 'x', '--json=yes'],
      "Option '--json' does not take an argument",
      'casefile bundle inspect --help',
    ],
  ])('%j: exit 2, the problem and where to read more', async (argv, problem, help) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(problem);
    expect(run.stderr).toContain(`Run "${help}" for usage.`);
    expect(run.stdout).toBe('');
  });
});

describe('text for the terminal', () => {
  test('printable escapes controls, bidirectional overrides and invisible characters', () => {
    expect(printable('a\u001b[31mb\u009bc\u202ed\u200be\nf')).toBe(
      'a\\u001b[31mb\\u009bc\\u202ed\\u200be\\u000af',
    );
    expect(printable('Ünïcødé “quoted” 😀')).toBe('Ünïcødé “quoted” 😀');
  });

  test('printableJson stays valid JSON with the same value', () => {
    const value = { title: 'x\u009by\u202ez\u0007', list: [1, 'two'] };
    const text = printableJson(value);
    expect([...text].filter((char) => '\u0007\u009b\u202e'.includes(char))).toEqual([]);
    expect(JSON.parse(text)).toEqual(value);
  });

  test('fileNameOf', () => {
    expect(fileNameOf('R. Okafor (Desk 3)')).toBe('R.-Okafor-Desk-3');
    expect(fileNameOf('Zoë Ångström')).toBe('Zoe-Angstrom');
    expect(fileNameOf('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNameOf('伊藤')).toBe('identity');
  });
});
