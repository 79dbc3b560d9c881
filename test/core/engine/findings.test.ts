import { describe, expect, it } from 'vitest';
import { evaluateDossier, normalizePartyName, normalizePhone, sharedContactFindings, sharedInvoiceFindings } from '../../../src-renderer/core/engine';
import type { DossierManifest, ExtractedInvoice, FileExtraction, Finding, InvoiceFields, ReviewFile } from '../../../src-renderer/core/types';
import { extraction, invoice, manifest, profile, review } from './builders';

function findingsOf(program: string, dossier: DossierManifest, extractions?: FileExtraction[], reviewFile?: ReviewFile): Finding[] {
  return evaluateDossier({ profile: profile(program), manifest: dossier, review: reviewFile ?? null, extractions: extractions ?? null }).findings;
}

function rulesOf(findings: Finding[], claimId?: string): string[] {
  return findings.filter((finding) => claimId === undefined || finding.claimId === claimId).map((finding) => finding.rule);
}

describe('invoice date window (judged by invoice date)', () => {
  it.each([
    // program, category, date, outside?
    ['shanxi-2024-voucher', 'standard', '2023-10-01', false],
    ['shanxi-2024-voucher', 'standard', '2023-09-30', true],
    ['shanxi-2024-voucher', 'standard', '2024-09-30', false],
    // Shanxi 二(一): later invoices move to the next round (invoice-next-round), they are not out of the window
    ['shanxi-2024-voucher', 'standard', '2024-10-01', false],
    ['guangzhou-2020-voucher', 'sme', '2019-12-01', false],
    ['guangzhou-2020-voucher', 'sme', '2019-11-30', true],
    ['guangzhou-2020-voucher', 'sme', '2020-11-30', false],
    ['guangzhou-2020-voucher', 'sme', '2020-12-01', true],
    ['shenzhen-2024-dsp', 'comprehensive', '2022-12-31', true],
    ['shenzhen-2024-dsp', 'comprehensive', '2023-12-31', false],
  ] as const)('%s: invoice dated %s outside: %s', (program, category, date, outside) => {
    const findings = findingsOf(program, manifest(program, category, [{ amount: '100.00', invoiceDate: date, paidAmount: '100.00', invoiceNumbers: ['1'] }]));
    expect(rulesOf(findings).includes('invoice-date-window')).toBe(outside);
  });
  it('uses the date read from the invoice over the claim field, with the page as evidence', () => {
    const dossier = manifest('shanxi-2024-voucher', 'standard', [{ amount: '100.00', invoiceDate: '2024-01-01', invoiceNumbers: ['24142000000012345678'] }]);
    const read = [extraction('inv/1.pdf', [invoice({ invoiceNumber: '24142000000012345678', issueDate: '2024-10-08', totalAmount: '100.00' }, 2)])];
    const finding = findingsOf('shanxi-2024-voucher', dossier, read).find((entry) => entry.rule === 'invoice-next-round');
    expect(finding).toMatchObject({ claimId: 'C1', severity: 'info', clause: '二(一)', evidence: { file: 'inv/1.pdf', page: 2 } });
    expect(finding!.message).toContain('2024-10-08');
    const early = manifest('shanxi-2024-voucher', 'standard', [{ amount: '100.00', invoiceNumbers: ['24142000000012345678'] }]);
    const before = [extraction('inv/1.pdf', [invoice({ invoiceNumber: '24142000000012345678', issueDate: '2023-09-30', totalAmount: '100.00' }, 2)])];
    expect(findingsOf('shanxi-2024-voucher', early, before).find((entry) => entry.rule === 'invoice-date-window')).toMatchObject({ severity: 'error', evidence: { page: 2 } });
  });
  it('programs without a fixed window (Shandong) have no date rule', () => {
    expect(rulesOf(findingsOf('shandong-2022-voucher', manifest('shandong-2022-voucher', 'digital', [{ amount: '1.00', invoiceDate: '1999-01-01' }])))).not.toContain('invoice-date-window');
  });
});

