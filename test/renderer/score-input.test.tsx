import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { useWorkspace, type OpenDossier, type ReviewWriter } from '../../src-renderer/state/workspace';
import { useUi } from '../../src-renderer/state/ui';
import { useDrafts } from '../../src-renderer/state/drafts';
import type { ReviewEdit } from '../../src-renderer/core/review/edits';
import { ScorePanel } from '../../src-renderer/ui/panels/ScorePanel';
import { useReviewerProfile } from '../../src-renderer/state/reviewer-profile';

const profileJson = JSON.parse(readFileSync('resources/profiles/shenzhen-2024-dsp.json', 'utf8')) as unknown;
let writes: ReviewEdit[];

beforeEach(() => {
  vi.stubGlobal('fetch', async () => ({ ok: true, status: 200, json: async () => profileJson }));
  // Each test begins with no draft and no draft's base version left by the one before.
  useDrafts.setState({ drafts: {}, bases: {} });
  useUi.setState({ language: 'zh-CN' });
  useReviewerProfile.setState({ profile: { name: '王审', role: 'expert', organisation: '某大学', relations: [] }, dialog: null });
  writes = [];
  const writer: ReviewWriter = { reviewerId: 'local', write: async (_id, edit) => void writes.push(edit) };
  const dossier = {
    id: 'score-dossier', documents: [],
    manifest: { schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市示例有限公司', category: 'comprehensive' }, documents: [], claims: [] },
    review: { schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name: '王审', role: 'expert' }, cuts: [], scores: { 'capability.staff': '6' }, fields: [], findings: [], checklists: {}, auditLog: [] },
  } as unknown as OpenDossier;
  useWorkspace.getState().load(dossier, writer);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The staff score's input, once it shows `value` (under load, a moment after the panel mounts). */
async function staffInputShowing(value: string): Promise<HTMLInputElement> {
  await waitFor(() => expect((screen.getByTestId('score-capability.staff') as HTMLInputElement).value).toBe(value), { timeout: 5000 });
  return screen.getByTestId('score-capability.staff') as HTMLInputElement;
}

describe('a refused score', () => {
  it('is never shown as if it counted: it stays marked refused across a tab switch, with the stored score that still applies', async () => {
    const first = render(<ScorePanel />);
    // The refused score is typed once the panel shows the stored one (it has settled), and Enter is
    // pressed once the input shows what was typed.
    fireEvent.change(await staffInputShowing('6'), { target: { value: '999' } });
    const input = await staffInputShowing('999');
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    expect(writes).toEqual([]);
    first.unmount();
    render(<ScorePanel />);
    // The refused value comes back from the drafts kept for the dossier.
    const again = await staffInputShowing('999');
    expect(again.classList.contains('refused')).toBe(true);
    const error = screen.getByTestId('score-error-capability.staff');
    expect(error.textContent).toContain('不能超过满分 8');
    expect(error.textContent).toContain('仍按 6 计算');
    act(() => useUi.setState({ language: 'en' }));
    expect(screen.getByTestId('score-error-capability.staff').textContent).toContain('6 still applies');
    fireEvent.keyDown(again, { key: 'Escape' });
    expect((screen.getByTestId('score-capability.staff') as HTMLInputElement).value).toBe('6');
  });

  it('a valid correction is stored', async () => {
    render(<ScorePanel />);
    // The correction is typed once the panel shows the stored score, and Enter is pressed once the
    // input shows the correction (as in the test above: under load the input had not yet shown it).
    fireEvent.change(await staffInputShowing('6'), { target: { value: '7.5' } });
    const input = await staffInputShowing('7.5');
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    // The write goes through the reviewer gate and the one-writer queue: it lands a few turns later.
    await waitFor(() => expect(writes).toEqual([{ type: 'score', criterionId: 'capability.staff', value: '7.5' }]), { timeout: 5000 });
    expect(useWorkspace.getState().error).toBe(null);
  });
});
