import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './lifecycle';

// Entry point of out/main/index.js (ESM): everything lives in lifecycle.ts so it can be unit-tested.
startApp(dirname(fileURLToPath(import.meta.url)));
