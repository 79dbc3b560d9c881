// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebHost, getHost, type WebHostEnvironment } from '../../src-renderer/platform/host';
import { DOSSIER_FILE_EXTENSIONS, DOSSIER_LIMITS, HOST_CHANNELS, HOST_EVENTS, type HostApi } from '../../src-main/shared/contract';
import { FILE_TYPES, typeFromExtension } from '../../src-renderer/core/import/sniff';

vi.mock('electron', () => ({}));

function file(name: string, content: string, relativePath = ''): File {
  const picked = new File([content], name);
  if (relativePath) Object.defineProperty(picked, 'webkitRelativePath', { value: relativePath });
  return picked;
}

function environment(overrides: Partial<WebHostEnvironment> = {}): WebHostEnvironment & { created: Blob[]; revoked: string[] } {
  const created: Blob[] = [];
  const revoked: string[] = [];
  return {
    document,
    createObjectURL: (blob) => {
      created.push(blob);
      return `blob:test/${created.length}`;
    },
    revokeObjectURL: (url) => revoked.push(url),
    userAgent: 'test-agent',
    created,
    revoked,
    ...overrides,
  };
}

/** Answers the next file input the host opens with these files (or a cancel when null). */
function answerNextInput(files: File[] | null, inspect: (input: HTMLInputElement) => void = () => undefined) {
  const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementationOnce(function (this: HTMLInputElement) {
    inspect(this);
    if (files === null) {
      this.dispatchEvent(new Event('cancel'));
      return;
    }
    Object.defineProperty(this, 'files', { value: files, configurable: true });
    this.dispatchEvent(new Event('change'));
  });
  return click;
}

