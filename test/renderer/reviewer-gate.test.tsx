// The reviewer is asked once, before the first score or cut: the edit waits for the dialog and goes
// ahead under the name given (the audit actor); closing the dialog drops it; a named reviewer's edits
// go ahead at once. The profile is kept in the store (fake-indexeddb) for the next session.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useWorkspace, type OpenDossier, type ReviewWriter } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import type { ReviewEdit } from '../../src-renderer/core/review/edits';
import { loadReviewerProfile } from '../../src-renderer/state/reviewer';
import { useReviewerProfile } from '../../src-renderer/state/reviewer-profile';
import { actorName, getStore, REVIEWER_ID } from '../../src-renderer/state/store';
import { ReviewerDialog } from '../../src-renderer/ui/reviewer/ReviewerDialog';

let writes: { edit: ReviewEdit; actor: string }[];

beforeEach(async () => {
  useUi.setState({ language: 'zh-CN' });
  await (await getStore()).db.reviewers.clear();
  useReviewerProfile.setState({ profile: null, dialog: null });
  writes = [];
  const writer: ReviewWriter = { reviewerId: 'local', write: async (_id, edit) => void writes.push({ edit, actor: actorName() }) };
  const dossier = {
    id: 'gate-dossier', documents: [],
    manifest: { schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' }, documents: [], claims: [{ id: 'C1', amount: '100.00' }] },
    review: { schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '审查员', role: 'auditor' }, cuts: [], scores: {}, fields: [], findings: [], checklists: {}, auditLog: [] },
  } as unknown as OpenDossier;
  useWorkspace.getState().load(dossier, writer);
});
afterEach(() => cleanup());

describe('the reviewer asked before the first score or cut', () => {
  it('holds the score until the reviewer is named, then records it under that name, and remembers the profile', async () => {
    render(<ReviewerDialog />);
    let stored: Promise<boolean>;
    await act(async () => {
      stored = useWorkspace.getState().edit({ type: 'score', criterionId: 'basic.revenue', value: '7' });
    });
    expect(await screen.findByTestId('reviewer-dialog')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('评分或核减前，请先登记评审人信息。');
    expect(writes).toEqual([]);
    // The same score committed again while the dialog is open (the blur it causes) waits only once.
    let again: Promise<boolean>;
    await act(async () => {
      again = useWorkspace.getState().edit({ type: 'score', criterionId: 'basic.revenue', value: '7' });
    });
    fireEvent.change(screen.getByTestId('reviewer-name'), { target: { value: '陈专家' } });
    await act(async () => fireEvent.click(screen.getByTestId('reviewer-save')));
    expect(screen.getByTestId('reviewer-problem').textContent).toBe('请填写姓名和工作单位');
    fireEvent.change(screen.getByTestId('reviewer-organisation'), { target: { value: '深圳大学' } });
    await act(async () => fireEvent.click(screen.getByTestId('reviewer-save')));
    expect(await stored!).toBe(true);
    expect(await again!).toBe(false);
    expect(writes).toEqual([{ edit: { type: 'score', criterionId: 'basic.revenue', value: '7' }, actor: '陈专家' }]);
    expect(useWorkspace.getState().open!.review.reviewer).toEqual({ name: '陈专家', role: 'auditor', organisation: '深圳大学' });
    expect(await (await getStore()).reviewerProfile(REVIEWER_ID)).toMatchObject({ name: '陈专家', organisation: '深圳大学', relations: [] });
    // The next session reads it back; a named reviewer's cut goes ahead at once.
    useReviewerProfile.setState({ profile: null });
    await loadReviewerProfile();
    await act(async () => {
      await useWorkspace.getState().edit({ type: 'cut', claimId: 'C1', cut: { claimId: 'C1', amount: '10.00', reason: 'other' } });
    });
    expect(writes.map((write) => write.edit.type)).toEqual(['score', 'cut']);
    expect(screen.queryByTestId('reviewer-dialog')).toBeNull();
  });

  it('drops the edit when the dialog is closed without a name; edits that need no name go ahead', async () => {
    render(<ReviewerDialog />);
    let stored: Promise<boolean>;
    await act(async () => {
      stored = useWorkspace.getState().edit({ type: 'cut', claimId: 'C1', cut: { claimId: 'C1', amount: '10.00', reason: 'other' } });
    });
    await screen.findByTestId('reviewer-dialog');
    await act(async () => fireEvent.keyDown(screen.getByTestId('reviewer-dialog'), { key: 'Escape' }));
    expect(await stored!).toBe(false);
    expect(writes).toEqual([]);
    expect(useWorkspace.getState().open!.review.cuts).toEqual([]);
    await act(async () => {
      await useWorkspace.getState().edit({ type: 'finding', findingId: 'F1', status: 'accepted', note: '' });
    });
    expect(writes).toEqual([{ edit: { type: 'finding', findingId: 'F1', status: 'accepted', note: '' }, actor: '审查员' }]);
  });
});
