import { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  isInside,
  resolveContained,
} from '../../src-main/main/protocol';
import { recordingLogger } from './fakes';

vi.mock('electron', () => ({}));

const root = '/opt/dossier-desk/renderer';

describe('app:// path containment (resolveContained)', () => {
  it.each([
    ['/', `${root}/index.html`],
    ['', `${root}/index.html`],
    ['/index.html', `${root}/index.html`],
    ['/assets/app-Bx9q.js', `${root}/assets/app-Bx9q.js`],
    ['/vendor/pdfjs/cmaps/UniGB-UCS2-H.bcmap', `${root}/vendor/pdfjs/cmaps/UniGB-UCS2-H.bcmap`],
    ['//assets//app.js', `${root}/assets/app.js`],
    ['/%E5%AE%A1%E6%9F%A5.json', `${root}/审查.json`],
    ['/fonts/Noto%20Sans.ttf', `${root}/fonts/Noto Sans.ttf`],
  ])('serves %s as %s', (urlPath, file) => {
    expect(resolveContained(root, urlPath)).toBe(file);
  });

  it.each([
    ['plain traversal', '/../secret'],
    ['traversal inside a folder', '/assets/../../etc/passwd'],
    ['traversal that comes back in', '/assets/../index.html'],
    ['current-folder segment', '/./index.html'],
    ['encoded dots', '/%2e%2e/secret'],
    ['encoded slash', '/..%2fsecret'],
    ['encoded dots and slash', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['upper-case encoding', '/%2E%2E/%2E%2E/etc/passwd'],
    ['double encoding of dots', '/%252e%252e/secret'],
    ['double encoding of a slash', '/..%252f..%252fetc/passwd'],
    ['overlong UTF-8 dot', '/%c0%ae%c0%ae/secret'],
    ['malformed escape', '/%E0%A4%A'],
    ['lone percent', '/100%'],
    ['backslash traversal', '/..\\..\\windows\\win.ini'],
    ['encoded backslash', '/..%5c..%5cwindows%5cwin.ini'],
    ['backslash inside a name', '/assets\\app.js'],
    ['NUL', '/index.html%00.png'],
    ['raw NUL', '/index.html\0'],
    ['control character', '/index%0a.html'],
    ['drive letter', '/C:/Windows/win.ini'],
    ['encoded drive letter', '/C%3A/Windows/win.ini'],
    ['drive-relative', '/C:secret'],
    ['UNC with backslashes', '/\\\\server\\share\\file'],
    ['encoded UNC', '/%5c%5cserver%5cshare%5cfile'],
    ['UNC device path', '/\\\\?\\C:\\Windows\\win.ini'],
    ['Windows device name', '/nul'],
    ['Windows device with extension', '/assets/COM1.js'],
    ['alternate data stream', '/index.html::$DATA'],
    ['three dots', '/.../secret'],
    ['trailing space segment', '/.. /secret'],
    ['wildcard', '/assets/*.js'],
    ['question mark that survived decoding', '/index.html%3F.js'],
    ['hash that survived decoding', '/index.html%23'],
    ['the root itself through a traversal', '/assets/..'],
  ])('refuses %s (%s)', (_label, urlPath) => {
    expect(resolveContained(root, urlPath)).toBeNull();
  });

  it('keeps a sibling folder with the same prefix outside', () => {
    expect(isInside(root, '/opt/dossier-desk/renderer-evil/x.js')).toBe(false);
    expect(isInside(root, `${root}/x.js`)).toBe(true);
    expect(isInside(root, '/opt/dossier-desk')).toBe(false);
  });
});

describe('app:// handler', () => {
  let base: string;
  let rendererRoot: string;
  const log = recordingLogger();
  let serve: (request: Request) => Promise<Response>;

  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'dossier-protocol-')));
    rendererRoot = join(base, 'renderer');
    mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'outside');
    mkdirSync(join(base, 'renderer-evil'));
    writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
    symlinkSync(join(base, 'secret.txt'), join(rendererRoot, 'assets', 'link.js'));
    symlinkSync(base, join(rendererRoot, 'up'));
    serve = createAppProtocolHandler({ root: rendererRoot, fs, log });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves index.html with its type and the CSP and security headers', async () => {
    const response = await serve(new Request('app://dossier-desk/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['query', 'app://dossier-desk/assets/app.js?v=../../secret.txt'],
    ['hash', 'app://dossier-desk/assets/app.js#../../secret.txt'],
    ['query and hash', 'app://dossier-desk/assets/app.js?x=%00#/../..'],
  ])('ignores the %s and serves the path', async (_label, url) => {
    const response = await serve(new Request(url));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([
    ['traversal that the URL parser leaves encoded', 'app://dossier-desk/%2e%2e/secret.txt'],
    ['encoded slash traversal', 'app://dossier-desk/assets/..%2f..%2fsecret.txt'],
    ['double encoding', 'app://dossier-desk/%252e%252e/secret.txt'],
    ['backslash', 'app://dossier-desk/assets\\..\\..\\secret.txt'],
    ['sibling folder with the same prefix', 'app://dossier-desk/%2e%2e/renderer-evil/x.js'],
    ['a symbolic link to a file outside', 'app://dossier-desk/assets/link.js'],
    ['a symbolic link to a folder outside', 'app://dossier-desk/up/secret.txt'],
    ['a file that does not exist', 'app://dossier-desk/missing.js'],
    ['a folder', 'app://dossier-desk/assets'],
    ['another host', 'app://evil/index.html'],
  ])('answers 404 for %s', async (_label, url) => {
    const response = await serve(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serve(new Request('app://dossier-desk/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    const head = await serve(new Request('app://dossier-desk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('logs every refusal', () => {
    expect(log.lines.some((line) => line.area === 'protocol' && line.message.includes('link leading outside'))).toBe(true);
    expect(log.lines.some((line) => line.message.includes('another host'))).toBe(true);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it("defaults to 'self' and names no remote origin anywhere", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).toMatch(/^('[a-z-]+'|blob:|data:)$/);
      }
    }
  });

  it("allows 'wasm-unsafe-eval' in script-src only and never 'unsafe-eval' or inline scripts", () => {
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    for (const [name, sources] of directives) {
      expect(sources).not.toContain("'unsafe-eval'");
      if (name !== 'script-src') expect(sources).not.toContain("'wasm-unsafe-eval'");
    }
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('locks objects, frames, base and forms', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });
});
