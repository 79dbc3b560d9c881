// Naming the reviewer (the profile every score, cut and sign-off is recorded under), from the top
// bar's reviewer button, as a reviewer does once at the start.
import type { Page } from 'playwright-core';

export async function nameTheReviewer(page: Page, reviewer: { name: string; organisation: string; role?: string }) {
  await page.getByTestId('reviewer-profile').click();
  await fillReviewerDialog(page, reviewer);
}

/** Fills the reviewer dialog that is open (asked before the first score or cut, or opened to edit) and saves it. */
export async function fillReviewerDialog(page: Page, reviewer: { name: string; organisation: string; role?: string }) {
  const dialog = page.getByTestId('reviewer-dialog');
  await dialog.waitFor();
  await page.getByTestId('reviewer-name').fill(reviewer.name);
  if (reviewer.role) await page.getByTestId('reviewer-role').selectOption(reviewer.role);
  await page.getByTestId('reviewer-organisation').fill(reviewer.organisation);
  await page.getByTestId('reviewer-save').click();
  await dialog.waitFor({ state: 'detached' });
}
