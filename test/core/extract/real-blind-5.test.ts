// The fifth blind set of real invoice pictures (test/fixtures/invoices/real-blind-5): gathered after the
// pipeline was changed with the fourth blind set in view, measured by the bench (set blind-real-5),
// never tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_5 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_5);
