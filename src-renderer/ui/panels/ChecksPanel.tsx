// Every finding of the engine, filtered by severity, with a jump to its evidence and accept or
// dismiss with a note.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useUi } from '../../state/ui';
import { isLocked, useWorkspace } from '../../state/workspace';
import { useDraftText } from '../../state/drafts';
import type { Finding, Severity } from '../../core/types';
import { ProvisionalNotice } from '../ProvisionalNotice';
import { MessageText, findingSentence } from '../MessageText';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function FindingItem({ finding, locked }: { finding: Finding; locked: boolean }) {
  const { t } = useI18n();
  const decision = useWorkspace((state) => state.open?.review.findings.find((entry) => entry.id === finding.id));
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
  const [filter, setFilter] = useState<Severity | 'all'>('all');
  const findings = report?.findings ?? [];
  const shown = filter === 'all' ? findings : findings.filter((finding) => finding.severity === filter);
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
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
        <ul className="finding-list">{shown.map((finding) => <FindingItem key={finding.id} finding={finding} locked={locked} />)}</ul>
      )}
    </section>
  );
}
