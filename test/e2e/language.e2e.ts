// Every screen in each language shows no text of the other language. The page's own words are
// scanned; what the dossier itself says (names, file names, document text, typed notes) is data, not
// interface: it sits inside `translate="no"` (the HTML attribute for text that is not to be
// translated), inside form fields, or in quotes. Clause citations of the notice stay as the notice
// writes them (五(九)) and are marked translate="no" too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, type E2eSession } from './browser';

/** Visible interface text of the page: text nodes outside translate="no", scripts and hidden elements, with quoted data removed. */
async function interfaceText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[translate="no"], script, style, option:not(:checked), [hidden], [aria-hidden="true"]')) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = (node.textContent ?? '').replace(/“[^”]*”|"[^"]*"|「[^」]*」/g, '').trim();
      if (text) texts.push(text);
    }
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[placeholder], [aria-label], [title]'))) {
      if (element.closest('[translate="no"], [hidden]')) continue;
      for (const attribute of ['placeholder', 'aria-label', 'title']) {
        const value = element.getAttribute(attribute)?.replace(/“[^”]*”|"[^"]*"/g, '').trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Names and terms that are the same in both languages (formats, keys, the product's name). */
const SHARED_TERMS = /\b(?:Dossier Desk|OCR|PDF|OFD|XML|XBRL|JSON|CSV|XLSX|Excel|zip|png|jpe?g|Esc|Enter|Tab|Shift|Ctrl|Alt|Page ?Up|Page ?Down|SHA-256|UTC|MUS|ID|QR|WPS|IndexedDB|A4|Noto|VC\/PE|ERP|MES)\b/gi;
const ENGLISH_WORD = /\b[A-Za-z]{3,}\b/;

function offending(texts: string[], language: 'zh-CN' | 'en'): string[] {
  if (language === 'en') return texts.filter((text) => CJK.test(text));
  return texts.filter((text) => ENGLISH_WORD.test(text.replace(SHARED_TERMS, '')));
}

async function visitEveryScreen(page: Page, check: (screen: string) => Promise<void>) {
  const tabs = await page.locator('[data-testid^="tab-"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')!));
  expect(tabs.length).toBeGreaterThanOrEqual(6);
  for (const tab of tabs) {
    await page.getByTestId(tab).click();
    await page.waitForTimeout(300);
    await check(tab);
  }
  await page.keyboard.press('?');
  await check('shortcuts');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-import-report').click();
  await page.getByTestId('import-report').waitFor();
  await check('import report');
  await page.getByTestId('import-report-close').click();
  if (await page.getByTestId('open-panel').count()) {
    await page.getByTestId('open-panel').click();
    await page.getByTestId('panel-dialog').waitFor();
    await check('panel dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('panel-dialog').waitFor({ state: 'detached' });
  }
  await page.getByTestId('reviewer-profile').click();
  await page.getByTestId('reviewer-dialog').waitFor();
  await check('reviewer dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-plan').click();
  await page.getByTestId('plan-budget').fill('1000000.00');
  await page.getByTestId('plan-table').waitFor({ timeout: 30_000 });
  await check('plan');
  await page.keyboard.press('Escape');
}

function walkBothLanguages(sample: 'open-sample' | 'open-sample-voucher') {
  let session: E2eSession;
  beforeAll(async () => {
    session = await openSession();
    const { page } = session;
    await page.goto(session.baseUrl);
    await page.getByTestId(sample).click();
    await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="ocr-progress"]'), null, { timeout: 300_000 });
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const language of ['en', 'zh-CN'] as const) {
    it(`${language}: no string of the other language on any screen`, async () => {
      const { page } = session;
      await page.getByTestId('language').selectOption(language);
      const problems: string[] = [];
      await visitEveryScreen(page, async (screen) => {
        for (const text of offending(await interfaceText(page), language)) problems.push(`${screen}: ${text}`);
      });
      expect([...new Set(problems)]).toEqual([]);
    });
  }
}

describe('each language on every screen: the Shenzhen provider sample (revenue, applicant the seller)', () => {
  walkBothLanguages('open-sample');
});

describe('each language on every screen: the Guangzhou voucher sample (purchases, applicant the buyer)', () => {
  walkBothLanguages('open-sample-voucher');
});

describe('the panel is offered only where the program has expert scoring', () => {
  it('the Guangzhou voucher program has none: no panel button, and the workstation keeps working', async () => {
    const session = await openSession();
    try {
      const { page } = session;
      await page.goto(session.baseUrl);
      await page.getByTestId('open-sample-voucher').click();
      await page.getByTestId('document-tree').waitFor({ timeout: 60_000 });
      await page.getByTestId('open-plan').waitFor();
      expect(await page.getByTestId('open-panel').count()).toBe(0);
    } finally {
      await session.close();
    }
  });
});
