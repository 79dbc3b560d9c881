// When a PDF page's text layer can be trusted to carry the invoice, and when the page goes to OCR.
import { describe, expect, it } from 'vitest';
import { textLayerUnreliable } from '../../../src-renderer/core/extract/pipeline';

describe('text layer reliability', () => {
  const items = (text: string) => [{ str: text }];
  it('a few stray words (a scanner stamp) are not an invoice text layer', () => {
    expect(textLayerUnreliable(items('扫描件 第1页 共1页'))).toBe(true);
  });
  it('characters without a Unicode map (private use, controls) are not text', () => {
    expect(textLayerUnreliable(items('\ue001\ue002\u0003'.repeat(40)))).toBe(true);
  });
  it('a real page of Chinese and figures is text', () => {
    expect(textLayerUnreliable(items('电子发票（普通发票）发票号码：25447000001115703415 开票日期：2025年09月23日 购买方信息 名称：广州华栈天城科技有限公司 统一社会信用代码/纳税人识别号：91440106068698695J 合计 ¥47.17 ¥2.83 价税合计（大写）伍拾圆整'))).toBe(false);
  });
});

