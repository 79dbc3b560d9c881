// Every finding of the engine, filtered by severity, with a jump to its evidence and accept or
// dismiss with a note. A large dossier has thousands of findings: they are shown FINDINGS_PAGE at a
// time, more on demand (all of them at once held the window for a minute at 10,000 declared rows).
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n';
import { useUi } from '../../state/ui';
import { isLocked, useWorkspace } from '../../state/workspace';
import { useDraftText } from '../../state/drafts';
import type { Finding, ReviewFile, Severity } from '../../core/types';
import { ProvisionalNotice } from '../ProvisionalNotice';
import { MessageText, findingSentence } from '../MessageText';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** How many findings are shown at first, and added by each `findings-more`. */
export const FINDINGS_PAGE = 100;

type FindingDecision = ReviewFile['findings'][number];

function FindingItem({ finding, decision, locked }: { finding: Finding; decision: FindingDecision | undefined; locked: boolean }) {
  const { t } = useI18n();
  const edit = useWorkspace((state) => state.edit);
  const openFile = useUi((state) => state.openFile);
  const selectClaim = useUi((state) => state.selectClaim);
  const dossierId = useWorkspace((state) => state.open?.id ?? '');
  const noteDraft = useDraftText(`${dossierId}|finding-note|${finding.id}`, decision?.note ?? '');
  const note = noteDraft.value;
  const status = decision?.status ?? 'open';
  const decide = (next: 'open' | 'accepted' | 'dismissed') => void edit({ type: 'finding', findingId: finding.id, status: next, note: note.trim() }, { basedOn: noteDraft.basedOn }).then((stored) => stored && noteDraft.settle(note));
  return (
    <li className={`finding finding-${finding.severity} finding-${status}`} data-testid={`finding-${finding.id}`}>
      <div className="finding-head">
        <span className={`tag tag-${finding.severity}`}>{t(`severity.${finding.severity}`)}</span>
        {finding.claimId && (
          <button type="button" className="link-button mono" onClick={() => { selectClaim(finding.claimId!); useUi.getState().setTab('claims'); }}>{finding.claimId}</button>
        )}
        <span className={`status status-${status}`}>{t(`checks.status.${status}`)}</span>
      </div>
      <p className="finding-message"><MessageText message={findingSentence(finding)} id={`finding-message-${finding.id}`} /></p>
      {finding.clause && <p className="muted small">{t('checks.clause', { clause: '' })}<span translate="no">{finding.clause}</span></p>}
      <div className="finding-actions">
        {finding.evidence && (
          <button type="button" className="text-button" onClick={() => openFile(finding.evidence!.file, finding.evidence!.page ?? 1)}>
            {t('checks.evidence')} · <span translate="no">{finding.evidence.file.split('/').pop()}</span>{finding.evidence.page ? ` ${t('checks.page', { page: finding.evidence.page })}` : ''}
          </button>
        )}
        <input value={note} className={noteDraft.isDraft ? 'draft' : undefined} onChange={(event) => noteDraft.setValue(event.target.value)} placeholder={t('checks.note')} aria-label={t('checks.noteFor')} aria-describedby={`finding-message-${finding.id}`} disabled={locked} />
        {status === 'open' ? (
          <>
            <button type="button" className="text-button" disabled={locked} onClick={() => decide('accepted')}>{t('checks.accept')}</button>
            <button type="button" className="text-button" disabled={locked} onClick={() => decide('dismissed')}>{t('checks.dismiss')}</button>
          </>
        ) : (
          <button type="button" className="text-button" disabled={locked} onClick={() => decide('open')}>{t('checks.reopen')}</button>
        )}
      </div>
    </li>
  );
}

export function ChecksPanel() {
  const { t } = useI18n();
  const report = useWorkspace((state) => state.report);
  const locked = useWorkspace((state) => isLocked(state.open?.review));
  const reviewFindings = useWorkspace((state) => state.open?.review.findings);
  const [filter, setFilterState] = useState<Severity | 'all'>('all');
  const [limit, setLimit] = useState(FINDINGS_PAGE);
  const setFilter = (next: Severity | 'all') => {
    setFilterState(next);
    setLimit(FINDINGS_PAGE);
  };
  const findings = report?.findings ?? [];
  const shown = filter === 'all' ? findings : findings.filter((finding) => finding.severity === filter);
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  const decisions = useMemo(() => new Map((reviewFindings ?? []).map((entry) => [entry.id, entry])), [reviewFindings]);
  const more = Math.min(FINDINGS_PAGE, shown.length - limit);
  return (
    <section className="panel checks-panel" aria-labelledby="checks-heading">
      <header className="panel-header">
        <h2 id="checks-heading">{t('tabs.checks')}</h2>
        <div className="segmented" role="radiogroup" aria-label={t('checks.filter')}>
          <button type="button" role="radio" aria-checked={filter === 'all'} className={filter === 'all' ? 'active' : ''} onClick={() => setFilter('all')}>{t('checks.all')} {findings.length}</button>
          {SEVERITIES.map((severity) => (
            <button key={severity} type="button" role="radio" aria-checked={filter === severity} className={filter === severity ? 'active' : ''} onClick={() => setFilter(severity)}>
              {t(`severity.${severity}`)} {count(severity)}
            </button>
          ))}
        </div>
      </header>
      <ProvisionalNotice />
      {!report ? <p className="muted empty-note">{t('verdict.pending')}</p> : shown.length === 0 ? <p className="muted empty-note">{t('checks.none')}</p> : (
        <>
          <ul className="finding-list">{shown.slice(0, limit).map((finding) => <FindingItem key={finding.id} finding={finding} decision={decisions.get(finding.id)} locked={locked} />)}</ul>
          {more > 0 && (
            <button type="button" className="text-button findings-more" data-testid="findings-more" onClick={() => setLimit(limit + FINDINGS_PAGE)}>
              {t('checks.more', { count: more, shown: limit, total: shown.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
