// A reviewed Shenzhen dossier for the export tests: three reviewers, cuts, findings, checklists,
// invoices with a reviewer's correction, an audit log and text cells that try formula injection.
import { createHash } from 'node:crypto';
import type { Hasher } from '../../../src-renderer/core/ports';
import type { AuditEntry, ReviewFile } from '../../../src-renderer/core/types';
import type { ExportDossier } from '../../../src-renderer/core/export/model';
import { nextAuditEntry, type AuditEvent } from '../../../src-renderer/core/audit';
import { computeDossierId } from '../../../src-renderer/core/import/pipeline';

export const nodeHasher: Hasher = {
  async sha256(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
  },
};

async function chain(events: (AuditEvent & { time: string })[]): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (const event of events) out.push(await nextAuditEntry(out.at(-1), event, { now: () => event.time }, nodeHasher));
  return out;
}

export const auditLog = await chain([
  { time: '2024-10-18T09:00:00+08:00', actor: '王审计', action: 'import', target: 'dossier', before: null, after: { files: 3 } },
  { time: '2024-10-18T09:10:00+08:00', actor: '王审计', action: 'field.confirm', target: 'invoices/001.pdf#1/totalAmount', before: '12720.00', after: '12720.00' },
  { time: '2024-10-18T09:20:00+08:00', actor: '王审计', action: 'cut.add', target: 'C2', before: null, after: { amount: '2000.00', reason: 'amount-mismatch' } },
]);

const auditor: ReviewFile = {
  schema: 'dossier-desk/review@1',
  dossierId: 'd'.repeat(64),
  program: 'shenzhen-2024-dsp',
  reviewer: { name: '王审计', role: 'auditor' },
  conflictOfInterest: { declared: false, note: '' },
  cuts: [
    { claimId: 'C2', amount: '2000.00', reason: 'amount-mismatch', note: '发票金额小于申报金额' },
    { claimId: 'C1', amount: '1000.00', reason: 'other', note: '=HYPERLINK("http://evil","x")' },
  ],
  scores: {},
  fields: [{ file: 'invoices/002.pdf', page: 1, field: 'sellerName', value: '广州市云服务示例有限公司' }],
  findings: [{ id: 'F1', status: 'accepted', note: '已核减' }],
  checklists: {
    'material-1': { state: 'met', evidence: [{ file: 'application.pdf', page: 3 }] },
    'eligibility-1': { state: 'not-met', note: '+成立不足三年' },
  },
  decision: { signedAt: '2024-10-20T10:00:00+08:00' },
  auditLog: [],
};

const expert = (name: string, scores: Record<string, string>, declared = false): ReviewFile => ({
  schema: 'dossier-desk/review@1',
  program: 'shenzhen-2024-dsp',
  reviewer: { name, role: 'expert' },
  conflictOfInterest: { declared, note: declared ? '曾为申报单位提供咨询' : '' },
  cuts: [],
  scores,
  fields: [],
  findings: [],
  checklists: {},
  decision: { signedAt: '2024-10-21T15:00:00+08:00' },
  auditLog: [],
});

