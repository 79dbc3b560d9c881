// The blind real invoice pictures (test/fixtures/invoices/real-blind): gathered after the pipeline was
// changed with the unseen set in view, measured by the bench (set blind-real), never tuned on; their
// ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { BLIND_REAL } from './real-unseen';

describeMeasuredSet(BLIND_REAL);
