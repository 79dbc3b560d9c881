// The parts of the score tab that belong to the reviewer as a person: who is reviewing (the profile),
// the conflict-of-interest screening of the declared relations against this dossier, a comment
// beside each score, the overall opinion, and what still stands in the way of signing off.
import { useI18n } from '../../i18n';
import { partiesOfDossier, screenConflicts, type ConflictHit } from '../../core/panel/conflict-screening';
import type { SignOffProblem } from '../../core/panel/sign-off';
import type { Profile } from '../../core/profiles/schema';
import type { FileExtraction, ReviewFile } from '../../core/types';
import { REVIEWER_ROLES as ROLE_LABELS } from '../../core/audit/describe';
import { useDraftText } from '../../state/drafts';
import { editReviewerProfile } from '../../state/reviewer';
import { isNamedProfile, useReviewerProfile } from '../../state/reviewer-profile';
import { useWorkspace, type OpenDossier } from '../../state/workspace';

/** Who is reviewing, with the button that edits the profile. */
export function ReviewerLine({ locked, review }: { locked: boolean; review: ReviewFile }) {
  const { t, language } = useI18n();
  const profile = useReviewerProfile((state) => state.profile);
  const lang = language === 'en' ? 'en' : 'zh';
  // A signed review shows who signed it; an open one, the profile it will be signed under.
  const shown = locked ? review.reviewer : isNamedProfile(profile) ? profile : null;
  return (
    <div className="reviewer-line" data-testid="reviewer-line">
      <span className="gauge-label">{t('score.reviewer')}</span>
      {shown ? (
        <strong data-testid="reviewer-shown">
          <span translate="no">{shown.name}</span>
          <span className="muted"> · {ROLE_LABELS[shown.role]?.[lang] ?? shown.role}{shown.organisation ? <> · <span translate="no">{shown.organisation}</span></> : null}</span>
        </strong>
      ) : <span className="tag tag-warning" data-testid="reviewer-shown">{t('reviewer.unnamed')}</span>}
      {!locked && <button type="button" className="text-button small" data-testid="reviewer-edit" onClick={editReviewerProfile}>{shown ? t('reviewer.edit') : t('reviewer.register')}</button>}
    </div>
  );
}

function hitText(hit: ConflictHit, t: ReturnType<typeof useI18n>['t']) {
  return t('coi.hit', {
    relation: t(`reviewer.relation.${hit.declared.relation}`), declared: hit.declared.name, role: t(`coi.role.${hit.party.role}`), party: hit.party.name,
    matchedBy: hit.matchedBy === 'credit-code' ? t('coi.byCode', { code: hit.party.creditCode ?? hit.declared.creditCode ?? '' }) : t('coi.byName'),
  });
}

/** The declared relations of the profile matched against the applicant, its customers and vendors, before scoring. */
export function ConflictScreening({ profile, open }: { profile: Profile; open: OpenDossier }) {
  const { t } = useI18n();
  const reviewer = useReviewerProfile((state) => state.profile);
  const relations = reviewer?.relations ?? open.review.conflictOfInterest?.relations ?? [];
  const extractions = open.documents.flatMap((doc) => (doc.extraction ? [doc.extraction] : [] as FileExtraction[]));
  const parties = partiesOfDossier(open.manifest, profile.invoiceParties.applicantIs === 'seller', extractions);
  const hits = screenConflicts({ ...open.review, conflictOfInterest: { declared: false, relations } }, parties);
  return (
    <div className="coi-screening" data-testid="coi-screening" data-hits={hits.length}>
      <strong className="small">{t('coi.heading')}</strong>
      {relations.length === 0 ? <p className="muted small">{t('coi.noneDeclared')}</p>
        : hits.length === 0 ? <p className="muted small" data-testid="coi-clear">{t('coi.none', { count: relations.length })}</p>
        : (
          <div className="notice notice-warning" role="alert" data-testid="coi-hits">
            {t('coi.hits', { count: hits.length })}
            <ul>{hits.map((hit, index) => <li key={index} data-testid={`coi-hit-${index}`}>{hitText(hit, t)}</li>)}</ul>
          </div>
        )}
    </div>
  );
}

