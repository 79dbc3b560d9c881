// A real 数电 invoice (P14) drawn at screen sizes as a viewer draws its PDF (pdftoppm, poppler's
// renderer) and saved as PNG or JPEG: text 8–12 px high. At these sizes the engine reads the ¥ before
// the total as a digit ("(小写)850.00" for ¥50.00); such a total must not stand surely against the
// QR code's amount, and no field may be wrong with a high confidence.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';
import { KEY_FIELDS, REAL_INVOICES_DIR, expectedKeyFields, loadGroundTruth } from './ground-truth';

const ports = createNodeExtractPorts();
const scratch = mkdtempSync(join(tmpdir(), 'screen-renders-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  return ports.dispose();
});

const P14 = 'pdf/P14_qdp_guangzhou_tea_25447000001115703415.pdf';
const CONFIDENT = 0.8;

/** The PDF's first page as pdftoppm draws it at this resolution, as PNG or as a JPEG of quality 80. */
function screenRender(dpi: number, format: 'png' | 'jpg'): Uint8Array {
  const out = join(scratch, `P14_${dpi}`);
  execFileSync('pdftoppm', ['-r', String(dpi), ...(format === 'png' ? ['-png'] : ['-jpeg', '-jpegopt', 'quality=80']), '-f', '1', '-l', '1', '-singlefile', resolve(REAL_INVOICES_DIR, P14), out]);
  return new Uint8Array(readFileSync(`${out}.${format}`));
}

describe('a real 数电 invoice at screen sizes', () => {
  const truth = expectedKeyFields(loadGroundTruth().find((entry) => entry.file === P14)!);
  // The ¥ read as 8 (80 dpi PNG, 86 dpi JPEG) and as 4 (110 dpi JPEG), the date misread at 80 dpi.
  it.each([[80, 'png'], [86, 'jpg'], [110, 'jpg']] as const)('%i dpi %s: the total and the date right, no field confidently wrong', { timeout: 120_000 }, async (dpi, format) => {
    const result = await extractFile({ path: `P14_${dpi}.${format}`, bytes: screenRender(dpi, format) }, ports);
    const read = result.invoices[0]!;
    expect([read.fields.invoiceNumber, read.fields.issueDate, read.fields.totalAmount]).toEqual([truth.invoiceNumber, truth.issueDate, truth.totalAmount]);
    const confidentlyWrong = KEY_FIELDS.filter((field) => read.fields[field] !== null && read.fields[field] !== truth[field] && (read.confidence[field as keyof typeof read.confidence] ?? 0) >= CONFIDENT);
    expect(confidentlyWrong).toEqual([]);
  });

  it('96 dpi PNG (a screenshot at 100%): every key field (the seller\'s 餐饮 kept against its line read alone, the buyer\'s id completed after its check character read as 史)', { timeout: 120_000 }, async () => {
    const result = await extractFile({ path: 'P14_96.png', bytes: screenRender(96, 'png') }, ports);
    const read = result.invoices[0]!;
    expect(Object.fromEntries(KEY_FIELDS.map((field) => [field, read.fields[field]]))).toEqual(truth);
  });
});
