// The printable review sheet (评审意见表) of one dossier as PDF, with its Chinese text embedded as
// a subset of Noto Sans SC: applicant, program, totals, verdict, score table, findings, cuts,
// reviewers and signature lines. pdfkit runs in Node (its node build) and in the browser (its
// browser build, chosen by the package's export conditions); the caller supplies the font bytes.
import PDFDocument from 'pdfkit';
import { placeName } from '../core/places';
import { formatCny, tryParseYuan } from '../core/money';
import type { ExportDossier } from '../core/export/model';
import type { ScoreSheet } from '../core/panel/score-sheet';
import type { ReviewFile } from '../core/types';
import { categoryLabel } from '../core/export/tables';
import { projectReviewPlan, samplePlanMethodText, sampleVerdictText } from '../core/export/sample-sheet';
import type { SamplePlan } from '../core/sampling';
import { exportMaterials, exportNotice, MATERIAL_STATUS_LABELS, NOTICE_ACTION_LABELS } from '../core/export/supplement';
import { revealInvisible } from '../core/visible-text';
import { reportVerdictQualifier } from '../core/engine/verdict-open-work';
import {
  CUT_REASON_LABELS, FINDING_STATUS_LABELS, ROLE_LABELS, SEVERITY_LABELS, labelOf, qualifiedVerdictLabel,
} from '../core/export/labels';

export const PDF_MEDIA_TYPE = 'application/pdf';
/** Where the font lives: node_modules in Node, resources/vendor (see scripts/vendor-assets.mjs) in the app. */
export const CJK_FONT_MODULE_PATH = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
export { CJK_FONT_ASSET } from './fonts';

type Doc = InstanceType<typeof PDFDocument>;

const PAGE_MARGIN = 50;
const BODY_SIZE = 10;

/** "0.2000" → "20.00%" by moving the decimal point (exact, no floating point). */
export function ratioAsPercent(ratio: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(ratio);
  if (!match) return ratio;
  const digits = `${match[1]}${(match[2] ?? '').padEnd(4, '0')}`;
  const whole = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  return `${whole}.${digits.slice(-2)}%`;
}

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

function amountText(yuan: string): string {
  const fen = tryParseYuan(yuan);
  return fen === null ? yuan : formatCny(fen);
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - PAGE_MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.6);
  doc.fontSize(12).text(text, PAGE_MARGIN, doc.y);
  doc.moveDown(0.2);
  doc.fontSize(BODY_SIZE);
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Section headings numbered 一、二、… in the order they are printed, so a section left out leaves no gap. */
function sectionHeadings(doc: Doc): (title: string) => void {
  let printed = 0;
  return (title) => {
    heading(doc, `${SECTION_NUMERALS[printed] ?? String(printed + 1)}、${title}`);
    printed += 1;
  };
}

/** Characters of a cell printed before it is cut: a row stays within a page; the package holds the full value. */
export const MAX_CELL_CHARACTERS = 400;

/** A cell as printed: invisible and reordering characters shown as 〔U+XXXX〕, a long value cut with a note. */
export function printableCell(text: string): string {
  const shown = [...revealInvisible(text)];
  if (shown.length <= MAX_CELL_CHARACTERS) return shown.join('');
  return `${shown.slice(0, MAX_CELL_CHARACTERS).join('')}…（共 ${shown.length} 字，全文见 JSON 数据包）`;
}

/** A ruled table; rows grow to their tallest cell and break across pages. */
function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const left = PAGE_MARGIN;
  const padding = 3;
  const drawRow = (raw: string[], bold: boolean) => {
    const cells = raw.map(printableCell);
    doc.fontSize(bold ? BODY_SIZE : BODY_SIZE - 1);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - padding * 2 }));
    const height = Math.max(...heights, doc.currentLineHeight()) + padding * 2;
    ensureSpace(doc, height);
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const column = columns[i]!;
      doc.rect(x, top, column.width, height).stroke('#888888');
      doc.fillColor('#000000').text(cell, x + padding, top + padding, { width: column.width - padding * 2, align: column.align ?? 'left' });
      x += column.width;
    });
    doc.x = left;
    doc.y = top + height;
  };
  drawRow(columns.map((column) => column.header), true);
  for (const row of rows) drawRow(row, false);
  doc.fontSize(BODY_SIZE);
}

