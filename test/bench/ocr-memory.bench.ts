// npm run bench -- ocr-memory [PAGES]: memory over a long OCR reading. A generated image-only PDF of
// PAGES pages (default 12; 300 for the figure of #20) is read by the pipeline with the command line's
// ports (pdf.js, @napi-rs/canvas, tesseract.js workers in this process), every OCR'd page handed out
// as the app stores it (onPageRead) and nothing kept here. Prints one JSON line per window of pages
// (50, or a quarter of a short run): the peak RSS and heap within the window and the RSS and heap
// after a garbage collection at its end; then the growth per page from the first window to the last,
// which levels off (stays near 0) when nothing is held per page.
import { extractFile } from '../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../src-main/cli/adapters';
import { longImagePdf, scanOptionsFor } from '../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../fixtures/invoices/invoice-data';

const BENCH = 'ocr-memory';
const pages = Math.max(1, Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 12));
const every = pages >= 100 ? 50 : Math.max(1, Math.ceil(pages / 4));
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function emit(metric: string, value: number | string, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, metric, value, unit, ...extra }));
}

const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

async function main(): Promise<void> {
  const generated = Date.now();
  const invoices = Array.from({ length: Math.min(pages, 8) }, (_, index) => syntheticInvoice(700 + index));
  const pdf = new Uint8Array(await longImagePdf(invoices, pages, { ...scanOptionsFor(2), seal: false }));
  emit('pdf', megabytes(pdf.byteLength), 'MB', { pages, generatedSeconds: Math.round((Date.now() - generated) / 1000) });
  gc?.();
  const baseline = process.memoryUsage();
  emit('baseline', megabytes(baseline.rss), 'MB rss', { heapMb: megabytes(baseline.heapUsed) });

  const ports = createNodeExtractPorts({ qr: true });
  let window = { peakRss: 0, peakHeap: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    window.peakRss = Math.max(window.peakRss, usage.rss);
    window.peakHeap = Math.max(window.peakHeap, usage.heapUsed);
  };
  const sampler = setInterval(sample, 50);
  const windows: { pagesDone: number; rss: number }[] = [];
  let done = 0;
  const started = Date.now();
  try {
    const result = await extractFile({ path: 'long-scan.pdf', bytes: pdf }, ports, {
      onPageRead: () => {
        done++;
        if (done % every !== 0 && done !== pages) return;
        sample();
        gc?.();
        const after = process.memoryUsage();
        windows.push({ pagesDone: done, rss: after.rss });
        emit('window', megabytes(window.peakRss), 'MB peak rss', {
          pagesDone: done, peakHeapMb: megabytes(window.peakHeap), rssAfterGcMb: megabytes(after.rss), heapAfterGcMb: megabytes(after.heapUsed),
          externalMb: megabytes(after.external), arrayBuffersMb: megabytes(after.arrayBuffers), secondsPerPage: Math.round((Date.now() - started) / done / 100) / 10,
        });
        window = { peakRss: 0, peakHeap: 0 };
      },
    });
    emit('invoices', result.invoices.length, 'invoices', { pages, errors: result.errors.map((error) => error.code) });
  } finally {
    clearInterval(sampler);
    await ports.dispose();
  }
  const [first, last] = [windows[0], windows[windows.length - 1]];
  if (first && last && last.pagesDone > first.pagesDone) {
    emit('growth', Math.round(((last.rss - first.rss) / MB / (last.pagesDone - first.pagesDone)) * 100) / 100, 'MB rss per page', { fromPage: first.pagesDone, toPage: last.pagesDone });
  }
}

await main();
