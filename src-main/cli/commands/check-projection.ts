// The sample projection `check` adds when the review holds a sample plan (DESIGN.md "Sampling a
// large declared list"): `"projection": { … }` in --json, a few lines in the text report.
import { formatCny, ratioAsPercent } from '../../../src-renderer/core/money';
import { projectReviewSample, type SampleProjection } from '../../../src-renderer/core/sampling';
import type { DossierManifest, ReviewFile } from '../../../src-renderer/core/types';

export function reviewProjection(manifest: DossierManifest, review: ReviewFile | undefined, threshold: string, reviewPath: string | undefined): { projection?: SampleProjection } {
  const projection = projectReviewSample(manifest, review, threshold, reviewPath ? { review: reviewPath } : {});
  return projection ? { projection } : {};
}

export function describeProjection({ projection }: { projection?: SampleProjection }): string {
  if (!projection) return '';
  const against = (verdict: 'pass' | 'fail' | undefined) => `${verdict === 'fail' ? '超过' : '未超过'}阈值 ${ratioAsPercent(projection.threshold ?? '0')}%`;
  const method = projection.method === 'mus' ? 'MUS，Stringer 上限' : '随机抽样，比率估计及其置信上限';
  const lines = [
    `抽样推断（${method}，置信度 ${projection.confidence}）：样本 ${formatCny(projection.sampleFen)}，样本核减 ${formatCny(projection.sampleCutFen)}`,
    `  推断核减 ${formatCny(projection.projectedCutFen)}（比例 ${projection.projectedRatio}），${against(projection.projectedVerdict)}`,
    `  核减上限 ${formatCny(projection.upperCutFen)}（比例 ${projection.upperRatio}），${against(projection.upperVerdict)}`,
  ];
  if (projection.outsideSampleCutFen > 0) lines.push(`  样本以外的核减 ${formatCny(projection.outsideSampleCutFen)} 不参与推断`);
  return `${lines.join('\n')}\n`;
}
