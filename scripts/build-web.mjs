import { build } from 'vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vendorAssets } from './vendor-assets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the renderer for web mode into out/web, or into WEB_OUT_DIR when several builds share one tree. */
export async function buildWeb({ quiet = false } = {}) {
  vendorAssets({ quiet });
  const outDir = resolve(root, process.env.WEB_OUT_DIR ?? 'out/web');
  await build({ configFile: resolve(root, 'vite.web.config.ts'), logLevel: quiet ? 'warn' : 'info', build: { outDir } });
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildWeb();
