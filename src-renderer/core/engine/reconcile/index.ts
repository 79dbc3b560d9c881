// The special audit's reconciliation (DESIGN.md "The declared list and what the audit reconciles"):
// every declared row linked to its invoices, contract and bank receipts, with the cuts the evidence
// proposes. Proposals are not cuts: the verdict counts the reviewer's cuts; `verdictIfAccepted`
// says what the verdict would be if every open proposal were accepted. Pure: no I/O.

import type { Profile } from '../../profiles/schema';
import type {
  DossierManifest, Fen, FileExtraction, ManifestClaim, Proposal, ReconciledRow, ReviewFile,
} from '../../types';
import type { CutLedger } from '../ledger';
import { auditVerdict } from '../verdict';
import { collectEvidence, fenOf, refOf } from './evidence';
import { linkEvidence } from './link';
import { reconcileRow, type DraftProposal, type RowOutcome } from './rows';

export interface ReconcileInput {
  profile: Profile;
  manifest: DossierManifest;
  review: ReviewFile | null;
  extractions: readonly FileExtraction[];
  ledger: CutLedger;
}

export interface Reconciliation {
  rows: ReconciledRow[];
  /** Open proposals, each claim's capped by what its claim has left after the reviewer's cuts. */
  proposedCutFen: Fen;
  verdictIfAccepted: 'pass' | 'fail';
  /** Outcomes by row, for the eligibility rules (counterparty facts). */
  outcomes: RowOutcome[];
}

export function proposalId(claimId: string, reason: string): string {
  return `${claimId}:${reason}`;
}

type AcceptedCuts = ReadonlyMap<string, ReviewFile['cuts'][number]>;

/** The reviewer's cuts that accept a proposal, by the proposal's id (the first such cut of each). */
function acceptedCuts(review: ReviewFile | null): AcceptedCuts {
  const byProposal = new Map<string, ReviewFile['cuts'][number]>();
  for (const cut of review?.cuts ?? []) if (cut.proposal && !byProposal.has(cut.proposal)) byProposal.set(cut.proposal, cut);
  return byProposal;
}

function withStatus(claimId: string, draft: DraftProposal, review: ReviewFile | null, accepting: AcceptedCuts): Proposal {
  const id = proposalId(claimId, draft.reason);
  const acceptedBy = accepting.get(id);
  const accepted = acceptedBy !== undefined;
  const decision = review?.proposals?.[id];
  const proposal: Proposal = {
    id, reason: draft.reason, amountFen: draft.amountFen, message: draft.zh, messageEn: draft.en,
    evidence: draft.evidence, status: accepted ? 'accepted' : decision?.status === 'rejected' ? 'rejected' : 'open',
  };
  if (draft.clause) proposal.clause = draft.clause;
  const note = accepted ? acceptedBy.note : decision?.note;
  if (note) proposal.note = note;
  return proposal;
}

/** Reconciles every declared row in order; a row's invoices, once they support it, cannot support a later one. */
export function reconcileDossier(input: ReconcileInput): Reconciliation {
  const { profile, manifest, review, ledger } = input;
  const declaredFen = new Map(ledger.claims.map((claim) => [claim.claimId, claim.claimedFen]));
  const pools = collectEvidence(input.extractions, review);
  const links = linkEvidence({ profile, applicantName: manifest.applicant.name, applicantCode: manifest.applicant.creditCode ?? null, claims: manifest.claims, declaredFen, pools, review });
  const usedBy = new Map<string, string>();
  const accepting = acceptedCuts(review);
  const outcomes: RowOutcome[] = [];
  const rows = manifest.claims.map((claim: ManifestClaim): ReconciledRow => {
    const rowLinks = links.get(claim.id)!;
    const outcome = reconcileRow(
      { profile, applicantName: manifest.applicant.name, applicantCode: manifest.applicant.creditCode ?? null, review, usedBy },
      claim, declaredFen.get(claim.id) ?? 0, rowLinks,
    );
    outcomes.push(outcome);
    for (const number of outcome.usedInvoiceNumbers) if (!usedBy.has(number)) usedBy.set(number, claim.id);
    const proposals = outcome.proposals.map((draft) => withStatus(claim.id, draft, review, accepting));
    return {
      claimId: claim.id,
      declaredFen: outcome.declaredFen,
      supportedFen: outcome.declaredFen - proposals.reduce((sum, proposal) => sum + proposal.amountFen, 0),
      counterparty: outcome.counterparty,
      reviewerLinked: rowLinks.reviewerLinked,
      invoices: rowLinks.invoices.map((reading) => ({
        ...refOf(reading), invoiceNumber: reading.fields.invoiceNumber, totalFen: fenOf(reading.fields.totalAmount), issueDate: reading.fields.issueDate,
        ...(reading.kind === 'ticket' ? { kind: 'ticket' as const } : {}),
      })),
      contracts: rowLinks.contracts.map((reading) => ({ ...refOf(reading), contractNo: reading.fields.contractNo, amountFen: fenOf(reading.fields.amount) })),
      payments: rowLinks.payments.map((reading) => ({ ...refOf(reading), amountFen: fenOf(reading.fields.amount), date: reading.fields.date })),
      proposals,
      ...(rowLinks.nearMatches.length > 0 ? { nearMatches: rowLinks.nearMatches } : {}),
      ...(outcome.deferredToNextRound ? { deferredToNextRound: { clause: outcome.deferredToNextRound.clause, message: outcome.deferredToNextRound.zh, messageEn: outcome.deferredToNextRound.en } } : {}),
    };
  });
  const { proposedCutFen, verdictIfAccepted } = summarizeProposals(rows, ledger, profile.auditCut.threshold);
  return { rows, proposedCutFen, verdictIfAccepted, outcomes };
}

/** The open proposals on top of the reviewer's cuts, each claim capped at what it has left; and the verdict that would give. */
export function summarizeProposals(rows: readonly ReconciledRow[], ledger: CutLedger, threshold: string): { proposedCutFen: Fen; verdictIfAccepted: 'pass' | 'fail' } {
  let proposedCutFen = 0;
  const approvedFen = new Map(ledger.claims.map((claim) => [claim.claimId, claim.approvedFen]));
  for (const row of rows) {
    const left = approvedFen.get(row.claimId) ?? 0;
    const open = row.proposals.filter((proposal) => proposal.status === 'open').reduce((sum, proposal) => sum + proposal.amountFen, 0);
    proposedCutFen += Math.min(left, open);
  }
  const verdictIfAccepted = auditVerdict(ledger.claimedFen, ledger.cutFen + proposedCutFen, threshold).verdict;
  return { proposedCutFen, verdictIfAccepted };
}

export { creditCodeDivision } from './rows';
export { revenueEligibilityFindings } from './eligibility';
