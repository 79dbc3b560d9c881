// The `?` legend: every action of the registry with its keys.
import { ACTIONS } from '../actions/registry';
import { useI18n } from '../i18n';
import { useUi } from '../state/ui';
import { Modal } from './Modal';

export function ShortcutLegend() {
  const { t } = useI18n();
  const open = useUi((state) => state.legendOpen);
  const setOpen = useUi((state) => state.setLegendOpen);
  if (!open) return null;
  return (
    <Modal testId="shortcut-legend" headingId="keys-heading" heading={t('keys.heading')} onClose={() => setOpen(false)}>
      <table className="data-table compact">
        <tbody>
          {ACTIONS.map((action) => (
            <tr key={action.id}>
              <td>{t(action.labelKey)}</td>
              <td>{action.keys.map((key) => <kbd key={key}>{key}</kbd>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
