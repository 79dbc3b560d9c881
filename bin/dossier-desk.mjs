#!/usr/bin/env node
// The dossier-desk command. It needs Node.js 22.12 or newer: an older Node is told so before
// anything else loads. The TypeScript command line is bundled once into a cache and rebuilt only
// when its sources change (bin/cli-bundle.mjs): no build step, and no compile on every start.
import { nodeVersionProblem } from './node-version.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(problem);
  process.exit(1);
}
const { startCli } = await import('./cli-bundle.mjs');
await startCli();
