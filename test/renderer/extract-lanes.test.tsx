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

const reads = vi.hoisted(() => ({ started: [] as string[], inFlight: 0, maxInFlight: 0, cancelAfter: Infinity, pageLabels: [] as unknown[] }));

vi.mock('../../src-renderer/platform/extract-client', () => {
  class ExtractionCancelled extends Error {}
  return {
    ExtractionCancelled,
    extractInBrowser: async (file: { name: string }, options: { signal?: AbortSignal; onProgress?: (step: { file: string; stage: string; page?: number; pageCount?: number }) => void }) => {
      reads.started.push(file.name);
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

const store = { saveExtraction: vi.fn(async () => undefined) } as unknown as DossierStore;

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
    act(() => useUi.getState().setLanguage('en'));
    expect(screen.getByTestId('ocr-progress').textContent).toContain('OCR page 12/300');
    act(() => {
      useUi.getState().setLanguage('zh-CN');
      useUi.getState().setProgress(null);
    });
  });
});
