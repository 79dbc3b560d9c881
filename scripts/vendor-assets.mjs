// Copies every run-time asset the renderer needs from installed packages into resources/vendor,
// so that the app never fetches anything: pdf.js cMaps, standard fonts, wasm decoders and ICC
// profiles; the tesseract.js worker and wasm core; the chi_sim and eng language data (4.0.0, full);
// the Noto Sans SC font that the review-sheet PDF embeds.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const vendor = join(root, 'resources', 'vendor');

const copies = [
  ['pdfjs-dist/cmaps', 'pdfjs/cmaps'],
  ['pdfjs-dist/standard_fonts', 'pdfjs/standard_fonts'],
  ['pdfjs-dist/wasm', 'pdfjs/wasm'],
  ['pdfjs-dist/iccs', 'pdfjs/iccs'],
  ['tesseract.js/dist/worker.min.js', 'tesseract/worker.min.js'],
  ['tesseract.js-core', 'tesseract/core', (name) => /\.(js|wasm)$/.test(name)],
  ['@tesseract.js-data/chi_sim/4.0.0/chi_sim.traineddata.gz', 'tessdata/chi_sim.traineddata.gz'],
  ['@tesseract.js-data/eng/4.0.0/eng.traineddata.gz', 'tessdata/eng.traineddata.gz'],
  ['@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', 'fonts/NotoSansSC_400Regular.ttf'],
];

function upToDate(source, target) {
  return existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs;
}

export function vendorAssets({ quiet = false } = {}) {
  for (const [from, to, filter] of copies) {
    const source = join(modules, from);
    const target = join(vendor, to);
    if (!existsSync(source)) throw new Error(`vendor-assets: ${from} is not installed; run npm ci`);
    if (statSync(source).isDirectory()) {
      mkdirSync(target, { recursive: true });
      for (const name of readdirSync(source)) {
        if (filter && !filter(name)) continue;
        const file = join(source, name);
        if (statSync(file).isFile() && !upToDate(file, join(target, name))) cpSync(file, join(target, name));
      }
    } else if (!upToDate(source, target)) {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(source, target);
    }
  }
  if (!quiet) console.log(`vendor-assets: ${vendor}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) vendorAssets();
