import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.ofd': 'application/octet-stream',
  '.xml': 'application/xml',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.gz': 'application/gzip',
  '.map': 'application/json',
  '.icc': 'application/vnd.iccprofile',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request URL path onto a file under root, or null when it would escape root.
 * Containment is decided with path.relative, never with a string prefix test.
 */
export function resolveContained(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const cleaned = decoded.replace(/\\/g, '/').replace(/^\/+/, '');
  const target = resolve(root, cleaned === '' ? 'index.html' : cleaned);
  const rel = relative(resolve(root), target);
  if (rel === '' ) return join(resolve(root), 'index.html');
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return target;
}
