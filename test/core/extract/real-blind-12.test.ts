// The twelfth blind set of real invoice pictures (test/fixtures/invoices/real-blind-12): phone photos of the
// batch the fourth and sixth to eleventh sets' photos come from, nobody had run the pipeline on, gathered in
// the twenty-first session to take over from the eleventh, measured by the bench (set blind-real-12), never
// tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_12 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_12);