describe('payment proof', () => {
  it.each([
    // Guangzhou 附件2 二(五)5(1): at least 50% of the invoice, inclusive
    ['1000.00', '500.00', []],
    ['1000.00', '499.99', ['payment-ratio']],
    ['1000.00', '0.00', ['payment-missing']],
    ['1000.01', '500.00', ['payment-ratio']],
    ['1000.01', '500.01', []],
  ])('Guangzhou: invoice %s, paid %s → %j', (amount, paid, expected) => {
    const dossier = manifest('guangzhou-2020-voucher', 'sme', [{ amount, paidAmount: paid, invoiceDate: '2020-05-01', invoiceNumbers: ['1'] }]);
    expect(rulesOf(findingsOf('guangzhou-2020-voucher', dossier)).filter((rule) => rule.startsWith('payment'))).toEqual(expected);
  });
  it('Guangzhou: an unstated payment is a warning', () => {
    const dossier = manifest('guangzhou-2020-voucher', 'sme', [{ amount: '1000.00', invoiceDate: '2020-05-01', invoiceNumbers: ['1'] }]);
    expect(findingsOf('guangzhou-2020-voucher', dossier).find((finding) => finding.rule === 'payment-unknown')?.severity).toBe('warning');
  });
  it('Shenzhen: paying less than the invoice is a warning; compared with the invoice total when read', () => {
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '80000.00', paidAmount: '24000.00', invoiceDate: '2023-12-12', invoiceNumbers: ['9'] }]);
    expect(findingsOf('shenzhen-2024-dsp', dossier).find((finding) => finding.rule === 'payment-partial')?.severity).toBe('warning');
    const paidInFull = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '53000.00', paidAmount: '50880.00', invoiceNumbers: ['9'] }]);
    const read = [extraction('a.xml', [invoice({ invoiceNumber: '9', totalAmount: '50880.00', issueDate: '2023-09-05' })])];
    const rules = rulesOf(findingsOf('shenzhen-2024-dsp', paidInFull, read));
    expect(rules).not.toContain('payment-partial');
    expect(rules).toContain('invoice-amount-mismatch');
  });
});

describe('party names (normalising full-width brackets and spaces)', () => {
  const applicant = '深圳市测试（南山）科技有限公司';
  const vendor = '广州市服务商有限公司';
  function partyFindings(program: string, category: string, buyerName: string, sellerName: string): string[] {
    const dossier = manifest(program, category, [{ amount: '100.00', counterparty: vendor, invoiceNumbers: ['24440000000000000001'] }], { name: applicant });
    const read = [extraction('i.pdf', [invoice({ invoiceNumber: '24440000000000000001', buyerName, sellerName, totalAmount: '100.00' })])];
    return findingsOf(program, dossier, read).filter((finding) => finding.rule === 'party-mismatch').map((finding) => finding.messageEn!);
  }
  it('shenzhen-2024-dsp: the applicant sells to the customer (the 附件5 revenue list)', () => {
    expect(partyFindings('shenzhen-2024-dsp', 'comprehensive', ' 广州市服务商 有限公司', '深圳市测试(南山)科技有限公司')).toEqual([]);
    expect(partyFindings('shenzhen-2024-dsp', 'comprehensive', vendor, '深圳市测试数字有限公司')).toEqual([
      `Claim C1: invoice seller "深圳市测试数字有限公司" is not the applicant "${applicant}"`,
    ]);
    expect(partyFindings('shenzhen-2024-dsp', 'comprehensive', '另一家公司', applicant)).toEqual([
      `Claim C1: invoice buyer "另一家公司" is not the counterparty "${vendor}"`,
    ]);
  });
  it.each([
    ['guangzhou-2020-voucher', 'sme'], ['shandong-2022-voucher', 'cloud'],
    ['shandong-2023-voucher', 'general'], ['shanxi-2024-voucher', 'jinchuanggu'],
  ])('%s: the applicant buys from the counterparty', (program, category) => {
    expect(partyFindings(program, category, '深圳市测试(南山)科技有限公司', ' 广州市服务商 有限公司')).toEqual([]);
    expect(partyFindings(program, category, '深圳市测试（南山）科技 有限公司', vendor)).toEqual([]);
    expect(partyFindings(program, category, '深圳市测试数字有限公司', vendor)).toEqual([
      `Claim C1: invoice buyer "深圳市测试数字有限公司" is not the applicant "${applicant}"`,
    ]);
    expect(partyFindings(program, category, applicant, '另一家公司')).toEqual([
      `Claim C1: invoice seller "另一家公司" is not the counterparty "${vendor}"`,
    ]);
  });
  it('a counterparty that is the applicant itself is a related party', () => {
    const dossier = manifest('guangzhou-2020-voucher', 'sme', [{ amount: '1.00', counterparty: '测试申报有限公司 ' }]);
    expect(rulesOf(findingsOf('guangzhou-2020-voucher', dossier))).toContain('related-party');
  });
});

