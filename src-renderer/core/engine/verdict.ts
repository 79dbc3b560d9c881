// The audit-cut verdict: pass when cut × 10^s <= claimed × threshold (threshold a decimal ratio
// such as "0.20"), else fail. Exactly at the threshold passes. Headroom is how much more could be
// cut while still passing.

import { exceedsRatio, maxPartWithinRatio, ratioString } from '../money/ratio';
import type { Fen } from '../types';

export interface AuditVerdict {
  cutRatio: string;
  threshold: string;
  verdict: 'pass' | 'fail';
  headroomFen: Fen;
}

export function auditVerdict(claimedFen: Fen, cutFen: Fen, threshold: string): AuditVerdict {
  const fails = exceedsRatio(cutFen, claimedFen, threshold);
  const maxPassingCut = maxPartWithinRatio(claimedFen, threshold);
  return {
    cutRatio: ratioString(cutFen, claimedFen, 4),
    threshold,
    verdict: fails ? 'fail' : 'pass',
    headroomFen: fails ? 0 : maxPassingCut - cutFen,
  };
}
