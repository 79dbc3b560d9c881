// Which OCR passes a picture of an invoice costs (core/extract/pipeline.ts): passes that cannot
// change the reading are not run. The OCR engine is a test double that returns the printed words of
// an invoice for every page read and counts the reads, so each test tells a pass that is run from
// one that is skipped.
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import type { ExtractPorts } from '../../../src-renderer/core/extract/pipeline';
import type { OcrEngine, OcrWord, RasterImage } from '../../../src-renderer/core/ports';
import { resizeRaster, rotateRaster } from '../../../src-renderer/core/extract/raster';
import { straightenPage } from '../../../src-renderer/core/extract/page-geometry';
import { createNodeExtractPorts } from '../../../src-main/cli/adapters';

/** Words at [x, y] of a 2000×1300 picture, 36 px high, one line each. */
type Row = [string, number, number];

interface Counted {
  pages: number;
  lines: number;
}

/** Dark pixels in rows [from, to) of an image (grey below 128). */
function inkIn(image: RasterImage, from: number, to: number): number {
  let ink = 0;
  for (let y = Math.max(0, Math.floor(from)); y < Math.min(image.height, Math.ceil(to)); y++) {
    for (let x = 0; x < image.width; x++) if (image.data[(y * image.width + x) * 4]! < 128) ink++;
  }
  return ink;
}

/**
 * An engine that reads `rows` on a page whose print is upright (more ink in its top quarter than in
 * its bottom one), nothing on a page upside down; a line whose characters stand upright (heavier at
 * the top) as sure Chinese characters, one upside down as unsure ones. It counts its page and line reads.
 */
function printedWords(rows: Row[], counted: Counted, confidence = 0.92): OcrEngine {
  const words: OcrWord[] = rows.map(([text, x, y], line) => ({ text, confidence, box: [x, y, [...text].length * 34, 36], line }));
  const nothing = { text: '', confidence: 0, words: [], lines: [] };
  return {
    modelVersion: 'printed-words double',
    recognize: async (image) => {
      counted.pages++;
      if (image instanceof Uint8Array || inkIn(image, 0, image.height / 4) <= inkIn(image, image.height * 0.75, image.height)) return nothing;
      return { text: rows.map((row) => row[0]).join('\n'), confidence, words, lines: words };
    },
    recognizeLine: async (image) => {
      counted.lines++;
      const upright = inkIn(image, 0, image.height / 2) > inkIn(image, image.height / 2, image.height);
      const line: OcrWord = upright ? { text: '发票号码开票日期', confidence: 0.95, box: [0, 0, image.width, image.height], line: 0 } : { text: '凹凸', confidence: 0.3, box: [0, 0, image.width, image.height], line: 0 };
      return { text: line.text, confidence: line.confidence, words: [line], lines: [line] };
    },
  };
}

/**
 * A 2000×1300 picture of print: twelve text lines across its upper part, each of characters heavier
 * at the top (a bar with a stem under it), so that which way up it is shows; what the engine reads
 * on it is the double's words.
 */
function printedPicture(width = 2000, height = 1300): RasterImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const dark = (x: number, y: number) => data.fill(20, (y * width + x) * 4, (y * width + x) * 4 + 3);
  for (let line = 0; line < 12; line++) {
    const top = 80 + line * 70;
    for (let left = 100; left + 30 < width - 100; left += 44) {
      for (let y = top; y < top + 36; y++) {
        for (let x = left; x < left + 30; x++) if (y < top + 24 || (x >= left + 12 && x < left + 18)) dark(x, y);
      }
    }
  }
  return { width, height, data };
}

const PICTURE = printedPicture();

function portsReading(engine: OcrEngine, picture: RasterImage): ExtractPorts {
  return {
    ...createNodeExtractPorts({ ocr: false, qr: false }),
    image: { probe: async () => ({ width: picture.width, height: picture.height, format: 'png' as const }), decode: async () => picture },
    ocr: engine,
  };
}

const PARTIES: Row[] = [
  ['购', 60, 330], ['名称:北京邑邻科技有限公司', 120, 330], ['销', 1000, 330], ['名称:成都滴滴优行科技有限公司', 1060, 330],
];

