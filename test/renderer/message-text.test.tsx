// A finding's sentence is interface text; the dossier's data inside it (file names, names, quoted
// readings) is marked as data and shown with its invisible characters revealed.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { useUi } from '../../src-renderer/state/ui';
import { MessageText, checkSentence, findingSentence } from '../../src-renderer/ui/MessageText';
import { messageParts } from '../../src-renderer/ui/message-parts';

afterEach(cleanup);

const CJK = /[\u3400-\u9fff]/;

/** The text a language check reads: everything outside translate="no". */
function interfaceText(container: HTMLElement): string {
  const clone = container.cloneNode(true) as HTMLElement;
  for (const data of Array.from(clone.querySelectorAll('[translate="no"]'))) data.remove();
  return clone.textContent ?? '';
}

const creditReport = {
  message: '信用中国报告：07-信用/信用报告.pdf：出具日期 2024-01-02 早于申报窗口',
  messageEn: 'Credit China report: 07-信用/信用报告.pdf: dated 2024-01-02, before the window',
};

describe('MessageText', () => {
  it('shows a Chinese file path inside an English finding as data, the sentence as interface', () => {
    useUi.setState({ language: 'en' });
    const { container } = render(<MessageText message={findingSentence(creditReport)} />);
    expect(container.textContent).toBe(creditReport.messageEn);
    expect(interfaceText(container)).not.toMatch(CJK);
    expect(container.querySelector('[translate="no"]')?.textContent).toBe('07-信用/信用报告.pdf');
  });

  it('marks an applicant name unquoted in an English sentence as data, and quoted ones too', () => {
    useUi.setState({ language: 'en' });
    const { container } = render(<MessageText message={findingSentence({ message: '—', messageEn: 'Reviewer 张三 declared "深圳市某某科技有限公司" as an employer' })} />);
    expect(interfaceText(container)).toBe('Reviewer  declared  as an employer');
  });

  it('in Chinese marks latin file names and quotations as data, not the sentence', () => {
    useUi.setState({ language: 'zh-CN' });
    const { container } = render(<MessageText message={findingSentence({ message: '文件 scan0001.pdf 的内容显示为“Invoice”，与清单不符', messageEn: 'x' })} />);
    expect(interfaceText(container)).toBe('文件  的内容显示为，与清单不符');
  });

  it('does not hide a sentence of the other language: a finding without English falls back unmarked', () => {
    useUi.setState({ language: 'en' });
    const { container } = render(<MessageText message={findingSentence({ message: '未找到申报材料：营业执照' })} />);
    expect(interfaceText(container)).toMatch(CJK);
  });

  it('invoice checks: English first-class, Chinese beside it', () => {
    useUi.setState({ language: 'zh-CN' });
    const check = { message: 'buyer credit code 91440300MA5XXXXX: check character valid', messageZh: '购买方统一社会信用代码 91440300MA5XXXXX：校验位正确' };
    const { container, rerender } = render(<MessageText message={checkSentence(check)} />);
    expect(container.textContent).toBe(check.messageZh);
    useUi.setState({ language: 'en' });
    rerender(<MessageText message={checkSentence(check)} />);
    expect(container.textContent).toBe(check.message);
  });

  it('reveals a bidi override hidden in a file name and flags the message', () => {
    useUi.setState({ language: 'en' });
    const { container } = render(<MessageText message={findingSentence({ message: '—', messageEn: 'invoice.pdf\u202Eexe.tset.pdf was refused (kind): not a PDF' })} />);
    expect(container.textContent).toContain('〔U+202E〕');
    expect(container.textContent).not.toContain('\u202E');
    expect(container.querySelector('[data-invisible]')?.getAttribute('data-invisible')).toBe('U+202E');
  });
});

describe('messageParts', () => {
  it('keeps the parts in order and loses no character', () => {
    const text = 'Claim R0007: invoice 24442000000012345678 “深圳市甲公司” in 发票/24442000000012345678.pdf, paid ¥1,000.00';
    const parts = messageParts(text, 'en');
    expect(parts.map((part) => part.text).join('')).toBe(text);
    expect(parts.filter((part) => part.data).map((part) => part.text)).toEqual(['“深圳市甲公司”', '发票/24442000000012345678.pdf']);
  });
});
