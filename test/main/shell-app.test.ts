import { EventEmitter } from 'node:events';
import * as fs from 'node:fs/promises';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runShell, type ShellDeps } from '../../src-main/main/app';
import { APP_SCHEME_PRIVILEGES } from '../../src-main/main/protocol';
import { CLOSE_HOLD_MS, HOST_CHANNELS, HOST_EVENTS } from '../../src-main/shared/contract';
import { memorySideStore } from '../fixtures/memory-side-store';
import { FakeBrowserWindow, FakeSession, FakeWebContents, fakeEvent, recordingLogger } from './fakes';

vi.mock('electron', () => ({}));

class FakeApp extends EventEmitter {
  locked = true;
  quitCalled = false;
  sandboxEnabled = false;
  isPackaged = true;
  requestSingleInstanceLock() {
    return this.locked;
  }
  quit() {
    this.quitCalled = true;
  }
  async whenReady() {}
  getLocale() {
    return 'zh-CN';
  }
  getName() {
    return 'Dossier Desk';
  }
  getVersion() {
    return '0.1.0';
  }
  enableSandbox() {
    this.sandboxEnabled = true;
  }
}

function fakeDeps(stateText: string | null = null) {
  let auditHeadsText: string | null = null;
  const app = new FakeApp();
  const session = new FakeSession();
  const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const menus: { template: unknown[] }[] = [];
  const written: string[] = [];
  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const dialog = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  };
  const log = recordingLogger();
  const deps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    defaultSession: () => session,
    ipcMain: { handle: (channel: string, handler: (...args: unknown[]) => Promise<unknown>) => handlers.set(channel, handler) },
    dialog,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (menu: { template: unknown[] }) => menus.push(menu),
    },
    screen: () => ({
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    }),
    fs,
    stateFile: { read: () => stateText, write: (text: string) => written.push(text) },
    auditHeadFile: { read: () => auditHeadsText, write: (text: string) => { auditHeadsText = text; } },
    sideFiles: memorySideStore(),
    paths: { renderer: '/nonexistent/renderer', preload: '/app/out/preload/index.cjs', documents: () => '/home/reviewer/Documents' },
    versions: { electron: '45.3.4', chrome: '142.0.0.0', node: '22.20.0', v8: '14.2' },
    platform: 'linux' as const,
    log,
    now: () => clock.now,
  };
  const clock = { now: Date.parse('2024-10-20T02:00:00Z') };
  return { deps: deps as unknown as ShellDeps, app, session, handlers, menus, written, privileged, protocolHandlers, dialog, log, clock };
}

function senderOf(window: FakeBrowserWindow) {
  return { sender: { id: window.webContents.id }, senderFrame: { url: 'app://dossier-desk/index.html', parent: null, detached: false } };
}

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
});

