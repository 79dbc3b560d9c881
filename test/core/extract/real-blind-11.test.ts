// The eleventh blind set of real invoice pictures (test/fixtures/invoices/real-blind-11): phone photos of the
// batch the fourth, sixth, seventh, eighth, ninth and tenth sets' photos come from, nobody had run the pipeline
// on, gathered in the twentieth session to take over from the tenth, measured by the bench (set blind-real-11),
// never tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_11 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_11);
