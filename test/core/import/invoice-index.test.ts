import { describe, expect, it } from 'vitest';
import { findDuplicateInvoices, invoiceKey } from '../../../src-renderer/core/invoice-index';

describe('invoice identity', () => {
  it('uses the 20-digit 数电 number alone, code + number otherwise', () => {
    expect(invoiceKey(null, '24442000000123456789')).toBe('sd:24442000000123456789');
    expect(invoiceKey('044031900111', '12345678')).toBe('vat:044031900111:12345678');
    expect(invoiceKey('０４４０３１９００１１１', 'No. 12345678')).toBe('vat:044031900111:12345678');
    expect(invoiceKey(null, '12345678')).toBeNull();
  });
});

describe('duplicate invoices', () => {
  it('is a finding on both dossiers when one invoice is claimed in two', () => {
    const findings = findDuplicateInvoices([
      { dossierId: 'A', dossierLabel: '甲公司', file: 'inv/1.pdf', page: 1, claimId: 'C1', invoiceCode: null, invoiceNumber: '24442000000123456789' },
      { dossierId: 'B', dossierLabel: '乙公司', file: 'x.xml', claimId: 'C7', invoiceCode: null, invoiceNumber: '24442000000123456789' },
      { dossierId: 'B', file: 'y.pdf', invoiceCode: '044031900111', invoiceNumber: '00000001' },
    ]);
    expect(findings.map((f) => f.dossierId)).toEqual(['A', 'B']);
    expect(findings[0]!.finding).toMatchObject({ rule: 'duplicate-invoice', severity: 'error', claimId: 'C1', evidence: { file: 'inv/1.pdf', page: 1 } });
    expect(findings[0]!.finding.message).toContain('also claimed in another dossier: 乙公司: x.xml (claim C7)');
    expect(findings[1]!.finding.message).toContain('甲公司: inv/1.pdf p.1 (claim C1)');
  });

  it('is a finding on each occurrence when claimed twice in one dossier', () => {
    const findings = findDuplicateInvoices([
      { dossierId: 'A', file: 'a.pdf', invoiceCode: '044031900111', invoiceNumber: '12345678' },
      { dossierId: 'A', file: 'b.pdf', invoiceCode: '044031900111', invoiceNumber: '12345678' },
      { dossierId: 'A', file: 'c.pdf', invoiceCode: '044031900112', invoiceNumber: '12345678' },
    ]);
    expect(findings).toHaveLength(2);
    expect(findings[0]!.finding.message).toContain('claimed more than once in this dossier');
    expect(new Set(findings.map((f) => f.finding.id)).size).toBe(2);
  });
});
