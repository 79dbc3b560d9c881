// The desktop shell's side files (src-main/main/side-files.ts): named files (text, or bytes: originals) in one fixed folder
// of the data folder, reached by the renderer only through the bridge's side-file handlers.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostHandlers, type HostHandlerDeps } from '../../src-main/main/host-handlers';
import { createAuditHeadKeeper } from '../../src-main/main/audit-heads';
import { createInvokeHandler } from '../../src-main/main/ipc';
import { MENU_STRINGS } from '../../src-main/main/menu';
import { createSideFileKeeper, SideFileNameError } from '../../src-main/main/side-files';
import { MAX_SIDE_FILE_BYTES } from '../../src-main/shared/contract';
import { recordingLogger } from './fakes';

vi.mock('electron', () => ({}));

let base: string;
let folder: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'dossier-side-'));
  folder = join(base, 'userData', 'side-files');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function handlers(sideFolder = folder) {
  const log = recordingLogger();
  const deps: HostHandlerDeps = {
    dialog: {} as HostHandlerDeps['dialog'], parentWindow: () => null, fs, appInfo: () => ({ name: '', version: '', mode: 'desktop', versions: {} }),
    setLanguage: () => undefined, strings: () => MENU_STRINGS.en, defaultSaveFolder: () => base, log,
    auditHeads: createAuditHeadKeeper({ read: () => null, write: () => undefined }),
    readyToClose: () => undefined,
    sideFiles: createSideFileKeeper(sideFolder, fs),
  };
  return { handlers: createHostHandlers(deps), log };
}

const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://dossier-desk/index.html', parent: null, detached: false } } as never;

