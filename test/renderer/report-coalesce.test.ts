// state/report.ts at scale: a cut is evaluated at once (the gauge moves in the same frame), and the
// readings of many files marked together (updateDocuments, addReadings) are one change of the
// document list or the readings, evaluated once, not once per file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DossierManifest, ReviewFile } from '../../src-renderer/core/types';

const evaluations = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src-renderer/core/engine', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src-renderer/core/engine')>();
  return { ...original, evaluateDossier: (...args: Parameters<typeof original.evaluateDossier>) => { evaluations.count++; return original.evaluateDossier(...args); } };
});

const { startEvaluation } = await import('../../src-renderer/state/report');
const { useWorkspace } = await import('../../src-renderer/state/workspace');
const { usePrereviewReadings } = await import('../../src-renderer/state/prereview');

const fromRoot = (path: string) => join(process.cwd(), path);
const profileJson = JSON.parse(readFileSync(fromRoot('resources/profiles/shenzhen-2024-dsp.json'), 'utf8')) as unknown;
const manifest = JSON.parse(readFileSync(fromRoot('resources/samples/shenzhen-dsp/dossier.json'), 'utf8')) as DossierManifest;
const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '周审计', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};
const FILES = 60;

beforeEach(async () => {
  vi.stubGlobal('fetch', async () => ({ ok: true, status: 200, json: async () => profileJson }));
  const documents = Array.from({ length: FILES }, (_, i) => ({
    path: `发票/${i}.xml`, sha256: String(i).padEnd(64, '0'), type: 'xml' as const, kind: 'invoice' as const, size: 100, problems: [], loadBytes: async () => new Uint8Array(),
  }));
  useWorkspace.getState().load({ id: 'sample', manifest, documents, review }, { reviewerId: 'local', write: async () => undefined });
  await startEvaluation('sample', 'shenzhen-2024-dsp', [], () => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('evaluating a large dossier while its files are read', () => {
  it('evaluates the readings of many files given together once, not once per file', () => {
    evaluations.count = 0;
    useWorkspace.getState().updateDocuments(new Map(Array.from({ length: FILES }, (_, i) => [`发票/${i}.xml`, { extraction: { file: `发票/${i}.xml`, sha256: String(i).padEnd(64, '0'), errors: [], invoices: [] } }])));
    expect(evaluations.count).toBe(1);
    expect(useWorkspace.getState().report).not.toBeNull();
  });

  it('marks many documents in one change of the document list, not one per document', () => {
    let changes = 0;
    const unsubscribe = useWorkspace.subscribe((state, before) => { if (state.open?.documents !== before.open?.documents) changes++; });
    useWorkspace.getState().updateDocuments(new Map(Array.from({ length: FILES }, (_, i) => [`发票/${i}.xml`, { ocrPending: true }])));
    unsubscribe();
    expect(changes).toBe(1);
    expect(useWorkspace.getState().open!.documents.every((doc) => doc.ocrPending)).toBe(true);
  });

  it('takes the readings stored earlier in one change of the readings, not one per file', () => {
    usePrereviewReadings.getState().reset('sample');
    let changes = 0;
    const unsubscribe = usePrereviewReadings.subscribe((state, before) => { if (state.readings !== before.readings) changes++; });
    usePrereviewReadings.getState().addReadings('sample', Array.from({ length: FILES }, (_, i) => ({ file: `发票/${i}.xml`, type: 'xml', size: 100, pageCount: 1, pages: [], table: null, error: null })));
    unsubscribe();
    expect(changes).toBe(1);
    expect(usePrereviewReadings.getState().readings.size).toBe(FILES);
  });

  it('evaluates a cut at once, with the readings that arrived before it', async () => {
    useWorkspace.getState().updateDocument('发票/0.xml', { extraction: { file: '发票/0.xml', sha256: '0'.padEnd(64, '0'), errors: [], invoices: [] } });
    evaluations.count = 0;
    const claim = manifest.claims.at(-1)!;
    await useWorkspace.getState().edit({ type: 'cut', claimId: claim.id, cut: { claimId: claim.id, amount: '100.00', reason: 'other' } });
    expect(evaluations.count).toBe(1);
    expect(useWorkspace.getState().report!.cutFen).toBe(10_000);
  });
});
