// The app's mirror of every dossier's review outside IndexedDB (db/audit-mirror) on the side store
// (platform/side-store): restored from at start-up when the store lost a dossier or its latest
// entries, then kept up to date after every committed entry.
import { AuditMirror, restoreFromMirrors, type RestoreOutcome } from '../db/audit-mirror';
import type { DossierStore } from '../db/store';
import { webCryptoHasher } from '../platform/hasher';
import { getSideStore } from '../platform/side-store';
import { keptAuditHead } from './integrity';

let mirror: AuditMirror | null = null;

/**
 * Restores what the mirror holds beyond the store, then mirrors every dossier (those not mirrored
 * yet included) and every later entry. Called once, when the store has opened.
 */
export async function restoreAndMirror(store: DossierStore): Promise<RestoreOutcome> {
  const files = getSideStore();
  try {
    return await restoreFromMirrors(store, files, webCryptoHasher, keptAuditHead);
  } finally {
    if (!mirror) {
      mirror = new AuditMirror(store, files, {
        onError: (dossierId, error) => console.warn(`the mirror of dossier ${dossierId} could not be written: ${error instanceof Error ? error.message : String(error)}`),
      });
      mirror.follow();
    }
    for (const dossier of await store.listDossiers()) mirror.schedule(dossier.id);
  }
}
