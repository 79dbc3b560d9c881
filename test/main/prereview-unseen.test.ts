// The "done when" on dossiers nobody tuned for: seeded variants (test/fixtures/prereview/
// variants.ts) with new applicants, files in a random order under meaningless names, text PDFs and
// scans mixed, and planted defects. `check --json` must place every file in its material item, report
// each missing or wrong item with its clause, list exactly those in the 补正通知, and flag the manifest
// kind that disagrees with the content; the workbook's 补正通知 sheet lists the same items. The
// declared row's invoice (a text PDF or a scan), contract and bank receipt, under meaningless names and
// listed without a kind or as `other`, are read as what their content shows and linked to their row.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledProfiles } from '../../src-main/cli/profiles-source';
import type { Profile } from '../../src-renderer/core/profiles/schema';
import { writePrereviewVariant } from '../fixtures/prereview/variants';
import { cli as run, withoutProgress } from './run-cli';

/**
 * Between them every kind of defect: 31 non-comprehensive (plan over 3000 characters, (五) missing),
 * 32 voucher (two items missing, a manifest kind the content contradicts), 33 comprehensive (too few
 * SMEs, two items missing), 46 non-comprehensive registered outside Shenzhen (credit report outside
 * the window, a wrong total row, two items missing), 51 comprehensive with a 2021–2023 audit year missing;
 * 61 non-comprehensive (credit report outside the window, revenue below the threshold, (五) missing; the
 * invoice a JPEG scan listed as `other`) and 77 voucher (licence missing, the receipt listed as `other`),
 * first run in the third session.
 */
const VARIANTS: { seed: number; defects?: string[] }[] = [
  { seed: 31 }, { seed: 32 }, { seed: 33 }, { seed: 46 }, { seed: 51, defects: ['audit-year', 'missing:m13-concessions'] }, { seed: 61 }, { seed: 77 },
];
let scratch = '';
let profiles: Profile[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-prereview-unseen-'));
  profiles = await loadBundledProfiles();
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the formal pre-review of unseen dossiers', () => {
  for (const { seed, defects } of VARIANTS) {
    it(`seed ${seed}: every file in its item, each defect in the notice with its clause, nothing else`, async () => {
      const dossier = await writePrereviewVariant(scratch, seed, defects ? { defects } : {});
      const { code, stdout, stderr } = await run(['check', dossier.folder, '--json']);
      expect(withoutProgress(stderr)).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      const context = `seed ${seed} (${dossier.program} ${dossier.category}; defects ${dossier.defects.join(', ')})`;
      const placed = Object.fromEntries(report.documents.map((document: { file: string; material: string | null }) => [document.file, document.material]));
      expect(placed, context).toEqual(dossier.placements);
      // The row's evidence, found by content whatever the file is called and however it is listed.
      const row = report.reconciliation.find((entry: { claimId: string }) => entry.claimId === dossier.row.claimId);
      const files = (list: { file: string }[]) => [...new Set(list.map((entry) => entry.file))];
      expect(files(row.invoices), `${context}: invoice`).toEqual(dossier.row.invoice ? [dossier.row.invoice] : []);
      expect(files(row.contracts), `${context}: contract`).toEqual(dossier.row.contract ? [dossier.row.contract] : []);
      expect(files(row.payments), `${context}: payment`).toEqual(dossier.row.payment ? [dossier.row.payment] : []);
      if (dossier.row.invoice && dossier.row.contract && dossier.row.payment) {
        expect(row.supportedFen, context).toBe(row.declaredFen);
        expect(row.proposals, context).toEqual([]);
      }
      expect(report.supplementNotice.map((entry: { item: string }) => entry.item), context).toEqual(dossier.notice);
      const profile = profiles.find((entry) => entry.id === dossier.program)!;
      for (const entry of report.supplementNotice as { item: string; clause: string; action: string }[]) {
        const item = profile.materials.find((material) => material.id === entry.item)!;
        // A missing item cites its own clause; a failed check cites the clause of the rule it fails.
        const clauses = [item.clause, ...(item.checks ?? []).map((check) => check.clause), ...profile.eligibility.map((rule) => rule.clause)];
        expect(clauses, `${context}: ${entry.item}`).toContain(entry.clause);
        expect(entry.action).toBe(dossier.defects.includes(`missing:${entry.item}`) ? 'supply' : 'correct');
      }
      const mismatches = report.findings.filter((finding: { rule: string }) => finding.rule === 'document-kind-mismatch').map((finding: { evidence: { file: string } }) => finding.evidence.file);
      expect(mismatches, context).toEqual(dossier.kindMismatches);
      expect(report.findings.filter((finding: { rule: string }) => finding.rule === 'document-unclassified' || finding.rule === 'document-unreadable'), context).toEqual([]);
      const flagged = report.materials.filter((material: { status: string }) => material.status === 'missing' || material.status === 'doubtful').map((material: { item: string }) => material.item);
      expect(flagged, context).toEqual([...new Set(dossier.notice)]);
      if (seed === VARIANTS[0]!.seed) {
        const out = join(scratch, `notice-${seed}.xlsx`);
        expect((await run(['export', dossier.folder, '--format', 'xlsx', '--out', out])).code).toBe(0);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await readFile(out) as unknown as ExcelJS.Buffer);
        const rows = workbook.getWorksheet('补正通知')!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 7));
        expect(rows.map((row) => row[2]), context).toEqual(report.supplementNotice.map((entry: { clause: string }) => entry.clause));
      }
    }, 400_000);
  }
});
