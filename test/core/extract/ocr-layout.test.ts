// How the layout parser reads what OCR makes of a printed invoice: decimal points as words of their
// own, a lone figure on the 合计 row, the code printed beside the number, garbled table headings,
// a misread 合计 row that the item lines correct, and garbage in the left margin under an item.
import { describe, expect, it } from 'vitest';
import { codeInCorner, parseLayout, saysInvoice } from '../../../src-renderer/core/extract/layout';
import { mendNameBrackets } from '../../../src-renderer/core/extract/text-normalize';
import { doubtDisagreeingWords, reconcileWithQrAmount, repairOcrDraft, splitTotalByRate } from '../../../src-renderer/core/extract/ocr-repair';
import { emptyDraft, setField } from '../../../src-renderer/core/extract/draft';
import { parseInvoiceQr } from '../../../src-renderer/core/extract/qr';
import type { PositionedText } from '../../../src-renderer/core/extract/positioned-text';
import { fillFromQr } from '../../../src-renderer/core/extract/pipeline';

function word(text: string, x: number, y: number, w = [...text].length * 9, h = 9, confidence = 0.9): PositionedText {
  return { text, box: [x, y, w, h], confidence };
}

function read(items: PositionedText[]) {
  const reading = parseLayout({ page: 1, width: 700, height: 420, items }, { fromOcr: true });
  repairOcrDraft(reading.draft, reading.lines, reading.rawTotalInWords);
  return reading;
}

const header = [word('货物或应税劳务名称', 30, 150), word('规格型号', 200, 150), word('金', 410, 150), word('额', 440, 150), word('税率', 480, 150), word('税', 560, 150), word('额', 590, 150)];

