// The thirteenth blind set of real invoice pictures (test/fixtures/invoices/real-blind-13): screenshots and
// renders of five real e-invoice documents (PDF and OFD) nobody had run the pipeline on, gathered in the
// twenty-fourth session to take over from the twelfth, measured by the bench (set blind-real-13), never
// tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_13 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_13);