describe('excluded services', () => {
  it.each([
    ['shanxi-2024-voucher', 'standard', { description: 'ISO9001 质量管理体系认证' }, [], 'certification'],
    ['shanxi-2024-voucher', 'standard', { description: '研发人员技术培训' }, [], 'technical-training'],
    ['shanxi-2024-voucher', 'standard', { description: '检测服务' }, ['*鉴证服务*年度财务审计'], 'financial-audit'],
    ['shanxi-2024-voucher', 'standard', { description: '高新技术企业认定咨询' }, [], 'recognition-consulting'],
    ['shanxi-2024-voucher', 'standard', { description: '新材料力学性能测试检测' }, ['*检测服务*材料检测'], null],
    ['guangzhou-2020-voucher', 'sme', { description: '已用科技创新券支付的检测服务' }, [], 'provincially-subsidised'],
    ['shenzhen-2024-dsp', 'comprehensive', { description: '客户答谢会' }, ['*餐饮服务*餐饮服务'], 'catering-entertainment'],
    ['shenzhen-2024-dsp', 'comprehensive', { description: 'ERP 实施' }, ['*信息技术服务*软件实施服务'], null],
  ] as const)('%s: %j with items %j → %s', (program, category, claim, items, excluded) => {
    const dossier = manifest(program, category, [{ amount: '100.00', invoiceNumbers: ['77'], ...claim }]);
    const read = [extraction('i.pdf', [invoice({ invoiceNumber: '77', items: items.map((name) => ({ name, amount: '100.00' })) })])];
    const found = findingsOf(program, dossier, read).filter((finding) => finding.rule === 'excluded-service').map((finding) => finding.id);
    expect(found).toEqual(excluded ? [`excluded-service:C1:${excluded}`] : []);
  });
});

describe('duplicates, missing invoices and one direction per cycle', () => {
  it('the same invoice number on two claims (full-width digits too) is an error on the second', () => {
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [
      { amount: '1.00', invoiceNumbers: ['23442000001280314187'] },
      { amount: '1.00', invoiceNumbers: ['２３４４２０００００１２８０３１４１８７'] },
      { amount: '1.00', invoiceNumbers: ['23442000001280314188'] },
    ]);
    const duplicates = findingsOf('shenzhen-2024-dsp', dossier).filter((finding) => finding.rule === 'duplicate-invoice');
    expect(duplicates.map((finding) => [finding.claimId, finding.severity])).toEqual([['C2', 'error']]);
  });
  it('a claim without an invoice number is flagged; an invoice not among the files too', () => {
    const dossier = manifest('shanxi-2024-voucher', 'standard', [{ amount: '1.00' }, { amount: '1.00', invoiceNumbers: ['5'] }]);
    expect(rulesOf(findingsOf('shanxi-2024-voucher', dossier, [extraction('x.pdf', [])]))).toEqual(expect.arrayContaining(['missing-invoice', 'invoice-not-found']));
  });
  it('Shandong: claims in two service directions are an error', () => {
    const one = manifest('shandong-2022-voucher', 'digital', [{ amount: '1.00', serviceType: 'digital' }, { amount: '1.00', serviceType: 'digital' }]);
    const two = manifest('shandong-2022-voucher', 'digital', [{ amount: '1.00', serviceType: 'digital' }, { amount: '1.00', serviceType: 'cloud' }]);
    expect(rulesOf(findingsOf('shandong-2022-voucher', one))).not.toContain('single-direction');
    expect(findingsOf('shandong-2022-voucher', two).find((finding) => finding.rule === 'single-direction')).toMatchObject({ severity: 'error', clause: '二(三)' });
  });
});

