import type { Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './protocol';
import type { Logger } from './log';

/** Every network scheme the renderer could reach the outside with; each request is cancelled. */
export const BLOCKED_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setSpellCheckerEnabled' | 'on'
> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

export type GuardableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'id'>;

/** True for a URL the app itself serves (app://dossier-desk/...). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

function shorten(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

/**
 * Air gap at the session: every http, https, ws, wss and ftp request is cancelled and logged, so
 * nothing the renderer (or a library inside it) does can reach a network.
 */
export function blockNetwork(session: HardenableSession, log: Logger): void {
  // The spell checker would fetch Hunspell dictionaries from a CDN; the app has no use for it.
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest({ urls: BLOCKED_URL_PATTERNS }, (details, callback) => {
    log.warn('network', `blocked ${details.method} ${shorten(details.url)} (${details.resourceType})`);
    callback({ cancel: true });
  });
}

/**
 * Denies every permission request and every permission check (camera, microphone, notifications,
 * geolocation, clipboard-read, openExternal, HID, serial, USB ...): the app needs none of them.
 * Downloads are cancelled too: the only way to write a file is the validated saveExport bridge.
 */
export function denyPermissions(session: HardenableSession, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission', `denied request for ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    log.warn('download', `cancelled download of ${shorten(item.getURL())}`);
    event.preventDefault();
  });
}

/**
 * Applied to every WebContents the app creates: no navigation away from the app, no redirects, no
 * new windows, no webviews. Navigation inside the app's own origin (a reload of index.html) stays possible.
 */
export function guardWebContents(contents: GuardableContents, log: Logger): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    log.warn('navigation', `denied navigation to ${shorten(url)}`);
    event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    log.warn('navigation', `denied frame navigation to ${shorten(event.url)}`);
    event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    log.warn('navigation', `denied redirect to ${shorten(url)}`);
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('navigation', `denied window.open of ${shorten(url)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    log.warn('navigation', 'denied a webview');
    event.preventDefault();
  });
}
