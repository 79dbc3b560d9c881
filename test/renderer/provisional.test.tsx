import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useWorkspace, type OpenDossier } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import { ChecksPanel } from '../../src-renderer/ui/panels/ChecksPanel';
import { usePrereviewReadings } from '../../src-renderer/state/prereview';

beforeEach(() => {
  useUi.setState({ language: 'zh-CN' });
  const dossier = {
    id: 'd-provisional',
    manifest: { schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' }, documents: [], claims: [] },
    documents: [
      { path: 'a.pdf', sha256: 'a'.repeat(64), type: 'pdf', kind: 'invoice', size: 1, problems: [], ocrPending: true, loadBytes: async () => new Uint8Array() },
      { path: 'b.pdf', sha256: 'b'.repeat(64), type: 'pdf', kind: 'invoice', size: 1, problems: [], ocrPending: true, loadBytes: async () => new Uint8Array() },
    ],
    review: { schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' }, cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [] },
  } as unknown as OpenDossier;
  useWorkspace.getState().load(dossier, { reviewerId: 'local', write: async () => undefined });
});
afterEach(() => {
  cleanup();
  usePrereviewReadings.getState().reset(null);
});

describe('findings while documents are still being read', () => {
  it('are marked provisional with how many documents are left, until reading ends', () => {
    render(<ChecksPanel />);
    expect(screen.getByTestId('provisional').textContent).toContain('还剩 2 项读取');
    act(() => useWorkspace.getState().updateDocument('a.pdf', { ocrPending: false }));
    expect(screen.getByTestId('provisional').textContent).toContain('还剩 1 项读取');
    act(() => useUi.setState({ language: 'en' }));
    expect(screen.getByTestId('provisional').textContent).toContain('provisional');
    act(() => useWorkspace.getState().updateDocument('b.pdf', { ocrPending: false }));
    expect(screen.queryByTestId('provisional')).toBeNull();
  });

  it('stay provisional while the pre-review still reads files by content (a material not found may be in one of them)', () => {
    act(() => {
      useWorkspace.getState().updateDocument('a.pdf', { ocrPending: false });
      useWorkspace.getState().updateDocument('b.pdf', { ocrPending: false });
      usePrereviewReadings.getState().reset('d-provisional');
      usePrereviewReadings.getState().setPending('d-provisional', 3);
    });
    render(<ChecksPanel />);
    expect(screen.getByTestId('provisional').textContent).toContain('还剩 3 项读取');
    act(() => usePrereviewReadings.getState().setPending('d-provisional', 0));
    expect(screen.queryByTestId('provisional')).toBeNull();
  });

  it('a pre-review reading of another dossier does not count', () => {
    act(() => {
      useWorkspace.getState().updateDocument('a.pdf', { ocrPending: false });
      useWorkspace.getState().updateDocument('b.pdf', { ocrPending: false });
      usePrereviewReadings.getState().reset('another-dossier');
      usePrereviewReadings.getState().setPending('another-dossier', 5);
    });
    render(<ChecksPanel />);
    expect(screen.queryByTestId('provisional')).toBeNull();
  });
});
