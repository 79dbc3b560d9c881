// The Plan screen: every dossier of one program in the store, with the year's budget and the
// allocation (pro rata or by score rank): each dossier's award and why (0 with its reason when
// ineligible, the audit failed or the score is under the lowest band), the checks across dossiers
// (a firm's yearly cap, the provider caps, the same contact or phone, each naming the other
// dossiers), and the 扶持计划 / 公示名单 workbook. The plan itself is core/plan's, as `dossier-desk plan`.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { MessageText, findingSentence } from '../MessageText';
import { ALLOCATIONS, type Allocation } from '../../core/plan';
import { tryParseYuan } from '../../core/money';
import { getHost } from '../../platform/host';
import { planStore, planWorkbook, programsInStore, type PlanProgram, type StorePlan } from '../../state/plan';
import { useProfile } from '../../state/profiles';
import { useUi } from '../../state/ui';
import { Modal } from '../Modal';
import { VerdictChip } from '../VerdictChip';

/** 扶持计划-12份申报-20241020-1005.xlsx: what, how many dossiers, when. */
export function planFileName(dossiers: number, now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `扶持计划-${dossiers}份申报-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.xlsx`;
}

export function PlanTable({ plan, onOpen }: { plan: StorePlan; onOpen: (dossierId: string) => void }) {
  const { t, language, formatCny } = useI18n();
  const lang = language === 'en' ? 'en' : 'zh';
  const category = (id: string) => plan.profile.categories.find((entry) => entry.id === id)?.label[lang] ?? id;
  const { rows, requestedFen, allocatedFen } = plan.result.plan;
  return (
    <table className="data-table plan-table" data-testid="plan-table">
      <thead>
        <tr>
          <th scope="col">{t('plan.applicant')}</th><th scope="col">{t('plan.category')}</th><th scope="col">{t('plan.eligible')}</th>
          <th scope="col">{t('plan.audit')}</th><th scope="col" className="num">{t('plan.score')}</th><th scope="col">{t('plan.band')}</th>
          <th scope="col" className="num">{t('plan.cap')}</th><th scope="col" className="num">{t('plan.award')}</th><th scope="col">{t('plan.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const dossierId = plan.ids.get(row.dossier) ?? row.dossier;
          return (
            <tr key={row.dossier} data-testid={`plan-row-${dossierId}`} data-award-fen={row.awardFen} data-reason={row.reason}>
              <td className="plan-applicant">
                <button type="button" className="link-button" translate="no" title={t('plan.openDossier', { id: dossierId })} onClick={() => onOpen(dossierId)} data-testid={`plan-open-${dossierId}`}>{row.applicant || row.dossier}</button>
                {row.creditCode && <span className="muted mono small plan-credit-code" translate="no">{row.creditCode}</span>}
              </td>
              <td>{category(row.category)}</td>
              <td>{row.eligible ? t('plan.eligibleYes') : <span className="tag tag-error">{t('plan.eligibleNo')}</span>}</td>
              <td className="plan-verdict"><VerdictChip verdict={row.auditVerdict} qualifier={plan.result.verdicts.get(row.dossier) ?? null} /></td>
              <td className="num">{row.score ?? '—'}</td>
              <td translate="no">{row.band ?? '—'}</td>
              <td className="num">{formatCny(row.capFen)}</td>
              <td className="num"><strong>{formatCny(row.awardFen)}</strong></td>
              <td className="reason">{lang === 'en' ? row.reasonTextEn : row.reasonText}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={6}>{t('plan.total')}</td>
          <td className="num" data-testid="plan-requested">{formatCny(requestedFen)}</td>
          <td className="num" data-testid="plan-allocated" data-fen={allocatedFen}>{formatCny(allocatedFen)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

export function PlanDialog({ onClose }: { onClose: () => void }) {
  const { t, language, formatCny } = useI18n();
  const setNotice = useUi((state) => state.setNotice);
  const openDossier = useUi((state) => state.openDossier);
  const [programs, setPrograms] = useState<PlanProgram[]>([]);
  const [program, setProgram] = useState<string>('');
  const [budget, setBudget] = useState('');
  const [issue, setIssue] = useState('');
  const [allocation, setAllocation] = useState<Allocation>('pro-rata');
  const [plan, setPlan] = useState<StorePlan | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { profile } = useProfile(program || undefined);
  const lang = language === 'en' ? 'en' : 'zh';

  useEffect(() => {
    programsInStore().then((found) => {
      setPrograms(found);
      setProgram((current) => current || found[0]?.id || '');
    }, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, []);

  const budgetFen = budget.trim() === '' ? null : tryParseYuan(budget.trim().replace(/[,，]/g, ''));
  const issueFen = issue.trim() === '' ? undefined : tryParseYuan(issue.trim().replace(/[,，]/g, ''));
  const budgetInvalid = budget.trim() !== '' && (budgetFen === null || budgetFen < 0);
  const issueInvalid = issueFen === null || (issueFen !== undefined && issueFen < 0);

  useEffect(() => {
    if (!program || budgetFen === null || budgetFen < 0 || issueInvalid) {
      setPlan(null);
      return;
    }
    let live = true;
    setBusy(true);
    planStore(program, budgetFen, allocation, issueFen ?? undefined).then(
      (result) => {
        if (!live) return;
        setPlan(result);
        setProblem(null);
      },
      (error: unknown) => {
        if (!live) return;
        setPlan(null);
        setProblem(error instanceof Error ? error.message : String(error));
      },
    ).finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [program, budgetFen, allocation, issueFen, issueInvalid]);

  const exportPlan = async () => {
    if (!plan) return;
    const bytes = await planWorkbook(plan);
    const saved = await getHost().saveExport({ suggestedName: planFileName(plan.result.plan.rows.length, new Date()), bytes, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    if (!saved.ok) setNotice({ tone: 'error', text: saved.error.message });
    else if (saved.value) setNotice({ tone: 'info', text: t('plan.exported', { file: saved.value.path }) });
  };

  const findings = plan?.result.batchFindings ?? [];
  const applicantOf = new Map((plan?.result.plan.rows ?? []).map((row) => [row.dossier, row.applicant || row.dossier]));
  return (
    <Modal testId="plan-dialog" className="modal-wide plan-dialog" headingId="plan-heading" heading={t('plan.heading')} onClose={onClose}>
      <div className="plan-controls">
        <label>
          <span>{t('plan.program')}</span>
          <select data-testid="plan-program" value={program} onChange={(event) => setProgram(event.target.value)}>
            {programs.map((entry) => <option key={entry.id} value={entry.id}>{t('plan.programOption', { name: entry.id === program && profile ? profile.name[lang] : entry.id, count: entry.dossiers })}</option>)}
          </select>
        </label>
        <label>
          <span>{t('plan.budget')}</span>
          <input data-testid="plan-budget" inputMode="decimal" value={budget} aria-invalid={budgetInvalid || undefined} onChange={(event) => setBudget(event.target.value)} placeholder="20000000.00" />
        </label>
        <label>
          <span>{t('plan.allocation')}</span>
          <select data-testid="plan-allocation" value={allocation} onChange={(event) => setAllocation(event.target.value as Allocation)}>
            {ALLOCATIONS.map((entry) => <option key={entry} value={entry}>{t(`plan.allocation.${entry}`)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('plan.cityIssue')}</span>
          <input data-testid="plan-city-issue" inputMode="decimal" value={issue} aria-invalid={issueInvalid || undefined} onChange={(event) => setIssue(event.target.value)} />
        </label>
        <button type="button" className="primary-button" data-testid="plan-export" disabled={!plan || busy} onClick={() => void exportPlan().catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))}>{t('plan.export')}</button>
      </div>
      {(budgetInvalid || issueInvalid) && <p className="field-error" role="alert">{t('plan.budgetInvalid')}</p>}
      {problem && <p className="field-error" role="alert" data-testid="plan-problem">{problem}</p>}
      {busy && <p className="muted" role="status">{t('plan.computing')}</p>}
      {plan && (
        <>
          <p data-testid="plan-summary">{t('plan.summary', { budget: formatCny(plan.result.plan.budgetFen), requested: formatCny(plan.result.plan.requestedFen), allocated: formatCny(plan.result.plan.allocatedFen) })}</p>
          <PlanTable plan={plan} onOpen={(dossierId) => { openDossier(dossierId); onClose(); }} />
          <p className="muted small">{t('plan.reviewerNote')}</p>
          <section className="plan-findings" data-testid="plan-findings" data-count={findings.length}>
            {findings.length === 0 ? <p className="muted">{t('plan.noBatchFindings')}</p> : (
              <>
                <h3>{t('plan.batchFindings', { count: findings.length })}</h3>
                <ul>
                  {findings.map(({ dossier, finding }, index) => (
                    <li key={index} data-testid={`plan-finding-${finding.rule}`}>
                      <span className={`tag tag-${finding.severity === 'error' ? 'error' : 'warning'}`}>{t(`severity.${finding.severity}`)}</span>
                      <strong translate="no" title={plan.ids.get(dossier)}>{applicantOf.get(dossier) ?? dossier}</strong> <MessageText message={findingSentence(finding)} />
                      {finding.clause && <span className="muted" translate="no"> [{finding.clause}]</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </Modal>
  );
}
