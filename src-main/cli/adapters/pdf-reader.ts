// Node glue of the PdfReader port: the one pdf.js reader (src-renderer/workers/extract-adapters.ts,
// as the extraction worker runs it) on the pdf.js legacy build with local cMaps and standard fonts
// from node_modules/pdfjs-dist, rendering through @napi-rs/canvas with a CJK font registered so that
// PDFs whose Chinese fonts are not embedded still render legibly for OCR and QR decoding.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { PdfReader } from '../../../src-renderer/core/ports';
import { pdfjsDocumentOptions } from '../../../src-renderer/core/extract/pdf-text';
import { type CanvasLike, type PdfjsLoadingTask, pdfjsReader } from '../../../src-renderer/workers/extract-adapters';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];

/**
 * pdf.js and the canvas, loaded on the first PDF (together about half the start-up of a run that
 * reads only XML or OFD files), with the CJK fonts registered before the first canvas.
 */
let loaded: Promise<PdfReader> | null = null;
function loadReader(): Promise<PdfReader> {
  loaded ??= Promise.all([import('@napi-rs/canvas'), import('pdfjs-dist/legacy/build/pdf.mjs')]).then(([canvas, pdfjs]) => {
    let fontsRegistered = false;
    const nodeCanvas = (width: number, height: number): CanvasLike => {
      if (!fontsRegistered) {
        fontsRegistered = true;
        const bundled = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
        for (const path of [bundled, ...CJK_FONT_CANDIDATES]) {
          if (existsSync(path)) canvas.GlobalFonts.registerFromPath(path);
        }
      }
      return canvas.createCanvas(width, height) as unknown as CanvasLike;
    };
    return pdfjsReader((bytes) => pdfjs.getDocument({
      ...pdfjsDocumentOptions(bytes, (folder) => `${join(pdfjsRoot, folder)}/`),
      useSystemFonts: false,
      verbosity: 0,
    }) as unknown as PdfjsLoadingTask, nodeCanvas, pdfjs.OPS);
  });
  return loaded;
}

export function createNodePdfReader(): PdfReader {
  return {
    async open(bytes) {
      return (await loadReader()).open(bytes);
    },
  };
}
