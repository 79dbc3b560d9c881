import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml, textOf } from '../../../src-renderer/core/extract/xml';
import { normalizeAmount, normalizeDate, normalizeRate } from '../../../src-renderer/core/extract/text-normalize';
import { buildLines, parseLayout, rateFromAmounts, repairUscc } from '../../../src-renderer/core/extract/layout';
import type { PositionedText } from '../../../src-renderer/core/extract/positioned-text';

describe('xml reader', () => {
  it('reads namespaced elements, attributes, entities and CDATA', () => {
    const root = parseXml('\ufeff<?xml version="1.0"?><fp:eInvoice xmlns:fp="x" V="1"><fp:Note><![CDATA[a<b]]></fp:Note><fp:Item>A &amp; B &#x4e2d;</fp:Item><!-- c --><e/></fp:eInvoice>');
    expect(root.name).toBe('eInvoice');
    expect(root.attrs).toEqual({ V: '1' });
    expect(textOf(root, 'Note')).toBe('a<b');
    expect(textOf(root, 'Item')).toBe('A & B 中');
    expect(textOf(root, 'e')).toBeNull();
  });
  it('rejects malformed documents', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('plain text')).toThrow(XmlSyntaxError);
  });
});

describe('normalisation', () => {
  it('dates, amounts and rates', () => {
    expect(normalizeDate('2020年07月23日')).toBe('2020-07-23');
    expect(normalizeDate('2024-5-8')).toBe('2024-05-08');
    expect(normalizeDate('20200723')).toBe('2020-07-23');
    expect(normalizeDate('2023年02月30日')).toBeNull();
    expect(normalizeAmount('¥4,197.1')).toBe('4197.10');
    expect(normalizeAmount('19')).toBe('19.00');
    expect(normalizeAmount('***')).toBeNull();
    expect(normalizeRate('0.06')).toBe('6%');
    expect(normalizeRate('0.015')).toBe('1.5%');
    expect(normalizeRate('13%')).toBe('13%');
    expect(normalizeRate('免税')).toBe('免税');
  });
  it('infers the one VAT rate that turns an amount into its tax', () => {
    expect(rateFromAmounts('3778.61', '113.36')).toBe('3%');
    expect(rateFromAmounts('1201.02', '108.09')).toBe('9%');
    expect(rateFromAmounts('100.00', '1.50')).toBe('1.5%');
    expect(rateFromAmounts('100.00', '7.00')).toBeNull();
  });
  it('repairs OCR look-alikes in credit codes only when the check character confirms it', () => {
    expect(repairUscc('91645243MUMTO1ADR4')).toBe('91645243MUMT01ADR4');
    // D read as P: the one look-alike swap that makes the check pass, and both check characters right.
    expect(repairUscc('91138531L50P5F2Q7C')).toBe('91138531L50D5F2Q7C');
    expect(repairUscc('91440106068698695J')).toBe('91440106068698695J');
    // The one swap that passes the check makes 97…, a kind of organisation market regulation never registers: the print stays as read.
    expect(repairUscc('911201103409033300')).toBe('911201103409033300');
    // A read as R (a monospaced print's A): two swaps pass the check (0 as D, R as A), one makes an organisation code that checks.
    expect(repairUscc('91370212MR3ER1RQXE')).toBe('91370212MA3ER1RQXE');
    expect(repairUscc('91370303MR3HJKH04J')).toBe('91370303MA3HJKH04J');
    // Every A read as R: the R turned back to A that make an issuable code.
    expect(repairUscc('91440101MR5RL52Y44')).toBe('91440101MA5AL52Y44');
  });
});

function item(text: string, x: number, y: number, w = text.length * 9, h = 9): PositionedText {
  return { text, box: [x, y, w, h], confidence: 1 };
}

