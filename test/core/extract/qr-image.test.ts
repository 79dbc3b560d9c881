// The invoice QR code read from a real invoice image (jsQR adapter) and cross-checked against the
// printed fields by the pipeline. OCR is replaced by a test double that returns the printed text,
// so this test is fast and isolates the QR path.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import { parseInvoiceQr } from '../../../src-renderer/core/extract/qr';
import type { OcrEngine, OcrWord } from '../../../src-renderer/core/ports';
import { createNodeExtractPorts, createNodeImageDecoder, jsqrDecoder } from '../../../src-main/cli/adapters';
import { REAL_INVOICES_DIR } from './ground-truth';

const I01 = resolve(REAL_INVOICES_DIR, 'img/I01_tianjin_jd_einvoice_render_33207675.png');

function printedText(numberOnPage: string): OcrEngine {
  const rows: [string, number, number][] = [
    ['发票代码:012001800311', 1600, 140], [`发票号码:${numberOnPage}`, 1600, 200], ['开票日期:2019年05月08日', 1600, 260],
    ['合', 300, 960], ['计', 500, 960], ['¥46.62', 1600, 960], ['¥6.08', 2200, 960],
    ['价税合计(大写)', 300, 1020], ['⊗伍拾贰圆柒角', 800, 1020], ['(小写)¥52.70', 1600, 1020],
  ];
  const words: OcrWord[] = rows.map(([text, x, y], line) => ({ text, confidence: 0.9, box: [x, y, text.length * 30, 36], line }));
  return { modelVersion: 'printed-text double', recognize: async () => ({ text: rows.map((r) => r[0]).join('\n'), confidence: 0.9, words, lines: words }) };
}

describe('invoice QR code', () => {
  it('is decoded from a real invoice image and parsed', async () => {
    const image = await createNodeImageDecoder().decode(new Uint8Array(readFileSync(I01)));
    const payload = jsqrDecoder.decode(image);
    expect(parseInvoiceQr(payload ?? '')).toMatchObject({ invoiceCode: '012001800311', invoiceNumber: '33207675', amount: '46.62', issueDate: '2019-05-08' });
  });

  it('agrees with the printed fields, and a misread number is flagged', { timeout: 30_000 }, async () => {
    const base = createNodeExtractPorts({ ocr: false });
    const bytes = new Uint8Array(readFileSync(I01));
    const agreeing = await extractFile({ path: 'I01.png', bytes }, { ...base, ocr: printedText('33207675') });
    expect(agreeing.invoices[0]!.checks.find((c) => c.id === 'qr-matches')).toMatchObject({ ok: true });
    const misread = await extractFile({ path: 'I01.png', bytes }, { ...base, ocr: printedText('33207575') });
    const check = misread.invoices[0]!.checks.find((c) => c.id === 'qr-matches');
    expect(check).toMatchObject({ ok: false });
    expect(check!.message).toContain('33207675');
  });
});
