// Generated hard cases from the real layouts (test/fixtures/invoices/photo-effects.ts) through the
// pipeline: a photo in a shadow (illumination flattened before OCR), a picture turned by a half and
// by a quarter turn without an EXIF tag (the turn found by reading a few text lines each way up,
// orientation.ts), a phone's JPEG stored sideways with its EXIF orientation. Each keeps its identity
// and most key fields, and no field is wrong with a high confidence while every check passes.
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { type HardCase, hardCaseImage, realLayoutHardCase } from '../../fixtures/invoices/photo-effects';
import { groundTruthOf, syntheticInvoice } from '../../fixtures/invoices/invoice-data';
import { KEY_FIELDS, REAL_INVOICES_DIR, expectedKeyFields, loadGroundTruth } from './ground-truth';

const ports = createNodeExtractPorts();
afterAll(() => ports.dispose());

const CONFIDENT = 0.8;
const cases: [HardCase, number, number][] = [['shadow', 801, 9], ['rotated-180', 807, 9], ['rotated-90', 806, 9], ['exif-rotated', 808, 9]];

describe('generated hard cases', () => {
  it.each(cases)('%s (seed %i): identity exact, at least %i of 11 key fields, none confidently wrong', { timeout: 400_000 }, async (hardCase, seed, floor) => {
    const invoice = syntheticInvoice(seed);
    const image = await hardCaseImage(invoice, hardCase, seed - 799);
    const result = await extractFile({ path: `${hardCase}.${image.extension}`, bytes: new Uint8Array(image.bytes) }, ports);
    expect(result.errors).toEqual([]);
    const read = result.invoices[0]!;
    const truth = groundTruthOf(invoice) as unknown as Record<string, string | null>;
    expect([read.fields.invoiceNumber, read.fields.issueDate]).toEqual([truth.invoiceNumber, truth.issueDate]);
    const right = KEY_FIELDS.filter((field) => read.fields[field] === (truth[field] ?? null));
    expect(right.length).toBeGreaterThanOrEqual(floor);
    const allChecksPass = read.checks.every((check) => check.ok || check.severity === 'info');
    const confidentlyWrong = KEY_FIELDS.filter((field) => read.fields[field] !== null && read.fields[field] !== (truth[field] ?? null)
      && (read.confidence[field as keyof typeof read.confidence] ?? 0) >= CONFIDENT && allChecksPass);
    expect(confidentlyWrong).toEqual([]);
  });
});

describe('hard cases of real layouts (the bench set real-layout)', () => {
  const real = readFileSync(new URL('../../fixtures/real-invoices/img/I01_tianjin_jd_einvoice_render_33207675.png', import.meta.url));
  const size = async (bytes: Buffer) => { const image = await loadImage(bytes); return [image.width, image.height]; };

  // As the bench makes them (seed 900 + the case's place in its list): key fields read right, at least.
  const floors: [image: string, effect: 'low-resolution' | 'shadow' | 'jpeg-artefacts', seed: number, floor: number][] = [['I08', 'low-resolution', 904, 10], ['I08', 'shadow', 901, 9], ['I17', 'jpeg-artefacts', 903, 4]];
  it.each(floors)('%s %s (seed %i): at least %i key fields, none confidently wrong', { timeout: 400_000 }, async (image, effect, seed, floor) => {
    const entry = loadGroundTruth().find((item) => item.file.startsWith(`img/${image}_`))!;
    const picture = await realLayoutHardCase(readFileSync(resolve(REAL_INVOICES_DIR, entry.file)), effect, seed);
    const result = await extractFile({ path: `${image}-${effect}.${picture.extension}`, bytes: new Uint8Array(picture.bytes) }, ports);
    const read = result.invoices[0]!;
    const expected = expectedKeyFields(entry);
    const right = KEY_FIELDS.filter((field) => expected[field] !== null && read.fields[field] === expected[field]);
    expect(right.length).toBeGreaterThanOrEqual(floor);
    const confidentlyWrong = KEY_FIELDS.filter((field) => expected[field] !== null && read.fields[field] !== null && read.fields[field] !== expected[field]
      && (read.confidence[field as keyof typeof read.confidence] ?? 0) >= CONFIDENT);
    expect(confidentlyWrong).toEqual([]);
  });

  it('are the same picture for the same seed, another for another seed', async () => {
    const [once, again, other] = await Promise.all([realLayoutHardCase(real, 'perspective', 3), realLayoutHardCase(real, 'perspective', 3), realLayoutHardCase(real, 'perspective', 4)]);
    expect(once.bytes.equals(again.bytes)).toBe(true);
    expect(once.bytes.equals(other.bytes)).toBe(false);
  });

  it('shrink the picture to half for low resolution, and turn it a quarter turn, by pixels or by an EXIF tag', async () => {
    const [width, height] = await size(real);
    expect(await size((await realLayoutHardCase(real, 'low-resolution', 1)).bytes)).toEqual([Math.round(width! / 2), Math.round(height! / 2)]);
    expect(await size((await realLayoutHardCase(real, 'rotated-90', 1)).bytes)).toEqual([height, width]);
    const exif = await realLayoutHardCase(real, 'exif-rotated', 1);
    expect(exif.extension).toBe('jpg');
    expect(exif.bytes.subarray(0, 4).toString('hex')).toBe('ffd8ffe1');
  });
});