describe('side files in the data folder', () => {
  it('writes, appends, reads, lists and removes files in the fixed folder only', async () => {
    const { handlers: host } = handlers();
    await expect(host.readSideFile('mirror-a.jsonl')).resolves.toEqual({ ok: true, value: null });
    await expect(host.listSideFiles('')).resolves.toEqual({ ok: true, value: [] });
    await expect(host.writeSideFile('mirror-a.json', '{"审核":1}')).resolves.toEqual({ ok: true, value: null });
    await host.appendSideFile('mirror-a.jsonl', 'line 1\n');
    await host.appendSideFile('mirror-a.jsonl', 'line 2\n');
    await host.writeSideFile('other.txt', 'x');
    await expect(host.readSideFile('mirror-a.json')).resolves.toEqual({ ok: true, value: '{"审核":1}' });
    await expect(host.readSideFile('mirror-a.jsonl')).resolves.toEqual({ ok: true, value: 'line 1\nline 2\n' });
    await expect(host.listSideFiles('mirror-')).resolves.toEqual({ ok: true, value: ['mirror-a.json', 'mirror-a.jsonl'] });
    expect(readdirSync(folder).sort()).toEqual(['mirror-a.json', 'mirror-a.jsonl', 'other.txt']);
    await host.writeSideFile('mirror-a.json', 'replaced');
    expect(readFileSync(join(folder, 'mirror-a.json'), 'utf8')).toBe('replaced');
    // The atomic write leaves no temporary file behind.
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await expect(host.removeSideFile('mirror-a.json')).resolves.toEqual({ ok: true, value: null });
    await expect(host.removeSideFile('mirror-a.json')).resolves.toEqual({ ok: true, value: null });
    expect(existsSync(join(folder, 'mirror-a.json'))).toBe(false);
  });

  it('keeps bytes (an original of a dossier) as they are, replaced atomically, through the bridge with its names and size checked', async () => {
    const { handlers: host } = handlers();
    const original = Uint8Array.from({ length: 70_000 }, (_, index) => (index * 31) % 256);
    const name = `original-${'a'.repeat(64)}`;
    const write = createInvokeHandler('writeSideBytes', host.writeSideBytes, (id) => id === 1, recordingLogger());
    const read = createInvokeHandler('readSideBytes', host.readSideBytes, (id) => id === 1, recordingLogger());
    await expect(read(trusted, name)).resolves.toEqual({ ok: true, value: null });
    await expect(write(trusted, name, original)).resolves.toEqual({ ok: true, value: null });
    expect(new Uint8Array(readFileSync(join(folder, name)))).toEqual(original);
    await expect(read(trusted, name)).resolves.toEqual({ ok: true, value: original });
    await expect(host.listSideFiles('original-')).resolves.toEqual({ ok: true, value: [name] });
    await write(trusted, name, original.subarray(0, 5));
    await expect(read(trusted, name)).resolves.toEqual({ ok: true, value: original.subarray(0, 5) });
    expect(readdirSync(folder).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
    await expect(write(trusted, '../original-x', original)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await expect(write(trusted, name, 'text, not bytes')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await expect(write(trusted, name, new Uint8Array(MAX_SIDE_FILE_BYTES + 1))).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining(`at most ${MAX_SIDE_FILE_BYTES} bytes`) } });
    await expect(read(trusted, 'original-../x')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(existsSync(join(base, 'userData', 'x'))).toBe(false);
    const keeper = createSideFileKeeper(folder, fs);
    await expect(keeper.writeSideBytes('../escaped', original)).rejects.toBeInstanceOf(SideFileNameError);
    await expect(keeper.readSideBytes('../secret.json')).rejects.toBeInstanceOf(SideFileNameError);
  });

  it('never reaches outside its folder, whatever name the keeper is given', async () => {
    mkdirSync(join(base, 'userData'), { recursive: true });
    writeFileSync(join(base, 'userData', 'secret.json'), 'x');
    const keeper = createSideFileKeeper(folder, fs);
    for (const name of ['../secret.json', '..', '../../etc/passwd', '/etc/passwd', 'a/../../b', 'sub/x', '.hidden', 'A.json', 'a\0b', 'x'.repeat(121), '']) {
      await expect(keeper.writeSideFile(name, 'overwritten'), name).rejects.toBeInstanceOf(SideFileNameError);
      await expect(keeper.readSideFile(name), name).rejects.toBeInstanceOf(SideFileNameError);
      await expect(keeper.appendSideFile(name, 'x'), name).rejects.toBeInstanceOf(SideFileNameError);
      await expect(keeper.removeSideFile(name), name).rejects.toBeInstanceOf(SideFileNameError);
    }
    await expect(keeper.listSideFiles('../')).rejects.toBeInstanceOf(SideFileNameError);
    expect(readFileSync(join(base, 'userData', 'secret.json'), 'utf8')).toBe('x');
  });

  it('lists only plain side files (no folders, no temporary or foreign names)', async () => {
    mkdirSync(join(folder, 'mirror-dir'), { recursive: true });
    writeFileSync(join(folder, '.mirror-x.json.abc.tmp'), 'partial');
    writeFileSync(join(folder, 'mirror-b.json'), 'b');
    writeFileSync(join(folder, 'Mirror-C.json'), 'c');
    await expect(createSideFileKeeper(folder, fs).listSideFiles('mirror')).resolves.toEqual(['mirror-b.json']);
  });

  it('answers a failed write with the file and the reason, and logs it', async () => {
    writeFileSync(join(base, 'not-a-folder'), 'file where the folder should be');
    const { handlers: host, log } = handlers(join(base, 'not-a-folder'));
    const result = await host.writeSideFile('mirror-a.json', 'x');
    expect(result).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringMatching(/side file mirror-a\.json.*write failed/) } });
    expect(JSON.stringify(log.lines)).toContain('mirror-a.json');
    await expect(host.readSideFile('mirror-a.json')).resolves.toMatchObject({ ok: false, error: { code: 'unreadable' } });
  });

  it('is reached through the bridge with validated names only', async () => {
    const { handlers: host } = handlers();
    const write = createInvokeHandler('writeSideFile', host.writeSideFile, (id) => id === 1, recordingLogger());
    const read = createInvokeHandler('readSideFile', host.readSideFile, (id) => id === 1, recordingLogger());
    await expect(write(trusted, 'mirror-a.json', 'kept')).resolves.toEqual({ ok: true, value: null });
    await expect(read(trusted, 'mirror-a.json')).resolves.toEqual({ ok: true, value: 'kept' });
    await expect(write(trusted, '../../shell-state.json', 'x')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(existsSync(join(base, 'userData', 'shell-state.json'))).toBe(false);
  });
});
