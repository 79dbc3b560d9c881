// The reviewer profile dialog: name, role and organisation (what the review file, the audit log, the
// exports and the signature lines name), and the employers and clients of the last three years that
// are screened for conflicts of interest (typed, or imported from a CSV/text list). Asked once before
// the first score or cut; opened again from the top bar to edit.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { parseDeclaredRelations } from '../../core/panel/relations-list';
import type { DeclaredRelation } from '../../core/types';
import { dismissReviewerDialog, saveReviewerProfile } from '../../state/reviewer';
import { REVIEWER_ROLES, useReviewerProfile, type ReviewerProfile } from '../../state/reviewer-profile';
import { Modal } from '../Modal';

const EMPTY: ReviewerProfile = { name: '', role: 'auditor', organisation: '', relations: [] };

function RelationRow({ relation, index, onChange, onRemove }: { relation: DeclaredRelation; index: number; onChange: (next: DeclaredRelation) => void; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <tr data-testid={`relation-${index}`}>
      <td><input value={relation.name} aria-label={t('reviewer.relationName')} data-testid={`relation-name-${index}`} onChange={(event) => onChange({ ...relation, name: event.target.value })} /></td>
      <td><input value={relation.creditCode ?? ''} aria-label={t('reviewer.relationCode')} className="mono" size={20} onChange={(event) => {
        const creditCode = event.target.value.trim().toUpperCase();
        const { creditCode: _dropped, ...rest } = relation;
        onChange(creditCode ? { ...rest, creditCode } : rest);
      }} /></td>
      <td>
        <select value={relation.relation} aria-label={t('reviewer.relationKind')} onChange={(event) => onChange({ ...relation, relation: event.target.value as DeclaredRelation['relation'] })}>
          <option value="employer">{t('reviewer.relation.employer')}</option>
          <option value="client">{t('reviewer.relation.client')}</option>
        </select>
      </td>
      <td><input className="date-input mono" value={relation.from ?? ''} placeholder="YYYY-MM-DD" size={10} aria-label={t('reviewer.relationFrom')} onChange={(event) => onChange({ ...relation, from: event.target.value.trim() || undefined })} /></td>
      <td><input className="date-input mono" value={relation.to ?? ''} placeholder="YYYY-MM-DD" size={10} aria-label={t('reviewer.relationTo')} onChange={(event) => onChange({ ...relation, to: event.target.value.trim() || undefined })} /></td>
      <td><button type="button" className="text-button small" onClick={onRemove}>{t('reviewer.removeRelation')}</button></td>
    </tr>
  );
}

/** Drops the keys a cleared date input leaves undefined, so the stored relation holds only what was given. */
function tidy(relation: DeclaredRelation): DeclaredRelation {
  return Object.fromEntries(Object.entries(relation).filter(([, value]) => value !== undefined && value !== '')) as DeclaredRelation;
}

