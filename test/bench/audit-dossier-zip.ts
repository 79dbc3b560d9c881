// The generated audit dossier of the benches that drive the built web app (app-scale, mirror-latency-web):
// N declared rows delivered as one zip, generated once into the system's temporary folder and kept for
// the next run of the same N; and the wait for its document tree in the page.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { generateAuditDossier } from '../fixtures/audit-dossier';

export interface AuditDossierZip {
  zip: string;
  /** Files in the dossier (the document tree's count once imported). */
  documents: number;
  /** The declared rows' ids, in the manifest's order. */
  claims: string[];
  /** Milliseconds spent generating it in this run (0: it was there). */
  generatedMs: number;
}

/** The generated dossier of `rows` declared rows as one zip on disk (one row with a contract missing, one invoice short). */
export async function auditDossierZip(rows: number): Promise<AuditDossierZip> {
  const dir = join(tmpdir(), `dossier-desk-app-scale-${rows}-proposals`);
  const zip = join(dir, 'dossier.zip');
  let generatedMs = 0;
  if (!existsSync(zip)) {
    mkdirSync(dir, { recursive: true });
    const started = performance.now();
    // The generator writes dossier.json and then expected.json last: both there, the folder is complete.
    if (!existsSync(join(dir, 'expected.json')) || !existsSync(join(dir, 'dossier', 'dossier.json'))) {
      await generateAuditDossier(join(dir, 'dossier'), {
        seed: `app-scale-${rows}`, rows, program: 'shenzhen-2024-dsp', defects: { 'missing-contract': 1, 'amount-short': 1 }, invoicePdfShare: 0.5, scannedReceipts: 0, receiptsPerFile: 50, contractsPerFile: 10,
      }, join(dir, 'expected.json'));
    }
    const entries: Record<string, Uint8Array> = {};
    const walk = (folder: string): void => {
      for (const name of readdirSync(folder).sort()) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) walk(path);
        else entries[`dossier/${relative(join(dir, 'dossier'), path)}`] = readFileSync(path);
      }
    };
    walk(join(dir, 'dossier'));
    writeFileSync(zip, zipSync(entries, { level: 6 }));
    generatedMs = performance.now() - started;
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'dossier', 'dossier.json'), 'utf8')) as { documents: unknown[]; claims: { id: string }[] };
  return { zip, documents: manifest.documents.length, claims: manifest.claims.map((claim) => claim.id), generatedMs };
}

/** performance.now() in the page once the document tree lists `documents` files. */
export async function treeReadyAt(page: Page, documents: number, timeout: number): Promise<number> {
  const handle = await page.waitForFunction((count) => {
    const shown = document.querySelector('#tree-heading + .muted')?.textContent;
    return shown === String(count) ? performance.now() : false;
  }, documents, { timeout, polling: 'raf' });
  return (await handle.jsonValue()) as number;
}

/** Opens the app at `url` and hands it the zip through the import button; the page's clock when it was handed over. */
export async function importZipInto(page: Page, url: string, zip: string): Promise<number> {
  await page.goto(url);
  await page.getByTestId('import-dossier').waitFor({ timeout: 60_000 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-dossier').click();
  const startedAt = await page.evaluate(() => performance.now());
  await (await chooser).setFiles(zip);
  return startedAt;
}
