// Eligibility and materials from the profile (for the applicant's category and registration), each
// with a state and links to the pages that prove it.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { useProfile } from '../../state/profiles';
import { useUi } from '../../state/ui';
import { isLocked, kindOf, useWorkspace } from '../../state/workspace';
import type { ChecklistEntry } from '../../core/types';
import type { EligibilityItem, MaterialItem } from '../../core/profiles/schema';

const STATES: ChecklistEntry['state'][] = ['unchecked', 'met', 'not-met', 'not-applicable'];

function ChecklistItem({ id, label, clause, locked, kinds = [] }: { id: string; label: string; clause: string; locked: boolean; kinds?: string[] }) {
  const { t } = useI18n();
  const entry = useWorkspace((state) => state.open?.review.checklists[id]);
  const edit = useWorkspace((state) => state.edit);
  const activeFile = useUi((state) => state.activeFile);
  const currentPage = useUi((state) => state.currentPage);
  const openFile = useUi((state) => state.openFile);
  const current: ChecklistEntry = entry ?? { state: 'unchecked', evidence: [] };
  const documents = useWorkspace((state) => state.open?.documents);
  const candidates = useMemo(() => documents?.filter((doc) => kinds.includes(kindOf(doc))), [documents, kinds]);
  const evidence = current.evidence ?? [];
  const linked = activeFile !== null && evidence.some((item) => item.file === activeFile && item.page === currentPage);
  return (
    <li className={`checklist-item checklist-${current.state}`} data-testid={`checklist-${id}`}>
      <div className="checklist-row">
        <span className="checklist-label">{label}<span className="muted small" translate="no"> {clause}</span></span>
        <select
          value={current.state}
          disabled={locked}
          aria-label={label}
          onChange={(event) => void edit({ type: 'checklist', itemId: id, entry: { ...current, state: event.target.value as ChecklistEntry['state'] } })}
        >
          {STATES.map((state) => <option key={state} value={state}>{t(`checklists.state.${state}`)}</option>)}
        </select>
      </div>
      <div className="checklist-evidence">
        {evidence.map((item) => (
          <button key={`${item.file}#${item.page ?? 1}`} type="button" className="tag tag-link" onClick={() => openFile(item.file, item.page ?? 1)}>
            <span translate="no">{item.file.split('/').pop()}</span> {t('checks.page', { page: item.page ?? 1 })}
          </button>
        ))}
        {evidence.length === 0 && (candidates ?? []).slice(0, 3).map((doc) => (
          <button key={doc.path} type="button" className="link-button small muted-link" onClick={() => openFile(doc.path)} title={t('checklists.candidate')}>
            <span translate="no">{doc.path.split('/').pop()}</span>
          </button>
        ))}
        <button
          type="button"
          className="text-button small"
          disabled={locked || !activeFile || linked}
          onClick={() => activeFile && void edit({ type: 'checklist', itemId: id, entry: { ...current, evidence: [...evidence, { file: activeFile, page: currentPage }] } })}
        >
          + {t('checklists.linkPage')}
        </button>
      </div>
    </li>
  );
}

function applies(item: EligibilityItem | MaterialItem, category: string, registeredIn: string | undefined): boolean {
  if (item.categories && !item.categories.includes(category)) return false;
  if ('whenRegisteredIn' in item) {
    if (item.whenRegisteredIn && (!registeredIn || !item.whenRegisteredIn.includes(registeredIn))) return false;
    if (item.whenNotRegisteredIn && registeredIn && item.whenNotRegisteredIn.includes(registeredIn)) return false;
  }
  return true;
}

export function ChecklistsPanel() {
  const { t, language } = useI18n();
  const open = useWorkspace((state) => state.open);
  const { profile, error } = useProfile(open?.manifest.program);
  if (!open) return null;
  const locked = isLocked(open.review);
  const lang = language === 'zh-CN' ? 'zh' : 'en';
  const category = open.manifest.applicant.category;
  const registeredIn = typeof open.manifest.applicant.registeredIn === 'string' ? open.manifest.applicant.registeredIn : undefined;
  return (
    <section className="panel checklists-panel" aria-labelledby="checklists-heading">
      <header className="panel-header"><h2 id="checklists-heading">{t('tabs.checklists')}</h2></header>
      {error && <p role="alert" className="field-error">{error}</p>}
      {!profile ? <p className="muted empty-note">{t('checklists.none')}</p> : (
        <>
          <h3>{t('checklists.eligibility')}</h3>
          <ul className="checklist">
            {profile.eligibility.filter((item) => applies(item, category, registeredIn)).map((item) => (
              <ChecklistItem key={item.id} id={item.id} label={item.label[lang]} clause={item.clause} locked={locked} />
            ))}
          </ul>
          <h3>{t('checklists.materials')}</h3>
          <ul className="checklist">
            {profile.materials.filter((item) => applies(item, category, registeredIn)).map((item) => (
              <ChecklistItem key={item.id} id={item.id} label={item.label[lang]} clause={item.clause} locked={locked} kinds={item.documentKinds} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
