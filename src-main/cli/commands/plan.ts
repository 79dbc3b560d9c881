import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatCny, tryParseYuan } from '../../../src-renderer/core/money';
import { ALLOCATIONS, planBatch, planSheets, type Allocation, type BatchPlan } from '../../../src-renderer/core/plan';
import type { Profile } from '../../../src-renderer/core/profiles';
import { InvalidInputError } from '../../../src-renderer/core/result';
import type { ReviewFile } from '../../../src-renderer/core/types';
import { writeXlsx } from '../../../src-renderer/export/xlsx';
import { describeRefused, loadDossier, loadReview } from '../dossier-source';
import type { CliCommand } from '../io';
import { parseArgs, UsageError } from '../io';
import { resolveProfile } from '../profiles-source';

function describePlan(result: BatchPlan, profile: Profile): string {
  const { plan } = result;
  const lines = [
    `扶持计划（${profile.name.zh}）：年度预算 ${formatCny(plan.budgetFen)}；申请合计 ${formatCny(plan.requestedFen)}；安排 ${formatCny(plan.allocatedFen)}（${plan.allocation === 'rank' ? '按评分排序' : '按比例'}）`,
  ];
  for (const row of plan.rows) {
    lines.push(`  ${row.applicant}（${row.dossier}）评分 ${row.score ?? '—'} ${row.band ?? ''} 上限 ${formatCny(row.capFen)} → ${formatCny(row.awardFen)}：${row.reasonText}`);
  }
  if (result.batchFindings.length > 0) {
    lines.push(`跨申报问题 ${result.batchFindings.length} 项：`);
    for (const { dossier, finding } of result.batchFindings) lines.push(`  [${dossier}] ${finding.message}${finding.clause ? ` [${finding.clause}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export const planCommand: CliCommand = {
  summary: 'the funding plan of a batch within the year\'s budget: awards by band cap, pro-rata or by rank; xlsx with 扶持计划 and 公示名单',
  usage: 'dossier-desk plan DOSSIER... [--review FILE]... --budget YUAN [--allocation pro-rata|rank] [--city-issue YUAN] [--out FILE] [--json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['review', 'budget', 'allocation', 'out', 'city-issue'], ['json']);
    if (positionals.length === 0) throw new UsageError('name at least one DOSSIER folder');
    const budgetText = flags.get('budget')?.[0];
    if (!budgetText) throw new UsageError('--budget YUAN is required');
    const budgetFen = tryParseYuan(budgetText);
    if (budgetFen === null || budgetFen < 0) throw new UsageError(`--budget "${budgetText}" is not an amount in yuan such as 20000000.00`);
    const allocation = (flags.get('allocation')?.[0] ?? 'pro-rata') as Allocation;
    if (!ALLOCATIONS.includes(allocation)) throw new UsageError(`--allocation "${allocation}" (use ${ALLOCATIONS.join(' or ')})`);
    const issueText = flags.get('city-issue')?.[0];
    const issueFen = issueText === undefined ? undefined : tryParseYuan(issueText);
    if (issueFen === null || (issueFen !== undefined && issueFen < 0)) throw new UsageError(`--city-issue "${issueText}" is not an amount in yuan`);
    for (const name of ['budget', 'allocation', 'out', 'city-issue']) {
      if ((flags.get(name)?.length ?? 0) > 1) throw new UsageError(`--${name} may be given once`);
    }

    const reviews: { source: string; review: ReviewFile }[] = [];
    for (const path of flags.get('review') ?? []) reviews.push({ source: path, review: (await loadReview(path, io.cwd)).review });
    const claimed = new Set<string>();
    const inputs = [];
    for (const path of positionals) {
      const loaded = await loadDossier(path, io.cwd, { screenFiles: true });
      const refused = describeRefused(path, loaded.refused ?? []);
      if (refused) io.stderr(refused);
      if (!loaded.manifest.program) throw new InvalidInputError('the dossier names no program (no dossier.json)', path);
      const profile = await resolveProfile(loaded.manifest.program, io.cwd);
      const dossierId = positionals.length === 1 ? null : loaded.dossierId!;
      const own = reviews.filter((entry) => dossierId === null || entry.review.dossierId === dossierId);
      for (const entry of own) claimed.add(entry.source);
      inputs.push({ dossier: path, profile, manifest: loaded.manifest, reviews: own.map((entry) => entry.review) });
    }
    const orphan = reviews.find((entry) => !claimed.has(entry.source));
    if (orphan) {
      throw new InvalidInputError(`its dossierId ${orphan.review.dossierId ?? '(none)'} matches none of the dossiers; with several dossiers every review must carry the dossierId of its dossier`, orphan.source);
    }
    const result = planBatch(inputs, budgetFen, allocation, issueFen === undefined ? {} : { issueFen });
    const out = flags.get('out')?.[0];
    if (out) {
      const profile = inputs[0]!.profile;
      const label = (category: string) => profile.categories.find((entry) => entry.id === category)?.label.zh ?? category;
      const target = resolve(io.cwd, out);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await writeXlsx(planSheets(result.plan, label, undefined, result.verdicts)));
    }
    if (flags.has('json')) {
      const batchFindings = result.batchFindings.map(({ dossier, finding }) => ({ dossier, ...finding }));
      io.stdout(`${JSON.stringify({ ...result.plan, batchFindings }, null, 2)}\n`);
    } else {
      io.stdout(describePlan(result, inputs[0]!.profile));
      if (out) io.stdout(`wrote ${resolve(io.cwd, out)}\n`);
    }
    return 0;
  },
};
