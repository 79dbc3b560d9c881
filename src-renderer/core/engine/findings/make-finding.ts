// One constructor for findings, so every rule reports the same shape: a stable id (rule and
// subject), zh-CN message first with an English one beside it, the clause, the claim and the page.

import type { Finding, Severity } from '../../types';

export interface FindingDraft {
  rule: string;
  severity: Severity;
  zh: string;
  en: string;
  subject?: string;
  claimId?: string;
  clause?: string | null;
  evidence?: { file: string; page?: number } | null;
}

export function makeFinding(draft: FindingDraft): Finding {
  const subject = draft.subject ?? draft.claimId;
  const finding: Finding = {
    id: subject ? `${draft.rule}:${subject}` : draft.rule,
    rule: draft.rule,
    severity: draft.severity,
    message: draft.zh,
    messageEn: draft.en,
  };
  if (draft.claimId) finding.claimId = draft.claimId;
  if (draft.clause) finding.clause = draft.clause;
  if (draft.evidence) finding.evidence = draft.evidence;
  return finding;
}
