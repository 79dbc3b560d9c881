// Print in coloured ink (a dot-matrix printer's blue over a green form, photographed): the page of a
// camera's full-size photo (not a clean render) takes the darker of a pixel's luminance and its red
// for its grey (prepareForOcr `inkGrey`), so that blue and green ink, pale in luminance, stays ink at
// the binarisation cut while red seal ink and brown print keep their luminance.
import { afterAll, describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { RasterImage } from '../../../src-renderer/core/ports';
import { inkCut, prepareForOcr } from '../../../src-renderer/core/extract/raster';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { invoiceScan } from '../../fixtures/invoices/generate-invoices';
import { groundTruthOf, syntheticInvoice } from '../../fixtures/invoices/invoice-data';
import { KEY_FIELDS } from './ground-truth';

/** Pale blue print: its luminance (about 172) above the binarisation cut, its red (120) well below it. */
const PALE_BLUE: [number, number, number] = [120, 185, 240];

/** A grainy page with a block of each colour: pale blue, black, seal red, brown. */
function colouredBlocks(): { image: RasterImage; blocks: Record<string, [number, number, number]>; at: Record<string, number> } {
  const [width, height] = [400, 100];
  const blocks: Record<string, [number, number, number]> = { blue: PALE_BLUE, black: [30, 30, 30], seal: [225, 20, 30], brown: [150, 100, 60] };
  const at: Record<string, number> = {};
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const grain = (p * 7919) % 13;
    data.set([245 - grain, 243 - grain, 236 - grain, 255], p * 4);
  }
  Object.values(blocks).forEach((colour, index) => {
    for (let y = 30; y < 70; y++) for (let x = 20 + index * 96; x < 80 + index * 96; x++) if (x % 8 < 3) data.set([...colour, 255], (y * width + x) * 4);
  });
  Object.keys(blocks).forEach((name, index) => (at[name] = (50 * width + 48 + index * 96) * 4));
  return { image: { width, height, data }, blocks, at };
}

describe('grey of coloured ink', () => {
  it('keeps pale blue print as ink at the cut with inkGrey, and black, seal red and brown as without it', () => {
    const { image, at } = colouredBlocks();
    const options = { targetWidth: 0, maxPixels: 10_000_000, binarize: true };
    const plain = prepareForOcr(image, options);
    const inked = prepareForOcr(image, { ...options, inkGrey: true });
    expect(plain.data[at.blue!]).toBe(255);
    expect(inked.data[at.blue!]).toBe(0);
    for (const name of ['black', 'seal', 'brown']) expect(inked.data[at[name]!], name).toBe(plain.data[at[name]!]);
    // The paper stays paper.
    expect(inked.data[(10 * 400 + 10) * 4]).toBe(255);
  });
});

