#!/usr/bin/env node
// The dossier-desk command: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
await import(new URL(`file://${resolve(here, '../src-main/cli/index.ts')}`).href);
