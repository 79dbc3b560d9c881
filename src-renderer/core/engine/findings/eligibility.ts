// Eligibility items: numeric thresholds checked against the applicant's stated facts
// (manifest applicant.facts, e.g. { "staffInShenzhen": 1200, "priorYearRevenue": "312000000.00" }),
// and items the reviewer marked not met in the checklist.

import { compareDecimals, isDecimal, parseDecimal } from '../../money/decimal';
import { tryParseYuan } from '../../money/yuan';
import type { EligibilityItem } from '../../profiles/schema';
import type { Finding } from '../../types';
import { appliesTo } from './applicability';
import type { RuleContext } from './context';
import { makeFinding } from './make-finding';

function factValue(facts: unknown, name: string): string | null {
  if (typeof facts !== 'object' || facts === null) return null;
  const value = (facts as Record<string, unknown>)[name];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}

/** -1, 0, 1 comparing a stated fact with the threshold; null when the fact is not a number. */
function compareFact(value: string, item: EligibilityItem): number | null {
  const threshold = item.threshold!;
  if (threshold.unit === 'yuan') {
    const fen = tryParseYuan(value);
    const min = tryParseYuan(threshold.min);
    if (fen === null || min === null) return null;
    return Math.sign(fen - min);
  }
  if (!isDecimal(value)) return null;
  return compareDecimals(parseDecimal(value), parseDecimal(threshold.min));
}

export function eligibilityFindings(context: RuleContext): Finding[] {
  const { applicant } = context.manifest;
  const findings: Finding[] = [];
  for (const item of context.profile.eligibility) {
    if (!appliesTo(item, applicant)) continue;
    if (item.threshold) {
      const value = factValue(applicant.facts, item.threshold.fact);
      const comparison = value === null ? null : compareFact(value, item);
      if (value !== null && comparison === null) {
        findings.push(makeFinding({
          rule: 'eligibility-fact-invalid', severity: 'warning', subject: item.id, clause: item.clause,
          zh: `资格条件“${item.label.zh}”：申报数据 ${item.threshold.fact} = “${value}” 不是数字`,
          en: `Eligibility "${item.label.en}": applicant fact ${item.threshold.fact} = "${value}" is not a number`,
        }));
      } else if (comparison !== null && comparison < 0) {
        findings.push(makeFinding({
          rule: 'eligibility-threshold', severity: 'error', subject: item.id, clause: item.clause,
          zh: `资格条件不满足：${item.label.zh}（申报 ${value}，要求不低于 ${item.threshold.min}）`,
          en: `Eligibility not met: ${item.label.en} (stated ${value}, at least ${item.threshold.min} required)`,
        }));
      }
    }
    const entry = context.review?.checklists[item.id];
    if (entry?.state === 'not-met') {
      const evidence = entry.evidence?.[0];
      findings.push(makeFinding({
        rule: 'eligibility-not-met', severity: 'error', subject: item.id, clause: item.clause,
        evidence: evidence ? { file: evidence.file, ...(evidence.page ? { page: evidence.page } : {}) } : null,
        zh: `评审认定资格条件不满足：${item.label.zh}`,
        en: `Reviewer marked eligibility not met: ${item.label.en}`,
      }));
    }
  }
  return findings;
}