export function ReviewerDialog() {
  const { t } = useI18n();
  const dialog = useReviewerProfile((state) => state.dialog);
  const stored = useReviewerProfile((state) => state.profile);
  const [draft, setDraft] = useState<ReviewerProfile>(stored ?? EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!dialog) return;
    setDraft(stored ?? EMPTY);
    setProblem(null);
    setImported(null);
    nameRef.current?.focus();
    // The draft starts from the stored profile each time the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialog]);
  if (!dialog) return null;
  const save = () => {
    if (draft.name.trim() === '' || draft.organisation.trim() === '') {
      setProblem(t('reviewer.required'));
      return;
    }
    const badDate = draft.relations.find((relation) => [relation.from, relation.to].some((date) => date && !/^\d{4}-\d{2}-\d{2}$/.test(date)));
    if (badDate) {
      setProblem(t('reviewer.badDate', { name: badDate.name }));
      return;
    }
    setSaving(true);
    saveReviewerProfile({ ...draft, relations: draft.relations.map(tidy) })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
      .finally(() => setSaving(false));
  };
  const setRelation = (index: number, next: DeclaredRelation | null) => setDraft((current) => ({
    ...current,
    relations: next === null ? current.relations.filter((_, at) => at !== index) : current.relations.map((relation, at) => (at === index ? next : relation)),
  }));
  return (
    <Modal testId="reviewer-dialog" className="modal-wide reviewer-dialog" headingId="reviewer-heading" heading={t('reviewer.heading')} onClose={dismissReviewerDialog} focusClose={false}>
      {dialog.reason === 'before-edit' && <p className="notice notice-info" role="status">{t('reviewer.beforeEdit')}</p>}
      <p className="muted">{t('reviewer.lead')}</p>
      <form
        className="reviewer-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="reviewer-fields">
          <label>
            <span>{t('reviewer.name')}</span>
            <input ref={nameRef} data-testid="reviewer-name" value={draft.name} autoComplete="name" onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
          </label>
          <label>
            <span>{t('reviewer.role')}</span>
            <select data-testid="reviewer-role" value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value })}>
              {REVIEWER_ROLES.map((role) => <option key={role} value={role}>{t(`reviewer.role.${role}`)}</option>)}
            </select>
          </label>
          <label className="wide">
            <span>{t('reviewer.organisation')}</span>
            <input data-testid="reviewer-organisation" value={draft.organisation} autoComplete="organization" onChange={(event) => setDraft({ ...draft, organisation: event.target.value })} />
          </label>
        </div>
        <fieldset className="reviewer-relations">
          <legend>{t('reviewer.relations')}</legend>
          <p className="muted small">{t('reviewer.relationsLead')}</p>
          {draft.relations.length === 0 ? <p className="muted">{t('reviewer.noRelations')}</p> : (
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">{t('reviewer.relationName')}</th><th scope="col">{t('reviewer.relationCode')}</th><th scope="col">{t('reviewer.relationKind')}</th>
                  <th scope="col">{t('reviewer.relationFrom')}</th><th scope="col">{t('reviewer.relationTo')}</th><th scope="col"><span className="visually-hidden">{t('reviewer.removeRelation')}</span></th>
                </tr>
              </thead>
              <tbody>
                {draft.relations.map((relation, index) => (
                  <RelationRow key={index} relation={relation} index={index} onChange={(next) => setRelation(index, next)} onRemove={() => setRelation(index, null)} />
                ))}
              </tbody>
            </table>
          )}
          <div className="reviewer-relation-actions">
            <button type="button" className="text-button" data-testid="relation-add" onClick={() => setDraft({ ...draft, relations: [...draft.relations, { name: '', relation: 'employer' }] })}>{t('reviewer.addRelation')}</button>
            <button type="button" className="text-button" data-testid="relation-import" title={t('reviewer.importHint')} onClick={() => fileRef.current?.click()}>{t('reviewer.importRelations')}</button>
            <input
              ref={fileRef} type="file" hidden accept=".csv,.txt,text/csv,text/plain" data-testid="relation-file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (!file) return;
                void file.text().then((text) => {
                  const relations = parseDeclaredRelations(text, file.name);
                  setDraft((current) => ({ ...current, relations: [...current.relations, ...relations] }));
                  setImported(t('reviewer.imported', { file: file.name, count: relations.length }));
                  setProblem(null);
                }).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
              }}
            />
            <span className="muted small">{t('reviewer.importHint')}</span>
          </div>
          {imported && <p className="notice notice-info" role="status">{imported}</p>}
        </fieldset>
        {problem && <p className="field-error" role="alert" data-testid="reviewer-problem">{problem}</p>}
        <div className="dialog-actions">
          <button type="button" className="text-button" onClick={dismissReviewerDialog}>{t('reviewer.cancel')}</button>
          <button type="submit" className="primary-button" data-testid="reviewer-save" disabled={saving}>{t('reviewer.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
