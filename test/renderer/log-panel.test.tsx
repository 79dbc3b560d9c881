import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useWorkspace, type OpenDossier } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import { LogPanel } from '../../src-renderer/ui/panels/LogPanel';
import type { AuditEntry } from '../../src-renderer/core/types';

const entry: AuditEntry = {
  seq: 1, time: '2024-10-18T09:20:07+08:00', actor: '王审计', action: 'cut.set', target: 'cut:C01',
  before: null, after: { claimId: 'C01', amount: '123456.78', reason: 'amount-mismatch', note: '发票金额小于申报金额，差额部分按规定予以核减，详见附件对照表' },
  prevHash: '0'.repeat(64), hash: 'a'.repeat(64),
};

beforeEach(() => {
  vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
  useUi.setState({ language: 'zh-CN' });
  const dossier = {
    id: 'd1', documents: [],
    manifest: { schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' }, documents: [], claims: [] },
    review: { schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审计', role: 'auditor' }, cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [entry] },
  } as unknown as OpenDossier;
  useWorkspace.getState().load(dossier, { reviewerId: 'local', write: async () => undefined });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('log tab', () => {
  it('reads each entry as a sentence with its complete values and the time to the second, in either language', () => {
    render(<LogPanel />);
    const row = screen.getByTestId('log-1');
    expect(row.textContent).toContain('申报项 C01 核减：无 → ¥123,456.78（理由：金额不符；备注：“发票金额小于申报金额，差额部分按规定予以核减，详见附件对照表”）');
    expect(row.textContent).toMatch(/2024-10-1[78] \d{2}:20:07/);
    expect(row.textContent).not.toContain('cut.set');
    act(() => useUi.setState({ language: 'en' }));
    expect(screen.getByTestId('log-1').textContent).toContain('Cut on claim C01: none → ¥123,456.78 (reason: Amount mismatch; note:');
  });
});
