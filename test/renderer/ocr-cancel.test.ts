// Cancelling OCR is not an unreadable file: the worker's engine refuses a cancelled page with the
// pipeline's ExtractionCancelledError, which extraction passes through instead of recording the
// file as unreadable (无法读取发票).
import { describe, expect, it } from 'vitest';
import { ExtractionCancelledError } from '../../src-renderer/core/extract/pipeline';
import { createBrowserOcrEngine, vendorUrls } from '../../src-renderer/workers/tesseract-engine';

describe('the worker OCR engine on a cancelled page', () => {
  it('rejects with ExtractionCancelledError before starting tesseract', async () => {
    const engine = createBrowserOcrEngine(vendorUrls('http://127.0.0.1/'), { workers: 1 });
    const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    await expect(engine.recognize(image as never, { isCancelled: () => true })).rejects.toBeInstanceOf(ExtractionCancelledError);
  });
});
