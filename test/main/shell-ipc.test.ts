import { describe, expect, it, vi } from 'vitest';
import { createInvokeHandler, registerHostHandlers, type HostHandlers, type SenderEvent } from '../../src-main/main/ipc';
import { buildHostApi } from '../../src-main/preload/bridge';
import { HOST_CHANNELS, HOST_EVENTS, MAX_EXPORT_BYTES, type MenuCommand } from '../../src-main/shared/contract';
import { recordingLogger } from './fakes';

const { exposeInMainWorld, ipcRenderer } = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer }));

const APP_WINDOW_ID = 7;

interface FrameFields {
  url?: string;
  parent?: unknown;
  detached?: boolean;
}

function senderEvent(frame: FrameFields | null = {}, webContentsId = APP_WINDOW_ID): SenderEvent {
  return {
    sender: { id: webContentsId },
    senderFrame: frame === null ? null : { url: 'app://dossier-desk/index.html', parent: null, detached: false, ...frame },
  } as unknown as SenderEvent;
}

function handlers(): HostHandlers & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    openDossier: async (...args) => {
      calls.push(['openDossier', ...args]);
      return { ok: true, value: null };
    },
    saveExport: async (...args) => {
      calls.push(['saveExport', ...args]);
      return { ok: true, value: { path: '/tmp/x.xlsx' } };
    },
    appInfo: async () => {
      calls.push(['appInfo']);
      return { ok: true, value: { name: 'Dossier Desk', version: '0.1.0', mode: 'desktop', versions: {} } };
    },
    setLanguage: async (language) => {
      calls.push(['setLanguage', language]);
      return { ok: true, value: language };
    },
    recordAuditHead: async (record) => {
      calls.push(['recordAuditHead', record]);
      return { ok: true, value: record };
    },
    auditHead: async (dossierId) => {
      calls.push(['auditHead', dossierId]);
      return { ok: true, value: null };
    },
    writeSideFile: async (name, text) => {
      calls.push(['writeSideFile', name, text]);
      return { ok: true, value: null };
    },
    appendSideFile: async (name, text) => {
      calls.push(['appendSideFile', name, text]);
      return { ok: true, value: null };
    },
    readSideFile: async (name) => {
      calls.push(['readSideFile', name]);
      return { ok: true, value: null };
    },
    listSideFiles: async (prefix) => {
      calls.push(['listSideFiles', prefix]);
      return { ok: true, value: [] };
    },
    removeSideFile: async (name) => {
      calls.push(['removeSideFile', name]);
      return { ok: true, value: null };
    },
    writeSideBytes: async (name, bytes) => {
      calls.push(['writeSideBytes', name, bytes]);
      return { ok: true, value: null };
    },
    readSideBytes: async (name) => {
      calls.push(['readSideBytes', name]);
      return { ok: true, value: null };
    },
    readyToClose: async () => {
      calls.push(['readyToClose']);
      return { ok: true, value: null };
    },
  };
}

const isAppWindow = (id: number) => id === APP_WINDOW_ID;

describe('IPC sender validation', () => {
  it.each([
    ['no frame', senderEvent(null)],
    ['a subframe', senderEvent({ parent: {} })],
    ['a detached frame', senderEvent({ detached: true })],
    ['a remote page', senderEvent({ url: 'https://evil.example/' })],
    ['a file page', senderEvent({ url: 'file:///tmp/evil.html' })],
    ['another app:// host', senderEvent({ url: 'app://evil/index.html' })],
    ['a look-alike host', senderEvent({ url: 'app://dossier-desk.evil/index.html' })],
    ['a data URL', senderEvent({ url: 'data:text/html,<script>1</script>' })],
    ['another WebContents', senderEvent({}, 99)],
  ])('refuses %s before looking at the arguments', async (_label, event) => {
    const log = recordingLogger();
    const fake = handlers();
    const handle = createInvokeHandler('appInfo', fake.appInfo, isAppWindow, log);
    const result = await handle(event);
    expect(result).toEqual({ ok: false, error: { code: 'untrusted-sender', message: expect.any(String) } });
    expect(fake.calls).toEqual([]);
    expect(log.lines.some((line) => line.area === 'ipc' && line.message.includes('untrusted sender'))).toBe(true);
  });

  it('accepts the app top frame in the app window', async () => {
    const fake = handlers();
    const result = await createInvokeHandler('appInfo', fake.appInfo, isAppWindow, recordingLogger())(senderEvent());
    expect(result.ok).toBe(true);
  });
});

