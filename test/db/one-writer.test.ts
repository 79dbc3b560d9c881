// One writer per dossier: two windows on one dossier share the store (two DossierStore connections to
// one database). What one stores, the other shows at once; an edit made on an older version of the
// review than the store holds is refused (StaleEditError in the store; in the app, a notice and the
// stored review on screen); the export reads the store, never the screen's copy.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_NAME, DossierStore, StaleEditError } from '../../src-renderer/db';
import { webCryptoHasher } from '../../src-renderer/platform/hasher';
import { collectOpenDossier } from '../../src-renderer/state/export-collect';
import { stopWatchingReview } from '../../src-renderer/state/review-sync';
import { loadDossier } from '../../src-renderer/state/session';
import { getStore } from '../../src-renderer/state/store';
import { useUi } from '../../src-renderer/state/ui';
import { translate } from '../../src-renderer/i18n';
import { reviewVersion, useWorkspace } from '../../src-renderer/state/workspace';
import { importSampleDossier, sampleManifest } from './app/sample';

/** The notice as the app shows it, in the language of the moment. */
function shownNotice(): string | undefined {
  const { notice, language } = useUi.getState();
  if (!notice) return undefined;
  return 'code' in notice ? translate(language, notice.code, notice.params) : notice.text;
}

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));
vi.mock('../../src-renderer/platform/extract-client', () => import('./app/no-extraction-worker'));

const clock = { now: () => '2024-10-20T10:00:00+08:00' };
const cut = (amount: string) => ({ claimId: 'R0001', amount, reason: 'other' as const });
const windowB = new DossierStore({ hasher: webCryptoHasher, clock, name: DATABASE_NAME, storage: {} });

afterAll(() => {
  stopWatchingReview();
  windowB.close();
});

async function importOneClaim(name: string): Promise<string> {
  return (await importSampleDossier({ applicant: { ...sampleManifest.applicant, name }, claims: [sampleManifest.claims[0]!] })).row.id;
}

