// npm start: the desktop app through electron-vite when the Electron runtime is installed;
// otherwise say so plainly and serve the same app in web mode.
import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronRuntimeInstalled() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
  } catch {
    return false;
  }
}

if (electronRuntimeInstalled()) {
  const child = spawn(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'preview'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  console.log('The Electron runtime is not installed on this machine (it is fetched on install where network access exists).');
  console.log('Starting Dossier Desk in web mode instead: the same app, served on 127.0.0.1.');
  await import('./web.mjs');
}
