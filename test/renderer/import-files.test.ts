import { describe, expect, it } from 'vitest';
import { filesFromFileList, inputFromOpenedDossier } from '../../src-renderer/platform/import-files';

describe('browser import input', () => {
  it('reads a File list with relative paths and leaves oversize files unread', async () => {
    const small = new File(['<a/>'], 'a.xml');
    Object.defineProperty(small, 'webkitRelativePath', { value: 'dossier/发票/a.xml' });
    const big = new File([new Uint8Array(2048)], 'big.pdf');
    const files = await filesFromFileList([small, big], { maxFileBytes: 1024 });
    expect(files[0]).toMatchObject({ path: 'dossier/发票/a.xml' });
    expect(files[0] && 'bytes' in files[0] && files[0].bytes.length).toBe(4);
    expect(files[1]).toEqual({ path: 'big.pdf', size: 2048, unread: 'too-large' });
  });

  it('turns what the host skipped into per-file reasons', () => {
    const input = inputFromOpenedDossier({
      name: 'd', source: 'folder', files: [{ path: 'a.xml', bytes: new Uint8Array([60]) }],
      skipped: [{ path: 'l.pdf', reason: 'symbolic link' }, { path: 'b.pdf', reason: 'larger than 200 MiB' }, { path: 'c.pdf', reason: 'EACCES' }],
    });
    expect(input.slice(1)).toEqual([
      { path: 'l.pdf', size: 0, unread: 'link' },
      { path: 'b.pdf', size: 0, unread: 'too-large', reason: 'larger than 200 MiB' },
      { path: 'c.pdf', size: 0, unread: 'unreadable', reason: 'EACCES' },
    ]);
  });
});
