import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatCny } from '../../../src-renderer/core/money';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { mergeReviews, type PanelResult } from '../../../src-renderer/core/panel';
import { loadReview } from '../dossier-source';
import type { CliCommand } from '../io';
import { parseArgs, UsageError } from '../io';
import { resolveProfile } from '../profiles-source';

const EXCLUDED_LABEL: Record<string, string> = { 'conflict-of-interest': '申明利益冲突', recused: '回避', unfinished: '评分未完成' };

function describePanel(result: PanelResult, out: string): string {
  const lines = [`合并 ${result.reviewers.length} 份评审文件（${result.program}）→ ${out}`];
  const panel = result.panel;
  if (panel) {
    const method = panel.method === 'trimmed-mean' ? '去掉一个最高分和一个最低分后的平均分' : '平均分';
    lines.push(`计分评审 ${panel.scoredCount} 人；${method} ${panel.total}；中位数 ${panel.median}`);
    const caps = Object.entries(panel.awardCapFen).map(([category, fen]) => `${category} ${formatCny(fen)}`).join('，');
    lines.push(panel.band ? `分数段 ${panel.band}；奖补上限 ${caps}` : '低于最低分数段，不予奖补');
    for (const member of panel.members) {
      const state = member.excludedReason ? `不计分（${EXCLUDED_LABEL[member.excludedReason]}）` : member.trimmed ? '已去除' : '';
      lines.push(`  ${member.reviewer}（${member.role}）${member.total ?? '—'} ${state}${member.outlier ? ' 偏离中位数' : ''}`.trimEnd());
    }
  } else {
    lines.push('无评分');
  }
  for (const reviewer of result.reviewers) {
    const comments = Object.entries(reviewer.comments).filter(([, text]) => text.trim() !== '');
    if (comments.length === 0 && !reviewer.opinion) continue;
    lines.push(`${reviewer.name}${reviewer.organisation ? `（${reviewer.organisation}）` : ''} 的评语：`);
    for (const [criterion, text] of comments) lines.push(`  ${criterion}：${text}`);
    if (reviewer.opinion) lines.push(`  总体意见：${reviewer.opinion}`);
  }
  if (result.chairSummary) lines.push(`组长意见：${result.chairSummary}`);
  lines.push(result.disagreements.length === 0 ? '分歧 无' : `分歧 ${result.disagreements.length} 项：`);
  for (const disagreement of result.disagreements) lines.push(`  ${disagreement.message}`);
  return `${lines.join('\n')}\n`;
}

export const mergeCommand: CliCommand = {
  summary: 'merge several reviewers\u2019 review files into a panel result with their disagreements',
  usage: 'dossier-desk merge REVIEW... --out FILE [--profile ID|FILE] [--margin POINTS] [--trim-from N] [--summary TEXT] [--json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['out', 'profile', 'margin', 'trim-from', 'summary'], ['json']);
    const out = flags.get('out')?.[0];
    if (!out) throw new UsageError('--out FILE is required');
    if (positionals.length === 0) throw new UsageError('at least one REVIEW file is required');
    const margin = flags.get('margin')?.[0];
    if (margin !== undefined && !/^\d+(\.\d{1,2})?$/.test(margin)) throw new UsageError(`--margin "${margin}" is not a number of points`);
    const trimFrom = flags.get('trim-from')?.[0];
    if (trimFrom !== undefined && !/^\d+$/.test(trimFrom)) throw new UsageError(`--trim-from "${trimFrom}" is not a whole number`);
    const reviews = await Promise.all(positionals.map(async (path) => ({ source: path, review: (await loadReview(path, io.cwd)).review })));
    const profile = await resolveProfile(flags.get('profile')?.[0] ?? reviews[0]!.review.program, io.cwd);
    const result = mergeReviews(profile, reviews, {
      ...(margin !== undefined ? { outlierMargin: margin } : {}),
      ...(trimFrom !== undefined ? { trimWhenAtLeast: Number(trimFrom) } : {}),
      ...(flags.get('summary') ? { chairSummary: flags.get('summary')!.join('\n') } : {}),
    });
    const target = resolve(io.cwd, out);
    try {
      await writeFile(target, `${JSON.stringify(result, null, 2)}\n`, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InvalidInputError(code === 'ENOENT' ? 'cannot write the panel result: its folder does not exist' : `cannot write the panel result (${code ?? 'error'})`, out);
    }
    io.stdout(flags.has('json') ? `${JSON.stringify(result, null, 2)}\n` : describePanel(result, out));
    return 0;
  },
};
