// The cut ledger: every claimed item with its invoices, the cut with reason and note, the approved
// amount, running totals, and the cut-ratio gauge against the program threshold with its verdict.
import { memo, useEffect, useRef } from 'react';
import { useI18n, formatRatioPercent } from '../../i18n';
import { useUi } from '../../state/ui';
import { isLocked, useWorkspace } from '../../state/workspace';
import { earliestBase, useDraftText } from '../../state/drafts';
import { cutProblem } from '../input-validation';
import { ProvisionalNotice } from '../ProvisionalNotice';
import type { AuditVerdict } from '../../core/engine/verdict';
import { CUT_REASONS, type CutReason, type ManifestClaim, type ReviewCut } from '../../core/types';
import { formatYuan, tryParseYuan } from '../../core/money';
import { documentOfInvoiceNumber } from '../../actions/registry';
import { useCutStanding, useVerdictQualifier } from '../../state/cut-standing';
import { openWorkText, verdictTitle } from '../VerdictChip';
import { WindowedRows, WindowSpacer } from '../WindowedRows';

/** A ledger row's height before the rendered rows are measured (description, counterparty and links; the cut's fields). */
const LEDGER_ROW_HEIGHT = 84;

/**
 * The cut ratio against the threshold, with the verdict: pending (null) until the dossier's first
 * evaluation; the panels give it the standing of the review on screen (useCutStanding), so that a cut
 * moves it at once however long the whole evaluation of a large dossier takes.
 */
export function CutRatioGauge({ standing }: { standing: AuditVerdict | null }) {
  const { t, formatCny } = useI18n();
  const qualifier = useVerdictQualifier();
  if (!standing) {
    return (
      <div className="gauge" data-testid="cut-ratio" data-ratio="" aria-busy="true">
        <span className="muted">{t('verdict.pending')}</span>
        <span data-testid="verdict" data-verdict="" className="verdict">{t('verdict.pending')}</span>
      </div>
    );
  }
  const ratioPercent = formatRatioPercent(standing.cutRatio);
  const thresholdPercent = formatRatioPercent(standing.threshold);
  const scaleMax = Math.max(0.4, Number(standing.threshold) * 2);
  const fill = Math.min(1, Number(standing.cutRatio) / scaleMax);
  const mark = Math.min(1, Number(standing.threshold) / scaleMax);
  const fail = standing.verdict === 'fail';
  // The verdict of the confirmed cuts, provisional while findings or proposals are open (the qualifier only when it is of the same verdict).
  const provisional = qualifier !== null && qualifier.verdict === standing.verdict && qualifier.provisional;
  return (
    <div className={`gauge ${fail ? 'gauge-fail' : 'gauge-pass'}`}>
      <div className="gauge-figures">
        <div>
          <span className="gauge-label">{t('claims.cutRatio')}</span>
          <strong className="gauge-ratio" data-testid="cut-ratio" data-ratio={standing.cutRatio} aria-label={t('claims.gaugeLabel', { ratio: ratioPercent, threshold: thresholdPercent })}>
            {ratioPercent}
          </strong>
        </div>
        <div className="gauge-verdict">
          <span className={`verdict verdict-${standing.verdict}${provisional ? ' verdict-provisional' : ''}`} data-testid="verdict" data-verdict={standing.verdict} role="status"
            title={qualifier ? verdictTitle(t, qualifier, qualifier.signed) : undefined} aria-describedby={provisional ? 'verdict-qualifier' : undefined}>
            {t(`verdict.${standing.verdict}`)}
          </span>
          {provisional && qualifier && (
            <span className="verdict-open" id="verdict-qualifier" data-testid="verdict-qualifier">
              {t('verdict.provisionalOpen', { open: openWorkText(t, qualifier) })}
            </span>
          )}
        </div>
      </div>
      <div className="gauge-track" role="meter" aria-valuemin={0} aria-valuemax={scaleMax} aria-valuenow={Number(standing.cutRatio)} aria-valuetext={ratioPercent} aria-label={t('claims.cutRatio')}>
        <div className="gauge-fill" style={{ width: `${fill * 100}%` }} />
        <div className="gauge-mark" style={{ left: `${mark * 100}%` }} title={t('claims.threshold', { threshold: thresholdPercent })} />
      </div>
      <div className="gauge-foot">
        <span>{t('claims.threshold', { threshold: thresholdPercent })}</span>
        <span data-testid="headroom" data-headroom-fen={standing.headroomFen}>{fail ? t('claims.headroomNone') : t('claims.headroom', { amount: formatCny(standing.headroomFen) })}</span>
      </div>
    </div>
  );
}

interface ClaimRowProps {
  claim: ManifestClaim;
  /** The reviewer's own cut on the claim. */
  cut: ReviewCut | undefined;
  /** What accepted reconciliation proposals cut from the claim (made in the reconciliation view). */
  acceptedFen: number;
  selected: boolean;
  locked: boolean;
  findingCount: number;
}