function keyValueLines(doc: Doc, pairs: [string, string][]): void {
  const columns: Column[] = [{ header: '项目', width: 130 }, { header: '内容', width: doc.page.width - PAGE_MARGIN * 2 - 130 }];
  table(doc, columns, pairs);
}

/**
 * The head of the workstation's audit chain at export (entry and full hash), printed so that a log
 * rewritten after this export no longer holds it (`dossier-desk verify PACKAGE --head SEQ:HASH`).
 */
function auditHeadLine(dossier: ExportDossier): [string, string][] {
  const head = dossier.auditLog.at(-1);
  return head ? [['审计日志链头', `第 ${head.seq} 条 · SHA-256 ${head.hash}`]] : [];
}

/**
 * The 抽样方案 section: the method, parameters, seed, interval and key items of a review's sample
 * plan, the projection of the cuts through it against the threshold, and every sampled row with its cut.
 */
function drawSamplePlan(doc: Doc, section: (title: string) => void, dossier: ExportDossier, review: ReviewFile, plan: SamplePlan, contentWidth: number): void {
  section(dossier.reviews.length > 1 ? `抽样方案（${review.reviewer.name}）` : '抽样方案');
  const { cuts, projection, problem } = projectReviewPlan(dossier, review, plan);
  const threshold = ratioAsPercent(dossier.report.threshold);
  const lines: [string, string][] = [
    ['抽样方法', samplePlanMethodText(plan)],
    ['随机种子', `“${plan.seed}”（${plan.prng}）`],
    ['参数', `置信度 ${plan.confidence}${plan.tolerable ? `，可容忍错报率 ${plan.tolerable}，预计错报率 ${plan.expected ?? '0'}` : '，样本量由审查人指定'}`],
    ['样本量', plan.intervalFen === null ? String(plan.size) : `${plan.size}，抽样间隔 ${formatCny(plan.intervalFen)}，随机起点 ${formatCny(plan.randomStartFen ?? 0)}`],
    ['关键项目', plan.keyItemFen === null ? `无（${plan.keyItems.length} 行）` : `金额 ≥ ${formatCny(plan.keyItemFen)} 的 ${plan.keyItems.length} 行全部检查`],
    ['总体', `${plan.populationCount} 行，合计 ${formatCny(plan.populationFen)}；抽取 ${plan.sample.length} 行，合计 ${formatCny(plan.sample.reduce((total, row) => total + row.amountFen, 0))}`],
  ];
  if (projection) {
    lines.push(
      ['样本核减', `${formatCny(projection.sampleCutFen)}（错报 ${projection.misstatements} 项）`],
      ['推断核减', `${formatCny(projection.projectedCutFen)}（比例 ${ratioAsPercent(projection.projectedRatio)}，阈值 ${threshold}）`],
      ['核减上限', `${formatCny(projection.upperCutFen)}（比例 ${ratioAsPercent(projection.upperRatio)}，置信度 ${projection.confidence}，${plan.method === 'mus' ? 'Stringer 法' : '比率估计'}）`],
      ['推断结论', sampleVerdictText(projection)],
    );
    if (projection.outsideSampleCutFen > 0) lines.push(['样本外核减', `${formatCny(projection.outsideSampleCutFen)}（不参与推断）`]);
  } else if (problem) {
    lines.push(['推断结论', problem]);
  }
  keyValueLines(doc, lines);
  doc.moveDown(0.3);
  const counterparties = new Map(dossier.manifest.claims.map((claim) => [claim.id, claim.counterparty ?? '']));
  table(doc, [
    { header: '申报项', width: 60 },
    { header: '类别', width: 60 },
    { header: '交易对方', width: contentWidth - 60 - 60 - 95 - 55 - 85 },
    { header: '申报金额', width: 95, align: 'right' },
    { header: '抽中次数', width: 55, align: 'right' },
    { header: '核减金额', width: 85, align: 'right' },
  ], plan.sample.map((row) => [
    row.claimId, row.reason === 'key' ? '关键项目' : '抽中', counterparties.get(row.claimId) ?? '', formatCny(row.amountFen),
    row.reason === 'key' ? '' : String(row.hits ?? 1), formatCny(cuts.get(row.claimId) ?? 0),
  ]));
}

