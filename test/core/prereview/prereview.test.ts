import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  characterCount, documentDate, effectiveKind, evaluatePrereview, isEvidenceDocument, rankRecognitions, reportYears, type DocumentReading,
} from '../../../src-renderer/core/prereview';
import { parseProfile } from '../../../src-renderer/core/profiles';
import type { Applicant, DocumentKind, ReviewFile } from '../../../src-renderer/core/types';
import { profile, review } from '../engine/builders';

const SHENZHEN = profile('shenzhen-2024-dsp');
const GUANGZHOU = profile('guangzhou-2020-voucher');
const SHENZHEN_RAW: unknown = JSON.parse(readFileSync('resources/profiles/shenzhen-2024-dsp.json', 'utf8'));

function reading(file: string, text: string | string[], extra: Partial<DocumentReading> = {}): DocumentReading {
  const pages = (Array.isArray(text) ? text : [text]).map((page, index) => ({ page: index + 1, text: page, method: 'text' as const }));
  return { file, type: 'pdf', size: 100_000, pageCount: pages.length, pages, table: null, error: null, ...extra };
}

function table(file: string, rows: string[][]): DocumentReading {
  return { file, type: 'csv', size: 2_000, pageCount: 1, pages: [{ page: 1, text: rows.map((row) => row.join(' ')).join('\n'), method: 'table' }], table: rows, error: null };
}

const APPLICANT: Applicant = { name: '深圳市云帆数字科技有限公司', category: 'comprehensive', registeredIn: 'shenzhen' };

const TEXTS = {
  application: '深圳市中小企业服务局2024年度中小企业数字化服务商扶持计划申请书 申报单位：深圳市云帆数字科技有限公司 申报类别：综合服务商 联系人：陈敏',
  licence: '营业执照 （副本） 统一社会信用代码 91440300MA5FTEST01 名称 深圳市云帆数字科技有限公司 注册资本 伍仟万元 成立日期 2016年03月18日 经营范围 软件开发 登记机关 深圳市市场监督管理局',
  lease: '房屋租赁合同 出租方（甲方）：深圳市福田物业有限公司 承租方（乙方）：广州云帆科技有限公司 租赁期限 2023年1月1日至2025年12月31日 租赁面积 800平方米 经营场所 深圳市福田区',
  audit: (year: number) => `审计报告 深瑞会审字[${year + 1}]第0${year}号 深圳市云帆数字科技有限公司全体股东：一、审计意见 我们审计了后附的财务报表，包括${year}年12月31日的资产负债表、${year}年度的利润表 深圳瑞华会计师事务所 中国注册会计师 ${year + 1}年4月12日`,
  credit: (date: string) => `信用中国 公共信用信息报告 （企业版） 深圳市云帆数字科技有限公司 报告生成时间：${date} 行政处罚信息 无 严重失信主体名单 无`,
  plan: (body: string) => `下一步开展中小企业数字化转型服务计划 一、技术创新 二、产品升级 三、生态合作 ${body}`,
};

function run(readings: DocumentReading[], options: { applicant?: Applicant; kinds?: Record<string, DocumentKind>; review?: ReviewFile; profile?: typeof SHENZHEN } = {}) {
  return evaluatePrereview({
    profile: options.profile ?? SHENZHEN,
    applicant: options.applicant ?? APPLICANT,
    documents: readings.map((entry) => ({ file: entry.file, kind: options.kinds?.[entry.file] ?? 'other' })),
    readings: new Map(readings.map((entry) => [entry.file, entry])),
    review: options.review ?? null,
  });
}

function statusOf(result: ReturnType<typeof run>, item: string) {
  return result.materials.find((entry) => entry.item === item)!;
}