const TOTALS: Row[] = [
  ['合', 100, 800], ['计', 300, 800], ['¥46.62', 1200, 800], ['¥6.08', 1700, 800],
  ['价税合计(大写)', 100, 900], ['⊗伍拾贰圆柒角', 600, 900], ['(小写)¥52.70', 1300, 900],
];

/** A 数电 invoice: a 20-digit number, and 统一社会信用代码 as the label of both tax ids. */
const DIGITAL: Row[] = [
  ['电子发票(普通发票)', 700, 60], ['发票号码:24517000000216393366', 1350, 80], ['开票日期:2024年10月19日', 1350, 140],
  ...PARTIES,
  ['统一社会信用代码/纳税人识别号:91110105MA01Q7QUXU', 120, 400], ['统一社会信用代码/纳税人识别号:91510100MA6B7LDY8B', 1060, 400],
  ...TOTALS,
];

/** An old-layout invoice whose code has 11 digits (a made-up invoice), read at its label apart from the number. */
const ODD_CODE: Row[] = [
  ['增值税电子普通发票', 700, 60], ['发票代码:00100210001', 1350, 60], ['发票号码:07099363', 1350, 120], ['开票日期:2023年03月17日', 1350, 180],
  ['密码区', 1100, 330], ...PARTIES, ...TOTALS,
];

/** An old-layout invoice whose code and number were read as one 20-digit run (the label rows read as one line). */
const RUN_TOGETHER: Row[] = [
  ['增值税电子普通发票', 700, 60], ['发票号码:01200180031133207675', 1350, 100], ['开票日期:2019年05月08日', 1350, 180],
  ['密码区', 1100, 330], ...PARTIES, ...TOTALS,
];

async function read(rows: Row[], picture = PICTURE, confidence = 0.92): Promise<{ counted: Counted; fields: Record<string, unknown> }> {
  const counted = { pages: 0, lines: 0 };
  const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(printedWords(rows, counted, confidence), picture));
  return { counted, fields: { ...result.invoices[0]?.fields } };
}

/**
 * The 数电 invoice (DIGITAL) read on PICTURE by the engine `watch` makes of the printed-words double,
 * each QR decode (none finds a code) noted in `events` among what the watched engine notes there.
 */
async function readNotingQrDecodes(watch: (engine: OcrEngine, events: string[]) => OcrEngine) {
  const events: string[] = [];
  const counted = { pages: 0, lines: 0 };
  const ports = { ...portsReading(watch(printedWords(DIGITAL, counted), events), PICTURE), qr: { decode: () => { events.push('qr'); return null; } } };
  const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, ports);
  return { events, counted, result };
}

/**
 * Line reads of the party names' regions on a page read as an invoice (field-regions.ts): each name,
 * however surely read, is read again alone, at two margins when the double's line does not vouch for it.
 */
const NAME_READS = 4;

