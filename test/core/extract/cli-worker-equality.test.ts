// One reading per format: every fixture file extracted through the CLI's adapters and through the
// extraction worker's adapters (workers/extract-adapters.ts with pdf.js's browser build, run here in
// Node with a Node canvas and image decoder in place of OffscreenCanvas and createImageBitmap) gives
// the same JSON, OCR'd page text included. Every fixture: each file on disk under test/fixtures that
// is not test code, ground truth or notes (found by walking the tree, whatever its format), every
// form of generated invoice, every specimen bank receipt and contract of the evidence generator (and
// a scanned receipt), and every file of the hostile corpus that the import hands to extraction. Both
// paths share one OCR engine that remembers what it read per raster, so a scan is recognised once
// unless the two paths hand it different pixels.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExtractPorts, type OcrPageText, extractFile } from '../../../src-renderer/core/extract/pipeline';
import { importDossier } from '../../../src-renderer/core/import';
import type { FileExtraction } from '../../../src-renderer/core/types';
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
import { contractLayouts } from '../../fixtures/evidence/contracts';
import { receiptLayout } from '../../fixtures/evidence/receipts';
import { scanImage } from '../../fixtures/evidence/scans';
import { specimenContracts, specimenReceipts } from '../../fixtures/evidence/specimens';
import { buildHostileCorpus, corpusAsInput, HOSTILE_LIMITS } from '../../fixtures/hostile/corpus';
import { layoutsToPdf } from '../../fixtures/sample-dossier/render';
import { filePathsUnder } from '../../fixtures/files-on-disk';
import { testHasher } from '../import/hasher';

const fixtures = resolve(import.meta.dirname, '../../fixtures');
/** Test code, ground truth and notes: what a fixture folder holds besides the fixture files. */
const NOT_A_FIXTURE_FILE = /\.(ts|tsx|json|md)$/i;

const onDisk = filePathsUnder(fixtures).filter((path) => !NOT_A_FIXTURE_FILE.test(path)).map((path) => ({
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

const receipts = specimenReceipts();
const evidence = [
  ...receipts.map((receipt) => ({ path: `evidence/receipt-${receipt.bank}.pdf`, bytes: async () => new Uint8Array(await layoutsToPdf([receiptLayout(receipt)], receipt.bank)) })),
  ...specimenContracts().map((contract, index) => ({ path: `evidence/contract-${index + 1}.pdf`, bytes: async () => new Uint8Array(await layoutsToPdf(contractLayouts(contract, '测试'), 'contract')) })),
  { path: `evidence/receipt-${receipts[0]!.bank}-scan.jpg`, bytes: async () => new Uint8Array(await scanImage(receiptLayout(receipts[0]!), { seed: 3 })) },
];

/** The hostile corpus's files as the import hands them to extraction (refused ones never are). */
async function hostileFilesExtracted(): Promise<{ path: string; bytes: Uint8Array }[]> {
  const handed: { path: string; bytes: Uint8Array }[] = [];
  await importDossier(corpusAsInput(buildHostileCorpus()), {
    hasher: testHasher, limits: HOSTILE_LIMITS,
    extractor: async (file): Promise<FileExtraction> => {
      handed.push({ path: file.path, bytes: file.bytes.slice() });
      return { file: file.path, sha256: file.sha256, invoices: [], errors: [] };
    },
  });
  return handed;
}
const hostile = await hostileFilesExtracted();
const hostileCases = hostile.map((file) => ({ path: `hostile/${file.path}`, bytes: async () => file.bytes }));

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
  it('finds every fixture file and generated family', () => {
    expect(onDisk.filter((file) => file.path.startsWith('real-invoices/')).length).toBeGreaterThanOrEqual(20);
    expect(onDisk.some((file) => file.path.startsWith('invoices/real-extra/'))).toBe(true);
    expect(onDisk.some((file) => file.path.endsWith('.webp'))).toBe(true);
    expect(onDisk.some((file) => file.path.endsWith('.xbrl'))).toBe(true);
    expect(evidence.length).toBe(receipts.length + 3 + 1);
    expect(hostile.map((file) => file.path)).toEqual(expect.arrayContaining(['发票/001.xml', '发票/002.pdf', 'scans/scan.png', 'bad-font.pdf', 'hidden-font.pdf']));
  });

  it.each([...onDisk, ...generated, ...evidence, ...hostileCases].map((file) => [file.path, file] as const))('%s', { timeout: 600_000 }, async (path, file) => {
    const bytes = await file.bytes();
    const viaCli = await extractThrough({ ...cliPorts, ocr }, path, bytes);
    const viaWorker = await extractThrough(workerPorts, path, bytes);
    expect(JSON.parse(JSON.stringify(viaWorker))).toEqual(JSON.parse(JSON.stringify(viaCli)));
    expect(viaCli.result.invoices.length + viaCli.result.errors.length + (viaCli.result.contracts?.length ?? 0) + (viaCli.result.payments?.length ?? 0)).toBeGreaterThan(0);
  });
});
