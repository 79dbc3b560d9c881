// The workbook as tables: one ExportSheet per sheet the bureau receives. Pure; the XLSX, CSV and
// PDF writers only render what is built here.
import type { EvidenceRef, ExtractedInvoice, InvoiceFields, Proposal, ReconciledRow, ReviewFile } from '../types';
import { formatYuan, tryParseYuan } from '../money';
import {
  type ExportCell, type ExportColumn, type ExportSheet,
  decimalCell, integerCell, moneyCell, ratioCell, textCell, EMPTY_CELL,
} from './cells';
import {
  CHECKLIST_STATE_LABELS, CUT_REASON_LABELS, DECISION_STATUS_LABELS, FINDING_STATUS_LABELS, INVOICE_FIELD_LABELS, METHOD_LABELS,
  ROLE_LABELS, SEVERITY_LABELS, VERDICT_LABELS, invoiceKindLabel, labelOf, readableTimestamp, verdictStateLabel,
} from './labels';
import { describeAuditEntry, type AuditVocabulary } from '../audit/describe';
import { reportVerdictQualifier } from '../engine/verdict-open-work';
import type { ExportDossier } from './model';
import { sampleSheet, SAMPLE_SHEET_NAME } from './sample-sheet';
import { exportMaterials, exportNotice, MATERIAL_STATUS_LABELS, NOTICE_ACTION_LABELS } from './supplement';

export const SHEET_NAMES = {
  summary: '汇总',
  cuts: '核减明细',
  reconciliation: '核查明细',
  sample: SAMPLE_SHEET_NAME,
  invoices: '发票台账',
  findings: '审查发现',
  scores: '专家评分',
  scoreSheet: '专家评分汇总表',
  materials: '材料清单',
  eligibility: '资格条件',
  auditLog: '操作日志',
  files: '文件清单',
  prereview: '形式预审',
  supplement: '补正通知',
} as const;

/** Excel refuses longer cell text. */
const MAX_CELL_TEXT = 32_000;

function column(header: string, kind: ExportColumn['kind'] = 'text'): ExportColumn {
  return { header, kind };
}

function applicantName(dossier: ExportDossier): string {
  return dossier.manifest.applicant.name;
}

/** Fen of a decimal yuan string from a file, or null when it is absent or not an amount. */
function fenOrNull(yuan: string | null | undefined): number | null {
  if (yuan === null || yuan === undefined) return null;
  return tryParseYuan(yuan);
}

function amountCell(yuan: string | null | undefined): ExportCell {
  const fen = fenOrNull(yuan);
  if (fen !== null) return moneyCell(fen);
  return textCell(yuan);
}

/** The threshold ratio ("0.20") as a ratio cell, so the workbook shows 20.00% and can compute with it. */
function thresholdCell(threshold: string): ExportCell {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(threshold);
  if (!match) return textCell(threshold);
  const fraction = match[2] ?? '';
  return ratioCell(threshold, Number(`${match[1]}${fraction}`), 10 ** fraction.length);
}

/** The band, or why there is none: an unfinished score is not a score below the first band. */
function bandLabel(band: string | null, scoreTotal: string | null, missingCriteria: string[]): string | null {
  if (band !== null || scoreTotal === null) return band;
  return missingCriteria.length > 0 ? `评分未完成（${missingCriteria.length} 项未评）` : '低于最低档（不予资助）';
}

export function categoryLabel(dossier: ExportDossier): string {
  const category = dossier.manifest.applicant.category;
  return dossier.profile?.categories?.find((entry) => entry.id === category)?.label ?? category;
}

function reviewerLabel(review: ReviewFile): string {
  return review.reviewer.name;
}

function signedAt(reviews: ReviewFile[]): string {
  return reviews
    .map((review) => review.decision?.signedAt)
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .join('；');
}