/** The comment box beside a criterion's score: required ones marked, missing ones flagged. */
export function CommentInput({ criterionId, label, stored, locked, required }: { criterionId: string; label: string; stored: string; locked: boolean; required: boolean }) {
  const { t } = useI18n();
  const edit = useWorkspace((state) => state.edit);
  const dossierId = useWorkspace((state) => state.open?.id ?? '');
  const draft = useDraftText(`${dossierId}|comment|${criterionId}`, stored);
  const missing = required && draft.value.trim() === '';
  const commit = () => {
    if (draft.value === stored) return draft.discard();
    const text = draft.value;
    void edit({ type: 'comment', criterionId, text }, { basedOn: draft.basedOn }).then((saved) => saved && draft.settle(text));
  };
  return (
    <label className="comment-field">
      <span className="visually-hidden">{t('comment.label', { criterion: label })}</span>
      <textarea
        className={`comment-input${draft.isDraft ? ' draft' : ''}${missing ? ' missing' : ''}`}
        data-testid={`comment-${criterionId}`}
        data-required={required ? 'true' : undefined}
        aria-required={required || undefined}
        rows={1}
        value={draft.value}
        disabled={locked}
        placeholder={t('comment.label', { criterion: label })}
        onChange={(event) => draft.setValue(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Escape') draft.discard();
        }}
      />
      {required && <span className={`required-mark${missing ? ' missing' : ''}`} data-testid={`comment-required-${criterionId}`}>{missing ? `${t('comment.required')} · ${t('comment.missing')}` : t('comment.required')}</span>}
    </label>
  );
}

/** The overall opinion on the application. */
export function OpinionInput({ stored, locked, required }: { stored: string; locked: boolean; required: boolean }) {
  const { t } = useI18n();
  const edit = useWorkspace((state) => state.edit);
  const dossierId = useWorkspace((state) => state.open?.id ?? '');
  const draft = useDraftText(`${dossierId}|opinion`, stored);
  const missing = required && draft.value.trim() === '';
  return (
    <label className="opinion">
      <span>{t('opinion.label')}{required && <span className={`required-mark${missing ? ' missing' : ''}`}>{t('opinion.required')}</span>}</span>
      <textarea
        data-testid="opinion"
        className={`${draft.isDraft ? 'draft' : ''}${missing ? ' missing' : ''}`}
        aria-required={required || undefined}
        value={draft.value}
        disabled={locked}
        placeholder={t('opinion.placeholder')}
        onChange={(event) => draft.setValue(event.target.value)}
        onBlur={() => {
          if (draft.value === stored) return draft.discard();
          const text = draft.value;
          void edit({ type: 'opinion', text }, { basedOn: draft.basedOn }).then((saved) => saved && draft.settle(text));
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') draft.discard();
        }}
      />
    </label>
  );
}

/** What stops the sign-off, each in the reviewer's language with criteria by label. */
export function SignOffProblems({ problems, labelOf }: { problems: SignOffProblem[]; labelOf: (id: string) => string }) {
  const { t, language } = useI18n();
  if (problems.length === 0) return null;
  const join = (ids: string[] = []) => ids.map(labelOf).join(language === 'en' ? ', ' : '、');
  return (
    <div className="sign-off-blocked" id="sign-off-problems" data-testid="sign-off-problems">
      <span className="small">{t('signOff.blocked')}</span>
      <ul className="sign-off-problems">
        {problems.map((problem) => <li key={problem.kind} data-kind={problem.kind}>{t(`signOff.problem.${problem.kind}`, { criteria: join(problem.criteria) })}</li>)}
      </ul>
    </div>
  );
}