describe('text helpers', () => {
  it('reads the years a report covers, not the year its opinion was signed (also in Chinese numerals)', () => {
    expect(reportYears(TEXTS.audit(2022))).toEqual([2022]);
    expect(reportYears('截至二〇二一年十二月三十一日 2021 年 12 月 31 日 资产负债表 报告日期 二〇二二年三月一日')).toEqual([2021]);
    expect(reportYears('2021年度、2022年度及2023年度财务报表')).toEqual([2021, 2022, 2023]);
  });
  it('dates a document by the date after its label, else by its latest date', () => {
    expect(documentDate('查询编号 2024-01-01 报告生成时间：2024年09月15日', ['报告生成时间'])).toEqual({ date: '2024-09-15', label: '报告生成时间' });
    expect(documentDate('2024/03/02 至 2024.09.20', ['报告生成时间'])).toEqual({ date: '2024-09-20', label: null });
    expect(documentDate('无日期', ['报告生成时间'])).toBeNull();
  });
  it('counts characters without white space', () => {
    expect(characterCount('一二 三\nab c')).toBe(6);
  });
});

describe('classification by content', () => {
  it('places each document in its material item, whatever its file name', () => {
    const result = run([
      reading('scan0001.pdf', TEXTS.application),
      reading('scan0002.pdf', TEXTS.licence),
      reading('scan0003.pdf', TEXTS.audit(2023)),
      reading('scan0004.pdf', TEXTS.credit('2024-09-15')),
    ]);
    expect(result.documents.map((document) => [document.file, document.material, document.type, document.source])).toEqual([
      ['scan0001.pdf', 'm01-application', 'application-form', 'content'],
      ['scan0002.pdf', 'm02-1-business-licence', 'business-licence', 'content'],
      ['scan0003.pdf', 'm03-audit-reports', 'audit-report', 'content'],
      ['scan0004.pdf', 'm04-credit-report', 'credit-report', 'content'],
    ]);
  });
  it('a phrase in the title counts twice; a document under every minimum is left unclassified with a finding', () => {
    const ranked = rankRecognitions(reading('a.pdf', '营业执照 统一社会信用代码'), SHENZHEN, APPLICANT.name);
    expect(ranked[0]).toMatchObject({ type: 'business-licence', score: 24 });
    expect(rankRecognitions(reading('b.pdf', '正文 营业执照'.padStart(120, '。')), SHENZHEN, APPLICANT.name)).toEqual([]);
    const result = run([reading('scan0009.pdf', '会议纪要 参会人员 讨论事项')]);
    expect(result.documents[0]).toMatchObject({ material: null, source: 'none' });
    expect(result.findings.map((finding) => finding.id)).toContain('document-unclassified:scan0009.pdf');
  });
  it('a spreadsheet is never taken for an invoice, even with invoice columns in its header', () => {
    const result = run([table('data.csv', [['序号', '客户名称', '合同名称', '发票号码', '开票日期', '发票金额', '收款金额'], ['1', '深圳市甲公司', 'MES', '24442000000000000001', '2023-03-01', '100.00', '100.00']])]);
    expect(result.documents[0]).toMatchObject({ material: 'm09-revenue-list', type: 'revenue-list' });
  });
  it('a kind the manifest gives is checked against the content; a disagreement is a finding', () => {
    const result = run([reading('02.pdf', TEXTS.credit('2024-09-15'))], { kinds: { '02.pdf': 'audit-report' } });
    expect(result.documents[0]).toMatchObject({ material: 'm04-credit-report', kind: 'audit-report', manifestKind: 'audit-report' });
    expect(result.findings).toContainEqual(expect.objectContaining({ id: 'document-kind-mismatch:02.pdf', severity: 'warning' }));
    const agreeing = run([reading('02.pdf', TEXTS.credit('2024-09-15'))], { kinds: { '02.pdf': 'credit-report' } });
    expect(agreeing.findings.map((finding) => finding.rule)).not.toContain('document-kind-mismatch');
  });
  it('a file listed without a kind or as other that reads as an invoice, receipt or contract is evidence to extract; a listed kind stays the kind', () => {
    const invoice = reading('scan0007.pdf', '电子发票（增值税专用发票） 发票号码 24442000000510009123 开票日期 2023年07月18日 购买方 销售方 价税合计 开票人 刘芳');
    const receipt = reading('IMG_0001.pdf', '中国工商银行 电子回单 付款人户名 收款人户名 金额 人民币 2,250,000.00 元 交易流水号 ICBC20230802000311 转账支付');
    const plan = reading('scan0009.pdf', TEXTS.plan('计划正文'));
    const result = run([invoice, receipt, plan], { kinds: { 'IMG_0001.pdf': 'other' } });
    const placed = new Map(result.documents.map((document) => [document.file, document]));
    expect(placed.get('scan0007.pdf')).toMatchObject({ kind: 'invoice', contentKind: 'invoice', material: 'm09-revenue-list' });
    expect(placed.get('IMG_0001.pdf')).toMatchObject({ kind: 'payment', contentKind: 'payment', material: 'm09-revenue-list' });
    expect(isEvidenceDocument('other', placed.get('scan0007.pdf'))).toBe(true);
    expect(isEvidenceDocument('other', placed.get('IMG_0001.pdf'))).toBe(true);
    expect(isEvidenceDocument('other', placed.get('scan0009.pdf'))).toBe(false);
    expect(isEvidenceDocument('invoice', undefined)).toBe(true);
    expect(effectiveKind('other', placed.get('scan0007.pdf'))).toBe('invoice');
    expect(effectiveKind('other', placed.get('scan0009.pdf'))).toBe('other');
    // A contract the manifest calls an invoice is still read for its evidence (the kind disagreement is a finding).
    const mislisted = run([reading('01.pdf', '技术服务合同 合同编号 HT2023-042 甲方 乙方 服务内容 合同金额 2,250,000.00')], { kinds: { '01.pdf': 'certificate' } });
    expect(mislisted.documents[0]).toMatchObject({ kind: 'certificate', contentKind: 'contract' });
    expect(isEvidenceDocument('certificate', mislisted.documents[0])).toBe(true);
    expect(effectiveKind('certificate', mislisted.documents[0])).toBe('certificate');
  });
  it('an unreadable file falls back on the manifest kind and is reported', () => {
    const result = run([{ ...reading('x.pdf', ''), pages: [], error: 'the PDF is encrypted' }], { kinds: { 'x.pdf': 'audit-report' } });
    expect(result.documents[0]).toMatchObject({ material: 'm03-audit-reports', source: 'manifest' });
    expect(result.findings.map((finding) => finding.id)).toContain('document-unreadable:x.pdf');
    expect(statusOf(result, 'm03-audit-reports').status).toBe('doubtful');
  });
  it("the reviewer's correction wins over the content, and the content's reading is kept beside it", () => {
    const reviewFile = review('shenzhen-2024-dsp', [], {}, { classifications: { 'scan0002.pdf': { material: 'm06-honours', type: 'honour-certificate' } } });
    const result = evaluatePrereview({
      profile: SHENZHEN, applicant: APPLICANT, documents: [{ file: 'scan0002.pdf', kind: 'other' }],
      readings: new Map([['scan0002.pdf', reading('scan0002.pdf', TEXTS.licence)]]), corrections: { 'scan0002.pdf': { material: 'm06-honours', type: 'honour-certificate' } }, review: reviewFile,
    });
    expect(result.documents[0]).toMatchObject({ material: 'm06-honours', source: 'reviewer', contentSuggests: { material: 'm02-1-business-licence' } });
  });
});