describe('a ticket among the invoices (kind \'ticket\': a passenger ticket or fixed-amount receipt, no buyer or seller)', () => {
  const GZ = 'guangzhou-2020-voucher';
  const BUYER = '广州市示例制造有限公司';
  const VENDOR = '广州市服务商有限公司';
  const VAT = '44011900000000000002';
  const TICKET = '20400001';
  function vat(totalAmount: string, issueDate = '2020-06-01') {
    return invoice({ invoiceNumber: VAT, issueDate, buyerName: BUYER, sellerName: VENDOR, totalAmount });
  }
  function ticket(totalAmount: string, issueDate = '2020-06-01', extra: Partial<InvoiceFields> = {}): ExtractedInvoice {
    return { ...invoice({ invoiceCode: '144002011111', invoiceNumber: TICKET, issueDate, totalAmount, ...extra }), kind: 'ticket' };
  }
  function gz(claims: Parameters<typeof manifest>[2]): DossierManifest {
    return manifest(GZ, 'sme', claims.map((claim) => ({ counterparty: VENDOR, ...claim })), { name: BUYER });
  }

  it('is reported once per claim as no invoice evidence, citing the profile\'s ticket clause, in zh-CN and English', () => {
    const only = findingsOf(GZ, gz([{ amount: '300.00', paidAmount: '300.00', invoiceNumbers: [TICKET] }]), [extraction('taxi.png', [ticket('300.00')])]);
    const finding = only.find((entry) => entry.rule === 'ticket-not-invoice');
    expect(finding).toMatchObject({ claimId: 'C1', severity: 'warning', clause: '附件2 二(五)4(3)', evidence: { file: 'taxi.png', page: 1 } });
    expect(finding!.message).toBe(`申报项 C1：票据 ${TICKET}（客票或定额发票）不是增值税发票，票面没有购买方和销售方，不能证明服务交易双方：不计入发票价税合计，不核对购销方名称；本项没有可作依据的增值税发票`);
    expect(finding!.messageEn).toBe(`Claim C1: ticket ${TICKET} (a passenger ticket or fixed-amount receipt) is not a VAT invoice; it names no buyer or seller, so it cannot show the parties to the service: not counted in the invoice total, parties not compared; the claim has no VAT invoice to rest on`);
    expect(finding!.messageEn).not.toMatch(/[\u4e00-\u9fff]/);
    const beside = findingsOf(GZ, gz([{ amount: '1000.00', paidAmount: '1000.00', invoiceNumbers: [VAT, TICKET] }]), [extraction('vat.pdf', [vat('1000.00')]), extraction('taxi.png', [ticket('300.00')])]);
    expect(beside.filter((entry) => entry.rule === 'ticket-not-invoice').map((entry) => entry.message.endsWith('不核对购销方名称'))).toEqual([true]);
    // The clause is the profile's data: Shenzhen's own, none where the notice names none, the invoice-required clause when a custom profile leaves it out.
    const sz = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '300.00', invoiceNumbers: [TICKET] }]);
    expect(findingsOf('shenzhen-2024-dsp', sz, [extraction('t.png', [ticket('300.00', '2023-06-01')])]).find((entry) => entry.rule === 'ticket-not-invoice')?.clause).toBe('五(九)');
    const sd = manifest('shandong-2023-voucher', 'general', [{ amount: '300.00', invoiceNumbers: [TICKET] }]);
    const sdFinding = findingsOf('shandong-2023-voucher', sd, [extraction('t.png', [ticket('300.00', '2023-06-01')])]).find((entry) => entry.rule === 'ticket-not-invoice');
    expect(sdFinding).toBeDefined();
    expect(sdFinding).not.toHaveProperty('clause');
    const base = profile(GZ);
    const { ticketNotInvoiceClause: _left, ...rules } = base.invoiceRules;
    const custom = evaluateDossier({ profile: { ...base, invoiceRules: rules }, manifest: gz([{ amount: '300.00', invoiceNumbers: [TICKET] }]), review: null, extractions: [extraction('taxi.png', [ticket('300.00')])] });
    expect(custom.findings.find((entry) => entry.rule === 'ticket-not-invoice')?.clause).toBe('附件2 二(五)4');
    // No ticket, no finding.
    expect(rulesOf(findingsOf(GZ, gz([{ amount: '1000.00', paidAmount: '1000.00', invoiceNumbers: [VAT] }]), [extraction('vat.pdf', [vat('1000.00')])]))).not.toContain('ticket-not-invoice');
  });

  it('invoice amounts: the ticket\'s amount is not counted in the invoice total compared with the claimed amount', () => {
    const read = [extraction('vat.pdf', [vat('1000.00')]), extraction('taxi.png', [ticket('300.00')])];
    const matching = findingsOf(GZ, gz([{ amount: '1000.00', paidAmount: '1000.00', invoiceNumbers: [VAT, TICKET] }]), read);
    expect(rulesOf(matching)).not.toContain('invoice-amount-mismatch');
    expect(rulesOf(matching)).not.toContain('invoice-not-found');
    const counted = findingsOf(GZ, gz([{ amount: '1300.00', paidAmount: '1300.00', invoiceNumbers: [VAT, TICKET] }]), read).find((entry) => entry.rule === 'invoice-amount-mismatch');
    expect(counted).toMatchObject({ clause: '附件2 二(五)4(1)', evidence: { file: 'vat.pdf', page: 1 } });
    expect(counted!.message).toBe(`申报项 C1：增值税发票价税合计 ¥1,000.00 与申报金额 ¥1,300.00 不一致（票据 ${TICKET}（客票或定额发票）不计）`);
    expect(counted!.messageEn).toBe(`Claim C1: VAT invoice totals ¥1,000.00 differ from the claimed ¥1,300.00 (ticket ${TICKET} (a passenger ticket or fixed-amount receipt) not counted)`);
    // A claim on the ticket alone has no invoice total to compare: the ticket finding says so.
    const alone = findingsOf(GZ, gz([{ amount: '999.00', paidAmount: '999.00', invoiceNumbers: [TICKET] }]), read);
    expect(rulesOf(alone)).not.toContain('invoice-amount-mismatch');
    expect(rulesOf(alone)).toContain('ticket-not-invoice');
  });

  it('payment proof: the payment is weighed against the VAT invoices, not the ticket', () => {
    // Guangzhou 附件2 二(五)5(1): 500 paid is 50% of the 1,000 VAT invoice; with the 300 ticket counted it would be 38%.
    const read = [extraction('vat.pdf', [vat('1000.00')]), extraction('taxi.png', [ticket('300.00')])];
    expect(rulesOf(findingsOf(GZ, gz([{ amount: '1000.00', paidAmount: '500.00', invoiceNumbers: [VAT, TICKET] }]), read))).not.toContain('payment-ratio');
    const low = findingsOf(GZ, gz([{ amount: '1000.00', paidAmount: '400.00', invoiceNumbers: [VAT, TICKET] }]), read).find((entry) => entry.rule === 'payment-ratio');
    expect(low!.message).toBe('申报项 C1：付款 ¥400.00 仅为增值税发票金额（不计客票或定额发票） ¥1,000.00 的 0.4000，低于 0.50');
    expect(low!.messageEn).toBe('Claim C1: paid ¥400.00 is 0.4000 of the VAT invoices (tickets not counted) ¥1,000.00, below 0.50');
    // Shenzhen 五(九): the whole amount is paid when the VAT invoice is.
    const sz = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '1000.00', paidAmount: '1000.00', invoiceNumbers: [VAT, TICKET] }]);
    const szRead = [extraction('vat.pdf', [vat('1000.00', '2023-06-01')]), extraction('t.png', [ticket('300.00', '2023-06-01')])];
    expect(rulesOf(findingsOf('shenzhen-2024-dsp', sz, szRead))).not.toContain('payment-partial');
  });

  it('party names: a ticket\'s names are not compared with the applicant or the counterparty', () => {
    const read = [extraction('taxi.png', [ticket('300.00', '2020-06-01', { sellerName: '广州市出租汽车有限公司', sellerTaxId: '91440101000000000X', buyerTaxId: '91440101000000000X' })])];
    const rules = rulesOf(findingsOf(GZ, gz([{ amount: '300.00', paidAmount: '300.00', invoiceNumbers: [TICKET] }]), read));
    expect(rules).not.toContain('party-mismatch');
    expect(rules).not.toContain('related-party');
    expect(rules).toContain('ticket-not-invoice');
    // A VAT invoice with the same names is still compared.
    const vatRead = [extraction('vat.pdf', [invoice({ invoiceNumber: VAT, issueDate: '2020-06-01', buyerName: BUYER, sellerName: '广州市出租汽车有限公司', totalAmount: '300.00' })])];
    expect(rulesOf(findingsOf(GZ, gz([{ amount: '300.00', paidAmount: '300.00', invoiceNumbers: [VAT] }]), vatRead))).toContain('party-mismatch');
  });

  it('date window: the ticket\'s date is still judged, and the finding names it a ticket', () => {
    const read = [extraction('taxi.png', [ticket('300.00', '2020-12-05')])];
    const finding = findingsOf(GZ, gz([{ amount: '300.00', paidAmount: '300.00', invoiceNumbers: [TICKET] }]), read).find((entry) => entry.rule === 'invoice-date-window');
    expect(finding).toMatchObject({ severity: 'error', clause: '附件1 五(三)2; 附件2 二(五)4(2)', evidence: { file: 'taxi.png', page: 1 } });
    expect(finding!.message).toBe(`申报项 C1：票据 ${TICKET}（客票或定额发票）日期 2020-12-05 不在支持期 2019-12-01 至 2020-11-30 内`);
    expect(finding!.messageEn).toBe(`Claim C1: ticket ${TICKET} (a passenger ticket or fixed-amount receipt) dated 2020-12-05 is outside the eligible period 2019-12-01 to 2020-11-30`);
    const later = manifest('shanxi-2024-voucher', 'standard', [{ amount: '300.00', invoiceNumbers: [TICKET] }]);
    const next = findingsOf('shanxi-2024-voucher', later, [extraction('t.png', [ticket('300.00', '2024-10-08')])]).find((entry) => entry.rule === 'invoice-next-round');
    expect(next!.message).toContain(`票据 ${TICKET}（客票或定额发票）日期 2024-10-08 晚于 2024-09-30`);
    expect(next!.messageEn).toContain(`ticket ${TICKET} (a passenger ticket or fixed-amount receipt) dated 2024-10-08 is after 2024-09-30`);
  });

  it('duplicates: the same ticket on two claims is reported as a ticket claimed twice', () => {
    const dossier = gz([{ amount: '300.00', invoiceNumbers: [TICKET] }, { amount: '300.00', invoiceNumbers: [TICKET] }]);
    const duplicate = findingsOf(GZ, dossier, [extraction('taxi.png', [ticket('300.00')])]).find((entry) => entry.rule === 'duplicate-invoice');
    expect(duplicate).toMatchObject({ claimId: 'C2', severity: 'error', clause: '附件1 二(二)', evidence: { file: 'taxi.png', page: 1 } });
    expect(duplicate!.message).toBe(`申报项 C2：票据 ${TICKET}（客票或定额发票） 已在申报项 C1 中申报，重复申报`);
    expect(duplicate!.messageEn).toBe(`Claim C2: ticket ${TICKET} (a passenger ticket or fixed-amount receipt) is already claimed by C1`);
  });
});

