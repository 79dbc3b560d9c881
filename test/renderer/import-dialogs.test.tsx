// The import dialogs: the space check before a large import, the import report of a hostile
// dossier stored in a real DossierStore (fake-indexeddb), and importFiles asking, refusing and
// storing by the browser's estimate.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { importDossier } from '../../src-renderer/core/import';
import { DossierStore, type FileOutcome } from '../../src-renderer/db/store';
import { checkImportSpace, type ImportSpaceCheck } from '../../src-renderer/db/storage';
import { useUi } from '../../src-renderer/state/ui';
import {
  announceImport, confirmImportSpace, ImportDialogs, ImportReportDialog, ImportSpaceDialog, showImportReport, useImportDialogs,
} from '../../src-renderer/ui/ImportDialogs';
import { countOutcomes, outcomeLabel, sortForReport } from '../../src-renderer/ui/import-outcomes';
import { einvoiceXml, plainPdf } from '../fixtures/hostile/builders';
import { buildHostileCorpus, corpusAsInput, HOSTILE_LIMITS, type HostileCorpus } from '../fixtures/hostile/corpus';
import { testHasher } from '../core/import/hasher';
import { inProcessImportWorker } from './in-process-import-worker';

vi.mock('../../src-renderer/platform/pdfjs', () => ({ openPdf: vi.fn(), pageText: vi.fn() }));
vi.mock('../../src-renderer/platform/import-client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src-renderer/platform/import-client')>();
  return { ...original, importInWorker: (...[files, options]: Parameters<typeof original.importInWorker>) => original.importInWorker(files, options, () => inProcessImportWorker()) };
});

const MB = 1024 * 1024;

afterEach(() => {
  cleanup();
  useImportDialogs.setState({ spaceCheck: null, answerSpace: null, reportFor: null, announced: null });
});

