import { evaluateDossier } from '../../../src-renderer/core/engine';
import { formatCny, percentString, ratioAsPercent } from '../../../src-renderer/core/money';
import type { ImportProblem } from '../../../src-renderer/core/import';
import type { Profile } from '../../../src-renderer/core/profiles';
import { InvalidInputError } from '../../../src-renderer/core/result';
import type { CheckReport, Severity } from '../../../src-renderer/core/types';
import type { DocumentReading } from '../../../src-renderer/core/prereview';
import { describeRefused, loadDossier, loadExtractions, loadReview } from '../dossier-source';
import { readDossierForPrereview } from '../prereview-source';
import { correctionsOf, evaluatePrereview, type PrereviewResult } from '../../../src-renderer/core/prereview';
import type { CliCommand } from '../io';
import { parseArgs, UsageError } from '../io';
import { resolveProfile } from '../profiles-source';
import { createReadingPool, defaultThreadCount, parseThreadCount, threadsFor, type ReadingPool } from '../reading-pool';
import { progressReporter } from '../progress';
import { describeProjection, reviewProjection } from './check-projection';

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

const STATUS_LABEL = { present: '齐全', missing: '缺少', doubtful: '存疑', 'not-required': '无需提供' } as const;

function describePrereview(prereview: PrereviewResult): string[] {
  const lines = ['形式预审：'];
  for (const status of prereview.materials) {
    const files = status.files.map((file) => file.file).join('、');
    lines.push(`  ${status.clause} ${status.label.zh}：${STATUS_LABEL[status.status]}${files ? `（${files}）` : ''}`);
    for (const check of status.checks) lines.push(`      ${check.ok === true ? '✓' : check.ok === false ? '✗' : '?'} ${check.zh}`);
  }
  const unplaced = prereview.documents.filter((document) => document.material === null);
  if (unplaced.length > 0) lines.push(`  未归类文件：${unplaced.map((document) => document.file).join('、')}`);
  lines.push(prereview.notice.length === 0 ? '补正通知：无需补正' : `补正通知（${prereview.notice.length} 项）：`);
  prereview.notice.forEach((entry, index) => lines.push(`  ${index + 1}. [${entry.clause}] ${entry.zh}`));
  return lines;
}

function describeReport(report: CheckReport, profile: Profile, applicant: string, category: string, migrated: string[], importProblems: ImportProblem[], prereview: PrereviewResult): string {
  const categoryLabel = profile.categories.find((entry) => entry.id === category)?.label.zh ?? category;
  const lines = [
    applicant || '（未命名申报单位）',
    `项目 ${profile.name.zh}（${report.program}，规则版本 ${report.profileVersion}）；类别 ${categoryLabel}（${category}）`,
    `申报金额 ${formatCny(report.claimedFen)}`,
    `核减金额 ${formatCny(report.cutFen)}`,
    `核定金额 ${formatCny(report.approvedFen)}`,
    `核减比例 ${percentString(report.cutFen, report.claimedFen)}%（阈值 ${ratioAsPercent(report.threshold)}%，超过即不通过）`,
    `结论 ${report.verdict === 'pass' ? '通过' : '不通过'} (${report.verdict})；尚可核减 ${formatCny(report.headroomFen)}`,
  ];
  if (report.subsidy) {
    const caps = [
      report.subsidy.capPerContractFen != null ? `单个合同上限 ${formatCny(report.subsidy.capPerContractFen)}` : null,
      report.subsidy.capPerFirmPerYearFen != null ? `每家企业年度上限 ${formatCny(report.subsidy.capPerFirmPerYearFen)}` : null,
    ].filter(Boolean).join('，');
    lines.push(`补助 ${formatCny(report.subsidy.subsidyFen)}（基数 ${formatCny(report.subsidy.baseFen)}，比例 ${report.subsidy.rate ?? ''}${caps ? `，${caps}` : ''}）`);
  } else {
    lines.push('补助 —（本项目不按申报支出计算补助）');
  }
  if (report.score) {
    const band = report.score.band ? `分数段 ${report.score.band}，奖补上限 ${formatCny(report.score.awardCapFen ?? 0)}` : '低于最低分数段，不予奖补';
    const official = report.score.rubricOfficial === false ? '（评分权重为默认值，非官方）' : '';
    lines.push(`评分 ${report.score.total} 分；${band}${official}`);
  }
  lines.push(...describePrereview(prereview));
  if (report.reconciliation) {
    const proposals = report.reconciliation.flatMap((row) => row.proposals);
    lines.push(`核查 ${report.reconciliation.length} 行：核减建议 ${proposals.length} 项，待定 ${formatCny(report.proposedCutFen ?? 0)}；全部采纳后结论 ${report.verdictIfAccepted === 'pass' ? '通过' : '不通过'} (${report.verdictIfAccepted})`);
    for (const row of report.reconciliation) {
      if (row.deferredToNextRound) lines.push(`  ${row.claimId} 申报 ${formatCny(row.declaredFen)}，转下一轮：${row.deferredToNextRound.message} [${row.deferredToNextRound.clause}]`);
      if (row.proposals.length === 0) continue;
      lines.push(`  ${row.claimId} 申报 ${formatCny(row.declaredFen)}，有据 ${formatCny(row.supportedFen)}`);
      for (const proposal of row.proposals) {
        const status = proposal.status === 'open' ? '' : ` {${proposal.status}}`;
        lines.push(`    ${proposal.reason} ${formatCny(proposal.amountFen)}：${proposal.message}${proposal.clause ? ` [${proposal.clause}]` : ''}${status}`);
      }
    }
  }
  for (const note of migrated) lines.push(`评审文件已升级：${note}`);
  for (const problem of importProblems) lines.push(`导入${problem.severity === 'error' ? '错误' : '警告'}：${problem.file}：${problem.message}`);
  lines.push(report.findings.length === 0 ? '问题 无' : `问题 ${report.findings.length} 项：`);
  for (const finding of report.findings) {
    const where = finding.evidence ? `（${finding.evidence.file}${finding.evidence.page ? ` 第${finding.evidence.page}页` : ''}）` : '';
    const clause = finding.clause ? ` [${finding.clause}]` : '';
    const status = finding.status ? ` {${finding.status}}` : '';
    lines.push(`  [${SEVERITY_LABEL[finding.severity]}] ${finding.message}${where}${clause}${status}`);
  }
  return `${lines.join('\n')}\n`;
}

