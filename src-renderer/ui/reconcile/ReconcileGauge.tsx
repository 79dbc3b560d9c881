// The ledger gauge as the reconciliation view shows it: the cut ratio and verdict of the cuts made
// (accepted proposals are cuts), and beside it what the open proposals would add and the verdict if
// every one of them were accepted. A component of its own, so that other projections fit beside it.
import { ratioString } from '../../core/money/ratio';
import type { CheckReport } from '../../core/types';
import { formatRatioPercent, useI18n } from '../../i18n';
import { CutRatioGauge } from '../panels/ClaimsPanel';
import { useCutStanding } from '../../state/cut-standing';
import { useWorkspace } from '../../state/workspace';

export function ReconcileGauge({ report }: { report: CheckReport | null }) {
  const { t, formatCny } = useI18n();
  const standing = useCutStanding();
  const reportCurrent = useWorkspace((state) => state.reportCurrent);
  const cutFen = standing?.cutFen ?? report?.cutFen ?? 0;
  const proposedCutFen = report?.proposedCutFen ?? 0;
  const verdictIfAccepted = report?.verdictIfAccepted ?? null;
  const ratioIfAccepted = report && report.claimedFen > 0 ? ratioString(report.cutFen + proposedCutFen, report.claimedFen) : null;
  return (
    <div className="reconcile-gauge">
      <CutRatioGauge standing={standing} />
      {report && (
        <dl className="totals reconcile-totals" aria-busy={reportCurrent ? undefined : true}>
          <div>
            <dt>{t('claims.totalCut')}</dt>
            <dd className="num" data-testid="total-cut" data-cut-fen={cutFen}>{formatCny(cutFen)}</dd>
          </div>
          <div>
            <dt>{t('reconcile.proposedCut')}</dt>
            <dd className="num" data-testid="proposed-cut" data-proposed-cut-fen={proposedCutFen}>{formatCny(proposedCutFen)}</dd>
          </div>
          <div>
            <dt>{t('reconcile.verdictIfAccepted')}</dt>
            <dd>
              {ratioIfAccepted && <span className="num">{formatRatioPercent(ratioIfAccepted)} </span>}
              {verdictIfAccepted && (
                <span className={`verdict verdict-small verdict-${verdictIfAccepted}`} data-testid="verdict-if-accepted" data-verdict={verdictIfAccepted}>
                  {t(`verdict.${verdictIfAccepted}`)}
                </span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}
