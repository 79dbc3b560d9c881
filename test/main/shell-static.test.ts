// Source-level guarantees of the shell that no single unit test can see.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const projectDir = resolve(__dirname, '../..');

function sourceFiles(folder: string, pattern: RegExp): string[] {
  const root = join(projectDir, folder);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) found.push(path);
    }
  };
  walk(root);
  return found;
}

const appSources = [...sourceFiles('src-main', /\.(ts|tsx|mjs|js)$/), ...sourceFiles('src-renderer', /\.(ts|tsx|mjs|js)$/)];

describe('shell source rules', () => {
  it('never calls shell.openExternal or shell.openPath anywhere in the app', () => {
    const offenders = appSources.filter((file) => /\b(openExternal|openPath)\s*\(/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(projectDir, file))).toEqual([]);
  });

  it('never weakens a window (nodeIntegration, contextIsolation, sandbox, webSecurity, webviewTag)', () => {
    const weakening = /\b(nodeIntegration(InWorker|InSubFrames)?\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false|webviewTag\s*:\s*true|allowRunningInsecureContent\s*:\s*true)/;
    const offenders = appSources.filter((file) => weakening.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(projectDir, file))).toEqual([]);
  });

  it('loads Electron for real only in the two entry points; every other main module receives it as a parameter', () => {
    const mainFiles = [...sourceFiles('src-main/main', /\.ts$/), ...sourceFiles('src-main/preload', /\.ts$/), ...sourceFiles('src-main/shared', /\.ts$/)];
    const valueImports = mainFiles.filter((file) => /^import\s+(?!type\b)[^;]*from\s+'electron'/m.test(readFileSync(file, 'utf8')));
    expect(valueImports.map((file) => relative(projectDir, file)).sort()).toEqual(['src-main/main/index.ts', 'src-main/preload/index.ts']);
  });

  it('mocks electron in every test of the shell, its bridge, its scripts and its web host', () => {
    const shellModule = /(src-main\/(main|preload|shared)\/|scripts\/|platform\/host)/;
    const tests = sourceFiles('test/main', /\.test\.ts$/).filter((file) => shellModule.test(readFileSync(file, 'utf8')));
    expect(tests.length).toBeGreaterThanOrEqual(10);
    const unmocked = tests.filter((file) => !readFileSync(file, 'utf8').includes("vi.mock('electron'"));
    expect(unmocked.map((file) => relative(projectDir, file))).toEqual([]);
  });
});
