import { describe, expect, it } from 'vitest';
import { buildExportSheets, SHEET_NAMES } from '../../../src-renderer/core/export/tables';
import { escapeFormulaText, isFormulaLike, textCell, type ExportCell, type ExportSheet } from '../../../src-renderer/core/export/cells';
import { sampleDossier } from './fixture';

function sheet(sheets: ExportSheet[], name: string): ExportSheet {
  const found = sheets.find((entry) => entry.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function cellAt(table: ExportSheet, row: number, header: string): ExportCell {
  const index = table.columns.findIndex((column) => column.header === header);
  if (index < 0) throw new Error(`no column ${header} in ${table.name}`);
  return table.rows[row]![index]!;
}

describe('export tables', () => {
  const sheets = buildExportSheets([sampleDossier()]);

  it('builds the fourteen sheets in order', () => {
    expect(sheets.map((entry) => entry.name)).toEqual(['汇总', '核减明细', '核查明细', '抽样方案', '发票台账', '审查发现', '专家评分', '专家评分汇总表', '材料清单', '资格条件', '形式预审', '补正通知', '操作日志', '文件清单']);
  });

  it('every row has one cell per column', () => {
    for (const table of sheets) for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
  });

  it('summary carries amounts in fen, the exact ratio and the verdict', () => {
    const summary = sheet(sheets, SHEET_NAMES.summary);
    expect(summary.rows).toHaveLength(1);
    expect(cellAt(summary, 0, '申报金额')).toEqual({ kind: 'money', fen: 2272000 });
    expect(cellAt(summary, 0, '核减金额')).toEqual({ kind: 'money', fen: 300000 });
    expect(cellAt(summary, 0, '核减比例')).toEqual({ kind: 'ratio', value: '0.1320', numerator: 300000, denominator: 2272000 });
    expect(cellAt(summary, 0, '结论')).toEqual({ kind: 'text', value: '通过' });
    expect(cellAt(summary, 0, '专家评分')).toEqual({ kind: 'decimal', value: '46.75' });
    expect(cellAt(summary, 0, '审查人')).toEqual({ kind: 'text', value: '王审计、李专家、赵专家' });
    expect(cellAt(summary, 0, '核减阈值')).toEqual({ kind: 'ratio', value: '0.20', numerator: 20, denominator: 100 });
  });

  it('says beside the verdict whether it is settled: signed, nothing open, or provisional with what is open', () => {
    expect(cellAt(sheet(sheets, SHEET_NAMES.summary), 0, '结论状态')).toEqual({ kind: 'text', value: '已签署' });
    const dossier = sampleDossier();
    dossier.reviews = dossier.reviews.map(({ decision: _signed, ...review }) => review);
    const proposal = { id: 'C1:amount-mismatch', reason: 'amount-mismatch' as const, amountFen: 400_000, message: '', messageEn: '', evidence: [], status: 'open' as const };
    dossier.report = {
      ...dossier.report,
      reconciliation: [{ claimId: 'C1', declaredFen: 1_272_000, supportedFen: 872_000, counterparty: { name: null, creditCode: null, eligible: null }, reviewerLinked: [], invoices: [], contracts: [], payments: [], proposals: [proposal] }],
      proposedCutFen: 400_000, verdictIfAccepted: 'fail',
    };
    const summary = () => buildExportSheets([dossier])[0]!;
    // F1, an error, carries no decision in the report: open.
    expect(cellAt(summary(), 0, '结论')).toEqual({ kind: 'text', value: '通过' });
    expect(cellAt(summary(), 0, '结论状态')).toEqual({ kind: 'text', value: '暂定：按已确认核减计算；尚有 1 项错误待处理、1 项核减建议未处理；建议全部采纳则不通过' });
    dossier.report = { ...dossier.report, findings: dossier.report.findings.map((finding) => ({ ...finding, status: 'accepted' as const })), reconciliation: [], proposedCutFen: 0, verdictIfAccepted: 'pass' };
    expect(cellAt(summary(), 0, '结论状态')).toEqual({ kind: 'text', value: '确定（无待处理事项）' });
  });

  it('an unfinished score says so in the band column instead of leaving it empty', () => {
    const dossier = sampleDossier();
    dossier.panel = null;
    dossier.report = { ...dossier.report, score: { total: '9.50', band: null, awardCapFen: 0, missingCriteria: ['basic.growth', 'capability.staff'] } };
    expect(cellAt(buildExportSheets([dossier])[0]!, 0, '档次')).toEqual({ kind: 'text', value: '评分未完成（2 项未评）' });
    dossier.report = { ...dossier.report, score: { total: '59.99', band: null, awardCapFen: 0, missingCriteria: [] } };
    expect(cellAt(buildExportSheets([dossier])[0]!, 0, '档次')).toEqual({ kind: 'text', value: '低于最低档（不予资助）' });
  });

  it('cuts list every cut with claim, amount in fen, Chinese reason and reviewer', () => {
    const cuts = sheet(sheets, SHEET_NAMES.cuts);
    expect(cuts.rows).toHaveLength(2);
    expect(cellAt(cuts, 0, '核减金额')).toEqual({ kind: 'money', fen: 200000 });
    expect(cellAt(cuts, 0, '核减原因')).toEqual({ kind: 'text', value: '金额不符' });
    expect(cellAt(cuts, 0, '申报金额')).toEqual({ kind: 'money', fen: 1000000 });
    expect(cellAt(cuts, 1, '审查人')).toEqual({ kind: 'text', value: '王审计' });
  });

  it('keeps text as it reads (each writer neutralises formulas its own way) and knows what a spreadsheet would run', () => {
    const cuts = sheet(sheets, SHEET_NAMES.cuts);
    expect(cellAt(cuts, 1, '说明')).toEqual({ kind: 'text', value: '=HYPERLINK("http://evil","x")' });
    expect(cellAt(cuts, 0, '项目内容')).toEqual({ kind: 'text', value: '-云资源租用' });
    for (const trigger of ['=', '+', '-', '@', '\t', '\r', '\n', ' =', '\u3000=', '  @', '\u00a0+', '＝', '\t=']) {
      expect(isFormulaLike(`${trigger}1+1`)).toBe(true);
      expect(escapeFormulaText(`${trigger}1+1`)).toBe(`'${trigger}1+1`);
    }
    expect(escapeFormulaText('深圳=1')).toBe('深圳=1');
    expect(isFormulaLike('1 - 2')).toBe(false);
  });

  it('shows bidi controls, zero-width characters and NUL in every text cell as 〔U+XXXX〕', () => {
    expect(textCell('\u202Eexe.tset')).toEqual({ kind: 'text', value: '〔U+202E〕exe.tset' });
    expect(textCell('a\u0000b\u200Bc\u2066d\uFEFF')).toEqual({ kind: 'text', value: 'a〔U+0000〕b〔U+200B〕c〔U+2066〕d〔U+FEFF〕' });
    expect(textCell('第一行\n第二行\t制表')).toEqual({ kind: 'text', value: '第一行\n第二行\t制表' });
  });

  it('the invoice ledger applies reviewer corrections and names who confirmed', () => {
    const invoices = sheet(sheets, SHEET_NAMES.invoices);
    expect(invoices.rows).toHaveLength(2);
    expect(cellAt(invoices, 1, '销售方名称')).toEqual({ kind: 'text', value: '广州市云服务示例有限公司' });
    expect(cellAt(invoices, 1, '确认人')).toEqual({ kind: 'text', value: '王审计' });
    expect(cellAt(invoices, 1, '识别方式')).toEqual({ kind: 'text', value: 'OCR识别' });
    expect(cellAt(invoices, 0, '价税合计')).toEqual({ kind: 'money', fen: 1272000 });
    expect(cellAt(invoices, 0, '确认人')).toEqual({ kind: 'empty' });
  });

  it('findings carry the reviewers’ status', () => {
    const findings = sheet(sheets, SHEET_NAMES.findings);
    expect(cellAt(findings, 0, '状态')).toEqual({ kind: 'text', value: '已采纳' });
    expect(cellAt(findings, 1, '状态')).toEqual({ kind: 'text', value: '待处理' });
    expect(cellAt(findings, 1, '说明')).toEqual({ kind: 'text', value: '@联系人与其他申报单位相同' });
  });

  it('scores list each expert per criterion, conflicts, flags and the panel result', () => {
    const scores = sheet(sheets, SHEET_NAMES.scores);
    // two experts × two criteria, then the panel's two rows; the auditor scored nothing.
    expect(scores.rows).toHaveLength(6);
    expect(cellAt(scores, 1, '得分')).toEqual({ kind: 'decimal', value: '30.5' });
    expect(cellAt(scores, 2, '利益冲突')).toEqual({ kind: 'text', value: '是' });
    expect(cellAt(scores, 2, '标记')).toEqual({ kind: 'text', value: '赵专家申明利益冲突' });
    expect(cellAt(scores, 4, '评审专家')).toEqual({ kind: 'text', value: '合议结果（陈组长）' });
    expect(cellAt(scores, 4, '说明')).toEqual({ kind: 'text', value: '组长裁定：取两位专家平均' });
  });

  it('splits the checklists into materials and eligibility', () => {
    const materials = sheet(sheets, SHEET_NAMES.materials);
    const eligibility = sheet(sheets, SHEET_NAMES.eligibility);
    expect(materials.rows.map((row) => row[1])).toEqual([{ kind: 'text', value: 'material-1' }, { kind: 'text', value: 'material-2' }]);
    expect(cellAt(materials, 0, '证据')).toEqual({ kind: 'text', value: 'application.pdf 第3页' });
    expect(cellAt(materials, 1, '状态')).toEqual({ kind: 'text', value: '未核查' });
    expect(cellAt(eligibility, 0, '状态')).toEqual({ kind: 'text', value: '不符合' });
    expect(cellAt(eligibility, 0, '说明')).toEqual({ kind: 'text', value: '+成立不足三年' });
  });

  it('audit log and file list', () => {
    const log = sheet(sheets, SHEET_NAMES.auditLog);
    expect(log.rows).toHaveLength(3);
    expect(cellAt(log, 2, '时间')).toEqual({ kind: 'text', value: '2024-10-18 09:20:00 UTC+08:00' });
    expect(cellAt(log, 2, '操作内容')).toEqual({ kind: 'text', value: 'cut.add（C2）：无 → {amount: “2000.00”；reason: “amount-mismatch”}' });
    expect(log.columns.map((c) => c.header)).not.toContain('修改前');
    const files = sheet(sheets, SHEET_NAMES.files);
    expect(cellAt(files, 0, 'SHA-256')).toEqual({ kind: 'text', value: 'a'.repeat(64) });
    expect(cellAt(files, 0, '大小（字节）')).toEqual({ kind: 'integer', value: 20430 });
  });
});
