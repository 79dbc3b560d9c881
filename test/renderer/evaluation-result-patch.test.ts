// The evaluation worker's results as patches (workers/evaluation-result-patch.ts): whole the first
// time, then only the fields and list elements that differ from that key; rebuilt in the window equal to
// the result, the unchanged elements being the key's own objects; readable in any order; whole again
// (a new key) when many elements changed; a patch on a key the window does not have is refused.
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src-renderer/core/types';
import type { PrereviewResult } from '../../src-renderer/core/prereview';
import { ResultPatchDecoder, ResultPatchEncoder, WHOLE_FROM_CHANGED_ELEMENTS, type EvaluationResult } from '../../src-renderer/workers/evaluation-result-patch';

const ROWS = 3_000;

function result(cuts: ReadonlyMap<number, number>, extra: Partial<CheckReport> = {}): EvaluationResult {
  const findings = Array.from({ length: ROWS }, (_, i) => ({ id: `F${i}`, rule: 'r', severity: 'warning', message: `row ${i}`, cutFen: cuts.get(i) ?? 0 }));
  const cutFen = [...cuts.values()].reduce((sum, fen) => sum + fen, 0);
  const report = { program: 'p', claimedFen: 1_000_000, cutFen, verdict: 'pass', findings, ...extra } as unknown as CheckReport;
  const prereview = { materials: [], documents: Array.from({ length: ROWS }, (_, i) => ({ file: `f${i}.xml`, material: 'invoice' })), findings: [], notice: [] } as unknown as PrereviewResult;
  return { report, prereview };
}

/** As postMessage copies it. */
const crossed = <T>(value: T): T => structuredClone(value);

describe('evaluation results as patches', () => {
  it('sends the first result whole and then only what changed, rebuilt equal with the unchanged elements kept', () => {
    const encoder = new ResultPatchEncoder();
    const decoder = new ResultPatchDecoder();
    const first = result(new Map());
    const whole = crossed(encoder.encode(first));
    expect(whole.base).toBeNull();
    const key = decoder.decode(whole)!;
    expect(key).toEqual(first);

    const second = result(new Map([[2_999, 500]]));
    const patch = crossed(encoder.encode(second));
    expect(patch.base).toBe(whole.seq);
    expect(patch.fields.report).toEqual({ cutFen: 500 });
    expect(patch.lists.report.findings!.changed.map(([index]) => index)).toEqual([2_999]);
    expect(patch.lists.prereview).toEqual({});
    const rebuilt = decoder.decode(patch)!;
    expect(rebuilt).toEqual(second);
    expect(rebuilt.report.findings[0]).toBe(key.report.findings[0]);
    expect(rebuilt.prereview.documents).toBe(key.prereview.documents);
  });

  it('reads patches in whatever order they come, each on its key', () => {
    const encoder = new ResultPatchEncoder();
    const decoder = new ResultPatchDecoder();
    decoder.decode(crossed(encoder.encode(result(new Map()))));
    const older = crossed(encoder.encode(result(new Map([[1, 100]]))));
    const newer = crossed(encoder.encode(result(new Map([[1, 100], [2, 200]]))));
    expect(decoder.decode(newer)).toEqual(result(new Map([[1, 100], [2, 200]])));
    expect(decoder.decode(older)).toEqual(result(new Map([[1, 100]])));
  });

  it('drops a field no longer given and sends a result whole once many elements changed', () => {
    const encoder = new ResultPatchEncoder();
    const decoder = new ResultPatchDecoder();
    decoder.decode(crossed(encoder.encode(result(new Map(), { proposedCutFen: 7 }))));
    const withoutField = crossed(encoder.encode(result(new Map())));
    expect(withoutField.removed.report).toEqual(['proposedCutFen']);
    expect(decoder.decode(withoutField)!.report).not.toHaveProperty('proposedCutFen');

    const many = new Map(Array.from({ length: WHOLE_FROM_CHANGED_ELEMENTS }, (_, i) => [i, 1] as const));
    const whole = crossed(encoder.encode(result(many)));
    expect(whole.base).toBeNull();
    expect(decoder.decode(whole)).toEqual(result(many));
    const next = crossed(encoder.encode(result(new Map([...many, [2_999, 9]]))));
    expect(next.base).toBe(whole.seq);
    expect(next.lists.report.findings!.changed).toHaveLength(1);
  });

  it('refuses a patch on a key it does not have', () => {
    const encoder = new ResultPatchEncoder();
    encoder.encode(result(new Map()));
    const patch = encoder.encode(result(new Map([[0, 1]])));
    expect(new ResultPatchDecoder().decode(patch)).toBeNull();
  });
});
