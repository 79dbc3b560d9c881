// Which way up a picture's print is, decided before the page is read (core/extract/orientation.ts):
// the direction of its text lines from projection profiles, its text lines found as bands, and the
// turn chosen by a few line reads each way up (the real engine on a generated scan turned over and
// turned a quarter), where the old way read the whole page at every turn.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExtractPorts, createNodeImageDecoder } from '../../../src-main/cli/adapters';
import type { OcrEngine, RasterImage } from '../../../src-renderer/core/ports';
import { orientationByLines, textLineBands, textLineDirection } from '../../../src-renderer/core/extract/orientation';
import { prepareForOcr, rotateRaster } from '../../../src-renderer/core/extract/raster';
import { invoiceScan } from '../../fixtures/invoices/generate-invoices';
import { syntheticInvoice } from '../../fixtures/invoices/invoice-data';

const ports = createNodeExtractPorts({ ocr: { workers: 1 } });
afterAll(() => ports.dispose());

async function scan(seed: number): Promise<RasterImage> {
  return createNodeImageDecoder().decode(new Uint8Array(invoiceScan(syntheticInvoice(seed), { dpi: 150, noise: 4, format: 'png', seed })));
}

const prepared = (image: RasterImage) => prepareForOcr(image, { targetWidth: 0, maxPixels: 5_000_000 });

describe('orientation before OCR', () => {
  it('tells lines across the picture from lines down it, and finds text lines of about one height', async () => {
    const page = await scan(811);
    expect(textLineDirection(prepared(page))).toBe('rows');
    expect(textLineDirection(prepared(rotateRaster(page, 90)))).toBe('columns');
    expect(textLineDirection(prepared(rotateRaster(page, 180)))).toBe('rows');
    const bands = textLineBands(prepared(page), 5);
    expect(bands.length).toBe(5);
    const heights = bands.map((band) => band.bottom - band.top);
    expect(Math.max(...heights)).toBeLessThanOrEqual(Math.min(...heights) * 2);
    // Blank paper has no lines and no direction.
    const blank = { width: 400, height: 300, data: new Uint8ClampedArray(400 * 300 * 4).fill(250) };
    expect(textLineDirection(blank)).toBeNull();
    expect(textLineBands(blank, 3)).toEqual([]);
  });

  it('finds the turn that sets the print upright with a few line reads, not page reads', { timeout: 120_000 }, async () => {
    const page = await scan(812);
    const counted = { pages: 0, lines: 0 };
    const engine = ports.ocr!;
    const counting: OcrEngine = {
      modelVersion: engine.modelVersion,
      recognize: (image, options) => { counted.pages++; return engine.recognize(image, options); },
      recognizeLine: (image, options) => { counted.lines++; return engine.recognizeLine!(image, options); },
    };
    expect(await orientationByLines(counting, page)).toBe(0);
    expect(await orientationByLines(counting, rotateRaster(page, 180))).toBe(180);
    expect(await orientationByLines(counting, rotateRaster(page, 90))).toBe(270);
    expect(await orientationByLines(counting, rotateRaster(page, 270))).toBe(90);
    expect(counted.pages).toBe(0);
    expect(counted.lines).toBeLessThanOrEqual(4 * 6);
    // Without line reads the turn is not guessed.
    expect(await orientationByLines({ modelVersion: 'pages only', recognize: engine.recognize.bind(engine) }, page)).toBeNull();
  });
});