describe('eligibility and materials', () => {
  it.each([
    ['comprehensive', { staffInShenzhen: 1000, priorYearRevenue: '300000000.00' }, []],
    ['comprehensive', { staffInShenzhen: 999, priorYearRevenue: '299999999.99' }, ['eligibility-threshold:c3-staff-1000', 'eligibility-threshold:c4-revenue-300m']],
    ['non-comprehensive', { staffInShenzhen: 30, priorYearRevenue: '8000000' }, []],
    ['non-comprehensive', { staffInShenzhen: '29', priorYearRevenue: '8000000' }, ['eligibility-threshold:n3-staff-30']],
  ])('Shenzhen %s with facts %j', (category, facts, expected) => {
    const dossier = manifest('shenzhen-2024-dsp', category, [{ amount: '1.00' }], { facts });
    expect(findingsOf('shenzhen-2024-dsp', dossier).filter((finding) => finding.rule === 'eligibility-threshold').map((finding) => finding.id)).toEqual(expected);
  });
  it('materials follow category and registration: (二)1 in Shenzhen, (二)2 elsewhere, (十五) comprehensive only', () => {
    const missing = (category: string, registeredIn: string) => {
      const dossier = manifest('shenzhen-2024-dsp', category, [{ amount: '1.00' }], { registeredIn });
      dossier.documents = [{ file: 'a.pdf', kind: 'application' }];
      const reviewFile = review('shenzhen-2024-dsp', [], {}, { checklists: { 'm15-ecosystem-products': { state: 'not-met' }, 'm16-sector-solutions': { state: 'not-met' } } });
      return findingsOf('shenzhen-2024-dsp', dossier, undefined, reviewFile).map((finding) => finding.id).filter((id) => id.startsWith('material'));
    };
    const inShenzhen = missing('comprehensive', 'shenzhen');
    expect(inShenzhen).toContain('material-missing:m02-1-business-licence');
    expect(inShenzhen).not.toContain('material-missing:m02-2-premises-proof');
    expect(inShenzhen).toContain('material-not-met:m15-ecosystem-products');
    expect(inShenzhen).not.toContain('material-not-met:m16-sector-solutions');
    expect(inShenzhen).not.toContain('material-missing:m01-application');
    const elsewhere = missing('non-comprehensive', 'guangzhou');
    expect(elsewhere).toContain('material-missing:m02-2-premises-proof');
    expect(elsewhere).not.toContain('material-missing:m02-1-business-licence');
    expect(elsewhere).toContain('material-not-met:m16-sector-solutions');
    expect(elsewhere).not.toContain('material-not-met:m15-ecosystem-products');
  });
  it('the reviewer\'s findings statuses are carried onto the report', () => {
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '1.00', invoiceDate: '2022-01-01', invoiceNumbers: ['1'] }]);
    const reviewFile = review('shenzhen-2024-dsp', [], {}, { findings: [{ id: 'invoice-date-window:C1:2022-01-01', status: 'accepted' }] });
    expect(findingsOf('shenzhen-2024-dsp', dossier, undefined, reviewFile).find((finding) => finding.rule === 'invoice-date-window')?.status).toBe('accepted');
  });
});

