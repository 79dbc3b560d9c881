import { formatCny } from '../../../src-renderer/core/money';
import { summarizeProfile } from '../../../src-renderer/core/profiles';
import type { CliCommand } from '../io';
import { parseArgs, UsageError } from '../io';
import { loadBundledProfiles } from '../profiles-source';

export const profilesCommand: CliCommand = {
  summary: 'list the program profiles',
  usage: 'dossier-desk profiles [--json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, [], ['json']);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const summaries = (await loadBundledProfiles()).map(summarizeProfile);
    if (flags.has('json')) {
      io.stdout(`${JSON.stringify(summaries, null, 2)}\n`);
      return 0;
    }
    if (summaries.length === 0) io.stdout('没有已安装的项目规则 (no profiles installed)\n');
    for (const summary of summaries) {
      io.stdout(`${summary.id}  v${summary.version}  ${summary.name}\n`);
      io.stdout(`  有效期 ${summary.effective.from} 至 ${summary.effective.to ?? '—'}；来源 ${summary.source.title}\n`);
      io.stdout(`  类别 ${summary.categoryLabels.map((category) => `${category.id}（${category.label}）`).join('、')}\n`);
      io.stdout(`  核减阈值 ${summary.threshold}\n`);
      for (const band of summary.bands) {
        const caps = Object.entries(band.awardCapFen).map(([category, fen]) => `${category} ${formatCny(fen)}`).join('，');
        io.stdout(`  分数段 ${band.label}：${caps}\n`);
      }
    }
    return 0;
  },
};
