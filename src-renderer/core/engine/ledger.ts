// The cut ledger: each claim's claimed amount, the reviewer's cuts against it, and what remains
// approved. Invalid cuts (unknown claim, more than the claim) are input errors, not findings.

import { formatYuan, tryParseYuan } from '../money/yuan';
import { InvalidInputError } from '../result';
import type { CutReason, DossierManifest, Fen, ReviewCut } from '../types';

export interface LedgerCut {
  amountFen: Fen;
  reason: CutReason;
  note?: string;
}

export interface LedgerClaim {
  claimId: string;
  claimedFen: Fen;
  cutFen: Fen;
  approvedFen: Fen;
  cuts: LedgerCut[];
}

export interface CutLedger {
  claims: LedgerClaim[];
  claimedFen: Fen;
  cutFen: Fen;
  approvedFen: Fen;
}

export interface LedgerSources {
  /** Named in errors about the manifest (e.g. "dossier.json"). */
  manifest?: string;
  /** Named in errors about the review (e.g. "review.json"). */
  review?: string;
}

function amountOf(text: string, what: string, source: string | undefined): Fen {
  const fen = tryParseYuan(text);
  if (fen === null) throw new InvalidInputError(`${what} "${text}" is not an amount in yuan such as "12720.00"`, source);
  if (fen < 0) throw new InvalidInputError(`${what} "${text}" is negative`, source);
  return fen;
}

/** Builds the ledger; throws InvalidInputError for a duplicate claim id, a cut of an unknown claim, or cuts above a claim. */
export function buildLedger(manifest: DossierManifest, cuts: readonly ReviewCut[], sources: LedgerSources = {}): CutLedger {
  const claims = new Map<string, LedgerClaim>();
  manifest.claims.forEach((claim, index) => {
    if (claims.has(claim.id)) throw new InvalidInputError(`claims[${index}].id "${claim.id}" is used by an earlier claim`, sources.manifest);
    const claimedFen = amountOf(claim.amount, `claims[${index}].amount`, sources.manifest);
    claims.set(claim.id, { claimId: claim.id, claimedFen, cutFen: 0, approvedFen: claimedFen, cuts: [] });
  });
  cuts.forEach((cut, index) => {
    const claim = claims.get(cut.claimId);
    if (!claim) {
      throw new InvalidInputError(`cuts[${index}] cuts unknown claim "${cut.claimId}" (the dossier has ${[...claims.keys()].join(', ') || 'no claims'})`, sources.review);
    }
    const amountFen = amountOf(cut.amount, `cuts[${index}].amount`, sources.review);
    claim.cutFen += amountFen;
    if (claim.cutFen > claim.claimedFen) {
      throw new InvalidInputError(
        `cuts[${index}] makes the cuts of claim "${cut.claimId}" ${formatYuan(claim.cutFen)}, more than its claimed ${formatYuan(claim.claimedFen)}`,
        sources.review,
      );
    }
    claim.approvedFen = claim.claimedFen - claim.cutFen;
    claim.cuts.push({ amountFen, reason: cut.reason, ...(cut.note ? { note: cut.note } : {}) });
  });
  const list = [...claims.values()];
  const sum = (pick: (claim: LedgerClaim) => Fen): Fen => list.reduce((total, claim) => total + pick(claim), 0);
  const claimedFen = sum((claim) => claim.claimedFen);
  const cutFen = sum((claim) => claim.cutFen);
  if (!Number.isSafeInteger(claimedFen)) throw new InvalidInputError('the claimed amounts add up to more than the engine can hold exactly', sources.manifest);
  return { claims: list, claimedFen, cutFen, approvedFen: claimedFen - cutFen };
}