describe('OCR passes of a picture', () => {
  it('print whose lines run across the picture, read upright as an invoice: one line, read surely as it is, and the page', async () => {
    const { counted, fields } = await read(DIGITAL);
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366', sellerName: '成都滴滴优行科技有限公司' });
    // The most inked line reads surely as it is: it is not read turned over, and no other line is read
    // but the two parties' names, each read again alone at its two margins (NAME_READS).
    expect(counted).toEqual({ pages: 1, lines: 1 + NAME_READS });
  });

  it('the same picture upside down: its first line reads better turned over, the lines tell the half turn, and the page is read once, turned', async () => {
    const { counted, fields } = await read(DIGITAL, rotateRaster(PICTURE, 180));
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366', sellerName: '成都滴滴优行科技有限公司' });
    // Not read as it is first (a page read in vain): only turned over. Its first line is read each way
    // once: the lines' verdict takes those two reads again, not new ones, and decides on them.
    expect(counted.pages).toBe(1);
    expect(counted.lines).toBe(2 + NAME_READS);
  });

  it('a picture upright whose lines read unsurely both ways: the page is read as it is, as before the lines were asked', async () => {
    const counted = { pages: 0, lines: 0 };
    const engine = printedWords(DIGITAL, counted);
    const unsure: OcrEngine = {
      ...engine,
      recognizeLine: async (image, options) => {
        await engine.recognizeLine!(image, options);
        const line: OcrWord = { text: '凹', confidence: 0.4, box: [0, 0, image.width, image.height], line: 0 };
        return { text: line.text, confidence: line.confidence, words: [line], lines: [line] };
      },
    };
    const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(unsure, PICTURE));
    expect(result.invoices[0]?.fields).toMatchObject({ invoiceNumber: '24517000000216393366' });
    expect(counted).toEqual({ pages: 1, lines: 2 + NAME_READS });
  });

  it('a picture read at two turns: its QR code, found at the first, is not looked for again at the second', async () => {
    const counted = { pages: 0, lines: 0 };
    const engine = printedWords(DIGITAL, counted);
    // The first line read (the most inked line as it is) reads surely, as a picture upside down may:
    // the page is read as it is first, finds nothing, and the lines then tell the half turn.
    let lineReads = 0;
    const firstLineSure: OcrEngine = {
      ...engine,
      recognizeLine: async (image, options) => {
        const read = await engine.recognizeLine!(image, options);
        if (lineReads++ > 0) return read;
        const line: OcrWord = { text: '发票号码', confidence: 0.9, box: [0, 0, image.width, image.height], line: 0 };
        return { text: line.text, confidence: line.confidence, words: [line], lines: [line] };
      },
    };
    // The code of a picture upside down is not in the top corners: it is found on the whole page, the third place looked at.
    let decodes = 0;
    const qr = { decode: () => (++decodes < 3 ? null : '01,32,,24517000000216393366,52.70,20241019,,') };
    const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, { ...portsReading(firstLineSure, rotateRaster(PICTURE, 180)), qr });
    expect(result.invoices[0]?.fields).toMatchObject({ invoiceNumber: '24517000000216393366', sellerName: '成都滴滴优行科技有限公司' });
    expect(counted.pages).toBe(2);
    expect(decodes).toBe(3);
  });

  it('a page read unsurely with few printed fields, whose QR code lies in its top-left corner: it is upright, no more line read and no turn probed', async () => {
    const counted = { pages: 0, lines: 0 };
    // Only the header reads, and unsurely (as a picture blurred by JPEG artefacts reads).
    const engine = printedWords(DIGITAL.slice(0, 3), counted, 0.4);
    let decodes = 0;
    // The top-left corner is the first place looked at: the code is found there.
    const qr = { decode: () => { decodes++; return '01,32,,24517000000216393366,52.70,20241019,,'; } };
    const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, { ...portsReading(engine, PICTURE), qr });
    expect(result.invoices[0]?.fields).toMatchObject({ invoiceNumber: '24517000000216393366' });
    expect(decodes).toBe(1);
    // The page once, and only the line whose read was handed to the engine before the page was
    // straightened: the code, looked for in the top-left corner of the page as it is before that
    // line's reading is asked for, says it is upright (the page's reading does not look for it
    // again), and no more line is read (none turned over, none of turnOfLines).
    expect(counted).toEqual({ pages: 1, lines: 1 });
  });

  it('the first line\'s read is handed to the engine before the page is straightened (for its top-left corner\'s QR code), not after', async () => {
    const { events, counted, result } = await readNotingQrDecodes((engine, noted) => ({
      ...engine,
      recognizeLine: (image, options) => {
        noted.push('line read');
        return engine.recognizeLine!(image, options);
      },
    }));
    expect(result.invoices[0]?.fields).toMatchObject({ invoiceNumber: '24517000000216393366' });
    // The corner is looked at once the page is straightened: the line was asked for before it. The
    // line's reading is then the one lineLooksOver takes (read once: it reads surely as it is).
    expect(events.slice(0, 2)).toEqual(['line read', 'qr']);
    expect(counted).toEqual({ pages: 1, lines: 1 + NAME_READS });
  });

  it('a small picture whose reading is whole (number, date, sums that add up): the QR code is not looked for again in grey', async () => {
    const small = resizeRaster(PICTURE, 1200, 780);
    const decodesOf = async (rows: Row[]) => {
      let decodes = 0;
      const qr = { decode: () => { decodes++; return null; } };
      const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, { ...portsReading(printedWords(rows, { pages: 0, lines: 0 }), small), qr });
      return { decodes, fields: { ...result.invoices[0]?.fields } };
    };
    const whole = await decodesOf(DIGITAL);
    expect(whole.fields).toMatchObject({ invoiceNumber: '24517000000216393366', totalAmount: '52.70' });
    // The two top corners binarised and the whole page; not the corners again in grey and darker.
    expect(whole.decodes).toBe(3);
    // Without its sums, the reading could take the code's amount: every place is looked at.
    const partial = await decodesOf(DIGITAL.filter((row) => !TOTALS.includes(row)));
    expect(partial.fields).toMatchObject({ invoiceNumber: '24517000000216393366' });
    expect(partial.decodes).toBe(7);
  });

  it('a 数电 invoice whose 20-digit number is read: its header is not read again (统一社会信用代码 is no old-layout label)', async () => {
    const { counted, fields } = await read(DIGITAL);
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366', buyerName: '北京邑邻科技有限公司', sellerName: '成都滴滴优行科技有限公司' });
    expect(counted.pages).toBe(1);
  });

  it('an 8-digit number and a code of digits read each at its label: the header is not read again (the code region is)', async () => {
    const { counted, fields } = await read(ODD_CODE);
    expect(fields).toMatchObject({ invoiceNumber: '07099363', invoiceCode: '00100210001' });
    expect(counted.pages).toBe(1);
  });

  it('a 20-digit run on an old-layout page: the header is read again, to part code and number', async () => {
    const { counted } = await read(RUN_TOGETHER);
    expect(counted.pages).toBe(2);
  });

  it('the same page whose QR code, found while the page was read, gives the code, number and date: the header is not read again, the code fills them', async () => {
    const counted = { pages: 0, lines: 0 };
    let decodes = 0;
    const qr = { decode: () => { decodes++; return '01,04,012001800311,33207675,52.70,20190508,,'; } };
    const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, { ...portsReading(printedWords(RUN_TOGETHER, counted), PICTURE), qr });
    expect(result.invoices[0]?.fields).toMatchObject({ invoiceCode: '012001800311', invoiceNumber: '33207675', issueDate: '2019-05-08', buyerName: '北京邑邻科技有限公司' });
    expect(decodes).toBe(1);
    expect(counted.pages).toBe(1);
    // A code without the date (or no code at all) settles less than the header could: the header is read again.
    const undated = { pages: 0, lines: 0 };
    const noDate = { decode: () => '01,04,012001800311,33207675,52.70,,,' };
    await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, { ...portsReading(printedWords(RUN_TOGETHER, undated), PICTURE), qr: noDate });
    expect(undated.pages).toBe(2);
  });

  it('the same page read unsurely (as a poor photo reads) but with the parties and totals: the header is still read again', async () => {
    const { counted, fields } = await read(RUN_TOGETHER, PICTURE, 0.4);
    expect(fields).toMatchObject({ buyerName: '北京邑邻科技有限公司' });
    expect(counted.pages).toBe(2);
  });

  it('the QR code is looked for while the engine reads the page, not after', async () => {
    const { events } = await readNotingQrDecodes((engine, noted) => ({
      ...engine,
      recognize: async (image, options) => {
        noted.push('page read starts');
        await new Promise((resolve) => setTimeout(resolve, 50));
        noted.push('page read ends');
        return engine.recognize(image, options);
      },
    }));
    // The top-left corner before the page is read (a code there says the print is upright, and
    // lineLooksOver is not asked); the other places while the page is read.
    expect(events.slice(0, 4)).toEqual(['qr', 'page read starts', 'qr', 'qr']);
    expect(events.indexOf('page read ends')).toBeGreaterThan(events.lastIndexOf('qr'));
  });
  it('print across the picture, read as it is as surely as upright print reads but as no invoice: no more line is read to tell its turn', async () => {
    const counted = { pages: 0, lines: 0 };
    const result = await extractFile({ path: 'minutes.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(printedWords(minutes, counted, 0.7), PICTURE));
    expect(result.invoices).toEqual([]);
    // The one line that tells the print is not upside down (read surely as it is); none read after the page.
    expect(counted.lines).toBe(1);
  });

  it('a sheet on a desk that reads as no invoice: the whole picture is read again once, and not where the page reads as unsurely as print the wrong way up', async () => {
    // The sheet on a desk printing minutes of a meeting, no invoice.
    const desk = onDesk();
    const wholeReads = (confidence: number) => wholeReadsOf(desk, confidence);
    expect(await wholeReads(0.62)).toBe(1);
    // Read unsurely, the sheet reads as no invoice at either way up: the picture is read whole only by
    // the half-turn probe (bestTurn: once each way up), not again after each turn's page.
    expect(await wholeReads(0.35)).toBe(2);
  });

  it('a sheet on a desk that reads as an invoice too weakly: the whole picture is read too, the stronger reading is taken and the weaker fills what it lacks', async () => {
    // The page found reads the number, the parties (the buyer's name misread) and their ids, but no
    // date and no sums (the page finder cut them off); the whole picture reads the number, parties,
    // date and sums, but no tax id.
    const onPage: Row[] = DIGITAL.filter(([text]) => !text.startsWith('开票日期') && !TOTALS.some(([total]) => total === text))
      .map(([text, x, y]) => [text.replace('邑邻', '邑令'), x, y]);
    const onWhole: Row[] = DIGITAL.filter(([text]) => !text.startsWith('统一社会信用代码'));
    const { whole, fields } = await deskRead(onPage, onWhole);
    expect(whole).toBe(1);
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366', issueDate: '2024-10-19', totalAmount: '52.70', buyerName: '北京邑邻科技有限公司', buyerTaxId: '91110105MA01Q7QUXU', sellerTaxId: '91510100MA6B7LDY8B' });
  });

  it('a sheet on a desk that reads as an invoice strongly enough: the whole picture is not read', async () => {
    const { whole, fields } = await deskRead(DIGITAL, DIGITAL);
    expect(whole).toBe(0);
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366', issueDate: '2024-10-19', totalAmount: '52.70' });
  });

  it('a sheet that fills the picture but for a thin frame (a screenshot\'s border) and reads as no invoice: the whole picture is not read again', async () => {
    // PICTURE in a dark frame, 2% of the width at each side and 4% of the height above and below: the
    // page finder finds the sheet; the frame holds no print.
    const [width, height] = [Math.round(PICTURE.width / 0.96), Math.round(PICTURE.height / 0.92)];
    const [left, top] = [Math.round((width - PICTURE.width) / 2), Math.round((height - PICTURE.height) / 2)];
    const framed = { width, height, data: new Uint8ClampedArray(width * height * 4).fill(45) };
    for (let y = 0; y < PICTURE.height; y++) framed.data.set(PICTURE.data.subarray(y * PICTURE.width * 4, (y + 1) * PICTURE.width * 4), ((y + top) * width + left) * 4);
    for (let p = 3; p < framed.data.length; p += 4) framed.data[p] = 255;
    expect(straightenPage(framed).page).not.toBeNull();
    expect(await wholeReadsOf(framed, 0.62)).toBe(0);
  });
});

