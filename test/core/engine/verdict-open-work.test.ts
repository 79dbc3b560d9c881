import { describe, expect, it } from 'vitest';
import { openWorkOf, qualifyVerdict } from '../../../src-renderer/core/engine/verdict-open-work';
import { qualifiedVerdictLabel } from '../../../src-renderer/core/export/labels';
import { evaluateDossier } from '../../../src-renderer/core/engine';
import type { Finding, Proposal } from '../../../src-renderer/core/types';
import { manifest, profile, review } from './builders';

const finding = (id: string, severity: Finding['severity'], status?: Finding['status'], rule = 'some-rule'): Finding =>
  ({ id, rule, severity, message: id, ...(status ? { status } : {}) });
const proposal = (id: string, status: Proposal['status']): Proposal =>
  ({ id, reason: 'amount-mismatch', amountFen: 100, message: id, messageEn: id, evidence: [], status });

describe('open work deciding the verdict', () => {
  it('counts error findings neither accepted nor dismissed; warnings, infos and the verdict finding aside', () => {
    const findings = [
      finding('e1', 'error'), finding('e2', 'error', 'open'), finding('e3', 'error', 'accepted'), finding('e4', 'error', 'dismissed'),
      finding('w1', 'warning'), finding('i1', 'info'), finding('cut', 'error', undefined, 'audit-cut-threshold'),
    ];
    expect(openWorkOf({ findings })).toEqual({ errorFindings: 2, proposals: 0, proposedCutFen: 0 });
  });
  it("the review's decisions as they stand now win over the statuses of the report", () => {
    const findings = [finding('e1', 'error'), finding('e2', 'error', 'accepted'), finding('e3', 'error')];
    const decisions = [{ id: 'e1', status: 'dismissed' as const }, { id: 'e2', status: 'open' as const }];
    // e1 decided since the report, e2 reopened, e3 untouched.
    expect(openWorkOf({ findings, decisions })).toEqual({ errorFindings: 2, proposals: 0, proposedCutFen: 0 });
  });
  it("counts open proposals from their statuses, or from the review's cuts and rejections when it is given", () => {
    // Proposals of 1.00 each; C1 declares 1.50, C2 5.00.
    const reconciliation = [
      { claimId: 'C1', declaredFen: 150, proposals: [proposal('C1:a', 'open'), proposal('C1:b', 'accepted')] },
      { claimId: 'C2', declaredFen: 500, proposals: [proposal('C2:a', 'rejected'), proposal('C2:b', 'open')] },
    ];
    expect(openWorkOf({ findings: [], reconciliation })).toEqual({ errorFindings: 0, proposals: 2, proposedCutFen: 200 });
    // Since the report: C1:a accepted (a cut of 1.00 names it), C1:b's cut removed, C2:b rejected. C1:b is
    // open, capped at the 0.50 C1 has left.
    const now = {
      cuts: [{ claimId: 'C1', amount: '1.00', proposal: 'C1:a' }, { claimId: 'C2', amount: '0.30' }],
      proposals: { 'C2:a': { status: 'rejected' as const }, 'C2:b': { status: 'rejected' as const } },
    };
    expect(openWorkOf({ findings: [], reconciliation, review: now })).toEqual({ errorFindings: 0, proposals: 1, proposedCutFen: 50 });
    expect(openWorkOf({ findings: [], reconciliation: null })).toEqual({ errorFindings: 0, proposals: 0, proposedCutFen: 0 });
  });
});

describe('the verdict qualified', () => {
  const none = { errorFindings: 0, proposals: 0, proposedCutFen: 0 };
  it('is settled when nothing is open, and when the review is signed whatever is open', () => {
    expect(qualifyVerdict('pass', none, { signed: false })).toMatchObject({ provisional: false, verdictIfAccepted: null });
    expect(qualifyVerdict('pass', { errorFindings: 7, proposals: 2, proposedCutFen: 0 }, { signed: true, verdictIfAccepted: 'fail' })).toMatchObject({ provisional: false, signed: true, verdictIfAccepted: null });
  });
  it('is provisional while an error finding or a proposal is open, pass or fail', () => {
    expect(qualifyVerdict('pass', { errorFindings: 1, proposals: 0, proposedCutFen: 0 }, { signed: false }).provisional).toBe(true);
    expect(qualifyVerdict('pass', { errorFindings: 0, proposals: 1, proposedCutFen: 0 }, { signed: false }).provisional).toBe(true);
    expect(qualifyVerdict('fail', { errorFindings: 3, proposals: 0, proposedCutFen: 0 }, { signed: false }).provisional).toBe(true);
  });
  it('names the verdict if the proposals are accepted only when a pass would turn into a fail', () => {
    expect(qualifyVerdict('pass', { errorFindings: 0, proposals: 2, proposedCutFen: 0 }, { signed: false, verdictIfAccepted: 'fail' }).verdictIfAccepted).toBe('fail');
    expect(qualifyVerdict('pass', { errorFindings: 0, proposals: 2, proposedCutFen: 0 }, { signed: false, verdictIfAccepted: 'pass' }).verdictIfAccepted).toBeNull();
    // A report of an earlier review may still say pass-if-accepted for a review that fails now: a fail stays a fail.
    expect(qualifyVerdict('fail', { errorFindings: 0, proposals: 2, proposedCutFen: 0 }, { signed: false, verdictIfAccepted: 'pass' }).verdictIfAccepted).toBeNull();
    expect(qualifyVerdict('pass', { errorFindings: 4, proposals: 0, proposedCutFen: 0 }, { signed: false, verdictIfAccepted: 'fail' }).verdictIfAccepted).toBeNull();
  });
  it('is stated in exports with what is open', () => {
    expect(qualifiedVerdictLabel(qualifyVerdict('pass', none, { signed: false }))).toBe('通过');
    expect(qualifiedVerdictLabel(qualifyVerdict('pass', { errorFindings: 7, proposals: 2, proposedCutFen: 0 }, { signed: false, verdictIfAccepted: 'fail' })))
      .toBe('通过（暂定：按已确认核减计算；尚有 7 项错误待处理、2 项核减建议未处理；建议全部采纳则不通过）');
    expect(qualifiedVerdictLabel(qualifyVerdict('fail', { errorFindings: 1, proposals: 0, proposedCutFen: 0 }, { signed: false }))).toBe('不通过（暂定：按已确认核减计算；尚有 1 项错误待处理）');
    expect(qualifiedVerdictLabel(qualifyVerdict('pass', { errorFindings: 1, proposals: 0, proposedCutFen: 0 }, { signed: true }))).toBe('通过');
  });
  it("on a real report: the open error findings of the engine's own check are counted", () => {
    // A service bought from the applicant itself: a related-party error.
    const dossier = manifest('shenzhen-2024-dsp', 'comprehensive', [{ amount: '6000.00', counterparty: '测试申报有限公司' }, { amount: '4000.00' }]);
    const report = evaluateDossier({ profile: profile('shenzhen-2024-dsp'), manifest: dossier, review: review('shenzhen-2024-dsp') });
    const errors = report.findings.filter((entry) => entry.severity === 'error');
    expect(report.verdict).toBe('pass');
    expect(errors.length).toBeGreaterThan(0);
    expect(openWorkOf({ findings: report.findings }).errorFindings).toBe(errors.length);
    const decided = errors.map((entry) => ({ id: entry.id, status: 'dismissed' as const }));
    expect(openWorkOf({ findings: report.findings, decisions: decided }).errorFindings).toBe(0);
  });
});
