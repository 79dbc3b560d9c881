// The audit sample in the Reconcile tab: the button that opens the draw-a-sample dialog, the plan
// drawn (method, seed, rows) and the filter listing only the sampled rows; and the mark a sampled
// row carries in the row list (key items distinctly).
import { useState } from 'react';
import { useI18n } from '../../../i18n';
import { useUi } from '../../../state/ui';
import { useWorkspace } from '../../../state/workspace';
import { SampleDialog } from './SampleDialog';
import './sampling.css';

export function SampleBar({ sampledCount }: { sampledCount: number | null }) {
  const { t } = useI18n();
  const plan = useWorkspace((state) => state.open?.review.sample);
  const filter = useUi((state) => state.reconcileFilter);
  const setFilter = useUi((state) => state.setReconcileFilter);
  const [dialog, setDialog] = useState(false);
  return (
    <div className="sample-bar" data-testid="sample-bar">
      <button type="button" className="text-button" data-testid="sample-open" onClick={() => setDialog(true)}>
        {t(plan ? 'sample.redraw' : 'sample.open')}
      </button>
      {plan && (
        <>
          <span className="small muted sample-summary" data-testid="sample-summary" data-seed={plan.seed} data-method={plan.method}>
            {t('sample.summary', { method: t(`sample.method.${plan.method}`), seed: plan.seed, rows: plan.sample.length, keys: plan.keyItems.length })}
          </span>
          <div className="segmented" role="group" aria-label={t('reconcile.filter')}>
            <button type="button" data-testid="reconcile-filter-sampled" aria-pressed={filter === 'sampled'} className={filter === 'sampled' ? 'active' : ''}
              onClick={() => setFilter(filter === 'sampled' ? 'all' : 'sampled')}>
              {t('reconcile.filter.sampled', { count: sampledCount ?? plan.sample.length })}
            </button>
          </div>
        </>
      )}
      {dialog && <SampleDialog onClose={() => setDialog(false)} />}
    </div>
  );
}

/** The mark of a sampled row: key item, or drawn (MUS: how many selections fall in it). */
export function SampleMark({ sampled }: { sampled: { reason: 'key' | 'selected'; hits: number } | undefined }) {
  const { t } = useI18n();
  if (!sampled) return null;
  const key = sampled.reason === 'key';
  return (
    <span className={`tag sample-mark ${key ? 'sample-mark-key' : 'sample-mark-selected'}`} data-testid="sample-mark" data-reason={sampled.reason}
      title={t(key ? 'sample.mark.keyTitle' : 'sample.mark.selectedTitle')}>
      {t(key ? 'sample.mark.key' : 'sample.mark.selected')}{!key && sampled.hits > 1 ? ` ${t('sample.mark.hits', { hits: sampled.hits })}` : ''}
    </span>
  );
}
