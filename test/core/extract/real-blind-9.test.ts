// The ninth blind set of real invoice pictures (test/fixtures/invoices/real-blind-9): phone photos of the
// batch the fourth, sixth, seventh and eighth sets' photos come from, nobody had run the pipeline on,
// gathered after the eighth set's measure, measured by the bench (set blind-real-9), never tuned on; their
// ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_9 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_9);