/** Memoised: a cut re-renders its own row, not the 10,000 others of a large declared list. */
const ClaimRow = memo(function ClaimRow({ claim, cut, acceptedFen, selected, locked, findingCount }: ClaimRowProps) {
  const { t, formatCny } = useI18n();
  const edit = useWorkspace((state) => state.edit);
  const selectClaim = useUi((state) => state.selectClaim);
  const openFile = useUi((state) => state.openFile);
  const claimedFen = tryParseYuan(claim.amount) ?? 0;
  const dossierId = useWorkspace((state) => state.open?.id ?? '');
  const amountDraft = useDraftText(`${dossierId}|cut|${claim.id}|amount`, cut?.amount ?? '');
  const reasonDraft = useDraftText(`${dossierId}|cut|${claim.id}|reason`, cut?.reason ?? '');
  const noteDraft = useDraftText(`${dossierId}|cut|${claim.id}|note`, cut?.note ?? '');
  const amount = amountDraft.value;
  const reason = reasonDraft.value as CutReason | '';
  const note = noteDraft.value;
  const problem = amountDraft.isDraft ? cutProblem(amount, claimedFen) : null;
  const discardDrafts = () => {
    amountDraft.discard();
    reasonDraft.discard();
    noteDraft.discard();
  };
  const rowRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) rowRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const commit = (next: { amount?: string; reason?: CutReason | ''; note?: string }) => {
    const typed = { amount: next.amount ?? amount, reason: next.reason ?? reason, note: next.note ?? note };
    const settleDrafts = () => {
      amountDraft.settle(typed.amount);
      reasonDraft.settle(typed.reason);
      noteDraft.settle(typed.note);
    };
    const text = typed.amount.trim();
    const basedOn = earliestBase(amountDraft, reasonDraft, noteDraft);
    const chosenReason = typed.reason;
    const chosenNote = typed.note.trim();
    if (text === '' || tryParseYuan(text) === 0) {
      if (cut) void edit({ type: 'cut', claimId: claim.id, cut: null }, { basedOn }).then((stored) => stored && settleDrafts());
      else amountDraft.discard();
      return;
    }
    const fen = tryParseYuan(text);
    if (fen === null || cutProblem(text, claimedFen)) return;
    const value: ReviewCut = { claimId: claim.id, amount: formatYuan(fen), reason: chosenReason || 'other', ...(chosenNote ? { note: chosenNote } : {}) };
    if (cut && cut.amount === value.amount && cut.reason === value.reason && (cut.note ?? '') === (value.note ?? '')) return discardDrafts();
    void edit({ type: 'cut', claimId: claim.id, cut: value }, { basedOn }).then((stored) => stored && settleDrafts());
  };

  const cutFen = (cut ? tryParseYuan(cut.amount) ?? 0 : 0) + acceptedFen;
  const showInvoice = (invoiceNumber: string) => {
    const found = documentOfInvoiceNumber(useWorkspace.getState(), invoiceNumber);
    if (found) openFile(found.document.path, found.invoice.page);
  };

  return (
    <tr ref={rowRef} data-testid={`claim-row-${claim.id}`} className={`${selected ? 'selected' : ''}${cutFen > 0 ? ' has-cut' : ''}`} aria-selected={selected} onClick={() => selectClaim(claim.id)}>
      <th scope="row" className="mono claim-id">{claim.id}</th>
      <td className="claim-cell">
        <div className="claim-description" translate="no" title={claim.description ?? ''}>{claim.description ?? '—'}</div>
        <div className="claim-sub muted small" translate="no" title={claim.counterparty ?? ''}>{claim.counterparty ?? ''}</div>
        <div className="claim-links small">
          {(claim.invoiceNumbers ?? []).map((number) => (
            <button key={number} type="button" className="link-button mono" onClick={(event) => { event.stopPropagation(); showInvoice(number); }} title={`${t('claims.openInvoice')} ${number}`}>
              {number.length > 8 ? `…${number.slice(-8)}` : number}
            </button>
          ))}
          {findingCount > 0 && <span className="tag tag-warning">{t('claims.findings', { count: findingCount })}</span>}
          {acceptedFen > 0 && <span className="tag tag-error" data-testid={`accepted-cut-${claim.id}`}>{t('claims.acceptedProposals', { amount: formatCny(acceptedFen) })}</span>}
        </div>
      </td>
      <td className="num amounts-cell">
        <div>{formatCny(claimedFen)}</div>
        <div className={`small${cutFen > 0 ? ' approved-cut' : ' muted'}`} title={t('claims.approved')}>{formatCny(claimedFen - Math.min(cutFen, claimedFen))}</div>
      </td>
      <td className="cut-cell">
        <div className="cut-grid">
        <input
          data-testid={`cut-amount-${claim.id}`}
          className={`num${amountDraft.isDraft ? ' draft' : ''}${problem ? ' refused' : ''}`}
          inputMode="decimal"
          value={amount}
          placeholder="0.00"
          disabled={locked}
          aria-label={`${t('claims.cut')} ${claim.id}`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `cut-error-${claim.id}` : undefined}
          onChange={(event) => amountDraft.setValue(event.target.value)}
          onBlur={() => commit({})}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commit({});
            } else if (event.key === 'Escape') {
              amountDraft.discard();
            }
          }}
        />
        <select
          data-testid={`cut-reason-${claim.id}`}
          value={reason}
          disabled={locked}
          aria-label={`${t('claims.reason')} ${claim.id}`}
          onChange={(event) => {
            const next = event.target.value as CutReason | '';
            reasonDraft.setValue(next);
            commit({ reason: next });
          }}
        >
          <option value="">{t('claims.noReason')}</option>
          {CUT_REASONS.map((code) => <option key={code} value={code}>{t(`reason.${code}`)}</option>)}
        </select>
        <input
          data-testid={`cut-note-${claim.id}`}
          className={`cut-note${noteDraft.isDraft ? ' draft' : ''}`}
          value={note}
          disabled={locked}
          placeholder={t('claims.note')}
          aria-label={`${t('claims.note')} ${claim.id}`}
          onChange={(event) => noteDraft.setValue(event.target.value)}
          onBlur={() => commit({})}
        />
        {problem && (
          <p className="field-error" id={`cut-error-${claim.id}`} role="alert">
            <span>{t(problem.key, problem.params)}</span>
            <span className="field-error-note">{cut ? t('input.notCounted', { value: formatCny(cutFen) }) : t('input.notCountedEmpty')}</span>
          </p>
        )}
        </div>
      </td>
    </tr>
  );
});

