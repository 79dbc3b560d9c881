// The reconciliation view's panel: every declared row with what its evidence supports, a filter, and
// for the selected row its proposals (reason, amount, rule clause) with accept / reject / reopen. The
// evidence of the selected row is shown side by side in the centre column (EvidenceBoard).
import { useEffect, useRef } from 'react';
import { decideProposal, linkNearMatch, proposalNoteDraftKey, resetInvoiceLinks } from '../../actions/registry';
import { tryParseYuan } from '../../core/money';
import type { Proposal, ReconciledRow } from '../../core/types';
import { useI18n } from '../../i18n';
import { MessageText, findingSentence } from '../MessageText';
import { useDraftText } from '../../state/drafts';
import { RECONCILE_FILTERS, useUi } from '../../state/ui';
import { isLocked, useWorkspace } from '../../state/workspace';
import { ProvisionalNotice, usePendingReads } from '../ProvisionalNotice';
import { ReconcileGauge } from './ReconcileGauge';
import { SampleBar, SampleMark } from './sampling/SampleBar';
import { SampleProjectionView } from './sampling/SampleProjection';
import { sampledRows } from './sampling/sample-form';
import { currentProposal, filterCounts, rowMatches } from './view';
import { WindowedRows, WindowSpacer } from '../WindowedRows';

/** The height of one row of the list (fixed in app.css), which the windowed list starts from. */
export const ROW_HEIGHT = 46;

function StatusTag({ status }: { status: Proposal['status'] }) {
  const { t } = useI18n();
  const tone = status === 'accepted' ? 'tag-error' : status === 'rejected' ? '' : 'tag-warning';
  return <span className={`tag ${tone}`} data-status={status}>{t(`reconcile.status.${status}`)}</span>;
}

function RowLine({ row, counterparty, selected, sampled }: { row: ReconciledRow; counterparty: string; selected: boolean; sampled?: { reason: 'key' | 'selected'; hits: number } | undefined }) {
  const { t, formatCny } = useI18n();
  const selectClaim = useUi((state) => state.selectClaim);
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const open = row.proposals.filter((proposal) => proposal.status === 'open').length;
  const accepted = row.proposals.filter((proposal) => proposal.status === 'accepted').length;
  const rejected = row.proposals.filter((proposal) => proposal.status === 'rejected').length;
  const evidenceCount = t('reconcile.evidenceCount', { contracts: row.contracts.length, invoices: row.invoices.length, payments: row.payments.length });
  return (
    <tr
      ref={ref}
      data-testid={`reconcile-row-${row.claimId}`}
      data-supported-fen={row.supportedFen}
      data-open-proposals={open}
      data-sampled={sampled?.reason}
      className={`${selected ? 'selected' : ''}${row.supportedFen < row.declaredFen ? ' has-cut' : ''}${sampled ? ` sampled-${sampled.reason}` : ''}`}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => selectClaim(row.claimId)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          selectClaim(row.claimId);
        }
      }}
    >
      <th scope="row" className="mono claim-id" translate="no">{row.claimId}</th>
      <td className="reconcile-party">
        <div className="ellipsis" translate="no" title={counterparty}>{counterparty || '—'}</div>
        <div className="small muted ellipsis" title={evidenceCount}>{evidenceCount}</div>
      </td>
      <td className="num">
        <div translate="no">{formatCny(row.declaredFen)}</div>
        <div className={`small${row.supportedFen < row.declaredFen ? ' approved-cut' : ' muted'}`} translate="no">{formatCny(row.supportedFen)}</div>
      </td>
      <td className="reconcile-tags">
        <SampleMark sampled={sampled} />
        {row.deferredToNextRound && <span className="tag tag-info" data-testid={`reconcile-deferred-${row.claimId}`}>{t('reconcile.deferred')}</span>}
        {open > 0 && <span className="tag tag-warning">{t('reconcile.status.open')} {open}</span>}
        {accepted > 0 && <span className="tag tag-error">{t('reconcile.status.accepted')} {accepted}</span>}
        {rejected > 0 && <span className="tag">{t('reconcile.status.rejected')} {rejected}</span>}
      </td>
    </tr>
  );
}

