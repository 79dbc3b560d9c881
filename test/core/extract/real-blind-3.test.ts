// The third blind set of real invoice pictures (test/fixtures/invoices/real-blind-3): gathered after the
// pipeline was changed with the second blind set in view, measured by the bench (set blind-real-3),
// never tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_3 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_3);
