// Background extraction keeps both OCR workers busy: two files are read at a time, every invoice
// document gets its reading, and cancelling stops the lanes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DossierStore } from '../../src-renderer/db/store';
import { cancelExtraction, extractMissing } from '../../src-renderer/state/extraction';
import { documentState } from '../../src-renderer/ui/documents';
import { useWorkspace, type OpenDossier } from '../../src-renderer/state/workspace';
import { newReview } from '../../src-renderer/core/review/read-write';

const reads = vi.hoisted(() => ({ started: [] as string[], inFlight: 0, maxInFlight: 0, cancelAfter: Infinity }));

vi.mock('../../src-renderer/platform/extract-client', () => {
  class ExtractionCancelled extends Error {}
  return {
    ExtractionCancelled,
    extractInBrowser: async (file: { name: string }, options: { signal?: AbortSignal }) => {
      reads.started.push(file.name);
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

function openWith(id: string, count: number): void {
  const documents = Array.from({ length: count }, (_, index) => ({
    path: `发票/${index + 1}.pdf`, sha256: `${id}-${index}`, type: 'pdf' as const, kind: 'invoice' as const, size: 1, problems: [],
    loadBytes: () => Promise.resolve(new Uint8Array()),
  }));
  const manifest = { schema: 'dossier-desk/dossier@1' as const, program: 'shenzhen-2024-dsp', applicant: { name: '甲', category: 'comprehensive' }, documents: [], claims: [] };
  useWorkspace.getState().load({ id, manifest, documents, review: newReview('shenzhen-2024-dsp', { name: '审', role: 'auditor' }) } as unknown as OpenDossier, { reviewerId: 'local', write: async () => undefined });
}

const store = { saveExtraction: vi.fn(async () => undefined) } as unknown as DossierStore;

afterEach(() => {
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
});
