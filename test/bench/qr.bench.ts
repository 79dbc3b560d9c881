// npm run bench -- qr: text-layer e-invoice PDFs read with the QR cross-check on, the QR code taken
// from the page's drawing (an image of the code or its modules as rectangles, core/extract/pdf-qr.ts)
// against rendering each page at 200 DPI to find it, side by side in one run on the same files, and
// against poppler's pdftotext on the same PDF where it is installed (text only, no QR, no fields).
// Pages/s, the share of invoices whose QR was read and agrees, and the ratios.
// Size: QR_BENCH_PAGES (default 29, one invoice a page, as the measurement).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFiles } from '../../src-renderer/core/extract/pipeline';
import type { FileExtraction } from '../../src-renderer/core/types';
import { createNodeExtractPorts } from '../../src-main/cli/adapters';
import { invoiceTextPdf } from '../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../fixtures/invoices/invoice-data';

const BENCH = 'qr';
const pages = Number(process.env.QR_BENCH_PAGES ?? 29);
const REAL_PDFS = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/real-invoices/pdf');

function emit(metric: string, value: number | string, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, metric, value, unit, ...extra }));
}

function qrAgreeing(files: FileExtraction[]): number {
  return files.flatMap((file) => file.invoices).filter((invoice) => invoice.checks.some((check) => check.id === 'qr-matches' && check.ok)).length;
}

async function timed(inputs: { path: string; bytes: Uint8Array }[], drawn: boolean): Promise<{ seconds: number; files: FileExtraction[] }> {
  const ports = createNodeExtractPorts({ ocr: false });
  const reader = ports.pdf;
  const pdf = drawn ? reader : { open: async (bytes: Uint8Array) => ({ ...(await reader.open(bytes)), readQr: undefined }) };
  const started = performance.now();
  const files = await extractFiles(inputs.map((input) => ({ path: input.path, bytes: input.bytes.slice() })), { ...ports, pdf }, { concurrency: 2 });
  const seconds = (performance.now() - started) / 1000;
  await ports.dispose();
  return { seconds, files };
}

const scratch = mkdtempSync(join(tmpdir(), 'dossier-desk-qr-bench-'));
try {
  const generated = new Uint8Array(await invoiceTextPdf(Array.from({ length: pages }, (_, index) => syntheticInvoice(index + 1))));
  const realNames = ['P14_qdp_guangzhou_tea_25447000001115703415.pdf', 'P16_qdp_special_sichuan_reportlab_23512000000005197325.pdf'];
  const inputs = [
    { path: 'generated.pdf', bytes: generated },
    ...realNames.map((name) => ({ path: name, bytes: new Uint8Array(readFileSync(join(REAL_PDFS, name))) })),
  ];
  const pageCount = pages + realNames.length;
  // Warm-up (pdf.js, fonts), then alternate the order so that machine load skews both sides alike.
  await timed(inputs.slice(1), true);
  const drawnFirst = await timed(inputs, true);
  const rendered = await timed(inputs, false);
  const drawnAgain = await timed(inputs, true);
  const drawnSeconds = Math.min(drawnFirst.seconds, drawnAgain.seconds);
  emit('text-pdf-pages-per-s-qr-drawn', Number((pageCount / drawnSeconds).toFixed(2)), 'pages/s', { pages: pageCount, qrAgreeing: qrAgreeing(drawnFirst.files) });
  emit('text-pdf-pages-per-s-qr-rendered', Number((pageCount / rendered.seconds).toFixed(2)), 'pages/s', { pages: pageCount, qrAgreeing: qrAgreeing(rendered.files) });
  emit('text-pdf-speedup-drawn-over-rendered', Number((rendered.seconds / drawnSeconds).toFixed(2)), 'x');
  const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (pdftotext.status === 0 || pdftotext.stderr) {
    const paths = inputs.map((input) => {
      const path = join(scratch, input.path);
      writeFileSync(path, input.bytes);
      return path;
    });
    const started = performance.now();
    for (const path of paths) spawnSync('pdftotext', ['-layout', path, '-']);
    const seconds = (performance.now() - started) / 1000;
    emit('text-pdf-pages-per-s-pdftotext', Number((pageCount / seconds).toFixed(2)), 'pages/s', { pages: pageCount, note: 'text only: no QR, no fields' });
    emit('text-pdf-ratio-drawn-over-pdftotext', Number((seconds / drawnSeconds).toFixed(2)), 'x', { note: '>= 1 is at least as fast as pdftotext' });
  } else {
    emit('text-pdf-pages-per-s-pdftotext', 'skipped', '', { reason: 'pdftotext is not installed (apt-get install poppler-utils)' });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
