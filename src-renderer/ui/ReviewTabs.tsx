// Right column: the review panels in tabs (ARIA tabs pattern with arrow keys).
import { useRef } from 'react';
import { useI18n } from '../i18n';
import { REVIEW_TABS, useUi, type ReviewTab } from '../state/ui';
import { InvoicePanel } from './panels/InvoicePanel';
import { ClaimsPanel } from './panels/ClaimsPanel';
import { ChecksPanel } from './panels/ChecksPanel';
import { ScorePanel } from './panels/ScorePanel';
import { ChecklistsPanel } from './panels/ChecklistsPanel';
import { LogPanel } from './panels/LogPanel';
import { PrereviewPanel } from './prereview/PrereviewPanel';
import { ReconcilePanel } from './reconcile/ReconcilePanel';
import { useWorkspace } from '../state/workspace';
import { ErrorBoundary } from './ErrorBoundary';

const PANELS: Record<ReviewTab, () => React.JSX.Element | null> = {
  invoice: InvoicePanel, claims: ClaimsPanel, reconcile: ReconcilePanel, checks: ChecksPanel, score: ScorePanel, checklists: ChecklistsPanel, prereview: PrereviewPanel, log: LogPanel,
};

export function ReviewTabs() {
  const { t } = useI18n();
  const active = useUi((state) => state.activeTab);
  const setTab = useUi((state) => state.setTab);
  const report = useWorkspace((state) => state.report);
  const tabRefs = useRef<Partial<Record<ReviewTab, HTMLButtonElement | null>>>({});
  const Panel = PANELS[active];
  const openFindings = report?.findings.filter((finding) => finding.severity !== 'info').length ?? 0;
  const openProposals = report?.reconciliation?.reduce((sum, row) => sum + row.proposals.filter((proposal) => proposal.status === 'open').length, 0) ?? 0;
  return (
    <div className="review-tabs">
      <div role="tablist" aria-label={t('tabs.label')} className="tablist">
        {REVIEW_TABS.map((tab, index) => (
          <button
            key={tab}
            ref={(element) => {
              tabRefs.current[tab] = element;
            }}
            role="tab"
            type="button"
            id={`tab-${tab}`}
            data-testid={`tab-${tab}`}
            aria-selected={active === tab}
            aria-controls={`tabpanel-${tab}`}
            tabIndex={active === tab ? 0 : -1}
            className={active === tab ? 'active' : ''}
            onClick={() => setTab(tab)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = REVIEW_TABS[(index + step + REVIEW_TABS.length) % REVIEW_TABS.length]!;
              setTab(next);
              tabRefs.current[next]?.focus();
            }}
          >
            {t(`tabs.${tab}`)}
            {tab === 'checks' && openFindings > 0 && <span className="badge">{openFindings}</span>}
            {tab === 'reconcile' && openProposals > 0 && <span className="badge" data-testid="open-proposals-badge">{openProposals}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${active}`} aria-labelledby={`tab-${active}`} className="tabpanel">
        <ErrorBoundary key={active} label={t(`tabs.${active}`)}>
          <Panel />
        </ErrorBoundary>
      </div>
    </div>
  );
}
