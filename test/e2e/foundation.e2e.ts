import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2eSession } from './browser';

describe('foundation slice in web mode', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('renders page 1 of the bundled sample PDF with its Chinese text, with no request leaving 127.0.0.1', async () => {
    const { page } = session;
    await page.goto(session.baseUrl);
    await page.getByTestId('open-sample').click();
    const canvas = page.getByTestId('pdf-page-1').locator('canvas');
    await canvas.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForSelector('[data-testid="page-text"][data-rendered="yes"]', { timeout: 30_000 });
    const painted = await canvas.evaluate((element: HTMLCanvasElement) => {
      const context = element.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, element.width, element.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
      return dark;
    });
    expect(painted).toBeGreaterThan(500);
    const text = await page.getByTestId('page-text').textContent();
    expect(text).toContain('电子发票');
    expect(text).toContain('深圳市示例数字科技有限公司');
    expect(session.outsideRequests).toEqual([]);
  });
});
