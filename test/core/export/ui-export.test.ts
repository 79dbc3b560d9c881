// exportDossiers (what the export-xlsx/-json/-pdf buttons call) with a recording host, in Node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { HostApi, SaveRequest } from '../../../src-main/shared/contract';
import { downloadName, exportDossiers } from '../../../src-renderer/ui/export/export-dossier';
import { localIsoTime } from '../../../src-renderer/core/local-time';
import { parseDossierPackage, verifyDossierPackage } from '../../../src-renderer/core/export/package';
import { nodeHasher, sampleDossier } from './fixture';

const require = createRequire(import.meta.url);
const font = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));

function recordingHost(answer: (request: SaveRequest) => Awaited<ReturnType<HostApi['saveExport']>>) {
  const saved: SaveRequest[] = [];
  const host = {
    saveExport: async (request: SaveRequest) => {
      saved.push(request);
      return answer(request);
    },
  } as unknown as HostApi;
  return { host, saved };
}

const environment = { hasher: nodeHasher, loadFont: async () => font, now: new Date('2024-10-22T01:00:00Z'), nowIso: '2024-10-22T09:00:00+08:00' };

describe('exportDossiers (UI export buttons)', () => {
  it('saves the workbook through the host under its Chinese name with an xlsx filter', async () => {
    const { host, saved } = recordingHost((request) => ({ ok: true, value: { path: `/exports/${request.suggestedName}` } }));
    const outcome = await exportDossiers('xlsx', [sampleDossier()], { host, environment });
    expect(outcome.cancelled).toBe(false);
    expect(outcome.saved).toEqual([expect.stringMatching(/^\/exports\/审查结果-深圳市示例数字科技有限公司-20241022-\d{4}\.xlsx$/)]);
    expect(saved[0]!.filters).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
    expect(String.fromCharCode(saved[0]!.bytes[0]!, saved[0]!.bytes[1]!)).toBe('PK');
  });

  it('saves a package that verifies, and a PDF', async () => {
    const { host, saved } = recordingHost((request) => ({ ok: true, value: { path: request.suggestedName } }));
    await exportDossiers('json', [sampleDossier()], { host, environment });
    await exportDossiers('pdf', [sampleDossier()], { host, environment });
    expect(saved.map((request) => request.suggestedName)).toEqual([
      expect.stringMatching(/^审查结果包-深圳市示例数字科技有限公司-\d{8}-\d{4}\.json$/),
      expect.stringMatching(/^评审意见表-深圳市示例数字科技有限公司-\d{8}-\d{4}\.pdf$/),
    ]);
    const parsed = parseDossierPackage(new TextDecoder().decode(saved[0]!.bytes));
    if (!('pkg' in parsed)) throw new Error(parsed.problem);
    expect(parsed.pkg.createdAt).toBe('2024-10-22T09:00:00+08:00');
    expect((await verifyDossierPackage(parsed.pkg, nodeHasher)).ok).toBe(true);
    expect(new TextDecoder().decode(saved[1]!.bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('stops at a cancelled dialog and reports host errors', async () => {
    const cancelling = recordingHost(() => ({ ok: true, value: null }));
    expect(await exportDossiers('csv', [sampleDossier()], { host: cancelling.host, environment })).toEqual({ saved: [], cancelled: true });
    expect(cancelling.saved).toHaveLength(1);
    const failing = recordingHost(() => ({ ok: false, error: { code: 'write-failed', message: 'disk full' } }));
    await expect(exportDossiers('xlsx', [sampleDossier()], { host: failing.host, environment })).rejects.toThrow('disk full');
    await expect(exportDossiers('xlsx', [], { host: failing.host, environment })).rejects.toThrow('no dossier');
  });

  it('names each download by its dossier and time, without characters a file system refuses', () => {
    const when = new Date(2024, 9, 22, 9, 5);
    const dossier = sampleDossier();
    expect(downloadName('审查结果.xlsx', [dossier], when)).toBe('审查结果-深圳市示例数字科技有限公司-20241022-0905.xlsx');
    expect(downloadName('审查结果.xlsx', [dossier, sampleDossier()], when)).toBe('审查结果-2份申报-20241022-0905.xlsx');
    dossier.manifest = { ...dossier.manifest, applicant: { ...dossier.manifest.applicant, name: '恶意/公司\u202e<exe>: "x"?' } };
    expect(downloadName('评审意见表.pdf', [dossier], when)).toBe('评审意见表-恶意公司exe x-20241022-0905.pdf');
  });

  it('writes local time with its offset', () => {
    expect(localIsoTime(new Date('2024-10-22T01:00:00Z'))).toMatch(/^2024-10-2\dT\d\d:00:00[+-]\d\d:\d\d$/);
  });
});
