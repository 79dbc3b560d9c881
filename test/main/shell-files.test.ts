import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DossierReadError, readDossier, writeFileAtomic, type FileSystem } from '../../src-main/main/files';
import { DOSSIER_LIMITS } from '../../src-main/shared/contract';

vi.mock('electron', () => ({}));

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'dossier-files-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function write(relativePath: string, content: string | Uint8Array) {
  const target = join(base, relativePath);
  mkdirSync(join(target, '..'), { recursive: true });
  writeFileSync(target, content);
}

describe('readDossier', () => {
  it('reads a folder recursively with forward-slash paths, skipping hidden entries and links', async () => {
    write('申报/dossier.json', '{"schema":"dossier-desk/dossier@1"}');
    write('申报/invoices/001.pdf', '%PDF-1.7');
    write('申报/.DS_Store', 'x');
    write('申报/.git/config', 'x');
    write('outside.txt', 'secret');
    symlinkSync(join(base, 'outside.txt'), join(base, '申报', 'invoices', 'link.pdf'));
    symlinkSync(base, join(base, '申报', 'loop'));
    const dossier = await readDossier('folder', [join(base, '申报')]);
    expect(dossier.name).toBe('申报');
    expect(dossier.source).toBe('folder');
    expect(dossier.files.map((file) => file.path)).toEqual(['dossier.json', 'invoices/001.pdf']);
    expect(new TextDecoder().decode(dossier.files[1]!.bytes)).toBe('%PDF-1.7');
    expect(dossier.skipped).toEqual([
      { path: 'invoices/link.pdf', reason: 'a symbolic link (not followed)' },
      { path: 'loop', reason: 'a symbolic link (not followed)' },
    ]);
  });

  it('skips a file above the size limit, naming it, and keeps the rest', async () => {
    write('d/big.pdf', new Uint8Array(2048));
    write('d/small.pdf', new Uint8Array(10));
    const dossier = await readDossier('folder', [join(base, 'd')], fs, { ...DOSSIER_LIMITS, maxFileBytes: 1024 });
    expect(dossier.files.map((file) => file.path)).toEqual(['small.pdf']);
    expect(dossier.skipped).toEqual([{ path: 'big.pdf', reason: 'larger than 1024 bytes' }]);
  });

  it('refuses a dossier above the total limit, or with too many files, as a whole', async () => {
    write('d/a.pdf', new Uint8Array(600));
    write('d/b.pdf', new Uint8Array(600));
    await expect(readDossier('folder', [join(base, 'd')], fs, { ...DOSSIER_LIMITS, maxTotalBytes: 1000 })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('b.pdf'),
    });
    await expect(readDossier('folder', [join(base, 'd')], fs, { ...DOSSIER_LIMITS, maxFiles: 1 })).rejects.toBeInstanceOf(DossierReadError);
  });

  it('stops descending below the depth limit and says where', async () => {
    write('d/1/2/3/deep.pdf', 'x');
    write('d/top.pdf', 'x');
    const dossier = await readDossier('folder', [join(base, 'd')], fs, { ...DOSSIER_LIMITS, maxDepth: 2 });
    expect(dossier.files.map((file) => file.path)).toEqual(['top.pdf']);
    expect(dossier.skipped).toEqual([{ path: '1/2/3', reason: 'nested deeper than 2 folders' }]);
  });

  it('hands a zip over as the archive itself (unpacked later in the sandboxed renderer)', async () => {
    write('in/dossier.zip', new Uint8Array([0x50, 0x4b, 3, 4]));
    const dossier = await readDossier('zip', [join(base, 'in', 'dossier.zip')]);
    expect(dossier).toEqual({
      name: 'dossier.zip',
      source: 'zip',
      files: [{ path: 'dossier.zip', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) }],
      skipped: [],
    });
  });

  it('reads picked files by name and reports the unreadable one', async () => {
    write('picked/001.pdf', 'a');
    write('picked/002.xml', 'b');
    const dossier = await readDossier('files', [join(base, 'picked', '001.pdf'), join(base, 'picked', 'gone.pdf'), join(base, 'picked', '002.xml')]);
    expect(dossier.name).toBe('picked');
    expect(dossier.files.map((file) => file.path)).toEqual(['001.pdf', '002.xml']);
    expect(dossier.skipped).toEqual([{ path: 'gone.pdf', reason: 'the file no longer exists' }]);
  });

  it('says so when none of the picked files can be read', async () => {
    await expect(readDossier('files', [join(base, 'nope.pdf')])).rejects.toMatchObject({ code: 'unreadable', message: expect.stringContaining('nope.pdf') });
  });

  it('names an unreadable folder', async () => {
    await expect(readDossier('folder', [join(base, 'missing')])).rejects.toMatchObject({ code: 'unreadable', message: expect.stringContaining('missing') });
  });
});

describe('writeFileAtomic', () => {
  it('replaces the target and leaves no temporary file', async () => {
    const target = join(base, '审查结果.xlsx');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, new TextEncoder().encode('new content'));
    expect(readFileSync(target, 'utf8')).toBe('new content');
    expect(readdirSync(base)).toEqual(['审查结果.xlsx']);
  });

  it('keeps the old file and removes the temporary one when the rename fails', async () => {
    const target = join(base, 'report.pdf');
    writeFileSync(target, 'old');
    const failingRename: FileSystem = {
      ...fs,
      rename: async () => {
        throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
      },
    };
    await expect(writeFileAtomic(target, new Uint8Array([1, 2]), failingRename)).rejects.toThrow('EXDEV');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(base)).toEqual(['report.pdf']);
  });

  it('writes the temporary file in the target folder (rename never crosses file systems)', async () => {
    const opened: string[] = [];
    const spying: FileSystem = { ...fs, open: ((path: string, ...rest: unknown[]) => (opened.push(path), (fs.open as (...a: unknown[]) => unknown)(path, ...rest))) as FileSystem['open'] };
    await writeFileAtomic(join(base, 'a.json'), new Uint8Array([1]), spying);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.startsWith(join(base, '.a.json.'))).toBe(true);
  });
});
