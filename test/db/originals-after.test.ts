// At start-up the originals of the dossiers imported before are copied out of the store only once the
// dossier to open is shown (#15): keepOriginals reads every document row of each dossier (0.74 s of the
// browser's IndexedDB at 10,000 rows in one trace), and those reads came before the opening's own.
import { describe, expect, it, vi } from 'vitest';
import { keepOriginalsOf } from '../../src-renderer/state/mirror';
import { getStore } from '../../src-renderer/state/store';
import { memorySideStore } from '../fixtures/memory-side-store';
import { importSampleDossier, sampleManifest } from './app/sample';

vi.mock('../../src-renderer/state/profiles', () => import('./app/profiles-on-disk'));

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the originals kept outside the store at start-up', () => {
  it('are read and copied only once what they wait for has settled', async () => {
    const { row } = await importSampleDossier({ claims: sampleManifest.claims.slice(0, 1), documents: sampleManifest.documents.slice(0, 2) });
    const store = await getStore();
    const files = memorySideStore();
    const documentsRead = vi.spyOn(store, 'documents');
    let shown!: () => void;
    const kept = keepOriginalsOf(store, row.id, files, async () => null, new Promise<void>((resolve) => { shown = resolve; }));
    for (let turn = 0; turn < 5; turn++) await macrotask();
    expect(documentsRead).not.toHaveBeenCalled();
    expect(files.bytes.size).toBe(0);
    shown();
    await kept;
    expect(documentsRead).toHaveBeenCalledWith(row.id);
    expect(files.bytes.size).toBe(2);
  });
});
