// The seventh blind set of real invoice pictures (test/fixtures/invoices/real-blind-7): phone photos of the
// batch the fourth and sixth sets' photos come from, nobody had run the pipeline on, gathered while the
// sixth set was looked at, measured by the bench (set blind-real-7), never tuned on; their ground truth
// and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_7 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_7);