export const checkCommand: CliCommand = {
  summary: 'check a dossier against its program: cut ledger, verdict, subsidy, score, findings',
  usage: 'dossier-desk check DOSSIER [--review FILE] [--profile ID|FILE] [--category ID] [--extractions FILE] [--against DOSSIER]... [--no-ocr] [--threads N] [--json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['review', 'profile', 'category', 'extractions', 'against', 'threads'], ['json', 'no-ocr']);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'a DOSSIER folder is required' : 'check takes one DOSSIER (use --against for others)');
    if ((flags.get('review')?.length ?? 0) > 1) throw new UsageError('--review may be given once');
    if ((flags.get('profile')?.length ?? 0) > 1) throw new UsageError('--profile may be given once');
    const threads = parseThreadCount(flags.get('threads'));
    const extractionsPath = flags.get('extractions')?.[0];
    const ocr = !flags.has('no-ocr');
    const progress = progressReporter(io.stderr);
    // Without --extractions the check reads the dossier's files itself, as `extract` does (OCR for
    // scans), on every core; each file's pre-review reading is taken in the same pass.
    // A small dossier is read on this thread: starting reading threads would take longer than it.
    let pool: ReadingPool | null = null;
    const readingPool = (files: number): ReadingPool => (pool ??= createReadingPool(threads ?? threadsFor(files)));
    const known = new Map<string, DocumentReading>();
    let dossier;
    let total = 0;
    try {
      dossier = await loadDossier(positionals[0]!, io.cwd, extractionsPath ? { screenFiles: true } : {
        extractConcurrency: (threads ?? defaultThreadCount()) * 2,
        onProgress: (step) => {
          if (step.stage !== 'files') return;
          total = step.total;
          progress.files(step.total);
        },
        extractor: async (file) => {
          const reading = await readingPool(total).read({ path: file.path, bytes: file.bytes }, { prereview: { ocr } });
          if (reading.prereview) known.set(file.path, reading.prereview);
          progress.fileRead();
          return reading.extraction;
        },
      });
    } finally {
      await (pool as ReadingPool | null)?.close();
    }
    progress.filesDone();
    const refused = describeRefused(positionals[0]!, dossier.refused ?? []);
    if (refused) io.stderr(refused);
    const reviewPath = flags.get('review')?.[0];
    const read = reviewPath ? await loadReview(reviewPath, io.cwd) : null;
    const programOrPath = flags.get('profile')?.[0] ?? dossier.manifest.program;
    if (!programOrPath) throw new InvalidInputError('the dossier names no program (no dossier.json); give one with --profile ID', positionals[0]);
    const profile = await resolveProfile(programOrPath, io.cwd);
    const onlyCategory = profile.categories.length === 1 ? profile.categories[0]!.id : undefined;
    const category = flags.get('category')?.[0] ?? (dossier.manifest.applicant.category || onlyCategory);
    if (!category) {
      throw new InvalidInputError(`the dossier names no applicant category; give one with --category (${profile.categories.map((entry) => entry.id).join(', ')})`, positionals[0]);
    }
    const manifest = { ...dossier.manifest, program: dossier.manifest.program || profile.id, applicant: { ...dossier.manifest.applicant, category } };
    const extractions = extractionsPath ? await loadExtractions(extractionsPath, io.cwd) : dossier.extractions ?? [];
    const peers = await Promise.all((flags.get('against') ?? []).map(async (path) => ({ dossier: path, manifest: (await loadDossier(path, io.cwd)).manifest })));
    const readings = await readDossierForPrereview(dossier.root, manifest.documents, { ocr, known });
    progress.reconciling(manifest.claims.length);
    const review = read?.review ?? null;
    const prereview = evaluatePrereview({ profile, applicant: manifest.applicant, documents: manifest.documents, readings, review, corrections: correctionsOf(review) });
    const report = evaluateDossier({
      prereview,
      profile,
      manifest,
      review: read?.review ?? null,
      extractions,
      peers,
      dossierLabel: positionals[0]!,
      sources: { manifest: dossier.manifestFile, ...(reviewPath ? { review: reviewPath } : {}) },
      fileProblems: dossier.importProblems ?? [],
    });
    progress.reconciled(report.reconciliation?.length ?? 0);
    const importProblems = dossier.importProblems ?? [];
    const projection = reviewProjection(manifest, read?.review, report.threshold, reviewPath);
    if (flags.has('json')) io.stdout(`${JSON.stringify({ ...report, ...(importProblems.length > 0 ? { importProblems } : {}), ...projection }, null, 2)}\n`);
    else io.stdout(describeReport(report, profile, manifest.applicant.name, category, read?.migrated ?? [], importProblems, prereview) + describeProjection(projection));
    return 0;
  },
};
