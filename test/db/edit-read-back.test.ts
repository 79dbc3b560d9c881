// The app's path after a cut (state/review-sync): the stored review is read back and the dossier checked
// against its log without reading every invoice row of the dossier (10,000 on the scale, read
// twice after every cut), and what is shown and found is what the whole reads give.
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readStoredReview } from '../../src-renderer/db/review-rows';
import { useIntegrity } from '../../src-renderer/state/integrity';
import { stopWatchingReview, writesSettled } from '../../src-renderer/state/review-sync';
import { loadDossier } from '../../src-renderer/state/session';
import { getStore } from '../../src-renderer/state/store';
import { useWorkspace } from '../../src-renderer/state/workspace';
import { importSampleDossier, sampleManifest } from './app/sample';

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));
vi.mock('../../src-renderer/platform/extract-client', () => import('./app/no-extraction-worker'));

afterAll(() => stopWatchingReview());

describe('after a cut in the app', () => {
  it('reads back the review and checks the dossier without reading all its invoice rows', async () => {
    const id = (await importSampleDossier({ claims: sampleManifest.claims.slice(0, 2) })).row.id;
    await loadDossier(id);
    const store = await getStore();
    const workspace = () => useWorkspace.getState();
    // The whole check of the opening, once done, is not the check after the edit.
    await vi.waitFor(() => expect(useIntegrity.getState()).toMatchObject({ dossierId: id, status: 'ok', report: { entries: 1 } }), { timeout: 10_000 });

    // The whole reads: store.invoices (the whole check) and a range or index read of the table (the opening's paged read).
    const wholeInvoices = vi.spyOn(store, 'invoices');
    const invoicesWhere = vi.spyOn(store.db.invoices, 'where');
    const claimId = sampleManifest.claims[0]!.id;
    expect(await workspace().edit({ type: 'cut', claimId, cut: { claimId, amount: '100.00', reason: 'other' } })).toBe(true);
    await writesSettled();
    await vi.waitFor(() => expect(useIntegrity.getState()).toMatchObject({ dossierId: id, status: 'ok', report: { entries: 2 } }), { timeout: 10_000 });
    expect(wholeInvoices).not.toHaveBeenCalled();
    expect(invoicesWhere).not.toHaveBeenCalled();
    wholeInvoices.mockRestore();
    invoicesWhere.mockRestore();
    const shown = workspace().open!.review;
    expect(shown.cuts).toEqual([{ claimId, amount: '100.00', reason: 'other' }]);
    expect(shown).toEqual(await readStoredReview(store, { id, program: shown.program }, 'local'));
  });
});
