// Which way up a picture's print is, decided before the page is read (core/extract/orientation.ts):
// the direction of its text lines from projection profiles, its text lines found as bands, and the
// turn chosen by a few line reads each way up (the real engine on a generated scan turned over and
// turned a quarter), where the old way read the whole page at every turn.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExtractPorts, createNodeImageDecoder } from '../../../src-main/cli/adapters';
import type { OcrEngine, RasterImage } from '../../../src-renderer/core/ports';
import { lineLooksOver, orientationByLines, probeLines, textLineBands, textLineDirection, turnOfLines } from '../../../src-renderer/core/extract/orientation';
import { findPage } from '../../../src-renderer/core/extract/page-geometry';
import { capPixels, prepareForOcr, rotateRaster } from '../../../src-renderer/core/extract/raster';
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

  it('reads each band of a probe once each way: the line lineLooksOver read is not read again by turnOfLines', async () => {
    const page = await scan(813);
    const probe = probeLines(page);
    expect(probe.direction).toBe('rows');
    // An engine that reads every line as unsure print: lineLooksOver reads its line both ways, and
    // turnOfLines reads three bands both ways without deciding.
    const read: string[] = [];
    const unsure: OcrEngine = {
      modelVersion: 'unsure lines',
      recognize: () => Promise.reject(new Error('no page read')),
      recognizeLine: (image) => {
        read.push(`${image.width}x${image.height}:${Buffer.from(image.data).toString('base64')}`);
        return Promise.resolve({ text: '发票代码', confidence: 0.3, words: [{ text: '发票代码', confidence: 0.3, box: [0, 0, 10, 10] }], lines: [] });
      },
    };
    expect(await lineLooksOver(unsure, probe)).toBe(false);
    expect(read.length).toBe(2);
    expect(await turnOfLines(unsure, probe)).toBe(0);
    // Three bands, two reads each: the first band's two are the ones lineLooksOver made.
    expect(read.length).toBe(6);
    expect(new Set(read).size).toBe(6);
    // A probe of its own reads them all again.
    read.length = 0;
    expect(await turnOfLines(unsure, probeLines(page))).toBe(0);
    expect(read.length).toBe(6);
  });

  it('does not find a picture upside down by a line that reads as nothing as it is, however its turned read goes (M03 of the twelfth set)', async () => {
    const probe = probeLines(await scan(815));
    // The first read is the line as it is, the second turned over (ten characters at 0.5).
    const engine = (asIs: string): OcrEngine => {
      let reads = 0;
      return {
        modelVersion: 'lines',
        recognize: () => Promise.reject(new Error('no page read')),
        recognizeLine: () => {
          const [text, confidence] = reads++ === 0 ? [asIs, 0.2] : ['深认十伟嘴祖水应王巾', 0.5];
          return Promise.resolve({ text, confidence, words: text ? [{ text, confidence, box: [0, 0, 10, 10] }] : [], lines: [] });
        },
      };
    };
    expect(await lineLooksOver(engine(''), probe)).toBe(false);
    // Read as a few unsure characters as it is, and better turned over: it looks upside down.
    expect(await lineLooksOver(engine('旦亡'), { ...probe, lineReads: new Map() })).toBe(true);
  });

  it('hands on the page it searched for when the picture is its reduced copy, not the copy of a larger picture', async () => {
    const page = await scan(814);
    const small = capPixels(page, 1_000_000);
    const probe = probeLines(small);
    expect(probe.pageSearch.image).toBe(small);
    expect(probe.pageSearch.page).toEqual(findPage(small));
    const large = { width: 1300, height: 1000, data: new Uint8ClampedArray(1300 * 1000 * 4).fill(250) };
    expect(probeLines(large).pageSearch.image).not.toBe(large);
  });
});
