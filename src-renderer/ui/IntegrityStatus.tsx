// The open dossier's integrity (DESIGN.md `integrity-status`): always present while a dossier is
// open; data-status ok|broken (checking while the first check runs) and data-head, the audit entry
// the last check reached; when broken, each row, entry or file that does not agree is named.
import { useI18n } from '../i18n';
import { describeIntegrityProblem, useIntegrity } from '../state/integrity';

export function IntegrityStatus({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const state = useIntegrity();
  const current = state.dossierId === dossierId ? state : null;
  const status = current?.status ?? 'checking';
  const report = current?.report ?? null;
  const tone = status === 'broken' ? 'notice-error' : status === 'ok' ? 'notice-info' : '';
  let headline = t('integrity.checking');
  if (status === 'ok' && report) {
    headline = report.head ? t('integrity.ok', { count: report.entries, seq: report.head.seq, hash: report.head.hash.slice(0, 12) }) : t('integrity.okEmpty');
  } else if (status === 'broken' && report) {
    headline = t('integrity.broken', { count: report.problems.length });
  }
  return (
    <div className={`notice integrity-status ${tone}`} data-testid="integrity-status" data-status={status} data-head={report?.head?.seq ?? 0} role="status" aria-live="polite">
      <strong>{t('integrity.label')}</strong> · {headline}
      {status === 'broken' && report && (
        <ul className="integrity-problems">
          {report.problems.map((problem, index) => <li key={index}>{describeIntegrityProblem(problem, t)}</li>)}
        </ul>
      )}
    </div>
  );
}
