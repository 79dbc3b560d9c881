// Decisions on reconciliation proposals go through the one write path (reduceEdit, then the store's
// recordReviewChange) into Dexie,
// each with one audit entry; the stored review reads them back, the integrity check replays them,
// and the review file exported with its log agrees with that log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { compareReviewWithAuditLog } from '../../src-renderer/core/audit';
import { describeAuditEntry, type AuditVocabulary } from '../../src-renderer/core/audit/describe';
import { reduceEdit, type ReviewEdit } from '../../src-renderer/core/review/edits';
import type { ReviewFile } from '../../src-renderer/core/types';
import { DossierDatabase, DossierStore, SCHEMA_VERSIONS, declareSchema } from '../../src-renderer/db';
import { readStoredReview } from '../../src-renderer/db/review-rows';
import { storedDossier } from './stored-dossier';


const zhVocabulary: AuditVocabulary = {
  language: 'zh', field: (name) => name, reason: (code) => ({ 'amount-mismatch': '金额不符', 'missing-payment': '付款不足' })[code] ?? code,
  item: (id) => id, state: (code) => ({ accepted: '已采纳', rejected: '未采纳', open: '待决定' })[code] ?? code,
};

describe('proposal decisions in the store', () => {
  let store: DossierStore;
  let id: string;
  let review: ReviewFile;

  async function write(edit: ReviewEdit) {
    const effect = reduceEdit(review, edit, { dossierId: id, reviewerId: 'local' });
    review = effect.review;
    if (effect.change) await store.recordReviewChange(id, 'local', effect.change, '审查员');
  }

  async function stored(): Promise<ReviewFile> {
    return readStoredReview(store, (await store.getDossier(id))!, 'local');
  }

  const accept = (proposalId: string, amount: string): ReviewEdit => ({
    type: 'proposal', proposalId, claimId: 'R001',
    decision: { status: 'accepted', cut: { claimId: 'R001', amount, reason: proposalId.endsWith('payment') ? 'missing-payment' : 'amount-mismatch', note: '发票不足', proposal: proposalId } },
  });

  beforeEach(async () => {
    ({ store, id } = await storedDossier('proposals-test', {
      now: '2026-12-04T21:00:00+08:00',
      claims: [{ id: 'R001', amount: '12000.00', invoiceNumbers: ['24442000000123456789'] }, { id: 'R002', amount: '500.00' }],
    }));
    review = await stored();
  });
  afterEach(() => store.close());

  it('accepting stores a cut under the proposal id beside the reviewer\'s own cut, and reads back as the review holds it', async () => {
    await write({ type: 'cut', claimId: 'R001', cut: { claimId: 'R001', amount: '100.00', reason: 'other', note: '手工' } });
    await write(accept('R001:amount-mismatch', '2000.00'));
    await write(accept('R001:missing-payment', '1000.00'));
    const back = await stored();
    expect(back.cuts.map((cut) => [cut.amount, cut.proposal ?? null]).sort()).toEqual([['100.00', null], ['1000.00', 'R001:missing-payment'], ['2000.00', 'R001:amount-mismatch']]);
    expect(back.cuts).toEqual(expect.arrayContaining(review.cuts));
    expect((await store.db.cuts.get(`${id}:R001:amount-mismatch`))?.cut.proposal).toBe('R001:amount-mismatch');
    // Changing the reviewer's own cut leaves the accepted proposals alone.
    await write({ type: 'cut', claimId: 'R001', cut: null });
    expect((await stored()).cuts.map((cut) => cut.proposal).sort()).toEqual(['R001:amount-mismatch', 'R001:missing-payment']);
    expect(review.cuts.map((cut) => cut.proposal).sort()).toEqual(['R001:amount-mismatch', 'R001:missing-payment']);
  });

  it('rejecting removes the accepting cut and stores the rejection with its note; reopening removes both; one audit entry each', async () => {
    await write(accept('R001:amount-mismatch', '2000.00'));
    await write({ type: 'proposal', proposalId: 'R001:amount-mismatch', claimId: 'R001', decision: { status: 'rejected', note: '补充发票已核实' } });
    let back = await stored();
    expect(back.cuts).toEqual([]);
    expect(back.proposals).toEqual({ 'R001:amount-mismatch': { status: 'rejected', note: '补充发票已核实' } });
    await write({ type: 'proposal', proposalId: 'R001:amount-mismatch', claimId: 'R001', decision: { status: 'open' } });
    back = await stored();
    expect(back.cuts).toEqual([]);
    expect(back.proposals).toBeUndefined();
    const log = await store.auditLog(id);
    expect(log.map((entry) => entry.action)).toEqual(['dossier.import', 'proposal.accept', 'proposal.reject', 'proposal.reopen']);
    expect(log[2]).toMatchObject({ target: 'proposal:R001:amount-mismatch', before: { status: 'accepted' }, after: { status: 'rejected', note: '补充发票已核实' } });
    expect(describeAuditEntry(log[1]!, zhVocabulary)).toBe('采纳申报项 R001 的核减建议“金额不符”：待决定 → 已采纳，核减 ¥2,000.00（理由：金额不符；备注：“发票不足”；采纳建议 R001:amount-mismatch）');
    expect(describeAuditEntry(log[2]!, zhVocabulary)).toContain('不采纳申报项 R001 的核减建议“金额不符”：已采纳，核减 ¥2,000.00');
    expect(describeAuditEntry(log[2]!, zhVocabulary)).toContain('→ 未采纳（说明：“补充发票已核实”）');
  });

  it('the integrity check stays green through accept, reject and reopen, and names a decision changed behind the log', async () => {
    await write(accept('R001:amount-mismatch', '2000.00'));
    await write(accept('R001:missing-payment', '1000.00'));
    await write({ type: 'proposal', proposalId: 'R001:missing-payment', claimId: 'R001', decision: { status: 'rejected', note: '' } });
    await write({ type: 'proposal', proposalId: 'R001:missing-payment', claimId: 'R001', decision: { status: 'open' } });
    await write({ type: 'proposal', proposalId: 'R001:missing-payment', claimId: 'R001', decision: { status: 'rejected', note: '已收款' } });
    expect((await store.checkIntegrity(id)).problems).toEqual([]);
    // The review file with its log agrees too (what the JSON package is checked against).
    const back = await stored();
    expect(compareReviewWithAuditLog(back, back.auditLog)).toEqual([]);

    await store.db.proposalDecisions.delete(`${id}:R001:missing-payment`);
    await store.db.cuts.update(`${id}:R001:amount-mismatch`, { cut: { claimId: 'R001', amount: '1.00', reason: 'amount-mismatch', proposal: 'R001:amount-mismatch' } });
    const report = await store.checkIntegrity(id);
    expect(report.ok).toBe(false);
    expect(report.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^cut R001:amount-mismatch: the store holds 1\.00, but audit entry 2 \(proposal\.accept/),
      expect.stringMatching(/^proposal R001:missing-payment: .*audit entry 6 \(proposal\.reject.*holds nothing/),
    ]);
  });

  it('a signed review refuses decisions, and a decision on an unknown claim is refused', async () => {
    await expect(store.decideProposal(id, 'local', 'R009:amount-mismatch', 'R009', { status: 'open' }, '审查员')).rejects.toThrow('claim R009 is not in dossier');
    await store.signOff(id, 'local', '2026-12-04T21:10:00+08:00', '审查员');
    const decision = accept('R001:amount-mismatch', '2000.00');
    if (decision.type !== 'proposal') throw new Error('accept gives a proposal edit');
    await expect(store.decideProposal(id, 'local', decision.proposalId, decision.claimId, decision.decision, '审查员')).rejects.toThrow(/locked/);
  });
});

