// The check of a mirror held at the start (AuditMirror.checkHeld) gives the window's thread a turn
// between its steps (#15): at 10,000 rows it takes seconds, and a reload or close waits for the
// window's thread (one trace: a reload held 3.1 s behind it, the check a chain of awaits in one task).
// The import file's UTF-8 and the recomputed dossier id (several MB at 10,000 rows) are made in slices,
// by the same functions as the store's whole check (db/json-slices), not in one task each.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Hasher } from '../../src-renderer/core/ports';
import { DossierStore } from '../../src-renderer/db';
import { AuditMirror, MIRROR_IMPORT_SCHEMA } from '../../src-renderer/db/audit-mirror';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { mirroredSmallDossier } from './mirrored-dossier';

const sliced = vi.hoisted(() => ({ utf8: [] as string[], dossierIds: [] as string[] }));
vi.mock('../../src-renderer/db/json-slices', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src-renderer/db/json-slices')>();
  return {
    ...original,
    utf8InSlices: (text: string, options?: Parameters<typeof original.utf8InSlices>[1]) => {
      sliced.utf8.push(text);
      return original.utf8InSlices(text, options);
    },
    dossierIdInSlices: async (...args: Parameters<typeof original.dossierIdInSlices>) => {
      const dossierId = await original.dossierIdInSlices(...args);
      sliced.dossierIds.push(dossierId);
      return dossierId;
    },
  };
});

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;
let store: DossierStore;
let files: ReturnType<typeof memorySideStore>;
let id: string;

beforeEach(async () => {
  store = await new DossierStore({ hasher: testHasher, clock, name: `mirror-check-turns-${counter++}`, storage: {} }).open();
  files = memorySideStore();
  const mirrored = await mirroredSmallDossier(store, files, clock.now);
  const { mirror } = mirrored;
  id = mirrored.id;
  await store.setReviewer(id, 'local', { name: '张三', role: 'auditor' }, '审查员');
  await mirror.flush();
});
afterEach(() => store.close());

it("gives the window's thread a turn before each hash of the check, and still finds the mirror whole", async () => {
  // Whether a task queued before the last hash (or the check's start) ran before this one.
  let turned = false;
  const queueTurn = () => {
    turned = false;
    setTimeout(() => { turned = true; }, 0);
  };
  const turns: boolean[] = [];
  const hasher: Hasher = {
    sha256: (bytes) => {
      turns.push(turned);
      queueTurn();
      return testHasher.sha256(bytes);
    },
  };
  const session = new AuditMirror(store, files, hasher, { delayMs: 5, now: clock.now });
  session.hold([id]);
  queueTurn();
  expect(await session.checkHeld([id], async () => null)).toEqual([]);
  // The import file, each of the log's entries, the dossier id.
  expect(turns.length).toBeGreaterThanOrEqual(5);
  expect(turns.every(Boolean)).toBe(true);
});

it("makes the import file's UTF-8 and the recomputed dossier id in slices", async () => {
  const session = new AuditMirror(store, files, testHasher, { delayMs: 5, now: clock.now });
  session.hold([id]);
  sliced.utf8.length = 0;
  sliced.dossierIds.length = 0;
  expect(await session.checkHeld([id], async () => null)).toEqual([]);
  expect(sliced.dossierIds).toEqual([id]);
  expect(sliced.utf8.some((text) => text.startsWith(`{"schema":"${MIRROR_IMPORT_SCHEMA}"`))).toBe(true);
});
