// The profile's rubric with the reviewer's scores, the total, band and award cap from the engine,
// the conflict-of-interest declaration and the sign-off that locks the review.
import { formatDateTime, useI18n } from '../../i18n';
import { useProfile } from '../../state/profiles';
import { isLocked, useWorkspace } from '../../state/workspace';
import { useDraftText } from '../../state/drafts';
import type { RubricCriterion } from '../../core/profiles/schema';
import { scoreProblem } from '../input-validation';
import { commentsRequiredFor, scoreOfReview, signOffProblems } from '../../core/panel/sign-off';
import { CommentInput, ConflictScreening, OpinionInput, ReviewerLine, SignOffProblems } from '../reviewer/ReviewParts';

function ScoreInput({ criterion, value, locked, label }: { criterion: RubricCriterion; value: string | undefined; locked: boolean; label: string }) {
  const { t } = useI18n();
  const edit = useWorkspace((state) => state.edit);
  const dossierId = useWorkspace((state) => state.open?.id ?? '');
  const draft = useDraftText(`${dossierId}|score|${criterion.id}`, value ?? '');
  const text = draft.value;
  const problem = draft.isDraft ? scoreProblem(text, criterion.max) : null;
  const errorId = `score-error-${criterion.id}`;
  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === (value ?? '')) return draft.discard();
    if (problem) return;
    void edit({ type: 'score', criterionId: criterion.id, value: trimmed === '' ? null : trimmed }, { basedOn: draft.basedOn }).then((stored) => stored && draft.settle(text));
  };
  return (
    <>
      <input
        className={`num score-input${draft.isDraft ? ' draft' : ''}${problem ? ' refused' : ''}`}
        data-testid={`score-${criterion.id}`}
        value={text}
        placeholder={t('score.notScored')}
        inputMode="decimal"
        disabled={locked}
        aria-label={`${label}（${t('score.max')} ${criterion.max}）`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => draft.setValue(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') {
            draft.discard();
          }
        }}
      />
      {problem && (
        <span className="field-error" role="alert" id={errorId} data-testid={`score-error-${criterion.id}`}>
          <span>{t(problem.key, problem.params)}</span>
          <span className="field-error-note">{value ? t('input.notCounted', { value }) : t('input.notCountedEmpty')}</span>
        </span>
      )}
    </>
  );
}

