// The mirror's first write of a dossier writes its import rows (a 10,000-row dossier's row, documents and
// claims: several MB of JSON) built in slices that give the window back (db/json-slices), not by one
// JSON.stringify of the whole; the file is JSON.stringify's text as before, named by its SHA-256.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DossierStore } from '../../src-renderer/db';
import { AuditMirror, MIRROR_IMPORT_SCHEMA, mirrorImportPrefix, mirrorStateName, readMirror } from '../../src-renderer/db/audit-mirror';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };

describe('the mirror\'s import file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is not one JSON.stringify of the whole import, and is the same text, named by its hash', async () => {
    const store = await new DossierStore({ hasher: testHasher, clock, name: 'mirror-import-slices', storage: {} }).open();
    try {
      const files = memorySideStore();
      const mirror = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now });
      mirror.follow();
      const report = await smallDossier();
      const id = report.dossierId;
      const stringify = vi.spyOn(JSON, 'stringify');
      await store.saveImport(report, '审查员');
      await mirror.flush();
      const whole = stringify.mock.calls.filter(([value]) => (value as { schema?: unknown } | null)?.schema === MIRROR_IMPORT_SCHEMA);
      stringify.mockRestore();
      expect(whole).toEqual([]);
      const [importFile, ...more] = [...files.files.keys()].filter((name) => name.startsWith(mirrorImportPrefix(id)));
      expect(more).toEqual([]);
      const text = files.files.get(importFile!)!;
      // The text JSON.stringify gives for what the file holds (its format unchanged), under the name and hash the state gives.
      expect(JSON.stringify(JSON.parse(text))).toBe(text);
      const state = JSON.parse(files.files.get(mirrorStateName(id))!) as { import: { file: string; sha256: string } };
      expect(state.import).toEqual({ file: importFile, sha256: await testHasher.sha256(new TextEncoder().encode(text)) });
      const read = await readMirror(files, testHasher, id);
      expect(read && 'reason' in read ? read.reason : read?.rows.claims.length).toBe(report.manifest.claims.length);
    } finally {
      store.close();
    }
  });
});
