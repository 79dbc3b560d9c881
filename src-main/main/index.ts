// Entry of the Electron main process: the real Electron objects and file system, handed to runShell.
// Everything with logic lives in the modules it imports, each taking its dependencies as parameters.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session } from 'electron';
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { runShell } from './app';
import { createLogger } from './log';
import { createSideFileKeeper } from './side-files';

const logFolder = join(app.getPath('userData'), 'logs');
const stateFilePath = join(app.getPath('userData'), 'shell-state.json');
const auditHeadsPath = join(app.getPath('userData'), 'audit-heads.json');

const log = createLogger([
  (line) => process.stderr.write(`${line}\n`),
  (line) => {
    mkdirSync(logFolder, { recursive: true });
    appendFileSync(join(logFolder, 'shell.log'), `${line}\n`);
  },
]);

function readTextFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function writeTextFile(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { encoding: 'utf8', mode: 0o600 });
  renameSync(temporary, path);
}

runShell({
  app,
  BrowserWindow,
  protocol,
  defaultSession: () => session.defaultSession,
  ipcMain,
  dialog,
  Menu,
  screen: () => screen,
  fs,
  stateFile: { read: () => readTextFile(stateFilePath), write: (text) => writeTextFile(stateFilePath, text) },
  auditHeadFile: { read: () => readTextFile(auditHeadsPath), write: (text) => writeTextFile(auditHeadsPath, text) },
  sideFiles: createSideFileKeeper(join(app.getPath('userData'), 'side-files'), fs),
  paths: {
    renderer: join(__dirname, '../renderer'),
    preload: join(__dirname, '../preload/index.cjs'),
    documents: () => app.getPath('documents'),
  },
  versions: process.versions,
  platform: process.platform,
  log,
  now: () => Date.now(),
}).catch((error: unknown) => {
  log.error('app', `start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  app.quit();
});
