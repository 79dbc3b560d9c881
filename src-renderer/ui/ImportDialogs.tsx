// Import dialogs: the storage check before a large import (selected size, estimated need, quota,
// usage, free space, persistence; Continue / Cancel), the summary line after an import, and the
// import report listing every file of a dossier with its outcome and messages.
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { formatBytes } from '../core/import/limits';
import type { FileOutcome } from '../db/store';
import type { ImportSpaceCheck } from '../db/storage';
import { useI18n } from '../i18n';
import { getStore } from '../state/store';
import { countOutcomes, outcomeLabel, sortForReport, type OutcomeCounts } from './import-outcomes';
import { Modal } from './Modal';

export type LoadOutcomes = (dossierId: string) => Promise<FileOutcome[]>;

const outcomesFromStore: LoadOutcomes = async (dossierId) => (await getStore()).fileOutcomes(dossierId);

interface ImportDialogsState {
  /** The space check waiting for the reviewer's answer, and how to answer it. */
  spaceCheck: ImportSpaceCheck | null;
  answerSpace: ((proceed: boolean) => void) | null;
  /** The dossier whose import report is open. */
  reportFor: string | null;
  /** The last import, summarised until the reviewer dismisses it. */
  announced: { dossierId: string; counts: OutcomeCounts } | null;
}

export const useImportDialogs = create<ImportDialogsState>()(() => ({ spaceCheck: null, answerSpace: null, reportFor: null, announced: null }));

/** Asks the reviewer to confirm an import (the confirmSpace option of importFiles); true to go ahead. */
export function confirmImportSpace(check: ImportSpaceCheck): Promise<boolean> {
  useImportDialogs.getState().answerSpace?.(false);
  return new Promise((resolve) => {
    useImportDialogs.setState({
      spaceCheck: check,
      answerSpace: (proceed) => {
        useImportDialogs.setState({ spaceCheck: null, answerSpace: null });
        resolve(proceed);
      },
    });
  });
}

export function showImportReport(dossierId: string): void {
  useImportDialogs.setState({ reportFor: dossierId });
}

/** After an import: the summary line with its counts, from which the report opens. */
export async function announceImport(dossierId: string, load: LoadOutcomes = outcomesFromStore): Promise<void> {
  const counts = countOutcomes(await load(dossierId));
  useImportDialogs.setState({ announced: { dossierId, counts } });
}

