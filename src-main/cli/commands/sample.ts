import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { nextAuditEntry } from '../../../src-renderer/core/audit';
import { formatCny, tryParseYuan } from '../../../src-renderer/core/money';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { newReview, serializeReview } from '../../../src-renderer/core/review';
import { declaredPopulation, drawSample, SAMPLE_METHODS, type SampleMethod, type SamplePlan, type SampleRequest } from '../../../src-renderer/core/sampling';
import type { ReviewFile } from '../../../src-renderer/core/types';
import { nodeClock } from '../adapters/clock';
import { nodeHasher } from '../adapters/hasher';
import { describeRefused, loadDossier, loadReview } from '../dossier-source';
import type { CliCommand } from '../io';
import { parseArgs, UsageError } from '../io';

function single(flags: Map<string, string[]>, name: string): string | undefined {
  const values = flags.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} may be given once`);
  return values?.[0];
}

function requestFrom(flags: Map<string, string[]>): SampleRequest {
  const method = single(flags, 'method');
  if (!method) throw new UsageError('--method mus|random is required');
  if (!(SAMPLE_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method "${method}" is not mus or random`);
  const seed = single(flags, 'seed');
  if (seed === undefined) throw new UsageError('--seed TEXT is required (the same seed draws the same sample)');
  const size = single(flags, 'size');
  const confidence = single(flags, 'confidence');
  const tolerable = single(flags, 'tolerable');
  const expected = single(flags, 'expected');
  if (size !== undefined && (tolerable !== undefined || expected !== undefined)) throw new UsageError('give either --size or --tolerable (with --expected), not both');
  if (size === undefined && tolerable === undefined) throw new UsageError('give --size N, or --tolerable RATE (with --confidence and --expected) to compute the size');
  if (size !== undefined && !/^\d+$/.test(size)) throw new UsageError(`--size "${size}" is not a whole number`);
  const keyItems = single(flags, 'key-items');
  const keyItemFen = keyItems === undefined ? undefined : tryParseYuan(keyItems);
  if (keyItemFen === null || (keyItemFen !== undefined && keyItemFen <= 0)) throw new UsageError(`--key-items "${keyItems}" is not a positive amount in yuan`);
  return {
    method: method as SampleMethod, seed,
    ...(size !== undefined ? { size: Number(size) } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    ...(tolerable !== undefined ? { tolerable } : {}),
    ...(expected !== undefined ? { expected } : {}),
    ...(keyItemFen !== undefined ? { keyItemFen } : {}),
  };
}

function describePlan(plan: SamplePlan, out: string | undefined): string {
  const method = plan.method === 'mus' ? '货币单位抽样（MUS，按金额概率比例，固定间隔、随机起点）' : '随机抽样（等概率、不放回）';
  const selected = plan.sample.filter((row) => row.reason === 'selected');
  const lines = [
    `抽样方法 ${method}`,
    `随机种子 "${plan.seed}"（${plan.prng}）`,
    `总体 ${plan.populationCount} 行，合计 ${formatCny(plan.populationFen)}`,
    plan.keyItemFen === null ? '关键项目 无' : `关键项目 金额 ≥ ${formatCny(plan.keyItemFen)} 的 ${plan.keyItems.length} 行全部检查`,
    plan.intervalFen === null ? `样本量 ${plan.size}` : `样本量 ${plan.size}，抽样间隔 ${formatCny(plan.intervalFen)}，随机起点 ${formatCny(plan.randomStartFen ?? 0)}`,
    `置信度 ${plan.confidence}${plan.tolerable !== null ? `，可容忍错报率 ${plan.tolerable}，预计错报率 ${plan.expected ?? '0'}` : ''}`,
    `抽中 ${selected.length} 行，连同关键项目共检查 ${plan.sample.length} 行：`,
    ...plan.sample.map((row) => `  ${row.claimId}  ${formatCny(row.amountFen)}  ${row.reason === 'key' ? '关键项目' : row.hits && row.hits > 1 ? `抽中 ×${row.hits}` : '抽中'}`),
  ];
  if (out) lines.push(`抽样计划已写入评审文件 ${out}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The review with the plan and its audit-log entry appended: `sample.draw` on the review, recording
 * the whole plan (before: the plan it replaces), as the app's reducer records it (core/review/edits),
 * so the integrity check replays it.
 */
async function reviewWithPlan(review: ReviewFile, plan: SamplePlan, actor: string): Promise<ReviewFile> {
  const event = { actor, action: 'sample.draw', target: 'review:cli', before: review.sample ?? null, after: plan };
  const entry = await nextAuditEntry(review.auditLog.at(-1), event, nodeClock, nodeHasher);
  return { ...review, sample: plan, auditLog: [...review.auditLog, entry] };
}

export const sampleCommand: CliCommand = {
  summary: 'draw a documented audit sample of the declared list (MUS or random, seeded), optionally into a review file',
  usage: 'dossier-desk sample DOSSIER --method mus|random --seed TEXT [--size N | --confidence 0.95 --tolerable 0.20 --expected 0.00] [--key-items YUAN] [--review FILE] [--reviewer NAME] [--out FILE] [--json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['method', 'seed', 'size', 'confidence', 'tolerable', 'expected', 'key-items', 'review', 'reviewer', 'out'], ['json']);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'a DOSSIER folder is required' : 'sample takes one DOSSIER');
    const request = requestFrom(flags);
    const out = single(flags, 'out');
    const reviewPath = single(flags, 'review');
    const reviewer = single(flags, 'reviewer');
    if (out && !reviewPath && !reviewer) throw new UsageError('--out writes a review file: give the --review to add the plan to, or a --reviewer NAME for a new one');
    const dossier = await loadDossier(positionals[0]!, io.cwd, { screenFiles: true });
    // The sample is drawn from the declared list; a file the dossier holds but the import refused is said all the same.
    const refused = describeRefused(positionals[0]!, dossier.refused ?? []);
    if (refused) io.stderr(refused);
    const base = reviewPath ? (await loadReview(reviewPath, io.cwd)).review : null;
    if (base && dossier.manifest.program && base.program !== dossier.manifest.program) {
      throw new InvalidInputError(`program "${base.program}" does not match the dossier's program "${dossier.manifest.program}"`, reviewPath);
    }
    const plan = await drawSample(declaredPopulation(dossier.manifest, { manifest: dossier.manifestFile }), request, nodeHasher);
    if (out) {
      const review = base ?? newReview(dossier.manifest.program, { name: reviewer!, role: 'auditor' });
      const written = await reviewWithPlan(review, plan, reviewer ?? review.reviewer.name);
      try {
        await writeFile(resolve(io.cwd, out), serializeReview(written), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InvalidInputError(code === 'ENOENT' ? 'cannot write the review file: its folder does not exist' : `cannot write the review file (${code ?? 'error'})`, out);
      }
    }
    io.stdout(flags.has('json') ? `${JSON.stringify(plan, null, 2)}\n` : describePlan(plan, out));
    return 0;
  },
};