export function ClaimsPanel() {
  const { t, formatCny } = useI18n();
  const open = useWorkspace((state) => state.open);
  const report = useWorkspace((state) => state.report);
  const standing = useCutStanding();
  const selectedClaimId = useUi((state) => state.selectedClaimId);
  if (!open) return null;
  const locked = isLocked(open.review);
  const claims = open.manifest.claims;
  const claimedFen = standing?.claimedFen ?? claims.reduce((sum, claim) => sum + (tryParseYuan(claim.amount) ?? 0), 0);
  const cutFen = standing?.cutFen ?? open.review.cuts.reduce((sum, cut) => sum + (tryParseYuan(cut.amount) ?? 0), 0);
  const ownCutOf = new Map<string, ReviewCut>();
  const acceptedFenOf = new Map<string, number>();
  for (const cut of open.review.cuts) {
    if (!cut.proposal) {
      if (!ownCutOf.has(cut.claimId)) ownCutOf.set(cut.claimId, cut);
    } else acceptedFenOf.set(cut.claimId, (acceptedFenOf.get(cut.claimId) ?? 0) + (tryParseYuan(cut.amount) ?? 0));
  }
  const findingsByClaim = new Map<string, number>();
  for (const finding of report?.findings ?? []) {
    if (finding.claimId) findingsByClaim.set(finding.claimId, (findingsByClaim.get(finding.claimId) ?? 0) + 1);
  }
  return (
    <section className="panel claims-panel" aria-labelledby="claims-heading">
      <h2 id="claims-heading" className="visually-hidden">{t('tabs.claims')}</h2>
      <ProvisionalNotice />
      <div className="claims-summary">
      <CutRatioGauge standing={standing} />
      <dl className="totals" aria-label={t('claims.total')}>
        <div><dt>{t('claims.totalClaimed')}</dt><dd className="num" data-testid="total-claimed">{formatCny(claimedFen)}</dd></div>
        <div><dt>{t('claims.totalCut')}</dt><dd className="num" data-testid="total-cut">{formatCny(cutFen)}</dd></div>
        <div><dt>{t('claims.totalApproved')}</dt><dd className="num" data-testid="total-approved">{formatCny(claimedFen - cutFen)}</dd></div>
      </dl>
      {report && <p className="muted small rule-note">{t('verdict.rule', { threshold: formatRatioPercent(report.threshold) })}</p>}
      </div>
      <WindowedRows className="table-scroll" rowHeight={LEDGER_ROW_HEIGHT} count={claims.length} selectedIndex={claims.findIndex((claim) => claim.id === selectedClaimId)}>{({ start, end, rowHeight }) => (
        <table className="data-table ledger" data-rows={claims.length}>
          <thead>
            <tr>
              <th scope="col">{t('claims.id')}</th>
              <th scope="col">{t('claims.description')}</th>
              <th scope="col" className="num">{t('claims.claimed')}<div className="small muted">{t('claims.approved')}</div></th>
              <th scope="col">{t('claims.cut')} / {t('claims.reason')}</th>
            </tr>
          </thead>
          <tbody>
            <WindowSpacer rows={start} rowHeight={rowHeight} />
            {claims.slice(start, end).map((claim) => (
              <ClaimRow
                key={claim.id}
                claim={claim}
                cut={ownCutOf.get(claim.id)}
                acceptedFen={acceptedFenOf.get(claim.id) ?? 0}
                selected={selectedClaimId === claim.id}
                locked={locked}
                findingCount={findingsByClaim.get(claim.id) ?? 0}
              />
            ))}
            <WindowSpacer rows={claims.length - end} rowHeight={rowHeight} />
          </tbody>
        </table>
      )}</WindowedRows>
    </section>
  );
}
