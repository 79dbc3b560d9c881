// Field regions read again (core/extract/field-regions.ts): which fields of an OCR draft are read a
// second time from their own region (only those that break their grammar), with which whitelist,
// and when the second reading replaces the first (only when it mends the break).
import { describe, expect, it } from 'vitest';
import type { OcrLineOptions, OcrResult, RasterImage } from '../../../src-renderer/core/ports';
import { emptyDraft, type ScalarFieldName, setField } from '../../../src-renderer/core/extract/draft';
import { nameByWords, rereadFieldRegions } from '../../../src-renderer/core/extract/field-regions';
import { USCC_CHARS } from '../../../src-renderer/core/extract/checks';

const page: RasterImage = { width: 1000, height: 600, data: new Uint8ClampedArray(1000 * 600 * 4) };

/** A line reader that answers by the region's height (the box's grown by its margins): each field of a test has its own. */
function lineReader(byRow: Record<number, string>) {
  const asked: { whitelist: string | undefined; height: number }[] = [];
  const reader = {
    asked,
    recognizeLine: async (image: RasterImage, options?: OcrLineOptions): Promise<OcrResult> => {
      const entry = Object.entries(byRow).sort(([a], [b]) => Math.abs(Number(a) - image.height) - Math.abs(Number(b) - image.height))[0];
      asked.push({ whitelist: options?.whitelist, height: image.height });
      const text = entry?.[1] ?? '';
      // Chinese is read a word a character, as the engine does; a trailing digit after '@' is that character's confidence.
      const words = /[\u4e00-\u9fa5]/u.test(text)
        ? text.split(' ').map((part, index) => ({ text: part.replace(/@.*$/, ''), confidence: part.includes('@') ? Number(part.split('@')[1]) : 0.95, box: [index * 10, 0, 10, image.height] as [number, number, number, number], line: 0 }))
        : text ? [{ text, confidence: 0.9, box: [0, 0, image.width, image.height] as [number, number, number, number], line: 0 }] : [];
      return { text: `${text}\n`, confidence: 0.9, lines: [], words };
    },
  };
  return reader;
}

/** Boxes of distinct heights, so that the fake reader knows which field's region it was given. */
const box = (height: number): [number, number, number, number] => [100, 100, 300, height];

/**
 * A draft of the given fields (value, confidence, box), its field regions read again from the page
 * by a reader that answers by the region's height (lineReader): the draft, the reader (what it was
 * asked) and how many regions were read.
 */
async function reread(fields: [ScalarFieldName, string, number, [number, number, number, number]][], byRow: Record<number, string>, raster = page) {
  const draft = emptyDraft();
  for (const [field, value, confidence, at] of fields) setField(draft, field, value, confidence, at);
  const reader = lineReader(byRow);
  const reads = await rereadFieldRegions(draft, { recognizeLine: reader.recognizeLine, raster, toPixels: (b) => b });
  return { draft, reader, reads };
}

