// The fifteenth blind set of real invoice pictures (test/fixtures/invoices/real-blind-15): screenshots and
// renders of eight real e-invoice PDFs nobody had run the pipeline's OCR on, gathered in the
// twenty-fourth session to take over from the fourteenth, measured by the bench (set blind-real-15),
// never tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL_15 } from './real-unseen';

describeMeasuredSet(BLIND_REAL_15);
