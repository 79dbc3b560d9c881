// A dossier holding a file the import refuses: every command that reads the dossier's files says so on
// stderr, naming the file and the reason (export, check with and without --extractions, sample, plan,
// extract); the package lists every source (the refused one with its reason, outside the dossier id)
// and verify finds it intact.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../src-main/cli/paths';
import { parseDossierPackage } from '../../src-renderer/core/export/package';
import { cli as runCliIn } from './run-cli';

const sample = join(resourcesDir(), 'samples', 'shenzhen-dsp');
const INVOICE = '发票/23442000001510000027.xml';
let work: string;
const cli = (args: string[]) => runCliIn(args, work);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cli-refused-'));
  const dossier = join(work, 'dossier');
  const manifest = JSON.parse(readFileSync(join(sample, 'dossier.json'), 'utf8')) as { documents: { file: string }[]; claims: { id: string }[] };
  manifest.documents = manifest.documents.filter((document) => document.file === INVOICE);
  manifest.claims = manifest.claims.filter((claim) => claim.id === 'R0004');
  mkdirSync(dirname(join(dossier, INVOICE)), { recursive: true });
  copyFileSync(join(sample, INVOICE), join(dossier, INVOICE));
  mkdirSync(join(dossier, '06-资质'), { recursive: true });
  writeFileSync(join(dossier, '06-资质', '营业执照.pdf'), 'MZ this is a program, not a PDF');
  writeFileSync(join(dossier, 'dossier.json'), JSON.stringify(manifest, null, 2));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('cli export with a refused file', () => {
  it('names the refused file, lists it in the package with its reason, and verifies intact', async () => {
    const exported = await cli(['export', 'dossier', '--format', 'json', '--out', 'out/package.json']);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^dossier: 06-资质\/营业执照\.pdf: refused \(type-mismatch\): it is named \.pdf but its content is a Windows program/m);
    const parsed = parseDossierPackage(readFileSync(join(work, 'out/package.json'), 'utf8'));
    if (!('pkg' in parsed)) throw new Error(parsed.problem);
    const sources = parsed.pkg.dossiers[0]!.sources;
    expect(sources.map((source) => source.file).sort()).toEqual([INVOICE, '06-资质/营业执照.pdf'].sort());
    expect(sources.find((source) => source.file === '06-资质/营业执照.pdf')).toMatchObject({ kind: 'refused', refused: [{ code: 'type-mismatch' }] });
    const verified = await cli(['verify', 'out/package.json']);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 60_000);
});

const REFUSED_LINE = /^dossier: 06-资质\/营业执照\.pdf: refused \(type-mismatch\): it is named \.pdf but its content is a Windows program/m;

describe('every other command that reads the dossier names the refused file', () => {
  it('check, reading the files itself, says so on stderr and lists it among the import problems', async () => {
    const checked = await cli(['check', 'dossier', '--no-ocr', '--json']);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(REFUSED_LINE);
    const report = JSON.parse(checked.stdout) as { importProblems: { file: string; code: string }[] };
    expect(report.importProblems).toContainEqual(expect.objectContaining({ file: '06-资质/营业执照.pdf', code: 'type-mismatch' }));
  }, 60_000);

  it('check with --extractions (which reads no file for its fields) still screens them and names the refused one', async () => {
    const extracted = await cli(['extract', join('dossier', INVOICE), '--json']);
    writeFileSync(join(work, 'extractions.json'), extracted.stdout);
    const checked = await cli(['check', 'dossier', '--extractions', 'extractions.json', '--json']);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(REFUSED_LINE);
    expect((JSON.parse(checked.stdout) as { importProblems?: { file: string }[] }).importProblems?.map((problem) => problem.file)).toContain('06-资质/营业执照.pdf');
  }, 60_000);

  it('sample names it while drawing from the declared list', async () => {
    const sampled = await cli(['sample', 'dossier', '--method', 'random', '--seed', 's1', '--size', '1']);
    expect(sampled.code).toBe(0);
    expect(sampled.stderr).toMatch(REFUSED_LINE);
  }, 60_000);

  it('plan names it for each dossier of the batch', async () => {
    const planned = await cli(['plan', 'dossier', '--budget', '1000000.00', '--json']);
    expect(planned.code).toBe(0);
    expect(planned.stderr).toMatch(REFUSED_LINE);
  }, 60_000);

  it('extract names a file it cannot read, and not one it read without finding an invoice', async () => {
    const extracted = await cli(['extract', join('dossier', '06-资质', '营业执照.pdf'), join('dossier', INVOICE)]);
    expect(extracted.stderr).toMatch(/^dossier-desk extract: dossier\/06-资质\/营业执照\.pdf: refused \(unsupported-type\): not a PDF/m);
    expect(extracted.stderr).not.toContain(INVOICE);
  }, 60_000);
});
