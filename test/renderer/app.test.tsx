import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';

vi.mock('../../src-renderer/platform/pdfjs', () => ({ openPdf: vi.fn(), pageText: vi.fn() }));

describe('App', () => {
  it('offers to import a dossier or open the sample on first launch, in Chinese', async () => {
    const { App } = await import('../../src-renderer/App');
    render(<App />);
    expect((await screen.findByTestId('open-sample')).textContent).toContain('示例');
    expect(screen.getByTestId('import-dossier').textContent).toContain('导入');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
