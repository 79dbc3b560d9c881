// The small dossier (small-dossier.ts) imported into a store whose review a mirror follows into side
// files, with a cut and a score made: the start of the mirror's tests.
import type { DossierStore } from '../../src-renderer/db';
import { AuditMirror } from '../../src-renderer/db/audit-mirror';
import type { memorySideStore } from '../fixtures/memory-side-store';
import { testHasher } from '../core/import/hasher';
import { smallDossier } from './small-dossier';

export async function mirroredSmallDossier(store: DossierStore, files: ReturnType<typeof memorySideStore>, now: () => string): Promise<{ mirror: AuditMirror; id: string }> {
  const mirror = new AuditMirror(store, files, testHasher, { delayMs: 5, now });
  mirror.follow();
  const report = await smallDossier();
  const id = report.dossierId;
  await store.saveImport(report, '审查员');
  await store.setCut(id, 'local', 'C01', { claimId: 'C01', amount: '1000.00', reason: 'amount-mismatch', note: '' }, '审查员');
  await store.setScore(id, 'local', 'innovation', '18.5', '审查员');
  return { mirror, id };
}