describe('IPC argument validation', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  it.each([
    ['openDossier', []],
    ['openDossier', ['network']],
    ['openDossier', [{ kind: 'folder' }]],
    ['openDossier', ['folder', 'extra']],
    ['saveExport', []],
    ['saveExport', ['x.xlsx']],
    ['saveExport', [{ suggestedName: '../../.bashrc', bytes }]],
    ['saveExport', [{ suggestedName: '/etc/passwd', bytes }]],
    ['saveExport', [{ suggestedName: 'C:\\Windows\\x.dll', bytes }]],
    ['saveExport', [{ suggestedName: 'a\0b.xlsx', bytes }]],
    ['saveExport', [{ suggestedName: '..', bytes }]],
    ['saveExport', [{ suggestedName: '', bytes }]],
    ['saveExport', [{ suggestedName: 'x'.repeat(201), bytes }]],
    ['saveExport', [{ suggestedName: 'ok.xlsx', bytes: [1, 2, 3] }]],
    ['saveExport', [{ suggestedName: 'ok.xlsx', bytes: 'AQID' }]],
    ['saveExport', [{ suggestedName: 'ok.xlsx', bytes, filters: [{ name: 'x', extensions: ['../x'] }] }]],
    ['saveExport', [{ suggestedName: 'ok.xlsx', bytes, extra: true }]],
    ['appInfo', ['unexpected']],
    ['setLanguage', ['fr']],
    ['setLanguage', []],
    ['recordAuditHead', [{ dossierId: '../../etc/passwd', seq: 1, hash: 'a'.repeat(64), recordedAt: '2024-10-20T10:00:00+08:00' }]],
    ['recordAuditHead', [{ dossierId: 'a'.repeat(64), seq: 0, hash: 'a'.repeat(64), recordedAt: '2024-10-20T10:00:00+08:00' }]],
    ['recordAuditHead', [{ dossierId: 'a'.repeat(64), seq: 1, hash: 'a'.repeat(64), recordedAt: '2024-10-20T10:00:00+08:00', extra: 1 }]],
    ['auditHead', ['not-a-dossier-id']],
    ['writeSideFile', ['../audit-heads.json', 'x']],
    ['writeSideFile', ['..', 'x']],
    ['writeSideFile', ['a..b', 'x']],
    ['writeSideFile', ['/etc/passwd', 'x']],
    ['writeSideFile', ['sub/file.json', 'x']],
    ['writeSideFile', ['C:\\x.json', 'x']],
    ['writeSideFile', ['.hidden', 'x']],
    ['writeSideFile', ['Upper.json', 'x']],
    ['writeSideFile', ['a\0b', 'x']],
    ['writeSideFile', ['x'.repeat(121), 'x']],
    ['writeSideFile', ['ok.json', 42]],
    ['writeSideFile', ['ok.json']],
    ['appendSideFile', ['../x.jsonl', 'x']],
    ['readSideFile', ['../../etc/shadow']],
    ['readSideFile', ['ok.json', 'extra']],
    ['listSideFiles', ['../']],
    ['listSideFiles', ['a/b']],
    ['removeSideFile', ['..']],
  ] as const)('refuses %s with %j', async (method, args) => {
    const fake = handlers();
    const handle = createInvokeHandler(method, fake[method] as never, isAppWindow, recordingLogger());
    const result = await handle(senderEvent(), ...args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-argument');
      expect(result.error.message).toContain(method);
    }
    expect(fake.calls).toEqual([]);
  });

  it('refuses an export larger than the limit without copying it', async () => {
    const fake = handlers();
    const huge = new Uint8Array(new ArrayBuffer(MAX_EXPORT_BYTES + 1));
    const result = await createInvokeHandler('saveExport', fake.saveExport, isAppWindow, recordingLogger())(senderEvent(), {
      suggestedName: 'big.json',
      bytes: huge,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('passes validated arguments through', async () => {
    const fake = handlers();
    const log = recordingLogger();
    await createInvokeHandler('openDossier', fake.openDossier, isAppWindow, log)(senderEvent(), 'zip');
    await createInvokeHandler('saveExport', fake.saveExport, isAppWindow, log)(senderEvent(), {
      suggestedName: '审查结果 2024.xlsx',
      bytes,
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
    });
    await createInvokeHandler('setLanguage', fake.setLanguage, isAppWindow, log)(senderEvent(), 'en');
    expect(fake.calls).toEqual([
      ['openDossier', 'zip'],
      ['saveExport', { suggestedName: '审查结果 2024.xlsx', bytes, filters: [{ name: 'Excel', extensions: ['xlsx'] }] }],
      ['setLanguage', 'en'],
    ]);
  });

  it('turns a handler that throws into an error result', async () => {
    const log = recordingLogger();
    const failing = async () => {
      throw new Error('disk on fire');
    };
    const result = await createInvokeHandler('appInfo', failing, isAppWindow, log)(senderEvent());
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'appInfo failed: disk on fire' } });
    expect(log.lines.some((line) => line.level === 'error')).toBe(true);
  });

  it('registers exactly one handler per contract channel', () => {
    const registered: string[] = [];
    registerHostHandlers({ handle: (channel: string) => void registered.push(channel) } as never, handlers(), isAppWindow, recordingLogger());
    expect(registered.sort()).toEqual(Object.values(HOST_CHANNELS).sort());
  });
});

