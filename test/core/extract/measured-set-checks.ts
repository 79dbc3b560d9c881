// The checks every set of real pictures measured and never tuned on must pass (see real-unseen.ts):
// its ground truth, read by eye, must hold together as an invoice does (ids, sums, the total in
// words), and every picture must be the file it names (sha256, size), none of them one of the
// pictures the pipeline was tuned on or one of another set. The sets are measured by the bench, never
// tuned on: no floor per picture here.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../../src-renderer/core/extract/checks';
import { parseChineseAmount, tryParseYuan } from '../../../src-renderer/core/money';
import { REAL_INVOICES_DIR, expectedKeyFields, loadGroundTruth } from './ground-truth';
import { MEASURED_SETS, type MeasuredSet, PICTURE_KINDS, loadMeasuredGroundTruth, measuredId, measuredImagesDir } from './real-unseen';

const PERMISSIVE = ['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'CC-BY-4.0', 'CC0-1.0', 'MPL-2.0'];
const MB = 1024 * 1024;

export function describeMeasuredSet(set: MeasuredSet): void {
  const entries = loadMeasuredGroundTruth(set);

  describe(`${set.name} pictures: ground truth`, () => {
    it('names each picture once, from a permissively licensed repository at a commit, with its kind', () => {
      expect(entries.length).toBeGreaterThanOrEqual(set.minimum);
      expect(new Set(entries.map(measuredId)).size).toBe(entries.length);
      expect(new Set(entries.map((entry) => entry.sha256)).size).toBe(entries.length);
      for (const entry of entries) {
        expect(entry.file, entry.file).toMatch(new RegExp(`^img/${set.prefix}\\d\\d_[a-z0-9_]+\\.(png|jpe?g|webp)$`));
        expect(PERMISSIVE, entry.file).toContain(entry.license);
        expect(entry.commit, entry.file).toMatch(/^[0-9a-f]{40}$/);
        expect(entry.repo, entry.file).toMatch(/^[\w.-]+\/[\w.-]+$/);
        expect(PICTURE_KINDS, entry.file).toContain(entry.picture);
        expect(entry.sha256, entry.file).toMatch(/^[0-9a-f]{64}$/);
        expect(entry.size, entry.file).toBeLessThan((set.largestMB ?? 2) * MB);
      }
      expect(entries.reduce((sum, entry) => sum + entry.size, 0)).toBeLessThan(15 * MB);
    });

    it('holds no picture of the tuned set or of another measured set (sha256)', () => {
      const others = MEASURED_SETS.filter((other) => other.name !== set.name).flatMap(loadMeasuredGroundTruth);
      const known = new Set([...loadGroundTruth(REAL_INVOICES_DIR), ...others].map((entry) => entry.sha256));
      expect(entries.filter((entry) => known.has(entry.sha256)).map((entry) => entry.file)).toEqual([]);
    });

    it.each(entries.map((entry) => [measuredId(entry), entry] as const))('%s: ids, date, sums and the total in words agree', (_id, entry) => {
      const fields = expectedKeyFields(entry);
      if (fields.invoiceCode !== null) expect(fields.invoiceCode).toMatch(/^(\d{10}|\d{12})$/);
      if (fields.invoiceNumber !== null) expect(fields.invoiceNumber).toMatch(/^(\d{8}|\d{20})$/);
      expect(fields.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${fields.issueDate!}T00:00:00Z`).toISOString().slice(0, 10)).toBe(fields.issueDate);
      // A unified social credit code carries its own check character; the ones printed wrong are listed.
      for (const key of ['buyer_tid', 'seller_tid'] as const) {
        const id = fields[key === 'buyer_tid' ? 'buyerTaxId' : 'sellerTaxId'];
        if (id === null) {
          expect(entry.tid_check_fails).not.toContain(key);
          continue;
        }
        expect(id, `${key} ${id}`).toMatch(/^([0-9A-HJ-NPQRTUWXY]{18}|\d{15})$/);
        if (id.length === 15) {
          expect(entry.tid_check_fails).not.toContain(key);
          continue;
        }
        const checks = usccCheckCharacter(id) === id[17];
        expect(checks, `${key} ${id}: its check character ${checks ? 'holds' : 'fails'}`).toBe(!entry.tid_check_fails.includes(key));
      }
      const fen = (value: string | null) => (value === null ? null : tryParseYuan(value));
      const [amount, tax, total] = [fen(fields.amountExclTax), fen(fields.taxAmount), fen(fields.totalAmount)];
      expect(total, 'a total in figures').not.toBeNull();
      for (const value of [fields.amountExclTax, fields.taxAmount, fields.totalAmount]) if (value !== null) expect(value).toMatch(/^\d+\.\d{2}$/);
      if (amount !== null && tax !== null) expect(amount + tax).toBe(total);
      expect(fields.totalInWords, 'a total in words').not.toBeNull();
      expect(parseChineseAmount(fields.totalInWords!)).toBe(total);
    });
  });

  const imagesDir = measuredImagesDir(set, entries);

  describe(`${set.name} pictures: the files`, () => {
    it.skipIf(imagesDir === null)('every picture is the file its ground truth names (sha256 and size)', () => {
      for (const entry of entries) {
        const path = resolve(imagesDir!, entry.file);
        expect(statSync(path).size, entry.file).toBe(entry.size);
        expect(createHash('sha256').update(readFileSync(path)).digest('hex'), entry.file).toBe(entry.sha256);
      }
    });
  });
}
