// An edit shows as saved only once it would survive the browser deleting the store (#20): the mirror
// outside IndexedDB tells when it holds an entry (AuditMirror.whenMirrored), and review-sync counts a
// stored edit as "saving" until then. A kill right after "saved" that also lost the store lost the
// cut in a held-out run of kills at random moments, before this.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierStore } from '../../src-renderer/db';
import { AuditMirror, mirrorLogName, mirrorStateName } from '../../src-renderer/db/audit-mirror';
import { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
let counter = 0;
const openStore = () => new DossierStore({ hasher: testHasher, clock, name: `mirror-saved-test-${counter++}`, storage: {} }).open();
const CUT = { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch', note: '' } as const;

describe('when the mirror holds an entry', () => {
  let store: DossierStore;
  let files: ReturnType<typeof memorySideStore>;
  let id: string;
  beforeEach(async () => {
    store = await openStore();
    files = memorySideStore();
    const report = await smallDossier();
    id = report.dossierId;
    await store.saveImport(report, '审查员');
  });
  afterEach(() => store.close());

  it('resolves only once the entry is in the mirrored log and the state bound to it is written', async () => {
    let releaseState!: () => void;
    const stateHeld = new Promise<void>((resolve) => (releaseState = resolve));
    let holdState = false;
    const held = { ...files, writeSideFile: async (name: string, text: string) => {
      if (holdState && name === mirrorStateName(id)) await stateHeld;
      return files.writeSideFile(name, text);
    } };
    const errors: unknown[] = [];
    const mirror = new AuditMirror(store, held, testHasher, { delayMs: 5, now: clock.now, onError: (_, error) => errors.push(error) });
    const unfollow = mirror.follow();
    await mirror.flush();
    holdState = true;
    const entry = await store.setCut(id, 'local', 'C01', CUT, '审查员');
    let settled = false;
    const mirrored = mirror.whenMirrored(id, entry.seq).then(() => { settled = true; });
    await expect.poll(() => files.files.get(mirrorLogName(id)) ?? '', { timeout: 2000 }).toContain(`"seq":${entry.seq}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    releaseState();
    await mirrored;
    expect(files.files.get(mirrorStateName(id))).toContain('"amount":"1000.00"');
    // An entry already mirrored resolves at once.
    await mirror.whenMirrored(id, entry.seq);
    expect(errors).toEqual([]);
    unfollow();
  });

  it('resolves when the mirror could not be written (the store holds the edit; the failure is told)', async () => {
    const errors: unknown[] = [];
    const full = async (): Promise<null> => { throw new Error('the disk is full'); };
    const broken = { ...files, appendSideFile: full, writeSideFile: full };
    const mirror = new AuditMirror(store, broken, testHasher, { delayMs: 5, now: clock.now, onError: (_, error) => errors.push(error) });
    const unfollow = mirror.follow();
    const entry = await store.setCut(id, 'local', 'C01', CUT, '审查员');
    await mirror.whenMirrored(id, entry.seq);
    expect(String(errors[0])).toMatch(/disk is full/);
    unfollow();
  });
});
