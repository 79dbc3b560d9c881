// Notices are stored as data (a message key and its parameters) and translated where they are shown:
// the import's notices and the sign-off lock read in the reviewer's language, and follow a switch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useWorkspace, type OpenDossier } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import type { ReviewFile } from '../../src-renderer/core/types';
import { ReviewSignedError } from '../../src-renderer/db/store';
import { AppNotice } from '../../src-renderer/ui/AppNotice';
import { AppError } from '../../src-renderer/ui/AppError';
import { startEvaluation } from '../../src-renderer/state/report';

const review: ReviewFile = {
  schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'auditor' },
  cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [],
};
const dossier: OpenDossier = {
  id: 'd1',
  manifest: {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' },
    documents: [], claims: [{ id: 'C1', description: '云服务', amount: '80000.00' }],
  },
  documents: [],
  review,
};

beforeEach(() => {
  useUi.setState({ language: 'zh-CN', notice: null });
});
afterEach(cleanup);

describe('the app notice', () => {
  it('translates a stored notice where it is shown, in both languages, following a switch', () => {
    useUi.getState().setNotice({ tone: 'error', code: 'import.storageFull', params: { needed: '2 MB', free: '1 MB' } });
    render(<AppNotice />);
    expect(screen.getByTestId('app-notice').textContent).toContain('存储空间不足，导入被拒绝：约需 2 MB，可用 1 MB。');
    act(() => useUi.getState().setLanguage('en'));
    expect(screen.getByTestId('app-notice').textContent).toContain('Not enough storage space; the import was refused: it needs about 2 MB and 1 MB is free.');
    act(() => useUi.getState().setNotice({ tone: 'info', code: 'importSpace.cancelled' }));
    expect(screen.getByTestId('app-notice').textContent).toContain('Import cancelled; nothing was written.');
  });
});

describe('the sign-off lock', () => {
  it('says a signed review is locked in Chinese and in English, whether the reducer or the store refuses the edit', async () => {
    const writes: unknown[] = [];
    useWorkspace.getState().load(structuredClone({ ...dossier, review: { ...review, decision: { signedAt: '2024-10-20T10:00:00+08:00' } } }), { reviewerId: 'local', write: async (_id, edit) => void writes.push(edit) });
    render(<AppNotice />);
    expect(await useWorkspace.getState().edit({ type: 'score', criterionId: 'a', value: '8' })).toBe(false);
    expect(writes).toEqual([]);
    expect(useWorkspace.getState().error).toBeNull();
    expect(screen.getByTestId('app-notice').textContent).toContain('评审已签字确认并锁定，不能再修改。');
    act(() => useUi.setState({ language: 'en', notice: null }));

    useWorkspace.getState().load(structuredClone(dossier), { reviewerId: 'local', write: () => Promise.reject(new ReviewSignedError('local', '2024-10-20T10:00:00+08:00')) });
    await act(async () => { expect(await useWorkspace.getState().edit({ type: 'score', criterionId: 'a', value: '8' })).toBe(false); });
    expect(useWorkspace.getState().open!.review.scores).toEqual({});
    expect(useWorkspace.getState().error).toBeNull();
    expect(screen.getByTestId('app-notice').textContent).toContain('The review is signed and locked; it can no longer be changed.');
  });
});

describe('the app error', () => {
  afterEach(() => useWorkspace.getState().setError(null));

  it('says a dossier has no program in the language chosen now, following a switch; a reason given as text is shown as it is', async () => {
    await startEvaluation('d1', '', [], () => undefined);
    render(<AppError />);
    expect(screen.getByTestId('app-error').textContent).toContain('此卷宗没有 dossier.json，未指明资助计划');
    act(() => useUi.getState().setLanguage('en'));
    expect(screen.getByTestId('app-error').textContent).toContain('This dossier has no dossier.json naming its program');
    expect(screen.getByTestId('app-error').textContent).not.toMatch(/[\u4e00-\u9fff]/u);
    act(() => useWorkspace.getState().setError('disk full'));
    expect(screen.getByTestId('app-error').textContent).toContain('disk full');
  });
});
