// Subsidy on approved amounts (DESIGN.md): per claim, the rate applied to its base and rounded
// down to the fen; capped per contract (claims sharing a contract number share the cap); summed;
// capped per firm per year. The base is the approved amount, or for programs that pay on fees
// actually paid, the smaller of approved and paid.

import { applyRateDown } from '../money/ratio';
import { shareProRata } from '../money/pro-rata';
import { tryParseYuan } from '../money/yuan';
import type { ProfileSubsidy } from '../profiles/schema';
import type { Fen, ManifestClaim } from '../types';
import type { LedgerClaim } from './ledger';

export interface ClaimSubsidy {
  claimId: string;
  contract: string;
  baseFen: Fen;
  /** floor(base × rate), before any cap. */
  rawFen: Fen;
  /** This claim's share after the per-contract cap (the cap fills in claim order). */
  subsidyFen: Fen;
  /** This claim's share of what is payable after the firm's yearly cap (shared in proportion, to the fen). */
  payableFen: Fen;
  /** Its invoices are dated after the window and move to the next round: nothing this round. */
  deferred: boolean;
}

export interface SubsidyResult {
  rate: string;
  baseFen: Fen;
  /** Sum after per-contract caps, before the per-firm cap. */
  beforeFirmCapFen: Fen;
  subsidyFen: Fen;
  capPerContractFen: Fen | null;
  capPerFirmPerYearFen: Fen | null;
  contractCapped: string[];
  firmCapped: boolean;
  perClaim: ClaimSubsidy[];
}

function contractKey(claim: ManifestClaim | undefined, claimId: string): string {
  const number = claim?.contractNo?.normalize('NFKC').replace(/\s+/g, '');
  return number ? `contract:${number}` : `claim:${claimId}`;
}

function subsidyBase(rule: ProfileSubsidy['base'], ledgerClaim: LedgerClaim, claim: ManifestClaim | undefined): Fen {
  if (rule === 'approved-capped-by-paid' && claim?.paidAmount !== undefined) {
    const paid = tryParseYuan(claim.paidAmount);
    if (paid !== null && paid >= 0) return Math.min(ledgerClaim.approvedFen, paid);
  }
  return ledgerClaim.approvedFen;
}

/** The subsidy for an applicant category; null when the category has no subsidy rule. */
export function computeSubsidy(
  subsidy: ProfileSubsidy,
  category: string,
  ledgerClaims: readonly LedgerClaim[],
  manifestClaims: readonly ManifestClaim[],
  deferredClaimIds: ReadonlySet<string> = new Set(),
): SubsidyResult | null {
  const rule = subsidy.byCategory[category];
  if (!rule) return null;
  const byId = new Map(manifestClaims.map((claim) => [claim.id, claim]));
  const perClaim: ClaimSubsidy[] = ledgerClaims.map((ledgerClaim) => {
    const claim = byId.get(ledgerClaim.claimId);
    const deferred = deferredClaimIds.has(ledgerClaim.claimId);
    const baseFen = deferred ? 0 : subsidyBase(subsidy.base, ledgerClaim, claim);
    const rawFen = applyRateDown(baseFen, rule.rate);
    return { claimId: ledgerClaim.claimId, contract: contractKey(claim, ledgerClaim.claimId), baseFen, rawFen, subsidyFen: rawFen, payableFen: rawFen, deferred };
  });
  const contractCapped: string[] = [];
  if (rule.capPerContract !== null) {
    const remaining = new Map<string, Fen>();
    for (const entry of perClaim) {
      const left = remaining.get(entry.contract) ?? rule.capPerContract;
      entry.subsidyFen = Math.min(entry.rawFen, left);
      remaining.set(entry.contract, left - entry.subsidyFen);
      if (entry.subsidyFen < entry.rawFen && !contractCapped.includes(entry.contract)) contractCapped.push(entry.contract);
    }
  }
  const beforeFirmCapFen = perClaim.reduce((sum, entry) => sum + entry.subsidyFen, 0);
  const firmCapped = rule.capPerFirmPerYear !== null && beforeFirmCapFen > rule.capPerFirmPerYear;
  const payable = firmCapped ? shareProRata(perClaim.map((entry) => entry.subsidyFen), rule.capPerFirmPerYear!) : perClaim.map((entry) => entry.subsidyFen);
  perClaim.forEach((entry, index) => { entry.payableFen = payable[index]!; });
  return {
    rate: rule.rate,
    baseFen: perClaim.reduce((sum, entry) => sum + entry.baseFen, 0),
    beforeFirmCapFen,
    subsidyFen: firmCapped ? rule.capPerFirmPerYear! : beforeFirmCapFen,
    capPerContractFen: rule.capPerContract,
    capPerFirmPerYearFen: rule.capPerFirmPerYear,
    contractCapped: contractCapped.map((key) => key.replace(/^(contract|claim):/, '')),
    firmCapped,
    perClaim,
  };
}
