// Packs the built app with the real electron-builder and electron-builder.yml into a Linux folder,
// using a stand-in Electron distribution (a small executable carrying Electron's fuse wire), so the
// packaging is checked without downloading Electron: what ships in app.asar, what is unpacked, and
// that the afterPack hook set the fuses. Needs `npm run build` first; takes about 15 s, so it runs
// when DOSSIER_PACKAGING_SMOKE=1 (a CI step after the build).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseState, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const projectDir = resolve(__dirname, '../..');
const builderRequire = createRequire(createRequire(join(projectDir, 'package.json')).resolve('electron-builder'));
const asar = builderRequire('@electron/asar') as { listPackage(path: string, options: object): string[] };

describe.runIf(process.env.DOSSIER_PACKAGING_SMOKE === '1')('packaging smoke (electron-builder --linux dir)', () => {
  let work: string;
  let appDir: string;
  let files: string[];

  beforeAll(() => {
    for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      if (!existsSync(join(projectDir, built))) throw new Error(`${built} is missing: run npm run build before the packaging smoke test`);
    }
    work = mkdtempSync(join(tmpdir(), 'dossier-package-'));
    const electronDist = join(work, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    const wire = Buffer.from([1, 9, ...Buffer.from('100110001')]);
    writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.from('\n')]), { mode: 0o755 });
    writeFileSync(join(electronDist, 'version'), '45.3.4');
    writeFileSync(join(electronDist, 'LICENSE'), 'MIT');
    const result = spawnSync(
      process.execPath,
      [
        builderRequire.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${join(work, 'release')}`,
        '--publish',
        'never',
      ],
      { cwd: projectDir, encoding: 'utf8', timeout: 240_000 },
    );
    if (result.status !== 0) throw new Error(`electron-builder failed:\n${result.stdout}\n${result.stderr}`);
    appDir = join(work, 'release', 'linux-unpacked');
    files = asar.listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map((file) => file.split('\\').join('/'));
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the built main, preload and renderer, the profiles and zod', () => {
    for (const file of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json', '/node_modules/zod/package.json']) {
      expect(files, file).toContain(file);
    }
    expect(files.some((file) => file.startsWith('/out/renderer/profiles/') && file.endsWith('.json'))).toBe(true);
  });

  it('leaves out sources, tests, source maps and every other dependency', () => {
    const leaked = files.filter(
      (file) =>
        /^\/(src-main|src-renderer|test|scripts|bin|resources|security|build)(\/|$)/.test(file) ||
        file.endsWith('.map') ||
        file.endsWith('.ts') ||
        (file.startsWith('/node_modules/') && !/^\/node_modules(\/zod(\/|$)|$)/.test(file)),
    );
    expect(leaked).toEqual([]);
  });

  it('unpacks OCR data, cMaps and fonts next to the archive', () => {
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', 'out', 'renderer', 'vendor');
    expect(existsSync(join(unpacked, 'tessdata', 'chi_sim.traineddata.gz'))).toBe(true);
    expect(existsSync(join(unpacked, 'pdfjs', 'cmaps'))).toBe(true);
    expect(existsSync(join(unpacked, 'pdfjs', 'standard_fonts'))).toBe(true);
    expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', 'out', 'renderer', 'profiles'))).toBe(false);
  });

  it('sets the fuses through the afterPack hook', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'dossier-desk'));
    expect([wire[0], wire[1], wire[2], wire[3], wire[4], wire[5]]).toEqual([
      FuseState.DISABLE,
      FuseState.ENABLE,
      FuseState.DISABLE,
      FuseState.DISABLE,
      FuseState.ENABLE,
      FuseState.ENABLE,
    ]);
  });
});