describe('one writer per dossier', () => {
  it('refuses in the store an edit made on an older review version, writing nothing', async () => {
    const id = await importOneClaim('深圳市甲数字服务有限公司');
    await windowB.open();
    const windowA = await getStore();
    expect(await windowA.reviewVersion(id)).toBe(1);
    await windowB.setCut(id, 'local', 'R0001', cut('200.00'), 'B', { basedOn: 1 });
    const stale = windowA.setCut(id, 'local', 'R0001', cut('100.00'), 'A', { basedOn: 1 });
    await expect(stale).rejects.toBeInstanceOf(StaleEditError);
    await expect(stale).rejects.toMatchObject({ basedOn: 1, stored: 2 });
    expect((await windowA.cuts(id)).map((row) => row.cut.amount)).toEqual(['200.00']);
    expect((await windowA.auditLog(id)).map((entry) => entry.actor)).toEqual(['审查员', 'B']);
    await windowA.setCut(id, 'local', 'R0001', cut('100.00'), 'A', { basedOn: 2 });
    expect((await windowA.cuts(id)).map((row) => row.cut.amount)).toEqual(['100.00']);
    expect((await windowA.checkIntegrity(id)).ok).toBe(true);
  });

  it("shows another window's stored edit at once, refuses a stale edit with a notice, and exports what is stored", async () => {
    const id = await importOneClaim('深圳市乙数字服务有限公司');
    await loadDossier(id);
    const workspace = () => useWorkspace.getState();
    expect(reviewVersion(workspace().open!.review)).toBe(1);

    await windowB.setCut(id, 'local', 'R0001', cut('200.00'), 'B');
    await vi.waitFor(() => expect(workspace().open!.review.cuts).toEqual([cut('200.00')]), { timeout: 10_000 });
    expect(reviewVersion(workspace().open!.review)).toBe(2);
    expect(shownNotice()).toMatch(/已载入另一个窗口保存的修改（审计日志第 2 条）/);

    // An edit begun on version 1 (say, typed before B's change arrived) is stale.
    expect(await workspace().edit({ type: 'cut', claimId: 'R0001', cut: cut('100.00') }, { basedOn: 1 })).toBe(false);
    expect(useUi.getState().notice?.tone).toBe('error');
    expect(shownNotice()).toMatch(/^未保存：另一个窗口已修改本卷宗（审计日志已到第 2 条，您的修改基于第 1 条）/);
    expect(workspace().error).toBeNull();
    expect(workspace().open!.review.cuts).toEqual([cut('200.00')]);
    expect((await windowB.cuts(id)).map((row) => row.cut.amount)).toEqual(['200.00']);
    useUi.getState().setLanguage('en');
    expect(await workspace().edit({ type: 'cut', claimId: 'R0001', cut: cut('100.00') }, { basedOn: 1 })).toBe(false);
    expect(shownNotice()).toMatch(/^Not stored: this dossier was changed in another window \(the audit log is at entry 2; your change was made on entry 1\)/);
    useUi.getState().setLanguage('zh-CN');

    // Edits made on what is on screen are stored, one after the other, without refusing each other.
    const [first, second] = await Promise.all([
      workspace().edit({ type: 'cut', claimId: 'R0001', cut: cut('300.00') }),
      workspace().edit({ type: 'cut', claimId: 'R0001', cut: cut('310.00') }),
    ]);
    expect([first, second]).toEqual([true, true]);
    expect((await windowB.cuts(id)).map((row) => row.cut.amount)).toEqual(['310.00']);

    // An edit made while the stored review is being read back after the previous write stays on screen:
    // the older stored review is not shown over it (a cut typed again then compared with a stale screen).
    const store = await getStore();
    const hasDossier = store.hasDossier.bind(store);
    const written = store.recordReviewChanges.bind(store);
    let storedFirst = false;
    let releaseRead!: () => void;
    let readHeld!: () => void;
    const reading = new Promise<void>((resolve) => (readHeld = resolve));
    const held = new Promise<void>((resolve) => (releaseRead = resolve));
    const recordSpy = vi.spyOn(store, 'recordReviewChanges').mockImplementation(async (...args) => {
      const entries = await written(...args);
      storedFirst = true;
      return entries;
    });
    // The read back after a write begins by looking the dossier up (then its stored review is read).
    const readSpy = vi.spyOn(store, 'hasDossier').mockImplementation(async (dossierId) => {
      if (storedFirst) {
        storedFirst = false;
        readHeld();
        await held;
      }
      return hasDossier(dossierId);
    });
    const firstEdit = workspace().edit({ type: 'cut', claimId: 'R0001', cut: cut('400.00') });
    await reading;
    const secondEdit = workspace().edit({ type: 'cut', claimId: 'R0001', cut: cut('410.00') });
    expect(workspace().open!.review.cuts).toEqual([cut('410.00')]);
    releaseRead();
    expect(await firstEdit).toBe(true);
    expect(workspace().open!.review.cuts).toEqual([cut('410.00')]);
    expect(await secondEdit).toBe(true);
    expect(workspace().open!.review.cuts).toEqual([cut('410.00')]);
    expect((await windowB.cuts(id)).map((row) => row.cut.amount)).toEqual(['410.00']);
    recordSpy.mockRestore();
    readSpy.mockRestore();

    // The export reads the store even before this window has shown B's latest change.
    stopWatchingReview();
    await windowB.setCut(id, 'local', 'R0001', cut('250.00'), 'B');
    expect(workspace().open!.review.cuts).toEqual([cut('410.00')]);
    const [exported] = await collectOpenDossier();
    expect(exported!.reviews[0]!.cuts).toEqual([cut('250.00')]);
    expect(exported!.auditLog.at(-1)).toMatchObject({ seq: 7, actor: 'B' });
    expect(exported!.report.cutFen).toBe(25_000);
  });
});
