import { describe, expect, it } from 'vitest';
import { describeAuditEntry, fullValue, type AuditVocabulary } from '../../../src-renderer/core/audit/describe';
import { readableTimestamp } from '../../../src-renderer/core/export/labels';

const vocabulary = (language: 'zh' | 'en'): AuditVocabulary => ({
  language,
  field: (name) => (language === 'zh' ? { totalAmount: '价税合计', sellerName: '销售方名称' } : { totalAmount: 'Total', sellerName: 'Seller' })[name] ?? name,
  reason: (code) => (language === 'zh' ? { 'amount-mismatch': '金额不符' } : { 'amount-mismatch': 'Amount mismatch' })[code] ?? code,
  item: (id) => (language === 'zh' ? { 'capability.staff': '企业人数', 'material-9': '营业收入清单' } : { 'capability.staff': 'Staff', 'material-9': 'Revenue list' })[id] ?? id,
  state: (code) => (language === 'zh' ? { accepted: '已采纳', open: '待处理', met: '符合' } : { accepted: 'Accepted', open: 'Open', met: 'Met' })[code] ?? code,
});

const dossier = 'f'.repeat(64);

describe('audit entries as sentences', () => {
  it('a cut names the claim, the full amount, reason and note, before and after', () => {
    const entry = {
      action: 'cut.set', target: 'cut:C01',
      before: { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch', note: '' },
      after: { claimId: 'C01', amount: '123456.78', reason: 'amount-mismatch', note: '发票金额小于申报金额，差额核减', proposal: 'C01:amount-mismatch' },
    };
    expect(describeAuditEntry(entry, vocabulary('zh'))).toBe(
      '申报项 C01 核减：¥1,000.00（理由：金额不符） → ¥123,456.78（理由：金额不符；备注：“发票金额小于申报金额，差额核减”；采纳建议 C01:amount-mismatch）',
    );
    expect(describeAuditEntry(entry, vocabulary('en'))).toBe(
      'Cut on claim C01: ¥1,000.00 (reason: Amount mismatch) → ¥123,456.78 (reason: Amount mismatch; note: "发票金额小于申报金额，差额核减"; accepting proposal C01:amount-mismatch)',
    );
  });

  it('a confirmed invoice field names the file, page and field by label', () => {
    const entry = { action: 'invoice.confirm', target: `invoice:${dossier}:invoices/a:b.pdf#2:totalAmount`, before: '12720.00', after: '12700.00' };
    expect(describeAuditEntry(entry, vocabulary('zh'))).toBe('确认发票 invoices/a:b.pdf 第 2 页 的“价税合计”：¥12,720.00 → ¥12,700.00');
    expect(describeAuditEntry(entry, vocabulary('en'))).toBe('Confirmed Total of invoice invoices/a:b.pdf p.2: ¥12,720.00 → ¥12,700.00');
  });

  it('scores, checklist items and finding decisions by their labels, never their ids', () => {
    expect(describeAuditEntry({ action: 'score.set', target: 'score:local:capability.staff', before: null, after: '7.5' }, vocabulary('zh'))).toBe('评分“企业人数”：无 → 7.5 分');
    expect(describeAuditEntry({ action: 'checklist.set', target: 'checklist:local:material-9', before: null, after: { state: 'met', evidence: [{ file: 'list.xlsx', page: 1 }] } }, vocabulary('en')))
      .toBe('Checklist item Revenue list: none → Met, evidence list.xlsx p.1');
    expect(describeAuditEntry({ action: 'finding.status', target: 'finding:score-incomplete', before: { status: 'open', note: null }, after: { status: 'accepted', note: '已补评' } }, vocabulary('zh')))
      .toBe('问题 score-incomplete：待处理 → 已采纳（备注：“已补评”）');
  });

  it('an import names every refused file; an unknown action keeps its id and full values', () => {
    expect(describeAuditEntry({ action: 'dossier.import', target: `dossier:${dossier}`, before: null, after: { files: [['a.pdf', 'x'], ['b.pdf', 'y']], rejected: ['evil.exe'], claims: 12 } }, vocabulary('zh')))
      .toBe('导入申报材料：2 个文件，申报项 12 条；拒收 1 个文件：evil.exe');
    const long = 'x'.repeat(500);
    const sentence = describeAuditEntry({ action: 'plan.note', target: 'plan', before: null, after: { seed: long, size: 60 } }, vocabulary('en'));
    expect(sentence).toBe(`plan.note (plan): none → {seed: "${long}"; size: 60}`);
  });

  it('a sample plan drawn or withdrawn: method, seed, rates, size, interval and key items, in both languages', () => {
    const plan = {
      method: 'mus', seed: 'audit-2024', confidence: '0.95', tolerable: '0.05', expected: '0.01', size: 60, intervalFen: 12_345_600,
      keyItemFen: 12_345_600, keyItems: ['R1', 'R2'], sample: [{ claimId: 'R1' }, { claimId: 'R2' }, { claimId: 'R7' }],
    };
    expect(describeAuditEntry({ action: 'sample.draw', target: 'review:local', before: null, after: plan }, vocabulary('zh')))
      .toBe('制定抽样方案：货币单位抽样（MUS），随机种子“audit-2024”，置信度 0.95，可容忍错报率 0.05，预计错报率 0.01，样本量 60，抽样间隔 ¥123,456.00，关键项目 2 行（金额 ≥ ¥123,456.00），共抽取 3 行');
    expect(describeAuditEntry({ action: 'sample.draw', target: 'review:local', before: null, after: { ...plan, method: 'random', intervalFen: null, keyItemFen: null, keyItems: [], tolerable: null } }, vocabulary('en')))
      .toBe('Drew a sample: random sampling, seed "audit-2024", confidence 0.95, size 60, 0 key items, 3 rows drawn in all');
    expect(describeAuditEntry({ action: 'sample.clear', target: 'review:local', before: plan, after: null }, vocabulary('en')))
      .toMatch(/^Withdrew the sample \(monetary unit sampling \(MUS\), seed "audit-2024"/);
  });

  it('full values are never cut short', () => {
    expect(fullValue({ a: ['1', 2], b: null }, 'en')).toBe('{a: ["1", 2]; b: none}');
  });
});

describe('audit times for the bureau', () => {
  it('keep the offset they were recorded with, to the second', () => {
    expect(readableTimestamp('2024-10-18T09:20:07+08:00')).toBe('2024-10-18 09:20:07 UTC+08:00');
    expect(readableTimestamp('2024-10-18T09:20:07.123-05:30')).toBe('2024-10-18 09:20:07 UTC-05:30');
    expect(readableTimestamp('not a time')).toBe('not a time');
  });
  it('show a UTC time in the exporting machine\'s local time with its offset', () => {
    expect(readableTimestamp('2024-10-18T01:20:07Z')).toMatch(/^2024-10-1[78] \d{2}:20:07 UTC[+-]\d{2}:\d{2}$/);
  });
});
