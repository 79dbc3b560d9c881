// This dossier's audit trail, newest first, with the result of verifying its hash chain.
import { useEffect, useState } from 'react';
import { formatDateTime, useI18n } from '../../i18n';
import { useWorkspace } from '../../state/workspace';
import { verifyAuditChain, type AuditVerification } from '../../core/audit';
import { describeAuditEntry } from '../../core/audit/describe';
import { PLACEHOLDER_REVIEWER_NAMES } from '../../core/panel/sign-off';
import { webCryptoHasher } from '../../platform/hasher';
import { useProfile } from '../../state/profiles';
import { useAuditVocabulary } from '../audit-vocabulary';
import type { AuditEntry } from '../../core/types';

const NO_ENTRIES: AuditEntry[] = [];

export function LogPanel() {
  const { t } = useI18n();
  const log = useWorkspace((state) => state.open?.review.auditLog ?? NO_ENTRIES);
  const { profile } = useProfile(useWorkspace((state) => state.open?.manifest.program));
  const vocabulary = useAuditVocabulary(profile);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  useEffect(() => {
    let live = true;
    verifyAuditChain(log, webCryptoHasher).then((result) => live && setVerification(result), () => live && setVerification(null));
    return () => {
      live = false;
    };
  }, [log]);
  return (
    <section className="panel log-panel" aria-labelledby="log-heading">
      <header className="panel-header"><h2 id="log-heading">{t('tabs.log')}</h2></header>
      {verification && log.length > 0 && (
        <p className={`notice ${verification.ok ? 'notice-info' : 'notice-error'}`} role="status">
          {verification.ok ? t('log.chainOk', { count: verification.count }) : t('log.chainBroken', { seq: verification.seq })}
        </p>
      )}
      {log.length === 0 ? <p className="muted empty-note">{t('log.none')}</p> : (
        <table className="data-table compact log-table">
          <thead><tr><th scope="col">#</th><th scope="col">{t('log.time')}</th><th scope="col">{t('log.actor')}</th><th scope="col">{t('log.change')}</th></tr></thead>
          <tbody>
            {[...log].reverse().map((entry) => (
              <tr key={entry.seq} data-testid={`log-${entry.seq}`}>
                <td className="num">{entry.seq}</td>
                <td className="mono small nowrap">{formatDateTime(entry.time)}</td>
                {PLACEHOLDER_REVIEWER_NAMES.includes(entry.actor.trim())
                  ? <td className="nowrap muted">{t('log.unnamedActor')}</td>
                  : <td className="nowrap" translate="no">{entry.actor}</td>}
                <td className="log-sentence">{describeAuditEntry(entry, vocabulary)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
