import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { MIN_WINDOW_SIZE, type Rectangle } from './shell-state';

export { APP_ORIGIN, APP_SCHEME } from './protocol';

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

/**
 * The one application window. Its web preferences are written out here literally, so that both the
 * reader and electronegativity see them: sandboxed renderer, isolated context, no Node anywhere,
 * web security on, no webview tag, no insecure content, no experimental features, no middle-click (auxclick) window opening.
 */
export function createMainWindow(
  BrowserWindow: BrowserWindowConstructor,
  preloadPath: string,
  bounds: Rectangle,
  title: string,
  developerTools: boolean,
): ElectronBrowserWindow {
  return new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title,
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway by the open handler).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Developer tools exist only in development builds, never in the packaged app.
      devTools: developerTools,
      autoplayPolicy: 'document-user-activation-required',
    },
  });
}