function drawSheet(doc: Doc, dossier: ExportDossier): void {
  const section = sectionHeadings(doc);
  const { manifest, report, panel, reviews, profile } = dossier;
  const contentWidth = doc.page.width - PAGE_MARGIN * 2;
  doc.fontSize(18).text('评审意见表', PAGE_MARGIN, PAGE_MARGIN, { width: contentWidth, align: 'center' });
  doc.fontSize(BODY_SIZE).text(profile?.name ?? manifest.program, { width: contentWidth, align: 'center' });
  doc.moveDown(0.8);

  section('申报单位');
  keyValueLines(doc, [
    ['申报单位', manifest.applicant.name],
    ['统一社会信用代码', manifest.applicant.creditCode ?? ''],
    ...(typeof manifest.applicant.registeredIn === 'string' && manifest.applicant.registeredIn.trim() ? [['注册地', placeName(manifest.applicant.registeredIn, 'zh')] as [string, string]] : []),
    ['申报项目', `${profile?.name ?? manifest.program}（${manifest.program}，规则版本 ${report.profileVersion}）`],
    ['申报类别', categoryLabel(dossier)],
    ['档案编号', dossier.dossierId],
    ...auditHeadLine(dossier),
  ]);

  section('审核金额与结论');
  const totals: [string, string][] = [
    ['申报金额', formatCny(report.claimedFen)],
    ['核减金额', formatCny(report.cutFen)],
    ['核定金额', formatCny(report.approvedFen)],
    ['核减比例', `${ratioAsPercent(report.cutRatio)}（阈值 ${ratioAsPercent(report.threshold)}，超过即不予资助）`],
    ['结论', qualifiedVerdictLabel(reportVerdictQualifier(report, reviews))],
  ];
  if (report.verdict === 'pass') totals.push(['尚可核减', formatCny(report.headroomFen)]);
  if (report.subsidy) totals.push(['补贴金额', formatCny(report.subsidy.subsidyFen)]);
  const scoreTotal = panel?.total ?? report.score?.total ?? null;
  const unfinished = !panel && (report.score?.missingCriteria?.length ?? 0) > 0;
  if (scoreTotal !== null) {
    const band = unfinished ? '' : (panel?.band ?? report.score?.band) ? `（档次 ${panel?.band ?? report.score?.band}）` : '';
    totals.push(['专家评分', `${scoreTotal}${band}${unfinished ? `（未完成：${report.score!.missingCriteria!.length} 项未打分，非最终评分）` : ''}`]);
  }
  const awardCapFen = panel?.awardCapFen ?? report.score?.awardCapFen ?? null;
  if (awardCapFen !== null && !unfinished) totals.push(['奖励上限', formatCny(awardCapFen)]);
  keyValueLines(doc, totals);

  const scorers = reviews.filter((review) => Object.keys(review.scores).length > 0);
  if (scorers.length > 0 || panel) {
    section('评分表');
    const criteria = [...(profile?.rubric ?? []).map((criterion) => ({ id: criterion.id, label: criterion.label, max: String(criterion.max) }))];
    const isUnfinished = (review: ReviewFile) => (profile?.rubric ?? []).some((criterion) => review.scores[criterion.id] === undefined);
    for (const review of scorers) {
      for (const id of Object.keys(review.scores)) if (!criteria.some((criterion) => criterion.id === id)) criteria.push({ id, label: id, max: '' });
    }
    const scoreColumns = scorers.length + (panel ? 1 : 0);
    const fixed = 190 + 45;
    const each = Math.max(50, Math.floor((contentWidth - fixed) / Math.max(1, scoreColumns)));
    const columns: Column[] = [
      { header: '评分指标', width: 190 },
      { header: '满分', width: 45, align: 'right' },
      ...scorers.map((review) => ({ header: `${review.reviewer.name}${review.conflictOfInterest?.declared ? '（申明回避）' : ''}${isUnfinished(review) ? '（未完成）' : ''}`, width: each, align: 'right' as const })),
      ...(panel ? [{ header: '合议', width: each, align: 'right' as const }] : []),
    ];
    const rows = criteria.map((criterion) => [
      criterion.label,
      criterion.max,
      ...scorers.map((review) => review.scores[criterion.id] ?? (criterion.max === '' ? '' : '未打分')),
      ...(panel ? [panel.scores[criterion.id] ?? ''] : []),
    ]);
    table(doc, columns, rows);
    if (panel && panel.flags.length > 0) {
      doc.moveDown(0.3);
      for (const flag of panel.flags) doc.text(`※ ${printableCell(flag.message)}`, PAGE_MARGIN, doc.y, { width: contentWidth });
    }
  }

  section('审查发现');
  if (report.findings.length === 0) {
    doc.text('无', PAGE_MARGIN, doc.y);
  } else {
    const statusOf = (id: string) => {
      let status = 'open';
      for (const review of reviews) status = review.findings.find((entry) => entry.id === id)?.status ?? status;
      return labelOf(FINDING_STATUS_LABELS, status);
    };
    table(doc, [
      { header: '级别', width: 40 },
      { header: '说明', width: contentWidth - 40 - 60 - 120 - 55 },
      { header: '申报项', width: 60 },
      { header: '证据', width: 120 },
      { header: '状态', width: 55 },
    ], report.findings.map((finding) => [
      labelOf(SEVERITY_LABELS, finding.severity),
      finding.message,
      finding.claimId ?? '',
      finding.evidence ? `${finding.evidence.file}${finding.evidence.page === undefined ? '' : ` 第${finding.evidence.page}页`}` : '',
      statusOf(finding.id),
    ]));
  }

  const cuts = reviews.flatMap((review) => review.cuts.map((cut) => ({ cut, reviewer: review.reviewer.name })));
  if (cuts.length > 0) {
    section('核减明细');
    table(doc, [
      { header: '申报项', width: 60 },
      { header: '核减金额', width: 90, align: 'right' },
      { header: '原因', width: 90 },
      { header: '说明', width: contentWidth - 60 - 90 - 90 - 70 },
      { header: '审查人', width: 70 },
    ], cuts.map(({ cut, reviewer }) => [cut.claimId, amountText(cut.amount), labelOf(CUT_REASON_LABELS, cut.reason), cut.note ?? '', reviewer]));
  }

  for (const review of reviews) {
    if (review.sample) drawSamplePlan(doc, section, dossier, review, review.sample, contentWidth);
  }

  heading(doc, '审查人签字');
  ensureSpace(doc, 30 * (reviews.length + 1));
  const signers = reviews.length > 0 ? reviews : [];
  for (const review of signers) {
    const signed = review.decision?.signedAt ? `已于 ${review.decision.signedAt} 签署` : '';
    doc.moveDown(0.8);
    const organisation = review.reviewer.organisation ? `（${printableCell(review.reviewer.organisation)}）` : '';
    doc.text(`${labelOf(ROLE_LABELS, review.reviewer.role)}：${printableCell(review.reviewer.name)}${organisation}    签字：________________    日期：____________    ${signed}`, PAGE_MARGIN, doc.y, { width: contentWidth });
  }
  doc.moveDown(0.8);
  doc.text(`评审组长签字：________________    日期：____________${panel?.chair ? `    （组长：${printableCell(panel.chair)}）` : ''}`, PAGE_MARGIN, doc.y, { width: contentWidth });
}

