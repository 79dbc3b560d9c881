import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../src-main/main/window';
import { resolveContained } from '../../src-main/main/protocol';
import { buildHostApi } from '../../src-main/preload/index';
import { HOST_CHANNELS } from '../../src-main/shared/contract';
import { vi } from 'vitest';

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn() },
}));

describe('main window', () => {
  it('is sandboxed, context-isolated and without Node integration', () => {
    const prefs = mainWindowOptions('/app/preload/index.cjs').webPreferences!;
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/preload/index.cjs');
  });
});

describe('app:// protocol containment', () => {
  const root = '/opt/dossier-desk/renderer';
  it.each([
    ['/index.html', '/opt/dossier-desk/renderer/index.html'],
    ['/', '/opt/dossier-desk/renderer/index.html'],
    ['/assets/app.js', '/opt/dossier-desk/renderer/assets/app.js'],
  ])('serves %s', (url, file) => {
    expect(resolveContained(root, url)).toBe(file);
  });
  it.each(['/../secret', '/%2e%2e/secret', '/..%2fsecret', '/assets/../../x', '/..\\..\\x', '/%00', '/%E0%A4%A'])('refuses %s', (url) => {
    expect(resolveContained(root, url)).toBeNull();
  });
  it('does not treat a sibling folder with the same prefix as inside', () => {
    expect(resolveContained(root, '/../renderer-evil/x.js')).toBeNull();
  });
});

describe('preload bridge', () => {
  it('exposes exactly the contract methods, each invoking its channel', async () => {
    const invoke = vi.fn(async (channel: string) => ({ ok: true, value: channel }));
    const api = buildHostApi(invoke);
    expect(Object.keys(api).sort()).toEqual(Object.keys(HOST_CHANNELS).sort());
    await api.appInfo();
    expect(invoke).toHaveBeenCalledWith('app:info');
    expect(Object.isFrozen(api)).toBe(true);
  });
});
