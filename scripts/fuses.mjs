// electron-builder afterPack hook: flips the Electron fuses of the packed binary with @electron/fuses,
// then reads them back and fails the build when any fuse is not as configured. Runs after app.asar
// and its integrity data are in place and before signing (electron-builder's order).
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** Every fuse set explicitly (strictlyRequireAllFuses): a new fuse in a future Electron fails the build until reviewed. */
export const FUSE_CONFIG = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  resetAdHocDarwinSignature: true,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other Chromium secrets are encrypted with the OS key store.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger port on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hashes embedded at build time (Windows and macOS).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, never a loose resources/app folder planted next to it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The app is served from app://; file:// gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default: V8 guards WebAssembly memory with trap handlers (pdf.js, tesseract.js).
  [FuseV1Options.WasmTrapHandlers]: true,
};

const EXECUTABLE_EXTENSION = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' };

/** The packed Electron executable, named the way electron-builder names it. */
export function electronBinaryPath(context) {
  const platform = context.electronPlatformName;
  if (!(platform in EXECUTABLE_EXTENSION)) throw new Error(`fuses: unknown platform ${platform}`);
  const name = platform === 'linux' ? context.packager.executableName : context.packager.appInfo.productFilename;
  return join(context.appOutDir, `${name}${EXECUTABLE_EXTENSION[platform]}`);
}

/** Fuses whose state in the binary differs from FUSE_CONFIG, as "Name: expected X, found Y". */
export function fuseMismatches(wire) {
  const problems = [];
  for (const [key, wanted] of Object.entries(FUSE_CONFIG)) {
    if (!/^\d+$/.test(key)) continue;
    const found = wire[key];
    const expected = wanted ? '1'.charCodeAt(0) : '0'.charCodeAt(0);
    if (found !== expected) {
      const describe = (state) => (state === undefined ? 'missing' : String.fromCharCode(state));
      problems.push(`${FuseV1Options[key]}: expected ${wanted ? 'on' : 'off'}, found ${describe(found)}`);
    }
  }
  return problems;
}

export async function setFuses(binaryPath) {
  await flipFuses(binaryPath, FUSE_CONFIG);
  const problems = fuseMismatches(await getCurrentFuseWire(binaryPath));
  if (problems.length > 0) throw new Error(`fuses: ${binaryPath} is not hardened: ${problems.join('; ')}`);
}

export default async function afterPack(context) {
  const binary = electronBinaryPath(context);
  await setFuses(binary);
  console.log(`fuses: set on ${binary}`);
}
