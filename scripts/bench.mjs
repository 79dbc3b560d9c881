// npm run bench: runs every test/bench/*.bench.ts (or those named) in its own Node process.
// Each benchmark prints JSON lines: {"bench": "...", "metric": "...", "value": n, "unit": "..."}.
// Numbers among the arguments are passed to the benchmarks (npm run bench -- scale 10000).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test/bench');
const wanted = process.argv.slice(2).filter((arg) => !/^\d+$/.test(arg));
const passed = process.argv.slice(2).filter((arg) => /^\d+$/.test(arg));
const files = readdirSync(dir).filter((name) => name.endsWith('.bench.ts') && (wanted.length === 0 || wanted.some((w) => name.includes(w)))).sort();
let failed = 0;
for (const name of files) {
  const result = spawnSync(process.execPath, ['--expose-gc', join(root, 'bin/tsx.mjs'), join(dir, name), ...passed], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    failed++;
    console.log(JSON.stringify({ bench: name, error: `exited with ${result.status}` }));
  }
}
process.exit(failed ? 1 : 0);
