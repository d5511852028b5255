import type { TestProject } from 'vitest/node';
import { serveWeb } from '../../scripts/serve-web.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serves the built web app (`npm run build` runs first) for every e2e spec. */
export default async function setup(project: TestProject) {
  const server = await serveWeb({ port: 5181 });
  project.provide('baseUrl', server.url);
  return () => server.close();
}
