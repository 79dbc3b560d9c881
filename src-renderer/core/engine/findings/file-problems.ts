// Files the check could not use: every file the import refused (with its reason) and every file whose
// fields could not be read. Each is a finding naming the file, so a check on real files never passes
// over evidence it did not see. (A listed file that is absent is the pre-review's document-unreadable.)
// JSON files other than dossier.json are the reviewer's own (review files, saved extractions) kept
// beside the dossier, not part of it: their refusal is not a finding. Nor is finding no invoice,
// contract or receipt in a document that is none (an application form, a licence, an audit report:
// its kind as the manifest or the pre-review gives it); in evidence or an unclassified file it is.

import type { ImportProblem } from '../../import/problems';
import type { DocumentKind, Finding } from '../../types';
import { makeFinding } from './make-finding';

function isReviewerJson(entry: ImportProblem): boolean {
  return entry.code === 'unsupported-type' && entry.file.toLowerCase().endsWith('.json');
}

const EVIDENCE_KINDS: readonly DocumentKind[] = ['invoice', 'contract', 'payment'];

/** A placed document that is not evidence: its kind is another (application, licence …), or, unclassified, it sits in a material item that holds no evidence. */
export interface PlacedFile {
  file: string;
  kind: DocumentKind;
  /** The kinds of document the material item it was placed in holds (null: not placed). */
  materialKinds: readonly DocumentKind[] | null;
}

function isEvidence(placed: PlacedFile | undefined): boolean {
  if (!placed) return true;
  if (EVIDENCE_KINDS.includes(placed.kind)) return true;
  if (placed.kind !== 'other') return false;
  return placed.materialKinds === null || placed.materialKinds.length === 0 || placed.materialKinds.some((kind) => EVIDENCE_KINDS.includes(kind));
}

/** `documents`: each file's place in the pre-review, to tell a document without evidence from unreadable evidence. */
export function fileProblemFindings(problems: readonly ImportProblem[], documents: readonly PlacedFile[] = []): Finding[] {
  const placedByFile = new Map(documents.map((document) => [document.file, document]));
  const findings: Finding[] = [];
  for (const entry of problems) {
    if (entry.code === 'extract-failed') {
      if (entry.message.endsWith('(not-an-invoice)') && !isEvidence(placedByFile.get(entry.file))) continue;
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
