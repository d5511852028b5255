import { runCli } from './main';
import { nodeIo } from './nodeIo';

/**
 * The Node entry of `casefile` (built to out/cli/casefile.mjs by vite.cli.config.ts): runCli
 * over node:fs and the terminal; its result is the exit code.
 */

/** Set by vite.cli.config.ts from package.json. */
declare const __CASEFILE_VERSION__: string;

const version = typeof __CASEFILE_VERSION__ === 'string' ? __CASEFILE_VERSION__ : 'development';
process.exitCode = await runCli(process.argv.slice(2), nodeIo(version));
