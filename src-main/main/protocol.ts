import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Logger } from './log';

export const APP_SCHEME = 'app';
export const APP_HOST = 'dossier-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The scheme registration Electron needs before the app is ready (protocol.registerSchemesAsPrivileged). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
} as const;

/**
 * Served with every app:// response. Only the app's own origin: no remote origin anywhere.
 * 'wasm-unsafe-eval' is there only because pdf.js (image decoders) and tesseract.js (OCR core)
 * compile WebAssembly; plain 'unsafe-eval' is not allowed. blob: workers are tesseract.js's
 * worker bootstrap; blob:/data: images and connections are rendered pages and decoded files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "media-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

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
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.ofd': 'application/octet-stream',
  '.xml': 'application/xml',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.gz': 'application/gzip',
  '.map': 'application/json',
  '.icc': 'application/vnd.iccprofile',
  '.txt': 'text/plain; charset=utf-8',
};

/** NUL, the other C0 control characters and DEL. */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** True when target lies inside root (or is root), decided with path.relative, never a prefix test. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(resolve(root), resolve(target));
  if (rel === '') return true;
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

// A request path segment may hold letters (any script), digits and a few punctuation marks; anything
// that could change how the path resolves on some platform is refused outright rather than cleaned.
const FORBIDDEN_IN_PATH = /[\\:%#*?"<>|]/;
const ONLY_DOTS = /^\.+$/;
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|conin\$|conout\$|com\d|lpt\d)(\..*)?$/i;

/**
 * Maps a request URL path (URL.pathname, already without query and hash) onto a file under root,
 * or null when it would escape root or is not a plain relative path. Decodes once; anything still
 * encoded after that (double encoding), backslashes, drive letters, NUL and control characters,
 * segments made only of dots, Windows device names and padded segments are refused.
 */
export function resolveContained(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (FORBIDDEN_IN_PATH.test(decoded) || hasControlCharacter(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  const unsafeSegment = (segment: string) =>
    ONLY_DOTS.test(segment) || WINDOWS_DEVICE_NAME.test(segment) || segment.trim() !== segment;
  if (segments.some(unsafeSegment)) return null;
  const base = resolve(root);
  const target = segments.length === 0 ? join(base, 'index.html') : resolve(base, ...segments);
  if (!isInside(base, target) || target === base) return null;
  return target;
}

export interface ProtocolFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Resolves symbolic links; used to refuse a link inside root that points outside it. */
  realpath(path: string): Promise<string>;
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

/**
 * The app:// handler: GET/HEAD on the app host only, files contained in root (lexically and after
 * resolving symbolic links), every response with the CSP and the other security headers.
 */
export function createAppProtocolHandler(options: { root: string; fs: ProtocolFileSystem; log: Logger }) {
  const { root, fs, log } = options;
  return async function serveApp(request: Request): Promise<Response> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plainResponse(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
      log.warn('protocol', `refused request for another host: ${request.url}`);
      return plainResponse(404, 'Not found');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
    const file = resolveContained(root, url.pathname);
    if (!file) {
      log.warn('protocol', `refused path outside the app: ${request.url}`);
      return plainResponse(404, 'Not found');
    }
    try {
      const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
      if (!isInside(realRoot, realFile)) {
        log.warn('protocol', `refused a link leading outside the app: ${request.url}`);
        return plainResponse(404, 'Not found');
      }
      const bytes = await fs.readFile(realFile);
      const headers = { 'content-type': mimeType(file), 'content-length': String(bytes.byteLength), ...SECURITY_HEADERS };
      return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), { status: 200, headers });
    } catch {
      return plainResponse(404, 'Not found');
    }
  };
}
