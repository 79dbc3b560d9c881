// Node glue of the PdfReader port: the one pdf.js reader (src-renderer/workers/extract-adapters.ts,
// as the extraction worker runs it) on the pdf.js legacy build with local cMaps and standard fonts
// from node_modules/pdfjs-dist, rendering through @napi-rs/canvas with a CJK font registered so that
// PDFs whose Chinese fonts are not embedded still render legibly for OCR and QR decoding.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfReader } from '../../../src-renderer/core/ports';
import { pdfjsDocumentOptions } from '../../../src-renderer/core/extract/pdf-text';
import { type CanvasLike, type PdfjsLoadingTask, pdfjsReader } from '../../../src-renderer/workers/extract-adapters';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];

let fontsRegistered = false;
function registerCjkFonts(): void {
  if (fontsRegistered) return;
  fontsRegistered = true;
  const bundled = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
  for (const path of [bundled, ...CJK_FONT_CANDIDATES]) {
    if (existsSync(path)) GlobalFonts.registerFromPath(path);
  }
}

/** A canvas to render a page on, the CJK fonts registered before the first one. */
function nodeCanvas(width: number, height: number): CanvasLike {
  registerCjkFonts();
  return createCanvas(width, height) as unknown as CanvasLike;
}

export function createNodePdfReader(): PdfReader {
  return pdfjsReader((bytes) => pdfjs.getDocument({
    ...pdfjsDocumentOptions(bytes, (folder) => `${join(pdfjsRoot, folder)}/`),
    useSystemFonts: false,
    verbosity: 0,
  }) as unknown as PdfjsLoadingTask, nodeCanvas, pdfjs.OPS);
}
