// Lines of text and the letters of a line are found by one walk: the runs of rows (or columns) a test finds inked.
import { describe, expect, it } from 'vitest';
import { runsWhere } from '../../../src-renderer/core/extract/ink-runs';

describe('runsWhere', () => {
  it('gives the maximal runs, a run at either end included, an empty list where nothing holds', () => {
    const rows = [1, 1, 0, 0, 1, 1, 1, 0, 1];
    expect(runsWhere(rows.length, (index) => rows[index] === 1)).toEqual([[0, 2], [4, 7], [8, 9]]);
    expect(runsWhere(rows.length, () => false)).toEqual([]);
    expect(runsWhere(3, () => true)).toEqual([[0, 3]]);
    expect(runsWhere(0, () => true)).toEqual([]);
  });
});
