// The funding plan's audit column: the verdict chip says provisional while a dossier's error findings
// are open on an unsigned review.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { planBatch } from '../../src-renderer/core/plan';
import { useUi } from '../../src-renderer/state/ui';
import { PlanTable } from '../../src-renderer/ui/plan/PlanDialog';
import { manifest, profile, review } from '../core/engine/builders';

afterEach(cleanup);

describe('plan table audit verdict', () => {
  it('provisional for the dossier with an open error finding, settled for the one without', () => {
    useUi.setState({ language: 'zh-CN' });
    const shenzhen = profile('shenzhen-2024-dsp');
    // A service bought from the applicant itself: a related-party error.
    const related = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00', counterparty: '测试申报有限公司' }], { name: '测试申报有限公司', creditCode: '91440300A' });
    const plain = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '100.00' }], { name: '乙公司', creditCode: '91440300B' });
    const result = planBatch([
      { dossier: 'A', profile: shenzhen, manifest: related, reviews: [review('shenzhen-2024-dsp')] },
      { dossier: 'B', profile: shenzhen, manifest: plain, reviews: [review('shenzhen-2024-dsp')] },
    ], 100_000_000_000, 'pro-rata');
    render(<PlanTable plan={{ profile: shenzhen, result, ids: new Map([['A', 'ida'], ['B', 'idb']]) }} onOpen={() => undefined} />);
    const chipOf = (id: string) => screen.getByTestId(`plan-row-${id}`).querySelector('.verdict-chip')!;
    expect(chipOf('ida').textContent).toBe('通过 暂定');
    expect(chipOf('ida').classList.contains('verdict-provisional')).toBe(true);
    expect(chipOf('ida').getAttribute('title')).toBe('暂定结论：按已确认的核减计算，尚有待处理事项：1 项错误待处理');
    expect(chipOf('idb').textContent).toBe('通过');
    expect(chipOf('idb').classList.contains('verdict-provisional')).toBe(false);
  });
});
