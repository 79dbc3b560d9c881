// Real OFD invoices whose layouts no picture has shown the pipeline, drawn as pictures
// (test/fixtures/invoices/ofd-picture.ts; the bench set `unseen-layout`): the drawing puts each
// text where readOfd places it, and a few of the pictures (a render, the toll invoice's own layout,
// a photo at an angle, a quarter turn) are read by OCR at or above a floor, none confidently wrong.
// The rest of the set is read by the bench (npm run bench -- extract-images).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { SCREEN_DPI, type UnseenLayoutMaking, type UnseenOfd, UNSEEN_LAYOUT_CASES, ofdPicture, unseenLayoutPicture, unseenOfdPath, unseenOfdTruth } from '../../fixtures/invoices/ofd-picture';
import { KEY_FIELDS } from './ground-truth';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

const CONFIDENT = 0.8;

async function pixels(png: Buffer): Promise<{ width: number; dark: (x: number, y: number) => boolean }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data, width } = context.getImageData(0, 0, image.width, image.height);
  return { width, dark: (x, y) => {
    const o = (y * width + x) * 4;
    return (data[o]! + data[o + 1]! + data[o + 2]!) / 3 < 128;
  } };
}

describe('pictures of real OFD invoices', () => {
  it('carry each character of the invoice number in its own cell of the box readOfd gives, and nothing above it', async () => {
    const picture = await ofdPicture(new Uint8Array(readFileSync(unseenOfdPath('O20'))), SCREEN_DPI);
    const number = picture.ofd.pages[0]!.items.find((item) => item.text === '24322000000489101796')!;
    expect(number).toBeDefined();
    const { dark } = await pixels(picture.png);
    const [x, y, w, h] = number.box.map((value) => value * picture.scale) as [number, number, number, number];
    const inkIn = (left: number, top: number, right: number, bottom: number) => {
      let count = 0;
      for (let py = Math.round(top); py < Math.round(bottom); py++) for (let px = Math.round(left); px < Math.round(right); px++) if (dark(px, py)) count++;
      return count;
    };
    // Twenty characters on the box's DeltaX steps: each twentieth of the box holds ink.
    const cell = w / 20;
    const cells = Array.from({ length: 20 }, (_, index) => inkIn(x + index * cell, y, x + (index + 1) * cell, y + h) > 0);
    expect(cells).toEqual(Array(20).fill(true));
    // Nothing drawn in the strip of the box's height above it (the number is not shifted up).
    expect(inkIn(x, y - h, x + w, y - 1)).toBe(0);
  });

  it('are the same for the same seed', async () => {
    const [once, again] = await Promise.all([unseenLayoutPicture('O03', 'perspective', 5), unseenLayoutPicture('O03', 'perspective', 5)]);
    expect(once.bytes.equals(again.bytes)).toBe(true);
  });
});

/** Key fields read right, at least: what the engine reads today (the bench reads the whole set). */
const floors: [UnseenOfd, UnseenLayoutMaking, number][] = [['O13', 'screen', 11], ['O20', 'screen', 9], ['O03', 'perspective', 10], ['O21', 'rotated-90', 10]];

describe('pictures of real OFD invoices through OCR', () => {
  it.each(floors)('%s %s: at least %i key fields, none confidently wrong', { timeout: 300_000 }, async (ofd, making, floor) => {
    const index = UNSEEN_LAYOUT_CASES.findIndex(([id, how]) => id === ofd && how === making);
    const picture = await unseenLayoutPicture(ofd, making, 950 + index);
    const result = await extractFile({ path: `${ofd}-${making}.${picture.extension}`, bytes: new Uint8Array(picture.bytes) }, ports);
    expect(result.errors).toEqual([]);
    const invoice = result.invoices[0]!;
    expect(invoice.method).toBe('ocr');
    const expected = unseenOfdTruth(ofd);
    expect(invoice.fields.invoiceNumber).toBe(expected.invoiceNumber);
    const right = KEY_FIELDS.filter((field) => expected[field] !== null && invoice.fields[field] === expected[field]);
    expect(right.length).toBeGreaterThanOrEqual(floor);
    const confidentlyWrong = KEY_FIELDS.filter((field) => expected[field] !== null && invoice.fields[field] !== null && invoice.fields[field] !== expected[field]
      && (invoice.confidence[field as keyof typeof invoice.confidence] ?? 0) >= CONFIDENT);
    expect(confidentlyWrong).toEqual([]);
  });
});
