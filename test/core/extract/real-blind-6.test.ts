// The sixth blind set of real invoice pictures (test/fixtures/invoices/real-blind-6): phone photos nobody
// had run the pipeline on, gathered after the fifth set was measured, measured by the bench (set
// blind-real-6), never tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_6 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_6);
