// Fakes of the Electron objects the shell receives as parameters. Tests never load Electron itself.
import { EventEmitter } from 'node:events';
import type { Logger } from '../../src-main/main/log';

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  area: string;
  message: string;
}

export function recordingLogger(): Logger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  return {
    lines,
    info: (area, message) => lines.push({ level: 'info', area, message }),
    warn: (area, message) => lines.push({ level: 'warn', area, message }),
    error: (area, message) => lines.push({ level: 'error', area, message }),
  };
}

/** An EventEmitter-backed WebContents with the window-open handler captured. */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

/** A cancellable Electron event. */
export function fakeEvent(fields: Record<string, unknown> = {}) {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true), ...fields };
  return event;
}

export class FakeSession extends EventEmitter {
  beforeRequest: { filter: { urls: string[] }; listener: (details: Record<string, unknown>, callback: (response: { cancel?: boolean }) => void) => void } | null = null;
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  spellCheckerEnabled = true;
  setSpellCheckerEnabled(enabled: boolean) {
    this.spellCheckerEnabled = enabled;
  }
  webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<FakeSession['beforeRequest']>['listener']) => {
      this.beforeRequest = { filter, listener };
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']) {
    this.devicePermissionHandler = handler;
  }
  /** Runs a request through the registered filter and listener as Chromium would. */
  request(url: string, resourceType = 'xhr'): 'cancelled' | 'allowed' | 'not-filtered' {
    if (!this.beforeRequest) return 'not-filtered';
    const scheme = new URL(url).protocol.replace(':', '');
    const matches = this.beforeRequest.filter.urls.some((pattern) => pattern.startsWith(`${scheme}://`));
    if (!matches) return 'not-filtered';
    let outcome: 'cancelled' | 'allowed' = 'allowed';
    this.beforeRequest.listener({ url, method: 'GET', resourceType }, (response) => {
      outcome = response.cancel ? 'cancelled' : 'allowed';
    });
    return outcome;
  }
}

/** A BrowserWindow stand-in recording the options it was built with. */
export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  maximized = false;
  minimized = false;
  focused = false;
  normalBounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    this.normalBounds = {
      x: options.x as number,
      y: options.y as number,
      width: options.width as number,
      height: options.height as number,
    };
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused = true;
  }
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  /** Closes as Electron does: 'close' may be prevented; otherwise the window is gone ('closed'). */
  close() {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
  getNormalBounds() {
    return this.normalBounds;
  }
}
