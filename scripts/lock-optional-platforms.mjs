// The npm registry these machines reach serves only the Linux builds of @napi-rs/canvas, so `npm install`
// leaves the other platforms' optional packages out of package-lock.json and `npm ci` then refuses the
// lock ("Missing: @napi-rs/canvas-darwin-arm64@ from lock file"). This adds the missing entries with their
// os/cpu constraints; npm skips them on this platform. Run after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORMS = {
  'android-arm64': { os: ['android'], cpu: ['arm64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm-gnueabihf': { os: ['linux'], cpu: ['arm'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-riscv64-gnu': { os: ['linux'], cpu: ['riscv64'], libc: ['glibc'] },
  'linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const canvas = lock.packages['node_modules/@napi-rs/canvas'];
let added = 0;
if (canvas) {
  for (const [platform, constraints] of Object.entries(PLATFORMS)) {
    const key = `node_modules/@napi-rs/canvas-${platform}`;
    if (lock.packages[key]) continue;
    lock.packages[key] = { version: canvas.version, ...constraints, license: 'MIT', devOptional: true, engines: { node: '>= 10' } };
    added++;
  }
}
const sorted = Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0));
lock.packages = Object.fromEntries(sorted);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-optional-platforms: added ${added} entries`);
