// The top bar's reviewer button: who is reviewing (or that nobody is named yet); opens the profile.
import { useI18n } from '../../i18n';
import { editReviewerProfile } from '../../state/reviewer';
import { isNamedProfile, useReviewerProfile } from '../../state/reviewer-profile';

export function ReviewerButton() {
  const { t } = useI18n();
  const profile = useReviewerProfile((state) => state.profile);
  const named = isNamedProfile(profile);
  return (
    <button
      type="button"
      className={`text-button reviewer-chip${named ? '' : ' unnamed'}`}
      data-testid="reviewer-profile"
      title={t('reviewer.edit')}
      onClick={editReviewerProfile}
    >
      {named ? <>{t('reviewer.button')}<span translate="no">{profile.name}</span></> : t('reviewer.unnamed')}
    </button>
  );
}