describe('layout parser', () => {
  it('joins letter-spaced characters into words and keeps columns apart', () => {
    const chars = [...'中国移动'].map((ch, i) => item(ch, 100 + i * 25, 50, 9));
    const lines = buildLines([...chars, item('郫都区', 400, 50)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('中国移动 郫都区');
  });

  it('keeps two engine lines apart when a stray engine line crosses both (the 密码区 beside two label rows)', () => {
    const onLine = (key: number, positioned: PositionedText): PositionedText => ({ ...positioned, lineKey: key });
    const taxRow = [...'纳税人识别号'].map((ch, i) => onLine(8, item(ch, 100 + i * 12, 100, 10, 10)));
    const addressRow = [...'地址电话北京'].map((ch, i) => onLine(9, item(ch, 100 + i * 12, 113, 10, 10)));
    // The cipher text the engine read as one slanted line, its pieces beside the two rows.
    const cipher = [onLine(13, item('074968*+', 400, 104, 60, 10)), onLine(13, item('624582>91', 470, 110, 60, 10))];
    const lines = buildLines([...taxRow, ...addressRow, ...cipher], { fromOcr: true });
    expect(lines.map((line) => line.text.replace(/\s+/g, ''))).toEqual([expect.stringMatching(/^纳税人识别号/), expect.stringMatching(/^地址电话北京/)]);
  });

  it('puts a word back on its own engine line when a curled row lifts it over the row above (a photographed 专票)', () => {
    const onLine = (key: number, positioned: PositionedText): PositionedText => ({ ...positioned, lineKey: key });
    // The name row (engine line 4) and, below it, the tax-id row (engine line 5), whose long id rises
    // to the right: its box lies more over the name row than over its own label.
    const nameRow = [onLine(4, item('销', 20, 100, 10, 12)), onLine(4, item('名称:', 40, 100, 30, 12)), onLine(4, item('广', 90, 100, 12, 12)), onLine(4, item('州晶东贸易有限公司', 150, 100, 110, 12))];
    const taxRow = [onLine(5, item('纳税人识别号:', 40, 116, 70, 12)), onLine(5, item('91440101664041243T', 120, 103, 180, 14))];
    const lines = buildLines([...nameRow, ...taxRow], { fromOcr: true });
    expect(lines.map((line) => line.text)).toEqual(['销名称: 广 州晶东贸易有限公司', '纳税人识别号:91440101664041243T']);
  });

  it('reads the old layout: buyer above seller, code and number, totals and words', () => {
    const page = {
      page: 1,
      width: 680,
      height: 400,
      items: [
        item('发票代码:', 480, 20), item('033002000211', 530, 20),
        item('发票号码:', 480, 35), item('83089647', 530, 35),
        item('开票日期:', 480, 50), item('2020年07月23日', 530, 50),
        item('购', 20, 90), item('名 称:', 40, 88), item('江苏京利华新材料有限公司', 100, 88),
        item('纳税人识别号:', 40, 102), item('91320115MA202UKD7X', 110, 102),
        item('货物或应税劳务、服务名称', 30, 150), item('规格型号', 200, 150), item('金额', 420, 150), item('税率', 480, 150), item('税额', 560, 150),
        item('*餐饮服务*餐费', 20, 165), item('510.68', 420, 165), item('3%', 485, 165), item('15.32', 560, 165),
        item('合', 60, 250), item('计', 100, 250), item('¥510.68', 420, 250), item('¥15.32', 560, 250),
        item('价税合计（大写）', 50, 270), item('⊗伍佰贰拾陆圆整', 170, 270), item('（小写）', 420, 270), item('¥526.00', 460, 270),
        item('销', 20, 300), item('名 称:', 40, 298), item('兰溪市悦济舫餐厅', 100, 298),
        item('纳税人识别号:', 40, 312), item('92330781MA2EDMFU50', 110, 312),
        item('备', 360, 300), item('注', 360, 320), item('差额征税：2.00。', 380, 305),
      ],
    };
    const { draft } = parseLayout(page);
    expect(draft.values).toEqual({
      invoiceCode: '033002000211', invoiceNumber: '83089647', issueDate: '2020-07-23',
      buyerName: '江苏京利华新材料有限公司', buyerTaxId: '91320115MA202UKD7X',
      sellerName: '兰溪市悦济舫餐厅', sellerTaxId: '92330781MA2EDMFU50',
      amountExclTax: '510.68', taxAmount: '15.32', totalAmount: '526.00', totalInWords: '伍佰贰拾陆圆整',
      remarks: '差额征税：2.00。', // as printed: the remark keeps its full-width colon
    });
    expect(draft.items).toEqual([{ name: '*餐饮服务*餐费', amount: '510.68', rate: '3%', tax: '15.32' }]);
    expect(draft.boxes.invoiceNumber).toEqual([530, 35, 72, 9]);
  });

  it('an item\'s amount set flush against its rate reads as two cells (JD\'s e-invoice PDFs: "34.5113%" was a rate of 34.5113%), its discount line too', () => {
    const row = (name: string, amount: string, tax: string, y: number) => [item(name, 20, y), item(amount, 445 - amount.length * 9, y), item('13%', 445, y), item(tax, 560, y)];
    const page = {
      page: 1, width: 680, height: 400,
      items: [
        item('货物或应税劳务、服务名称', 30, 150), item('规格型号', 200, 150), item('金额', 420, 150), item('税率', 480, 150), item('税额', 560, 150),
        ...row('*其他食品*食品', '34.51', '4.49', 165), ...row('*其他食品*食品', '-10.62', '-1.38', 180),
        item('合', 60, 250), item('计', 100, 250), item('¥23.89', 420, 250), item('¥3.11', 560, 250),
      ],
    };
    expect(parseLayout(page).draft.items).toEqual([
      { name: '*其他食品*食品', amount: '34.51', rate: '13%', tax: '4.49' },
      { name: '*其他食品*食品', amount: '-10.62', rate: '13%', tax: '-1.38' },
    ]);
  });

  it('a tax-exempt item\'s amount flush against its 免税, and the *** its 合计 row prints for the tax: the item read, the tax nothing as printed (JD\'s e-invoice of a book)', () => {
    const page = (rate: string) => ({
      page: 1, width: 680, height: 400,
      items: [
        item('货物或应税劳务、服务名称', 30, 150), item('规格型号', 200, 150), item('金额', 420, 150), item('税率', 480, 150), item('税额', 560, 150),
        item('算法导论（原书第3版）', 20, 165), item('108.10', 391, 165), item(rate, 445, 165), item('***', 560, 165),
        item('合', 60, 250), item('计', 100, 250), item('¥108.10', 420, 250), item('***', 560, 250),
        item('价税合计（大写）', 50, 270), item('壹佰零捌圆壹角', 170, 270), item('（小写）', 420, 270), item('¥108.10', 460, 270),
      ],
    });
    const exempt = parseLayout(page('免税')).draft;
    expect(exempt.items).toEqual([{ name: '算法导论（原书第3版）', amount: '108.10', rate: '免税', tax: null }]);
    expect([exempt.values.amountExclTax, exempt.values.taxAmount, exempt.values.totalAmount]).toEqual(['108.10', '0.00', '108.10']);
    // An item taxed at a rate: the *** is no tax of nothing.
    expect(parseLayout(page('13%')).draft.values.taxAmount).toBeUndefined();
  });
});