function directory(name: string, entries: Record<string, string | object>): object {
  return {
    kind: 'directory',
    name,
    async *values() {
      for (const [entryName, value] of Object.entries(entries)) {
        if (typeof value === 'string') yield { kind: 'file', name: entryName, getFile: async () => file(entryName, value) };
        else yield directory(entryName, value as Record<string, string | object>);
      }
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  delete window.dossierDesk;
});

describe('web host', () => {
  it('implements every contract member', () => {
    const host = createWebHost(environment());
    expect(Object.keys(host).sort()).toEqual([...Object.keys(HOST_CHANNELS), ...Object.keys(HOST_EVENTS)].sort());
  });

  it('keeps the audit head of a dossier in local storage, outside IndexedDB, and reads it back', async () => {
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
    const host = createWebHost(environment({ storage }));
    const dossierId = 'a'.repeat(64);
    await expect(host.auditHead(dossierId)).resolves.toEqual({ ok: true, value: null });
    await host.recordAuditHead({ dossierId, seq: 3, hash: 'b'.repeat(64), recordedAt: '2024-10-20T10:00:00Z' });
    await expect(host.auditHead(dossierId)).resolves.toEqual({ ok: true, value: { dossierId, seq: 3, hash: 'b'.repeat(64), recordedAt: '2024-10-20T10:00:00Z', source: 'browser' } });
    items.set(`dossier-desk:audit-head:${dossierId}`, '{"seq":"3"}');
    await expect(host.auditHead(dossierId)).resolves.toEqual({ ok: true, value: null });
  });

  it('reads a folder through showDirectoryPicker, skipping hidden entries', async () => {
    const picker = vi.fn(async () => directory('申报材料', { 'dossier.json': '{}', '.DS_Store': 'x', invoices: { '001.pdf': '%PDF' } }));
    const host = createWebHost(environment({ showDirectoryPicker: picker as never }));
    const result = await host.openDossier('folder');
    expect(result.ok && result.value && { name: result.value.name, paths: result.value.files.map((entry) => entry.path) }).toEqual({
      name: '申报材料',
      paths: ['dossier.json', 'invoices/001.pdf'],
    });
  });

  it('answers a cancelled directory picker with null', async () => {
    const picker = vi.fn(async () => Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    const host = createWebHost(environment({ showDirectoryPicker: picker as never }));
    await expect(host.openDossier('folder')).resolves.toEqual({ ok: true, value: null });
  });

  it('falls back to <input webkitdirectory> and strips the folder name from the paths', async () => {
    let configured: HTMLInputElement | null = null;
    answerNextInput(
      [file('001.pdf', '%PDF', 'dossier/invoices/001.pdf'), file('a', 'x', 'dossier/.git/a'), file('claims.csv', 'id', 'dossier/claims.csv')],
      (input) => (configured = input),
    );
    const host = createWebHost(environment());
    const result = await host.openDossier('folder');
    expect(configured!.webkitdirectory).toBe(true);
    expect(result.ok && result.value?.files.map((entry) => entry.path)).toEqual(['claims.csv', 'invoices/001.pdf']);
    expect(result.ok && result.value?.name).toBe('dossier');
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(0);
  });

  it('hands a zip over as the archive, and a cancelled input as null', async () => {
    let accept = '';
    answerNextInput([file('dossier.zip', 'PK')], (input) => (accept = input.accept));
    const host = createWebHost(environment());
    const result = await host.openDossier('zip');
    expect(accept).toContain('.zip');
    expect(result.ok && result.value).toMatchObject({ name: 'dossier.zip', source: 'zip', files: [{ path: 'dossier.zip' }] });
    answerNextInput(null);
    await expect(host.openDossier('files')).resolves.toEqual({ ok: true, value: null });
  });

  it('offers every file type the import reads when files are picked one by one, WEBP pictures too', async () => {
    let accept = '';
    answerNextInput(null, (input) => (accept = input.accept));
    await createWebHost(environment()).openDossier('files');
    expect(accept.split(',')).toEqual(DOSSIER_FILE_EXTENSIONS.map((extension) => `.${extension}`));
    expect(accept).toContain('.webp');
    const offered = new Set(DOSSIER_FILE_EXTENSIONS.map((extension) => typeFromExtension(extension)));
    expect(offered.has(null)).toBe(false);
    expect(FILE_TYPES.filter((type) => type !== 'zip' && !offered.has(type))).toEqual([]);
  });

  it('applies the same size limits as the desktop host', async () => {
    answerNextInput([file('big.pdf', 'x'.repeat(100)), file('small.pdf', 'x')]);
    const host = createWebHost(environment({ limits: { ...DOSSIER_LIMITS, maxFileBytes: 10 } }));
    const result = await host.openDossier('files');
    expect(result.ok && result.value).toMatchObject({ files: [{ path: 'small.pdf' }], skipped: [{ path: 'big.pdf', reason: 'larger than 10 bytes' }] });
    answerNextInput([file('a.pdf', 'x'.repeat(8)), file('b.pdf', 'x'.repeat(8))]);
    const whole = createWebHost(environment({ limits: { ...DOSSIER_LIMITS, maxTotalBytes: 10 } }));
    await expect(whole.openDossier('files')).resolves.toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringContaining('b.pdf') } });
  });

  it('saves an export as a download of a Blob URL', async () => {
    const env = environment();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    vi.useFakeTimers();
    const host = createWebHost(env);
    const result = await host.saveExport({ suggestedName: '审查结果.xlsx', bytes: new Uint8Array([80, 75, 3, 4]) });
    expect(result).toEqual({ ok: true, value: { path: '审查结果.xlsx' } });
    expect(clicked[0]!.download).toBe('审查结果.xlsx');
    expect(clicked[0]!.href).toBe('blob:test/1');
    expect(new Uint8Array(await env.created[0]!.arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]));
    vi.runAllTimers();
    vi.useRealTimers();
    expect(env.revoked).toEqual(['blob:test/1']);
  });

  it('reports web mode and its versions', async () => {
    const result = await createWebHost(environment()).appInfo();
    expect(result).toMatchObject({ ok: true, value: { mode: 'web', versions: { userAgent: 'test-agent', app: expect.any(String), engine: expect.any(String) } } });
  });

  it('getHost prefers the desktop bridge when present', () => {
    const desktop = { appInfo: vi.fn() } as unknown as HostApi;
    window.dossierDesk = desktop;
    expect(getHost()).toBe(desktop);
    delete window.dossierDesk;
    const web = getHost();
    expect(web).not.toBe(desktop);
    expect(getHost()).toBe(web);
  });
});