describe('cross-dossier: same contact person or phone across applicants (Shenzhen 十五 注意事项 2)', () => {
  const base = (name: string, credit: string, contact: { name: string; phone: string }) =>
    manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '1.00' }], { name, creditCode: credit, contact });
  it('flags both applicants sharing a phone written differently, and names the other one', () => {
    const results = sharedContactFindings(profile('shenzhen-2024-dsp'), [
      { dossier: 'A', manifest: base('甲公司', '91A', { name: '张三', phone: '+86 138-2345-1234' }) },
      { dossier: 'B', manifest: base('乙公司', '91B', { name: '李四', phone: '13823451234' }) },
      { dossier: 'C', manifest: base('丙公司', '91C', { name: '王五', phone: '13900000000' }) },
    ]);
    expect(results.map((entry) => [entry.dossier, entry.finding.rule])).toEqual([['A', 'shared-contact-phone'], ['B', 'shared-contact-phone']]);
    expect(results[0]!.finding.message).toContain('乙公司');
  });
  it('flags a shared contact person; the same applicant twice is not flagged', () => {
    const results = sharedContactFindings(profile('shenzhen-2024-dsp'), [
      { dossier: 'A', manifest: base('甲公司', '91A', { name: '张 三', phone: '1' }) },
      { dossier: 'A2', manifest: base('甲公司', '91A', { name: '张三', phone: '2' }) },
      { dossier: 'B', manifest: base('乙公司', '91B', { name: '张三', phone: '3' }) },
    ]);
    expect(results.map((entry) => entry.dossier)).toEqual(['A', 'A2', 'B']);
    expect(new Set(results.map((entry) => entry.finding.rule))).toEqual(new Set(['shared-contact-person']));
  });
  it('programs without the rule report nothing; evaluateDossier takes peers', () => {
    expect(sharedContactFindings(profile('guangzhou-2020-voucher'), [])).toEqual([]);
    const report = evaluateDossier({
      profile: profile('shenzhen-2024-dsp'),
      manifest: base('甲公司', '91A', { name: '张三', phone: '1' }),
      peers: [{ dossier: 'other', manifest: base('乙公司', '91B', { name: '张三', phone: '2' }) }],
      dossierLabel: 'mine',
    });
    expect(rulesOf(report.findings)).toContain('shared-contact-person');
  });
});

