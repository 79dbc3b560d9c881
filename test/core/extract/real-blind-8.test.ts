// The eighth blind set of real invoice pictures (test/fixtures/invoices/real-blind-8): phone photos of the
// batch the fourth, sixth and seventh sets' photos come from, nobody had run the pipeline on, gathered after
// the seventh set's measure, measured by the bench (set blind-real-8), never tuned on; their ground truth
// and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_8 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_8);