function signer(name: string, organisation: string | null): string {
  return organisation ? `${printableCell(name)}（${printableCell(organisation)}）` : printableCell(name);
}

/** The chair's 专家评分汇总表 on its own page(s): experts as columns, then comments, opinions, statistics, summary, signatures. */
function drawScoreSheet(doc: Doc, sheet: ScoreSheet): void {
  const section = sectionHeadings(doc);
  const contentWidth = doc.page.width - PAGE_MARGIN * 2;
  doc.fontSize(18).text('专家评分汇总表', PAGE_MARGIN, PAGE_MARGIN, { width: contentWidth, align: 'center' });
  doc.fontSize(BODY_SIZE).text(`${sheet.applicant} · ${sheet.program}`, { width: contentWidth, align: 'center' });
  doc.moveDown(0.8);
  section('各专家评分');
  const fixed = 150 + 35 + 50;
  const each = Math.max(45, Math.floor((contentWidth - fixed) / Math.max(1, sheet.experts.length)));
  const columns: Column[] = [
    { header: '评分指标', width: 150 },
    { header: '满分', width: 35, align: 'right' },
    ...sheet.experts.map((expert) => ({ header: expert.name, width: each, align: 'right' as const })),
    { header: '平均', width: 50, align: 'right' },
  ];
  const rows = sheet.criteria.map((criterion) => [
    criterion.label, criterion.max,
    ...sheet.experts.map((expert) => expert.scores[criterion.id] ?? '未打分'),
    sheet.criterionMeans[criterion.id] ?? '',
  ]);
  rows.push(['合计', '', ...sheet.experts.map((expert) => expert.total ?? '—'), sheet.mean ?? '']);
  rows.push(['状态', '', ...sheet.experts.map((expert) => `${expert.status}${expert.outlier ? '；偏离中位数' : ''}`), '']);
  table(doc, columns, rows);

  section('评语与总体意见');
  for (const expert of sheet.experts) {
    const lines = sheet.criteria
      .filter((criterion) => (expert.comments[criterion.id] ?? '').trim() !== '')
      .map((criterion) => [criterion.label, expert.comments[criterion.id]!]);
    lines.push(['总体意见', expert.opinion ?? '（未填写）']);
    ensureSpace(doc, 40);
    doc.fontSize(BODY_SIZE).text(signer(expert.name, expert.organisation), PAGE_MARGIN, doc.y, { width: contentWidth });
    table(doc, [{ header: '指标', width: 150 }, { header: '评语', width: contentWidth - 150 }], lines);
    doc.moveDown(0.4);
  }

  section('专家组评分');
  const stats: [string, string][] = sheet.statistics.map((line, index) => [index === 0 ? '统计' : '', line]);
  for (const recusal of sheet.recusals) stats.push(['回避', `${recusal.name}${recusal.reason === 'conflict-of-interest' ? '（申明利益冲突）' : ''}${recusal.note ? `：${recusal.note}` : ''}`]);
  for (const entry of sheet.unfinished) stats.push(['未完成', `${entry.name}：缺 ${entry.missing.join('、')}，专家组评分非最终`]);
  stats.push(['组长意见', sheet.chairSummary ?? '（未填写）']);
  keyValueLines(doc, stats);

  section('签字');
  ensureSpace(doc, 26 * sheet.signatures.length);
  for (const entry of sheet.signatures) {
    doc.moveDown(0.8);
    const role = entry.role === 'chair' ? '评审组长' : labelOf(ROLE_LABELS, entry.role);
    doc.text(`${role}：${signer(entry.name, entry.organisation)}    签字：________________    日期：____________${entry.signedAt ? `    已于 ${entry.signedAt} 签署` : ''}`, PAGE_MARGIN, doc.y, { width: contentWidth });
  }
  if (!sheet.signatures.some((entry) => entry.role === 'chair')) {
    doc.moveDown(0.8);
    doc.text('评审组长：________________    签字：________________    日期：____________', PAGE_MARGIN, doc.y, { width: contentWidth });
  }
}

