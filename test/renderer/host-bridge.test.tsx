// The menu of the desktop host and the renderer: language both ways, menu commands into the UI.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import type { HostApi, MenuCommand } from '../../src-main/shared/contract';
import { useUi } from '../../src-renderer/state/ui';
import { useHostBridge } from '../../src-renderer/ui/useHostBridge';

function fakeHost() {
  const listeners = new Set<(command: MenuCommand) => void>();
  const host = {
    openDossier: vi.fn(),
    saveExport: vi.fn(),
    appInfo: vi.fn(),
    setLanguage: vi.fn(async (language: 'zh-CN' | 'en') => ({ ok: true as const, value: language })),
    recordAuditHead: vi.fn(),
    auditHead: vi.fn(),
    writeSideFile: vi.fn(),
    appendSideFile: vi.fn(),
    readSideFile: vi.fn(),
    listSideFiles: vi.fn(),
    removeSideFile: vi.fn(),
    writeSideBytes: vi.fn(),
    readSideBytes: vi.fn(),
    onMenuCommand: vi.fn((listener: (command: MenuCommand) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    onCloseRequested: vi.fn(() => () => undefined),
    readyToClose: vi.fn(async () => ({ ok: true as const, value: null })),
  } satisfies HostApi;
  return { host, send: (command: MenuCommand) => listeners.forEach((listener) => listener(command)), listeners };
}

function Bridge({ open, onError }: { open: (source: 'folder' | 'zip' | 'files') => void; onError: (message: string) => void }) {
  useHostBridge(open, onError);
  return null;
}

afterEach(() => {
  cleanup();
  delete window.dossierDesk;
});

describe('host menu bridge', () => {
  it('tells the host the UI language and follows the menu language switch and open commands', async () => {
    useUi.setState({ language: 'zh-CN' });
    const { host, send, listeners } = fakeHost();
    window.dossierDesk = host;
    const open = vi.fn();
    const onError = vi.fn();
    const view = render(<Bridge open={open} onError={onError} />);
    expect(host.setLanguage).toHaveBeenLastCalledWith('zh-CN');
    await act(async () => send({ type: 'language-changed', language: 'en' }));
    expect(useUi.getState().language).toBe('en');
    expect(host.setLanguage).toHaveBeenLastCalledWith('en');
    act(() => send({ type: 'open-dossier', source: 'folder' }));
    expect(open).toHaveBeenCalledWith('folder');
    expect(onError).not.toHaveBeenCalled();
    view.unmount();
    expect(listeners.size).toBe(0);
  });

  it('reports a host that refuses the language', async () => {
    useUi.setState({ language: 'zh-CN' });
    const { host } = fakeHost();
    host.setLanguage.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-argument', message: 'unknown language' } } as never);
    window.dossierDesk = host;
    const onError = vi.fn();
    render(<Bridge open={vi.fn()} onError={onError} />);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith('unknown language'));
  });
});