describe('preload bridge', () => {
  function transport() {
    const listeners = new Map<string, (payload: unknown) => void>();
    return {
      listeners,
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
      subscribe: vi.fn((channel: string, listener: (payload: unknown) => void) => {
        listeners.set(channel, listener);
        return () => listeners.delete(channel);
      }),
    };
  }

  it('exposes exactly the contract functions, frozen', () => {
    const api = buildHostApi(transport());
    expect(Object.keys(api).sort()).toEqual([...Object.keys(HOST_CHANNELS), ...Object.keys(HOST_EVENTS)].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes each method on its own channel with its arguments', async () => {
    const bridge = transport();
    const api = buildHostApi(bridge);
    await api.appInfo();
    await api.openDossier('folder');
    await api.setLanguage('zh-CN');
    expect(bridge.invoke.mock.calls).toEqual([['app:info'], ['dossier:open', 'folder'], ['app:set-language', 'zh-CN']]);
  });

  it('turns a transport failure into an error result instead of throwing', async () => {
    const api = buildHostApi({ invoke: async () => Promise.reject(new Error('ipc down')), subscribe: () => () => undefined });
    await expect(api.appInfo()).resolves.toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
  });

  it('delivers menu commands without the IPC event, and unsubscribes', () => {
    const bridge = transport();
    const api = buildHostApi(bridge);
    const received: MenuCommand[] = [];
    const unsubscribe = api.onMenuCommand((command) => received.push(command));
    bridge.listeners.get('menu:command')!({ type: 'open-dossier', source: 'zip' });
    expect(received).toEqual([{ type: 'open-dossier', source: 'zip' }]);
    unsubscribe();
    expect(bridge.listeners.has('menu:command')).toBe(false);
  });

  it('exposes window.dossierDesk through contextBridge, with ipcRenderer hidden behind named functions', async () => {
    await import('../../src-main/preload/index');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('dossierDesk');
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 'x' });
    await api.openDossier('files');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('dossier:open', 'files');
    const listener = vi.fn();
    const unsubscribe = api.onMenuCommand(listener);
    const forward = ipcRenderer.on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
    forward({ sender: 'ipc internals' }, { type: 'language-changed', language: 'en' });
    expect(listener).toHaveBeenCalledWith({ type: 'language-changed', language: 'en' });
    unsubscribe();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('menu:command', forward);
  });
});
