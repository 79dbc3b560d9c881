// The originals kept outside IndexedDB (db/original-mirror.ts): each once, content-addressed by its
// SHA-256, within the quota; put back into a store the browser deleted when the review is restored
// from its mirror, each only when its bytes still give its SHA-256; what cannot be put back is named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierStore } from '../../src-renderer/db';
import { AuditMirror, restoreFromMirrors } from '../../src-renderer/db/audit-mirror';
import { keepOriginals, keptOriginals, originalName, ORIGINALS_MAX_BYTES, restoreOriginals, type StorageEstimate } from '../../src-renderer/db/original-mirror';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;
const openStore = () => new DossierStore({ hasher: testHasher, clock, name: `originals-test-${counter++}`, storage: {} }).open();
const noRoomSaid: StorageEstimate = async () => null;

describe('the originals kept outside IndexedDB', () => {
  let store: DossierStore;
  let files: ReturnType<typeof memorySideStore>;
  let id: string;
  let originals: Map<string, { sha256: string; bytes: Uint8Array }>;
  beforeEach(async () => {
    store = await openStore();
    files = memorySideStore();
    const report = await smallDossier();
    id = report.dossierId;
    originals = new Map(report.documents.map((document) => [document.path, { sha256: document.sha256, bytes: document.bytes }]));
    await store.saveImport(report, '审查员');
  });
  afterEach(() => store.close());

  it('keeps each original once, under its SHA-256, byte for byte', async () => {
    const known = await keptOriginals(store, files);
    expect(await keepOriginals(store, files, id, noRoomSaid, known)).toEqual({ kept: 2, notKept: [] });
    for (const { sha256, bytes } of originals.values()) expect(files.bytes.get(originalName(sha256))).toEqual(bytes);
    expect(known.bytes).toBe([...originals.values()].reduce((sum, { bytes }) => sum + bytes.byteLength, 0));
    // Kept already: nothing is written again, also after the list is read anew.
    expect(await keepOriginals(store, files, id, noRoomSaid, await keptOriginals(store, files))).toEqual({ kept: 0, notKept: [] });
  });

  it('keeps nothing beyond the quota: the browser storage half full, or the originals over their ceiling', async () => {
    const halfFull: StorageEstimate = async () => ({ usage: 500_000, quota: 1_000_000 });
    const outcome = await keepOriginals(store, files, id, halfFull, await keptOriginals(store, files));
    expect(outcome.kept).toBe(0);
    expect(outcome.notKept.map((entry) => entry.path).sort()).toEqual(['contract.pdf', 'invoices/001.xml']);
    expect(outcome.notKept[0]!.reason).toMatch(/more than 50% full \(500000 of 1000000 bytes used\)/);
    const nearCeiling = { names: new Set<string>(), bytes: ORIGINALS_MAX_BYTES - 10 };
    expect((await keepOriginals(store, files, id, noRoomSaid, nearCeiling)).notKept[0]!.reason).toMatch(/would exceed 2147483648 bytes/);
    expect(files.bytes.size).toBe(0);
  });

  it('puts the originals back into a store the browser deleted, with the review from its mirror: no file to import again', async () => {
    const mirror = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now });
    mirror.schedule(id);
    await mirror.flush();
    await keepOriginals(store, files, id, noRoomSaid, await keptOriginals(store, files));
    const fresh = await openStore();
    try {
      const [restored] = (await restoreFromMirrors(fresh, files, testHasher, async () => null)).restored;
      expect(restored!.missingFiles).toEqual(['contract.pdf', 'invoices/001.xml']);
      expect(await restoreOriginals(fresh, files, testHasher, id)).toEqual([]);
      expect(await fresh.missingOriginals(id)).toEqual([]);
      for (const { sha256, bytes } of originals.values()) expect(new Uint8Array(await (await fresh.original(sha256))!.arrayBuffer())).toEqual(bytes);
      expect((await fresh.checkIntegrity(id)).ok).toBe(true);
    } finally {
      fresh.close();
    }
  });

  it('puts back only originals whose bytes give their SHA-256, and names the others', async () => {
    const mirror = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now });
    mirror.schedule(id);
    await mirror.flush();
    await keepOriginals(store, files, id, noRoomSaid, await keptOriginals(store, files));
    const contract = originals.get('contract.pdf')!;
    const changed = contract.bytes.slice();
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 0xff;
    files.bytes.set(originalName(contract.sha256), changed);
    files.bytes.delete(originalName(originals.get('invoices/001.xml')!.sha256));
    const fresh = await openStore();
    try {
      await restoreFromMirrors(fresh, files, testHasher, async () => null);
      expect(await restoreOriginals(fresh, files, testHasher, id)).toEqual(['contract.pdf', 'invoices/001.xml']);
      expect(await fresh.original(contract.sha256)).toBeUndefined();
      // A store that has its originals is left as it is.
      expect(await restoreOriginals(store, files, testHasher, id)).toEqual([]);
    } finally {
      fresh.close();
    }
  });
});
