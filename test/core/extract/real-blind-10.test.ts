// The tenth blind set of real invoice pictures (test/fixtures/invoices/real-blind-10): phone photos of the
// batch the fourth, sixth, seventh, eighth and ninth sets' photos come from, nobody had run the pipeline on,
// gathered after the ninth set had been looked at, measured by the bench (set blind-real-10), never tuned
// on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_10 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_10);
