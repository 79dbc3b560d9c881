import { describe, expect, it, vi } from 'vitest';
import {
  BLOCKED_URL_PATTERNS,
  blockNetwork,
  denyPermissions,
  guardWebContents,
  isAppUrl,
  type GuardableContents,
  type HardenableSession,
} from '../../src-main/main/hardening';
import { createMainWindow, type BrowserWindowConstructor } from '../../src-main/main/window';
import { FakeBrowserWindow, FakeSession, FakeWebContents, fakeEvent, recordingLogger } from './fakes';

vi.mock('electron', () => ({}));

function hardenedSession() {
  const session = new FakeSession();
  const log = recordingLogger();
  blockNetwork(session as unknown as HardenableSession, log);
  denyPermissions(session as unknown as HardenableSession, log);
  return { session, log };
}

describe('main window options', () => {
  it('is sandboxed, context-isolated, without Node and with web security', () => {
    const window = createMainWindow(
      FakeBrowserWindow as unknown as BrowserWindowConstructor,
      '/app/preload/index.cjs',
      { x: 10, y: 20, width: 1300, height: 800 },
      'Dossier Desk',
      false,
    ) as unknown as FakeBrowserWindow;
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(window.options).toMatchObject({ x: 10, y: 20, width: 1300, height: 800, show: false });
  });
});

describe('network blocking at the session', () => {
  it('filters every network scheme', () => {
    const { session } = hardenedSession();
    expect(session.beforeRequest?.filter.urls).toEqual(BLOCKED_URL_PATTERNS);
    for (const scheme of ['http', 'https', 'ws', 'wss']) {
      expect(BLOCKED_URL_PATTERNS).toContain(`${scheme}://*/*`);
    }
  });

  it.each([
    'http://example.com/',
    'https://cdn.jsdelivr.net/npm/tesseract.js-core/tesseract-core.wasm',
    'https://tessdata.projectnaptha.com/4.0.0/chi_sim.traineddata.gz',
    'ws://127.0.0.1:5173/',
    'wss://evil.example/socket',
    'http://localhost:8080/api',
    'http://[::1]/',
    'ftp://files.example/x',
  ])('cancels %s and logs it', (url) => {
    const { session, log } = hardenedSession();
    expect(session.request(url)).toBe('cancelled');
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', area: 'network', message: expect.stringContaining(url.slice(0, 30)) }));
  });

  it('turns off the spell checker, which would download dictionaries', () => {
    const { session } = hardenedSession();
    expect(session.spellCheckerEnabled).toBe(false);
  });

  it('leaves the app origin to the app:// handler', () => {
    const { session } = hardenedSession();
    expect(session.request('app://dossier-desk/index.html')).toBe('not-filtered');
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen', 'unknown'])(
    'denies the request for %s',
    (permission) => {
      const { session, log } = hardenedSession();
      const callback = vi.fn();
      session.permissionRequestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(log.lines.some((line) => line.area === 'permission' && line.message.includes(permission))).toBe(true);
    },
  );

  it('answers every permission check and device check with false', () => {
    const { session } = hardenedSession();
    for (const permission of ['media', 'clipboard-sanitized-write', 'geolocation', 'notifications']) {
      expect(session.permissionCheckHandler!(null, permission, 'app://dossier-desk', {})).toBe(false);
    }
    expect(session.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://dossier-desk' })).toBe(false);
  });

  it('cancels downloads (files are written only through saveExport)', () => {
    const { session } = hardenedSession();
    const event = fakeEvent();
    session.emit('will-download', event, { getURL: () => 'blob:app://dossier-desk/123' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('navigation, new windows and webviews', () => {
  function guarded() {
    const contents = new FakeWebContents();
    const log = recordingLogger();
    guardWebContents(contents as unknown as GuardableContents, log);
    return { contents, log };
  }

  it.each(['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:5199/', 'javascript:alert(1)', 'app://evil/index.html', 'data:text/html,<p>x'])(
    'denies navigation and redirects to %s',
    (url) => {
      const { contents, log } = guarded();
      const navigate = fakeEvent();
      contents.emit('will-navigate', navigate, url);
      expect(navigate.defaultPrevented).toBe(true);
      const frameNavigate = fakeEvent({ url });
      contents.emit('will-frame-navigate', frameNavigate);
      expect(frameNavigate.defaultPrevented).toBe(true);
      const redirect = fakeEvent();
      contents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented).toBe(true);
      expect(log.lines.filter((line) => line.area === 'navigation')).toHaveLength(3);
    },
  );

  it('lets the app reload its own page', () => {
    const { contents } = guarded();
    const navigate = fakeEvent();
    contents.emit('will-navigate', navigate, 'app://dossier-desk/index.html');
    expect(navigate.defaultPrevented).toBe(false);
  });

  it.each(['https://example.com/', 'app://dossier-desk/index.html', 'about:blank', 'blob:app://dossier-desk/1'])('denies window.open(%s)', (url) => {
    const { contents } = guarded();
    expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://example.com' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('recognises only the app origin as the app', () => {
    expect(isAppUrl('app://dossier-desk/index.html')).toBe(true);
    expect(isAppUrl('app://dossier-desk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://evil@dossier-desk/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
