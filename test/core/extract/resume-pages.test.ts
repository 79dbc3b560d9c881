// A scanned PDF or OFD read in two runs (the first cut short after some pages) comes to exactly what
// one pass gives, and the second run reads only the pages the first did not finish; a picture read
// before an interruption is not read again.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { type ExtractPorts, ExtractionCancelledError, type OcrPageText, type PageOutcome, extractFile } from '../../../src-renderer/core/extract/pipeline';
import type { PdfReader } from '../../../src-renderer/core/ports';
import { invoiceImagePdf, invoiceScan, scanOptionsFor } from '../../fixtures/invoices/generate-invoices';
import { pageSizeMm } from '../../fixtures/invoices/draw-invoice';
import { scannedOfd } from '../../fixtures/invoices/scanned-ofd';
import { syntheticInvoice } from '../../fixtures/invoices/invoice-data';

const ports = createNodeExtractPorts({ qr: false });
afterAll(() => ports.dispose());

/** The ports with a PDF reader that notes every page it renders. */
function countingRenders(base: ExtractPorts): { ports: ExtractPorts; rendered: number[] } {
  const rendered: number[] = [];
  const pdf: PdfReader = {
    async open(bytes) {
      const doc = await base.pdf.open(bytes);
      return { ...doc, renderPage: (page, options) => { rendered.push(page); return doc.renderPage(page, options); } };
    },
  };
  return { ports: { ...base, pdf }, rendered };
}

/** The ports with an image decoder that counts the pictures it decodes. */
function countingDecodes(base: ExtractPorts): { ports: ExtractPorts; decoded: () => number } {
  let decoded = 0;
  const image = { ...base.image, decode: (bytes: Uint8Array) => { decoded++; return base.image.decode(bytes); } };
  return { ports: { ...base, image }, decoded: () => decoded };
}

/** A reading cancelled as soon as its first page is stored; the pages it stored. */
async function interruptedAfterFirstPage(file: { path: string; bytes: Uint8Array }): Promise<PageOutcome[]> {
  const stored: PageOutcome[] = [];
  let stop = false;
  await expect(extractFile(file, ports, { onPageRead: (outcome) => { stored.push(structuredClone(outcome)); stop = true; }, isCancelled: () => stop })).rejects.toBeInstanceOf(ExtractionCancelledError);
  return stored;
}

/** A second reading given the stored pages of the first, with the texts and pages it read itself. */
async function resumedReading(file: { path: string; bytes: Uint8Array }, readingPorts: ExtractPorts, sha256: string, stored: PageOutcome[]) {
  const text: OcrPageText[] = [];
  const outcomes: PageOutcome[] = [];
  const result = await extractFile(file, readingPorts, {
    readPages: { sha256, pages: stored },
    onOcrText: (ocrText) => text.push(ocrText),
    onPageRead: (outcome) => outcomes.push(outcome),
  });
  return { result, text, outcomes };
}

