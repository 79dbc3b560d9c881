// The funding plan of a batch (DESIGN.md "Panel results and the funding plan"): each dossier's award
// is 0 with its reason when the applicant is ineligible, the audit failed or the panel's score is
// under the lowest band, else its cap (the band's cap by category; for voucher programs the payable
// subsidy). When the caps exceed the year's budget (三(二)) they are fitted into it: pro-rata floors
// each award to the fen and gives the fen left over to the largest remainders, so the awards add up
// to the budget exactly; rank funds the highest scores first in full and the last one partly.
import { shareProRata } from '../money/pro-rata';
import { tryParsePoints } from '../engine/points';
import type { Fen } from '../types';

export const ALLOCATIONS = ['pro-rata', 'rank'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

export type AwardReason =
  | 'ineligible' | 'audit-failed' | 'below-lowest-band' | 'not-scored'
  | 'cap' | 'pro-rata' | 'rank' | 'rank-partial' | 'budget-exhausted';

export interface PlanCandidate {
  dossier: string;
  applicant: string;
  /** The applicant's unified social credit code, when the dossier gives it. */
  creditCode?: string;
  category: string;
  eligible: boolean;
  /** Why not eligible (finding messages), for the reason text. */
  ineligibleBecause?: string[];
  auditVerdict: 'pass' | 'fail';
  /** The panel's score ("85.50"), null when nobody scored (or the program has no scoring). */
  score: string | null;
  band: string | null;
  /** The most this dossier can be awarded: the band's cap, or the payable subsidy. */
  capFen: Fen;
}

export interface PlanRow extends PlanCandidate {
  awardFen: Fen;
  reason: AwardReason;
  reasonText: string;
  reasonTextEn: string;
}

export interface FundingPlan {
  budgetFen: Fen;
  /** The caps of every dossier that qualifies for an award. */
  requestedFen: Fen;
  allocatedFen: Fen;
  allocation: Allocation;
  rows: PlanRow[];
}

export interface PlanRules {
  /** Whether the program scores applications (a score under the lowest band then gets nothing). */
  scored: boolean;
  /** The lowest band's minimum ("60"), for the reason text. */
  lowestBandMin: string | null;
}

function exclusion(candidate: PlanCandidate, rules: PlanRules): Pick<PlanRow, 'reason' | 'reasonText' | 'reasonTextEn'> | null {
  if (!candidate.eligible) {
    const because = candidate.ineligibleBecause?.length ? `：${candidate.ineligibleBecause.join('；')}` : '';
    return { reason: 'ineligible', reasonText: `不符合申报条件${because}`, reasonTextEn: `Not eligible${because ? `: ${candidate.ineligibleBecause!.join('; ')}` : ''}` };
  }
  if (candidate.auditVerdict === 'fail') {
    return { reason: 'audit-failed', reasonText: '专项审计不通过（核减超过规定比例）', reasonTextEn: 'The special audit failed (cuts above the threshold)' };
  }
  if (rules.scored && candidate.score === null) {
    return { reason: 'not-scored', reasonText: '尚无专家评分', reasonTextEn: 'Not scored by the panel yet' };
  }
  if (rules.scored && candidate.band === null) {
    const min = rules.lowestBandMin ?? '';
    return { reason: 'below-lowest-band', reasonText: `专家评分 ${candidate.score} 低于 ${min} 分，不予资助`, reasonTextEn: `Score ${candidate.score} is under ${min} points: no award` };
  }
  return null;
}

/** Highest score first; equal scores keep the order given. Unscored programs keep the order given. */
function rankOrder(rows: readonly PlanCandidate[], indices: readonly number[]): number[] {
  const points = (index: number) => (rows[index]!.score === null ? -1 : tryParsePoints(rows[index]!.score!) ?? -1);
  return [...indices].sort((a, b) => points(b) - points(a) || a - b);
}

export function buildFundingPlan(candidates: readonly PlanCandidate[], budgetFen: Fen, allocation: Allocation, rules: PlanRules): FundingPlan {
  const rows: PlanRow[] = candidates.map((candidate) => {
    const excluded = exclusion(candidate, rules);
    return excluded ? { ...candidate, awardFen: 0, ...excluded } : { ...candidate, awardFen: candidate.capFen, reason: 'cap', reasonText: '按档次上限', reasonTextEn: 'The band\'s cap' };
  });
  const qualifying = rows.map((row, index) => (row.reason === 'cap' ? index : -1)).filter((index) => index >= 0);
  const requestedFen = qualifying.reduce((sum, index) => sum + rows[index]!.capFen, 0);
  if (!rules.scored) {
    for (const index of qualifying) Object.assign(rows[index]!, { reasonText: '按可兑付补助', reasonTextEn: 'The payable subsidy' });
  }
  if (requestedFen > budgetFen) {
    const order = rankOrder(candidates, qualifying);
    if (allocation === 'pro-rata') {
      const preference = order.map((index) => qualifying.indexOf(index));
      const shares = shareProRata(qualifying.map((index) => rows[index]!.capFen), budgetFen, preference);
      qualifying.forEach((index, position) => Object.assign(rows[index]!, {
        awardFen: shares[position]!, reason: 'pro-rata',
        reasonText: `预算不足，按比例核定（上限 × 预算 ÷ 申请合计，分位取整，余数按大者补足）`,
        reasonTextEn: 'Budget short: scaled pro rata (cap × budget ÷ requested, floored to the fen, the rest to the largest remainders)',
      }));
    } else {
      let left = budgetFen;
      for (const index of order) {
        const row = rows[index]!;
        const award = Math.min(row.capFen, left);
        left -= award;
        if (award === row.capFen) Object.assign(row, { awardFen: award, reason: 'rank', reasonText: '按评分排序全额安排', reasonTextEn: 'Funded in full by rank' });
        else if (award > 0) Object.assign(row, { awardFen: award, reason: 'rank-partial', reasonText: '按评分排序，预算余额部分安排', reasonTextEn: 'Funded partly by rank: the rest of the budget' });
        else Object.assign(row, { awardFen: 0, reason: 'budget-exhausted', reasonText: '按评分排序，预算已用完', reasonTextEn: 'By rank, the budget is used up' });
      }
    }
  }
  return {
    budgetFen,
    requestedFen,
    allocatedFen: rows.reduce((sum, row) => sum + row.awardFen, 0),
    allocation,
    rows,
  };
}
