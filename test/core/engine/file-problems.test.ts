// Files the check could not use become findings; a document that is no evidence (an application
// form, a licence) holding no invoice is not one of them.
import { describe, expect, it } from 'vitest';
import { fileProblemFindings } from '../../../src-renderer/core/engine/findings/file-problems';
import { problem } from '../../../src-renderer/core/import/problems';
import type { DocumentKind } from '../../../src-renderer/core/types';

const noInvoice = (file: string) => problem(file, 'extract-failed', 'warning', `${file}: no invoice found (no invoice number or totals on any page) (not-an-invoice)`);

describe('file problems as findings', () => {
  it('no invoice in an application form, licence or audit report (or an unclassified file placed in such an item) is not a finding; in evidence or an unplaced file it is', () => {
    const placed = (file: string, kind: DocumentKind, materialKinds: DocumentKind[] | null = null) => ({ file, kind, materialKinds });
    const kinds = [
      placed('a/申请书.pdf', 'application'), placed('a/执照.pdf', 'certificate', ['certificate']), placed('a/审计.pdf', 'audit-report'),
      placed('a/社保清单.pdf', 'other', ['certificate']),
      placed('a/发票.png', 'invoice'), placed('a/回单.jpg', 'payment', ['certificate']), placed('a/scan0001.pdf', 'other'),
      placed('a/scan0002.pdf', 'other', ['invoice', 'payment', 'revenue-list']), placed('a/scan0003.pdf', 'other', []),
    ];
    const findings = fileProblemFindings([...kinds.map((entry) => noInvoice(entry.file)), noInvoice('a/unknown.pdf')], kinds);
    expect(findings.map((finding) => [finding.rule, finding.evidence?.file])).toEqual([
      ['file-unreadable', 'a/发票.png'], ['file-unreadable', 'a/回单.jpg'], ['file-unreadable', 'a/scan0001.pdf'],
      ['file-unreadable', 'a/scan0002.pdf'], ['file-unreadable', 'a/scan0003.pdf'], ['file-unreadable', 'a/unknown.pdf'],
    ]);
  });
  it('any other reading failure of an application form is still a finding, and a refused file always', () => {
    const kinds = [{ file: 'a/申请书.pdf', kind: 'application' as const, materialKinds: ['application' as const] }];
    const findings = fileProblemFindings([
      problem('a/申请书.pdf', 'extract-failed', 'warning', 'a/申请书.pdf: the PDF could not be opened (unreadable)'),
      problem('a/申请书.pdf', 'pdf-encrypted', 'error', 'it is encrypted'),
    ], kinds);
    expect(findings.map((finding) => finding.rule)).toEqual(['file-unreadable', 'file-refused']);
  });
});
