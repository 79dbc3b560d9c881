import { describe, expect, it } from 'vitest';
import { findBundledProfile } from '../../src-renderer/core/profiles';
import { panelCriteria, panelEngineFor } from '../../src-renderer/ui/consolidation/engine-adapter';
import { producePanelResult } from '../../src-renderer/core/panel/chair-decision';
import type { ReviewFile } from '../../src-renderer/core/types';

const profile = findBundledProfile('shenzhen-2024-dsp')!;
const criteria = panelCriteria(profile);

function expert(name: string, base: Record<string, string>, declared = false): ReviewFile {
  return {
    schema: 'dossier-desk/review@1', program: profile.id, reviewer: { name, role: 'expert' }, conflictOfInterest: { declared },
    cuts: [], scores: base, fields: [], findings: [], checklists: {}, auditLog: [],
  };
}

const full = (overrides: Record<string, string> = {}) => ({
  'basic.revenue': '8', 'basic.honours': '6', 'basic.growth': '5', 'capability.products': '6', 'capability.staff': '6',
  'capability.innovation': '7', 'performance.enterprises': '9', 'performance.amount': '9', 'performance.effects': '8', 'concessions.discounts': '11',
  ...overrides,
});

describe('panel screen on the review engine (Shenzhen rubric)', () => {
  const engine = panelEngineFor(profile, 'comprehensive');

  it('lists the profile rubric as the panel criteria', () => {
    expect(criteria.map((criterion) => criterion.id)).toContain('concessions.discounts');
    expect(criteria.find((criterion) => criterion.id === 'basic.revenue')!.max).toBe('10');
  });

  it('excludes a conflicted expert, averages the others exactly, and marks a disputed criterion', () => {
    const aggregate = engine.aggregate([
      expert('李专家', full({ 'concessions.discounts': '10' })),
      expert('张专家', full({ 'concessions.discounts': '15' })),
      expert('赵专家', full({ 'basic.revenue': '10' }), true),
    ]);
    expect(aggregate.scores['basic.revenue']).toBe('8.00');
    expect(aggregate.scores['concessions.discounts']).toBe('12.50');
    // spread 5 of a 15-point criterion is beyond the engine's 30% tolerance.
    expect(aggregate.disputed).toEqual(['concessions.discounts']);
    expect(aggregate.flags.map((flag) => flag.code)).toEqual(expect.arrayContaining(['conflict-of-interest', 'criterion-spread']));
    expect(aggregate.flags.find((flag) => flag.code === 'criterion-spread')!.criterion).toBe('concessions.discounts');
  });

  it('totals the chair’s resolved scores into the profile’s band', () => {
    const reviews = [expert('李专家', full({ 'concessions.discounts': '10' })), expert('张专家', full({ 'concessions.discounts': '15' }))];
    const aggregate = engine.aggregate(reviews);
    const result = producePanelResult({
      criteria, reviews, aggregate, engine, chair: '陈组长', signedAt: '2024-10-22T10:00:00+08:00',
      decisions: { 'concessions.discounts': { value: '13', note: '合议' } },
    });
    // 8+6+5+6+6+7+9+9+8 = 64, plus 13.
    expect(result.outcome.total).toBe('77.00');
    expect(result.outcome.band).toBe('[70,80)');
  });
});

describe('PanelForProfile (the mounted screen)', () => {
  it('reads real review files with the engine reader, names a bad one, and produces the result', async () => {
    const { render, screen, fireEvent, waitFor, cleanup } = await import('@testing-library/react');
    const { PanelForProfile } = await import('../../src-renderer/ui/consolidation');
    const results: unknown[] = [];
    render(<PanelForProfile profile={profile} category="comprehensive" chair="陈组长" onResult={(result) => results.push(result)} />);
    const file = (name: string, value: unknown) => new File([JSON.stringify(value)], name, { type: 'application/json' });
    fireEvent.change(screen.getByTestId('panel-load-reviews'), { target: { files: [
      file('li.json', expert('李专家', full())),
      file('zhang.json', expert('张专家', full({ 'concessions.discounts': '12' }))),
      file('over.json', expert('超分', full({ 'basic.revenue': '11' }))),
      file('garbage.json', { schema: 'dossier-desk/review@1', reviewer: 'nobody' }),
    ] } });
    await waitFor(() => expect(screen.getByTestId('panel-table')).toBeTruthy());
    const alerts = screen.getAllByRole('alert').map((element) => element.textContent ?? '');
    expect(alerts.some((text) => text.startsWith('garbage.json'))).toBe(true);
    expect(alerts.some((text) => text.startsWith('over.json') && text.includes('above'))).toBe(true);
    expect(screen.queryByTestId('panel-reviewer-超分')).toBeNull();
    expect(screen.getByTestId('panel-total').textContent).toBe('75.50（档次 [70,80)）');
    fireEvent.click(screen.getByTestId('panel-produce'));
    expect(results).toHaveLength(1);
    cleanup();
  });
});
