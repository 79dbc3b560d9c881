// The projection of the reviewer's cuts through the review's sample plan, beside the ledger gauge
// (core/sampling projectReviewSample, as `check` prints it): the projected cut and its upper limit
// at the plan's confidence, each as a ratio of the declared total held against the program's
// threshold. Nothing is shown while no sample is drawn.
import { useMemo } from 'react';
import type { CheckReport } from '../../../core/types';
import { projectReviewSample, type SampleProjection } from '../../../core/sampling';
import { formatRatioPercent, useI18n } from '../../../i18n';
import { useWorkspace } from '../../../state/workspace';

export function SampleProjectionView({ report }: { report: CheckReport | null }) {
  const { t, formatCny } = useI18n();
  const open = useWorkspace((state) => state.open);
  const manifest = open?.manifest;
  const review = open?.review;
  const threshold = report?.threshold ?? null;
  const outcome = useMemo<{ projection: SampleProjection | null } | { error: string }>(() => {
    if (!manifest || !review?.sample || threshold === null) return { projection: null };
    try {
      return { projection: projectReviewSample(manifest, review, threshold) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [manifest, review, threshold]);
  if ('error' in outcome) return <p className="field-error sample-projection" data-testid="projection" role="alert">{t('projection.error', { detail: outcome.error })}</p>;
  const { projection } = outcome;
  if (!projection || threshold === null) return null;
  const thresholdPercent = formatRatioPercent(threshold);
  const figure = (label: string, fen: number, ratio: string, verdict: 'pass' | 'fail' | undefined, testId: string) => (
    <div className={`projection-figure projection-${verdict ?? 'pass'}`} data-testid={testId} data-verdict={verdict}>
      <dt>{label}</dt>
      <dd>
        <strong className="num">{formatRatioPercent(ratio)}</strong> <span className="num small" translate="no">{formatCny(fen)}</span>
        <span className={`verdict verdict-small verdict-${verdict ?? 'pass'}`}>{t(verdict === 'fail' ? 'projection.fail' : 'projection.pass')} {t('projection.against', { threshold: thresholdPercent })}</span>
      </dd>
    </div>
  );
  return (
    <section
      className="sample-projection" data-testid="projection" aria-labelledby="projection-heading"
      data-projected-ratio={projection.projectedRatio} data-upper-ratio={projection.upperRatio}
      data-projected-cut-fen={projection.projectedCutFen} data-upper-cut-fen={projection.upperCutFen}
      data-threshold={threshold} data-projected-verdict={projection.projectedVerdict} data-upper-verdict={projection.upperVerdict}
    >
      <h3 id="projection-heading">{t('projection.heading')} <span className="small muted">{t(`projection.method.${projection.method}`)}</span></h3>
      <dl className="projection-figures">
        {figure(t('projection.projected'), projection.projectedCutFen, projection.projectedRatio, projection.projectedVerdict, 'projection-projected')}
        {figure(t('projection.upper', { confidence: projection.confidence }), projection.upperCutFen, projection.upperRatio, projection.upperVerdict, 'projection-upper')}
      </dl>
      <p className="small muted">
        {t('projection.sampleCut', { cut: formatCny(projection.sampleCutFen), sample: formatCny(projection.sampleFen), count: projection.misstatements })}
        {projection.outsideSampleCutFen > 0 && <> · {t('projection.outside', { amount: formatCny(projection.outsideSampleCutFen) })}</>}
      </p>
    </section>
  );
}
