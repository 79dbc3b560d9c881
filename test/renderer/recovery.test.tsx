// The page the desktop shell loads again after its renderer was gone (?recovered=<reason>) says so
// once, forgets the parameter, and the notice (kept as a message key) reads in the language chosen
// now: a switch after it appeared translates it where it is shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { translate } from '../../src-renderer/i18n';
import { useUi } from '../../src-renderer/state/ui';
import { AppNotice } from '../../src-renderer/ui/AppNotice';
import { announceRecovery, recoveryNotice } from '../../src-renderer/ui/recovery';

function text(search: string, language: 'zh-CN' | 'en') {
  const notice = recoveryNotice(search);
  return notice && translate(language, notice.code, notice.params);
}

afterEach(() => {
  cleanup();
  act(() => {
    useUi.getState().setNotice(null);
    useUi.getState().setLanguage('zh-CN');
  });
});

describe('recovery notice after a renderer crash', () => {
  it('names the reason in both languages, and says nothing on an ordinary start', () => {
    expect(text('?recovered=oom', 'zh-CN')).toBe('审查工作台页面意外停止（内存不足），已自动重新加载。已确认保存的审查内容都在；页面停止时正在进行的读取会继续。');
    expect(text('?recovered=crashed', 'en')).toMatch(/^The workstation page stopped unexpectedly \(the page process crashed\) and was loaded again/);
    expect(text('?recovered=launch-failed', 'en')).toMatch(/\(reason: launch-failed\)/);
    expect(recoveryNotice('')).toBeNull();
    expect(recoveryNotice('?other=1')).toBeNull();
  });

  it('shows the notice once and removes the parameter from the address', () => {
    const show = vi.fn();
    const history = { replaceState: vi.fn() };
    announceRecovery({ search: '?recovered=oom', pathname: '/index.html', hash: '' }, history, show);
    expect(show).toHaveBeenCalledWith({ tone: 'error', code: 'recovered.notice.oom' });
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/index.html');
    announceRecovery({ search: '', pathname: '/index.html', hash: '' }, history, show);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('follows a language switch made after it appeared', () => {
    render(<AppNotice />);
    act(() => announceRecovery({ search: '?recovered=crashed', pathname: '/', hash: '' }, { replaceState: vi.fn() }, useUi.getState().setNotice));
    expect(screen.getByTestId('app-notice').textContent).toContain('页面进程崩溃');
    act(() => useUi.getState().setLanguage('en'));
    expect(screen.getByTestId('app-notice').textContent).toContain('the page process crashed');
    expect(screen.getByTestId('app-notice').textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