/** A page of vertical strokes: a core `core` pixels wide at grey `ink`, a pixel of grey 190 at each side, on paper about 250. */
function strokes(core: number, ink: number): RasterImage {
  const [width, height] = [400, 200];
  const data = new Uint8ClampedArray(width * height * 4);
  const pitch = core + 9;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = x % pitch;
      const inLine = y >= 50 && y < 150 && x > 20 && x < width - 20;
      const level = inLine && at >= 1 && at <= core ? ink : inLine && (at === 0 || at === core + 1) ? 190 : 250 - ((x * 7 + y * 13) % 5);
      data.set([level, level, level, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

describe('the cut between ink and paper of a photographed page', () => {
  it('follows the page\'s own contrast where the strokes come out thin at the fixed cut, and stays at it for broad dark print', () => {
    const faint = strokes(3, 140);
    expect(inkCut(faint.data, faint.width, faint.height)).toBeGreaterThan(200);
    const broad = strokes(9, 40);
    expect(inkCut(broad.data, broad.width, broad.height)).toBe(165);
    // The soft edge of a faint stroke is ink on the prepared page; beside broad dark print, paper.
    const options = { targetWidth: 0, maxPixels: 10_000_000, binarize: true, inkGrey: true };
    const edge = (50 * 400 + 36) * 4;
    expect(faint.data[edge]).toBe(190);
    expect(prepareForOcr(faint, options).data[edge]).toBe(0);
    expect(broad.data[edge]).toBe(190);
    expect(prepareForOcr(broad, options).data[edge]).toBe(255);
  });
});

/** The scan with its print recoloured in `ink`: each pixel as dark towards the ink as it was towards black. */
async function recoloured(scan: Buffer, ink: [number, number, number]): Promise<Buffer> {
  const page = await loadImage(scan);
  const canvas = createCanvas(page.width, page.height);
  const context = canvas.getContext('2d');
  context.drawImage(page, 0, 0);
  const image = context.getImageData(0, 0, page.width, page.height);
  const data = image.data;
  const paper = [251, 248, 239];
  for (let i = 0; i < data.length; i += 4) {
    const level = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    const toInk = Math.min(1, Math.max(0, (248 - level) / 200));
    for (let c = 0; c < 3; c++) data[i + c] = paper[c]! + (ink[c]! - paper[c]!) * toInk;
  }
  context.putImageData(image, 0, 0);
  return canvas.toBuffer('image/jpeg', 85);
}

describe('a photo of a page printed in pale blue', () => {
  const ports = createNodeExtractPorts();
  afterAll(() => ports.dispose());

  // At a phone camera's full size (about 9.6 megapixels), as pictures of at least 8 are taken to be.
  it('reads its identity and most key fields at a camera photo\'s size, none confidently wrong', { timeout: 400_000 }, async () => {
    const invoice = syntheticInvoice(811);
    const scan = invoiceScan(invoice, { dpi: 430, noise: 6, format: 'png', seed: 12 });
    const bytes = await recoloured(scan, PALE_BLUE);
    const result = await extractFile({ path: 'pale-blue.jpg', bytes: new Uint8Array(bytes) }, ports);
    expect(result.errors).toEqual([]);
    const read = result.invoices[0]!;
    const truth = groundTruthOf(invoice) as unknown as Record<string, string | null>;
    expect([read.fields.invoiceNumber, read.fields.issueDate]).toEqual([truth.invoiceNumber, truth.issueDate]);
    const right = KEY_FIELDS.filter((field) => read.fields[field] === (truth[field] ?? null));
    expect(right.length).toBeGreaterThanOrEqual(8);
    const confidentlyWrong = KEY_FIELDS.filter((field) => read.fields[field] !== null && read.fields[field] !== (truth[field] ?? null) && (read.confidence[field as keyof typeof read.confidence] ?? 0) >= 0.8);
    expect(confidentlyWrong).toEqual([]);
  });
});

/** The page with every grey level dimmed by `factor` (a photo in even but poor light). */
function dimmed(image: RasterImage, factor: number): RasterImage {
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) data[i + c] = Math.round(data[i + c]! * factor);
  return { ...image, data };
}

describe('paper in even but dim light', () => {
  it('is raised to white before the cut, so that the page does not turn to ink (G03 of the seventh set: paper at 142)', () => {
    const dim = dimmed(strokes(9, 40), 0.56);
    const paper = (10 * 400 + 10) * 4;
    const stroke = (100 * 400 + 25) * 4;
    expect(dim.data[paper]).toBeLessThan(165);
    const prepared = prepareForOcr(dim, { targetWidth: 0, maxPixels: 10_000_000, binarize: true, inkGrey: true });
    expect(prepared.data[paper]).toBe(255);
    expect(prepared.data[stroke]).toBe(0);
  });

  it('leaves a page darker than any paper (a dark screen) and paper in good light as they are', () => {
    const dark = dimmed(strokes(9, 40), 0.3);
    const grey = prepareForOcr(dark, { targetWidth: 0, maxPixels: 10_000_000 });
    expect(grey.data[(10 * 400 + 10) * 4]).toBe(dark.data[(10 * 400 + 10) * 4]);
    const bright = strokes(9, 40);
    expect(prepareForOcr(bright, { targetWidth: 0, maxPixels: 10_000_000 }).data[(10 * 400 + 10) * 4]).toBe(bright.data[(10 * 400 + 10) * 4]);
  });
});
