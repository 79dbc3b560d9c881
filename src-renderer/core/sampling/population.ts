// The population a sample is drawn from: the declared rows in the dossier's order, each with its
// claimed amount. The CLI `sample` and the app draw from this one list, so the same dossier,
// request and seed give the same plan in both.
import { buildLedger, type LedgerSources } from '../engine/ledger';
import type { DossierManifest } from '../types';
import type { PopulationRow } from './plan';

export function declaredPopulation(manifest: DossierManifest, sources: LedgerSources = {}): PopulationRow[] {
  return buildLedger(manifest, [], sources).claims.map((claim) => ({ claimId: claim.claimId, amountFen: claim.claimedFen }));
}
