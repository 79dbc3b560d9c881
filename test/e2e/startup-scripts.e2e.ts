// What the window loads to start (#15: a 10,000-row dossier reopens in under 3 s): the scripts of the
// start-up path hold no pdf.js (about 400 kB of script to parse and compile); pdf.js comes, from the
// app's own origin, when a PDF is first shown, and the PDF is painted with it — after a reload too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'playwright-core';
import { openSession, type E2eSession } from './browser';

/** Strings of pdf.js's own (its worker set-up), which a bundle that holds pdf.js keeps even minified. */
const PDFJS_MARKERS = ['Setting up fake worker', 'GlobalWorkerOptions'];

interface LoadedScript {
  url: string;
  pdfjs: boolean;
}

describe('the scripts of the start-up path', () => {
  let session: E2eSession;
  const scripts: LoadedScript[] = [];
  const reading: Promise<void>[] = [];

  beforeAll(async () => {
    session = await openSession();
    session.page.on('response', (response: Response) => {
      if (response.request().resourceType() !== 'script') return;
      reading.push(response.text().then(
        (text) => void scripts.push({ url: response.url(), pdfjs: PDFJS_MARKERS.some((marker) => text.includes(marker)) }),
        () => undefined,
      ));
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  /** The window's scripts so far, once their bodies have been read. */
  async function loaded(): Promise<LoadedScript[]> {
    await Promise.all(reading);
    return [...scripts];
  }

  it('starts without pdf.js', async () => {
    const { page } = session;
    await page.goto(session.baseUrl);
    await page.getByTestId('open-sample').waitFor({ timeout: 60_000 });
    // Whatever the start loads after its first screen (idle work, prefetches) is in too.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 })));
    const atStart = await loaded();
    expect(atStart.length).toBeGreaterThan(0);
    expect(atStart.filter((script) => script.pdfjs).map((script) => script.url)).toEqual([]);
  });

  it('loads pdf.js from the app itself when a PDF is shown, and paints it', async () => {
    const { page } = session;
    await page.getByTestId('open-sample').click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.waitForSelector('[data-testid="pdf-page-1"][data-state="done"]', { timeout: 60_000 });
    const withPdfjs = (await loaded()).filter((script) => script.pdfjs);
    expect(withPdfjs.length).toBeGreaterThan(0);
    for (const script of withPdfjs) expect(new URL(script.url).origin).toBe(new URL(session.baseUrl).origin);
  });

  it('reopens the dossier without pdf.js until its PDF is shown, then paints it', async () => {
    const { page } = session;
    scripts.length = 0;
    reading.length = 0;
    await page.reload();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.waitForSelector('[data-testid="pdf-page-1"][data-state="done"]', { timeout: 60_000 });
    const scriptsNow = await loaded();
    // The entry and the chunks it imports come before the tree; pdf.js only with the page shown.
    const entry = scriptsNow.find((script) => /\/assets\/index-[^/]*\.js$/.test(script.url));
    expect(entry?.pdfjs).toBe(false);
    expect(scriptsNow.some((script) => script.pdfjs)).toBe(true);
    expect(session.outsideRequests).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
