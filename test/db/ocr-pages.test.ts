// The OCR'd pages of an unfinished reading, kept page by page so that it resumes where it stopped:
// used only for the bytes they were read from and by the same versions, replaced by the finished reading.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossier, type ImportReport } from '../../src-renderer/core/import';
import type { PageOutcome } from '../../src-renderer/core/extract/pipeline';
import { DossierStore } from '../../src-renderer/db';
import { plainPdf } from '../fixtures/hostile/builders';
import { testHasher } from '../core/import/hasher';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
const versions = { engine: 'dossier-desk', ocrModel: 'tesseract.js chi_sim', settings: 'default' };
let counter = 0;

function outcome(page: number, text: string): PageOutcome {
  return { page, result: null, evidence: null, preview: false, ocrText: [{ page, width: 595, height: 842, items: [{ str: text, box: [10, 20, 30, 12], confidence: 0.9 }] }] };
}

async function scanDossier(content: string): Promise<ImportReport> {
  return importDossier([{ path: 'scan.pdf', bytes: plainPdf(content) }], { hasher: testHasher });
}

describe('unfinished OCR pages in the store', () => {
  let store: DossierStore;
  beforeEach(async () => {
    store = await new DossierStore({ hasher: testHasher, clock, name: `ocr-pages-test-${counter++}`, storage: {} }).open();
  });
  afterEach(() => store.close());

  it('keeps each page as it comes and gives them back in page order for the same bytes and versions', async () => {
    const report = await scanDossier('甲');
    await store.saveImport(report, 'auditor-1');
    const sha = report.documents[0]!.sha256;
    await store.saveOcrPage(report.dossierId, 'scan.pdf', sha, outcome(3, '第三页'), versions);
    await store.saveOcrPage(report.dossierId, 'scan.pdf', sha, outcome(1, '第一页'), versions);
    expect(await store.ocrPages(report.dossierId, 'scan.pdf', versions)).toEqual([outcome(1, '第一页'), outcome(3, '第三页')]);
    // Read by another engine version: not reused, and gone.
    expect(await store.ocrPages(report.dossierId, 'scan.pdf', { ...versions, ocrModel: 'tesseract.js chi_sim+eng' })).toEqual([]);
    expect(await store.db.ocrPages.count()).toBe(0);
  });

  it('refuses a page read from other bytes, and drops pages of bytes the document no longer has', async () => {
    const report = await scanDossier('甲');
    await store.saveImport(report, 'auditor-1');
    await expect(store.saveOcrPage(report.dossierId, 'scan.pdf', 'f'.repeat(64), outcome(1, '旧'), versions)).rejects.toThrow(/scan\.pdf: the page was read from other bytes/);
    const documentId = `${report.dossierId}:scan.pdf`;
    await store.db.ocrPages.put({ documentId, page: 1, dossierId: report.dossierId, sourceHash: 'f'.repeat(64), versions, outcome: outcome(1, '旧') });
    expect(await store.ocrPages(report.dossierId, 'scan.pdf', versions)).toEqual([]);
    expect(await store.db.ocrPages.count()).toBe(0);
  });

  it('the finished reading replaces the unfinished pages', async () => {
    const report = await scanDossier('甲');
    await store.saveImport(report, 'auditor-1');
    const sha = report.documents[0]!.sha256;
    await store.saveOcrPage(report.dossierId, 'scan.pdf', sha, outcome(1, '第一页'), versions);
    await store.saveExtraction(report.dossierId, 'scan.pdf', { file: 'scan.pdf', sha256: sha, invoices: [], errors: [] }, versions, [
      { page: 1, method: 'ocr', width: 595, height: 842, text: '第一页', words: [{ text: '第一页', confidence: 0.9, box: [10, 20, 30, 12] }] },
    ]);
    expect(await store.ocrPages(report.dossierId, 'scan.pdf', versions)).toEqual([]);
    expect(await store.db.pages.get(`${report.dossierId}:scan.pdf#1`)).toMatchObject({ text: '第一页' });
  });
});