describe('rereadFieldRegions', () => {
  it('reads again a credit code whose check character fails, with the credit-code alphabet, and takes a reading that passes', async () => {
    const { draft, reader } = await reread([['sellerTaxId', '91120222079642398V', 0.88, box(40)], ['buyerTaxId', '91510000765055994P', 0.9, box(120)]], { [40 * 1.3]: '91120222079642398Y' });
    expect(draft.values.sellerTaxId).toBe('91120222079642398Y');
    expect(draft.confidence.sellerTaxId).toBe(0.9);
    // The buyer's id passes its check: not read again.
    expect(reader.asked.map((ask) => ask.whitelist)).toEqual([USCC_CHARS]);
  });

  it('keeps the first reading when the second does not mend it', async () => {
    const { draft, reader } = await reread([['sellerTaxId', '91120222079642398V', 0.4, box(40)], ['invoiceCode', '00100210001', 0.3, box(10)]], { [40 * 1.3]: '91120222079642398Q', [10 * 1.3]: '00100210001' });
    expect(draft.values.sellerTaxId).toBe('91120222079642398V');
    expect(draft.confidence.sellerTaxId).toBe(0.4);
    // An 11-digit code read twice alike is printed so: no digit is dropped to fit the grammar.
    expect(draft.values.invoiceCode).toBe('00100210001');
    expect(reader.asked.map((ask) => ask.whitelist)).toEqual([USCC_CHARS, '0123456789']);
  });

  it('takes a number of a right length read from its region in digits', async () => {
    const { draft } = await reread([['invoiceNumber', '3320767S', 0.6, box(12)]], { [12 * 1.3]: '33207675' });
    expect([draft.values.invoiceNumber, draft.confidence.invoiceNumber]).toEqual(['33207675', 0.7]);
  });

  it('reads the amounts again when amount + tax is not the total, and keeps the mix that adds up', async () => {
    const { draft, reader } = await reread([['amountExclTax', '46.62', 0.9, box(10)], ['taxAmount', '8.08', 0.7, box(40)], ['totalAmount', '52.70', 0.9, box(120)]], { [10 * 1.3]: '46.62', [40 * 1.3]: '6.08', [120 * 1.3]: '32.70' });
    expect([draft.values.amountExclTax, draft.values.taxAmount, draft.values.totalAmount]).toEqual(['46.62', '6.08', '52.70']);
    expect(draft.confidence.taxAmount).toBe(0.85);
    expect(draft.confidence.totalAmount).toBe(0.9);
    expect(reader.asked.map((ask) => ask.whitelist)).toEqual(['0123456789.', '0123456789.', '0123456789.']);
  });

  it('mends an unsure party name from a second reading of its region that reads a character or two otherwise, surely', async () => {
    const { draft, reader } = await reread([['sellerName', '天津瑞佳讯贻易有限公司', 0.68, box(40)], ['buyerName', '测试购方企业', 0.7, box(120)]], { [40 * 1.3]: '称 : 天 津 瑞 佳 讯 贸@0.96 易 有 限 公 司', [120 * 1.3]: '议@0.6 证@0.7 购 方 企 业' });
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['天津瑞佳讯贸易有限公司', 0.68]);
    // Two characters read otherwise, but not surely: the first reading stays (both margins tried).
    expect([draft.values.buyerName, draft.confidence.buyerName]).toEqual(['测试购方企业', 0.7]);
    expect(reader.asked.map((ask) => ask.whitelist)).toEqual([undefined, undefined, undefined]);
  });

  it('a name read three ways, none surely: at each character where the readings differ, the one that makes words of company names, unsure', async () => {
    const { draft } = await reread([['buyerName', '深圳市购机汇网雉有限公司', 0.66, box(40)], ['sellerName', '广州晶东贸易有限公司', 0.7, box(120)]], {
      [40 * 1.3]: '称 : 深 圳 市 购 机 汇 网 给@0.5 有 限 公 司',
      [40 * 1.7]: '称 : 深 圳 市 购 机 汇 网 络@0.74 有 限 公 司',
      // A proper name read otherwise: no word tells which reading is the print, the first stays.
      [120 * 1.3]: '称 : 广 州 晏@0.5 东 贸 易 有 限 公 司',
      [120 * 1.7]: '称 : 广 州 暨@0.5 东 贸 易 有 限 公 司',
    });
    expect([draft.values.buyerName, draft.confidence.buyerName]).toEqual(['深圳市购机汇网络有限公司', 0.6]);
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['广州晶东贸易有限公司', 0.7]);
  });

  it('a name the page read surely is read again too: mended by a sure second reading (戒尼 read surely for 戒尺), made unsure by an unsure one that differs, left sure by one alike', async () => {
    const { draft } = await reread([['sellerName', '戒尼（山东）大数据科技有限公司', 0.9, box(40)], ['buyerName', '青岛檬豆网络科技有限公司', 0.92, box(120)]], {
      [40 * 1.3]: '称 : 戒 尺@0.95 ( 山 东 ) 大 数 据 科 技 有 限 公 司',
      [120 * 1.3]: '青 岛 檬 豆 网 络 科 技 有 限 公 司',
    });
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['戒尺（山东）大数据科技有限公司', 0.7]);
    expect([draft.values.buyerName, draft.confidence.buyerName]).toEqual(['青岛檬豆网络科技有限公司', 0.95]);
    const contradicted = await reread([['sellerName', '戒尼（山东）大数据科技有限公司', 0.9, box(40)]], { [40 * 1.3]: '称 : 戒 尺@0.5 ( 山 东 ) 大 数 据 科 技 有 限 公 司' });
    expect([contradicted.draft.values.sellerName, contradicted.draft.confidence.sellerName]).toEqual(['戒尼（山东）大数据科技有限公司', 0.7]);
  });

  it('a sure second reading does not mend a name where it breaks a word of company names the first reading makes (餐饮 read 餐钦 in a small render\'s line read alone): the first stays, unsure', async () => {
    const { draft } = await reread([['sellerName', '广州灵感之茶餐饮管理有限公司', 0.93, box(40)]], {
      [40 * 1.3]: '称 : 广 州 灵 感 之 莪@0.95 餐 钦@0.95 管 理 有 限 公 司',
      [40 * 1.7]: '称 : 广 州 灵 感 之 茶 餐 钦@0.95 管 理 有 限 公 司',
    });
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['广州灵感之茶餐饮管理有限公司', 0.7]);
    // A character read otherwise that keeps the words mends the first as before.
    const kept = await reread([['sellerName', '广州灵感之荼餐饮管理有限公司', 0.93, box(40)]], { [40 * 1.3]: '称 : 广 州 灵 感 之 茶@0.95 餐 饮 管 理 有 限 公 司' });
    expect([kept.draft.values.sellerName, kept.draft.confidence.sellerName]).toEqual(['广州灵感之茶餐饮管理有限公司', 0.7]);
  });

  it('chooses among a name\'s readings by the words of company names only where they make more of them than the first reading', () => {
    const split = (text: string) => [...text];
    expect(nameByWords([split('课结市购机汇网络有限公司'), split('深垅市购机汇网络有限公司'), split('课圳市购机汇网络有限公司')])).toBe('深圳市购机汇网络有限公司');
    expect(nameByWords([split('测试购方企业'), split('议证购方企业')])).toBeNull();
    // A reading of another length does not vote; readings alike leave nothing to choose.
    expect(nameByWords([split('深圳市购机汇网雉有限公司'), split('深圳市购机汇网络有限公司司')])).toBeNull();
    expect(nameByWords([split('深圳市购机汇网络有限公司'), split('深圳市购机汇网络有限公司')])).toBeNull();
  });

  it('a second reading of a name with ASCII brackets around Chinese text is read with the full-width pair, as the page reading is: it vouches for the first, it does not undo its brackets', async () => {
    const { draft } = await reread([['sellerName', '测试科技（广东）有限公司', 0.7, box(40)]], { [40 * 1.3]: '称 : 测 试 科 技 ( 广 东 ) 有 限 公 司' });
    expect([draft.values.sellerName, draft.confidence.sellerName]).toEqual(['测试科技（广东）有限公司', 0.95]);
  });

  it('reads nothing again when every field keeps its grammar', async () => {
    const { reader, reads } = await reread([
      ['invoiceNumber', '33207675', 0.9, box(12)], ['invoiceCode', '012001800311', 0.9, box(13)], ['sellerTaxId', '91120222079642398Y', 0.9, box(20)],
      ['amountExclTax', '46.62', 0.9, box(14)], ['taxAmount', '6.08', 0.7, box(16)], ['totalAmount', '52.70', 0.9, box(18)],
    ], {});
    expect(reads).toBe(0);
    expect(reader.asked).toEqual([]);
  });

  it('reads a party name line the page reading missed, above the party\'s taxpayer id; nothing when there is no line there', async () => {
    // White paper, a vertical rule at x 40 (inked on every row), a line of print (20 px high) at rows
    // 100-120 and the buyer's id at rows 200-220.
    const width = 1000;
    const paper = (withLine: boolean): RasterImage => {
      const data = new Uint8ClampedArray(width * 600 * 4).fill(255);
      const ink = (x: number, y: number) => data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      for (let y = 0; y < 600; y++) ink(40, y);
      if (withLine) for (let y = 100; y < 120; y++) for (let x = 60; x < 500; x++) if (x % 8 < 4) ink(x, y);
      for (let y = 200; y < 220; y++) for (let x = 300; x < 700; x++) if (x % 8 < 4) ink(x, y);
      return { width, height: 600, data };
    };
    for (const withLine of [true, false]) {
      const { draft, reader } = await reread([['buyerTaxId', '91110105MA01Q7QUXU', 0.9, [300, 200, 400, 20]]], { 34: '名称: 北 京 邑 邻 科 技 有 限 公 司' }, paper(withLine));
      if (withLine) {
        expect(draft.values.buyerName).toBe('北京邑邻科技有限公司');
        expect(draft.confidence.buyerName).toBe(0.7);
        // The line was read alone: its 20 rows and a margin of 7 above and below.
        expect(reader.asked).toEqual([{ whitelist: undefined, height: 34 }]);
        expect(draft.boxes.buyerName![1]).toBe(100);
      } else {
        expect(draft.values.buyerName).toBeUndefined();
        expect(reader.asked).toEqual([]);
      }
    }
  });

  it('reads the missed name line of a 数电 party block: the name in larger print, a blank row between it and the id in small digits', async () => {
    // The id's digits 14 px high at rows 200-214; the name's line 20 px high at rows 112-132, its
    // top more than six of the id's heights above it.
    const width = 1000;
    const data = new Uint8ClampedArray(width * 600 * 4).fill(255);
    const ink = (x: number, y: number) => data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    for (let y = 112; y < 132; y++) for (let x = 60; x < 500; x++) if (x % 8 < 4) ink(x, y);
    for (let y = 200; y < 214; y++) for (let x = 300; x < 700; x++) if (x % 8 < 4) ink(x, y);
    const { draft, reader } = await reread([['buyerTaxId', '91370800076980412L', 0.9, [300, 200, 400, 14]]], { 30: '名称: 济 宁 鼎 元 机 械 有 限 公 司' }, { width, height: 600, data });
    expect(draft.values.buyerName).toBe('济宁鼎元机械有限公司');
    expect(draft.confidence.buyerName).toBe(0.7);
    // The whole line read alone: its 20 rows and a margin of 5 above and below.
    expect(reader.asked).toEqual([{ whitelist: undefined, height: 30 }]);
  });

  it('reads a taxpayer id line the page reading missed, below the party\'s name, with the credit-code alphabet; a code that passes its check is taken, an old 15-digit id only unsure', async () => {
    // The seller's name (12 characters, 20 px high, its box a little taller than its print) at rows
    // 100-120; its id's dot-matrix line at rows 135-152, in the name's column.
    const width = 1000;
    const paper = (withLine: boolean): RasterImage => {
      const data = new Uint8ClampedArray(width * 600 * 4).fill(255);
      const ink = (x: number, y: number) => data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      for (let y = 100; y < 120; y++) for (let x = 300; x < 500; x++) if (x % 8 < 4) ink(x, y);
      if (withLine) for (let y = 135; y < 152; y++) for (let x = 310; x < 650; x++) if (x % 8 < 4) ink(x, y);
      return { width, height: 600, data };
    };
    const asked: (string | undefined)[] = [];
    const readerOf = (read: string) => async (image: RasterImage, options?: OcrLineOptions): Promise<OcrResult> => {
      asked.push(options?.whitelist);
      const symbols = [...read].map((ch) => ({ text: ch, confidence: 0.9, choices: [{ text: ch, confidence: 0.9 }] }));
      return { text: `${read}\n`, confidence: 0.9, lines: [], words: [{ text: read, confidence: 0.9, box: [0, 0, image.width, image.height], line: 0, symbols }] };
    };
    const readWith = async (read: string, withLine = true, fields: [ScalarFieldName, string][] = []) => {
      const draft = emptyDraft();
      setField(draft, 'sellerName', '广州晶东贸易有限公司', 0.9, [300, 100, 200, 20]);
      for (const [field, value] of fields) setField(draft, field, value, 0.9, [600, 300, 200, 20]);
      await rereadFieldRegions(draft, { recognizeLine: readerOf(read), raster: paper(withLine), toPixels: (b) => b });
      return draft;
    };
    const found = await readWith('91440101664041243T');
    expect(found.values.sellerTaxId).toBe('91440101664041243T');
    expect(found.confidence.sellerTaxId).toBe(0.85);
    expect(found.boxes.sellerTaxId![1]).toBe(135);
    // The sure name is read again first, alone at its two margins (no id read there makes it a name).
    expect(asked).toEqual([undefined, undefined, USCC_CHARS]);
    // An old id has no check character: taken, unsure.
    const old = await readWith('440300083885931');
    expect([old.values.sellerTaxId, old.confidence.sellerTaxId]).toEqual(['440300083885931', 0.5]);
    // A reading that is no id of either form is left out; no line, nothing read; an id already read, nothing read.
    expect((await readWith('91440101664041243')).values.sellerTaxId).toBeUndefined();
    asked.length = 0;
    expect((await readWith('91440101664041243T', false)).values.sellerTaxId).toBeUndefined();
    expect((await readWith('91440101664041243T', true, [['sellerTaxId', '91440101MA5AL52Y44']])).values.sellerTaxId).toBe('91440101MA5AL52Y44');
    // Only the name's region, each time: no id line.
    expect(asked).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('reads the regions of fields that do not depend on one another at once, and comes to the same draft whatever order the readings come back in', async () => {
    const fields: [ScalarFieldName, string, number, [number, number, number, number]][] = [
      ['sellerTaxId', '91120222079642398V', 0.88, box(40)], ['buyerTaxId', '91510000765055994Q', 0.9, box(120)],
      ['invoiceNumber', '1234567', 0.5, box(10)], ['amountExclTax', '100.00', 0.9, box(60)], ['taxAmount', '6.00', 0.9, box(80)], ['totalAmount', '160.00', 0.9, box(100)],
    ];
    const byRow = { [40 * 1.3]: '91120222079642398Y', [120 * 1.3]: '91510000765055994P', [10 * 1.3]: '12345678', [60 * 1.3]: '100.00', [80 * 1.3]: '6.00', [100 * 1.3]: '106.00' };
    const drafts = [];
    let mostAtOnce = 0;
    for (const order of ['as asked', 'last asked first'] as const) {
      const draft = emptyDraft();
      for (const [field, value, confidence, at] of fields) setField(draft, field, value, confidence, at);
      const reader = lineReader(byRow);
      const waiting: (() => void)[] = [];
      let inFlight = 0;
      const recognizeLine = async (image: RasterImage, options?: OcrLineOptions): Promise<OcrResult> => {
        inFlight++;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          // Let every reading that can start start, then answer them in the order under test.
          if (waiting.length === 1) setTimeout(() => (order === 'as asked' ? waiting : waiting.reverse()).splice(0).forEach((answer) => answer()), 5);
        });
        inFlight--;
        return reader.recognizeLine(image, options);
      };
      const reads = await rereadFieldRegions(draft, { recognizeLine, raster: page, toPixels: (b) => b });
      expect(reads).toBe(6);
      drafts.push(draft);
    }
    expect(mostAtOnce).toBe(6);
    expect(drafts[0]!.values).toEqual({ sellerTaxId: '91120222079642398Y', buyerTaxId: '91510000765055994P', invoiceNumber: '12345678', amountExclTax: '100.00', taxAmount: '6.00', totalAmount: '106.00' });
    expect(drafts[1]).toEqual(drafts[0]);
    expect(Object.keys(drafts[1]!.values)).toEqual(Object.keys(drafts[0]!.values));
  });
});

