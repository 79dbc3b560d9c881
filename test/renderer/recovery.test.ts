// The page the desktop shell loads again after its renderer was gone (?recovered=<reason>) says so
// once, in the reviewer's language, and forgets the parameter.
import { describe, expect, it, vi } from 'vitest';
import { translate } from '../../src-renderer/i18n';
import { announceRecovery, recoveryNotice } from '../../src-renderer/ui/recovery';

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);

describe('recovery notice after a renderer crash', () => {
  it('names the reason in both languages, and says nothing on an ordinary start', () => {
    expect(recoveryNotice('?recovered=oom', zh)).toBe('审查工作台页面意外停止（内存不足），已自动重新加载。已确认保存的审查内容都在；页面停止时正在进行的读取会继续。');
    expect(recoveryNotice('?recovered=crashed', en)).toMatch(/^The workstation page stopped unexpectedly \(the page process crashed\) and was loaded again/);
    expect(recoveryNotice('?recovered=launch-failed', en)).toMatch(/\(reason: launch-failed\)/);
    expect(recoveryNotice('', zh)).toBeNull();
    expect(recoveryNotice('?other=1', zh)).toBeNull();
  });

  it('shows the notice once and removes the parameter from the address', () => {
    const show = vi.fn();
    const history = { replaceState: vi.fn() };
    announceRecovery({ search: '?recovered=oom', pathname: '/index.html', hash: '' }, history, zh, show);
    expect(show).toHaveBeenCalledWith(expect.stringMatching(/内存不足/));
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/index.html');
    announceRecovery({ search: '', pathname: '/index.html', hash: '' }, history, zh, show);
    expect(show).toHaveBeenCalledTimes(1);
  });
});
