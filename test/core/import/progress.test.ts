import { strToU8, zipSync } from 'fflate';
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
    expect(seen.every((p) => p.stage === 'files')).toBe(true);
    expect(seen.every((p) => p.total === 6)).toBe(true);
    expect(seen[2]!.current).toBe('2.xml');
    expect(seen.at(-1)!.current).toBeNull();
  });

  it('counts the entries of a zip as they are inflated, then the files, then the rows of the declared list', async () => {
    const claims = ['客户名称,发票号码,金额', ...Array.from({ length: 40 }, (_, i) => `客户${i},2444200000012345678${i % 6},${100 + i}.00`)].join('\n');
    const entries: Record<string, Uint8Array> = { 'claims.csv': strToU8(claims) };
    for (const file of files) entries[`dossier/${file.path}`] = file.bytes;
    const seen: ImportProgress[] = [];
    const report = await importDossier([{ path: 'dossier.zip', bytes: zipSync(entries) }], { hasher: testHasher, onProgress: (p) => seen.push({ ...p }) });
    expect(report.manifest.claims).toHaveLength(40);
    const stages = seen.map((p) => p.stage);
    expect(stages.indexOf('files')).toBeGreaterThan(stages.lastIndexOf('inflate'));
    expect(stages.indexOf('claims')).toBeGreaterThan(stages.lastIndexOf('files'));
    const inflating = seen.filter((p) => p.stage === 'inflate');
    expect(inflating.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(inflating.every((p) => p.total === 7 && p.current === 'dossier.zip')).toBe(true);
    expect(seen.filter((p) => p.stage === 'claims').map((p) => [p.done, p.total])).toEqual([[0, 40], [40, 40]]);
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
