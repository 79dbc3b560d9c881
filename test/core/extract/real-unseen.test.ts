// The unseen real invoice pictures (test/fixtures/invoices/real-unseen): measured by the bench (set
// unseen-real), never tuned on; their ground truth and files checked as every such set's are.
import { describeMeasuredSet } from './measured-set-checks';
import { UNSEEN_REAL } from './real-unseen';

describeMeasuredSet(UNSEEN_REAL);