describe('cross-dossier: the same invoice claimed in two dossiers', () => {
  const dossier = (name: string, claims: Parameters<typeof manifest>[2]) => ({ dossier: name, manifest: manifest('shenzhen-2024-dsp', 'comprehensive', claims, { name, creditCode: `91${name}` }) });
  it('a 数电 number cited by a claim of another dossier is an error on this dossier\'s claim, naming the other', () => {
    const mine = dossier('甲公司', [{ amount: '100.00', invoiceNumbers: ['24442000000012345678'] }, { amount: '5.00', invoiceNumbers: ['24442000000099999999'] }]);
    const other = dossier('乙公司', [{ amount: '100.00' }, { amount: '100.00', invoiceNumbers: ['２４４４２０００００００１２３４５６７８'] }]);
    const findings = sharedInvoiceFindings(profile('shenzhen-2024-dsp'), mine, [other]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'duplicate-invoice-across-dossiers', severity: 'error', claimId: 'C1', clause: '十五 注意事项 3' });
    expect(findings[0]!.message).toContain('乙公司');
    expect(findings[0]!.message).toContain('C2');
  });
  it('an 8-digit number alone does not identify an invoice across dossiers; with the same code it does', () => {
    const mine = dossier('甲公司', [{ amount: '1.00', invoiceNumbers: ['12345678'], invoiceCode: '044031900111' }]);
    const numberOnly = dossier('乙公司', [{ amount: '1.00', invoiceNumbers: ['12345678'] }]);
    const otherCode = dossier('丙公司', [{ amount: '1.00', invoiceNumbers: ['12345678'], invoiceCode: '044031900222' }]);
    const sameCode = dossier('丁公司', [{ amount: '1.00', invoiceNumbers: ['12345678'], invoiceCode: '044031900111' }]);
    expect(sharedInvoiceFindings(profile('shenzhen-2024-dsp'), mine, [numberOnly, otherCode])).toEqual([]);
    expect(sharedInvoiceFindings(profile('shenzhen-2024-dsp'), mine, [sameCode]).map((finding) => finding.message)).toEqual([expect.stringContaining('丁公司')]);
  });
  it('two dossiers of the same applicant are still two claims of one invoice; evaluateDossier reports it from its peers', () => {
    const mine = dossier('甲公司', [{ amount: '1.00', invoiceNumbers: ['24442000000012345678'] }]);
    const again = { ...dossier('甲公司', [{ amount: '1.00', invoiceNumbers: ['24442000000012345678'] }]), dossier: '甲公司' };
    const report = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: mine.manifest, peers: [again], dossierLabel: '甲公司' });
    expect(rulesOf(report.findings)).toContain('duplicate-invoice-across-dossiers');
  });
  it('a ticket (kind \'ticket\') claimed in another dossier is named a ticket, the same spend claimed twice', () => {
    const claims = [{ amount: '30.00', invoiceCode: '144002011111', invoiceNumbers: ['20400001'] }];
    const mine = dossier('甲公司', claims);
    const read = [extraction('taxi.png', [{ ...invoice({ invoiceCode: '144002011111', invoiceNumber: '20400001', issueDate: '2023-06-01', totalAmount: '30.00' }), kind: 'ticket' as const }])];
    const report = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: mine.manifest, review: null, extractions: read, peers: [dossier('乙公司', claims)], dossierLabel: '甲公司' });
    const finding = report.findings.find((entry) => entry.rule === 'duplicate-invoice-across-dossiers');
    expect(finding).toMatchObject({ severity: 'error', claimId: 'C1', clause: '十五 注意事项 3' });
    expect(finding!.message).toBe('申报项 C1：票据 20400001（客票或定额发票） 也在其他申报材料中申报：乙公司（乙公司）申报项 C1');
    expect(finding!.messageEn).toBe('Claim C1: ticket 20400001 (a passenger ticket or fixed-amount receipt) is also claimed in another dossier: 乙公司 (乙公司) claim C1');
    // Read as a VAT invoice, or not read, it is an invoice as before.
    const unread = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: mine.manifest, review: null, peers: [dossier('乙公司', claims)], dossierLabel: '甲公司' });
    expect(unread.findings.find((entry) => entry.rule === 'duplicate-invoice-across-dossiers')!.message).toBe('申报项 C1：发票 20400001 也在其他申报材料中申报：乙公司（乙公司）申报项 C1');
  });
  it('a program without a duplicate clause (Shandong 2023) has no such rule', () => {
    const claims = [{ amount: '1.00', invoiceNumbers: ['24442000000012345678'] }];
    const mine = { dossier: 'a', manifest: manifest('shandong-2023-voucher', 'digital', claims) };
    expect(sharedInvoiceFindings(profile('shandong-2023-voucher'), mine, [{ dossier: 'b', manifest: manifest('shandong-2023-voucher', 'digital', claims) }])).toEqual([]);
  });
});

