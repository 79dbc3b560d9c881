// Required materials: an applicable item with no document of its kind in the dossier, or one the
// reviewer marked not met. Items that do not apply (other category, other registration) are skipped.

import type { Finding } from '../../types';
import { appliesTo } from './applicability';
import type { RuleContext } from './context';
import { makeFinding } from './make-finding';

export function materialFindings(context: RuleContext): Finding[] {
  const { applicant, documents } = context.manifest;
  const kinds = new Set(documents.map((document) => document.kind));
  const findings: Finding[] = [];
  for (const item of context.profile.materials) {
    if (!appliesTo(item, applicant)) continue;
    const entry = context.review?.checklists[item.id];
    if (entry?.state === 'not-met') {
      findings.push(makeFinding({
        rule: 'material-not-met', severity: 'error', subject: item.id, clause: item.clause,
        zh: `评审认定申报材料不合格或缺失：${item.label.zh}`,
        en: `Reviewer marked the material missing or deficient: ${item.label.en}`,
      }));
      continue;
    }
    const missingKinds = item.documentKinds.filter((kind) => !kinds.has(kind));
    if (documents.length > 0 && missingKinds.length > 0 && entry?.state !== 'met' && entry?.state !== 'not-applicable') {
      findings.push(makeFinding({
        rule: 'material-missing', severity: 'warning', subject: item.id, clause: item.clause,
        zh: `未找到申报材料：${item.label.zh}（缺少 ${missingKinds.join('、')} 类文件）`,
        en: `Material not found: ${item.label.en} (no ${missingKinds.join(', ')} document)`,
      }));
    }
  }
  return findings;
}
