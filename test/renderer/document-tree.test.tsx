// The document tree of a dossier of 10,000 files renders only the lines in view and a margin, grouped
// by kind as before; the file opened (from the ledger, or [ and ]) is brought into the window; a
// reading arriving does not sort the list again. A short tree renders every file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useWorkspace, type DeskDocument, type OpenDossier } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import { DocumentTree } from '../../src-renderer/ui/Sidebar';
import type { ReviewFile } from '../../src-renderer/core/types';

const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};

function documentsOf(invoices: number): DeskDocument[] {
  const document = (path: string, kind: DeskDocument['kind']): DeskDocument => ({
    path, sha256: path.padEnd(64, '0').slice(0, 64), type: 'pdf', kind, size: 1, problems: [], loadBytes: async () => new Uint8Array(),
  });
  return [
    document('合同/合同01.pdf', 'contract'),
    ...Array.from({ length: invoices }, (_, index) => document(`发票/${String(index).padStart(5, '0')}.pdf`, 'invoice')),
    document('回单/回单01.pdf', 'payment'),
  ];
}

function openWith(documents: DeskDocument[]) {
  const open: OpenDossier = {
    id: 'd1', review, documents,
    manifest: { schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' }, documents: [], claims: [] },
  };
  useWorkspace.getState().load(open, null);
}

const lines = () => document.querySelectorAll('[data-testid^="doc-"]');

beforeEach(() => useUi.setState({ language: 'zh-CN', activeFile: null }));
afterEach(cleanup);

describe('the document tree', () => {
  it('renders a window of a 10,000-file tree and brings the file opened far below into it', () => {
    openWith(documentsOf(10_000));
    render(<DocumentTree />);
    expect(document.querySelector('#tree-heading + .muted')!.textContent).toBe('10002');
    expect(lines().length).toBeLessThan(150);
    expect(screen.getByTestId('doc-发票/00000.pdf')).toBeTruthy();
    expect(screen.queryByTestId('doc-发票/09000.pdf')).toBeNull();
    expect(screen.getByText('付款凭证', { exact: false })).toBeTruthy();
    act(() => useUi.getState().openFile('发票/09000.pdf'));
    expect(screen.getByTestId('doc-发票/09000.pdf').getAttribute('aria-current')).toBe('true');
    expect(lines().length).toBeLessThan(150);
  });

  it('shows a reading that arrives on its line, in the same order', () => {
    openWith(documentsOf(300));
    render(<DocumentTree />);
    const state = () => screen.getByTestId('doc-发票/00001.pdf').querySelector('.doc-state')!.getAttribute('data-state');
    const before = state();
    act(() => useWorkspace.getState().updateDocuments(new Map([['发票/00001.pdf', { ocrPending: true }]])));
    expect(state()).toBe('ocr-pending');
    expect(state()).not.toBe(before);
    const order = [...lines()].map((line) => line.getAttribute('data-testid'));
    expect(order.indexOf('doc-发票/00000.pdf')).toBeLessThan(order.indexOf('doc-发票/00001.pdf'));
  });

  it('renders every file of a short tree', () => {
    openWith(documentsOf(20));
    render(<DocumentTree />);
    expect(lines().length).toBe(22);
  });
});
