// Runs the TypeScript command line without compiling it on every start: the first run (and the
// first run after any of its sources changed) bundles src-main/cli/index.ts with esbuild into
// node_modules/.cache/dossier-desk-cli/<checkout>/<sources hash>/, keyed by the SHA-256 of every
// source file the bundle was made from (esbuild's metafile lists them). Later runs compare those
// files' sizes and modification times with the manifest (re-hashing their contents when these
// moved, as after a checkout) and import the cached bundle. Packages stay external, so the bundle
// resolves them from the project's node_modules like the sources do. Where the cache cannot be
// written, or esbuild is missing, the sources run through tsx as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle's entry points: the command line, and the scripts of the threads it starts. */
export const ENTRY_POINTS = { cli: 'src-main/cli/index.ts', 'reading-thread': 'src-main/cli/reading-thread.ts' };
/** Bump when the build options below change, so old bundles are not reused. */
const BUILD_FORMAT = 'dossier-desk-cli@2';

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** Where a checkout's bundles are cached (one folder per checkout: worktrees may share node_modules). */
export function defaultCacheDir(root = projectRoot) {
  return join(root, 'node_modules', '.cache', 'dossier-desk-cli', sha256(root).slice(0, 16));
}

/** SHA-256 over the sources' paths and contents; null when one of them is gone. */
function hashSources(root, paths) {
  const hash = createHash('sha256').update(BUILD_FORMAT);
  for (const path of paths) {
    let bytes;
    try {
      bytes = readFileSync(join(root, path));
    } catch {
      return null;
    }
    hash.update(`\0${path}\0`).update(bytes);
  }
  return hash.digest('hex');
}

function fingerprints(root, paths) {
  const stamps = {};
  for (const path of paths) {
    try {
      const info = statSync(join(root, path));
      stamps[path] = [info.size, info.mtimeMs];
    } catch {
      return null;
    }
  }
  return stamps;
}

function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** The cached entry when it is still current for the sources, else null. */
function currentBundle(root, dir) {
  const manifest = readManifest(dir);
  if (!manifest || manifest.format !== BUILD_FORMAT) return null;
  const paths = Object.keys(manifest.stamps);
  const stamps = fingerprints(root, paths);
  if (!stamps) return null;
  const entry = join(dir, manifest.hash, 'cli.mjs');
  const same = paths.every((path) => stamps[path][0] === manifest.stamps[path][0] && stamps[path][1] === manifest.stamps[path][1]);
  if (same) return entry;
  if (hashSources(root, paths) !== manifest.hash) return null;
  writeAtomically(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, stamps }));
  return entry;
}

async function build(root, dir) {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: root,
    // A checkout without a thread script (a stripped-down copy) still gets its command line.
    entryPoints: Object.fromEntries(Object.entries(ENTRY_POINTS).filter(([name, path]) => name === 'cli' || existsSync(join(root, path)))),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    splitting: true,
    outdir: join(dir, 'out'),
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const sources = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules/')).sort();
  const hash = hashSources(root, sources);
  const stamps = fingerprints(root, sources);
  if (!hash || !stamps) throw new Error('a source changed while the command line was being built');
  const outDir = join(dir, hash);
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(join(outDir, file.path.slice(file.path.lastIndexOf('/') + 1)), file.contents);
  writeAtomically(join(dir, 'manifest.json'), JSON.stringify({ format: BUILD_FORMAT, hash, stamps }));
  pruneOldBundles(dir, hash);
  return join(outDir, 'cli.mjs');
}

/** Removes bundles of earlier sources, once no run started a minute ago can still be loading their chunks. */
function pruneOldBundles(dir, current) {
  const cutoff = Date.now() - 60_000;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current || !/^[0-9a-f]{64}$/.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The command line's entry module, taken from the cache or built into it; null when it cannot be
 * (no esbuild, a read-only install, a source that does not compile): the caller then runs the
 * sources through tsx, which reports a compile error with its place.
 */
export async function cliEntry({ root = projectRoot, dir = defaultCacheDir(root) } = {}) {
  try {
    const cached = currentBundle(root, dir);
    if (cached) return cached;
    mkdirSync(dir, { recursive: true });
    return await build(root, dir);
  } catch {
    return null;
  }
}

/**
 * Keeps V8's compiled code of the bundle and the libraries it loads (pdf.js is megabytes of source)
 * beside the bundle, so later runs, and each reading thread, skip compiling them
 * (node:module enableCompileCache, for the whole process, threads included; Node keys entries by
 * the sources' contents). It goes with its bundle when that is pruned. A cache that cannot be
 * written is simply not used.
 */
export function enableBundleCompileCache(entry) {
  return enableCompileCache(join(dirname(entry), 'compile-cache'))?.directory ?? null;
}

/** Starts the command line: the cached bundle when there is one, else the sources through tsx. */
export async function startCli() {
  // The bundle lives in the cache; it finds the resources through this variable.
  process.env.DOSSIER_DESK_RESOURCES ??= join(projectRoot, 'resources');
  const entry = await cliEntry();
  if (entry) {
    enableBundleCompileCache(entry);
    await import(pathToFileURL(entry).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(projectRoot, 'src-main/cli/index.ts')).href);
}
