import { beforeAll, describe, expect, it } from 'vitest';
import { importDossier, type ImportReport } from '../../../src-renderer/core/import';
import type { ExtractorInput } from '../../../src-renderer/core/import/pipeline';
import type { FileExtraction } from '../../../src-renderer/core/types';
import { zip } from '../../fixtures/hostile/builders';
import { buildHostileCorpus, corpusAsInput, HOSTILE_LIMITS, type HostileCorpus } from '../../fixtures/hostile/corpus';
import { testHasher } from './hasher';

describe('hostile dossier', () => {
  let corpus: HostileCorpus;
  let report: ImportReport;
  const extracted: string[] = [];

  beforeAll(async () => {
    corpus = buildHostileCorpus();
    const extractor = async (file: ExtractorInput): Promise<FileExtraction> => {
      extracted.push(file.path);
      return { file: file.path, sha256: file.sha256, invoices: [], errors: [] };
    };
    report = await importDossier(corpusAsInput(corpus), { hasher: testHasher, limits: HOSTILE_LIMITS, extractor });
  }, 30_000);

  it('gives every hostile file its own message with the expected code', () => {
    for (const [path, expectation] of Object.entries(corpus.expected)) {
      const found = report.problems.filter((p) => p.file === path);
      expect(found, `problems for ${path}`).not.toHaveLength(0);
      const match = found.find((p) => p.code === expectation.code);
      expect(match, `${path}: ${JSON.stringify(found)}`).toBeDefined();
      expect(match!.severity).toBe(expectation.severity);
      expect(match!.message).toContain(expectation.says);
    }
  });

  it('imports the good files cleanly beside them', () => {
    const imported = new Map(report.documents.map((d) => [d.path, d]));
    for (const path of corpus.good) {
      expect(imported.has(path), `${path} imported`).toBe(true);
      expect(imported.get(path)!.problems.filter((p) => p.code !== 'claims-row')).toEqual([]);
    }
  });

  it('refuses errors and keeps warnings: encrypted, bad-font and duplicate files are imported and marked', () => {
    const imported = new Set(report.documents.map((d) => d.path));
    const rejected = new Set(report.rejected.map((r) => r.path));
    for (const [path, expectation] of Object.entries(corpus.expected)) {
      if (expectation.severity === 'error') expect(rejected.has(path), `${path} rejected`).toBe(true);
      else expect(imported.has(path), `${path} imported`).toBe(true);
    }
    const encrypted = report.documents.find((d) => d.path === 'encrypted.pdf')!;
    expect(encrypted.encrypted).toBe(true);
    expect(extracted).not.toContain('encrypted.pdf');
    const copy = report.documents.find((d) => d.path === '发票/002-copy.pdf')!;
    expect(copy.duplicateOf).toBe('发票/002.pdf');
    expect(copy.sha256).toBe(report.documents.find((d) => d.path === '发票/002.pdf')!.sha256);
  });

  it('never yields a path that leaves the dossier', () => {
    for (const path of [...report.documents.map((d) => d.path)]) {
      expect(path.split('/')).not.toContain('..');
      expect(path.startsWith('/')).toBe(false);
      expect(/^[a-zA-Z]:/.test(path)).toBe(false);
    }
  });

  it('stops the zip bomb while inflating, far below what it would expand to', () => {
    // The bomb's headers claim 1000 bytes; it would inflate to 24 MB.
    expect(report.stats.inflatedBytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('reads the GBK claim list with its Chinese headers, skipping title and total rows', () => {
    expect(report.manifestSource).toBe('inferred');
    expect(report.claimTable?.file).toBe('claims.csv');
    expect(report.claimTable?.headerRow).toBe(1);
    const claims = report.manifest.claims;
    expect(claims.map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(claims[0]).toMatchObject({
      counterparty: '深圳市甲科技有限公司', description: '云服务合同', amount: '12720.00', contractAmount: '12720.00',
      invoiceNumbers: ['24442000000123456789'], invoiceDate: '2024-05-06', paidAmount: '12720.00',
    });
    expect(claims[1]!.invoiceNumbers).toEqual(['24442000000123456790', '24442000000123456791']);
    expect(claims[1]!.invoiceDate).toBe('2024-06-01');
    expect(report.problems.some((p) => p.file === 'claims.csv' && p.message.includes('row 5') && p.message.includes('lost digits'))).toBe(true);
  });

  it('classifies files by folder name and content', () => {
    const kind = (path: string) => report.documents.find((d) => d.path === path)?.kind;
    expect(kind('发票/001.xml')).toBe('invoice');
    expect(kind('合同/contract.pdf')).toBe('contract');
    expect(kind('claims.csv')).toBe('revenue-list');
    expect(kind('evil.zip/ok/inside.xml')).toBe('invoice');
  });
});

describe('archive limits', () => {
  it('refuses an archive with more entries than allowed, without reading it', async () => {
    const many = zip(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.xml`, new TextEncoder().encode('<a/>')])));
    const report = await importDossier([{ path: 'many.zip', bytes: many }, { path: 'ok.xml', bytes: new TextEncoder().encode('<a/>') }], {
      hasher: testHasher, limits: { maxArchiveEntries: 10 },
    });
    expect(report.rejected[0]).toMatchObject({ path: 'many.zip' });
    expect(report.rejected[0]!.problems[0]!.code).toBe('archive-too-many-entries');
    expect(report.documents.map((d) => d.path)).toEqual(['ok.xml']);
  });

  it('stops at the total inflated limit and refuses the remaining entries unread', async () => {
    const filler = new Uint8Array(300 * 1024).map((_, i) => (i * 7919) % 251);
    const archive = zip({ 'a.xml': filler, 'b.xml': filler, 'c.xml': filler });
    const report = await importDossier([{ path: 'x.zip', bytes: archive }, { path: 'keep.xml', bytes: new TextEncoder().encode('<a/>') }], {
      hasher: testHasher, limits: { maxArchiveInflatedBytes: 500 * 1024 },
    });
    const codes = Object.fromEntries(report.rejected.map((r) => [r.path, r.problems[0]!.code]));
    expect(codes['x.zip/b.xml']).toBe('archive-too-large');
    expect(codes['x.zip/c.xml']).toBe('archive-too-large');
    expect(report.rejected.find((r) => r.path === 'x.zip/c.xml')!.problems[0]!.message).toContain('not read');
    expect(report.documents.map((d) => d.path).sort()).toEqual(['keep.xml']);
  });

  it('opens a dossier delivered as a single zip as the dossier itself', async () => {
    const archive = zip({ 'my-dossier/claims.csv': new TextEncoder().encode('序号,发票金额\n1,100\n'), 'my-dossier/发票/a.xml': new TextEncoder().encode('<EInvoice/>') });
    const report = await importDossier([{ path: 'my-dossier.zip', bytes: archive }], { hasher: testHasher });
    expect(report.documents.map((d) => d.path).sort()).toEqual(['claims.csv', '发票/a.xml']);
    expect(report.manifest.claims).toEqual([{ id: '1', amount: '100.00', source: { file: 'claims.csv', row: 2 } }]);
  });
});

describe('hosts that did not read a file', () => {
  it('reports oversize and link entries from the host', async () => {
    const report = await importDossier([
      { path: 'd/huge.pdf', size: 5e9, unread: 'too-large' },
      { path: 'd/link.pdf', size: 0, unread: 'link' },
      { path: 'd/ok.xml', bytes: new TextEncoder().encode('<a/>') },
    ], { hasher: testHasher });
    expect(report.rejected.map((r) => [r.path, r.problems[0]!.code])).toEqual([['huge.pdf', 'too-large'], ['link.pdf', 'link']]);
    expect(report.rejected[0]!.problems[0]!.message).toContain('4.7 GB');
    expect(report.documents.map((d) => d.path)).toEqual(['ok.xml']);
  });
});

describe('WEBP pictures', () => {
  it('are imported and sent to the extractor; a .webp that is not one is refused by its content', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const webp = new Uint8Array(readFileSync(resolve(__dirname, '../../fixtures/real-invoices/img/I09_shanghai_special_masked_scan_21572xxx.webp')));
    const extracted: string[] = [];
    const extractor = async (file: ExtractorInput): Promise<FileExtraction> => {
      extracted.push(file.path);
      return { file: file.path, sha256: file.sha256, invoices: [], errors: [] };
    };
    const report = await importDossier([
      { path: 'd/发票/scan.webp', bytes: webp },
      { path: 'd/发票/fake.webp', bytes: new TextEncoder().encode('not a picture') },
    ], { hasher: testHasher, extractor });
    expect(report.documents.map((d) => [d.path, d.type])).toEqual([['发票/scan.webp', 'webp']]);
    expect(extracted).toEqual(['发票/scan.webp']);
    expect(report.rejected.map((r) => [r.path, r.problems[0]!.code])).toEqual([['发票/fake.webp', 'type-mismatch']]);
  });
});
