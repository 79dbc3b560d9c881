import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseState, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- plain JavaScript hook for electron-builder, no type declarations
import afterPack, { electronBinaryPath, FUSE_CONFIG, fuseMismatches } from '../../scripts/fuses.mjs';

vi.mock('electron', () => ({}));

const projectDir = resolve(__dirname, '../..');
// electron-builder's own configuration loader, validator and file matcher, resolved the way electron-builder resolves them.
const builderRequire = createRequire(createRequire(join(projectDir, 'package.json')).resolve('electron-builder'));
const { getConfig, validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config');
const { getFileMatchers } = builderRequire('app-builder-lib/out/fileMatcher');

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  asar: boolean;
  publish: unknown;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  directories: { output: string };
  electronFuses?: unknown;
}

let config: BuilderConfig;
beforeAll(async () => {
  config = await getConfig(projectDir, join(projectDir, 'electron-builder.yml'), null);
}, 30_000);

function matcherFor(name: 'files' | 'asarUnpack') {
  const matchers = getFileMatchers(config, name, join(projectDir, 'app'), {
    macroExpander: (pattern: string) => pattern,
    customBuildOptions: {},
    globalOutDir: join(projectDir, config.directories.output),
    defaultSrc: projectDir,
  });
  const filter = matchers[0].createFilter();
  return (relativePath: string) => filter(join(projectDir, relativePath), { isDirectory: () => false }) as boolean;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  }, 30_000);

  it('builds a Linux AppImage and Windows NSIS and portable, publishing nothing', () => {
    expect(config.linux.target).toEqual(['AppImage']);
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.publish).toBeNull();
    expect(config.asar).toBe(true);
  });

  it('flips the fuses in the afterPack hook (and not twice through electronFuses)', () => {
    expect(config.afterPack).toBe('scripts/fuses.mjs');
    expect(config.electronFuses).toBeUndefined();
  });

  it.each([
    'out/main/index.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'out/renderer/assets/index-Bn6ZdJpG.js',
    'out/renderer/profiles/shenzhen-2024-dsp.json',
    'out/renderer/vendor/tessdata/chi_sim.traineddata.gz',
    'out/renderer/vendor/pdfjs/cmaps/UniGB-UCS2-H.bcmap',
    'package.json',
    'node_modules/zod/index.js',
    'node_modules/zod/v4/classic/schemas.js',
  ])('ships %s', (path) => {
    expect(matcherFor('files')(path)).toBe(true);
  });

  it.each([
    'src-main/main/app.ts',
    'src-renderer/core/types.ts',
    'src-renderer/App.tsx',
    'test/main/packaging.test.ts',
    'test/fixtures/generate.ts',
    'scripts/security-gate.mjs',
    'bin/dossier-desk.mjs',
    'resources/profiles/shenzhen-2024-dsp.json',
    'out/web/index.html',
    'out/renderer/assets/index-Bn6ZdJpG.js.map',
    'tsconfig.node.json',
    'electron.vite.config.ts',
    'electron-builder.yml',
    'security/electronegativity-justifications.json',
    'node_modules/pdfjs-dist/build/pdf.mjs',
    'node_modules/tesseract.js/src/index.js',
    'node_modules/esbuild/bin/esbuild',
    'node_modules/@napi-rs/canvas/index.js',
    'node_modules/zod/src/index.ts',
    'node_modules/zod/README.md',
  ])('leaves out %s', (path) => {
    expect(matcherFor('files')(path)).toBe(false);
  });

  it('unpacks passive run-time data (OCR data, cMaps, fonts) and keeps code and profiles in the archive', () => {
    const unpacked = matcherFor('asarUnpack');
    for (const path of [
      'out/renderer/vendor/tessdata/chi_sim.traineddata.gz',
      'out/renderer/vendor/tessdata/eng.traineddata.gz',
      'out/renderer/vendor/pdfjs/cmaps/UniGB-UCS2-H.bcmap',
      'out/renderer/vendor/pdfjs/standard_fonts/FoxitSerif.pfb',
      'out/renderer/vendor/pdfjs/iccs/CGATS001Compat-v2-micro.icc',
      'out/renderer/vendor/fonts/NotoSansSC_400Regular.ttf',
    ]) {
      expect(unpacked(path), path).toBe(true);
    }
    for (const path of [
      'out/main/index.js',
      'out/renderer/assets/index-Bn6ZdJpG.js',
      'out/renderer/profiles/shenzhen-2024-dsp.json',
      'out/renderer/vendor/tesseract/core/tesseract-core-simd-lstm.wasm',
      'out/renderer/vendor/tesseract/worker.min.js',
      'out/renderer/vendor/pdfjs/wasm/openjpeg.wasm',
    ]) {
      expect(unpacked(path), path).toBe(false);
    }
  });
});

describe('fuses (scripts/fuses.mjs)', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'dossier-fuses-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  /** A stand-in executable carrying Electron's fuse wire with every fuse at Electron's default. */
  function fakeElectron(path: string, defaults = '100110001') {
    const wire = Buffer.from([1, defaults.length, ...Buffer.from(defaults)]);
    writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), wire, Buffer.alloc(4096, 0x90)]));
  }

  it('turns off RunAsNode, NODE_OPTIONS and inspect; turns on cookie encryption, asar integrity and asar-only loading', async () => {
    const binary = join(base, 'dossier-desk');
    fakeElectron(binary);
    await afterPack({ appOutDir: base, electronPlatformName: 'linux', packager: { executableName: 'dossier-desk' } });
    const wire = await getCurrentFuseWire(binary);
    expect(wire).toEqual({
      version: '1',
      0: FuseState.DISABLE, // RunAsNode
      1: FuseState.ENABLE, // EnableCookieEncryption
      2: FuseState.DISABLE, // EnableNodeOptionsEnvironmentVariable
      3: FuseState.DISABLE, // EnableNodeCliInspectArguments
      4: FuseState.ENABLE, // EnableEmbeddedAsarIntegrityValidation
      5: FuseState.ENABLE, // OnlyLoadAppFromAsar
      6: FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
      7: FuseState.DISABLE, // GrantFileProtocolExtraPrivileges
      8: FuseState.ENABLE, // WasmTrapHandlers
    });
    expect(fuseMismatches(wire)).toEqual([]);
  });

  it('fails the build when the binary has a fuse it does not know (review needed)', async () => {
    const binary = join(base, 'newer');
    fakeElectron(binary, '1001100011');
    await expect(afterPack({ appOutDir: base, electronPlatformName: 'linux', packager: { executableName: 'newer' } })).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('names every fuse that is not as configured', () => {
    const wire = { version: '1', 0: FuseState.ENABLE, 1: FuseState.ENABLE, 2: FuseState.DISABLE, 3: FuseState.DISABLE, 4: FuseState.ENABLE, 5: FuseState.DISABLE, 6: FuseState.DISABLE, 7: FuseState.DISABLE, 8: FuseState.ENABLE };
    expect(fuseMismatches(wire)).toEqual(['RunAsNode: expected off, found 1', 'OnlyLoadAppFromAsar: expected on, found 0']);
  });

  it('finds the executable the way electron-builder names it', () => {
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager: { executableName: 'dossier-desk' } })).toBe('/o/dossier-desk');
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager: { appInfo: { productFilename: 'Dossier Desk' } } })).toBe('/o/Dossier Desk.exe');
    expect(FUSE_CONFIG.strictlyRequireAllFuses).toBe(true);
  });
});
