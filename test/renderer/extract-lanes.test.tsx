// Background extraction keeps both OCR workers busy: two files are read at a time, every invoice
// document gets its reading, and cancelling stops the lanes. A document listed as `other` (or with no
// kind) that the pre-review reads as an invoice or a receipt is shown under that kind and extracted
// like one, also when the pre-review finds it while a round is running.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { ProgressBar } from '../../src-renderer/ui/ProgressBar';
import { useUi, type ProgressState } from '../../src-renderer/state/ui';
import type { DossierStore } from '../../src-renderer/db/store';
import { applyContentKinds, cancelExtraction, documentsToExtract, extractMissing } from '../../src-renderer/state/extraction';
import { usePrereviewReadings } from '../../src-renderer/state/prereview';
import { documentState } from '../../src-renderer/ui/documents';
import { kindOf, useWorkspace, type OpenDossier } from '../../src-renderer/state/workspace';
import type { PlacedDocument, PrereviewResult } from '../../src-renderer/core/prereview';
import { newReview } from '../../src-renderer/core/review/read-write';
import type { PageOutcome } from '../../src-renderer/core/extract/pipeline';

const reads = vi.hoisted(() => ({
  started: [] as string[], inFlight: 0, maxInFlight: 0, cancelAfter: Infinity, pageLabels: [] as unknown[],
  /** long-scan.pdf: the pages OCR'd by each reading, the stored pages each was given, and the page after which to cancel. */
  ocrd: [] as number[][], given: [] as number[][], cancelAfterPage: Infinity, shownDuring: [] as string[],
}));

