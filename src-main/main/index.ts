import { app, BrowserWindow, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN, APP_SCHEME, mainWindowOptions } from './window';
import { CONTENT_SECURITY_POLICY, mimeType, resolveContained } from './protocol';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

async function serveApp(request: Request): Promise<Response> {
  const root = join(__dirname, '../renderer');
  const file = resolveContained(root, new URL(request.url).pathname);
  if (!file) return new Response('Not found', { status: 404 });
  const upstream = await net.fetch(pathToFileURL(file).toString());
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { 'content-type': mimeType(file), 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  protocol.handle(APP_SCHEME, serveApp);
  session.defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    console.warn(`blocked network request: ${details.url}`);
    callback({ cancel: true });
  });
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

void start();
