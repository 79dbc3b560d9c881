import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_HEADS_SCHEMA, createAuditHeadKeeper } from '../../src-main/main/audit-heads';
import { createHostHandlers, withSuggestedExtension, type HostHandlerDeps } from '../../src-main/main/host-handlers';
import { MENU_STRINGS } from '../../src-main/main/menu';
import { createSideFileKeeper } from '../../src-main/main/side-files';
import type { FileSystem } from '../../src-main/main/files';
import { recordingLogger } from './fakes';

vi.mock('electron', () => ({}));

let base: string;
let auditHeadsText: string | null = null;
beforeEach(() => {
  auditHeadsText = null;
  base = mkdtempSync(join(tmpdir(), 'dossier-host-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function handlersWith(dialog: Partial<HostHandlerDeps['dialog']>, fileSystem: FileSystem = fs) {
  const languages: string[] = [];
  const handlers = createHostHandlers({
    dialog: dialog as HostHandlerDeps['dialog'],
    parentWindow: () => null,
    fs: fileSystem,
    appInfo: () => ({ name: 'Dossier Desk', version: '0.1.0', mode: 'desktop', versions: { app: '0.1.0' } }),
    setLanguage: (language) => languages.push(language),
    strings: () => MENU_STRINGS.en,
    defaultSaveFolder: () => base,
    auditHeads: createAuditHeadKeeper({ read: () => auditHeadsText, write: (text) => { auditHeadsText = text; } }),
    readyToClose: () => undefined,
    sideFiles: createSideFileKeeper(join(base, 'userData', 'side-files'), fs),
    log: recordingLogger(),
  });
  return { handlers, languages };
}

describe('openDossier handler', () => {
  it('reads the folder picked in the dialog', async () => {
    mkdirSync(join(base, 'dossier', 'invoices'), { recursive: true });
    writeFileSync(join(base, 'dossier', 'invoices', '001.pdf'), '%PDF');
    const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: [join(base, 'dossier')] }));
    const { handlers } = handlersWith({ showOpenDialog });
    const result = await handlers.openDossier('folder');
    expect(result).toEqual({
      ok: true,
      value: { name: 'dossier', source: 'folder', files: [{ path: 'invoices/001.pdf', bytes: new TextEncoder().encode('%PDF') }], skipped: [] },
    });
    expect(showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openDirectory', 'dontAddToRecent'] }));
  });

  it('offers zip and dossier file filters', async () => {
    const showOpenDialog = vi.fn(async () => ({ canceled: true, filePaths: [] }));
    const { handlers } = handlersWith({ showOpenDialog });
    await handlers.openDossier('zip');
    await handlers.openDossier('files');
    expect(showOpenDialog.mock.calls[0]).toEqual([expect.objectContaining({ filters: [{ name: 'Zip archive', extensions: ['zip'] }] })]);
    expect(showOpenDialog.mock.calls[1]).toEqual([
      expect.objectContaining({ properties: expect.arrayContaining(['multiSelections']), filters: [expect.objectContaining({ extensions: expect.arrayContaining(['pdf', 'ofd', 'xml', 'png']) })] }),
    ]);
  });

  it('turns a dossier that cannot be read into an error result naming it', async () => {
    const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: [join(base, 'gone')] }));
    const { handlers } = handlersWith({ showOpenDialog });
    const result = await handlers.openDossier('folder');
    expect(result).toMatchObject({ ok: false, error: { code: 'unreadable', message: expect.stringContaining('gone') } });
  });
});

