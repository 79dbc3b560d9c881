// The `?` legend: every action of the registry with its keys.
import { useEffect, useRef } from 'react';
import { ACTIONS } from '../actions/registry';
import { useI18n } from '../i18n';
import { useUi } from '../state/ui';

export function ShortcutLegend() {
  const { t } = useI18n();
  const open = useUi((state) => state.legendOpen);
  const setOpen = useUi((state) => state.setLegendOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onClick={() => setOpen(false)}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="keys-heading" data-testid="shortcut-legend" onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
        <header className="panel-header">
          <h2 id="keys-heading">{t('keys.heading')}</h2>
          <button ref={closeRef} type="button" className="icon-button" onClick={() => setOpen(false)} aria-label={t('keys.close')}>×</button>
        </header>
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
      </div>
    </div>
  );
}
