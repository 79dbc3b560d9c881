import { describe, expect, it } from 'vitest';
import { evaluateDossier } from '../../../src-renderer/core/engine';
import { normaliseOrganisationName, partiesOfDossier, screenConflicts } from '../../../src-renderer/core/panel';
import { extraction, invoice, manifest, profile, review } from '../engine/builders';

describe('conflict-of-interest screening before scoring', () => {
  it('normalises names: full-width, spaces, brackets and company forms', () => {
    expect(normaliseOrganisationName('深圳市某某（南山）科技 有限公司')).toBe('深圳市某某南山科技');
    expect(normaliseOrganisationName('深圳市某某(南山)科技股份有限公司')).toBe('深圳市某某南山科技');
    expect(normaliseOrganisationName('ＡＢＣ数据　有限责任公司')).toBe('ABC数据');
    expect(normaliseOrganisationName('某某科技公司')).toBe('某某科技');
  });

  it('flags a declared client that is the applicant (by credit code) or a customer (by name), and nothing else', () => {
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [
      { amount: '100.00', counterparty: '深圳市客户甲（福田）有限公司' },
      { amount: '100.00', counterparty: '深圳市客户乙有限公司' },
    ], { name: '深圳市申报有限公司', creditCode: '91440300MA5ABCDE1X' });
    const expert = review('shenzhen-2024-dsp', [], {}, {
      reviewer: { name: '张教授', role: 'expert', organisation: '某大学' },
      conflictOfInterest: { declared: false, relations: [
        { name: '另一名称', creditCode: '91440300ma5abcde1x', relation: 'client' },
        { name: '深圳市客户甲(福田)股份有限公司', relation: 'employer' },
        { name: '无关公司', relation: 'client' },
      ] },
    });
    const read = [extraction('inv/1.pdf', [invoice({ buyerName: '发票上的对方有限公司', buyerTaxId: '91440300BUYER00001', sellerName: '发票上的对方有限公司', sellerTaxId: '91440300BUYER00001' })])];
    const hits = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: dossier, review: expert, extractions: read })
      .findings.filter((finding) => finding.rule === 'conflict-of-interest-match');
    expect(hits.map((finding) => finding.message)).toHaveLength(2);
    expect(hits[0]!.message).toBe('评审人 张教授 申报的近三年客户“另一名称”与申报单位“深圳市申报有限公司”统一社会信用代码相同：评分前请确认是否回避');
    // the counterparty is a customer or a vendor as the profile's invoice direction says
    expect(hits[1]!.message).toMatch(/^评审人 张教授 申报的近三年任职单位“深圳市客户甲\(福田\)股份有限公司”与(客户|服务机构)“深圳市客户甲（福田）有限公司”名称相同（规范化后）：评分前请确认是否回避$/);
    const invoiceParty = review('shenzhen-2024-dsp', [], {}, { conflictOfInterest: { declared: false, relations: [{ name: 'x', creditCode: '91440300BUYER00001', relation: 'client' }] } });
    expect(evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: dossier, review: invoiceParty, extractions: read })
      .findings.filter((finding) => finding.rule === 'conflict-of-interest-match').map((finding) => finding.messageEn)).toEqual([
      expect.stringMatching(/^Reviewer 审核员甲 declared "x" as client of the last three years; it is a (customer|vendor), "发票上的对方有限公司" \(same credit code\): decide on recusal before scoring$/),
    ]);
  });
});

describe('the parties screened', () => {
  it('are one party per role and name: a counterparty of a claim and of its invoices is matched once, with the invoice\'s credit code', () => {
    const manifest = {
      schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp', applicant: { name: '深圳市申报有限公司', creditCode: '91440300MA5ABCDE1X', category: 'comprehensive' },
      documents: [], claims: [{ id: 'C1', amount: '1.00', counterparty: '深圳市云栈科技有限公司' }],
    } as never;
    const invoice = { page: 1, method: 'xml', confidence: {}, boxes: {}, checks: [], fields: { buyerName: '深圳市申报有限公司', buyerTaxId: '91440300MA5ABCDE1X', sellerName: '深圳市云栈科技有限公司', sellerTaxId: '91440300MA5CLOUD1X' } } as never;
    const parties = partiesOfDossier(manifest, true, [{ file: 'a.xml', sha256: 'h', errors: [], invoices: [invoice] }]);
    // The applicant on the buyer side is not its own customer: the seller is the other party.
    expect(parties).toEqual([
      { role: 'applicant', name: '深圳市申报有限公司', creditCode: '91440300MA5ABCDE1X' },
      { role: 'customer', name: '深圳市云栈科技有限公司', creditCode: '91440300MA5CLOUD1X' },
    ]);
    const review = { reviewer: { name: '陈专家' }, conflictOfInterest: { declared: false, relations: [{ name: '深圳市云栈科技 有限公司', relation: 'client' }] } } as never;
    expect(screenConflicts(review, parties)).toHaveLength(1);
  });
});