export function ScorePanel() {
  const { t, language, formatCny } = useI18n();
  const open = useWorkspace((state) => state.open);
  const report = useWorkspace((state) => state.report);
  const edit = useWorkspace((state) => state.edit);
  const signing = useWorkspace((state) => state.signing);
  const { profile, error } = useProfile(open?.manifest.program);
  const review = open?.review;
  const coiDraft = useDraftText(`${open?.id ?? ''}|coi-note`, review?.conflictOfInterest?.note ?? '');
  const coiNote = coiDraft.value;
  if (!open || !review) return null;
  // While the sign-off is being stored nothing is changed: the review is shown as signed once the store holds it.
  const signed = isLocked(review);
  const locked = signed || signing;
  const scoring = profile?.scoring ?? null;
  const lang = language === 'zh-CN' ? 'zh' : 'en';
  const declared = review.conflictOfInterest?.declared ?? false;
  const category = open.manifest.applicant.category;
  const score = profile ? scoreOfReview(profile, review, category) : null;
  const required = profile && score ? commentsRequiredFor(profile, score) : { criteria: [], reason: null };
  const requiredCriteria = new Set(required.criteria);
  const opinionRequired = Boolean(score && scoring?.commentsRequired?.opinion);
  const problems = profile ? signOffProblems(profile, review, category) : [];
  const labels = new Map(scoring?.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => [criterion.id, criterion.label[lang]] as const)) ?? []);
  const missing = report?.score?.missingCriteria ?? score?.missingCriteria ?? [];
  const unfinished = Boolean(report?.score) && missing.length > 0;

  return (
    <section className="panel score-panel" aria-labelledby="score-heading">
      <header className="panel-header"><h2 id="score-heading">{t('tabs.score')}</h2>{signed && <span className="tag tag-info">{t('score.locked')}</span>}</header>
      {error && <p role="alert" className="field-error">{error}</p>}
      <ReviewerLine locked={signed} review={review} />
      {profile && !locked && <ConflictScreening profile={profile} open={open} />}
      <div className="score-summary">
        <div>
          <span className="gauge-label">{t('score.total')}</span>
          <strong className={`score-total${unfinished ? ' unfinished' : ''}`} data-testid="score-total" data-total={report?.score?.total ?? ''} data-unfinished={unfinished ? 'true' : undefined}>{report?.score?.total ?? '—'}</strong>
          {scoring && <span className="muted"> / {scoring.totalMax}</span>}
          {unfinished && <span className="unfinished-tag" data-testid="score-unfinished">{t('score.unfinished', { count: missing.length })}</span>}
        </div>
        <div><span className="gauge-label">{t('score.band')}</span><strong data-testid="score-band">{report?.score ? (unfinished ? t('score.unfinishedTotal') : report.score.band ?? t('score.noBand')) : '—'}</strong></div>
        <div><span className="gauge-label">{t('score.awardCap')}</span><strong data-testid="award-cap">{report?.score?.awardCapFen != null && !unfinished ? formatCny(report.score.awardCapFen) : '—'}</strong></div>
      </div>
      {scoring && !scoring.weightsOfficial && <p className="notice notice-warning" role="note" title={scoring.weightsNote[lang]}>{t('score.defaultWeights')}</p>}
      {required.criteria.length > 0 && score && (
        <p className="notice notice-warning" role="note" data-testid="comments-required">
          {required.reason === 'below-lowest-band' ? t('comment.requiredBelow', { total: score.total }) : t('comment.requiredBecause', { total: score.total, band: score.band ?? '' })}
        </p>
      )}
      {scoring ? (
        <table className="data-table rubric">
          <thead><tr><th scope="col">{t('score.criterion')}</th><th scope="col" className="num">{t('score.max')}</th><th scope="col" className="num">{t('score.value')}</th></tr></thead>
          {scoring.dimensions.map((dimension) => (
            <tbody key={dimension.id}>
              <tr className="group-row"><th colSpan={3} scope="rowgroup">{dimension.label[lang]}</th></tr>
              {dimension.criteria.map((criterion) => (
                <CriterionRows key={criterion.id} label={criterion.label[lang]} max={criterion.max}>
                  <ScoreInput criterion={criterion} value={review.scores[criterion.id]} locked={locked} label={criterion.label[lang]} />
                  <CommentInput criterionId={criterion.id} label={criterion.label[lang]} stored={review.comments?.[criterion.id] ?? ''} locked={locked} required={requiredCriteria.has(criterion.id)} />
                </CriterionRows>
              ))}
            </tbody>
          ))}
        </table>
      ) : !error && <p className="muted">{t('viewer.loading')}</p>}
      <OpinionInput stored={review.opinion ?? ''} locked={locked} required={opinionRequired} />
      <fieldset className="coi" disabled={locked}>
        <legend>{t('score.coi')}</legend>
        <label className="checkbox">
          <input type="checkbox" data-testid="coi-declared" checked={declared} onChange={(event) => void edit({ type: 'conflict-of-interest', declared: event.target.checked, note: coiNote.trim() }, { basedOn: coiDraft.basedOn })} />
          {t('score.coiDeclared')}
        </label>
        <input value={coiNote} onChange={(event) => coiDraft.setValue(event.target.value)} onBlur={() => coiNote.trim() !== (review.conflictOfInterest?.note ?? '') && void edit({ type: 'conflict-of-interest', declared, note: coiNote.trim() }, { basedOn: coiDraft.basedOn })} placeholder={t('score.coiNote')} aria-label={t('score.coiNote')} />
      </fieldset>
      <div className="sign-off">
        {signed ? (
          <p className="notice notice-info" data-testid="signed-at" role="status">{t('score.signedAt', { time: formatDateTime(review.decision!.signedAt!) })}</p>
        ) : signing ? (
          <p className="notice notice-info" data-testid="signing" role="status" aria-busy="true">{t('score.signing')}</p>
        ) : (
          <>
            <SignOffProblems problems={problems} labelOf={(id) => labels.get(id) ?? id} />
            <button
              type="button"
              className="primary-button"
              data-testid="sign-off"
              disabled={problems.length > 0 || !profile}
              aria-describedby={problems.length > 0 ? 'sign-off-problems' : undefined}
              onClick={() => {
                if (window.confirm(t('score.signOffConfirm'))) void edit({ type: 'sign-off', signedAt: new Date().toISOString() });
              }}
            >
              {t('score.signOff')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}

/** A criterion's row (label, maximum, score) with its comment below, spanning the row. */
function CriterionRows({ label, max, children }: { label: string; max: string; children: [React.ReactNode, React.ReactNode] }) {
  return (
    <>
      <tr className="criterion-row">
        <td>{label}</td>
        <td className="num">{max}</td>
        <td className="num">{children[0]}</td>
      </tr>
      <tr className="comment-row"><td colSpan={3} className="comment-cell">{children[1]}</td></tr>
    </>
  );
}
