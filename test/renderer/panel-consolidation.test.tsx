import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PanelConsolidation } from '../../src-renderer/ui/consolidation/PanelConsolidation';
import type { PanelEngine, ChairResult } from '../../src-renderer/core/panel/chair-decision';
import type { ReviewFile } from '../../src-renderer/core/types';

afterEach(cleanup);

const criteria = [
  { id: 'basic', label: '基本情况', max: '25' },
  { id: 'capability', label: '服务能力', max: '35' },
];

function review(name: string, scores: Record<string, string>, declared = false): ReviewFile {
  return {
    schema: 'dossier-desk/review@1', program: 'shenzhen-2024-dsp', reviewer: { name, role: 'expert' },
    conflictOfInterest: { declared }, cuts: [], scores, fields: [], findings: [], checklists: {}, auditLog: [],
  };
}

/** A stand-in for the engine: the mean of non-conflicted experts, disputed when they differ by more than 5 points. */
const engine: PanelEngine = {
  aggregate(reviews) {
    const eligible = reviews.filter((entry) => !entry.conflictOfInterest?.declared);
    const scores: Record<string, string | null> = {};
    const disputed: string[] = [];
    for (const { id } of criteria) {
      const values = eligible.map((entry) => entry.scores[id]).filter((value): value is string => value !== undefined).map(Number);
      scores[id] = values.length === 0 ? null : (values.reduce((a, b) => a + b, 0) / values.length).toFixed(2);
      if (values.length > 1 && Math.max(...values) - Math.min(...values) > 5) disputed.push(id);
    }
    const flags = reviews.filter((entry) => entry.conflictOfInterest?.declared).map((entry) => ({ code: 'conflict', message: `${entry.reviewer.name}申明利益冲突，不计入`, reviewer: entry.reviewer.name }));
    return { scores, disputed, flags };
  },
  total(scores) {
    const total = Object.values(scores).reduce((sum, value) => sum + Number(value), 0).toFixed(2);
    return { total, band: Number(total) >= 60 ? '[60,70)' : '<60' };
  },
};

function readReview(text: string, fileName: string): ReviewFile {
  const value = JSON.parse(text) as ReviewFile;
  if (value.schema !== 'dossier-desk/review@1') throw new Error(`${fileName}: not a review file`);
  return value;
}

function jsonFile(name: string, value: unknown): File {
  return new File([JSON.stringify(value)], name, { type: 'application/json' });
}

describe('PanelConsolidation', () => {
  it('loads review files, shows scores, aggregation and flags, and reports a bad file by name', async () => {
    render(<PanelConsolidation criteria={criteria} chair="陈组长" readReview={readReview} engine={engine} onResult={() => undefined} />);
    expect(screen.getByText('尚未载入评审文件')).toBeTruthy();
    fireEvent.change(screen.getByTestId('panel-load-reviews'), { target: { files: [
      jsonFile('li.json', review('李专家', { basic: '20', capability: '30' })),
      jsonFile('zhang.json', review('张专家', { basic: '12', capability: '28' })),
      jsonFile('zhao.json', review('赵专家', { basic: '25', capability: '35' }, true)),
      jsonFile('broken.json', { schema: 'other' }),
    ] } });
    await waitFor(() => expect(screen.getByTestId('panel-table')).toBeTruthy());
    expect(screen.getByTestId('panel-reviewer-赵专家').textContent).toContain('申明回避');
    expect(screen.getByTestId('panel-aggregate-basic').textContent).toBe('16.00');
    expect(screen.getByTestId('panel-row-basic').getAttribute('data-disputed')).toBe('true');
    expect(screen.getByTestId('panel-row-capability').getAttribute('data-disputed')).toBe('false');
    expect(screen.getByTestId('panel-flags').textContent).toContain('赵专家申明利益冲突');
    expect(screen.getByRole('alert').textContent).toBe('broken.json: not a review file');
    expect(screen.getByTestId('panel-load-picked').textContent).toBe('已选择 4 个文件');
  });

  it('picks files through a button in the interface language, never the browser picker text', () => {
    render(<PanelConsolidation criteria={criteria} chair="陈组长" readReview={readReview} engine={engine} onResult={() => undefined} />);
    const input = screen.getByTestId('panel-load-reviews') as HTMLInputElement;
    const click = vi.spyOn(input, 'click');
    expect(screen.getByTestId('panel-load-button').textContent).toBe('载入评审文件');
    expect(screen.getByTestId('panel-load-picked').textContent).toBe('未选择文件');
    expect(input.className).toContain('visually-hidden');
    fireEvent.click(screen.getByTestId('panel-load-button'));
    expect(click).toHaveBeenCalledTimes(1);
    cleanup();
    render(<PanelConsolidation criteria={criteria} chair="Chair" readReview={readReview} engine={engine} onResult={() => undefined} language="en" />);
    expect(screen.getByTestId('panel-load-button').textContent).toBe('Load review files');
    expect(screen.getByTestId('panel-load-picked').textContent).toBe('No file chosen');
  });

  it('makes the chair decide a disputed criterion with a reason, then produces the panel result', async () => {
    const onResult = vi.fn<(result: ChairResult) => void>();
    render(<PanelConsolidation criteria={criteria} chair="陈组长" readReview={readReview} engine={engine} onResult={onResult}
      initialReviews={[review('李专家', { basic: '20', capability: '30' }), review('张专家', { basic: '12', capability: '28' })]}
      now={() => '2024-10-22T10:00:00+08:00'} />);
    const produce = screen.getByTestId('panel-produce') as HTMLButtonElement;
    expect(produce.disabled).toBe(true);
    expect(screen.getByTestId('panel-problems').textContent).toContain('基本情况：专家意见分歧，须填写裁定理由');

    fireEvent.change(screen.getByTestId('panel-decision-basic'), { target: { value: '26' } });
    expect(screen.getByTestId('panel-problems').textContent).toContain('基本情况：裁定分数超过满分');
    fireEvent.change(screen.getByTestId('panel-decision-basic'), { target: { value: '18' } });
    fireEvent.change(screen.getByTestId('panel-note-basic'), { target: { value: '经合议取18分' } });
    expect(screen.queryByTestId('panel-problems')).toBeNull();
    expect(screen.getByTestId('panel-total').textContent).toBe('47.00（档次 <60）');
    expect(produce.disabled).toBe(false);
    fireEvent.click(produce);

    expect(onResult).toHaveBeenCalledTimes(1);
    const result = onResult.mock.calls[0]![0];
    expect(result.outcome).toEqual({
      total: '47.00', band: '<60', scores: { basic: '18', capability: '29.00' }, flags: [], chair: '陈组长',
      resolutions: [{ criterion: 'basic', value: '18', note: '经合议取18分' }],
    });
    expect(result.review.reviewer).toEqual({ name: '陈组长', role: 'chair' });
    expect(result.review.scores).toEqual({ basic: '18', capability: '29.00' });
    expect(result.review.decision).toEqual({ signedAt: '2024-10-22T10:00:00+08:00' });
    expect(screen.getByTestId('panel-produced').textContent).toContain('47.00');
  });

  it('speaks English when asked', () => {
    render(<PanelConsolidation criteria={criteria} chair="Chen" readReview={readReview} engine={engine} onResult={() => undefined} language="en" />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Panel consolidation');
  });
});