function ProposalCard({ proposal, cutAmount, current, locked }: { proposal: Proposal; cutAmount: string | null; current: boolean; locked: boolean }) {
  const { t, formatCny } = useI18n();
  const claimId = proposal.id.slice(0, proposal.id.lastIndexOf(':'));
  const selectProposal = useUi((state) => state.selectProposal);
  const decide = (status: 'accepted' | 'rejected' | 'open') => decideProposal({ ui: useUi.getState(), workspace: useWorkspace.getState() }, status, proposal.id);
  const cutFen = cutAmount === null ? null : tryParseYuan(cutAmount);
  return (
    <li
      className={`proposal-card proposal-${proposal.status}${current ? ' current' : ''}`}
      data-testid={`proposal-${proposal.id}`}
      data-status={proposal.status}
      aria-current={current ? 'true' : undefined}
      onClick={() => selectProposal(claimId, proposal.id)}
    >
      <div className="proposal-head">
        <span className="proposal-reason">{t(`reason.${proposal.reason}`)}</span>
        <strong className="num proposal-amount" translate="no" data-amount-fen={proposal.amountFen}>{formatCny(proposal.amountFen)}</strong>
        <StatusTag status={proposal.status} />
      </div>
      <p className="proposal-message"><MessageText message={findingSentence(proposal)} /></p>
      {proposal.clause && <p className="small muted proposal-clause">{t('reconcile.clause')}<span translate="no">{proposal.clause}</span></p>}
      {proposal.status === 'accepted' && cutFen !== null && cutFen !== proposal.amountFen && (
        <p className="small">{t('reconcile.cutOnAccept', { amount: formatCny(cutFen) })}</p>
      )}
      {proposal.note && proposal.note !== proposal.message && <p className="small proposal-note" translate="no">“{proposal.note}”</p>}
      <div className="proposal-actions">
        {proposal.status === 'open' ? (
          <>
            <button type="button" className="primary-button" data-testid={`proposal-accept-${proposal.id}`} disabled={locked} onClick={(event) => { event.stopPropagation(); decide('accepted'); }}>
              {t('reconcile.accept')} <kbd>A</kbd>
            </button>
            <button type="button" className="text-button" data-testid={`proposal-reject-${proposal.id}`} disabled={locked} onClick={(event) => { event.stopPropagation(); decide('rejected'); }}>
              {t('reconcile.reject')} <kbd>X</kbd>
            </button>
          </>
        ) : (
          <button type="button" className="text-button" data-testid={`proposal-reopen-${proposal.id}`} disabled={locked} onClick={(event) => { event.stopPropagation(); decide('open'); }}>
            {t('reconcile.reopen')} <kbd>U</kbd>
          </button>
        )}
      </div>
    </li>
  );
}

/** Listed invoice numbers no file holds, each with the nearest number read, which the reviewer may take as the link. */
function NearMatches({ row, locked }: { row: ReconciledRow; locked: boolean }) {
  const { t } = useI18n();
  const workspace = () => ({ workspace: useWorkspace.getState() });
  return (
    <div className="near-matches" data-testid={`near-matches-${row.claimId}`}>
      {(row.nearMatches ?? []).map((match) => (
        <div key={match.listed} className="near-match notice" data-testid={`near-match-${row.claimId}-${match.listed}`}>
          <p>
            {t('reconcile.nearMatch.missing')} <code translate="no">{match.listed}</code>
          </p>
          <p>
            {t('reconcile.nearMatch.nearest')} <code translate="no">{match.invoiceNumber}</code>{' '}
            <span className="small muted">
              <span translate="no" className="file-name-break">{match.file}</span> {t('reconcile.nearMatch.page', { page: match.page })} ·{' '}
              {t('reconcile.nearMatch.confidence', { percent: Math.round((match.confidence ?? 1) * 100) })}
            </span>
          </p>
          <button type="button" className="primary-button" data-testid={`near-match-link-${row.claimId}-${match.listed}`} disabled={locked} onClick={() => void linkNearMatch(workspace(), row, match)}>
            {t('reconcile.nearMatch.link')}
          </button>
        </div>
      ))}
      {row.reviewerLinked.includes('invoices') && (
        <p className="small">
          {t('evidence.reviewerLinked')}{' '}
          <button type="button" className="text-button" data-testid={`link-reset-${row.claimId}-invoices`} disabled={locked} onClick={() => void resetInvoiceLinks(workspace(), row.claimId)}>
            {t('reconcile.nearMatch.reset')}
          </button>
        </p>
      )}
    </div>
  );
}