describe('saveExport handler', () => {
  it('writes atomically where the user chose and starts the next dialog there', async () => {
    mkdirSync(join(base, 'out'));
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: join(base, 'out', 'result.xlsx') }));
    const { handlers } = handlersWith({ showSaveDialog });
    const result = await handlers.saveExport({ suggestedName: 'result.xlsx', bytes: new Uint8Array([80, 75]) });
    expect(result).toEqual({ ok: true, value: { path: join(base, 'out', 'result.xlsx') } });
    expect(readFileSync(join(base, 'out', 'result.xlsx'))).toEqual(Buffer.from([80, 75]));
    await handlers.saveExport({ suggestedName: 'next.json', bytes: new Uint8Array([1]) });
    expect(showSaveDialog.mock.calls[1]).toEqual([expect.objectContaining({ defaultPath: join(base, 'out', 'next.json') })]);
  });

  it('adds the suggested extension when the user typed a bare name', () => {
    expect(withSuggestedExtension('/tmp/result', '审查.xlsx')).toBe('/tmp/result.xlsx');
    expect(withSuggestedExtension('/tmp/result.csv', '审查.xlsx')).toBe('/tmp/result.csv');
  });

  it('reports a failed write by file name and reason', async () => {
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: join(base, 'missing-folder', 'result.pdf') }));
    const { handlers } = handlersWith({ showSaveDialog });
    const result = await handlers.saveExport({ suggestedName: 'result.pdf', bytes: new Uint8Array([1]) });
    expect(result).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringContaining('result.pdf') } });
  });
});

describe('setLanguage and appInfo handlers', () => {
  it('apply the language and report the app', async () => {
    const { handlers, languages } = handlersWith({});
    await expect(handlers.setLanguage('en')).resolves.toEqual({ ok: true, value: 'en' });
    expect(languages).toEqual(['en']);
    await expect(handlers.appInfo()).resolves.toMatchObject({ ok: true, value: { mode: 'desktop' } });
  });
});

describe('audit-head handlers', () => {
  const dossierId = 'a'.repeat(64);
  it('keep the head of a dossier in the data-folder file and read it back, replacing the older one', async () => {
    const { handlers } = handlersWith({});
    await expect(handlers.auditHead(dossierId)).resolves.toEqual({ ok: true, value: null });
    await handlers.recordAuditHead({ dossierId, seq: 4, hash: 'b'.repeat(64), recordedAt: '2024-10-20T10:00:00+08:00' });
    await handlers.recordAuditHead({ dossierId: 'c'.repeat(64), seq: 1, hash: 'd'.repeat(64), recordedAt: '2024-10-20T10:00:00+08:00' });
    await handlers.recordAuditHead({ dossierId, seq: 5, hash: 'e'.repeat(64), recordedAt: '2024-10-20T11:00:00+08:00' });
    await expect(handlers.auditHead(dossierId)).resolves.toEqual({
      ok: true, value: { dossierId, seq: 5, hash: 'e'.repeat(64), recordedAt: '2024-10-20T11:00:00+08:00', source: 'data-folder' },
    });
    expect(JSON.parse(auditHeadsText!)).toMatchObject({ schema: AUDIT_HEADS_SCHEMA, heads: { [dossierId]: { seq: 5 }, ['c'.repeat(64)]: { seq: 1 } } });
  });

  it('read a damaged file as holding no head, and say when the file cannot be written', async () => {
    auditHeadsText = '{"heads": {"' + dossierId + '": {"seq": "five"}}}';
    const { handlers } = handlersWith({});
    await expect(handlers.auditHead(dossierId)).resolves.toEqual({ ok: true, value: null });
    const failing = createHostHandlers({
      dialog: {} as HostHandlerDeps['dialog'], parentWindow: () => null, fs, appInfo: () => ({ name: '', version: '', mode: 'desktop', versions: {} }),
      setLanguage: () => undefined, strings: () => MENU_STRINGS.en, defaultSaveFolder: () => base, log: recordingLogger(),
      auditHeads: createAuditHeadKeeper({ read: () => null, write: () => { throw new Error('EACCES: permission denied'); } }),
      readyToClose: () => undefined,
      sideFiles: createSideFileKeeper(join(base, 'side-files'), fs),
    });
    await expect(failing.recordAuditHead({ dossierId, seq: 1, hash: 'b'.repeat(64), recordedAt: '2024-10-20T10:00:00+08:00' }))
      .resolves.toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringMatching(/EACCES/) } });
  });
});