describe('the space check before a large import', () => {
  it('says clearly that the import will not fit, shows every figure, and cancels', () => {
    const check = checkImportSpace({ files: 3, bytes: 95 * MB, archives: 1 }, { usage: 20 * MB, quota: 100 * MB, available: 80 * MB }, false);
    const answers: boolean[] = [];
    render(<ImportSpaceDialog check={check} onAnswer={(proceed) => answers.push(proceed)} />);
    const dialog = screen.getByTestId('import-space-dialog');
    expect(dialog.getAttribute('data-fits')).toBe('false');
    expect(within(dialog).getByRole('alert').textContent).toBe('按浏览器的估算，这次导入放不下：约需 104.5 MB，仅剩 80 MB。建议取消，先释放空间或分批导入。');
    expect(screen.getByTestId('import-space-selected').textContent).toBe('3 个文件，共 95 MB');
    expect(screen.getByTestId('import-space-needed').textContent).toContain('104.5 MB');
    expect(screen.getByTestId('import-space-needed').textContent).toContain('1 个压缩包');
    expect(screen.getByTestId('import-space-quota').textContent).toBe('100 MB');
    expect(screen.getByTestId('import-space-usage').textContent).toBe('20 MB');
    expect(screen.getByTestId('import-space-free').textContent).toBe('80 MB');
    expect(screen.getByTestId('import-space-persisted').textContent).toContain('未开启');
    expect(document.activeElement).toBe(screen.getByTestId('import-space-cancel'));
    expect(screen.getByTestId('import-space-continue').textContent).toContain('仍然尝试');
    fireEvent.click(screen.getByTestId('import-space-cancel'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(answers).toEqual([false, false]);
  });

  it('asks before a large import that fits, says persistence is granted, and continues', () => {
    const check = checkImportSpace({ files: 1200, bytes: 250 * MB, archives: 0 }, { usage: 0, quota: 10_000 * MB, available: 10_000 * MB }, true);
    const answers: boolean[] = [];
    render(<ImportSpaceDialog check={check} onAnswer={(proceed) => answers.push(proceed)} />);
    expect(screen.getByTestId('import-space-lead').textContent).toContain('所选文件较大（250 MB）');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('import-space-persisted').getAttribute('data-persisted')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('import-space-continue'));
    fireEvent.click(screen.getByTestId('import-space-continue'));
    expect(answers).toEqual([true]);
  });

  it('says when the browser gives no estimate', () => {
    render(<ImportSpaceDialog check={checkImportSpace({ files: 1, bytes: 300 * MB, archives: 0 }, null, false)} onAnswer={() => undefined} />);
    expect(screen.getByTestId('import-space-free').textContent).toBe('浏览器未提供存储空间估算');
    expect(screen.queryByTestId('import-space-quota')).toBeNull();
  });

  it('confirmImportSpace waits for the reviewer through the dialog host', async () => {
    render(<ImportDialogs load={async () => []} />);
    let answer: Promise<boolean> | undefined;
    act(() => { answer = confirmImportSpace(checkImportSpace({ files: 1, bytes: 300 * MB, archives: 0 }, null, false)); });
    fireEvent.click(await screen.findByTestId('import-space-continue'));
    await expect(answer).resolves.toBe(true);
    expect(screen.queryByTestId('import-space-dialog')).toBeNull();
  });
});

describe('the import report', () => {
  let corpus: HostileCorpus;
  let outcomes: FileOutcome[];
  let dossierId: string;

  beforeAll(async () => {
    corpus = buildHostileCorpus();
    const report = await importDossier(corpusAsInput(corpus), { hasher: testHasher, limits: HOSTILE_LIMITS });
    const store = await new DossierStore({ hasher: testHasher, clock: { now: () => '2024-10-20T10:00:00+08:00' }, name: 'import-report-test', storage: {} }).open();
    await store.saveImport(report, 'auditor');
    dossierId = report.dossierId;
    outcomes = await store.fileOutcomes(dossierId);
    store.close();
  }, 30_000);

  it('lists every file of a hostile dossier with its outcome and its message, refused first', async () => {
    render(<ImportReportDialog dossierId={dossierId} load={async () => outcomes} onClose={() => undefined} />);
    const rows = await screen.findAllByTestId('import-report-row');
    expect(rows).toHaveLength(outcomes.length);
    const byPath = new Map(rows.map((row) => [row.getAttribute('data-path'), row]));
    for (const [path, expectation] of Object.entries(corpus.expected)) {
      const row = byPath.get(path);
      expect(row, path).toBeDefined();
      expect(row!.querySelector('th')!.textContent).toBe(path);
      expect(within(row!).getAllByRole('listitem').some((item) => item.getAttribute('data-code') === expectation.code && item.textContent!.includes(expectation.says)), path).toBe(true);
      const outcome = row!.getAttribute('data-outcome');
      if (expectation.severity === 'error') expect(outcome, path).toBe('refused');
      else expect(outcome, path).not.toBe('refused');
    }
    expect(byPath.get('发票/002-copy.pdf')!.getAttribute('data-outcome')).toBe('duplicate');
    expect(byPath.get('encrypted.pdf')!.getAttribute('data-outcome')).toBe('encrypted');
    expect(byPath.get('hidden-font.pdf')!.getAttribute('data-outcome')).toBe('warning');
    expect(within(byPath.get('encrypted.pdf')!).getByText('已加密')).toBeTruthy();
    const truncated = within(byPath.get('truncated.pdf')!).getAllByRole('listitem')[0]!;
    expect(truncated.querySelector('.problem-label')!.textContent).toBe('PDF 不完整（文件被截断）');
    expect(truncated.querySelector('.problem-detail')!.textContent).toContain('cut off');
    for (const path of corpus.good.filter((good) => good !== 'claims.csv')) {
      expect(byPath.get(path)!.getAttribute('data-outcome'), path).toBe('imported');
      expect(within(byPath.get(path)!).queryAllByRole('listitem')).toHaveLength(0);
    }
    const order = rows.map((row) => row.getAttribute('data-outcome'));
    expect(order.lastIndexOf('refused')).toBeLessThan(order.indexOf('imported'));
    const counts = countOutcomes(outcomes);
    expect(screen.getByTestId('import-report-counts').textContent).toBe(`共 ${counts.total} 项：${counts.imported} 已导入，${counts.warnings} 有提示，${counts.refused} 未导入`);
    expect(counts.refused).toBe(Object.values(corpus.expected).filter((e) => e.severity === 'error').length);
  });

  it('labels outcomes and sorts them for the report', () => {
    const labels = new Map(outcomes.map((outcome) => [outcome.path, outcomeLabel(outcome)]));
    expect(labels.get('truncated.pdf')).toBe('refused');
    expect(labels.get('合同/contract.pdf')).toBe('imported');
    expect(sortForReport(outcomes)[0]!.status).toBe('refused');
    expect(sortForReport(outcomes).at(-1)!.status).toBe('imported');
  });

  it('opens from the summary after an import and from showImportReport, in English too', async () => {
    render(<ImportDialogs load={async () => outcomes} />);
    await act(() => announceImport(dossierId, async () => outcomes));
    const counts = countOutcomes(outcomes);
    expect(screen.getByTestId('import-summary').textContent).toContain(`${counts.imported} 个文件已导入，${counts.warnings} 个有提示，${counts.refused} 个未导入`);
    fireEvent.click(screen.getByTestId('import-summary-open'));
    expect(await screen.findAllByTestId('import-report-row')).toHaveLength(outcomes.length);
    fireEvent.click(screen.getByTestId('import-report-close'));
    expect(screen.queryByTestId('import-report')).toBeNull();
    act(() => useUi.getState().setLanguage('en'));
    act(() => showImportReport(dossierId));
    await screen.findAllByTestId('import-report-row');
    expect(screen.getByRole('dialog', { name: 'Import report' })).toBeTruthy();
    expect(screen.getAllByText('Refused').length).toBe(counts.refused);
    act(() => useUi.getState().setLanguage('zh-CN'));
  });

  it('shows why the record could not be read', async () => {
    render(<ImportReportDialog dossierId="x" load={async () => { throw new Error('the store is closed'); }} onClose={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toContain('the store is closed');
  });
});

describe('importFiles with the space check', () => {
  const estimate = { usage: 0, quota: 0 };
  beforeAll(() => {
    Object.defineProperty(navigator, 'storage', {
      configurable: true,
      value: { estimate: async () => ({ ...estimate }), persist: async () => false, persisted: async () => false },
    });
  });

  const files = () => [
    { path: 'dossier/发票/001.xml', bytes: einvoiceXml('24442000000123456789') },
    { path: 'dossier/合同/contract.pdf', bytes: plainPdf('Contract') },
  ];
  const selected = files().reduce((sum, file) => sum + file.bytes.length, 0);

  it('cancels when the reviewer says no, refuses cleanly what does not fit (by estimate or by a quota error while writing), and stores what fits', async () => {
    const { importFiles } = await import('../../src-renderer/state/import');
    const { getStore } = await import('../../src-renderer/state/store');
    const store = await getStore();
    const asked: ImportSpaceCheck[] = [];

    estimate.quota = selected; // the overhead makes it not fit
    expect(await importFiles(files(), { confirmSpace: async (check) => { asked.push(check); return false; } })).toBeNull();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ fits: false, askBecause: 'will-not-fit', selection: { files: 2, bytes: selected, archives: 0 }, persisted: false });
    expect(useUi.getState().notice).toEqual({ tone: 'info', code: 'importSpace.cancelled' });
    expect(await store.listDossiers()).toEqual([]);

    expect(await importFiles(files(), { confirmSpace: async () => true })).toBeNull();
    expect(useUi.getState().notice).toEqual({ tone: 'error', code: 'import.storageFull', params: { needed: expect.stringMatching(/ (B|KB)$/), free: expect.stringMatching(/ (B|KB)$/) } });
    expect(await store.listDossiers()).toEqual([]);
    expect(await store.db.blobs.count()).toBe(0);

    estimate.quota = 1000 * MB;
    const quotaExceeded = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    store.db.blobs.hook('creating', quotaExceeded);
    expect(await importFiles(files(), { confirmSpace: async () => true })).toBeNull();
    store.db.blobs.hook('creating').unsubscribe(quotaExceeded);
    expect(useUi.getState().notice).toEqual({ tone: 'error', code: 'import.storageFullUnknown', params: { needed: expect.stringMatching(/ (B|KB)$/) } });
    expect(await store.listDossiers()).toEqual([]);
    expect(await store.db.blobs.count()).toBe(0);

    asked.length = 0;
    const dossierId = await importFiles(files(), { confirmSpace: async (check) => { asked.push(check); return true; } });
    expect(asked).toEqual([]);
    expect(dossierId).toEqual(expect.any(String));
    expect((await store.listDossiers()).map((row) => row.id)).toEqual([dossierId]);
    expect((await store.fileOutcomes(dossierId!)).map((outcome) => [outcome.path, outcome.status])).toEqual([
      ['发票/001.xml', 'imported'], ['合同/contract.pdf', 'imported'],
    ]);
  }, 30_000);
});
