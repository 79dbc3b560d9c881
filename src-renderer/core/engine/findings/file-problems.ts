// Files the check could not use: every file the import refused (with its reason) and every file whose
// fields could not be read. Each is a finding naming the file, so a check on real files never passes
// over evidence it did not see. (A listed file that is absent is the pre-review's document-unreadable.)
// JSON files other than dossier.json are the reviewer's own (review files, saved extractions) kept
// beside the dossier, not part of it: their refusal is not a finding.

import type { ImportProblem } from '../../import/problems';
import type { Finding } from '../../types';
import { makeFinding } from './make-finding';

function isReviewerJson(entry: ImportProblem): boolean {
  return entry.code === 'unsupported-type' && entry.file.toLowerCase().endsWith('.json');
}

export function fileProblemFindings(problems: readonly ImportProblem[]): Finding[] {
  const findings: Finding[] = [];
  for (const entry of problems) {
    if (entry.code === 'extract-failed') {
      findings.push(makeFinding({
        rule: 'file-unreadable', severity: 'warning', subject: `${entry.file}:${entry.message}`, evidence: { file: entry.file },
        zh: `文件 ${entry.file} 的内容未能识别：${entry.message}`,
        en: `${entry.file}: its fields could not be read: ${entry.message}`,
      }));
    } else if (entry.severity === 'error' && entry.code !== 'manifest-invalid' && entry.file && !isReviewerJson(entry)) {
      findings.push(makeFinding({
        rule: 'file-refused', severity: 'error', subject: `${entry.file}:${entry.code}`, evidence: { file: entry.file },
        zh: `文件 ${entry.file} 未被导入（${entry.code}）：${entry.message}`,
        en: `${entry.file} was refused (${entry.code}): ${entry.message}`,
      }));
    }
  }
  return findings;
}
