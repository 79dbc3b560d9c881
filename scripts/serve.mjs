// A static file server for web mode and the end-to-end tests: 127.0.0.1 only, path-contained,
// with the same Content-Security-Policy as the desktop shell.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.pdf': 'application/pdf', '.xml': 'application/xml',
  '.gz': 'application/gzip', '.ttf': 'font/ttf', '.map': 'application/json',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; font-src 'self' data:; connect-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function serveStatic(root, port = 0) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = resolve(base, `.${path}`);
    const rel = relative(base, file);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      res.writeHead(404).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': size,
        'content-security-policy': CSP,
        'cross-origin-opener-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolvePromise, rejectPromise) => {
    server.once('error', (error) => rejectPromise(portError(error, port)));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

/** A listen failure as a sentence a user can act on (the port is busy, or not ours to take). */
export function portError(error, port) {
  if (error?.code === 'EADDRINUSE') {
    return Object.assign(new Error(`port ${port} on 127.0.0.1 is already in use (is Dossier Desk already running?); set PORT to another port, e.g. PORT=5200 npm run web`), { code: error.code });
  }
  if (error?.code === 'EACCES') {
    return Object.assign(new Error(`port ${port} on 127.0.0.1 may not be opened by this user; set PORT to a port above 1024`), { code: error.code });
  }
  return error;
}
