// Playwright (playwright-core) on Debian's Chromium, with a guard that fails the test on any
// request that leaves 127.0.0.1.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/persistent-chromium.mjs';

export { CHROMIUM_PATH };

export interface E2eSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Every request to a host other than 127.0.0.1 (or a data:/blob: URL) seen so far. */
  outsideRequests: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    const parsed = new URL(url);
    return parsed.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export async function openSession(options: { locale?: string } = {}): Promise<E2eSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const outsideRequests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => {
    if (!isLocal(request.url())) outsideRequests.push(request.url());
  });
  await context.route((url) => !isLocal(url.toString()), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return {
    browser, context, page, baseUrl: inject('baseUrl'), outsideRequests, consoleErrors,
    close: () => browser.close(),
  };
}