export function ImportSpaceDialog({ check, onAnswer }: { check: ImportSpaceCheck; onAnswer: (proceed: boolean) => void }) {
  const { t } = useI18n();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  const willNotFit = check.fits === false;
  useEffect(() => (willNotFit ? cancelRef : continueRef).current?.focus(), [willNotFit]);
  const { selection, estimate } = check;
  const lead = check.askBecause === 'will-not-fit'
    ? t('importSpace.lead.will-not-fit', { needed: formatBytes(check.neededBytes), free: formatBytes(estimate?.available ?? 0) })
    : check.askBecause === 'share-of-free'
      ? t('importSpace.lead.share-of-free')
      : t('importSpace.lead.large', { size: formatBytes(selection.bytes) });
  return (
    <div className="modal-backdrop">
      <div
        className="modal import-space-dialog" role="dialog" aria-modal="true" aria-labelledby="import-space-heading" aria-describedby="import-space-lead"
        data-testid="import-space-dialog" data-fits={check.fits === null ? 'unknown' : String(check.fits)}
        onKeyDown={(event) => event.key === 'Escape' && onAnswer(false)}
      >
        <h2 id="import-space-heading">{t('importSpace.heading')}</h2>
        <p id="import-space-lead" className={`notice ${willNotFit ? 'notice-error' : 'notice-info'}`} role={willNotFit ? 'alert' : undefined} data-testid="import-space-lead">{lead}</p>
        <dl className="import-space-figures">
          <dt>{t('importSpace.selected')}</dt>
          <dd data-testid="import-space-selected">{t('importSpace.selectedValue', { count: selection.files, size: formatBytes(selection.bytes) })}</dd>
          <dt>{t('importSpace.needed')}</dt>
          <dd data-testid="import-space-needed">
            {formatBytes(check.neededBytes)}
            {selection.archives > 0 && <span className="muted small import-space-note">{t('importSpace.archives', { count: selection.archives })}</span>}
          </dd>
          {estimate ? (
            <>
              <dt>{t('importSpace.quota')}</dt>
              <dd data-testid="import-space-quota">{formatBytes(estimate.quota)}</dd>
              <dt>{t('importSpace.usage')}</dt>
              <dd data-testid="import-space-usage">{formatBytes(estimate.usage)}</dd>
              <dt>{t('importSpace.free')}</dt>
              <dd data-testid="import-space-free" className={willNotFit ? 'import-space-short' : undefined}>{formatBytes(estimate.available)}</dd>
            </>
          ) : (
            <>
              <dt>{t('importSpace.free')}</dt>
              <dd data-testid="import-space-free">{t('importSpace.unknown')}</dd>
            </>
          )}
          <dt>{t('importSpace.persisted')}</dt>
          <dd data-testid="import-space-persisted" data-persisted={String(check.persisted)}>
            {t(check.persisted ? 'importSpace.persisted.yes' : 'importSpace.persisted.no')}
          </dd>
        </dl>
        <div className="import-dialog-actions">
          <button ref={cancelRef} type="button" className={willNotFit ? 'primary-button' : 'secondary-button'} onClick={() => onAnswer(false)} data-testid="import-space-cancel">
            {t('importSpace.cancel')}
          </button>
          <button ref={continueRef} type="button" className={willNotFit ? 'secondary-button' : 'primary-button'} onClick={() => onAnswer(true)} data-testid="import-space-continue">
            {t(willNotFit ? 'importSpace.tryAnyway' : 'importSpace.continue')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function ImportReportDialog({ dossierId, load, onClose }: { dossierId: string; load: LoadOutcomes; onClose: () => void }) {
  const { t } = useI18n();
  const [outcomes, setOutcomes] = useState<FileOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setOutcomes(null);
    setError(null);
    load(dossierId).then(
      (loaded) => { if (current) setOutcomes(sortForReport(loaded)); },
      (reason: unknown) => { if (current) setError(reason instanceof Error ? reason.message : String(reason)); },
    );
    return () => { current = false; };
  }, [dossierId, load]);
  const counts = outcomes ? countOutcomes(outcomes) : null;
  return (
    <Modal testId="import-report" className="modal-wide import-report" headingId="import-report-heading" heading={t('importReport.heading')} onClose={onClose} closeTestId="import-report-close">
      {error && <p role="alert" className="field-error">{t('error.generic', { reason: error })}</p>}
      {!outcomes && !error && <p className="muted">{t('importReport.loading')}</p>}
      {counts && <p className="import-report-counts" data-testid="import-report-counts">{t('importReport.counts', { ...counts })}</p>}
      {outcomes && outcomes.length === 0 && <p className="muted">{t('importReport.empty')}</p>}
      {outcomes && outcomes.length > 0 && (
        <table className="import-report-table">
          <thead>
            <tr><th scope="col">{t('importReport.file')}</th><th scope="col">{t('importReport.outcome')}</th><th scope="col">{t('importReport.messages')}</th></tr>
          </thead>
          <tbody>
            {outcomes.map((outcome) => {
              const label = outcomeLabel(outcome);
              return (
                <tr key={outcome.path} data-testid="import-report-row" data-path={outcome.path} data-outcome={label} className={`import-row-${outcome.status}`}>
                  <th scope="row" className="import-report-path" translate="no">{outcome.path}</th>
                  <td><span className={`import-outcome import-outcome-${label}`}>{t(`importReport.outcome.${label}`)}</span></td>
                  <td>
                    {outcome.problems.length > 0 && (
                      <ul className="import-report-messages">
                        {outcome.problems.map((problem, index) => (
                          <li key={`${problem.code}-${index}`} data-code={problem.code} data-severity={problem.severity}>
                            <span className="problem-label">{t(`problem.${problem.code}`)}</span>
                            <span className="problem-detail">{problem.message}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Modal>
  );
}

/** The summary line after an import, the report for the dossier asked for, and the space check. */
export function ImportDialogs({ load = outcomesFromStore }: { load?: LoadOutcomes }) {
  const { t } = useI18n();
  const spaceCheck = useImportDialogs((state) => state.spaceCheck);
  const answerSpace = useImportDialogs((state) => state.answerSpace);
  const reportFor = useImportDialogs((state) => state.reportFor);
  const announced = useImportDialogs((state) => state.announced);
  return (
    <>
      {announced && (
        <div className="notice notice-info app-error import-summary" role="status" data-testid="import-summary">
          {t('importReport.summary', { imported: announced.counts.imported, warnings: announced.counts.warnings, refused: announced.counts.refused })}
          <button type="button" className="link-button import-summary-open" onClick={() => showImportReport(announced.dossierId)} data-testid="import-summary-open">
            {t('importReport.view')}
          </button>
          <button type="button" className="icon-button" onClick={() => useImportDialogs.setState({ announced: null })} aria-label={t('keys.close')}>×</button>
        </div>
      )}
      {spaceCheck && answerSpace && <ImportSpaceDialog check={spaceCheck} onAnswer={answerSpace} />}
      {reportFor && <ImportReportDialog dossierId={reportFor} load={load} onClose={() => useImportDialogs.setState({ reportFor: null })} />}
    </>
  );
}