describe('checks at their boundaries', () => {
  it('audit reports: one for each of 2021, 2022 and 2023; one report for one year does not satisfy three', () => {
    const one = run([reading('a.pdf', TEXTS.audit(2023))]);
    expect(statusOf(one, 'm03-audit-reports')).toMatchObject({ status: 'doubtful' });
    expect(one.notice.find((entry) => entry.item === 'm03-audit-reports')?.zh).toContain('缺少2021年度、2022年度的报告');
    const three = run([reading('a.pdf', TEXTS.audit(2021)), reading('b.pdf', TEXTS.audit(2022)), reading('c.pdf', TEXTS.audit(2023))]);
    expect(statusOf(three, 'm03-audit-reports').status).toBe('present');
    expect(three.notice.map((entry) => entry.item)).not.toContain('m03-audit-reports');
    const combined = run([reading('a.pdf', `${TEXTS.audit(2023)} 比较期间 2021年度 2022年度 财务报表`)]);
    expect(statusOf(combined, 'm03-audit-reports').status).toBe('present');
  });
  it('credit report: dated on the first and the last day of the window passes, a day outside fails', () => {
    for (const [date, ok] of [['2024-09-12', true], ['2024-10-10', true], ['2024-09-11', false], ['2024-10-11', false]] as const) {
      const result = run([reading('c.pdf', TEXTS.credit(date))]);
      expect(statusOf(result, 'm04-credit-report').checks[0]!.ok, date).toBe(ok);
      expect(result.notice.some((entry) => entry.item === 'm04-credit-report'), date).toBe(!ok);
    }
    const undated = run([reading('c.pdf', '信用中国 公共信用信息报告 信用报告')]);
    expect(statusOf(undated, 'm04-credit-report')).toMatchObject({ status: 'doubtful', checks: [expect.objectContaining({ ok: null })] });
    expect(undated.notice).toEqual(expect.not.arrayContaining([expect.objectContaining({ item: 'm04-credit-report' })]));
  });
  it('(十四) the plan: 3000 characters pass, 3001 fail', () => {
    const header = TEXTS.plan('');
    const filler = (count: number) => '服'.repeat(count - characterCount(header));
    expect(statusOf(run([reading('p.pdf', TEXTS.plan(filler(3000)))]), 'm14-service-plan').checks[0]!.ok).toBe(true);
    const over = run([reading('p.pdf', TEXTS.plan(filler(3001)))]);
    expect(statusOf(over, 'm14-service-plan').checks[0]).toMatchObject({ ok: false });
    expect(over.notice.find((entry) => entry.item === 'm14-service-plan')?.zh).toContain('3001 字，超过3000字');
  });
  it('附件5: template columns, the total row against the rows, and the total against the revenue threshold', () => {
    const header = ['序号', '客户名称', '合同编号', '发票号码', '收入金额（元）'];
    const rows = (amounts: string[], total: string) => [['附件5 2023年服务深圳市内中小企业数字化转型相关业务收入清单'], header,
      ...amounts.map((amount, index) => [String(index + 1), `深圳市客户${index}有限公司`, `HT-${index}`, `2444200000000000000${index}`, amount]), ['合计', '', '', '', total]];
    const atThreshold = run([table('l.csv', rows(['100000000.00', '200000000.00'], '300000000.00'))]);
    expect(statusOf(atThreshold, 'm09-revenue-list').checks.map((check) => check.ok)).toEqual([true, true, true]);
    const below = run([table('l.csv', rows(['100000000.00', '199999999.99'], '299999999.99'))]);
    expect(statusOf(below, 'm09-revenue-list').checks.map((check) => check.ok)).toEqual([true, true, false]);
    const badTotal = run([table('l.csv', rows(['100000000.00', '200000000.00'], '300000000.01'))]);
    expect(statusOf(badTotal, 'm09-revenue-list').checks[1]).toMatchObject({ ok: false });
    const nonComprehensive = run([table('l.csv', rows(['8000000.00'], '8000000.00'))], { applicant: { ...APPLICANT, category: 'non-comprehensive' } });
    expect(statusOf(nonComprehensive, 'm09-revenue-list').checks.at(-1)).toMatchObject({ ok: true, clause: '四(二)4' });
    const noColumns = run([table('l.csv', [['附件5 业务收入清单'], ['序号', '客户名称', '备注'], ['1', '甲', '']])]);
    expect(statusOf(noColumns, 'm09-revenue-list').checks[0]).toMatchObject({ ok: false });
    expect(statusOf(noColumns, 'm09-revenue-list').checks[0]!.zh).toContain('合同名称或编号、发票号码、收入金额（元）');
  });
  it('附件6: distinct Shenzhen SMEs against 2000 for a comprehensive provider', () => {
    const list = (count: number) => [['附件6 2023年服务深圳市内中小企业清单'], ['序号', '企业名称', '统一社会信用代码', '服务内容'],
      ...Array.from({ length: count }, (_, index) => [String(index + 1), `企业${index}`, `91440300${String(index).padStart(10, '0')}`, 'MES'])];
    expect(statusOf(run([table('c.csv', list(2000))]), 'm10-customer-list').checks.at(-1)).toMatchObject({ ok: true });
    const short = run([table('c.csv', list(1999))]);
    expect(statusOf(short, 'm10-customer-list').checks.at(-1)).toMatchObject({ ok: false });
    expect(short.notice.find((entry) => entry.item === 'm10-customer-list')?.zh).toContain('清单所列企业数 1999 低于');
  });
  it('(二)1 or (二)2 by registration place: one certificate never satisfies both', () => {
    const inShenzhen = run([reading('l.pdf', TEXTS.licence)]);
    expect(statusOf(inShenzhen, 'm02-1-business-licence').status).toBe('present');
    expect(statusOf(inShenzhen, 'm02-2-premises-proof').status).toBe('not-required');
    const leaseOnly = run([reading('r.pdf', TEXTS.lease)]);
    expect(statusOf(leaseOnly, 'm02-1-business-licence').status).toBe('missing');
    expect(leaseOnly.findings.map((finding) => finding.id)).toContain('material-not-applicable:m02-2-premises-proof:r.pdf');
    const elsewhere = run([reading('l.pdf', TEXTS.licence)], { applicant: { ...APPLICANT, registeredIn: 'guangzhou' } });
    expect(statusOf(elsewhere, 'm02-2-premises-proof').status).toBe('missing');
    expect(elsewhere.notice.map((entry) => entry.item)).toContain('m02-2-premises-proof');
    expect(elsewhere.notice.map((entry) => entry.item)).not.toContain('m02-1-business-licence');
    const unknownPlace = run([reading('r.pdf', TEXTS.lease)], { applicant: { name: APPLICANT.name, category: 'comprehensive' } });
    expect(statusOf(unknownPlace, 'm02-2-premises-proof').status).toBe('present');
    expect(statusOf(unknownPlace, 'm02-1-business-licence').status).toBe('not-required');
  });
  it('(十五) comprehensive only, (十六) non-comprehensive only', () => {
    const comprehensive = run([reading('a.pdf', TEXTS.application)]);
    expect(comprehensive.notice.map((entry) => entry.item)).toContain('m15-ecosystem-products');
    expect(comprehensive.notice.map((entry) => entry.item)).not.toContain('m16-sector-solutions');
    const other = run([reading('a.pdf', TEXTS.application)], { applicant: { ...APPLICANT, category: 'non-comprehensive' } });
    expect(other.notice.map((entry) => entry.item)).toContain('m16-sector-solutions');
    expect(other.notice.map((entry) => entry.item)).not.toContain('m15-ecosystem-products');
  });
  it('Guangzhou uploads: pdf/jpg/png at most 5 MB, multi-page material as one PDF', () => {
    const licence = (file: string, extra: Partial<DocumentReading>) => ({ ...reading(file, TEXTS.licence), ...extra });
    const exactly = run([licence('l.pdf', { size: 5 * 1024 * 1024 })], { profile: GUANGZHOU, applicant: { name: '甲', category: 'sme' } });
    expect(statusOf(exactly, 'business-licence')).toMatchObject({ status: 'present', checks: [] });
    const over = run([licence('l.pdf', { size: 5 * 1024 * 1024 + 1 })], { profile: GUANGZHOU, applicant: { name: '甲', category: 'sme' } });
    expect(statusOf(over, 'business-licence').checks[0]).toMatchObject({ ok: false, clause: '附件2 二(六)2、4' });
    const tiff = run([licence('l.tif', { type: 'ofd' })], { profile: GUANGZHOU, applicant: { name: '甲', category: 'sme' } });
    expect(statusOf(tiff, 'business-licence').checks[0]!.zh).toContain('应为 pdf、jpg、png');
    const pages = run([licence('p1.jpg', { type: 'jpg' }), licence('p2.jpg', { type: 'jpg' })], { profile: GUANGZHOU, applicant: { name: '甲', category: 'sme' } });
    expect(statusOf(pages, 'business-licence').checks).toEqual([expect.objectContaining({ ok: false, zh: expect.stringContaining('合并为一个PDF') })]);
    // A photo and a scan of one licence are two pages whatever their formats; a WEBP page is a picture too (and no format the notice allows).
    const mixed = run([licence('p1.jpg', { type: 'jpg' }), licence('p2.png', { type: 'png' }), licence('p3.webp', { type: 'webp' })], { profile: GUANGZHOU, applicant: { name: '甲', category: 'sme' } });
    const mixedChecks = statusOf(mixed, 'business-licence').checks;
    expect(mixedChecks.filter((check) => check.zh.includes('合并为一个PDF'))).toEqual([expect.objectContaining({ ok: false, zh: expect.stringContaining('现为 3 个图片文件（p1.jpg、p2.png、p3.webp）') })]);
    expect(mixedChecks.filter((check) => check.zh.includes('应为 pdf、jpg、png')).map((check) => check.zh)).toEqual(['p3.webp：格式为 webp，应为 pdf、jpg、png']);
    const onePicture = run([licence('l.pdf', {}), licence('p1.png', { type: 'png' })], { profile: GUANGZHOU, applicant: { name: '甲', category: 'sme' } });
    expect(statusOf(onePicture, 'business-licence').checks).toEqual([]);
  });
  it("the reviewer's checklist decides: met clears the item, not-met puts it in the notice", () => {
    const met = run([], { review: review('shenzhen-2024-dsp', [], {}, { checklists: { 'm05-listing-investment': { state: 'met' } } }) });
    expect(statusOf(met, 'm05-listing-investment').status).toBe('present');
    const notMet = run([reading('a.pdf', TEXTS.application)], { review: review('shenzhen-2024-dsp', [], {}, { checklists: { 'm01-application': { state: 'not-met', note: '未加盖公章' } } }) });
    expect(notMet.notice.find((entry) => entry.item === 'm01-application')?.zh).toContain('未加盖公章');
  });
  it('a dossier listing no files reports nothing missing (an audit of its claims only)', () => {
    const result = evaluatePrereview({ profile: SHENZHEN, applicant: APPLICANT, documents: [], readings: null });
    expect(result.notice).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});

describe('profile data', () => {
  it('every material item of every bundled profile can be recognised by content, and each rule cites its clause', () => {
    for (const id of ['shenzhen-2024-dsp', 'guangzhou-2020-voucher', 'shandong-2022-voucher', 'shandong-2023-voucher', 'shanxi-2024-voucher']) {
      for (const item of profile(id).materials) {
        expect(item.recognize?.length, `${id} ${item.id}`).toBeGreaterThan(0);
        for (const check of item.checks ?? []) expect(check.clause).not.toBe('');
      }
    }
  });
  it('a check naming a document type the item does not recognise is refused with its path', () => {
    const raw = JSON.parse(JSON.stringify(SHENZHEN_RAW));
    raw.materials[3].checks[0].documentType = 'credit-report';
    expect(() => parseProfile(raw, 'custom.json')).toThrow(/materials\[3\]\.checks\[0\]: documentType "credit-report"/);
  });
});