describe('schema version 4', () => {
  it('version 3 → 4 keeps every row and adds the evidence readings and proposal decisions', async () => {
    const name = 'migration-3-4';
    const v3 = new Dexie(name);
    declareSchema(v3, 3);
    await v3.open();
    await v3.table('cuts').add({ id: 'D1:C1', dossierId: 'D1', reviewerId: 'local', claimId: 'C1', cut: { claimId: 'C1', amount: '1.00', reason: 'other' } });
    await v3.table('reviews').add({ dossierId: 'D1', reviewerId: 'local', reviewer: { name: '张三', role: 'auditor' }, conflictOfInterest: { declared: false, note: '' }, decision: {} });
    v3.close();
    const latest = new DossierDatabase(name);
    await latest.open();
    expect(latest.verno).toBe(SCHEMA_VERSIONS.length);
    expect(await latest.cuts.get('D1:C1')).toMatchObject({ cut: { amount: '1.00' } });
    expect(await latest.reviews.get(['D1', 'local'])).toMatchObject({ reviewer: { name: '张三' } });
    await latest.proposalDecisions.put({ id: 'D1:C1:amount-mismatch', dossierId: 'D1', reviewerId: 'local', claimId: 'C1', proposalId: 'C1:amount-mismatch', status: 'rejected', note: '' });
    expect(await latest.proposalDecisions.where('dossierId').equals('D1').count()).toBe(1);
    expect(await latest.evidenceReadings.where('dossierId').equals('D1').count()).toBe(0);
    latest.close();
  });
});