describe('the code of an old invoice beside its QR code', () => {
  /** An old 专票 read as a photo's page read reads it: its № and number, its parties and sums, no code (taken for part of the QR code's picture). */
  const OLD_NO_CODE: Row[] = [
    ['广东增值税专用发票', 700, 60], ['No12270864', 1350, 60], ['开票日期:2016年06月12日', 1350, 140],
    ['密码区', 1100, 330], ...PARTIES, ...TOTALS,
  ];
  /** The engine double, and the code read where the top-left corner (0.45 of the page's width, 0.25 of its height: wider than the page) is read alone. */
  const cornerReading = (rows: Row[], counted: Counted, corners: { width: number }[]): OcrEngine => {
    const engine = printedWords(rows, counted);
    return {
      ...engine,
      recognize: async (image, options) => {
        if (image instanceof Uint8Array || image.width / image.height < (PICTURE.width / PICTURE.height) * 1.5) return engine.recognize(image, options);
        counted.pages++;
        corners.push({ width: image.width });
        const code: OcrWord = { text: '4400154130', confidence: 0.93, box: [image.width * 0.4, 100, 340, 40], line: 0 };
        const speck: OcrWord = { text: '1', confidence: 0.5, box: [image.width * 0.4 - 30, 100, 20, 40], line: 0 };
        return { text: '1 4400154130', confidence: 0.9, words: [speck, code], lines: [speck, code] };
      },
    };
  };

  it('with no code read, the top-left corner is read alone and gives it, unsure; a 数电 invoice (20-digit number, no code) has no corner read', async () => {
    const counted = { pages: 0, lines: 0 };
    const corners: { width: number }[] = [];
    const result = await extractFile({ path: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(cornerReading(OLD_NO_CODE, counted, corners), PICTURE));
    const invoice = result.invoices[0]!;
    expect(invoice.fields).toMatchObject({ invoiceCode: '4400154130', invoiceNumber: '12270864' });
    expect(invoice.confidence?.invoiceCode).toBeLessThanOrEqual(0.6);
    expect(corners).toHaveLength(1);

    const digitalCorners: { width: number }[] = [];
    const digital = await extractFile({ path: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(cornerReading(DIGITAL, { pages: 0, lines: 0 }, digitalCorners), PICTURE));
    expect(digital.invoices[0]?.fields.invoiceCode ?? null).toBeNull();
    expect(digitalCorners).toEqual([]);
  });

  it('the corner is read while the header is read again (the engine\'s other worker), and its code is put in only where the header\'s reading leaves none', async () => {
    /** The double, its reads held a moment so that reads made at once overlap; with the header's code where `headerCode` is given. */
    const overlapping = (headerCode: string | null) => {
      const counted = { pages: 0, lines: 0 };
      const corners: { width: number }[] = [];
      const engine = cornerReading(OLD_NO_CODE, counted, corners);
      const flight = { now: 0, most: 0 };
      const held: OcrEngine = {
        ...engine,
        recognize: async (image, options) => {
          flight.most = Math.max(flight.most, ++flight.now);
          await new Promise((resolve) => setTimeout(resolve, 20));
          flight.now--;
          // The header region (0.38 of the page's width, 0.28 of its height): wider than the page, narrower than the corner.
          const shape = image instanceof Uint8Array ? 0 : image.width / image.height / (PICTURE.width / PICTURE.height);
          const headerShaped = shape > 1.2 && shape < 1.5;
          if (headerShaped && headerCode) {
            const rows: [string, number][] = [[`发票代码:${headerCode}`, 20], ['发票号码:12270864', 70], ['开票日期:2016年06月12日', 120]];
            const words: OcrWord[] = rows.map(([text, y], line) => ({ text, confidence: 0.95, box: [20, y, [...text].length * 30, 36], line }));
            return { text: rows.map(([text]) => text).join('\n'), confidence: 0.95, words, lines: words };
          }
          return engine.recognize(image, options);
        },
      };
      return { counted, corners, flight, ports: portsReading(held, PICTURE) };
    };
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const none = overlapping(null);
    const read = await extractFile({ path: 'photo.png', bytes }, none.ports);
    expect(read.invoices[0]?.fields).toMatchObject({ invoiceCode: '4400154130', invoiceNumber: '12270864' });
    expect(none.corners).toHaveLength(1);
    expect(none.flight.most).toBe(2);
    // The header's reading gives the code: the corner read with it is not put in.
    const given = overlapping('4400154139');
    const header = await extractFile({ path: 'photo.png', bytes }, given.ports);
    expect(header.invoices[0]?.fields).toMatchObject({ invoiceCode: '4400154139', invoiceNumber: '12270864' });
  });
});

describe('OCR passes of a portrait picture whose lines run across it', () => {
  it('reading as nothing as it is, its lines guessing the half turn by their sums alone: the half turn is probed on a reduced copy, not read, and no quarter turn is probed', async () => {
    // A phone photo held upright of a sheet whose print reads as noise: its lines read unsurely both
    // ways up, turned over a little less so (no line decides), so the lines guess the half turn.
    const counted = { pages: 0, lines: 0 };
    const engine = printedWords(minutes, counted, 0.3);
    const noisy: OcrEngine = {
      ...engine,
      recognizeLine: async (image, options) => {
        await engine.recognizeLine!(image, options);
        const upright = inkIn(image, 0, image.height / 2) > inkIn(image, image.height / 2, image.height);
        const line: OcrWord = upright ? { text: '凹', confidence: 0.4, box: [0, 0, image.width, image.height], line: 0 } : { text: '凹凸', confidence: 0.45, box: [0, 0, image.width, image.height], line: 0 };
        return { text: line.text, confidence: line.confidence, words: [line], lines: [line] };
      },
    };
    // Page reads (the picture at its size) told from the turn probes (reduced copies of at most 0.7 megapixels).
    const reads = { pages: 0, overPages: 0, probes: 0 };
    const watched: OcrEngine = {
      ...noisy,
      recognize: async (image, options) => {
        if (!(image instanceof Uint8Array)) {
          if (image.width * image.height <= 700_000) reads.probes++;
          else {
            reads.pages++;
            if (inkIn(image, 0, image.height / 4) <= inkIn(image, image.height * 0.75, image.height)) reads.overPages++;
          }
        }
        return noisy.recognize(image, options);
      },
    };
    const result = await extractFile({ path: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(watched, printedPicture(1300, 2000)));
    expect(result.invoices).toEqual([]);
    // The page as it is; the half turn the lines' sums chose is probed once on a reduced copy (it reads
    // nothing turned over) and the page is not read turned over; no quarter turn probed (the lines run across).
    expect(reads).toEqual({ pages: 1, overPages: 0, probes: 2 });
    expect(counted.pages).toBe(3);
  });
});

const minutes: Row[] = [['会议纪要', 800, 80], ['时间:2024年5月6日', 100, 200], ['参加人员:张三、李四', 100, 300], ['议题:年度预算', 100, 400]];

/** PICTURE as a sheet on a dark desk (the page finder finds it). */
function onDesk(): RasterImage {
  const [width, height] = [2600, 1900];
  const desk = { width, height, data: new Uint8ClampedArray(width * height * 4).fill(45) };
  for (let y = 0; y < PICTURE.height; y++) desk.data.set(PICTURE.data.subarray(y * PICTURE.width * 4, (y + 1) * PICTURE.width * 4), ((y + 300) * width + 300) * 4);
  for (let p = 3; p < desk.data.length; p += 4) desk.data[p] = 255;
  return desk;
}

/** The sheet on a desk read: `onPage` where its page is read, `onWhole` where the whole picture is (told by its proportions). */
async function deskRead(onPage: Row[], onWhole: Row[]): Promise<{ whole: number; fields: Record<string, unknown> }> {
  const desk = onDesk();
  const counted = { pages: 0, lines: 0 };
  const [page, picture] = [printedWords(onPage, counted), printedWords(onWhole, counted)];
  let whole = 0;
  const engine: OcrEngine = {
    ...page,
    recognize: async (image, options) => {
      if (!(image instanceof Uint8Array) && Math.abs(image.width / image.height - desk.width / desk.height) < 0.05) {
        whole++;
        return picture.recognize(image, options);
      }
      return page.recognize(image, options);
    },
  };
  const result = await extractFile({ path: 'invoice.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(engine, desk));
  return { whole, fields: { ...result.invoices[0]?.fields } };
}

/** Reads of the whole picture (told by its proportions) while a picture of meeting minutes is read: no invoice, one way up. */
async function wholeReadsOf(picture: RasterImage, confidence: number): Promise<number> {
  const { width, height } = picture;
  const counted = { pages: 0, lines: 0 };
  const engine = printedWords(minutes, counted, confidence);
  let whole = 0;
  const watched: OcrEngine = {
    ...engine,
    recognize: async (image, options) => {
      // The whole picture has its proportions (the desk 1.37, the frame 1.47), the sheet its own (1.54), either way round.
      if (!(image instanceof Uint8Array) && Math.abs(Math.max(image.width, image.height) / Math.min(image.width, image.height) - width / height) < 0.05) whole++;
      return engine.recognize(image, options);
    },
  };
  const result = await extractFile({ path: 'minutes.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, portsReading(watched, picture));
  expect(result.invoices).toEqual([]);
  return whole;
}

/** Whether a page was handed to the engine binarised (every pixel ink or paper), not in grey. */
function binarised(image: RasterImage | Uint8Array): boolean {
  if (image instanceof Uint8Array) return false;
  for (let i = 0; i < image.data.length; i += 4 * 97) if (image.data[i] !== 0 && image.data[i] !== 255) return false;
  return true;
}

/**
 * The engine's page reads of a picture, as ink cuts (binarised) and in grey, where the print reads
 * only in grey (as pale print lost with the paper at the cut does) or at both.
 */
async function cutsRead(picture: RasterImage, readsAtCut: boolean | Row[], rows: Row[] = DIGITAL): Promise<{ cut: number; grey: number; invoices: number; fields: Record<string, unknown> }> {
  const counted = { pages: 0, lines: 0 };
  const engine = printedWords(rows, counted);
  // What the ink cut reads: the whole print, nothing, or the rows given.
  const atCut = Array.isArray(readsAtCut) ? printedWords(readsAtCut, counted) : null;
  const reads = { cut: 0, grey: 0 };
  const nothing = { text: '', confidence: 0, words: [], lines: [] };
  const paleOnCut: OcrEngine = {
    ...engine,
    recognize: async (image, options) => {
      const cut = binarised(image);
      reads[cut ? 'cut' : 'grey']++;
      if (cut && atCut) return atCut.recognize(image, options);
      return cut && readsAtCut === false ? nothing : engine.recognize(image, options);
    },
  };
  const result = await extractFile({ path: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) }, portsReading(paleOnCut, picture));
  return { ...reads, invoices: result.invoices.length, fields: { ...result.invoices[0]?.fields } };
}

/** The picture with a camera sensor's grain on it (no clean render: its page is binarised for the engine). */
function grainy(picture: RasterImage): RasterImage {
  const data = new Uint8ClampedArray(picture.data);
  for (let i = 0; i < data.length; i += 4) {
    const grain = ((i / 4) * 7919) % 13 - 6;
    for (let c = 0; c < 3; c++) data[i + c] = data[i + c]! + grain;
  }
  return { width: picture.width, height: picture.height, data };
}

describe('a camera photo whose print is lost at the ink cut', () => {
  // A phone camera's full size: 8.4 megapixels (pictures of at least 8 are read in the grey of coloured ink).
  const photo = grainy(resizeRaster(PICTURE, 3600, 2340));

  it('reads as no invoice at the ink cut: its page is read again in grey, once, and the invoice is that reading\'s', async () => {
    const { cut, grey, fields } = await cutsRead(photo, false);
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366', sellerName: '成都滴滴优行科技有限公司', totalAmount: '52.70' });
    expect(grey).toBe(1);
    expect(cut).toBeGreaterThanOrEqual(1);
  });

  it('read as an invoice at the ink cut: not read in grey', async () => {
    const { cut, grey, fields } = await cutsRead(photo, true);
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366' });
    expect([cut, grey]).toEqual([1, 0]);
  });

  it('read at the ink cut with its sums but neither its code, its date nor a taxpayer id (dark print): read again in grey, once, and the readings merged (M02 of the twelfth set)', async () => {
    const { cut, grey, fields } = await cutsRead(photo, [['电子发票(普通发票)', 700, 60], ...PARTIES, ...TOTALS]);
    expect(grey).toBe(1);
    expect(cut).toBeGreaterThanOrEqual(1);
    expect(fields).toMatchObject({ invoiceNumber: '24517000000216393366', issueDate: '2024-10-19', totalAmount: '52.70' });
  });

  it('read as a contract page at the ink cut: its print read, it is not read in grey', async () => {
    // A page of the contract's terms: its parties' labels without their names (they sign on the last page).
    const contract: Row[] = [['技术服务合同', 800, 80], ['甲方(盖章):', 100, 200], ['乙方(盖章):', 100, 300], ['第一条 服务内容与期限', 100, 400], ['第二条 付款方式', 100, 500]];
    const { cut, grey, invoices } = await cutsRead(photo, true, contract);
    expect(invoices).toBe(0);
    expect([cut, grey]).toEqual([1, 0]);
  });

  it('a picture smaller than a camera\'s photo that reads as nothing is not read in grey (its print is read at the fixed cut, not in the grey of coloured ink)', async () => {
    const { cut, grey, invoices } = await cutsRead(grainy(PICTURE), false);
    expect(invoices).toBe(0);
    expect(cut).toBeGreaterThanOrEqual(1);
    expect(grey).toBe(0);
  });
});
