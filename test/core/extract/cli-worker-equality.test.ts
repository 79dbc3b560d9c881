// One reading per format: every fixture invoice file (the real corpus, the extra real OFD/XML files
// and generated text PDFs, scans, image-only PDFs and scanned OFDs) extracted through the CLI's
// adapters and through the extraction worker's adapters (workers/extract-adapters.ts with pdf.js's
// browser build, run here in Node with a Node canvas and image decoder in place of OffscreenCanvas
// and createImageBitmap) gives the same JSON, OCR'd page text included. Both paths share one OCR
// engine that remembers what it read per raster, so a scan is recognised once unless the two paths
// hand it different pixels.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExtractPorts, type OcrPageText, extractFile } from '../../../src-renderer/core/extract/pipeline';
import { pdfjsDocumentOptions } from '../../../src-renderer/core/extract/pdf-text';
import { encodePgm } from '../../../src-renderer/core/extract/raster';
import type { OcrEngine, OcrResult } from '../../../src-renderer/core/ports';
import { createNodeExtractPorts, createNodeImageDecoder, createNodeOcrEngine } from '../../../src-main/cli/adapters';
import { webCryptoHasher } from '../../../src-renderer/platform/hasher';
import { type CanvasLike, type PdfjsLoadingTask, headerProbingImageDecoder, jsqrDecoder, pdfjsReader } from '../../../src-renderer/workers/extract-adapters';
import { syntheticInvoice } from '../../fixtures/invoices/invoice-data';
import { invoiceImagePdf, invoiceScan, invoiceTextPdf, scanOptionsFor } from '../../fixtures/invoices/generate-invoices';
import { pageSizeMm } from '../../fixtures/invoices/draw-invoice';
import { scannedOfd } from '../../fixtures/invoices/scanned-ofd';

const fixtures = resolve(import.meta.dirname, '../../fixtures');
const INVOICE_FILE = /\.(pdf|ofd|xml|png|jpe?g)$/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return INVOICE_FILE.test(name) ? [path] : [];
  });
}

const onDisk = [...filesUnder(join(fixtures, 'real-invoices')), ...filesUnder(join(fixtures, 'invoices'))].map((path) => ({
  path: relative(fixtures, path),
  bytes: () => Promise.resolve(new Uint8Array(readFileSync(path))),
}));

const scanned = syntheticInvoice(25, 'digital');
const generated = [
  { path: 'generated/digital.pdf', bytes: async () => new Uint8Array(await invoiceTextPdf([syntheticInvoice(1, 'digital')])) },
  { path: 'generated/old.pdf', bytes: async () => new Uint8Array(await invoiceTextPdf([syntheticInvoice(2, 'old')])) },
  { path: 'generated/three.pdf', bytes: async () => new Uint8Array(await invoiceTextPdf([syntheticInvoice(11, 'digital'), syntheticInvoice(12, 'old'), syntheticInvoice(13, 'digital')])) },
  { path: 'generated/scan.png', bytes: async () => new Uint8Array(invoiceScan(syntheticInvoice(21, 'old'), { ...scanOptionsFor(1), seal: true, format: 'png' })) },
  { path: 'generated/image-only.pdf', bytes: async () => new Uint8Array(await invoiceImagePdf([syntheticInvoice(22, 'digital')], { ...scanOptionsFor(2), seal: false })) },
  { path: 'generated/scan.ofd', bytes: async () => scannedOfd(new Uint8Array(invoiceScan(scanned, { ...scanOptionsFor(2), seal: false, format: 'jpeg' })), 'jpg', pageSizeMm(scanned)) },
];

/** One tesseract engine for both paths, remembering its reading of each raster it was given. */
function rememberingOcr(engine: OcrEngine): OcrEngine {
  const read = new Map<string, Promise<OcrResult>>();
  return {
    modelVersion: engine.modelVersion,
    recognize(image, options) {
      const key = createHash('sha256').update(image instanceof Uint8Array ? image : encodePgm(image)).digest('hex');
      let result = read.get(key);
      if (!result) {
        result = engine.recognize(image, options);
        read.set(key, result);
      }
      return result.then((value) => structuredClone(value));
    },
  };
}

const tesseract = createNodeOcrEngine();
const ocr = rememberingOcr(tesseract);
const cliPorts = createNodeExtractPorts({ ocr: false });
afterAll(async () => {
  await cliPorts.dispose();
  await tesseract.terminate();
});

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const nodeCanvas = (width: number, height: number) => createCanvas(width, height) as unknown as CanvasLike;
const workerPorts: ExtractPorts = {
  hasher: webCryptoHasher,
  pdf: pdfjsReader((bytes) => pdfjs.getDocument({
    ...pdfjsDocumentOptions(bytes, (folder) => `${join(pdfjsRoot, folder)}/`),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }) as unknown as PdfjsLoadingTask, nodeCanvas),
  image: headerProbingImageDecoder(createNodeImageDecoder().decode),
  qr: jsqrDecoder,
  ocr,
};

async function extractThrough(ports: ExtractPorts, path: string, bytes: Uint8Array) {
  const ocrText: OcrPageText[] = [];
  const result = await extractFile({ path, bytes }, ports, { onOcrText: (text) => ocrText.push(text) });
  return { result, ocrText };
}

describe('the CLI and the extraction worker read every fixture invoice file alike', () => {
  it('finds the fixture corpus', () => {
    expect(onDisk.filter((file) => file.path.startsWith('real-invoices/')).length).toBeGreaterThanOrEqual(12);
    expect(onDisk.some((file) => file.path.startsWith('invoices/real-extra/'))).toBe(true);
  });

  it.each([...onDisk, ...generated].map((file) => [file.path, file] as const))('%s', { timeout: 600_000 }, async (path, file) => {
    const bytes = await file.bytes();
    const viaCli = await extractThrough({ ...cliPorts, ocr }, path, bytes);
    const viaWorker = await extractThrough(workerPorts, path, bytes);
    expect(JSON.parse(JSON.stringify(viaWorker))).toEqual(JSON.parse(JSON.stringify(viaCli)));
    expect(viaCli.result.invoices.length + viaCli.result.errors.length).toBeGreaterThan(0);
  });
});
