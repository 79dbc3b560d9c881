import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';

vi.mock('../../src-renderer/platform/pdfjs', () => ({ openPdf: vi.fn(), pageText: vi.fn() }));

describe('App', () => {
  it('offers to open the sample dossier on first launch', async () => {
    const { App } = await import('../../src-renderer/App');
    render(<App />);
    expect(screen.getByTestId('open-sample').textContent).toContain('示例');
  });
});
