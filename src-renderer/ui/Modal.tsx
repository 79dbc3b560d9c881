// The frame every dialog of the workstation shares: a backdrop that closes it, a labelled modal
// dialog with its heading and close button, Escape to close, and the close button focused on open
// (so that a keyboard user lands inside the dialog). `isolateKeys` keeps the keys typed inside from
// reaching the tab underneath (the Reconcile tab's one-key shortcuts).
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export interface ModalProps {
  testId: string;
  headingId: string;
  heading: ReactNode;
  onClose: () => void;
  className?: string;
  closeTestId?: string;
  focusClose?: boolean;
  isolateKeys?: boolean;
  children: ReactNode;
}

export function Modal({ testId, headingId, heading, onClose, className, closeTestId, focusClose = true, isolateKeys = false, children }: ModalProps) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusClose) closeRef.current?.focus();
  }, [focusClose]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className={className ? `modal ${className}` : 'modal'} role="dialog" aria-modal="true" aria-labelledby={headingId} data-testid={testId}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (isolateKeys) event.stopPropagation();
          if (event.key === 'Escape') onClose();
        }}
      >
        <header className="panel-header">
          <h2 id={headingId}>{heading}</h2>
          <button ref={closeRef} type="button" className="icon-button" onClick={onClose} aria-label={t('keys.close')} data-testid={closeTestId}>×</button>
        </header>
        {children}
      </div>
    </div>
  );
}
