// The panel chair's consolidation screen over the workspace: the
// open dossier's review is loaded with the others brought in as files; the chair's result is saved
// as a review file through the host.
import { useI18n } from '../../i18n';
import { useProfile } from '../../state/profiles';
import { useWorkspace } from '../../state/workspace';
import { useUi } from '../../state/ui';
import { PanelForProfile } from './PanelForProfile';
import { serializeReview } from '../../core/review/read-write';
import { getHost } from '../../platform/host';
import { Modal } from '../Modal';

export function PanelDialog({ onClose }: { onClose: () => void }) {
  const { t, language } = useI18n();
  const open = useWorkspace((state) => state.open);
  const { profile, error } = useProfile(open?.manifest.program);
  const setNotice = useUi((state) => state.setNotice);
  if (!open) return null;
  return (
    <Modal testId="panel-dialog" className="modal-wide" headingId="panel-heading" heading={<>{t('panel.heading')} · <span translate="no">{open.manifest.applicant.name}</span></>} onClose={onClose}>
      {error && <p role="alert" className="field-error">{error}</p>}
      {profile && !profile.scoring && <p className="muted" data-testid="panel-no-scoring">{t('panel.noScoring')}</p>}
      {profile?.scoring && (
        <PanelForProfile
          profile={profile}
          category={open.manifest.applicant.category}
          chair={open.review.reviewer.name}
          initialReviews={[open.review]}
          language={language}
          onResult={(result) => {
            const bytes = new TextEncoder().encode(serializeReview(result.review));
            void getHost().saveExport({ suggestedName: `专家组意见-${open.manifest.applicant.name}.json`, bytes, filters: [{ name: 'review@1', extensions: ['json'] }] }).then((saved) => {
              if (!saved.ok) setNotice({ tone: 'error', code: 'export.failed', params: { reason: saved.error.message } });
              else if (saved.value) setNotice({ tone: 'info', code: 'export.done', params: { file: saved.value.path } });
            });
          }}
        />
      )}
    </Modal>
  );
}
