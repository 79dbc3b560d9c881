// The fourteenth blind set of real invoice pictures (test/fixtures/invoices/real-blind-14): screenshots and
// renders of four real e-invoice documents (two PDFs, two OFDs) nobody had run the pipeline on, gathered in
// the twenty-fourth session to take over from the thirteenth, measured by the bench (set blind-real-14),
// never tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_14 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_14);
