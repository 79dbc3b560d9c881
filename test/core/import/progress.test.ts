import { describe, expect, it } from 'vitest';
import { importDossier, type ImportProgress } from '../../../src-renderer/core/import';
import { einvoiceXml } from '../../fixtures/hostile/builders';
import { testHasher } from './hasher';

const files = Array.from({ length: 6 }, (_, i) => ({ path: `${i}.xml`, bytes: einvoiceXml(`2444200000012345678${i}`) }));

describe('progress and cancellation', () => {
  it('reports files done of total and the current file', async () => {
    const seen: ImportProgress[] = [];
    await importDossier(files, { hasher: testHasher, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen.every((p) => p.total === 6)).toBe(true);
    expect(seen[2]!.current).toBe('2.xml');
    expect(seen.at(-1)!.current).toBeNull();
  });

  it('stops between files when cancelled and says so', async () => {
    const controller = new AbortController();
    const report = await importDossier(files, {
      hasher: testHasher,
      signal: controller.signal,
      onProgress: (p) => { if (p.done === 2) controller.abort(); },
    });
    expect(report.cancelled).toBe(true);
    expect(report.documents).toHaveLength(2);
    expect(report.problems.at(-1)).toMatchObject({ code: 'cancelled' });
  });

  it('reports an extractor failure for its file and imports the rest', async () => {
    const report = await importDossier(files.slice(0, 3), {
      hasher: testHasher,
      extractor: async (file) => {
        if (file.path === '1.xml') throw new Error('parser exploded');
        return { file: file.path, sha256: file.sha256, errors: [], invoices: [] };
      },
    });
    expect(report.documents).toHaveLength(3);
    expect(report.problems).toEqual([{ file: '1.xml', code: 'extract-failed', severity: 'warning', message: 'invoice fields could not be read: parser exploded' }]);
  });
});