describe('OCR layouts', () => {
  it('the ⊗ before the 大写 read as a character before a gap ("团 陆佰玖折玟园骡") is not part of it: the rest, its numerals in place, is the total\'s 大写, unsure', () => {
    const page = (mark: string) => read([
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥597.44', 400, 250), word('¥101.56', 570, 250),
      word('价税合计(大写)', 40, 270), word(mark, 160, 270), ...[...'陆佰玖折玟园骡'].map((ch, i) => word(ch, 200 + i * 14, 270)), word('(小写)', 420, 270), word('¥699.00', 470, 270),
    ]).draft;
    const mended = page('团');
    expect(mended.values.totalInWords).toBe('陆佰玖拾玖圆整');
    expect(mended.confidence.totalInWords).toBeLessThan(0.8);
    // A 大写 character before the gap is part of the reading: too long to be the total's, left alone.
    expect(page('佰').values.totalInWords).toBeUndefined();
  });

  it('a photographed dot-matrix 大写 (朱 for 柒, 抢 and 拚 for 拾, 俗 for 佰) is the total\'s 大写 where the figures bear it out, unsure', () => {
    const page = (words: string, total: string) => read([
      ...header,
      word('价税合计(大写)', 40, 270), word('⊗', 160, 270), ...[...words].map((ch, i) => word(ch, 200 + i * 14, 270)), word('(小写)', 420, 270), word(total, 470, 270),
    ]).draft;
    const seven = page('朱什睇佰捕抢伍团整', '¥7485.00');
    expect(seven.values.totalInWords).toBe('柒仟肆佰捌拾伍圆整');
    expect(seven.confidence.totalInWords).toBeLessThan(0.8);
    expect(page('陆俗玖拚玖四教', '¥699.00').values.totalInWords).toBe('陆佰玖拾玖圆整');
    // 朱 read where the figures have no 柒 contradicts them: left as read.
    expect(page('朱俗玖拚玖四教', '¥699.00').values.totalInWords).not.toBe('陆佰玖拾玖圆整');
  });

  it('a 大写 as read whose leading 壹 was lost before its 拾 ("煌拾歪万…": 壹 read as another character) is the 大写 the print has, with its 壹, unsure (D05 of the fourth set)', () => {
    const draft = read([
      ...header,
      word('价税合计(大写)', 40, 270), word('GCG9煌拾歪万捌付陆佰伍拾陆圆叁角歪分', 160, 270), word('(小写)', 420, 270), word('¥128656.32', 470, 270),
    ]).draft;
    expect(draft.values.totalInWords).toBe('壹拾贰万捌仟陆佰伍拾陆圆叁角贰分');
    expect(draft.confidence.totalInWords).toBeLessThan(0.8);
  });

  it('more of a photographed dot-matrix 大写 (国 for 圆, 仍 and 付 for 仟, 拙, 掏, 捅 and 抬 for 拾, 敷 for 整: D02, D04, G04, H02, K01 of the fourth to tenth sets) is the total\'s 大写, unsure; 团, what the ⊗ reads as, stays no 圆', () => {
    const page = (words: string, total: string) => read([
      ...header,
      word('价税合计(大写)', 40, 270), ...[...words].map((ch, i) => word(ch, 160 + i * 14, 270)), word('(小写)', 420, 270), word(total, 470, 270),
    ]).draft;
    for (const words of ['@鱼仟蹿佰玖掏伍国骇', '@奈仟眯佰故拙伍团整', '团参仍肆佰玖捅伍团孪', '@土付晓佰次抬伍团整']) {
      const draft = page(words, '¥3495.00');
      expect(draft.values.totalInWords, words).toBe('叁仟肆佰玖拾伍圆整');
      expect(draft.confidence.totalInWords).toBeLessThan(0.8);
    }
    expect(page('团陆佰玖折玟园骡', '¥699.00').values.totalInWords).toBe('陆佰玖拾玖圆整');
    // 整 read as 敷, and half the 大写 unreadable (D02 of the fourth set), also before a (小写) label read "(万写)".
    expect(page('咤降侥孕拙玖国敷', '¥699.00').values.totalInWords).toBe('陆佰玖拾玖圆整');
    const misreadLabel = read([
      ...header,
      word('价税合计(大写)', 40, 270), ...[...'咤降侥孕拙玖国敷'].map((ch, i) => word(ch, 160 + i * 14, 270)), word('(万写)', 420, 270), word('里699.00允', 470, 270),
    ]).draft;
    expect(misreadLabel.values.totalInWords).toBe('陆佰玖拾玖圆整');
  });

  it('an issue year read outside the years a 10-digit code\'s printing year allows is the one year within them a digit apart, unsure; a 12-digit code says nothing of it', () => {
    const page = (code: string, date: string) => read([
      word('发票代码:', 480, 5), word(code, 530, 5), word('发票号码:', 480, 20), word('13102225', 530, 20),
      word('开票日期:', 480, 35), word(date, 530, 35),
      ...header,
    ]).draft;
    // 4400154130: printed in 2015.
    const mended = page('4400154130', '2046年06月08日');
    expect(mended.values.issueDate).toBe('2016-06-08');
    expect(mended.confidence.issueDate).toBe(0.5);
    expect(page('4400154130', '2017年06月08日').values.issueDate).toBe('2017-06-08');
    // Several years of 2015-2020 a digit from 2010 (2015 … 2019, 2020): left as read.
    expect(page('4400154130', '2010年06月08日').values.issueDate).toBe('2010-06-08');
    expect(page('012001100311', '2046年06月08日').values.issueDate).toBe('2046-06-08');
  });

  it('a tax one digit off beside a total one digit off their sum: the 大写 as read, too garbled to parse, says which (a 大写 digit the sum lacks)', () => {
    const page = (大写: string) => [
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥597.44', 400, 250, 60, 9, 0.7), word('¥201.56', 570, 250, 60, 9, 0.7),
      word('价税合计(大写)', 40, 270), ...[...大写].map((ch, i) => word(ch, 180 + i * 14, 270)), word('(小写)', 420, 270), word('¥699.00', 470, 270, 60, 9, 0.7),
    ];
    // 陆 (6) is no digit of 柒佰玖拾玖圆整 (799.00): the total stands, the tax is what it leaves.
    const sided = read(page('陆佰玖折玟园骡')).draft;
    expect([sided.values.amountExclTax, sided.values.taxAmount, sided.values.totalAmount]).toEqual(['597.44', '101.56', '699.00']);
    expect(sided.confidence.taxAmount).toBeLessThan(0.8);
    // A 大写 with no digit either way leaves it to the figures: the total is their sum, as before.
    const silent = read(page('口佰口折口园骡')).draft;
    expect([silent.values.taxAmount, silent.values.totalAmount]).toEqual(['201.56', '799.00']);
  });

  it('an old invoice\'s number read alike after its misread № and under its unread code is the number; two different figures give the surer one, unsure', () => {
    const page = (numberAgain: string) => [
      word('广东增值税专用发票', 200, 10),
      // Read unsurely, as a photo's header is: their agreement is what makes the number.
      word('Me', 480, 10), word('12270793』', 510, 10, 80, 9, 0.3), word('4oounuy', 600, 10),
      word(numberAgain, 600, 24, 72, 9, 0.3),
      word('开票日期:', 480, 40), word('2016年06月12日', 530, 40),
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥2987.18', 400, 250), word('¥507.82', 570, 250),
    ];
    const twice = read(page('12270793')).draft;
    expect(twice.values.invoiceNumber).toBe('12270793');
    expect(twice.values.invoiceCode).toBeUndefined();
    expect(twice.confidence.invoiceNumber).toBe(0.7);
    // The small figure under the code read in two parts, as one.
    expect(read(page('122707 93')).draft.values.invoiceNumber).toBe('12270793');
    // Two readings that differ: the surer (the small figure, read at 0.9), and not surely.
    const page2 = (numberAgain: string, confidence: number) => page('').map((item) => item.text === '' ? word(numberAgain, 600, 24, 72, 9, confidence) : item);
    const differing = read(page2('12270798', 0.9)).draft;
    expect(differing.values.invoiceNumber).toBe('12270798');
    expect(differing.confidence.invoiceNumber).toBe(0.5);
    expect(read(page2('12270798', 0.1)).draft.values.invoiceNumber).toBe('12270793');
    // A figure read once at the top right is the number, unsure; none at all, no number.
    const once = read(page('')).draft;
    expect(once.values.invoiceNumber).toBe('12270793');
    expect(once.confidence.invoiceNumber).toBeLessThanOrEqual(0.5);
    expect(read(page('').filter((item) => !/^1227/.test(item.text))).draft.values.invoiceNumber).toBeUndefined();
    // Read once in the left half of the page, where an old invoice prints its code, not its number: none.
    expect(read(page('').map((item) => /^1227/.test(item.text) ? { ...item, box: [60, 10, 80, 9] as const } : item)).draft.values.invoiceNumber).toBeUndefined();
  });

  it('an 8-digit figure after a word on its line (合同编号:, 订单: on a page that mentions 发票) is no invoice number; one alone there, unsure, is', () => {
    const page = (before: PositionedText[]) => read([
      word('技术服务合同', 200, 10), ...before, word('20230508', 520, 24, 72),
      word('乙方开具增值税专用发票', 40, 60), ...header,
    ]).draft;
    expect(page([word('合同编号:', 460, 24, 54)]).values.invoiceNumber).toBeUndefined();
    expect(page([word('订单:', 478, 24, 36)]).values.invoiceNumber).toBeUndefined();
    expect(page([word('Ne', 496, 24, 18)]).values.invoiceNumber).toBe('20230508');
  });

  it('a party\'s bank row is no party name, its label misread (开尸行及赖哥, 支行 read 充行): the seller is the company name of the seller\'s row, its 名称 misread', () => {
    const page = (bankRow: string) => read([
      word('广东增值税专用发票', 200, 10),
      word('名', 40, 60), word('称:', 100, 60), word('深圳市购机汇网络有限公司', 160, 60),
      word(bankRow, 40, 90), word('中国工商银行股份有限公司深圳园岭充行4000024709200172809', 160, 90, 300),
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥2987.18', 400, 250), word('¥507.82', 570, 250),
      word('价税合计(大写)', 40, 270), word('⊗叁仟肆佰玖拾伍圆整', 160, 270), word('(小写)', 420, 270), word('¥3495.00', 470, 270),
      word('古', 40, 300), word('称:', 100, 300), word('广州晶东贸易有限公司', 160, 300),
    ]).draft;
    expect(page('开尸 行及赖哥:').values.sellerName).toBe('广州晶东贸易有限公司');
    expect(page('开户行及账号:').values.sellerName).toBe('广州晶东贸易有限公司');
  });

  it('the 合计 row\'s tax is never the total, however surely read, where the total\'s figure was misread; a total whose point was read as a mark ("3495“00") is the total, unsure (H04 of the eighth set)', () => {
    const page = (totalFigure: string) => read([
      ...header,
      word('合计子2987.1孜', 60, 250), word('507.82', 570, 250),
      word('价税合计(大写)', 40, 262), word('@性仍眸佰玖损伍园整', 160, 262), word('(小写)', 420, 262), word(totalFigure, 470, 262),
    ]).draft;
    // With the total's figure unreadable, the tax read and the amount read in part bear out 3495.00 at 17%
    // (the sums of the items table, below): still not the tax.
    expect(page('荣34奖关').values.totalAmount).not.toBe('507.82');
    const marked = page('荣3495“00关');
    expect(marked.values.totalAmount).toBe('3495.00');
    expect(marked.confidence.totalAmount).toBeLessThanOrEqual(0.6);
    expect([marked.values.taxAmount, marked.values.amountExclTax]).toEqual(['507.82', '2987.18']);
    expect(page('¥3495.00').confidence.totalAmount).toBeGreaterThan(0.8);
  });

  it('a total of whole yuan whose decimals were lost, ending the (小写) row ("羊3495"): the total with .00, unsure, where the 大写 as read can be its 大写, which is mended to it (H03 of the eighth set)', () => {
    const page = (words: string, totalFigure: string) => read([
      ...header,
      word('价税合计(大写)', 40, 262), word(words, 160, 262), word('(小写)', 420, 262), word(totalFigure, 470, 262),
    ]).draft;
    const lost = page('@韭仟郧佰玖抬伍圆整', '羊3495');
    expect(lost.values.totalAmount).toBe('3495.00');
    expect(lost.confidence.totalAmount).toBeLessThanOrEqual(0.5);
    expect(lost.values.totalInWords).toBe('叁仟肆佰玖拾伍圆整');
    expect(lost.confidence.totalInWords).toBeLessThanOrEqual(0.6);
    // A speck read after a gap is no figure of it.
    expect(page('@韭仟郧佰玖抬伍圆整', '羊3495 声').values.totalAmount).toBe('3495.00');
    // Not: more print after the figure; a 大写 that says another sum (a digit the figure's 大写 lacks).
    expect(page('@韭仟郧佰玖抬伍圆整', '羊3495关').values.totalAmount).toBeUndefined();
    expect(page('@韭仟郧佰捌抬伍圆整', '羊3495').values.totalAmount).toBeUndefined();
  });

  it('the ¥ before the 合计 row\'s tax read as a leading 8 ("815.32" for ¥15.32): the tax without it where amount and tax then add up to the total read, also as whole yuan, and the 大写 as read can be its 大写; unsure (E03 of the fifth set)', () => {
    const page = (tax: string, totalFigure: string, words = 'CQ伐俏歪拾陆圆整') => read([
      ...header,
      word('合计', 60, 250), word('羊510.68', 400, 250), word(tax, 570, 250),
      word('价税合计(大写)', 40, 262), word(words, 160, 262), word('(小写)', 420, 262), word(totalFigure, 470, 262),
    ]).draft;
    const lost = page('815.32', '吴526');
    expect([lost.values.amountExclTax, lost.values.taxAmount, lost.values.totalAmount]).toEqual(['510.68', '15.32', '526.00']);
    expect(Math.max(lost.confidence.taxAmount!, lost.confidence.totalAmount!)).toBeLessThanOrEqual(0.5);
    expect(page('815.32', '¥526.00').values.taxAmount).toBe('15.32');
    // Not where the figures do not bear it out: a 大写 of another sum, a total that the figure without its first digit does not make.
    expect(page('815.32', '吴526', 'CQ伐俏歪拾柒圆整').values.taxAmount).not.toBe('15.32');
    expect(page('815.32', '吴527').values.taxAmount).not.toBe('15.32');
    // Nor a first digit the ¥ is not read as (the total and the 大写 both lost their heads, the amount read right: seed 46 of the pre-review dossiers).
    expect(page('215.32', '吴526', 'CQ伐俏歪拾陆圆整').values.taxAmount).not.toBe('15.32');
    // The total's own ¥ read as 8, where the 大写 reads whole as the figure without it (D07 of the fourth set).
    const total = (figure: string, words: string) => read([
      ...header,
      word('价税合计(大写)', 40, 262), word(words, 160, 262), word('(小写)', 420, 262), word(figure, 470, 262),
    ]).draft;
    const signed = total('8600.00', '⊗陆佰圆整');
    expect([signed.values.totalAmount, signed.values.totalInWords]).toEqual(['600.00', '陆佰圆整']);
    expect(signed.confidence.totalAmount).toBeLessThanOrEqual(0.5);
    expect(total('8600.00', '⊗捌仟陆佰圆整').values.totalAmount).toBe('8600.00');
    expect(total('8700.00', '⊗陆佰圆整').values.totalAmount).toBe('8700.00');
    // A 大写 that lost its head (贰佰) reads as the figure without its first digit too: a first digit the ¥ is not read as stays.
    expect(total('2250000.00', '⊗贰拾伍万圆整').values.totalAmount).toBe('2250000.00');
    // The 大写 as read, not whole (国 for 圆, 教 for 整: P14 drawn at 80 dpi), still says the figure without its 8.
    expect(total('850.00', 'G@伍拾国教').values.totalAmount).toBe('50.00');
  });

  it('the total\'s ¥ read as another digit ("450.00" for ¥50.00, P14 drawn at 110 dpi and saved as a JPEG): the figure without it where the 大写 as read says so and a figure read among the sums is that total\'s amount at a VAT rate; amount and tax the wrong way round are swapped', () => {
    const page = (sums: PositionedText[], figure = '450.00') => read([
      ...header, ...sums,
      word('价税合计(大写)', 40, 262), word('⊗伍拾圆整', 160, 262), word('(小写)', 420, 262), word(figure, 470, 262),
    ]).draft;
    const swapped = page([word('合计', 60, 250), word('¥2.83', 400, 250), word('¥47.17', 570, 250)]);
    expect([swapped.values.totalAmount, swapped.values.amountExclTax, swapped.values.taxAmount]).toEqual(['50.00', '47.17', '2.83']);
    expect(Math.max(swapped.confidence.totalAmount!, swapped.confidence.amountExclTax!, swapped.confidence.taxAmount!)).toBeLessThanOrEqual(0.6);
    // No figure of the sums at a rate: the 大写 may have lost its head, the figure stays (unsure: the ¥ not read before it).
    const alone = page([]);
    expect([alone.values.totalAmount, alone.confidence.totalAmount]).toEqual(['450.00', 0.6]);
    // A tax above its amount that is no rate's share of it once swapped stays as read.
    const other = page([word('合计', 60, 250), word('¥2.00', 400, 250), word('¥47.17', 570, 250)], '¥49.17');
    expect([other.values.amountExclTax, other.values.taxAmount]).toEqual(['2.00', '47.17']);
  });

  it('a total read right after the (小写) label with no ¥ before it, beginning with a digit the ¥ reads as, is unsure unless the 大写 or the sums bear it out', () => {
    const total = (figure: string, words: string, sums: PositionedText[] = []) => read([
      ...header, ...sums,
      word('价税合计(大写)', 40, 262), word(words, 160, 262), word('(小写)', 420, 262), word(figure, 470, 262),
    ]).draft;
    expect([total('850.00', '伐挂圆整').values.totalAmount, total('850.00', '伐挂圆整').confidence.totalAmount]).toEqual(['850.00', 0.6]);
    expect(total('¥850.00', '伐挂圆整').confidence.totalAmount).toBe(0.9);
    expect(total('350.00', '伐挂圆整').confidence.totalAmount).toBe(0.9);
    expect(total('850.00', '捌佰伍拾圆整').confidence.totalAmount).toBeGreaterThanOrEqual(0.9);
    expect(total('850.00', '伐挂圆整', [word('合计', 60, 250), word('¥752.21', 400, 250), word('¥97.79', 570, 250)]).confidence.totalAmount).toBe(0.9);
  });

  it('a tax not read on the 合计 row is the total less the amount as the items\' sums mended it, not as the row misread it (E04 of the fifth set: 57.09 for 97.09, the tax under its ¥)', () => {
    const draft = read([
      ...header,
      word('*餐饮服务*餐费', 30, 180), word('1', 300, 180), word('97.09', 340, 180), word('97.09', 400, 180), word('3%', 480, 180), word('2.91', 560, 180),
      word('合计', 60, 250), word('57.09', 400, 250), word('垒.91', 570, 250),
      word('价税合计(大写)', 40, 262), word('@言佰元整', 160, 262), word('(小写)', 420, 262), word('¥100.00', 470, 262),
    ]).draft;
    expect([draft.values.amountExclTax, draft.values.taxAmount, draft.values.totalAmount]).toEqual(['97.09', '2.91', '100.00']);
    expect(draft.confidence.taxAmount).toBeLessThanOrEqual(0.6);
  });

  it('amount, tax and total that the figures of a photographed items table bear out together, at a VAT rate, where the amount or the tax was not read whole ("2987 18", "2 987 . 1", "5017.82"): taken unsure, and the 大写 mended to the total (K02, K04, K05 of the tenth set)', () => {
    const table = (rows: PositionedText[], words: string, totalFigure: string) => read([
      ...header,
      word('小米红米3全网通版', 30, 180), word('个', 300, 180), word('5', 340, 180),
      ...rows,
      word('价税合计(大写)', 40, 290), word(words, 160, 290), word('(小写)', 420, 290), word(totalFigure, 470, 290),
    ]).draft;
    const sums = (draft: ReturnType<typeof table>) => [draft.values.amountExclTax, draft.values.taxAmount, draft.values.totalAmount];
    // The amount alone read in the 合计 row; the 大写 as read bears out its total at 17% and no other rate.
    const amountOnly = table([word('合 计', 60, 250), word('十2987.18', 400, 250)], '色叁仟睇佰玖拙伍团整', '');
    expect(sums(amountOnly)).toEqual(['2987.18', '507.82', '3495.00']);
    expect(amountOnly.values.totalInWords).toBe('叁仟肆佰玖拾伍圆整');
    expect(Math.max(...(['taxAmount', 'totalAmount', 'totalInWords'] as const).map((field) => amountOnly.confidence[field]!))).toBeLessThanOrEqual(0.6);
    // The amount's point read as a gap, on a line of its own below the tax.
    expect(sums(table([word('合 计 ,', 60, 240), word('507.82', 570, 240), word('年2987 18', 380, 262)], '坂仟着佰玖抢伍国整', '孝3'))).toEqual(['2987.18', '507.82', '3495.00']);
    // The total read; the amount with a digit lost, the tax with one too many.
    expect(sums(table([word('孝2987.1', 380, 250), word('望5017.82', 560, 250)], '邑去仍眼佰玖拙', '芒3495.00'))).toEqual(['2987.18', '507.82', '3495.00']);
    // Not: a 大写 digit read that the total lacks (捌 for 玖); nothing read of the total at all.
    expect(sums(table([word('合 计', 60, 250), word('十2987.18', 400, 250)], '色叁仟睇佰捌拙伍团整', ''))).toEqual(['2987.18', undefined, undefined]);
    expect(sums(table([word('合 计', 60, 250), word('十2987.18', 400, 250)], '', ''))).toEqual(['2987.18', undefined, undefined]);
  });

  it('amount and tax read unsure that add up to the total read but at no VAT rate (2993.18 + 501.82): the split at a rate the table and the 大写 bear out, unsure; sure readings, a blend of rates and a tax within a yuan of a rate stay (G02, G05 of the seventh set)', () => {
    const table = (amount: string, tax: string, total: string, words: string, confidence = 0.6) => read([
      ...header,
      word('合 计', 60, 250), word(amount, 400, 250, undefined, 9, confidence), word(tax, 570, 250, undefined, 9, confidence),
      word('价税合计(大写)', 40, 290), word(words, 160, 290), word('(小写)', 420, 290), word(total, 470, 290, undefined, 9, 0.69),
    ]).draft;
    const sums = (draft: ReturnType<typeof table>) => [draft.values.amountExclTax, draft.values.taxAmount, draft.values.totalAmount];
    const mended = table('¥2993.18', '¥501.82', '¥3495.00', '@鱼仟蹿佰玖掏伍国骇');
    expect(sums(mended)).toEqual(['2987.18', '507.82', '3495.00']);
    expect(Math.max(mended.confidence.amountExclTax!, mended.confidence.taxAmount!)).toBeLessThanOrEqual(0.6);
    expect(sums(table('¥2993.18', '¥501.82', '¥3495.00', '@鱼仟蹿佰玖掏伍国骇', 0.9))).toEqual(['2993.18', '501.82', '3495.00']);
    // Items at 13% and 9% (1000.00 + 130.00, 500.00 + 45.00): no single rate, and no split near the readings.
    expect(sums(table('¥1500.00', '¥175.00', '¥1675.00', '壹仟陆佰柒拾伍圆整'))).toEqual(['1500.00', '175.00', '1675.00']);
    // A tax a few fen from the rate's share (the rounding of many item lines: 6.08 for 13% of 46.62, I01).
    expect(sums(table('¥46.62', '¥6.08', '¥52.70', '@@伍拾火圆柯角'))).toEqual(['46.62', '6.08', '52.70']);
  });

  it('amount and tax read unsure at no VAT rate (2981.18 + 501.82) and no total read: the total derived from them bears nothing out, and the item line read at 17% with the 大写 gives the split, unsure (M01 of the twelfth set)', () => {
    const table = (words: string) => read([
      ...header,
      word('小米红米3全网通版', 30, 180), word('个', 300, 180), word('5', 340, 180), word('2987.', 400, 180), word('18|', 450, 180), word('17%', 490, 180), word('507.', 560, 180), word('82', 600, 180),
      word('合', 60, 250), word('计', 100, 250), word('2981.18', 400, 250, undefined, 9, 0.75), word('501.82', 570, 250, undefined, 9, 0.32),
      word('价税合计(大写)', 40, 290), word(words, 160, 290), word('(小写)', 420, 290),
    ]).draft;
    const mended = table('团 韭仟睇佰玖拾伍园整');
    expect([mended.values.amountExclTax, mended.values.taxAmount, mended.values.totalAmount]).toEqual(['2987.18', '507.82', '3495.00']);
    expect(mended.values.totalInWords).toBe('叁仟肆佰玖拾伍圆整');
    expect(Math.max(mended.confidence.amountExclTax!, mended.confidence.taxAmount!, mended.confidence.totalAmount!)).toBeLessThanOrEqual(0.6);
    // A 大写 that says the 合计 row's sum (叁仟肆佰捌拾叁圆整): its figures stand.
    const borneOut = table('团 韭仟睇佰捌拾叁园整');
    expect([borneOut.values.amountExclTax, borneOut.values.taxAmount, borneOut.values.totalAmount]).toEqual(['2981.18', '501.82', '3483.00']);
  });

  it('the sums of an items table are not taken from its first item where a total was read, nor from an untaxed invoice\'s figures (F05 of the sixth set, B01)', () => {
    const firstItem = read([
      ...header,
      word('小米Max', 30, 180), word('405 9 园一17', 400, 180), word('108902', 570, 180),
      word('罗,斧扣(01408)', 30, 210), word('855', 400, 210), word('117日', 490, 210), word('一45', 570, 210),
      word('外 计', 60, 250), word('$639174', 400, 250), word('口1081.57', 570, 250),
      word('价税合计(大写)', 40, 290), word('@ 朱什睇佰捕抢伍团整', 160, 290), word('(小写)', 420, 290), word('十7485.00', 470, 290, undefined, 9, 0.77),
    ]).draft;
    expect(firstItem.values.totalAmount).toBe('7485.00');
    expect(firstItem.values.taxAmount).not.toBe('1089.02');
    const untaxed = read([
      ...header,
      word('*印刷品*项目经济性分析与评价', 30, 180), word('35.50', 400, 180), word('免税', 490, 180),
      word('*印刷品*投资项目可行性分析', 30, 210), word('44.30', 400, 210), word('免税', 490, 210),
      word('吾 计', 60, 250), word('芒1980', 400, 250),
      word('价税合计(大写)', 40, 290), word('》 栗拾玖元捌觞', 160, 290), word('(小写)', 420, 290), word('芒7980', 470, 290),
    ]).draft;
    expect(untaxed.values.taxAmount).not.toBe('0.20');
    expect(untaxed.values.totalAmount).not.toBe('19.80');
  });

  it('figures after the (小写) label that are a total whose point was lost ("7980" for 79.80) are not taken for whole yuan: the 大写 as read, however garbled, cannot be 柒仟玖佰捌拾圆整 (B01)', () => {
    const reading = read([
      ...header,
      word('合计', 60, 250), word('¥79.80', 400, 250),
      word('价税合计(大写)', 40, 262), word('拾玖元捌', 160, 262), word('(小写)', 420, 262), word('Y7980', 470, 262),
    ]).draft;
    expect(reading.values.totalAmount).not.toBe('7980.00');
  });

  it('an old invoice\'s number and the code beside it read as one run after the № ("No122695584400154130") are the 8-digit number and the 10-digit code, unsure; a bank account after the bank\'s name, its 账号 label misread, is no 数电 number (H01 of the eighth set)', () => {
    const page = (header: string) => read([
      word('广东增值税专用发票', 200, 10), word(header, 480, 20), word('开票日期:2016年06月12日', 500, 50),
      word('开尸行及赘号:中国工商锷行膜传有限公司探墩圈岭支行40600024709200172809区38<13312x047>82<', 20, 120, 600),
    ]).draft;
    const run = page('No122695584400154130');
    expect([run.values.invoiceNumber, run.values.invoiceCode]).toEqual(['12269558', '4400154130']);
    expect(Math.max(run.confidence.invoiceNumber!, run.confidence.invoiceCode!)).toBeLessThanOrEqual(0.6);
    expect(page('No12269558 4400154130').confidence.invoiceNumber).toBeGreaterThan(0.8);
    expect(page('Ne').values.invoiceNumber).toBeUndefined();
    // Nor on the bank's row with the bank's name garbled beyond recognition, its 开户行 label read (M03 of the twelfth set).
    const garbled = read([
      word('广东增值税专用发票', 200, 10), word('Ne', 480, 20), word('开票日期:2016年06月12日', 500, 50),
      word('开户行及赖号:“申国工商镐行育余有限公町锭煌关峥支村40040024709200172809', 20, 120, 600),
    ]).draft;
    expect(garbled.values.invoiceNumber).toBeUndefined();
  });

  it('the № figure in its large type misread ("18276857") and its small repeat under the code read more surely: the repeat is the number, unsure; a № figure read more surely stays (H05 of the eighth set)', () => {
    const page = (large: string, largeConfidence: number, small: string, smallConfidence: number) => read([
      word('广东增值税专用发票', 200, 10), word(large, 480, 20, undefined, 9, largeConfidence), word(small, 600, 34, undefined, 9, smallConfidence),
      word('开票日期:2016年06月12日', 500, 50), word('购名称:深圳市购机汇网络有限公司', 20, 80), word('收款人:王梅复核:张雪', 20, 380),
    ]).draft;
    const misread = page('No18276857uooisas', 0.4, '12270857一', 0.57);
    expect([misread.values.invoiceNumber, misread.confidence.invoiceNumber]).toEqual(['12270857', 0.5]);
    const sure = page('No12270857', 0.9, '12276857', 0.6);
    expect([sure.values.invoiceNumber, sure.confidence.invoiceNumber]).toEqual(['12270857', 0.9]);
  });

  it('the small copy of an old invoice\'s number at the top right, read in groups, with a figure read as a letter or as a mark, overrules the № figure read unsurely in its large type, and gives the number where no № figure was read; unsure (H03 of the eighth set, L02 and L05 of the eleventh)', () => {
    const page = (large: string, largeConfidence: number, copy: string, copyConfidence: number, copyX = 600) => read([
      word('广东增值税专用发票', 200, 10), word('4400154130', 60, 20), word(large, 480, 20, undefined, 9, largeConfidence), word(copy, copyX, 34, undefined, 9, copyConfidence),
      word('开票日期:2016年06月12日', 500, 50), word('购名称:深圳市购机汇网络有限公司', 20, 80), word('收款人:王梅复核:张雪', 20, 380),
    ]).draft;
    const grouped = page('Ne12276876 tooui', 0.57, '122 708 70', 0.44);
    expect([grouped.values.invoiceNumber, grouped.confidence.invoiceNumber]).toEqual(['12270870', 0.44]);
    // A mark for a figure: the № figure's there.
    expect(page('Ne18876846 :oois4iso', 0.4, '122708《0', 0.87).values.invoiceNumber).toBe('12270840');
    // No № figure read (1B876887 is none): the copy whole, T read for 7.
    const alone = page('Ne1B876887止ooouzauy', 0.33, '122 708 T 1', 0.39);
    expect(alone.values.invoiceNumber).toBe('12270871');
    expect(alone.confidence.invoiceNumber).toBeLessThanOrEqual(0.5);
    // Not where the copy is not the number's: agreeing on fewer than three figures, in the page's left half, read as specks.
    expect(page('Ne12276876 tooui', 0.57, '834 915 62', 0.9).values.invoiceNumber).toBe('12276876');
    expect(page('Ne12276876 tooui', 0.57, '122 708 70', 0.9, 100).values.invoiceNumber).toBe('12276876');
    expect(page('Ne12276876 tooui', 0.57, '122 708 70', 0.2).values.invoiceNumber).toBe('12276876');
    // Nor with a mark and a letter it cannot read for figures, a copy with no № figure to fill it.
    expect(page('Ne1B876887', 0.33, '122 708《X', 0.6).values.invoiceNumber).toBeUndefined();
  });

  it('the small copy below the № figure is the header\'s, above the 开票日期 line, where specks read above the sheet push the top fifth of the text up (J04 of the ninth set)', () => {
    const page = (dateY: number) => read([
      word('e', 0, 0, 9, 9, 0.15), word('G河', 200, 2, undefined, 9, 0.2), word('deiod', 420, 0, undefined, 9, 0.21),
      word('广东增值税专用发票', 200, 100), word('4400154130', 60, 110), word('Ne12276837 4oonux', 480, 110, undefined, 9, 0.41), word('《', 2, 130, 9, 9, 0.87), word('122 70837', 600, 130, undefined, 9, 0.91),
      word('开票日期:2016年06月12日', 500, dateY), word('购名称:深圳市购机汇网络有限公司', 20, 180), word('收款人:王梅复核:张雪', 20, 400),
    ]).draft;
    expect([page(150).values.invoiceNumber, page(150).confidence.invoiceNumber]).toEqual(['12270837', 0.5]);
    // A date line read below the page's middle is not the header's: the band stays the top fifth, and the copy is not taken.
    expect(page(300).values.invoiceNumber).not.toBe('12270837');
  });

  it('the 合计 row with its 合 misread ("会计"), swollen by specks read with it so that it reaches below the total\'s top: the total less its whole figure, borne out by the digits read of the other, gives amount and tax, unsure (H01 of the eighth set)', () => {
    const page = (amountRead: string, taxRead = '弓507.82纱') => read([
      ...header,
      word('办', 40, 240, 30, 32), word('会', 75, 240, 30, 32), word('计', 110, 240, 30, 32), word(amountRead, 150, 240, 200, 32), word(taxRead, 500, 240, 190, 32),
      word('价税合计(大写)', 40, 268, 230, 32), word('@参仟眯佰玖拾伍园整', 280, 268, 250, 32), word('(小写)', 540, 268, 60, 32), word('羊3495.00证', 610, 268, 90, 32),
    ]).draft;
    const misread = page('子2987.1');
    expect([misread.values.amountExclTax, misread.values.taxAmount, misread.values.totalAmount]).toEqual(['2987.18', '507.82', '3495.00']);
    expect(Math.max(misread.confidence.amountExclTax!, misread.confidence.taxAmount!)).toBeLessThanOrEqual(0.6);
    // Digits read that do not begin the difference: the amount only where the tax is a VAT rate's share
    // of it (17% of 2987.18, the sums of the items table, below), not where no split at a rate is near (517.92).
    expect(page('子2981.1').values.amountExclTax).toBe('2987.18');
    expect(page('子2981.1', '弓517.92纱').values.amountExclTax).toBeUndefined();
  });

  it('a date with its 年 misread ("2016绊06月12日") is the date, unsure, also where the cipher beside the buyer holds a figure of a date\'s form that is no date ("7817/13-90": M04 of the twelfth set)', () => {
    const page = (cipher: string) => read([
      word('广东增值税专用发票', 200, 10), word('刹c 开票日期:2016绊06月12日', 480, 50),
      word('纳税人识别号:440300083885831', 40, 80), word(cipher, 400, 80),
    ]).draft;
    for (const cipher of ['x57817/13-90174x/-049-6>09', '<4<010+6-1318>7']) {
      const draft = page(cipher);
      expect(draft.values.issueDate, cipher).toBe('2016-06-12');
      expect(draft.confidence.issueDate).toBeLessThanOrEqual(0.6);
    }
  });

  it('a date with specks read as marks beside its 月 and 日 ("2016年06e月12【日") is the date, unsure; its figures not all read, none', () => {
    const page = (date: string) => read([word('广东增值税专用发票', 200, 10), word('开票日期:', 480, 40), word(date, 530, 40), ...header]).draft;
    const marked = page('2016年06e月12【日');
    expect(marked.values.issueDate).toBe('2016-06-12');
    expect(marked.confidence.issueDate).toBeLessThanOrEqual(0.6);
    expect(page('2016年0e月12【日').values.issueDate).toBeUndefined();
  });

  it('the code of an old invoice read in its top-left corner alone: a word of a code\'s form, beside a speck read as a digit; unsure', () => {
    const corner = (items: PositionedText[]) => ({ page: 1, width: 300, height: 100, items });
    const code = codeInCorner(corner([word('1', 60, 20, 6), word('4400154130', 70, 20, 90), word('称:', 20, 60), word('深圳市购机汇网络有限公司', 60, 60)]));
    expect(code).toMatchObject({ value: '4400154130', confidence: 0.6, box: [70, 20, 90, 9] });
    // Digits of no code's length, a run longer than a code, a phone number: no code.
    expect(codeInCorner(corner([word('44001541301', 70, 20, 99)]))).toBeUndefined();
    expect(codeInCorner(corner([word('地址、电话:', 20, 20), word('0755238066', 80, 20, 90)]))).toBeUndefined();
    expect(codeInCorner(corner([]))).toBeUndefined();
  });

  it('a lone taxpayer id, the side markers misread, goes to the party of its place on the page: under the 价税合计 row, the seller', () => {
    const page = [
      // 购 read as 货 and 销 as 东 (a photographed 专票): no side marker on the page.
      word('货', 20, 90), word('名称:', 40, 88), word('深圳市购机汇网络有限公司', 100, 88),
      // The buyer's id label read with three characters wrong: no id is found beside it.
      word('动矶人识别名,', 40, 102), word('《4030008388', 120, 102),
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥597.44', 400, 250), word('¥101.56', 570, 250),
      word('价税合计(大写)', 50, 270), word('陆佰玖拾玖圆整', 170, 270), word('(小写)', 420, 270), word('¥699.00', 470, 270),
      word('东', 20, 300), word('名称:', 40, 298), word('广州晶东贸易有限公司', 100, 298),
      word('纸税人识别号:', 40, 312), word('91440101664041243T', 120, 312),
    ];
    const { draft } = read(page);
    expect(draft.values.sellerTaxId).toBe('91440101664041243T');
    expect(draft.values.buyerTaxId).toBeUndefined();
  });

  it('"52 . 70" split into three words is one figure; a lone 合计 figure goes to the column it stands under', () => {
    const { draft } = read([
      word('发票号码:', 480, 20), word('33207675', 530, 20), word('发票代码:', 480, 5), word('012001800311', 530, 5),
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('#46', 400, 250), word('.', 430, 254, 3, 5), word('62', 438, 250),
      word('价税合计(大写)', 50, 270), word('伍拾贰圆柒角', 170, 270), word('(小写', 420, 270), word('52', 470, 270), word('.', 490, 274, 3, 5), word('70', 498, 270),
    ]);
    expect(draft.values).toMatchObject({ amountExclTax: '46.62', totalAmount: '52.70', taxAmount: '6.08', totalInWords: '伍拾贰圆柒角' });
  });

  it('a 大写 label misread ("大罗") and 贰 misread as 乱: the 价税合计 line still gives the words, mended from the total, unsure', () => {
    const { draft } = read([
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥46.62', 400, 250), word('¥6.08', 570, 250),
      ...[...'价税合计(大罗)'].map((ch, i) => word(ch, 40 + i * 12, 270)), word('@', 160, 270),
      ...[...'伍拾乱圆染角'].map((ch, i) => word(ch, 180 + i * 14, 270)), word('门', 400, 270), word('写', 414, 270), word('j#52.70', 430, 270),
    ]);
    expect(draft.values).toMatchObject({ totalAmount: '52.70', totalInWords: '伍拾贰圆柒角' });
    expect(draft.confidence.totalInWords).toBeLessThan(0.8);
  });

  it('a 大写 in thin small print read with two characters unreadable (贰 as 乱, 整 as 墓) and 圆 read as the 园 it looks like is the total\'s 大写, unsure; one whose 整 was dropped is taken whole', () => {
    const page = (大写: string, total: string, amount: string, tax: string) => [
      ...header,
      word('合', 60, 250), word('计', 100, 250), word(`¥${amount}`, 400, 250), word(`¥${tax}`, 570, 250),
      word('价税合计(大写)', 40, 270), word('C', 160, 270), ...[...大写].map((ch, i) => word(ch, 180 + i * 14, 270)), word('(小写)', 420, 270), word(`¥${total}`, 470, 270),
    ];
    const smallPrint = read(page('伍佰乱拾陆园墓', '526.00', '496.23', '29.77')).draft;
    expect(smallPrint.values).toMatchObject({ totalAmount: '526.00', totalInWords: '伍佰贰拾陆圆整' });
    expect(smallPrint.confidence.totalInWords).toBeLessThan(0.8);
    expect(read(page('肆仟肆佰肆拾玖圆', '4449.00', '4197.17', '251.83')).draft.values.totalInWords).toBe('肆仟肆佰肆拾玖圆整');
    // 园 is the 圆 it looks like: with the 佰 read, half of a four-character 大写 in place.
    expect(read(page('儿佰园境', '200.00', '188.68', '11.32')).draft.values.totalInWords).toBe('贰佰圆整');
    // Too little read to tell: one numeral of four.
    expect(read(page('口万回蔓', '20000.00', '17699.12', '2300.88')).draft.values.totalInWords).toBeUndefined();
  });

  it('价税 and 大写 both misread on the total\'s row ("伍税合计《火驭}"): the words before its (小写) label are the 大写 read, mended from the total, unsure', () => {
    const { draft, rawTotalInWords } = read([
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥12075.47', 400, 250), word('¥724.53', 570, 250),
      word('伍税合计《火驭}', 40, 270), word('@', 160, 270), ...[...'录历武他揣佰圆整'].map((ch, i) => word(ch, 180 + i * 14, 270)), word('(小写)g12800.00', 420, 270),
    ]);
    expect(rawTotalInWords).toBe('@ 录历武他揣佰圆整');
    expect(draft.values).toMatchObject({ totalAmount: '12800.00', totalInWords: '壹万贰仟捌佰圆整' });
    expect(draft.confidence.totalInWords).toBeLessThan(0.8);
  });

  it('a 大写 whose digit disagrees with the figures is left as printed, for the check to report', () => {
    const { draft } = read([
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥496.23', 400, 250), word('¥29.77', 570, 250),
      word('价税合计(大写)', 40, 270), ...[...'伍佰贰拾柒圆整'].map((ch, i) => word(ch, 180 + i * 14, 270)), word('(小写)', 420, 270), word('¥526.00', 470, 270),
    ]);
    expect(draft.values).toMatchObject({ totalAmount: '526.00', totalInWords: '伍佰贰拾柒圆整' });
  });

  it('a 校验码 printed in groups of five under a misread label is not the invoice number; a 数电 number printed as one run is', () => {
    const groups = read([
      word('发票代码:', 30, 5), word('012001100311', 100, 5),
      word('取根导:', 30, 20), word('63591128', 100, 20),
      word('校腾碰:', 30, 40), word('04656', 100, 40), word('05438', 150, 40), word('03124', 200, 40), word('09795', 250, 40),
    ]).draft;
    expect(groups.values).toMatchObject({ invoiceCode: '012001100311', invoiceNumber: '63591128' });
    const run = read([word('取根导:', 30, 20), word('24442000000123456789', 100, 20), word('开票日期:', 30, 40), word('2024年05月06日', 100, 40)]).draft;
    expect(run.values.invoiceNumber).toBe('24442000000123456789');
  });

  it('with the id labels misread, neither a 校验码 printed in groups (two of its digits lost) nor an account after a bank\'s name is a party\'s taxpayer id', () => {
    const { draft } = read([
      word('发票代码:', 30, 5), word('011002300611', 100, 5), word('发票号码:', 30, 20), word('99058370', 100, 20),
      word('盛码:', 30, 40), word('17385', 100, 40), word('08540', 145, 40), word('88105', 190, 40), word('034', 235, 40),
      word('名称:北京菜鸟无忧教育科技有限公司', 30, 300),
      word('开户才苏赘号;兴业银行海淀支行321230100100199604', 30, 330, 400),
    ]);
    expect(draft.values.invoiceNumber).toBe('99058370');
    expect(draft.values.buyerTaxId).toBeUndefined();
    expect(draft.values.sellerTaxId).toBeUndefined();
  });

  it('a date whose 月 is misread ("2019年03片28日", its label garbled too) is read between 年 and 日, unsure', () => {
    const { draft } = read([word('发票号码:', 480, 20), word('61874402', 530, 20), word('开祭日期:', 420, 40), word('2019年03片28日', 470, 40)]);
    expect(draft.values.issueDate).toBe('2019-03-28');
    expect(draft.confidence.issueDate).toBeLessThan(0.8);
    // Not a date where no 年 and 日 bracket the month: "2019年03片28" stays unread.
    expect(read([word('开祭日期:', 420, 40), word('2019年03片28', 470, 40)]).draft.values.issueDate).toBeUndefined();
  });

  it('a garbled 合计 row over two lines, a stray digit in its amount and the total one digit off: the one pair the 大写 as read bears out, unsure', () => {
    const page = (words大写: string[]) => [
      word('货物或应税劳务名称', 30, 150), word('规格型号', 200, 150), word('会', 410, 150), word('稷聿', 480, 150), word('轼颜', 560, 150),
      word('办公用品', 30, 200), word('1843.57', 410, 200), word('6%', 480, 200), word('110.61', 560, 200),
      word('『', 60, 240), word('1843.527', 400, 240),
      word('办', 60, 255), word('计', 100, 255), word('s', 380, 255), word('%', 480, 255), word('110.61', 560, 255),
      word('侦梅合计(天写)', 40, 290), ...words大写.map((text, i) => word(text, 180 + i * 14, 290)), word('(小写)', 420, 290), word('1854.18', 470, 290, 60, 9, 0.54),
    ];
    // 壹仟玖佰伍拾肆圆壹角捌分 read with 壹 as 园 and 查, 玖 as 玫, 角 as 鱼.
    const { draft } = read(page([...'园仟玫佰伍拾肆圆查鱼捌分']));
    expect(draft.values).toMatchObject({ amountExclTax: '1843.57', taxAmount: '110.61', totalAmount: '1954.18', totalInWords: '壹仟玖佰伍拾肆圆壹角捌分' });
    expect(Math.max(draft.confidence.amountExclTax!, draft.confidence.taxAmount!, draft.confidence.totalAmount!)).toBeLessThan(0.8);
    // Without a 大写 to bear it out, a total one digit off is not changed, and no pair adds up to it.
    const unread = read(page([])).draft;
    expect(unread.values.totalAmount).toBe('1854.18');
    expect(unread.values.amountExclTax).toBeUndefined();
  });

  it('a 合计 row whose amount lost its point and decimals and whose tax\'s point was read as a colon: the item row\'s amount and that tax, adding up to the total, are amount and tax, unsure (N04 of the thirteenth set, a 150-dpi render)', () => {
    const page = (tax: string) => [
      ...header,
      word('*金属制品*螺丝批', 30, 200), word('1.00000000', 230, 200), word('9.91150442', 330, 200), word('9.91', 445, 200), word('13.0096', 510, 200), word(tax, 600, 200),
      word('合', 60, 255), word('计', 100, 255), word('9', 445, 255), word(tax, 600, 255),
      word('价税合计(大写)', 40, 290), word('壹拾壹圆贰角', 180, 290), word('(小写)', 420, 290), word('#11.20', 470, 290),
    ];
    const { draft } = read(page('1:29'));
    expect(draft.values).toMatchObject({ amountExclTax: '9.91', taxAmount: '1.29', totalAmount: '11.20' });
    expect(Math.max(draft.confidence.amountExclTax!, draft.confidence.taxAmount!)).toBeLessThan(0.8);
    // A time's figures are no amount: nothing adds up, nothing is taken.
    const timed = read(page('12:30:45')).draft;
    expect(timed.values.amountExclTax).toBeUndefined();
    expect(timed.values.taxAmount).toBeUndefined();
  });

  it('a party name below the 价税合计 row whose 大写 label is misread ("《太写)") is still looked for there, by its (小写) label (N03 at 96 dpi: the seller\'s name, its 名称 read 名稔)', () => {
    const { draft } = read([
      word('名稔:江苏中电创新环境科技有限公司', 54, 60),
      ...header,
      word('*金属制品*螺丝批', 30, 200), word('9.91', 445, 200), word('13%', 510, 200), word('1.29', 600, 200),
      word('价税吾计《太写)', 40, 290), word('壹拾壹圆贰角', 180, 290), word('(小写)', 420, 290), word('*11.20', 470, 290),
      word('名稔:松州融运科技有限公司', 54, 330),
    ]);
    expect(draft.values.buyerName).toBe('江苏中电创新环境科技有限公司');
    expect(draft.values.sellerName).toBe('松州融运科技有限公司');
  });

  it('a buyer name whose label is misread (专称) and whose closing bracket reads as 》 is read whole, with the full-width brackets names are registered with', () => {
    const chars = (text: string, x: number, y: number) => [...text].map((ch, i) => word(ch, x + i * 13, y));
    const { draft } = read([
      ...chars('购|专称:浙江建工(集团》股份有限公司', 20, 60),
      ...header,
      ...chars('名助:杭州盛达贸易有限公司', 20, 330),
    ]);
    expect(draft.values.buyerName).toBe('浙江建工（集团）股份有限公司');
    expect(mendNameBrackets('浙江建工(集团)有限公司')).toBe('浙江建工（集团）有限公司');
    expect(mendNameBrackets('4》杭州盛达贸易有限公司')).toBe('杭州盛达贸易有限公司');
  });

  it('a lone party name with no 购买方/销售方 marker read: the buyer\'s above the totals at the left, the seller\'s below them', () => {
    const page = (nameTop: number) => [
      word('货', 10, 60), word('名称:星河数据服务中心', 40, nameTop), word('密', 400, 60), word('1#/8575/-4>>29+9', 420, 60),
      word('贵锭裕度貌劫务', 30, 150), word('规糗型吏', 200, 150), word('会', 410, 150),
      word('侦梅合计(天写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
      word('鞘', 10, 330), word('坪晏;飞瑟增值税', 40, 330),
    ];
    expect(read(page(60)).draft.values).toMatchObject({ buyerName: '星河数据服务中心' });
    expect(read(page(60)).draft.values.sellerName).toBeUndefined();
    expect(read(page(350)).draft.values).toMatchObject({ sellerName: '星河数据服务中心' });
  });

  it('a taxpayer-id label with two characters misread (纳税人讨别寻, 纯税人识别叶) still labels the id after its colon, a mark read before the id left out', () => {
    const page = (sellerLabel: string) => [
      word('纳税人识别号:', 40, 60), word('330106123450987', 110, 60),
      word('侦梅合计(天写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
      word(sellerLabel, 40, 330), word('_3310610987654321', 110, 330),
    ];
    expect(read(page('纳税人讨别寻:')).draft.values).toMatchObject({ buyerTaxId: '330106123450987', sellerTaxId: '3310610987654321' });
    // Without the colon the misread characters could be any text: no label.
    expect(read(page('纳税人讨别寻')).draft.values.sellerTaxId).toBeUndefined();
    // Three characters misread: no label either.
    expect(read(page('纳税入讨别寻:')).draft.values.sellerTaxId).toBeUndefined();
    // One of the first two characters misread (纳 as 纯: I13 at an angle, O03 on screen) and another after them: still the label.
    expect(read(page('纯税人识别叶:')).draft.values.sellerTaxId).toBe('3310610987654321');
    // Both of the first two misread: no label.
    expect(read(page('纯讯人识别号:')).draft.values.sellerTaxId).toBeUndefined();
  });

  it('a bank account of 18 digits is not a taxpayer id: a buyer without an id gets none, the seller\'s id stays the seller\'s', () => {
    // As the old-form invoice O01 read: the buyer (a person) has no id, the seller's id label has its 销 marker misread.
    const page = [
      word('购', 20, 60), word('名称:个人', 40, 60), word('纳税人识别号:', 40, 80),
      word('价税合计(大写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
      word('销', 20, 320), word('名称:财天下科技有限公司', 40, 320), word('心', 20, 340), word('纳税人识别号:91500102563638729E', 40, 340),
      word('方开户行及账号:建设银行625555888900998711', 20, 380),
    ];
    const values = read(page).draft.values;
    expect(values.sellerTaxId).toBe('91500102563638729E');
    expect(values.buyerTaxId).toBeUndefined();
  });

  it('统一社会信用代码/纳税人识别号 with the slash lost and 纳 misread (纯税人识别号): the id after it is the buyer\'s, the seller\'s stays the seller\'s', () => {
    // The 数电 O03 drawn as a picture: both labels and ids read as one row.
    const { draft } = read([
      word('名称:海南麒麟云服科技有限公司', 30, 60), word('名称:北京互联三六五科技有限公司', 360, 60),
      word('统一社会信用代码纯税人识别号:_91460300MAA92DJN95', 30, 90), word('*信统-表会信用代码/纳税人识别号:', 300, 90), word('91110108690017781B', 520, 90),
      word('分莲吊计(〈公写)', 50, 270), word('伍拾圆整', 170, 270), word(':小写)羟50.00', 420, 270),
    ]);
    expect(draft.values).toMatchObject({ buyerTaxId: '91460300MAA92DJN95', sellerTaxId: '91110108690017781B' });
  });

  it('a lone figure under 税额 is the tax', () => {
    const { draft } = read([...header, word('合', 60, 250), word('计', 100, 250), word('¥6.08', 570, 250)]);
    expect(draft.values.taxAmount).toBe('6.08');
    expect(draft.values.amountExclTax).toBeUndefined();
  });

  it('"No 87654321 1100094140": the number, then the code beside it (专用发票 print no code label)', () => {
    const { draft } = read([word('1100094140', 30, 20), word('No', 400, 22), word('87654321', 430, 20), word('1100094140', 540, 20), word('机器编号', 30, 50), word('000000000001', 110, 50)]);
    expect(draft.values).toMatchObject({ invoiceNumber: '87654321', invoiceCode: '1100094140' });
  });

  it('a misread № label: the lone code in the header band and the number printed under it; two readings of the number that differ make it unsure', () => {
    const page = [
      word('4100084140', 30, 20), word('江苏增值税普通发票', 200, 20), word('Na62995667', 420, 20, 90, 9, 0.5), word('4100084140', 560, 18, 60, 6),
      word('02995607', 560, 28, 60, 6, 0.93), word('校验码', 30, 45), word('55313', 80, 45),
      ...header, word('价税合计(大写)', 50, 370), word('贰仟陆佰壹拾圆整', 170, 370), word('(小写)', 420, 370), word('¥2610.00', 470, 370),
    ];
    const { draft } = read(page);
    expect(draft.values).toMatchObject({ invoiceCode: '4100084140', invoiceNumber: '02995607' });
    expect(draft.confidence.invoiceNumber).toBeLessThanOrEqual(0.5);
    // The title under its seal read as nothing of it: what the page prints of a VAT invoice (its
    // 税率, its 价税合计, its (小写)) still says it is one; a page that prints none has no header code.
    const titleUnread = read(page.map((item) => (item.text.includes('发票') ? { ...item, text: '江苏土作 < 口了寺通' } : item)));
    expect(titleUnread.draft.values).toMatchObject({ invoiceCode: '4100084140', invoiceNumber: '02995607' });
    const noVatMark = read(page.filter((item) => !header.includes(item) && !/价税|小写/.test(item.text)).map((item) => (item.text.includes('发票') ? { ...item, text: '江苏土作 < 口了寺通' } : item)));
    expect(noVatMark.draft.values.invoiceNumber).toBeUndefined();
  });

  it('a screen capture whose labels all read as noise: the 密码区 cipher says it is a VAT invoice (its header code and number are read), the 大写 label the total\'s row', () => {
    const page = (cipher: string) => [
      word('林蔡缤幸:', 30, 10), word('49809B606262', 90, 10),
      word('复丽态谚:', 480, 12), word('012001100311', 540, 12), word('表丘丞霜;', 480, 24), word('63591128', 540, 24),
      word('夸倩.', 30, 60), word('辐议优泓有限公司', 70, 60), word(cipher, 420, 60),
      word('呆运服务费', 30, 180), word('87.28', 410, 180), word('2.62', 590, 180),
      word('佩祈合诉', 40, 270), word('〔大写)', 90, 270), word('@剧抽或国班角葛', 170, 270), word('卜荣)', 420, 270), word('芒89.90', 470, 270),
    ];
    const { draft } = read(page('033-<<>7>616<-4+*-+415230604'));
    expect(draft.values).toMatchObject({ invoiceCode: '012001100311', invoiceNumber: '63591128', totalAmount: '89.90', amountExclTax: '87.28', taxAmount: '2.62' });
    // Digits and dashes alone (a phone, an account) are no cipher.
    expect(read(page('0755-86013388-1234567890')).draft.values.invoiceCode).toBeUndefined();
  });

  it('the header corner read again alone: its lone code is the code when the whole page says it is an invoice', () => {
    // The crop holds the labels read as noise, the code, the number under it and the date: nothing of
    // an invoice of its own.
    const corner = [word('表荫松碟:', 0, 10), word('012001100311', 60, 10), word('爱栗絮码:', 0, 24), word('63591128', 60, 24), word('齐根弓刊:', 0, 38), word('2019年06月16日', 60, 38)];
    const page = { page: 1, width: 240, height: 60, items: corner };
    const alone = parseLayout(page, { fromOcr: true });
    expect(saysInvoice(alone.lines)).toBe(false);
    expect(alone.draft.values.invoiceCode).toBeUndefined();
    expect(saysInvoice(parseLayout({ ...page, items: [...corner, word('92<<9-9+-601452319091>67>--7', 0, 52)] }, { fromOcr: true }).lines)).toBe(true);
    expect(parseLayout(page, { fromOcr: true, partOfInvoicePage: true }).draft.values).toMatchObject({ invoiceCode: '012001100311', invoiceNumber: '63591128' });
  });

  it('a lone figure on the 合计 row under headings read as noise is the tax when less than half the total, the amount when more', () => {
    const page = (figure: string) => [
      word('荣传宏白', 30, 150), word('冗面探未', 410, 150),
      word('合', 60, 250), word('计', 100, 250), word('芒17日.白4', 300, 250), word(figure, 560, 250),
      word('价税合计(大写)', 40, 270), word('(小写)', 420, 270), word('¥825.15', 490, 270),
    ];
    expect(read(page('芒46.71')).draft.values).toMatchObject({ taxAmount: '46.71', amountExclTax: '778.44', totalAmount: '825.15' });
    expect(read(page('¥778.44')).draft.values).toMatchObject({ amountExclTax: '778.44', taxAmount: '46.71', totalAmount: '825.15' });
  });

  it('a date whose 年 is misread ("2016并04月11日") is read by its 月 and 日, unsure', () => {
    const { draft } = read([word('开票日期', 400, 20), word('1', 460, 20), word('2016并04月11日', 480, 20)]);
    expect(draft.values.issueDate).toBe('2016-04-11');
    expect(draft.confidence.issueDate).toBeLessThan(0.8);
  });

  it('a date whose year was read with letters for figures ("zol16年", "2zo16锭"): the one reading of it within the years of its code, unsure; none where several are (G01 of the seventh set, J02 of the ninth)', () => {
    const date = (code: string, text: string) => {
      const { draft } = read([word(`发票代码:${code}`, 400, 20), word('开祭日期:', 400, 40), word(text, 460, 40)]);
      return { value: draft.values.issueDate, confidence: draft.confidence.issueDate };
    };
    // 20116 less one figure is 2016 or 2011: a code printed in 2015 says 2016, one of 2010 says 2011, one of 2011 neither.
    const printed2015 = date('4400154130', 'zol16年06月12日');
    expect(printed2015.value).toBe('2016-06-12');
    expect(printed2015.confidence).toBeLessThanOrEqual(0.5);
    expect(date('4400154130', '2zo16锭06月12日').value).toBe('2016-06-12');
    expect(date('4400104130', 'zol16年06月12日').value).toBe('2011-06-12');
    expect(date('4400114130', 'zol16年06月12日').value).toBeUndefined();
    // With no 10-digit code, both readings are years of invoices: no date.
    expect(date('', 'zol16年06月12日').value).toBeUndefined();
    expect(date('', 'zo16年06月12日').value).toBe('2016-06-12');
    // Letters alone are no year.
    expect(date('', 'zolo年06月12日').value).toBeUndefined();
  });

  it('the 写 of the bracketed (大写) and (小写) labels read as 当 or 与 in dark print: the total after the (小写) label, and the 合计 row above it (M02 of the twelfth set)', () => {
    const page = (large: string, small: string) => read([
      ...header,
      word('饮 ,', 60, 250), word('597.44', 400, 250), word('101.56', 570, 250),
      word('价税司计', 40, 290), word(large, 110, 290), word('陆佰玖拾玖圆整', 200, 290), word(small, 420, 290), word('699.00', 470, 290),
    ]).draft;
    const dark = page('(大当)', '(小当)');
    expect([dark.values.amountExclTax, dark.values.taxAmount, dark.values.totalAmount]).toEqual(['597.44', '101.56', '699.00']);
    expect(page('(大与)', '(小与)').values.totalAmount).toBe('699.00');
    // Not outside brackets: 当 and 与 are words of their own.
    expect(page('大当', '小当').values.totalAmount).toBeUndefined();
  });

  it('a date whose day or month was read with a letter for a figure or one figure too many ("3o0日"): the one real date of its readings, unsure; none where several are (E01 of the fifth set)', () => {
    const date = (text: string, code = '4400153130') => {
      const { draft } = read([word(`发票代码:${code}`, 400, 20), word('开桐日期:', 400, 40), word(text, 460, 40)]);
      return { value: draft.values.issueDate, confidence: draft.confidence.issueDate };
    };
    // 300 less one figure is 00 (no day) or 30.
    const doubled = date('2016年03月3o0日');
    expect(doubled.value).toBe('2016-03-30');
    expect(doubled.confidence).toBeLessThanOrEqual(0.5);
    expect(date('2016年l1月05日').value).toBe('2016-11-05');
    // 121 less one figure is 21 or 11: two dates. A year outside its code's years (2030 for a code printed in 2015).
    expect(date('2016年03月121日').value).toBeUndefined();
    expect(date('2030年03月3o0日').value).toBeUndefined();
  });

  it('a small render read as noise but for its 密码区 and figures: the cipher says it is an invoice; the 合计 row is the one of the bracketed (夫写) label; a tax read unsurely that does not add up is what the sure amount and total say', () => {
    const reading = read([
      word('肥议伏图有限公司', 70, 60), word('92<<9-9+-601452319091>67>--7', 420, 90),
      word('颜响运限务资', 30, 180), word('87.28', 410, 180), word('3', 480, 180), word('2.62', 590, 180),
      word('合', 60, 250), word('计', 100, 250), word('工87.28', 400, 250, 54, 9, 0.82), word('子', 560, 250), word('2.82', 580, 250, 36, 9, 0.41),
      word('继祷合计', 40, 270), word('〔夫写}', 90, 270), word('回剥拾敌圆玖龛鳗', 170, 270), word('芒89.90', 470, 270, 54, 9, 0.86),
    ]);
    expect(reading.titled).toBe(true);
    expect(reading.draft.values).toMatchObject({ amountExclTax: '87.28', taxAmount: '2.62', totalAmount: '89.90' });
    expect(reading.draft.confidence.taxAmount).toBeLessThan(0.8);
    // No cipher, no title: the page does not say it is an invoice.
    expect(read([word('肥议伏图有限公司', 70, 60), word('87.28', 410, 180)]).titled).toBe(false);
  });

  it('a 大写 read surely that cannot be the total as printed is unsure: headless (its leading numeral lost), another amount than the figures, or no amount at all', () => {
    const words = (text: string, total?: string) => {
      const draft = emptyDraft();
      setField(draft, 'totalInWords', text, 0.93);
      if (total) setField(draft, 'totalAmount', total, 0.9);
      doubtDisagreeingWords(draft);
      return draft.confidence.totalInWords;
    };
    expect(words('拾圆陆分')).toBeLessThan(0.8);
    expect(words('角陆分', '287.76')).toBeLessThan(0.8);
    expect(words('贰佰捌拾柒圆柒角', '287.76')).toBeLessThan(0.8);
    expect(words('圆整')).toBeLessThan(0.8);
    expect(words('贰佰捌拾柒圆柒角陆分', '287.76')).toBe(0.93);
    expect(words('肆拾圆陆分')).toBe(0.93);
  });

  it('garbled headings still open the item table; a misread 合计 row is replaced by the items\' sums when they add up to the total', () => {
    const { draft } = read([
      word('质物或应税劳务名称', 30, 150), word('规榨型号', 200, 150), word('单位', 260, 150), word('数量', 300, 150), word('单价', 350, 150), word('金*额', 410, 150), word('税事', 480, 150), word('税*额', 560, 150),
      word('计算机', 30, 157), word('5999.00', 410, 157), word('17明', 485, 157), word('1019.83', 560, 157),
      word('东', 2, 175),
      word('合', 60, 250), word('计', 100, 250), word('兰5399.00', 400, 250), word('羊10139.83', 550, 250),
      word('价税合计(大写)', 50, 270), word('岑树仗零壹拾捌囡捌角参分', 170, 270), word('(小写)', 420, 270), word('羊7018.83', 470, 270),
    ]);
    expect(draft.items).toEqual([{ name: '*计算机', amount: '5999.00', rate: '17%', tax: '1019.83' }]);
    expect(draft.values).toMatchObject({ amountExclTax: '5999.00', taxAmount: '1019.83', totalAmount: '7018.83', totalInWords: '柒仟零壹拾捌圆捌角叁分' });
  });

  it('a total in figures one digit off amount + tax, or missing, is their sum with a derived confidence; a 大写 that vouches for the read total keeps it', () => {
    const totals = (figure: string | null, words: string) => read([
      ...header,
      word('合', 60, 250), word('计', 100, 250), word('¥46.62', 400, 250), word('¥6.08', 570, 250),
      word('价税合计(大写)', 50, 270), word(words, 170, 270), ...(figure ? [word('(小写)', 420, 270), word(figure, 480, 270)] : []),
    ]).draft;
    const offByOne = totals('¥52.76', '伍拾火圆柯角');
    expect(offByOne.values).toMatchObject({ totalAmount: '52.70', totalInWords: '伍拾贰圆柒角' });
    expect(offByOne.confidence.totalAmount).toBeLessThan(0.8);
    expect(totals(null, '伍拾火圆柯角').values.totalAmount).toBe('52.70');
    expect(totals('¥52.76', '伍拾贰圆柒角陆分').values.totalAmount).toBe('52.76');
    expect(totals('¥99.00', '伍拾火圆柯角').values.totalAmount).toBe('99.00');
  });

  it('garbled 数电 labels: the credit codes of the right shape side by side are buyer then seller (a failed check character left to the field grammar and the tax-id check); the 合计 pair that adds up to the total gives amount and tax', () => {
    const { draft } = read([
      word('名称:广州华栈天城科技有限公司', 30, 60), word('名称:广州灵感之茶餐饮管理有限公司', 360, 60),
      word('河统一社令信用代码,织涉入况弘亏:914401060686986950', 30, 80, 300, 9, 0.6), word('纸一吃公佩/纳呆人识节:91440101MA5AL52Y44', 360, 80, 300, 9, 0.9),
      word('k餐饮服务', 30, 150), word('47.1698113207547', 250, 150), word('47.17', 410, 150), word('6%', 480, 150), word('2.83', 560, 150),
      word('吾', 60, 250), word('坂47.17', 400, 250), word('坚2.83', 560, 250),
      word('分莲吊计(〈公写)', 50, 270), word('伍拾圆整', 170, 270), word(':小写)羟50.00', 420, 270),
    ]);
    expect(draft.values).toMatchObject({ buyerTaxId: '914401060686986950', sellerTaxId: '91440101MA5AL52Y44', amountExclTax: '47.17', taxAmount: '2.83', totalAmount: '50.00' });
    expect(draft.confidence.amountExclTax).toBeLessThan(0.8);
  });

  it('a 数电 name row read as one line, the seller\'s 名称 label garbled: a tail of the buyer\'s name is not the seller; a name found without its label that Chinese text precedes is unsure', () => {
    const { draft } = read([
      word('名称:中国移动通信集团四川', 30, 60), word('有限公司成都分公司', 250, 60), word('叶', 380, 60), word('称', 395, 60), word(':郸都区星讯', 410, 60), word('通讯设备经营部', 480, 60),
      word('k现代服务', 30, 150), word('2129.34', 410, 150), word('1%', 480, 150), word('21.29', 560, 150),
      word('分莲吊计(〈公写)', 50, 270), word('贰仟壹佰伍拾圆陆角叁分', 170, 270), word(':小写)羟2150.63', 420, 270),
    ]);
    expect(draft.values.buyerName).toBe('中国移动通信集团四川有限公司成都分公司');
    expect(draft.values.sellerName).not.toBe('成都分公司');
    // The seller's name as far as it can be told (its first characters are cut off by the gap): unsure.
    expect(draft.values.sellerName).toBe('通讯设备经营部');
    expect(draft.confidence.sellerName).toBeLessThan(0.8);
  });

  it('a character the engine boxed round a speck of it (汇 boxed 4×4 among characters 48 high) leaves no gap in the name where it stands (M04 of the twelfth set)', () => {
    // The engine read the name's line as one line (lineKey) and put 汇 on it.
    const reading = (speckX: number, nextX: number) => read([
      ...[
        word('购', 10, 60, 9, 48), word('名称:', 40, 60, 30, 48),
        ...[...'深圳市购机'].map((ch, i) => word(ch, 90 + i * 52, 60, 48, 48)), word('汇', speckX, 80, 4, 4),
        ...[...'网络有限公司'].map((ch, i) => word(ch, nextX + i * 52, 60, 48, 48)),
        word('密', 900, 60, 48, 48), word('3390+05/7<x41>303399~97/63', 960, 60, 400, 48),
      ].map((item) => ({ ...item, lineKey: 1 })),
      ...header,
      word('价税合计(大写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
    ]);
    const nameLine = (speckX: number, nextX: number) => reading(speckX, nextX).lines.find((line) => line.text.includes('深圳'))!.text;
    // 机 ends at 346; 网 begins one character's width and a narrow gap after it: 汇 stands between.
    expect(nameLine(352, 400)).toContain('深圳市购机汇网络有限公司');
    expect(reading(352, 400).draft.values.buyerName).toBe('深圳市购机汇网络有限公司');
    // A gap wider than the speck's character is a gap still.
    expect(nameLine(352, 520)).toContain('深圳市购机汇 网络有限公司');
  });

  it('a name found without its label whose head, across a gap, begins with a place ("谨圳市购机汇 网绝有限公司", 深圳 misread) is one name with that head, unsure (K02 of the tenth set)', () => {
    const page = (head: string) => read([
      word('购', 10, 60), word(`称:*${head}`, 40, 60), word('网络有限公司', 200, 60), word('密', 400, 60), word('3390+05/7<x41>303399~97/63', 420, 60),
      ...header,
      word('价税合计(大写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
    ]).draft;
    const joined = page('谨圳市购机汇');
    // (The city is mended later, with the field's grammar: 深圳市购机汇网络有限公司.)
    expect(joined.values.buyerName).toBe('谨圳市购机汇网络有限公司');
    expect(joined.confidence.buyerName).toBeLessThan(0.8);
    expect(page('广州购机汇').values.buyerName).toBe('广州购机汇网络有限公司');
    // Chinese text that begins with no place is not taken for the name's head.
    expect(page('购机汇').values.buyerName).toBe('网络有限公司');
  });

  it('an invoice code read unsure whose province digits are one digit from those of the seller\'s credit code is mended to them, unsure (K04 of the tenth set: 3400154130 for 4400154130)', () => {
    const page = (code: string, codeConfidence: number, sellerId: string) => read([
      word('广东增值税专用发票', 200, 10), word(`No12271543 ${code}`, 480, 20, undefined, 9, codeConfidence), word('开票日期:2016年06月12日', 500, 50),
      word('购名称:深圳市购机汇网络有限公司', 20, 80),
      ...header,
      word('价税合计(大写)', 40, 290), word('叁仟肆佰玖拾伍圆整', 180, 290), word('(小写)', 420, 290), word('¥3495.00', 470, 290),
      word('销名称:广州晶东贸易有限公司', 20, 330), word(`纳税人识别号:${sellerId}`, 20, 350),
    ]).draft;
    const mended = page('3400154130', 0.11, '91440101664041243T');
    expect([mended.values.invoiceCode, mended.confidence.invoiceCode]).toEqual(['4400154130', 0.5]);
    expect(page('051001800211', 0.3, '91541422MA62J75P9X').values.invoiceCode).toBe('054001800211');
    // Not: a code read surely; a seller's code that fails its check; two digits apart.
    expect(page('3400154130', 0.9, '91440101664041243T').values.invoiceCode).toBe('3400154130');
    expect(page('3400154130', 0.11, '91440101664041243X').values.invoiceCode).toBe('3400154130');
    expect(page('3300154130', 0.11, '91440101664041243T').values.invoiceCode).toBe('3300154130');
  });

  it('an old 15-digit taxpayer id whose label was misread ("天 \\ 叶 :"), also read in pieces, is found where it is one as can be issued: a city\'s region code, then an organisation code that passes its check (H04 of the eighth set)', () => {
    const page = (buyerId: string) => read([
      word('购', 10, 60), word('名称:深圳市购机汇网络有限公司', 40, 60),
      word(`o 天 \\ 叶 : ${buyerId} 万`, 40, 80),
      ...header,
      word('价税合计(大写)', 40, 290), word('叁仟肆佰玖拾伍圆整', 180, 290), word('(小写)', 420, 290), word('¥3495.00', 470, 290),
      word('销名称:广州晶东贸易有限公司', 20, 330), word('纳税人识别号:91440101664041243T', 20, 350),
    ]).draft;
    expect(page('440300083885931').values.buyerTaxId).toBe('440300083885931');
    expect(page('44030008 388 5931').values.buyerTaxId).toBe('440300083885931');
    expect(page('440300083885931').values.sellerTaxId).toBe('91440101664041243T');
    // The cipher's digits beside it in the same run (L05 of the eleventh set), before it too.
    expect(page('440300083885931 84-x#5<+82-975+40403/450+13+').values.buyerTaxId).toBe('440300083885931');
    expect(page('440300083885931 84 975').values.buyerTaxId).toBe('440300083885931');
    expect(page('61 44030008 3885931 84').values.buyerTaxId).toBe('440300083885931');
    // A seller's credit code read after a speck and an underline ("*_"), its check character lost (D03 of the fourth set).
    const specked = read([
      word('购', 10, 60), word('名称:深圳市购机汇网络有限公司', 40, 60), word('纳税人识别号:440300083885931', 40, 80),
      ...header,
      word('价税合计(大写)', 40, 290), word('叁仟肆佰玖拾伍圆整', 180, 290), word('(小写)', 420, 290), word('¥3495.00', 470, 290),
      word('销名称:广州晶东贸易有限公司', 20, 330), word('纳税人识别号:*_91440101664041243,', 20, 350),
    ]).draft;
    expect(specked.values.sellerTaxId).toBe('91440101664041243');
    // A letter read among the region's digits is no old id, whatever its organisation code (J04 of the ninth set: 44030t…).
    expect(page('44030T083885931').values.buyerTaxId).toBeUndefined();
    // Not: its organisation code failing its check; a region code of no city.
    expect(page('440300083885932').values.buyerTaxId).toBeUndefined();
    expect(page('990300083885931').values.buyerTaxId).toBeUndefined();
  });

  it('a name read with a mark before it (an underline read as "_") or with its 名称 label read without the colon: the name without them', () => {
    const marked = read([
      word('名称:_杭州瑞达系统集成有限公司', 30, 60), word('名称:广州启明信息技术有限公司', 360, 60),
      word('分莲吊计(〈公写)', 50, 270), word('伍拾圆整', 170, 270), word(':小写)羟50.00', 420, 270),
    ]);
    expect(marked.draft.values).toMatchObject({ buyerName: '杭州瑞达系统集成有限公司', sellerName: '广州启明信息技术有限公司' });
    const unlabelled = read([
      word('购', 10, 60), word('名称济南海纳电子商务有限公司', 40, 60), word('密', 400, 60), word('03>5*72<+l/48-9>>2<61', 420, 60),
      ...header,
      word('侦梅合计(天写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
      word('销', 10, 330), word('名称:武汉博远信息技术有限公司', 40, 330),
    ]);
    expect(unlabelled.draft.values).toMatchObject({ buyerName: '济南海纳电子商务有限公司', sellerName: '武汉博远信息技术有限公司' });
    // The 数电 seller block of O21 drawn as a picture: the vertical 销 read into the label, which lost its colon.
    const sideLabel = read([
      word('名称:威高集团有限公司', 30, 60), word('销名称青岛嘉仕汇酒店管理有限公司', 360, 60),
      word('分莲吊计(〈公写)', 50, 270), word('伍拾圆整', 170, 270), word(':小写)羟50.00', 420, 270),
    ]);
    expect(sideLabel.draft.values).toMatchObject({ buyerName: '威高集团有限公司', sellerName: '青岛嘉仕汇酒店管理有限公司' });
  });

  it('a credit code whose last letter is read as the Chinese character it looks like (J as 丁) is read whole', () => {
    const { draft } = read([
      word('购', 10, 60), word('名称:广州华栈天城科技有限公司', 30, 60),
      word('统一社会信用代码/纳税人识别号:', 30, 80), word('91440106068698695丁', 200, 80),
      word('价税合计(大写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
    ]);
    expect(draft.values.buyerTaxId).toBe('91440106068698695J');
  });

  it('a credit code whose check character was read as a Chinese character, its label misread past recognition: its first 17 characters, where they call for a check character that makes a code as can be issued', () => {
    const { draft } = read([
      word('购', 10, 60), word('名称:广州华栈天城科技有限公司', 30, 60),
      word('络一秉会佩用代码/银貌人识别号:91440106068698695史', 30, 80),
      word('销', 300, 60), word('名称:广州灵感之茶餐饮管理有限公司', 320, 60),
      word('统一社会信用代码/纳税人识别号:91440101MA5AL52Y44', 320, 80),
      word('价税合计(大写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
    ]);
    expect(draft.values).toMatchObject({ buyerTaxId: '91440106068698695', sellerTaxId: '91440101MA5AL52Y44' });
    // Seventeen characters whose check character makes no code as can be issued (the organisation code's own check fails) are no id.
    const none = read([
      word('购', 10, 60), word('名称:广州华栈天城科技有限公司', 30, 60),
      word('络一秉会佩用代码/银貌人识别号:91440106068698694史', 30, 80),
      word('价税合计(大写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
    ]);
    expect(none.draft.values.buyerTaxId).toBeUndefined();
  });

  it('a branch named straight after its company (…有限公司黔南分公司), its 名称 label\'s colon misread: the branch\'s whole name, not the company\'s', () => {
    // The old-form O10 drawn and shaded as a photo: the buyer's label read "名*称 ;".
    const { draft } = read([
      word('购', 10, 60), word('名*称', 30, 60), word(';', 70, 60), word('中国移动通信集团贵州有限公司黔南分公司', 90, 60),
      word('侦梅合计(天写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
      word('销', 10, 330), word('名称:独山县城南网格刘梦阳通讯店', 40, 330),
    ]);
    expect(draft.values).toMatchObject({ buyerName: '中国移动通信集团贵州有限公司黔南分公司', sellerName: '独山县城南网格刘梦阳通讯店' });
    // Both 名称 labels misread past recognition, a gap read into the branch's name (C06, a 数电 render).
    const gap = read([
      word('赘', 10, 60), word('|心秒:荫浩然', 30, 60), word('销', 300, 60), word('|称:新派(上海》餐饮管理有限公司济宁第一', 320, 60), word('分公司', 560, 60),
      word('侦梅合计(天写)', 40, 290), word('伍拾圆整', 180, 290), word('(小写)', 420, 290), word('¥50.00', 470, 290),
    ]);
    expect(gap.draft.values.sellerName).toBe('新派（上海）餐饮管理有限公司济宁第一分公司');
  });

  it('tax-exempt items (税率 免税, 税额 ***): the tax is nothing and the total the amount, unsure; a 大写 printed with 元 is mended in 元', () => {
    const { draft } = read([
      ...header,
      word('*印刷品*项目经济性分析', 30, 170), word('35.50', 410, 170), word('免税', 480, 170), word('“', 590, 170),
      word('*印刷品*投资项目可行性', 30, 190), word('44.30', 410, 190), word('免税', 480, 190),
      word('合', 60, 250), word('计', 100, 250), word('¥79.80', 400, 250),
      ...[...'价税合计(大写)'].map((ch, i) => word(ch, 40 + i * 12, 270)), ...[...'栗拾玖元捌觞'].map((ch, i) => word(ch, 180 + i * 14, 270)),
      word('(小写)', 420, 270), word('芒', 470, 270), word('7980', 490, 270),
    ]);
    expect(draft.values).toMatchObject({ amountExclTax: '79.80', taxAmount: '0.00', totalAmount: '79.80', totalInWords: '柒拾玖元捌角' });
    // A 整 printed after the 角 (the rules allow it) is kept as printed.
    const withZheng = read([
      ...header, word('合', 60, 250), word('计', 100, 250), word('¥87.28', 400, 250), word('¥2.62', 570, 250),
      ...[...'价税合计(大写)'].map((ch, i) => word(ch, 40 + i * 12, 270)), ...[...'捌拾玟国玖角整'].map((ch, i) => word(ch, 180 + i * 14, 270)),
      word('(小写)', 420, 270), word('¥89.90', 490, 270),
    ]);
    expect(withZheng.draft.values.totalInWords).toBe('捌拾玖圆玖角整');
    // The 零 between 圆 and 分 the print leaves out (the rules allow either) is not put in.
    const withoutZero = read([
      ...header, word('合', 60, 250), word('计', 100, 250), word('¥38.89', 400, 250), word('¥1.17', 570, 250),
      ...[...'价税合计(大写)'].map((ch, i) => word(ch, 40 + i * 12, 270)), ...[...'肆拙圆陆分'].map((ch, i) => word(ch, 180 + i * 14, 270)),
      word('(小写)', 420, 270), word('¥40.06', 490, 270),
    ]);
    expect(withoutZero.draft.values.totalInWords).toBe('肆拾圆陆分');
    expect(draft.confidence.taxAmount).toBeLessThan(0.8);
    expect(draft.confidence.totalAmount).toBeLessThan(0.8);
  });

  it('a rate in per cent read anywhere, or a total apart from the amount: 免税 on a line does not make the tax nothing', () => {
    const items = (rate: string) => [
      ...header,
      word('*印刷品*项目经济性分析', 30, 170), word('35.50', 410, 170), word('免税', 480, 170),
      word('*信息技术服务*软件服务', 30, 190), word('44.30', 410, 190), word(rate, 480, 190),
      word('合', 60, 250), word('计', 100, 250), word('¥79.80', 400, 250),
    ];
    expect(read(items('6%')).draft.values.taxAmount).toBeUndefined();
    const { draft } = read([...items('免税'), word('价税合计(大写)', 40, 270), word('(小写)', 420, 270), word('¥82.46', 490, 270)]);
    expect(draft.values).toMatchObject({ amountExclTax: '79.80', totalAmount: '82.46', taxAmount: '2.66' });
  });

  it('the 合计 row with its amount whole and its tax read in part (its point read as a comma, its last digit lost): amount and total less amount, unsure, when the digits read begin it', () => {
    const rows = (tax: string, total = '¥1089466.12') => [
      word('项目名称', 30, 150), word('金额', 410, 150), word('税额', 590, 150),
      word('哉', 60, 250), word('计', 100, 250), word('964129.31', 400, 250), word('羔', 520, 250), word(tax, 560, 250),
      ...[...'价税各计'].map((ch, i) => word(ch, 40 + i * 12, 270)), word('(小写)', 420, 270), word(total, 490, 270),
    ];
    const { draft } = read(rows('125336,8'));
    expect(draft.values).toMatchObject({ amountExclTax: '964129.31', taxAmount: '125336.81', totalAmount: '1089466.12' });
    expect(draft.confidence.amountExclTax).toBeLessThan(0.8);
    expect(draft.confidence.taxAmount).toBeLessThan(0.8);
    // Digits read that do not begin the difference: the tax only where it is a VAT rate's share of the
    // amount and one digit from them (13%, the sums of the items table, below), not where it is none.
    const oneDigitOff = read(rows('126336,8')).draft.values;
    expect([oneDigitOff.amountExclTax, oneDigitOff.taxAmount]).toEqual(['964129.31', '125336.81']);
    const other = read(rows('126336,8', '¥1089476.12')).draft.values;
    expect([other.amountExclTax, other.taxAmount]).toEqual([undefined, undefined]);
  });

  it('the QR number over a printed one read unsurely a digit or two off it (the print misread), at 0.7; a sure printed number that differs stays, for qr-matches to report', () => {
    const payload = '01,10,012001800311,33207675,46.62,20190508,76939056883466677916,E1BD,';
    const page = (number: string, confidence: number) => {
      const reading = read([...header, word(`No ${number}`, 480, 20, 90, 9, confidence)]);
      fillFromQr(reading, payload, { ocrAmounts: false });
      return [reading.draft.values.invoiceNumber, reading.draft.confidence.invoiceNumber];
    };
    expect(page('30207675', 0.17)).toEqual(['33207675', 0.7]);
    expect(page('30207675', 0.9)).toEqual(['30207675', 0.9]);
    expect(page('12345678', 0.17)).toEqual(['12345678', 0.17]);
    expect(page('33207675', 0.5)).toEqual(['33207675', 0.95]);
  });

  it('the QR date over a printed one read unsurely a figure or two off it (P14 drawn at 80 dpi: 2025-04-23 for 2025-09-23), at 0.7; a sure printed date that differs stays', () => {
    const payload = '01,10,012001800311,33207675,46.62,20190508,76939056883466677916,E1BD,';
    const page = (date: string, confidence: number) => {
      const reading = read([...header, word(`开票日期:${date}`, 480, 40, 120, 9, confidence)]);
      fillFromQr(reading, payload, { ocrAmounts: false });
      return [reading.draft.values.issueDate, reading.draft.confidence.issueDate];
    };
    expect(page('2019年04月08日', 0.33)).toEqual(['2019-05-08', 0.7]);
    expect(page('2019年04月08日', 0.9)).toEqual(['2019-04-08', 0.9]);
    expect(page('2017年11月28日', 0.33)).toEqual(['2017-11-28', 0.33]);
  });

  it('the QR amount: the 价税合计 of a 数电 invoice, the amount before tax of an older one; it confirms, supplies or yields to a sure reading that adds up', () => {
    const old = parseInvoiceQr('01,10,012001800311,33207675,46.62,20190508,76939056883466677916,E1BD,')!;
    const base = () => read([...header, word('合', 60, 250), word('计', 100, 250), word('¥46.62', 400, 250), word('¥6.08', 570, 250)]);
    const supplied = base();
    reconcileWithQrAmount(supplied.draft, parseInvoiceQr('01,32,,25447000001115703415,52.70,20250923,,0CA3')!, supplied.lines);
    expect(supplied.draft.values).toMatchObject({ totalAmount: '52.70', amountExclTax: '46.62', taxAmount: '6.08' });
    expect(supplied.draft.confidence.totalAmount).toBeGreaterThanOrEqual(0.95);
    const confirmed = base();
    confirmed.draft.confidence.amountExclTax = 0.4;
    reconcileWithQrAmount(confirmed.draft, old, confirmed.lines);
    expect(confirmed.draft.confidence.amountExclTax).toBeGreaterThanOrEqual(0.95);
    const sure = base();
    sure.draft.values.totalAmount = '52.70';
    sure.draft.confidence.amountExclTax = 0.9;
    reconcileWithQrAmount(sure.draft, parseInvoiceQr('01,10,012001800311,33207675,46.92,20190508,7693,E1BD,')!, sure.lines);
    expect(sure.draft.values.amountExclTax).toBe('46.62');
    const unsure = read([...header, word('合', 60, 250), word('计', 100, 250), word('¥45.62', 400, 250, 50, 9, 0.5), word('¥6.08', 570, 250)]);
    unsure.draft.values.totalAmount = '52.70';
    reconcileWithQrAmount(unsure.draft, old, unsure.lines);
    expect(unsure.draft.values.amountExclTax).toBe('46.62');
  });
});

describe('amount and tax misread so that they still add up', () => {
  /** A draft of these sums read at these confidences. */
  function sums([amount, tax, total]: [string, string, string], [amountSure, taxSure, totalSure]: [number, number, number]) {
    const draft = emptyDraft();
    setField(draft, 'amountExclTax', amount, amountSure);
    setField(draft, 'taxAmount', tax, taxSure);
    setField(draft, 'totalAmount', total, totalSure);
    splitTotalByRate(draft);
    return draft;
  }

  it('a sure total whose unsure amount and tax are each one digit off and no rate\'s share of each other: the one split at a rate, unsure', () => {
    // A photographed paper 专票 (D04): 2987.18 + 507.82 at 17%, read 2987.16 + 507.84.
    const draft = sums(['2987.16', '507.84', '3495.00'], [0.64, 0.6, 0.9]);
    expect([draft.values.amountExclTax, draft.values.taxAmount, draft.values.totalAmount]).toEqual(['2987.18', '507.82', '3495.00']);
    expect([draft.confidence.amountExclTax, draft.confidence.taxAmount]).toEqual([0.6, 0.6]);
  });

  it('left as read: the total unsure, or the amount or the tax sure', () => {
    expect(sums(['2987.16', '507.84', '3495.00'], [0.64, 0.6, 0.7]).values.amountExclTax).toBe('2987.16');
    expect(sums(['2987.16', '507.84', '3495.00'], [0.85, 0.6, 0.9]).values.taxAmount).toBe('507.84');
    expect(sums(['2987.16', '507.84', '3495.00'], [0.64, 0.85, 0.9]).values.amountExclTax).toBe('2987.16');
  });

  it('left as read: a tax within a fen of a rate\'s share (item lines\' taxes each rounded), though a one-digit split would fit the rate exactly', () => {
    // 100.00 at 17% is 17.00; two lines' rounding made the tax 17.01. 100.01 + 17.00 fits exactly, and is not taken.
    const draft = sums(['100.00', '17.01', '117.01'], [0.6, 0.6, 0.9]);
    expect([draft.values.amountExclTax, draft.values.taxAmount]).toEqual(['100.00', '17.01']);
  });

  it('left as read: two splits fit a rate (106.59 + 3.20 at 3%, 103.58 + 6.21 at 6%), or none does', () => {
    expect(sums(['103.59', '6.20', '109.79'], [0.6, 0.6, 0.9]).values.amountExclTax).toBe('103.59');
    expect(sums(['1000.00', '500.00', '1500.00'], [0.6, 0.6, 0.9]).values.amountExclTax).toBe('1000.00');
  });
});

describe('one part of the sums read one digit off, the others unsure', () => {
  function repaired([amount, tax, total]: [string, string, string], confidences: [number, number, number] = [0.74, 0.5, 0.58], words?: string) {
    const draft = emptyDraft();
    setField(draft, 'amountExclTax', amount, confidences[0]);
    setField(draft, 'taxAmount', tax, confidences[1]);
    setField(draft, 'totalAmount', total, confidences[2]);
    repairOcrDraft(draft, [], words);
    return [draft.values.amountExclTax, draft.values.taxAmount, draft.values.totalAmount, draft.confidence.taxAmount];
  }

  it('is the total less the other where that part, one digit from its reading, makes the split one at a VAT rate; unsure (L02 of the eleventh set)', () => {
    expect(repaired(['2987.18', '507.62', '3495.00'])).toEqual(['2987.18', '507.82', '3495.00', 0.6]);
    // The amount one digit off: 2987.18 read 2981.18 with its tax and total right.
    expect(repaired(['2981.18', '507.82', '3495.00']).slice(0, 3)).toEqual(['2987.18', '507.82', '3495.00']);
  });

  it('is left as read where the parts are a split at a rate (the total is the suspect), a part was read surely, or the 大写 says another total', () => {
    // (The total is then the parts' sum: reconcileTotal.)
    expect(repaired(['2987.18', '507.82', '3496.00']).slice(0, 2)).toEqual(['2987.18', '507.82']);
    expect(repaired(['2987.18', '507.62', '3495.00'], [0.74, 0.9, 0.58]).slice(0, 3)).toEqual(['2987.18', '507.62', '3495.00']);
    expect(repaired(['2987.18', '507.62', '3495.00'], undefined, '叁仟肆佰玖拾陆圆整').slice(0, 2)).toEqual(['2987.18', '507.62']);
  });
  it('a lone party name read by OCR is the party\'s whose id is printed on the line below it, not a side marker\'s farther off (N03 at 96 dpi: 购买方 misread, the seller block\'s 销 below)', () => {
    // The buyer's block: its side label read as 度 and 买, its 名称 label as 名稔, its name; its id on
    // the next line. The seller's block far below: 销售方, its id; its name not read.
    const lines = (nameY: number) => read([
      word('度', 27, 133), word('买', 27, 152),
      word('名稔:', 54, 121), word('江苏中电创新环境科技有限公司', 141, nameY, 146, 12),
      word('纳税人识别号:', 54, 142), word('913202133140424571', 134, 142, 97, 12),
      ...header.map((item) => ({ ...item, box: [item.box[0], 200, item.box[2], item.box[3]] as [number, number, number, number] })),
      word('销', 27, 400), word('售', 27, 412), word('方', 27, 424),
      word('纳税人识别号:', 54, 417), word('91330106MA7GAL1299', 129, 417, 102, 12),
    ]).draft;
    const read121 = lines(121);
    expect(read121.values.buyerName).toBe('江苏中电创新环境科技有限公司');
    expect(read121.values.sellerName).toBeUndefined();
    expect([read121.values.buyerTaxId, read121.values.sellerTaxId]).toEqual(['913202133140424571', '91330106MA7GAL1299']);
    // A name three lines above the id is no longer the id's: the side markers tell, as before.
    expect(lines(80).values.buyerName).toBeUndefined();
  });
  it('a lone id read by OCR below two names side by side is the party\'s under whose name it starts, not a side marker\'s farther off (N09 at 96 dpi: the buyer\'s id unread, the 购 of the bank line below)', () => {
    // The 全电 form's two blocks side by side: each name after its 名称 label, each id after its label two lines below;
    // the buyer's id read as pieces no id is made of, the seller's whole. The bank line under the blocks begins 购方.
    const draft = (idX: number, idY = 168) => read([
      word('名称:', 45, 132), word('无锡天鹏菜篮子工程有限公司', 83, 132, 150, 11),
      word('名称:', 425, 132), word('梁溪苏翼智能产品中心', 459, 132, 118, 11),
      word('统一社会信用代码/纳税人识别号:', 48, 168, 150, 10), word('91]32020', 206, 168, 60, 10),
      word('统一社会信用代码/纳税人识别号:', 435, 168, 150, 10), word('92320213MACRYAKN16', idX, idY, 120, 10),
      ...header.map((item) => ({ ...item, box: [item.box[0], 250, item.box[2], item.box[3]] as [number, number, number, number] })),
      word('购方开户银行:江苏银行天惠支行', 43, 396, 200, 11),
    ]).draft;
    expect(draft(586).values.sellerTaxId).toBe('92320213MACRYAKN16');
    expect(draft(586).values.buyerTaxId).toBeUndefined();
    // Starting left of the seller's name, past the buyer's: the buyer's.
    expect(draft(300).values.buyerTaxId).toBe('92320213MACRYAKN16');
    // Far below the names (ten lines): the side marker tells, as before.
    expect(draft(586, 300).values.buyerTaxId).toBe('92320213MACRYAKN16');
  });
});