function RowDetail({ row, counterparty }: { row: ReconciledRow; counterparty: string }) {
  const { t } = useI18n();
  const open = useWorkspace((state) => state.open);
  const selectedProposalId = useUi((state) => state.selectedProposalId);
  const note = useDraftText(proposalNoteDraftKey(open?.id ?? '', row.claimId), '');
  if (!open) return null;
  const locked = isLocked(open.review);
  const current = currentProposal([row], row.claimId, selectedProposalId);
  return (
    <section className="reconcile-detail" aria-labelledby="reconcile-detail-heading" data-testid="reconcile-detail">
      <h3 id="reconcile-detail-heading">
        <span className="mono" translate="no">{row.claimId}</span> <span translate="no">{counterparty}</span>
        {row.counterparty.eligible !== null && (
          <span className={`tag ${row.counterparty.eligible ? 'tag-info' : 'tag-error'}`}>{t(row.counterparty.eligible ? 'reconcile.eligible' : 'reconcile.notEligible')}</span>
        )}
      </h3>
      {locked && <p className="notice">{t('reconcile.locked')}</p>}
      {row.deferredToNextRound && (
        <div className="notice reconcile-deferred" data-testid="reconcile-deferred-notice">
          <strong>{t('reconcile.deferredHeading')}</strong>
          <p><MessageText message={findingSentence(row.deferredToNextRound)} /></p>
          <p className="small muted">{t('reconcile.clause')}<span translate="no">{row.deferredToNextRound.clause}</span></p>
        </div>
      )}
      {(row.nearMatches?.length || row.reviewerLinked.includes('invoices')) && <NearMatches row={row} locked={locked} />}
      {row.deferredToNextRound && row.proposals.length === 0 ? null : row.proposals.length === 0 ? (
        <p className="muted">{t('reconcile.noProposals')}</p>
      ) : (
        <>
          <ul className="proposal-list">
            {row.proposals.map((proposal) => (
              <ProposalCard
                key={proposal.id}
                proposal={proposal}
                cutAmount={open.review.cuts.find((cut) => cut.proposal === proposal.id)?.amount ?? null}
                current={current?.proposal.id === proposal.id}
                locked={locked}
              />
            ))}
          </ul>
          <label className="proposal-note-field">
            <span className="small muted">{t('reconcile.note')}</span>
            <input data-testid={`proposal-note-${row.claimId}`} value={note.value} disabled={locked} onChange={(event) => note.setValue(event.target.value)} />
          </label>
        </>
      )}
      <p className="small muted">{t('reconcile.keysHint')}</p>
    </section>
  );
}

export function ReconcilePanel() {
  const { t } = useI18n();
  const open = useWorkspace((state) => state.open);
  const report = useWorkspace((state) => state.report);
  const selectedClaimId = useUi((state) => state.selectedClaimId);
  const filter = useUi((state) => state.reconcileFilter);
  const setFilter = useUi((state) => state.setReconcileFilter);
  const pending = usePendingReads();
  if (!open) return null;
  const rows = report?.reconciliation ?? null;
  const counterparties = new Map(open.manifest.claims.map((claim) => [claim.id, claim.counterparty ?? '']));
  const nameOf = (row: ReconciledRow) => counterparties.get(row.claimId) || row.counterparty.name || '';
  const sampled = sampledRows(open.review.sample);
  const counts = rows ? filterCounts(rows, sampled) : null;
  const listed = rows?.filter((row) => rowMatches(row, filter, sampled)) ?? [];
  const selected = rows?.find((row) => row.claimId === selectedClaimId) ?? null;
  return (
    <section className="panel reconcile-panel" aria-labelledby="reconcile-heading">
      <h2 id="reconcile-heading" className="visually-hidden">{t('reconcile.heading')}</h2>
      <div className="claims-summary">
        <ProvisionalNotice />
        <div className="reconcile-gauges">
          <ReconcileGauge report={report} />
          <SampleProjectionView report={report} />
        </div>
        {counts && (
          <div className="segmented" role="group" aria-label={t('reconcile.filter')}>
            {RECONCILE_FILTERS.map((option) => (
              <button key={option} type="button" data-testid={`reconcile-filter-${option}`} aria-pressed={filter === option} className={filter === option ? 'active' : ''} onClick={() => setFilter(option)}>
                {t(`reconcile.filter.${option}`, { count: counts[option] })}
              </button>
            ))}
          </div>
        )}
        <SampleBar sampledCount={counts?.sampled ?? null} />
      </div>
      {!rows ? (
        <p className="muted">{pending > 0 ? t('reconcile.reading') : t('reconcile.none')}</p>
      ) : (
        <>
          <WindowedRows className="reconcile-rows" rowHeight={ROW_HEIGHT} count={listed.length} selectedIndex={listed.findIndex((row) => row.claimId === selectedClaimId)}>{({ start, end, rowHeight }) => (
            <table className="data-table ledger" data-testid="reconcile-table" data-rows={listed.length}>
              <thead>
                <tr>
                  <th scope="col">{t('reconcile.row')}</th>
                  <th scope="col">{t('reconcile.counterparty')}</th>
                  <th scope="col" className="num">{t('reconcile.declared')}<div className="small muted">{t('reconcile.supported')}</div></th>
                  <th scope="col">{t('reconcile.proposals')}</th>
                </tr>
              </thead>
              <tbody>
                <WindowSpacer rows={start} rowHeight={rowHeight} />
                {listed.slice(start, end).map((row) => <RowLine key={row.claimId} row={row} counterparty={nameOf(row)} selected={row.claimId === selectedClaimId} sampled={sampled?.get(row.claimId)} />)}
                <WindowSpacer rows={listed.length - end} rowHeight={rowHeight} />
              </tbody>
            </table>
          )}</WindowedRows>
          {listed.length === 0 && <p className="muted empty-filter">{t('reconcile.filterEmpty')}</p>}
          {selected ? <RowDetail row={selected} counterparty={nameOf(selected)} /> : <p className="muted">{t('reconcile.selectRow')}</p>}
        </>
      )}
    </section>
  );
}
