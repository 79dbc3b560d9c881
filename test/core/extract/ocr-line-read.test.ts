// The OCR port's line read (OcrEngine.recognizeLine) on the one tesseract.js engine of the CLI and
// the app: a cropped field region read as one line with a character whitelist, after which full
// pages are read exactly as before (mode 3, chi_sim, no whitelist left on the worker).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeImageDecoder, createNodeOcrEngine } from '../../../src-main/cli/adapters';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { cropRaster, resizeRaster } from '../../../src-renderer/core/extract/raster';
import { REAL_INVOICES_DIR } from './ground-truth';

const engine = createNodeOcrEngine({ workers: 1 });
/** A part of the 980x575 render, enlarged three times (its characters are 12 px high). */
const enlargedPart = (image: RasterImage, x: number, y: number, width: number, height: number) => resizeRaster(cropRaster(image, x, y, width, height), width * 3, height * 3);
afterAll(() => engine.terminate());

describe('OcrEngine.recognizeLine (tesseract.js)', () => {
  it('reads a field region as one whitelisted line and leaves full-page reading unchanged', { timeout: 120_000 }, async () => {
    const invoice = await createNodeImageDecoder().decode(new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, 'img/I01_tianjin_jd_einvoice_render_33207675.png'))));
    // The top-right header: 发票代码, 发票号码, 开票日期 and 校验码 with their values.
    const header = enlargedPart(invoice, 620, 45, 240, 95);
    const before = await engine.recognize(header);
    expect(before.text).toContain('发票号码');
    // The number on the row of 发票号码 with the colon before it: digits only.
    const line = await engine.recognizeLine!(enlargedPart(invoice, 675, 72, 60, 20), { whitelist: '0123456789' });
    expect(line.text.trim()).toBe('33207675');
    expect(line.lines).toHaveLength(1);
    // Without a whitelist the same region reads with its colon.
    expect((await engine.recognizeLine!(enlargedPart(invoice, 675, 72, 60, 20))).text.trim()).toMatch(/^\S?33207675$/);
    const after = await engine.recognize(header);
    expect(after.text).toBe(before.text);
  });
});