/** Excel's cell limit; a longer text keeps its start and says it was cut (the package keeps it whole). */
function limitCellText(text: string): string {
  return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT)}…（全文见审查数据包）` : text;
}

function evidenceText(evidence: { file: string; page?: number }[] | undefined): string {
  return (evidence ?? []).map((item) => (item.page === undefined ? item.file : `${item.file} 第${item.page}页`)).join('；');
}

function summarySheet(dossiers: ExportDossier[]): ExportSheet {
  return {
    name: SHEET_NAMES.summary,
    columns: [
      column('申报单位'), column('统一社会信用代码'), column('项目'), column('类别'),
      column('申报金额', 'money'), column('核减金额', 'money'), column('核定金额', 'money'),
      column('核减比例', 'ratio'), column('核减阈值', 'ratio'), column('结论'), column('结论状态'),
      column('专家评分', 'decimal'), column('档次'), column('奖励上限', 'money'), column('补贴金额', 'money'),
      column('审查人'), column('签署时间'), column('档案编号'),
    ],
    rows: dossiers.map((dossier) => {
      const { report, manifest, panel } = dossier;
      const scoreTotal = panel?.total ?? report.score?.total ?? null;
      const band = panel?.band ?? report.score?.band ?? null;
      return [
        textCell(applicantName(dossier)),
        textCell(manifest.applicant.creditCode),
        textCell(dossier.profile?.name ?? manifest.program),
        textCell(categoryLabel(dossier)),
        moneyCell(report.claimedFen),
        moneyCell(report.cutFen),
        moneyCell(report.approvedFen),
        ratioCell(report.cutRatio, report.cutFen, report.claimedFen),
        thresholdCell(report.threshold),
        textCell(VERDICT_LABELS[report.verdict]),
        textCell(verdictStateLabel(reportVerdictQualifier(report, dossier.reviews))),
        decimalCell(scoreTotal),
        textCell(bandLabel(band, scoreTotal, report.score?.missingCriteria ?? [])),
        moneyCell(panel?.awardCapFen ?? report.score?.awardCapFen ?? null),
        moneyCell(report.subsidy?.subsidyFen ?? null),
        textCell(dossier.reviews.map(reviewerLabel).join('、')),
        textCell(signedAt(dossier.reviews)),
        textCell(dossier.dossierId),
      ];
    }),
  };
}

function cutsSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    const claims = new Map(dossier.manifest.claims.map((claim) => [claim.id, claim]));
    for (const review of dossier.reviews) {
      for (const cut of review.cuts) {
        const claim = claims.get(cut.claimId);
        rows.push([
          textCell(applicantName(dossier)),
          textCell(cut.claimId),
          textCell(claim?.description),
          textCell(claim?.contractNo),
          textCell(claim?.invoiceNumbers?.join('、')),
          amountCell(claim?.amount),
          amountCell(cut.amount),
          textCell(labelOf(CUT_REASON_LABELS, cut.reason)),
          textCell(cut.note),
          textCell(reviewerLabel(review)),
        ]);
      }
    }
  }
  return {
    name: SHEET_NAMES.cuts,
    columns: [
      column('申报单位'), column('申报项'), column('项目内容'), column('合同编号'), column('发票号码'),
      column('申报金额', 'money'), column('核减金额', 'money'), column('核减原因'), column('说明'), column('审查人'),
    ],
    rows,
  };
}

/** Where a piece of evidence was read: "file 第n页". */
function pageText(ref: EvidenceRef): string {
  return `${ref.file} 第${ref.page}页`;
}

function linkedInvoicesText(row: ReconciledRow): string {
  return row.invoices.map((invoice) => `${invoice.invoiceNumber ?? '号码未识别'}${invoice.totalFen === null ? '' : ` ${formatYuan(invoice.totalFen)}元`}${invoice.issueDate ? ` ${invoice.issueDate}` : ''}（${pageText(invoice)}${invoice.kind === 'ticket' ? `；${invoiceKindLabel(invoice.kind)}，不计` : ''}）`).join('；');
}

function linkedContractsText(row: ReconciledRow): string {
  return row.contracts.map((contract) => `${contract.contractNo ?? '编号未识别'}${contract.amountFen === null ? '' : ` ${formatYuan(contract.amountFen)}元`}（${pageText(contract)}）`).join('；');
}

function linkedPaymentsText(row: ReconciledRow): string {
  return row.payments.map((payment) => `${payment.amountFen === null ? '金额未识别' : `${formatYuan(payment.amountFen)}元`}${payment.date ? ` ${payment.date}` : ''}（${pageText(payment)}）`).join('；');
}

const PROPOSAL_DECISION_LABELS: Record<Proposal['status'], string> = { open: '待决定', accepted: '已采纳（核减）', rejected: '未采纳' };

/** Who decided a proposal, the cut it became and the decision's note, from the reviews that decided it. */
function proposalDecision(proposal: Proposal, reviews: ReviewFile[]): { by: string; cutFen: number | null; note: string | null } {
  const by: string[] = [];
  let cutFen: number | null = null;
  let note: string | null = null;
  for (const review of reviews) {
    const cut = review.cuts.find((entry) => entry.proposal === proposal.id);
    const rejected = review.proposals?.[proposal.id];
    if (cut) {
      by.push(reviewerLabel(review));
      cutFen = tryParseYuan(cut.amount);
      note = cut.note ?? null;
    } else if (rejected?.status === 'rejected') {
      by.push(reviewerLabel(review));
      note = rejected.note ?? null;
    }
  }
  return { by: by.join('、'), cutFen, note };
}

/**
 * The 核查明细: each declared row with the evidence linked to it (invoice numbers, contract, bank
 * receipts, each with file and page), the amount that evidence supports, and each proposal with its
 * reason, amount, clause and the reviewer's decision (one line per proposal; one for a row without).
 */
function reconciliationSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    const counterparties = new Map(dossier.manifest.claims.map((claim) => [claim.id, claim.counterparty ?? null]));
    for (const row of dossier.report.reconciliation ?? []) {
      const linkedBy = row.reviewerLinked.length > 0 ? `评审人员指定：${row.reviewerLinked.map((kind) => ({ invoices: '发票', contracts: '合同', payments: '回单' })[kind]).join('、')}` : '自动关联';
      const head = [
        textCell(applicantName(dossier)),
        textCell(row.claimId),
        textCell(counterparties.get(row.claimId) ?? row.counterparty.name),
        moneyCell(row.declaredFen),
        textCell(limitCellText(linkedInvoicesText(row))),
        textCell(limitCellText(linkedContractsText(row))),
        textCell(limitCellText(linkedPaymentsText(row))),
        textCell(linkedBy),
        moneyCell(row.supportedFen),
      ];
      if (row.deferredToNextRound) {
        rows.push([...head, textCell('转下一轮'), EMPTY_CELL, textCell(row.deferredToNextRound.clause), textCell(row.deferredToNextRound.message),
          textCell('转下一轮兑现（不核减，本轮不计补助）'), EMPTY_CELL, EMPTY_CELL, EMPTY_CELL]);
      }
      if (row.proposals.length === 0 && !row.deferredToNextRound) {
        rows.push([...head, textCell('无'), EMPTY_CELL, EMPTY_CELL, textCell('证据支持全额'), textCell('无需决定'), EMPTY_CELL, EMPTY_CELL, EMPTY_CELL]);
      }
      for (const proposal of row.proposals) {
        const decision = proposalDecision(proposal, dossier.reviews);
        rows.push([
          ...head,
          textCell(labelOf(CUT_REASON_LABELS, proposal.reason)),
          moneyCell(proposal.amountFen),
          textCell(proposal.clause),
          textCell(proposal.message),
          textCell(PROPOSAL_DECISION_LABELS[proposal.status]),
          moneyCell(proposal.status === 'accepted' ? decision.cutFen ?? proposal.amountFen : null),
          textCell(decision.note === proposal.message ? null : decision.note),
          textCell(decision.by),
        ]);
      }
    }
  }
  return {
    name: SHEET_NAMES.reconciliation,
    columns: [
      column('申报单位'), column('申报行'), column('交易对方'), column('申报金额', 'money'), column('关联发票'), column('关联合同'), column('关联银行回单'),
      column('关联方式'), column('证据支持金额', 'money'), column('核减建议'), column('建议金额', 'money'), column('依据条款'), column('建议理由'),
      column('审查决定'), column('核减金额', 'money'), column('决定说明'), column('决定人'),
    ],
    rows,
  };
}

type ScalarField = Exclude<keyof InvoiceFields, 'items'>;

/** The invoice's fields with every reviewer's confirmed or corrected values applied, in review order. */
function confirmedFields(file: string, invoice: ExtractedInvoice, reviews: ReviewFile[]) {
  const fields: InvoiceFields = { ...invoice.fields };
  const confirmedBy = new Set<string>();
  for (const review of reviews) {
    for (const entry of review.fields) {
      if (entry.file !== file || entry.page !== invoice.page) continue;
      confirmedBy.add(reviewerLabel(review));
      if (entry.field !== 'items' && entry.field in fields) fields[entry.field as ScalarField] = entry.value;
    }
  }
  return { fields, confirmedBy: [...confirmedBy] };
}

function invoicesSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    for (const extraction of dossier.extractions) {
      for (const invoice of extraction.invoices) {
        const { fields, confirmedBy } = confirmedFields(extraction.file, invoice, dossier.reviews);
        rows.push([
          textCell(applicantName(dossier)),
          textCell(extraction.file),
          integerCell(invoice.page),
          textCell(invoiceKindLabel(invoice.kind)),
          textCell(fields.invoiceCode),
          textCell(fields.invoiceNumber),
          textCell(fields.issueDate),
          textCell(fields.buyerName),
          textCell(fields.buyerTaxId),
          textCell(fields.sellerName),
          textCell(fields.sellerTaxId),
          textCell(fields.items.map((item) => item.name).join('；')),
          amountCell(fields.amountExclTax),
          amountCell(fields.taxAmount),
          amountCell(fields.totalAmount),
          textCell(fields.totalInWords),
          textCell(fields.remarks),
          textCell(labelOf(METHOD_LABELS, invoice.method)),
          textCell(confirmedBy.join('、')),
          textCell(invoice.checks.map((check) => `${check.ok ? '✓' : '✗'} ${check.messageZh ?? check.message}`).join('；')),
        ]);
      }
    }
  }
  return {
    name: SHEET_NAMES.invoices,
    columns: [
      column('申报单位'), column('文件'), column('页码', 'integer'), column('票种'), column('发票代码'), column('发票号码'),
      column('开票日期'), column('购买方名称'), column('购买方税号'), column('销售方名称'), column('销售方税号'),
      column('货物或服务名称'), column('金额（不含税）', 'money'), column('税额', 'money'), column('价税合计', 'money'),
      column('价税合计（大写）'), column('备注'), column('识别方式'), column('确认人'), column('校验结果'),
    ],
    rows,
  };
}

function findingsSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    for (const finding of dossier.report.findings) {
      let status = 'open';
      let note: string | undefined;
      const handledBy: string[] = [];
      for (const review of dossier.reviews) {
        const decision = review.findings.find((entry) => entry.id === finding.id);
        if (!decision) continue;
        status = decision.status;
        note = decision.note;
        handledBy.push(reviewerLabel(review));
      }
      rows.push([
        textCell(applicantName(dossier)),
        textCell(finding.id),
        textCell(labelOf(SEVERITY_LABELS, finding.severity)),
        textCell(finding.message),
        textCell(finding.claimId),
        textCell(finding.clause),
        textCell(finding.evidence ? evidenceText([finding.evidence]) : ''),
        textCell(labelOf(FINDING_STATUS_LABELS, status)),
        textCell(note),
        textCell(handledBy.join('、')),
      ]);
    }
  }
  return {
    name: SHEET_NAMES.findings,
    columns: [
      column('申报单位'), column('编号'), column('级别'), column('说明'), column('申报项'), column('依据条款'),
      column('证据'), column('状态'), column('处理意见'), column('处理人'),
    ],
    rows,
  };
}

function scoresSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    const rubric = dossier.profile?.rubric ?? [];
    const criterionIds = [...rubric.map((criterion) => criterion.id)];
    for (const review of dossier.reviews) {
      for (const id of Object.keys(review.scores)) if (!criterionIds.includes(id)) criterionIds.push(id);
    }
    const flagsFor = (reviewer: string | null, criterion: string) =>
      (dossier.panel?.flags ?? [])
        .filter((flag) => (flag.reviewer === undefined || flag.reviewer === reviewer) && (flag.criterion === undefined || flag.criterion === criterion))
        .map((flag) => flag.message)
        .join('；');
    for (const review of dossier.reviews) {
      if (Object.keys(review.scores).length === 0 && !review.conflictOfInterest?.declared) continue;
      for (const id of criterionIds) {
        const criterion = rubric.find((entry) => entry.id === id);
        rows.push([
          textCell(applicantName(dossier)),
          textCell(reviewerLabel(review)),
          textCell(labelOf(ROLE_LABELS, review.reviewer.role)),
          textCell(id),
          textCell(criterion?.label ?? id),
          decimalCell(criterion === undefined ? null : String(criterion.max)),
          decimalCell(review.scores[id]),
          textCell(review.comments?.[id]),
          textCell(review.conflictOfInterest?.declared ? '是' : '否'),
          textCell(review.conflictOfInterest?.note),
          textCell(flagsFor(review.reviewer.name, id)),
        ]);
      }
    }
    const panel = dossier.panel;
    if (panel) {
      for (const id of criterionIds) {
        const criterion = rubric.find((entry) => entry.id === id);
        const resolution = panel.resolutions.find((entry) => entry.criterion === id);
        rows.push([
          textCell(applicantName(dossier)),
          textCell(`合议结果${panel.chair ? `（${panel.chair}）` : ''}`),
          textCell(labelOf(ROLE_LABELS, 'chair')),
          textCell(id),
          textCell(criterion?.label ?? id),
          decimalCell(criterion === undefined ? null : String(criterion.max)),
          decimalCell(panel.scores[id]),
          EMPTY_CELL,
          EMPTY_CELL,
          textCell(resolution ? `组长裁定：${resolution.note}` : ''),
          textCell(flagsFor(null, id)),
        ]);
      }
    }
  }
  return {
    name: SHEET_NAMES.scores,
    columns: [
      column('申报单位'), column('评审专家'), column('角色'), column('指标编号'), column('指标'),
      column('满分', 'decimal'), column('得分', 'decimal'), column('评语'), column('利益冲突'), column('说明'), column('标记'),
    ],
    rows,
  };
}

function signerText(name: string, organisation: string | null): string {
  return organisation ? `${name}（${organisation}）` : name;
}

/**
 * The chair's 专家评分汇总表: per dossier, each expert's score, comment and status per criterion, the
 * expert's total and overall opinion, then the panel's statistics, the chair's summary and a
 * signature row for every expert and the chair.
 */
function scoreSheetSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    const sheet = dossier.scoreSheet;
    if (!sheet) continue;
    const applicant = applicantName(dossier);
    const row = (who: string, what: string, max: string | null, score: ExportCell, text: string | null, status: string | null) =>
      rows.push([textCell(applicant), textCell(who), textCell(what), decimalCell(max), score, textCell(text), textCell(status)]);
    for (const expert of sheet.experts) {
      const who = signerText(expert.name, expert.organisation);
      for (const criterion of sheet.criteria) {
        const score = expert.scores[criterion.id];
        row(who, criterion.label, criterion.max, decimalCell(score), expert.comments[criterion.id] ?? null, score === undefined ? '未打分' : null);
      }
      row(who, '合计', null, decimalCell(expert.total), null, `${expert.status}${expert.outlier ? '；偏离中位数较大' : ''}`);
      row(who, '总体意见', null, EMPTY_CELL, expert.opinion, null);
    }
    for (const criterion of sheet.criteria) row('专家组', `${criterion.label}（平均）`, criterion.max, decimalCell(sheet.criterionMeans[criterion.id]), null, null);
    row('专家组', '平均分', null, decimalCell(sheet.mean), null, null);
    row('专家组', '去掉最高最低分后的平均分', null, decimalCell(sheet.trimmedMean), null, sheet.method === 'trimmed-mean' ? '采用' : '人数不足，不去分');
    row('专家组', '中位数', null, decimalCell(sheet.median), null, null);
    row('专家组', '专家组评分', null, decimalCell(sheet.total), sheet.band ? `分数段 ${sheet.band}` : '低于最低分数段', sheet.unfinished.length > 0 ? '有未完成的评分' : null);
    if (sheet.outliers.length > 0) row('专家组', '偏离中位数较大', null, EMPTY_CELL, sheet.outliers.join('、'), null);
    for (const recusal of sheet.recusals) row(recusal.name, '回避', null, EMPTY_CELL, recusal.note || null, recusal.reason === 'conflict-of-interest' ? '申明利益冲突' : '回避');
    for (const entry of sheet.unfinished) row(entry.name, '未完成', null, EMPTY_CELL, `缺：${entry.missing.join('、')}`, '未完成，专家组评分非最终');
    row(sheet.chair ? `组长 ${sheet.chair}` : '组长', '组长意见', null, EMPTY_CELL, sheet.chairSummary, null);
    for (const signer of sheet.signatures) row(signerText(signer.name, signer.organisation), '签字', null, EMPTY_CELL, signer.signedAt ? `已于 ${signer.signedAt} 签署` : null, '签字：________  日期：________');
  }
  return {
    name: SHEET_NAMES.scoreSheet,
    columns: [column('申报单位'), column('评审专家'), column('项目'), column('满分', 'decimal'), column('得分', 'decimal'), column('评语/意见'), column('状态')],
    rows,
  };
}

function checklistSheet(dossiers: ExportDossier[], group: 'materials' | 'eligibility'): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    const items = dossier.profile?.checklist ?? [];
    const known = new Set(items.map((item) => item.id));
    const listed = items.filter((item) => item.group === group).map((item) => ({ id: item.id, label: item.label }));
    if (group === 'materials') {
      // Items a reviewer ticked that the profile does not list are kept, on the materials sheet.
      for (const review of dossier.reviews) {
        for (const id of Object.keys(review.checklists)) {
          if (!known.has(id) && !listed.some((item) => item.id === id)) listed.push({ id, label: id });
        }
      }
    }
    for (const item of listed) {
      const entries = dossier.reviews.filter((review) => review.checklists[item.id] !== undefined);
      if (entries.length === 0) {
        rows.push([textCell(applicantName(dossier)), textCell(item.id), textCell(item.label), EMPTY_CELL,
          textCell(CHECKLIST_STATE_LABELS.unchecked), EMPTY_CELL, EMPTY_CELL]);
        continue;
      }
      for (const review of entries) {
        const entry = review.checklists[item.id]!;
        rows.push([
          textCell(applicantName(dossier)),
          textCell(item.id),
          textCell(item.label),
          textCell(reviewerLabel(review)),
          textCell(labelOf(CHECKLIST_STATE_LABELS, entry.state)),
          textCell(evidenceText(entry.evidence)),
          textCell(entry.note),
        ]);
      }
    }
  }
  return {
    name: group === 'materials' ? SHEET_NAMES.materials : SHEET_NAMES.eligibility,
    columns: [column('申报单位'), column('编号'), column(group === 'materials' ? '材料' : '条件'), column('审查人'),
      column('状态'), column('证据'), column('说明')],
    rows,
  };
}

/** The workbook's Chinese labels for audit sentences, with the dossier's rubric and checklist items. */
function auditVocabulary(dossier: ExportDossier): AuditVocabulary {
  const items = new Map<string, string>([
    ...(dossier.profile?.rubric ?? []).map((criterion) => [criterion.id, criterion.label] as const),
    ...(dossier.profile?.checklist ?? []).map((item) => [item.id, item.label] as const),
    ...(dossier.profile?.categories ?? []).map((category) => [category.id, category.label] as const),
  ]);
  return {
    language: 'zh',
    field: (name) => labelOf(INVOICE_FIELD_LABELS, name),
    reason: (code) => labelOf(CUT_REASON_LABELS, code),
    item: (id) => items.get(id) ?? id,
    state: (code) => labelOf(DECISION_STATUS_LABELS, code),
  };
}

function auditLogSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  const addChain = (dossier: ExportDossier, source: string, entries: ExportDossier['auditLog']) => {
    const vocabulary = auditVocabulary(dossier);
    for (const entry of entries) {
      rows.push([
        textCell(applicantName(dossier)),
        textCell(source),
        integerCell(entry.seq),
        textCell(readableTimestamp(entry.time)),
        textCell(entry.actor),
        textCell(limitCellText(describeAuditEntry(entry, vocabulary))),
        textCell(entry.action),
        textCell(entry.target),
        textCell(entry.prevHash),
        textCell(entry.hash),
      ]);
    }
  };
  for (const dossier of dossiers) {
    addChain(dossier, '工作台', dossier.auditLog);
    const workstationHead = dossier.auditLog.at(-1)?.hash;
    for (const review of dossier.reviews) {
      const log = review.auditLog ?? [];
      // The workstation's own review carries the same chain as the dossier: list it once.
      if (workstationHead !== undefined && log.at(-1)?.hash === workstationHead) continue;
      addChain(dossier, `评审文件：${reviewerLabel(review)}`, log);
    }
  }
  return {
    name: SHEET_NAMES.auditLog,
    columns: [column('申报单位'), column('来源'), column('序号', 'integer'), column('时间'), column('操作人'), column('操作内容'),
      column('操作代码'), column('对象'), column('前一哈希'), column('哈希')],
    rows,
  };
}

function filesSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    for (const file of dossier.files) {
      const kind = file.refused ? `未导入：${file.refused.map((problem) => `${problem.code}：${problem.message}`).join('；')}` : file.kind;
      rows.push([textCell(applicantName(dossier)), textCell(file.file), textCell(kind), integerCell(file.size), textCell(file.sha256)]);
    }
  }
  return {
    name: SHEET_NAMES.files,
    columns: [column('申报单位'), column('文件'), column('类型'), column('大小（字节）', 'integer'), column('SHA-256')],
    rows,
  };
}

/** Every sheet of the bureau workbook, in order. */
/** The completeness of each material item: found in which files, the checks and their outcome. */
function prereviewSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    for (const material of exportMaterials(dossier)) {
      rows.push([
        textCell(applicantName(dossier)), textCell(material.clause), textCell(material.label), textCell(MATERIAL_STATUS_LABELS[material.status]),
        textCell(limitCellText(material.files.join('；'))),
        textCell(limitCellText(material.checks.map((check) => `${check.ok === true ? '✓' : check.ok === false ? '✗' : '?'} ${check.message}`).join('\n'))),
      ]);
    }
  }
  return { name: SHEET_NAMES.prereview, columns: [column('申报单位'), column('条款'), column('申报材料'), column('状态'), column('文件'), column('检查结果')], rows };
}

/** The 补正通知: what each applicant must supply or correct, numbered, with its clause. */
function supplementSheet(dossiers: ExportDossier[]): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const dossier of dossiers) {
    exportNotice(dossier).forEach((entry, index) => {
      rows.push([textCell(applicantName(dossier)), integerCell(index + 1), textCell(entry.clause), textCell(entry.label), textCell(NOTICE_ACTION_LABELS[entry.action]), textCell(entry.message)]);
    });
  }
  return { name: SHEET_NAMES.supplement, columns: [column('申报单位'), column('序号', 'integer'), column('条款'), column('申报材料'), column('类型'), column('补正事项')], rows };
}

export function buildExportSheets(dossiers: ExportDossier[]): ExportSheet[] {
  return [
    summarySheet(dossiers),
    cutsSheet(dossiers),
    reconciliationSheet(dossiers),
    sampleSheet(dossiers),
    invoicesSheet(dossiers),
    findingsSheet(dossiers),
    scoresSheet(dossiers),
    scoreSheetSheet(dossiers),
    checklistSheet(dossiers, 'materials'),
    checklistSheet(dossiers, 'eligibility'),
    prereviewSheet(dossiers),
    supplementSheet(dossiers),
    auditLogSheet(dossiers),
    filesSheet(dossiers),
  ];
}

export function summaryTable(dossiers: ExportDossier[]): ExportSheet {
  return summarySheet(dossiers);
}

export function cutsTable(dossiers: ExportDossier[]): ExportSheet {
  return cutsSheet(dossiers);
}
