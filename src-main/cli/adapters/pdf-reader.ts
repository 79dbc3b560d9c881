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
 * Text and drawing are read from a document whose fonts go nowhere: pdf.js then hands each font over
 * whole instead of building the outline of every glyph shown (with `disableFontFace`, as Node has no
 * font loading, the operator list of the QR read spent about a third of a text page's time there).
 * Pages are rendered from a second document opened with outlines on the first render, so what is
 * rendered and OCR'd is unchanged. pdf.js adds a font to `ownerDocument.fonts` as a browser's
 * `FontFace`; Node has none, so a stand-in that loads nothing takes its place (it is only ever given
 * to this sink).
 */
const undrawnFontSink = { fonts: { add(): void {}, delete(): void {} } };

class UndrawnFontFace {
  readonly loaded: Promise<this> = Promise.resolve(this);
  constructor(readonly family: string) {}
  load(): Promise<this> {
    return this.loaded;
  }
}

function installFontFaceStandIn(): void {
  const scope = globalThis as { FontFace?: unknown };
  scope.FontFace ??= UndrawnFontFace;
}

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
    const options = (bytes: Uint8Array) => ({
      ...pdfjsDocumentOptions(bytes, (folder) => `${join(pdfjsRoot, folder)}/`),
      useSystemFonts: false,
      verbosity: 0,
    });
    installFontFaceStandIn();
    // pdf.js types `ownerDocument` as a whole HTMLDocument; of it, it uses only `fonts` here.
    const ownerDocument = undrawnFontSink as unknown as Document;
    return pdfjsReader(
      (bytes) => pdfjs.getDocument({ ...options(bytes), disableFontFace: false, ownerDocument }) as unknown as PdfjsLoadingTask,
      nodeCanvas,
      pdfjs.OPS,
      (bytes) => pdfjs.getDocument({ ...options(bytes), disableFontFace: true }) as unknown as PdfjsLoadingTask,
    );
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