function sampleDossierWithId(dossierId: string): ExportDossier {
  return {
    dossierId,
    manifest: {
      schema: 'dossier-desk/dossier@1',
      program: 'shenzhen-2024-dsp',
      applicant: { name: '深圳市示例数字科技有限公司', creditCode: '91440300MA5EXAMPLE', category: 'comprehensive' },
      documents: [{ file: 'invoices/001.pdf', kind: 'invoice' }, { file: 'invoices/002.pdf', kind: 'invoice' }, { file: 'application.pdf', kind: 'application' }],
      claims: [
        { id: 'C1', description: '数字化转型咨询服务', counterparty: '广州市云服务示例有限公司', contractNo: 'SZ-2024-001', invoiceNumbers: ['24442000000123456789'], amount: '12720.00' },
        { id: 'C2', description: '-云资源租用', contractNo: 'SZ-2024-002', invoiceNumbers: ['24442000000123456790'], amount: '10000.00' },
      ],
    },
    profile: {
      id: 'shenzhen-2024-dsp',
      name: '深圳市2024年中小企业数字化转型服务商支持计划',
      version: '2024.1',
      rubric: [
        { id: 'basic', label: '基本情况', max: '25' },
        { id: 'capability', label: '服务能力', max: '35' },
      ],
      checklist: [
        { id: 'material-1', label: '申报书', group: 'materials' },
        { id: 'material-2', label: '营业执照', group: 'materials' },
        { id: 'eligibility-1', label: '在深圳经营满3年', group: 'eligibility' },
      ],
    },
    reviews: [auditor, expert('李专家', { basic: '20', capability: '30.5' }), expert('赵专家', { basic: '15', capability: '28' }, true)],
    report: {
      program: 'shenzhen-2024-dsp',
      profileVersion: '2024.1',
      claimedFen: 2272000,
      cutFen: 300000,
      approvedFen: 1972000,
      cutRatio: '0.1320',
      threshold: '0.20',
      verdict: 'pass',
      headroomFen: 154400,
      subsidy: null,
      score: { total: '46.75', band: '<60', awardCapFen: 0 },
      findings: [
        { id: 'F1', rule: 'invoice-amount', severity: 'error', message: '发票金额与申报金额不符', claimId: 'C2', clause: '五(九)', evidence: { file: 'invoices/002.pdf', page: 1 } },
        { id: 'F2', rule: 'contact-shared', severity: 'warning', message: '@联系人与其他申报单位相同' },
      ],
    },
    panel: {
      total: '46.75', band: '<60', scores: { basic: '17.5', capability: '29.25' }, chair: '陈组长',
      flags: [{ code: 'conflict', message: '赵专家申明利益冲突', reviewer: '赵专家' }],
      resolutions: [{ criterion: 'basic', value: '17.5', note: '取两位专家平均' }],
    },
    extractions: [
      {
        file: 'invoices/001.pdf', sha256: 'a'.repeat(64), errors: [],
        invoices: [{
          page: 1, method: 'text', confidence: {}, boxes: {},
          fields: {
            invoiceCode: null, invoiceNumber: '24442000000123456789', issueDate: '2024-05-20', buyerName: '深圳市示例数字科技有限公司',
            buyerTaxId: '91440300MA5EXAMPLE', sellerName: '广州市云服务示例有限公司', sellerTaxId: '91440101MA5SAMPLE',
            items: [{ name: '*信息技术服务*数字化转型咨询服务', amount: '12000.00' }], amountExclTax: '12000.00', taxAmount: '720.00',
            totalAmount: '12720.00', totalInWords: '壹万贰仟柒佰贰拾圆整', remarks: '合同编号 SZ-2024-001',
          },
          checks: [{ id: 'sum', ok: true, message: '金额+税额=价税合计' }],
        }],
      },
      {
        file: 'invoices/002.pdf', sha256: 'b'.repeat(64), errors: [],
        invoices: [{
          page: 1, method: 'ocr', confidence: { sellerName: 0.6 }, boxes: {},
          fields: {
            invoiceCode: null, invoiceNumber: '24442000000123456790', issueDate: '2024-06-01', buyerName: '深圳市示例数字科技有限公司',
            buyerTaxId: '91440300MA5EXAMPLE', sellerName: '广州市云服务示俐有限公司', sellerTaxId: '91440101MA5SAMPLE',
            items: [{ name: '云资源', amount: '7547.17' }], amountExclTax: '7547.17', taxAmount: '452.83',
            totalAmount: '8000.00', totalInWords: '捌仟圆整', remarks: null,
          },
          checks: [{ id: 'sum', ok: false, message: '价税合计与申报金额不符' }],
        }],
      },
    ],
    files: [
      { file: 'invoices/001.pdf', kind: 'invoice', sha256: 'a'.repeat(64), size: 20430 },
      { file: 'invoices/002.pdf', kind: 'invoice', sha256: 'b'.repeat(64), size: 18012 },
      { file: 'application.pdf', kind: 'application', sha256: 'c'.repeat(64), size: 120000 },
    ],
    auditLog,
  };
}

/** The id import gives the sample (its manifest and file hashes), which verify recomputes. */
const sampleDossierId = await (async () => {
  const dossier = sampleDossierWithId('');
  return computeDossierId(nodeHasher, dossier.manifest, dossier.files.map((file) => ({ path: file.file, sha256: file.sha256 })));
})();

export function sampleDossier(): ExportDossier {
  return sampleDossierWithId(sampleDossierId);
}