describe('runShell', () => {
  it('quits at once when another instance holds the lock, creating nothing', async () => {
    const fake = fakeDeps();
    fake.app.locked = false;
    expect(await runShell(fake.deps)).toBeNull();
    expect(fake.app.quitCalled).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('hardens the session, serves app://, registers the bridge and opens the sandboxed window', async () => {
    const fake = fakeDeps();
    const shell = await runShell(fake.deps);
    expect(shell).not.toBeNull();
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect(fake.session.request('https://example.com/')).toBe('cancelled');
    const permission = vi.fn();
    fake.session.permissionRequestHandler!({}, 'media', permission, {});
    expect(permission).toHaveBeenCalledWith(false);
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(HOST_CHANNELS).sort());

    const [window] = FakeBrowserWindow.created;
    expect(window!.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(window!.loadedUrl).toBe('app://dossier-desk/index.html');
    expect(window!.shown).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.shown).toBe(true);
  });

  it('hardens every session, also one created later, once', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    fake.app.emit('session-created', fake.session);
    expect(fake.session.listenerCount('will-download')).toBe(1);
    const partition = new FakeSession();
    fake.app.emit('session-created', partition);
    expect(partition.request('wss://example.com/socket')).toBe('cancelled');
    const callback = vi.fn();
    partition.permissionRequestHandler!({}, 'geolocation', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('guards every WebContents the app creates', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const navigate = fakeEvent();
    contents.emit('will-navigate', navigate, 'https://example.com/');
    expect(navigate.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('answers the bridge only for its own window', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    const window = FakeBrowserWindow.created[0]!;
    const appInfo = fake.handlers.get(HOST_CHANNELS.appInfo)!;
    await expect(appInfo(senderOf(window))).resolves.toEqual({
      ok: true,
      value: {
        name: 'Dossier Desk',
        version: '0.1.0',
        mode: 'desktop',
        versions: { app: '0.1.0', engine: '0.1.0', electron: '45.3.4', chrome: '142.0.0.0', node: '22.20.0', v8: '14.2' },
      },
    });
    const stranger = { ...senderOf(window), sender: { id: 12345 } };
    await expect(appInfo(stranger)).resolves.toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('builds the menu in the system language, switches it and remembers the choice', async () => {
    const fake = fakeDeps();
    const shell = (await runShell(fake.deps))!;
    expect(shell.language()).toBe('zh-CN');
    expect((fake.menus.at(-1)!.template[0] as { label: string }).label).toBe('文件');
    const window = FakeBrowserWindow.created[0]!;
    const setLanguage = fake.handlers.get(HOST_CHANNELS.setLanguage)!;
    await expect(setLanguage(senderOf(window), 'en')).resolves.toEqual({ ok: true, value: 'en' });
    expect((fake.menus.at(-1)!.template[0] as { label: string }).label).toBe('File');
    expect(JSON.parse(fake.written.at(-1)!).language).toBe('en');
  });

  it('sends menu commands to the renderer', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    const window = FakeBrowserWindow.created[0]!;
    const file = fake.menus.at(-1)!.template[0] as { submenu: { id?: string; click?: () => void }[] };
    file.submenu.find((item) => item.id === 'open-zip')!.click!();
    expect(window.webContents.sent).toEqual([{ channel: 'menu:command', payload: { type: 'open-dossier', source: 'zip' } }]);
  });

  it('restores the remembered window and saves its bounds on close', async () => {
    const state = JSON.stringify({ window: { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true }, language: 'en' });
    const fake = fakeDeps(state);
    const shell = (await runShell(fake.deps))!;
    expect(shell.language()).toBe('en');
    const window = FakeBrowserWindow.created[0]!;
    expect(window.options).toMatchObject({ x: 100, y: 50, width: 1200, height: 800 });
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
    window.normalBounds = { x: 300, y: 200, width: 1100, height: 700 };
    window.emit('close', fakeEvent());
    expect(JSON.parse(fake.written.at(-1)!)).toEqual({ window: { bounds: { x: 300, y: 200, width: 1100, height: 700 }, maximized: true }, language: 'en' });
  });

  it('holds a window close until the renderer reports its queued edits stored, or closes after the hold', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    const window = FakeBrowserWindow.created[0]!;
    let closed = 0;
    window.on('closed', () => closed++);
    vi.useFakeTimers();
    try {
      window.close();
      expect(window.isDestroyed()).toBe(false);
      expect(window.webContents.sent).toEqual([{ channel: HOST_EVENTS.onCloseRequested, payload: null }]);
      // A second close while held asks once.
      window.close();
      expect(window.webContents.sent).toHaveLength(1);
      vi.advanceTimersByTime(CLOSE_HOLD_MS - 1);
      expect(window.isDestroyed()).toBe(false);
      await expect(fake.handlers.get(HOST_CHANNELS.readyToClose)!(senderOf(window))).resolves.toEqual({ ok: true, value: null });
      expect(window.isDestroyed()).toBe(true);
      expect(closed).toBe(1);

      FakeBrowserWindow.created.length = 0;
      const silent = fakeDeps();
      await runShell(silent.deps);
      const unanswered = FakeBrowserWindow.created[0]!;
      unanswered.close();
      vi.advanceTimersByTime(CLOSE_HOLD_MS);
      expect(unanswered.isDestroyed()).toBe(true);
      expect(silent.log.lines.some((line) => line.level === 'warn' && line.message.includes('closing anyway'))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('focuses the existing window when a second instance starts', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    const window = FakeBrowserWindow.created[0]!;
    window.minimized = true;
    fake.app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('answers a cancelled open dialog with null and a cancelled save dialog with null', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    const window = FakeBrowserWindow.created[0]!;
    await expect(fake.handlers.get(HOST_CHANNELS.openDossier)!(senderOf(window), 'folder')).resolves.toEqual({ ok: true, value: null });
    await expect(
      fake.handlers.get(HOST_CHANNELS.saveExport)!(senderOf(window), { suggestedName: 'a.json', bytes: new Uint8Array([1]) }),
    ).resolves.toEqual({ ok: true, value: null });
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledWith(window, expect.objectContaining({ properties: expect.arrayContaining(['openDirectory']) }));
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: '/home/reviewer/Documents/a.json' }));
  });

  it('reloads a window whose renderer is gone (crash, out of memory) with a notice, and stops after three reloads a minute', async () => {
    const fake = fakeDeps();
    await runShell(fake.deps);
    const window = FakeBrowserWindow.created[0]!;
    expect(window.loadedUrl).toBe('app://dossier-desk/index.html');
    window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    expect(window.loadedUrl).toBe('app://dossier-desk/index.html');
    window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 133 });
    expect(window.loadedUrl).toBe('app://dossier-desk/index.html?recovered=oom');
    expect(fake.log.lines).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'error', message: 'the renderer process is gone: oom (exit code 133)' })]));
    window.loadedUrl = null;
    fake.clock.now += 10_000;
    window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    expect(window.loadedUrl).toBe('app://dossier-desk/index.html?recovered=crashed');
    window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    window.loadedUrl = null;
    window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    expect(window.loadedUrl).toBeNull();
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ type: 'error', message: expect.stringMatching(/一分钟内多次停止运行/) }));
    fake.clock.now += 61_000;
    window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 133 });
    expect(window.loadedUrl).toBe('app://dossier-desk/index.html?recovered=oom');
  });
});
