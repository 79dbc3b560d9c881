import { describe, expect, it } from 'vitest';
import {
  buildDossierPackage, parseDossierPackage, serializeDossierPackage, verifyDossierPackage, type DossierPackage,
} from '../../../src-renderer/core/export/package';
import { decodeBase64, encodeBase64 } from '../../../src-renderer/core/export/base64';
import type { CheckReport } from '../../../src-renderer/core/types';
import { nodeHasher, sampleDossier } from './fixture';

const versions = { app: '0.1.0', engine: 'engine-1', ocrModel: 'chi_sim 4.0.0' };

async function samplePackage(): Promise<DossierPackage> {
  return buildDossierPackage({
    dossiers: [sampleDossier()],
    exports: [
      { file: '审查结果.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) },
      { file: '汇总.csv', mediaType: 'text/csv', bytes: new TextEncoder().encode('\uFEFF申报单位\r\n') },
    ],
    versions,
    createdAt: '2024-10-22T09:00:00+08:00',
  }, nodeHasher);
}

/** The package after a JSON round trip, as verify reads it from disk. */
async function reread(pkg: DossierPackage): Promise<DossierPackage> {
  const parsed = parseDossierPackage(serializeDossierPackage(pkg));
  if (!('pkg' in parsed)) throw new Error(parsed.problem);
  return parsed.pkg;
}

const engineRerun = (report: CheckReport) => async () => ({ report });

describe('verifiable JSON package', () => {
  it('an untouched package verifies and lists what was checked', async () => {
    const pkg = await reread(await samplePackage());
    const result = await verifyDossierPackage(pkg, nodeHasher, { recomputeReport: engineRerun(sampleDossier().report) });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const items = result.checked.map((check) => check.item);
    expect(items).toEqual(expect.arrayContaining([
      'versions', 'dossiers/0/manifest', 'dossiers/0/sources/invoices/001.pdf', 'dossiers/0/reviews/0', 'dossiers/0/summary',
      'dossiers/0/audit-log#chain', 'dossiers/0/summary#recomputed', 'exports/审查结果.xlsx#content', 'integrity/seal',
    ]));
    expect(pkg.dossiers[0]!.auditHead).toEqual({ seq: 3, hash: pkg.dossiers[0]!.auditLog[2]!.hash });
    expect(pkg.versions).toEqual(versions);
    expect(pkg.exports[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names every altered item, each kind of alteration at once', async () => {
    const pkg = await reread(await samplePackage());
    const dossier = pkg.dossiers[0]!;
    dossier.reviews[1]!.scores.basic = '25';                       // a changed review
    dossier.summary.report.cutFen = 100000;                        // a changed summary value
    dossier.sources[1]!.sha256 = 'f'.repeat(64);                   // a changed source hash
    (dossier.auditLog[1]!.after as unknown) = '99999.00';          // a broken audit chain entry
    const xlsx = decodeBase64(pkg.exports[0]!.base64)!;
    xlsx[5] = 0xff;
    pkg.exports[0]!.base64 = encodeBase64(xlsx);                   // a changed exported file

    const result = await verifyDossierPackage(pkg, nodeHasher, { recomputeReport: engineRerun(sampleDossier().report) });
    expect(result.ok).toBe(false);
    const messages = result.problems.map((problem) => problem.message).join('\n');
    const items = result.problems.map((problem) => problem.item);
    expect(items).toContain('dossiers/0/reviews/1');
    expect(messages).toMatch(/review 2 by 李专家: altered/);
    expect(items).toContain('dossiers/0/summary');
    expect(items).toContain('dossiers/0/summary/report/cutFen');
    expect(messages).toMatch(/summary value cutFen altered: package says 100000, recomputed 300000/);
    expect(items).toContain('dossiers/0/sources/invoices/002.pdf');
    expect(messages).toMatch(/source file invoices\/002\.pdf \(hash entry\): altered/);
    expect(items).toContain('dossiers/0/audit-log#2');
    expect(messages).toMatch(/audit entry 2 .* was altered/);
    expect(items).toContain('exports/审查结果.xlsx');
    expect(messages).toMatch(/exported file 审查结果\.xlsx: content altered/);
    // The changed source hash no longer gives the dossier id.
    expect(messages).toMatch(/dossier id [0-9a-f]{64} does not match its manifest and source files/);
    // Nothing else is blamed.
    expect(new Set(items)).toEqual(new Set([
      'dossiers/0/reviews/1', 'dossiers/0/summary', 'dossiers/0/summary/report/cutFen', 'dossiers/0/sources/invoices/002.pdf', 'dossiers/0/id',
      'dossiers/0/audit-log', 'dossiers/0/audit-log#2', 'exports/审查结果.xlsx',
    ]));
  });

  it('catches a re-hashed edit through the seal, and removed or added items', async () => {
    const pkg = await reread(await samplePackage());
    pkg.versions.engine = 'engine-2';
    const versionsItem = pkg.integrity.items.find((item) => item.id === 'versions')!;
    const { sha256Json } = await import('../../../src-renderer/core/export/package');
    versionsItem.sha256 = await sha256Json(nodeHasher, pkg.versions);
    pkg.dossiers[0]!.reviews.pop();
    const result = await verifyDossierPackage(pkg, nodeHasher);
    const kinds = result.problems.map((problem) => `${problem.kind} ${problem.item}`);
    expect(kinds).toContain('seal integrity/seal');
    expect(kinds).toContain('missing dossiers/0/reviews/2');
  });

  it('catches a removed tail of the audit log against the recorded head', async () => {
    const pkg = await reread(await samplePackage());
    pkg.dossiers[0]!.auditLog.pop();
    const result = await verifyDossierPackage(pkg, nodeHasher);
    expect(result.problems.map((problem) => problem.item)).toContain('dossiers/0/audit-log#2');
    expect(result.problems.map((problem) => problem.message).join('\n')).toMatch(/not the recorded head/);
  });

  it('rejects what is not a package, saying why', () => {
    expect(parseDossierPackage('{')).toEqual({ problem: expect.stringMatching(/^not JSON/) });
    expect(parseDossierPackage('{"schema":"x"}')).toEqual({ problem: expect.stringMatching(/schema is "x"/) });
    expect(parseDossierPackage('{"schema":"dossier-desk/package@1","dossiers":[],"exports":[]}')).toEqual({ problem: expect.stringMatching(/integrity is missing/) });
  });

  it('base64 round-trips every byte value and refuses garbage', () => {
    const bytes = Uint8Array.from({ length: 256 + 2 }, (_, i) => i % 256);
    for (const length of [0, 1, 2, 3, 257, 258]) {
      const slice = bytes.slice(0, length);
      expect(encodeBase64(slice)).toBe(Buffer.from(slice).toString('base64'));
      expect(decodeBase64(encodeBase64(slice))).toEqual(slice);
    }
    expect(decodeBase64('abc$')).toBeNull();
  });
});

describe('verify never throws on a mangled package', () => {
  it('reports instead of crashing, whatever value replaces any part', async () => {
    const fc = await import('fast-check');
    const base = serializeDossierPackage(await samplePackage());
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[], depth: number) => {
      paths.push(path);
      if (depth > 4 || value === null || typeof value !== 'object') return;
      for (const [key, member] of Object.entries(value)) walk(member, [...path, Array.isArray(value) ? Number(key) : key], depth + 1);
    };
    walk(JSON.parse(base), [], 0);
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...paths.filter((path) => path.length > 0)),
      fc.oneof(fc.constant(null), fc.constant({}), fc.constant([]), fc.string(), fc.integer(), fc.boolean()),
      async (path, replacement) => {
        const pkg = JSON.parse(base);
        let target = pkg;
        for (const key of path.slice(0, -1)) target = target[key];
        target[path.at(-1)!] = replacement;
        const parsed = parseDossierPackage(JSON.stringify(pkg));
        if (!('pkg' in parsed)) return;
        const result = await verifyDossierPackage(parsed.pkg, nodeHasher, { recomputeReport: engineRerun(sampleDossier().report) });
        expect(typeof result.ok).toBe('boolean');
      },
    ), { numRuns: 150, seed: 7 });
  });

  it('detects a change to any value anywhere in the package', async () => {
    const fc = await import('fast-check');
    const base = serializeDossierPackage(await samplePackage());
    const leaves: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      if (value === null || typeof value !== 'object') {
        leaves.push(path);
        return;
      }
      for (const [key, member] of Object.entries(value)) walk(member, [...path, Array.isArray(value) ? Number(key) : key]);
    };
    walk(JSON.parse(base), []);
    await fc.assert(fc.asyncProperty(fc.constantFrom(...leaves), fc.string({ minLength: 1, maxLength: 4 }), async (path, suffix) => {
      const pkg = JSON.parse(base);
      let target = pkg;
      for (const key of path.slice(0, -1)) target = target[key];
      const key = path.at(-1)!;
      const original = target[key];
      target[key] = typeof original === 'number' ? original + 1 : typeof original === 'boolean' ? !original : `${String(original)}${suffix}`;
      const parsed = parseDossierPackage(JSON.stringify(pkg));
      if (!('pkg' in parsed)) return;
      const result = await verifyDossierPackage(parsed.pkg, nodeHasher);
      expect(result.ok, `change at ${path.join('.')} went unnoticed`).toBe(false);
    }), { numRuns: 200, seed: 11 });
  });
});
