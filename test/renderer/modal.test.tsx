// The frame every dialog shares: labelled by its heading, closed by the backdrop, the close button and
// Escape (not by a click inside), the close button focused on open unless the dialog focuses a field
// of its own, and keys typed inside kept from the tab underneath when the dialog asks for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useUi } from '../../src-renderer/state/ui';
import { Modal } from '../../src-renderer/ui/Modal';

beforeEach(() => {
  useUi.setState({ language: 'zh-CN' });
});
afterEach(cleanup);

function renderModal(props: Partial<Parameters<typeof Modal>[0]> = {}) {
  const onClose = vi.fn();
  const onKeyBelow = vi.fn();
  render(
    <div onKeyDown={onKeyBelow}>
      <Modal testId="probe-dialog" headingId="probe-heading" heading="抽样" onClose={onClose} closeTestId="probe-close" {...props}>
        <input data-testid="probe-field" />
      </Modal>
    </div>,
  );
  return { onClose, onKeyBelow, dialog: screen.getByTestId('probe-dialog') };
}

describe('Modal', () => {
  it('is a modal dialog labelled by its heading, with a close button named in the interface language', () => {
    const { dialog } = renderModal();
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('抽样');
    expect(screen.getByTestId('probe-close').getAttribute('aria-label')).toBe('关闭');
  });

  it('closes on the close button, on Escape and on the backdrop, not on a click inside', () => {
    const { onClose, dialog } = renderModal();
    fireEvent.click(screen.getByTestId('probe-field'));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('probe-close'));
    fireEvent.keyDown(screen.getByTestId('probe-field'), { key: 'Escape' });
    fireEvent.click(dialog.parentElement!);
    expect(onClose).toHaveBeenCalledTimes(3);
  });

  it('focuses the close button on open, or leaves the focus to the dialog', () => {
    renderModal();
    expect(document.activeElement).toBe(screen.getByTestId('probe-close'));
    cleanup();
    renderModal({ focusClose: false });
    expect(document.activeElement).not.toBe(screen.getByTestId('probe-close'));
  });

  it('keeps the keys typed inside from the tab underneath only when asked to', () => {
    const open = renderModal();
    fireEvent.keyDown(screen.getByTestId('probe-field'), { key: 'a' });
    expect(open.onKeyBelow).toHaveBeenCalledTimes(1);
    cleanup();
    const isolated = renderModal({ isolateKeys: true });
    fireEvent.keyDown(screen.getByTestId('probe-field'), { key: 'a' });
    expect(isolated.onKeyBelow).not.toHaveBeenCalled();
  });
});
