// The app's export of the open dossier (collectOpenDossier → exportDossiers, what the export-json
// button runs) on a store holding two dossiers of one round that share a contact phone and claim the
// same invoice: the package's report carries the cross-dossier finding, and `dossier-desk verify`,
// which re-runs the engine on the package, finds it intact.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HostApi, SaveRequest } from '../../src-main/shared/contract';
import { createNodeExtractPorts } from '../../src-main/cli/adapters';
import { runCli } from '../../src-main/cli/main';
import { extractFiles } from '../../src-renderer/core/extract/pipeline';
import { parseDossierPackage } from '../../src-renderer/core/export/package';
import { importDossier } from '../../src-renderer/core/import';
import type { DossierManifest } from '../../src-renderer/core/types';
import { webCryptoHasher } from '../../src-renderer/platform/hasher';
import { collectOpenDossier } from '../../src-renderer/state/export-collect';
import { loadDossier } from '../../src-renderer/state/session';
import { getStore } from '../../src-renderer/state/store';
import { useWorkspace } from '../../src-renderer/state/workspace';
import { exportDossiers } from '../../src-renderer/ui/export/export-dossier';
import { importSampleDossier, sampleBytes, sampleManifest } from './app/sample';

// Profiles come from resources/profiles on disk instead of the app server.
vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));
// Every invoice below is read before the dossier opens, so the background OCR has nothing to do.
vi.mock('../../src-renderer/platform/extract-client', () => import('./app/no-extraction-worker'));

const require = createRequire(import.meta.url);
const font = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));
const INVOICE = '发票/23442000001510000027.xml';
const work = mkdtempSync(join(tmpdir(), 'export-collect-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A one-claim dossier of the sample's round claiming row R0004's invoice, under another applicant when given. */
async function importRoundDossier(applicant: DossierManifest['applicant']) {
  const claim = sampleManifest.claims.find((entry) => entry.id === 'R0004')!;
  const { row } = await importSampleDossier({ applicant, documents: [{ file: INVOICE, kind: 'invoice' }], claims: [claim] });
  const store = await getStore();
  const ports = createNodeExtractPorts({ ocr: false });
  try {
    const [extraction] = await extractFiles([{ path: INVOICE, bytes: sampleBytes(INVOICE) }], ports);
    await store.saveExtraction(row.id, INVOICE, extraction!, { engine: 'dossier-desk', ocrModel: null, settings: 'default' });
  } finally {
    await ports.dispose();
  }
  return row.id;
}

function recordingHost() {
  const saved: SaveRequest[] = [];
  const host = {
    saveExport: async (request: SaveRequest) => {
      saved.push(request);
      return { ok: true, value: { path: request.suggestedName } };
    },
  } as unknown as HostApi;
  return { host, saved };
}

describe('export of the open dossier from the app', () => {
  it('packages the engine inputs (peer dossiers) so that verify recomputes the cross-dossier findings', async () => {
    const first = await importRoundDossier(sampleManifest.applicant);
    await importRoundDossier({
      name: '深圳市另一家数字服务有限公司', creditCode: '91440300MA5H000000', category: 'comprehensive',
      contact: { name: '王小红', phone: sampleManifest.applicant.contact!.phone! },
    });
    const store = await getStore();
    await store.setCut(first, 'local', 'R0004', { claimId: 'R0004', amount: '20000.00', reason: 'amount-mismatch', note: '合同金额较低' }, '审查员');
    await loadDossier(first);
    expect(useWorkspace.getState().open?.id).toBe(first);

    const { host, saved } = recordingHost();
    const dossiers = await collectOpenDossier();
    await exportDossiers('json', dossiers, { host, environment: { hasher: webCryptoHasher, loadFont: async () => font } });
    const parsed = parseDossierPackage(new TextDecoder().decode(saved[0]!.bytes));
    if (!('pkg' in parsed)) throw new Error(parsed.problem);
    const file = join(work, 'package.json');
    writeFileSync(file, saved[0]!.bytes);
    let stdout = '';
    let stderr = '';
    const code = await runCli(['verify', file], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: work });
    expect(stderr).toBe('');
    expect(stdout).toContain('summary recomputed by the engine');
    expect(stdout).toMatch(/review 1 by .* recomputed from its audit log \(2 entries\)/);
    expect(code).toBe(0);

    const packaged = parsed.pkg.dossiers[0]!;
    expect(packaged.dossierId).toBe(first);
    expect(packaged.summary.report.cutFen).toBe(2_000_000);
    expect(packaged.summary.report.findings.map((finding) => finding.rule)).toContain('shared-contact-phone');
    expect(packaged.evaluation?.peers.map((peer) => peer.dossier)).toEqual(['深圳市另一家数字服务有限公司']);
  }, 30_000);

  it('refuses to export a dossier whose stored cut no longer agrees with its audit log, naming the cut and the entry', async () => {
    const id = await importRoundDossier({ name: '深圳市第三家数字服务有限公司', creditCode: '91440300MA5H000001', category: 'comprehensive' });
    const store = await getStore();
    await store.setCut(id, 'local', 'R0004', { claimId: 'R0004', amount: '1000.00', reason: 'amount-mismatch', note: '' }, '审查员');
    await loadDossier(id);
    await store.db.cuts.update(`${id}:R0004`, { cut: { claimId: 'R0004', amount: '5.00', reason: 'amount-mismatch', note: '' } });
    await expect(collectOpenDossier()).rejects.toThrow(/^无法导出：存储数据与审计日志不一致。核减 R0004：存储值为 5\.00，但审计日志第 2 条（cut\.set，审查员，.*）记录为 1000\.00$/);
  });

  it('says why a files-only import (no dossier.json, no program) has nothing to export, instead of an HTTP 404', async () => {
    const report = await importDossier([{ path: INVOICE, bytes: sampleBytes(INVOICE) }], { hasher: webCryptoHasher });
    const store = await getStore();
    const row = await store.saveImport(report, '审查员');
    await loadDossier(row.id);
    expect(useWorkspace.getState().open?.manifest.program).toBe('');
    const refusal = collectOpenDossier();
    await expect(refusal).rejects.toThrow(/^无法导出审查结果：此卷宗没有 dossier\.json，未指明资助计划/);
    await expect(refusal).rejects.not.toThrow(/404|profiles\//);
  });
});