/**
 * The 补正通知 (supplement notice) of the formal pre-review, in the bureau's form: addressed to the
 * applicant, every item to supply or correct numbered with its clause, then the completeness of
 * each material item, and the pre-reviewer's signature lines.
 */
function drawSupplementNotice(doc: Doc, dossier: ExportDossier): void {
  const section = sectionHeadings(doc);
  const { manifest, profile } = dossier;
  const contentWidth = doc.page.width - PAGE_MARGIN * 2;
  const notice = exportNotice(dossier);
  doc.fontSize(18).text('申报材料补正通知书', PAGE_MARGIN, PAGE_MARGIN, { width: contentWidth, align: 'center' });
  doc.fontSize(BODY_SIZE).text(profile?.name ?? manifest.program, { width: contentWidth, align: 'center' });
  doc.moveDown(1);
  doc.fontSize(11).text(`${manifest.applicant.name}${manifest.applicant.creditCode ? `（统一社会信用代码：${manifest.applicant.creditCode}）` : ''}：`, PAGE_MARGIN, doc.y, { width: contentWidth });
  doc.moveDown(0.4);
  doc.text(notice.length === 0
    ? `    你单位提交的${profile?.name ?? manifest.program}申报材料经形式预审，材料齐全，符合申报指南要求，无需补正。`
    : `    你单位提交的${profile?.name ?? manifest.program}申报材料经形式预审，存在以下 ${notice.length} 项需补充或更正的问题。请按申报指南相应条款要求补正后重新提交；材料需加盖申报单位公章。`,
  PAGE_MARGIN, doc.y, { width: contentWidth });
  doc.fontSize(BODY_SIZE);
  if (notice.length > 0) {
    section('需补正事项');
    table(doc, [
      { header: '序号', width: 32, align: 'center' },
      { header: '条款', width: 70 },
      { header: '申报材料', width: 140 },
      { header: '类型', width: 50 },
      { header: '补正要求', width: contentWidth - 32 - 70 - 140 - 50 },
    ], notice.map((entry, index) => [String(index + 1), entry.clause, entry.label, NOTICE_ACTION_LABELS[entry.action], entry.message]));
  }
  const materials = exportMaterials(dossier);
  if (materials.length > 0) {
    section('材料齐全性核对');
    table(doc, [
      { header: '条款', width: 70 },
      { header: '申报材料', width: 170 },
      { header: '状态', width: 50 },
      { header: '文件', width: contentWidth - 70 - 170 - 50 },
    ], materials.map((material) => [material.clause, material.label, MATERIAL_STATUS_LABELS[material.status], material.files.join('、')]));
  }
  ensureSpace(doc, 70);
  doc.moveDown(1.2);
  doc.text('形式预审人：________________    复核人：________________', PAGE_MARGIN, doc.y, { width: contentWidth });
  doc.moveDown(0.8);
  doc.text('（审查单位盖章）                          日期：______年____月____日', PAGE_MARGIN, doc.y, { width: contentWidth, align: 'right' });
}

