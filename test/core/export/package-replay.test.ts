// verify recomputes a workstation review from its audit log and checks it against the package's
// rows: a cut changed in the package, its last entry deleted, or the chain rewritten and re-hashed
// (against the head of an earlier export) are each named, even when every hash and the seal were
// recomputed to match.
import { describe, expect, it } from 'vitest';
import { nextAuditEntry, type AuditEvent } from '../../../src-renderer/core/audit';
import { buildDossierPackage, verifyDossierPackage, type DossierPackage } from '../../../src-renderer/core/export/package';
import type { ExportDossier } from '../../../src-renderer/core/export/model';
import type { AuditEntry, ReviewFile } from '../../../src-renderer/core/types';
import { nodeHasher, sampleDossier } from './fixture';

const versions = { app: '0.1.0', engine: 'engine-1', ocrModel: 'chi_sim 4.0.0' };

async function chain(dossierId: string, events: AuditEvent[]): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (const [index, event] of events.entries()) {
    out.push(await nextAuditEntry(out.at(-1), event, { now: () => `2024-10-20T10:0${index}:00+08:00` }, nodeHasher));
  }
  return out;
}

/** The store's own actions and targets, as the workstation writes them. */
function events(dossierId: string, cutAmount = '1000.00'): AuditEvent[] {
  return [
    { actor: '王审计', action: 'dossier.import', target: `dossier:${dossierId}`, before: null, after: { files: [], rejected: [], claims: 2 } },
    { actor: '王审计', action: 'cut.set', target: 'cut:C1', before: null, after: { claimId: 'C1', amount: cutAmount, reason: 'other', note: '' } },
    { actor: '王审计', action: 'invoice.confirm', target: `invoice:${dossierId}:invoices/002.pdf#1:sellerName`, before: '广州市云服务示俐有限公司', after: '广州市云服务示例有限公司' },
    { actor: '王审计', action: 'checklist.set', target: 'checklist:local:material-1', before: null, after: { state: 'met' } },
    { actor: '王审计', action: 'score.set', target: 'score:local:basic', before: null, after: '20' },
  ];
}

async function workstationDossier(log?: AuditEntry[], cutAmount = '1000.00'): Promise<ExportDossier> {
  const base = sampleDossier();
  const auditLog = log ?? await chain(base.dossierId, events(base.dossierId, cutAmount));
  const review: ReviewFile = {
    schema: 'dossier-desk/review@1', dossierId: base.dossierId, program: 'shenzhen-2024-dsp', reviewer: { name: '王审计', role: 'auditor' },
    conflictOfInterest: { declared: false, note: '' },
    cuts: [{ claimId: 'C1', amount: cutAmount, reason: 'other', note: '' }],
    scores: { basic: '20' },
    fields: [{ file: 'invoices/002.pdf', page: 1, field: 'sellerName', value: '广州市云服务示例有限公司' }],
    findings: [],
    checklists: { 'material-1': { state: 'met' } },
    auditLog,
  };
  return { ...base, reviews: [review], auditLog, panel: null };
}

function packageOf(dossier: ExportDossier, createdAt = '2024-10-22T09:00:00+08:00'): Promise<DossierPackage> {
  return buildDossierPackage({ dossiers: [dossier], exports: [], versions, createdAt }, nodeHasher);
}

describe('verify recomputes the review from its audit log', () => {
  it('finds a workstation package whose rows agree with its log intact', async () => {
    const result = await verifyDossierPackage(await packageOf(await workstationDossier()), nodeHasher);
    expect(result.problems).toEqual([]);
    expect(result.checked.map((check) => check.label)).toContain('dossier 1 (深圳市示例数字科技有限公司): review 1 by 王审计 recomputed from its audit log (5 entries)');
  });

  it('names the cut changed in the package, with every hash and the seal recomputed', async () => {
    const dossier = await workstationDossier();
    dossier.reviews[0]!.cuts[0]!.amount = '5.00';
    const result = await verifyDossierPackage(await packageOf(dossier), nodeHasher);
    expect(result.problems).toEqual([{
      kind: 'review-state', item: 'dossiers/0/reviews/0/cut:C1',
      message: 'dossier 1 (深圳市示例数字科技有限公司): review 1 by 王审计: cut C1: the package holds 5.00, but audit entry 2 (cut.set by 王审计 at 2024-10-20T10:01:00+08:00) left 1000.00',
    }]);
  });

  it('names the last entry deleted (head and seal recomputed): the score it set has no entry', async () => {
    const dossier = await workstationDossier();
    dossier.auditLog = dossier.auditLog.slice(0, -1);
    dossier.reviews[0]!.auditLog = dossier.auditLog;
    const result = await verifyDossierPackage(await packageOf(dossier), nodeHasher);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'dossier 1 (深圳市示例数字科技有限公司): review 1 by 王审计: score basic: the package holds "20" but no audit entry ever set it',
    ]);
  });

  it('names a changed confirmed field and a checklist entry removed from the package', async () => {
    const dossier = await workstationDossier();
    dossier.reviews[0]!.fields[0]!.value = '别的公司';
    dossier.reviews[0]!.checklists = {};
    const messages = (await verifyDossierPackage(await packageOf(dossier), nodeHasher)).problems.map((problem) => problem.item);
    expect(messages).toEqual(['dossiers/0/reviews/0/checklist:material-1', 'dossiers/0/reviews/0/invoice:invoices/002.pdf#1:sellerName']);
  });

  it('names the entry of a chain rewritten and re-hashed after an earlier export, against that export\'s head', async () => {
    const earlier = await packageOf(await workstationDossier(), '2024-10-21T09:00:00+08:00');
    const base = sampleDossier();
    const rewritten = await workstationDossier(await chain(base.dossierId, events(base.dossierId, '5.00')), '5.00');
    const later = await packageOf(rewritten);
    expect((await verifyDossierPackage(later, nodeHasher)).ok).toBe(true);
    const head = earlier.dossiers[0]!.auditHead!;
    const result = await verifyDossierPackage(later, nodeHasher, {
      knownHeads: [{ dossierId: base.dossierId, ...head, recordedAt: earlier.createdAt, source: 'the previous export earlier.json' }],
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: 'known-head', item: 'dossiers/0/audit-log#5' });
    expect(result.problems[0]!.message).toMatch(/audit entry 5 \(score.set score:local:basic\) is not the entry of the chain head recorded at 2024-10-21T09:00:00\+08:00 \(the previous export earlier.json: entry 5/);
    const printed = await verifyDossierPackage(later, nodeHasher, { knownHeads: [{ seq: 5, hash: head.hash.slice(0, 12), recordedAt: 'a review sheet', source: '--head' }] });
    expect(printed.problems.map((problem) => problem.kind)).toEqual(['known-head']);
    const grown = await verifyDossierPackage(later, nodeHasher, { knownHeads: [{ seq: 9, hash: head.hash, recordedAt: 'a review sheet', source: '--head' }] });
    expect(grown.problems[0]!.message).toMatch(/audit entry 9 is gone/);
  });
});