describe('inputs that disagree', () => {
  it('an unknown category is invalid input naming the manifest', () => {
    expect(() => evaluateDossier({ profile: profile('shanxi-2024-voucher'), manifest: manifest('shanxi-2024-voucher', 'sme', []), sources: { manifest: 'd/dossier.json' } }))
      .toThrow('d/dossier.json: applicant.category "sme" is not a category of shanxi-2024-voucher (known: standard, jinchuanggu)');
  });
  it('a review of another program is invalid input naming the review', () => {
    expect(() => evaluateDossier({ profile: profile('shanxi-2024-voucher'), manifest: manifest('shanxi-2024-voucher', 'standard', []), review: review('guangzhou-2020-voucher'), sources: { review: 'r.json' } }))
      .toThrow('r.json: program "guangzhou-2020-voucher" does not match');
  });
});

describe('normalising names and phones', () => {
  it.each([
    ['+86 138-2345-1234', '13823451234'], ['13823451234', '13823451234'], ['0086 13823451234', '13823451234'],
    ['+86 755 8888 1234', '075588881234'], ['0755-8888 1234', '075588881234'], ['（0755）88881234', '075588881234'], ['88881234', '88881234'],
  ])('phone %s → %s', (phone, expected) => {
    expect(normalizePhone(phone)).toBe(expected);
  });
  it('company names: full-width brackets and spaces do not matter', () => {
    expect(normalizePartyName(' 深圳市某某（南山）有限 公司　')).toBe('深圳市某某(南山)有限公司');
  });
});