export interface ReviewSheetOptions {
  /** The Noto Sans SC (or another CJK) TrueType font. */
  font: Uint8Array;
  /** Stored as the PDF's creation date. */
  created?: Date;
}

/** A PDF drawn by `draw` on A4 pages with the CJK font as the document's default font. */
function renderPdf(title: string, options: ReviewSheetOptions, draw: (doc: Doc) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const fontData = options.font.buffer.slice(options.font.byteOffset, options.font.byteOffset + options.font.byteLength) as ArrayBuffer;
    // The CJK font is the document's default font: pdfkit's browser build has no standard fonts
    // registered, so the usual Helvetica default would fail there. pdfkit accepts font bytes here
    // although its typings only mention a name.
    const doc = new PDFDocument({
      size: 'A4',
      margin: PAGE_MARGIN,
      autoFirstPage: true,
      font: fontData as unknown as string,
      info: { Title: title, Creator: 'Dossier Desk', CreationDate: options.created ?? new Date() },
    });
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => {
      const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      resolve(bytes);
    });
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** The review sheets of the given dossiers, one or more pages each, in one PDF. */
export function renderReviewSheetsPdf(dossiers: ExportDossier[], options: ReviewSheetOptions): Promise<Uint8Array> {
  return renderPdf('评审意见表', options, (doc) => {
    dossiers.forEach((dossier, index) => {
      if (index > 0) doc.addPage();
      drawSheet(doc, dossier);
      if (dossier.scoreSheet) {
        doc.addPage();
        drawScoreSheet(doc, dossier.scoreSheet);
      }
      if (exportMaterials(dossier).length > 0) {
        doc.addPage();
        drawSupplementNotice(doc, dossier);
      }
    });
  });
}

/** The 补正通知 alone, in the bureau's Chinese, one dossier after another: what the app prints for the applicant. */
export function renderSupplementNoticePdf(dossiers: ExportDossier[], options: ReviewSheetOptions): Promise<Uint8Array> {
  return renderPdf('申报材料补正通知书', options, (doc) => {
    dossiers.forEach((dossier, index) => {
      if (index > 0) doc.addPage();
      drawSupplementNotice(doc, dossier);
    });
  });
}
