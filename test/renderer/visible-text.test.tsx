// Stored text on screen: a bidi override or a zero-width character is shown as 〔U+XXXX〕 and flagged;
// a long value is cut, with the full value one click away.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useUi } from '../../src-renderer/state/ui';
import { VisibleText } from '../../src-renderer/ui/VisibleText';

afterEach(cleanup);

describe('VisibleText', () => {
  it('shows a right-to-left override visibly and flags it, in both languages', () => {
    useUi.setState({ language: 'zh-CN' });
    const { container, rerender } = render(<VisibleText text={'\u202Eexe.tset'} />);
    expect(container.textContent).toContain('〔U+202E〕exe.tset');
    expect(container.textContent).not.toContain('\u202E');
    expect(container.querySelector('[data-invisible]')?.getAttribute('data-invisible')).toBe('U+202E');
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('含不可见或改变显示顺序的字符：U+202E');
    useUi.setState({ language: 'en' });
    rerender(<VisibleText text={'a\u200Bb\u0000'} />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Holds invisible or reordering characters: U+200B U+0000');
  });

  it('cuts a 5,000-character value and shows all of it on one click', () => {
    useUi.setState({ language: 'zh-CN' });
    const { container } = render(<VisibleText text={'深'.repeat(5000)} />);
    expect(container.textContent!.length).toBeLessThan(200);
    fireEvent.click(screen.getByRole('button', { name: '展开全文（5000 字）' }));
    expect(container.textContent).toContain('深'.repeat(5000));
    fireEvent.click(screen.getByRole('button', { name: '收起' }));
    expect(container.textContent!.length).toBeLessThan(200);
  });

  it('leaves plain text as it is', () => {
    const { container } = render(<VisibleText text="深圳市示例数字科技有限公司" />);
    expect(container.textContent).toBe('深圳市示例数字科技有限公司');
    expect(container.querySelector('[data-invisible]')).toBeNull();
  });
});
