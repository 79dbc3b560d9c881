// The top bar: the applicant and program of the open dossier, verdict at a glance, exports,
// language switch and the shortcut legend.
import { useI18n } from '../i18n';
import { useUi } from '../state/ui';
import { useWorkspace } from '../state/workspace';
import { useVerdictQualifier } from '../state/cut-standing';
import { VerdictChip } from './VerdictChip';
import { useProfile } from '../state/profiles';
import { performAction } from '../actions/registry';
import type { ExportFormat } from '../export/produce';
import { ReviewerButton } from './reviewer/ReviewerButton';
import { useReviewWrites } from '../state/review-sync';

/** Whether the edits on screen are stored yet: "saving" while any is still being written, "saved" once none is. */
function SaveState() {
  const { t } = useI18n();
  const queued = useReviewWrites((state) => state.queued);
  const saving = queued > 0;
  return (
    <span className={`save-state save-state-${saving ? 'saving' : 'saved'}`} data-testid="save-state" data-state={saving ? 'saving' : 'saved'}
      role="status" title={saving ? t('save.savingTitle', { count: queued }) : t('save.savedTitle')}>
      {saving ? t('save.saving') : t('save.saved')}
    </span>
  );
}

export function TopBar({ onExport, exporting, onPanel, onPlan }: { onExport: ((format: ExportFormat) => void) | null; exporting: boolean; onPanel: () => void; onPlan: () => void }) {
  const { t, language } = useI18n();
  const setLanguage = useUi((state) => state.setLanguage);
  const open = useWorkspace((state) => state.open);
  const qualifier = useVerdictQualifier();
  const hasDossiers = useWorkspace((state) => state.dossiers.length > 0);
  const { profile } = useProfile(open?.manifest.program);
  const lang = language === 'en' ? 'en' : 'zh';
  const programName = profile?.name[lang] ?? open?.manifest.program;
  const category = open?.manifest.applicant.category;
  const categoryName = profile?.categories.find((entry) => entry.id === category)?.label[lang] ?? category;
  return (
    <header className="topbar">
      <div className="brand">{t('app.title')}</div>
      {open && (
        <div className="dossier-title">
          {open.manifest.applicant.name ? <strong translate="no">{open.manifest.applicant.name}</strong> : <strong>{t('dossiers.unnamed')}</strong>}
          {open.manifest.program && <span className="muted program-line">{programName}{categoryName ? ` · ${categoryName}` : ''}</span>}
          {qualifier && <span className="topbar-verdict"><VerdictChip verdict={qualifier.verdict} qualifier={qualifier} showOpen /></span>}
        </div>
      )}
      <div className="topbar-actions">
        {open && <SaveState />}
        <ReviewerButton />
        {hasDossiers && <button type="button" className="text-button" data-testid="open-plan" onClick={onPlan}>{t('plan.open')}</button>}
        {open && profile?.scoring && <button type="button" className="text-button" data-testid="open-panel" onClick={onPanel}>{t('panel.open')}</button>}
        {open && onExport && (
          <div className="export-group" role="group" aria-label={t('export.heading')}>
            <button type="button" className="text-button" data-testid="export-xlsx" disabled={exporting} onClick={() => onExport('xlsx')}>{t('export.xlsx')}</button>
            <button type="button" className="text-button" data-testid="export-json" disabled={exporting} onClick={() => onExport('json')}>{t('export.json')}</button>
            <button type="button" className="text-button" data-testid="export-pdf" disabled={exporting} onClick={() => onExport('pdf')}>{t('export.pdf')}</button>
          </div>
        )}
        <label className="language-switch">
          <span className="visually-hidden">{t('app.language')}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value as 'zh-CN' | 'en')} aria-label={t('app.language')} data-testid="language">
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" className="icon-button" onClick={() => performAction('show-shortcuts')} aria-label={t('keys.heading')} title={`${t('keys.heading')} (?)`}>?</button>
      </div>
    </header>
  );
}