vi.mock('../../src-renderer/platform/extract-client', () => {
  class ExtractionCancelled extends Error {}
  return {
    ExtractionCancelled,
    extractInBrowser: async (file: { name: string }, options: {
      signal?: AbortSignal; onProgress?: (step: { file: string; stage: string; page?: number; pageCount?: number }) => void;
      onPageRead?: (outcome: PageOutcome) => void; onOcrText?: (text: PageOutcome['ocrText'][number]) => void; readPages?: { sha256: string; pages: PageOutcome[] };
    }) => {
      reads.started.push(file.name);
      if (file.name.endsWith('long-scan.pdf')) {
        // A 6-page scan read page by page as the pipeline does: the given pages are not read again.
        const given = new Set((options.readPages?.pages ?? []).map((outcome) => outcome.page));
        reads.given.push([...given]);
        const ocrd: number[] = [];
        reads.ocrd.push(ocrd);
        for (let page = 1; page <= 6; page++) {
          if (given.has(page)) continue;
          if (options.signal?.aborted) throw new ExtractionCancelled();
          options.onProgress?.({ file: file.name, stage: 'ocr', page, pageCount: 6 });
          ocrd.push(page);
          const text = { page, width: 595, height: 842, items: [{ str: `第${page}页`, box: [0, 0, 1, 1] as [number, number, number, number], confidence: 1 }] };
          options.onOcrText?.(text);
          options.onPageRead?.({ page, result: null, evidence: null, preview: false, ocrText: [text] });
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (reads.shownDuring.length === 0 && given.size > 0) {
            render(createElement(ProgressBar, { onCancel: () => undefined }));
            reads.shownDuring.push(`${screen.getByTestId('ocr-progress').getAttribute('data-pages-resumed')}|${screen.getByTestId('ocr-progress').textContent}`);
            cleanup();
          }
          if (page >= reads.cancelAfterPage) cancelExtraction();
        }
        for (const outcome of options.readPages?.pages ?? []) for (const text of outcome.ocrText) options.onOcrText?.(text);
        return { file: file.name, sha256: 's', invoices: [], errors: [{ code: 'not-an-invoice', message: `${file.name}: no invoice` }] };
      }
      if (file.name.endsWith('scan.pdf')) {
        for (const page of [1, 12, 300]) {
          options.onProgress?.({ file: file.name, stage: 'ocr', page, pageCount: 300 });
          reads.pageLabels.push(useUi.getState().progress);
        }
      }
      if (reads.started.length > reads.cancelAfter) cancelExtraction();
      reads.inFlight++;
      reads.maxInFlight = Math.max(reads.maxInFlight, reads.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      reads.inFlight--;
      if (options.signal?.aborted) throw new ExtractionCancelled();
      return { file: file.name, sha256: 's', invoices: [], errors: [{ code: 'not-an-invoice', message: `${file.name}: no invoice` }] };
    },
  };
});

function openWith(id: string, count: number, kind: 'invoice' | 'other' = 'invoice', program = 'shenzhen-2024-dsp'): void {
  const documents = Array.from({ length: count }, (_, index) => ({
    path: `发票/${index + 1}.pdf`, sha256: `${id}-${index}`, type: 'pdf' as const, kind, size: 1, problems: [],
    loadBytes: () => Promise.resolve(new Uint8Array()),
  }));
  const manifest = { schema: 'dossier-desk/dossier@1' as const, program, applicant: { name: '甲', category: 'comprehensive' }, documents: [], claims: [] };
  useWorkspace.getState().load({ id, manifest, documents, review: newReview('shenzhen-2024-dsp', { name: '审', role: 'auditor' }) } as unknown as OpenDossier, { reviewerId: 'local', write: async () => undefined });
}

/** A store keeping the unfinished OCR pages in memory, by document and page, as the real one does in IndexedDB. */
const storedPages = new Map<string, PageOutcome>();
const store = {
  saveExtraction: vi.fn(async (dossierId: string, path: string) => {
    for (const key of [...storedPages.keys()]) if (key.startsWith(`${dossierId}:${path}#`)) storedPages.delete(key);
    return { path, sourceHash: 'a'.repeat(64), digest: 'b'.repeat(64), storeVersion: 1 };
  }),
  saveOcrPage: vi.fn(async (dossierId: string, path: string, _sha: string, outcome: PageOutcome) => { storedPages.set(`${dossierId}:${path}#${outcome.page}`, outcome); }),
  ocrPages: vi.fn(async (dossierId: string, path: string) => [...storedPages.entries()].filter(([key]) => key.startsWith(`${dossierId}:${path}#`)).map(([, outcome]) => outcome).sort((a, b) => a.page - b.page)),
} as unknown as DossierStore;

/** The pre-review's placement of a file listed without a kind: what its content showed. */
function placedByContent(file: string, contentKind: PlacedDocument['kind'] | null): PlacedDocument {
  return {
    file, kind: contentKind ?? 'other', contentKind, material: contentKind ? 'm09-revenue-list' : null, type: contentKind, source: contentKind ? 'content' : 'none',
    score: contentKind ? 9 : null, page: 1, pageCount: 1, signals: [], manifestKind: null, contentSuggests: null, error: null,
  };
}

function prereviewShows(dossierId: string, documents: PlacedDocument[]): void {
  usePrereviewReadings.getState().reset(dossierId);
  const result: PrereviewResult = { materials: [], documents, findings: [], notice: [] };
  usePrereviewReadings.setState({ result });
}

afterEach(() => {
  usePrereviewReadings.getState().reset(null);
  cleanup();
  reads.pageLabels = [];
  reads.started = [];
  reads.maxInFlight = 0;
  reads.cancelAfter = Infinity;
});

describe('background extraction', () => {
  it('reads two files at a time and gives every invoice document its reading', async () => {
    openWith('d1', 5);
    await extractMissing(store, 'd1');
    expect(reads.started).toHaveLength(5);
    expect(reads.maxInFlight).toBe(2);
    const documents = useWorkspace.getState().open!.documents;
    expect(documents.every((doc) => doc.extraction?.errors[0]?.code === 'not-an-invoice' && !doc.ocrPending)).toBe(true);
  });

  it('stops both lanes when cancelled', async () => {
    openWith('d2', 6);
    reads.cancelAfter = 2;
    await extractMissing(store, 'd2');
    expect(reads.started.length).toBeLessThanOrEqual(3);
    expect(useWorkspace.getState().open!.documents.some((doc) => doc.ocrPending)).toBe(false);
  });

  it('shows a cancelled document as cancelled, never unreadable, and reads it when resumed', async () => {
    openWith('d3', 4);
    reads.cancelAfter = 1;
    await extractMissing(store, 'd3');
    const unread = useWorkspace.getState().open!.documents.filter((doc) => !doc.extraction);
    expect(unread.length).toBeGreaterThan(0);
    for (const doc of unread) {
      expect(doc.readingCancelled, doc.path).toBe(true);
      expect(documentState(doc), doc.path).toBe('cancelled');
    }
    reads.cancelAfter = Infinity;
    await extractMissing(store, 'd3');
    const documents = useWorkspace.getState().open!.documents;
    expect(documents.every((doc) => doc.extraction?.errors[0]?.code === 'not-an-invoice' && !doc.readingCancelled)).toBe(true);
    expect(documents.map((doc) => documentState(doc))).not.toContain('cancelled');
  });

  it('extracts the files the pre-review reads as invoices or receipts, though listed as other', async () => {
    openWith('d5', 3, 'other');
    // Before the pre-review has read them, nothing says they are evidence.
    expect(documentsToExtract('d5', useWorkspace.getState().open!.documents)).toEqual([]);
    prereviewShows('d5', [placedByContent('发票/1.pdf', 'invoice'), placedByContent('发票/2.pdf', 'payment'), placedByContent('发票/3.pdf', null)]);
    applyContentKinds('d5');
    expect(useWorkspace.getState().open!.documents.map(kindOf)).toEqual(['invoice', 'payment', 'other']);
    expect(useWorkspace.getState().open!.documents.map((doc) => doc.kind)).toEqual(['other', 'other', 'other']);
    await extractMissing(store, 'd5');
    expect(reads.started.sort()).toEqual(['发票/1.pdf', '发票/2.pdf']);
  });

  it('reads every unlisted file of a dossier that names no program (no pre-review can sort them), as check does', async () => {
    openWith('d7', 2, 'other', '');
    expect(documentsToExtract('d7', useWorkspace.getState().open!.documents).map((doc) => doc.path)).toEqual(['发票/1.pdf', '发票/2.pdf']);
    await extractMissing(store, 'd7');
    expect(reads.started.sort()).toEqual(['发票/1.pdf', '发票/2.pdf']);
    expect(useWorkspace.getState().open!.documents.every((doc) => doc.extraction)).toBe(true);
  });

  it('takes the documents the pre-review finds during a round when that round ends', async () => {
    openWith('d6', 2, 'other');
    prereviewShows('d6', [placedByContent('发票/1.pdf', 'invoice'), placedByContent('发票/2.pdf', null)]);
    const round = extractMissing(store, 'd6');
    prereviewShows('d6', [placedByContent('发票/1.pdf', 'invoice'), placedByContent('发票/2.pdf', 'contract')]);
    await extractMissing(store, 'd6');
    await round;
    expect(reads.started).toEqual(['发票/1.pdf', '发票/2.pdf']);
  });

  it('shows the OCR page of a long scan, not only the count of files', async () => {
    openWith('d4', 1);
    useWorkspace.getState().updateDocument('发票/1.pdf', { path: '发票/1.pdf' });
    const documents = useWorkspace.getState().open!.documents.map((doc) => ({ ...doc, path: '发票/scan.pdf' }));
    useWorkspace.setState({ open: { ...useWorkspace.getState().open!, documents } });
    await extractMissing(store, 'd4');
    const shown = reads.pageLabels as ProgressState[];
    expect(shown.map((progress) => progress.page)).toEqual([{ page: 1, pageCount: 300 }, { page: 12, pageCount: 300 }, { page: 300, pageCount: 300 }]);
    act(() => useUi.getState().setProgress(shown[1]!));
    render(createElement(ProgressBar, { onCancel: () => undefined }));
    expect(screen.getByTestId('ocr-progress').textContent).toBe('读取材料 0/1：发票/scan.pdf，OCR 第 12/300 页取消');
    expect([screen.getByTestId('ocr-progress').getAttribute('data-page'), screen.getByTestId('ocr-progress').getAttribute('data-page-count')]).toEqual(['12', '300']);
    act(() => useUi.getState().setLanguage('en'));
    expect(screen.getByTestId('ocr-progress').textContent).toContain('OCR page 12/300');
    act(() => {
      useUi.getState().setLanguage('zh-CN');
      useUi.getState().setProgress(null);
    });
  });

  it('stores each OCR page as it is read; a cancelled long scan resumes after its stored pages and reads none of them again', async () => {
    openWith('d8', 1);
    const documents = useWorkspace.getState().open!.documents.map((doc) => ({ ...doc, path: '发票/long-scan.pdf' }));
    useWorkspace.setState({ open: { ...useWorkspace.getState().open!, documents } });
    reads.cancelAfterPage = 2;
    await extractMissing(store, 'd8');
    expect(useWorkspace.getState().open!.documents[0]!.readingCancelled).toBe(true);
    expect(reads.ocrd[0]).toEqual([1, 2]);
    expect([...storedPages.keys()].sort()).toEqual(['d8:发票/long-scan.pdf#1', 'd8:发票/long-scan.pdf#2']);

    reads.cancelAfterPage = Infinity;
    await extractMissing(store, 'd8');
    expect(reads.given[1]).toEqual([1, 2]);
    expect(reads.ocrd[1]).toEqual([3, 4, 5, 6]);
    expect(reads.shownDuring[0]).toBe('2|读取材料 0/1：发票/long-scan.pdf，OCR 第 3/6 页（接续上次读取：2 页已读过，不再重读）取消');
    // The finished reading holds the words of every page, the stored ones included, and replaces the stored pages.
    const finished = useWorkspace.getState().open!.documents[0]!;
    expect(finished.ocrText?.map((text) => text.page).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(storedPages.size).toBe(0);
  });
});
