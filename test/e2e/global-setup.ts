import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script without types
import { buildWeb } from '../../scripts/build-web.mjs';
// @ts-expect-error plain ESM script without types
import { serveStatic } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir: string = process.env.E2E_SKIP_BUILD ? (process.env.WEB_OUT_DIR ?? 'out/web') : await buildWeb({ quiet: true });
  const { server, url } = (await serveStatic(outDir, 0)) as { server: import('node:http').Server; url: string };
  project.provide('baseUrl', url);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
  };
}
