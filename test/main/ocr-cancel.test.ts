// Cancelled is not unreadable, on the command line too: the tesseract adapter refuses a cancelled page
// with the pipeline's ExtractionCancelledError (it threw a plain Error('cancelled'), which extraction
// recorded as an unreadable file), and an engine that stops mid-page with an error of its own once
// cancellation was asked ends the extraction and the pre-review reading as cancelled, with no error
// entry for the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeExtractPorts } from '../../src-main/cli/adapters';
import { createNodeOcrEngine } from '../../src-main/cli/adapters/ocr';
import { ExtractionCancelledError, extractFile } from '../../src-renderer/core/extract/pipeline';
import type { OcrEngine } from '../../src-renderer/core/ports';
import { readForPrereview } from '../../src-renderer/core/prereview/read';

const SCAN = join(import.meta.dirname, '../fixtures/real-invoices/img/I01_tianjin_jd_einvoice_render_33207675.png');

/** An engine that is cancelled while it reads, and stops with an error of its own (as a terminated worker does). */
function engineStoppedMidPage(): { ocr: OcrEngine; isCancelled: () => boolean } {
  let cancelled = false;
  return {
    isCancelled: () => cancelled,
    ocr: {
      modelVersion: 'stopped',
      recognize: async () => {
        cancelled = true;
        throw new Error('worker terminated');
      },
    },
  };
}

describe('cancelling OCR', () => {
  it('the CLI adapter rejects a cancelled page with ExtractionCancelledError before starting tesseract', async () => {
    const engine = createNodeOcrEngine({ workers: 1 });
    const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    await expect(engine.recognize(image, { isCancelled: () => true })).rejects.toBeInstanceOf(ExtractionCancelledError);
    await engine.terminate();
  });

  it('ends an extraction as cancelled, not as an unreadable file, when the engine stops after the cancel', async () => {
    const { ocr, isCancelled } = engineStoppedMidPage();
    const ports = { ...createNodeExtractPorts({ ocr: false }), ocr };
    await expect(extractFile({ path: 'scan.png', bytes: new Uint8Array(readFileSync(SCAN)) }, ports, { isCancelled })).rejects.toBeInstanceOf(ExtractionCancelledError);
  });

  it('still records an engine error without a cancel as the file\'s error', async () => {
    const ocr: OcrEngine = { modelVersion: 'broken', recognize: async () => { throw new Error('worker terminated'); } };
    const ports = { ...createNodeExtractPorts({ ocr: false }), ocr };
    const extraction = await extractFile({ path: 'scan.png', bytes: new Uint8Array(readFileSync(SCAN)) }, ports, { isCancelled: () => false });
    expect(extraction.errors).toEqual([{ code: 'unreadable', message: 'scan.png: worker terminated' }]);
  });

  it('ends a pre-review reading as cancelled instead of recording an unreadable document', async () => {
    const { ocr, isCancelled } = engineStoppedMidPage();
    const ports = { ...createNodeExtractPorts({ ocr: false }), ocr };
    await expect(readForPrereview({ path: 'scan.png', bytes: new Uint8Array(readFileSync(SCAN)), type: 'png' }, ports, { isCancelled })).rejects.toBeInstanceOf(ExtractionCancelledError);
  });
});