describe('an OCR reading resumed page by page', () => {
  it('a reading cut short after its first page resumes from the stored pages and gives what a single pass gives', { timeout: 600_000 }, async () => {
    const invoices = [syntheticInvoice(31, 'digital'), syntheticInvoice(32, 'old'), syntheticInvoice(33, 'digital')];
    const bytes = new Uint8Array(await invoiceImagePdf(invoices, { ...scanOptionsFor(2), seal: false }));
    const file = { path: 'scan.pdf', bytes };

    const singleText: OcrPageText[] = [];
    const singleOutcomes: PageOutcome[] = [];
    const single = await extractFile(file, ports, { onOcrText: (text) => singleText.push(text), onPageRead: (outcome) => singleOutcomes.push(outcome) });
    expect(single.invoices.length).toBeGreaterThan(0);
    expect(singleOutcomes.map((outcome) => outcome.page).sort()).toEqual([1, 2, 3]);

    // First run: cancelled as soon as one page is done (the other lane's page is dropped mid-read).
    const stored = await interruptedAfterFirstPage(file);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    expect(stored.length).toBeLessThan(3);

    // Second run: the stored pages are taken as they are, only the others are rendered and read.
    const counting = countingRenders(ports);
    const { result: resumed, text: resumedText, outcomes: resumedOutcomes } = await resumedReading(file, counting.ports, single.sha256, stored);
    const storedPages = stored.map((outcome) => outcome.page);
    expect(counting.rendered.filter((page) => storedPages.includes(page))).toEqual([]);
    expect([...new Set(counting.rendered)].sort()).toEqual([1, 2, 3].filter((page) => !storedPages.includes(page)));
    expect(resumedOutcomes.map((outcome) => outcome.page).sort()).toEqual([1, 2, 3].filter((page) => !storedPages.includes(page)));
    expect(resumed).toEqual(single);
    const byPage = (texts: OcrPageText[]) => [...texts].sort((a, b) => a.page - b.page);
    expect(byPage(resumedText)).toEqual(byPage(singleText));
  });

  it('pages stored for other content (a changed file) are not reused', { timeout: 300_000 }, async () => {
    const bytes = new Uint8Array(await invoiceImagePdf([syntheticInvoice(34, 'digital')], { ...scanOptionsFor(2), seal: false }));
    const counting = countingRenders(ports);
    const stale: PageOutcome = { page: 1, result: null, evidence: null, preview: false, ocrText: [] };
    const result = await extractFile({ path: 'scan.pdf', bytes }, counting.ports, { readPages: { sha256: 'f'.repeat(64), pages: [stale] } });
    expect(counting.rendered).toContain(1);
    expect(result.invoices).toHaveLength(1);
  });

  it('a scanned OFD cut short after its first page decodes and reads only the other pages again, and gives what a single pass gives', { timeout: 600_000 }, async () => {
    const invoices = [syntheticInvoice(35, 'digital'), syntheticInvoice(36, 'digital'), syntheticInvoice(37, 'digital')];
    const scans = invoices.map((invoice) => new Uint8Array(invoiceScan(invoice, { ...scanOptionsFor(2), seal: false, format: 'jpeg' })));
    const file = { path: 'scan.ofd', bytes: scannedOfd(scans, 'jpg', pageSizeMm(invoices[0]!)) };

    const singleText: OcrPageText[] = [];
    const single = await extractFile(file, ports, { onOcrText: (text) => singleText.push(text) });
    expect(single.errors).toEqual([]);
    expect(single.invoices.map((invoice) => invoice.page)).toEqual([1, 2, 3]);

    const stored = await interruptedAfterFirstPage(file);
    expect(stored.map((outcome) => outcome.page)).toEqual([1]);

    const counting = countingDecodes(ports);
    const { result: resumed, text: resumedText, outcomes: resumedOutcomes } = await resumedReading(file, counting.ports, single.sha256, stored);
    expect(counting.decoded()).toBe(2);
    expect(resumedOutcomes.map((outcome) => outcome.page)).toEqual([2, 3]);
    expect(resumed).toEqual(single);
    expect(resumedText).toEqual(singleText);
  });

  it('a picture read before an interruption is taken as it was read, without decoding or OCR', { timeout: 300_000 }, async () => {
    const invoice = syntheticInvoice(38, 'digital');
    const file = { path: 'photo.png', bytes: new Uint8Array(invoiceScan(invoice, { ...scanOptionsFor(2), seal: false })) };
    const outcomes: PageOutcome[] = [];
    const singleText: OcrPageText[] = [];
    const single = await extractFile(file, ports, { onPageRead: (outcome) => outcomes.push(structuredClone(outcome)), onOcrText: (text) => singleText.push(text) });
    expect(single.invoices).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.page)).toEqual([1]);

    const counting = countingDecodes(ports);
    const { result: resumed, text: resumedText } = await resumedReading(file, counting.ports, single.sha256, outcomes);
    expect(counting.decoded()).toBe(0);
    expect(resumed).toEqual(single);
    expect(resumedText).toEqual(singleText);
  });
});
