// Web worker that evaluates a large open dossier off the window's thread (see
// workers/evaluation-runner.ts and state/report.ts). Updates that arrive while an evaluation runs are
// all taken before the next one starts, which then answers for the latest of them.
import type { EvaluationUpdate } from './evaluation-protocol';
import { EvaluationRunner } from './evaluation-runner';

const runner = new EvaluationRunner();
let scheduled = false;

self.addEventListener('message', (event: MessageEvent<EvaluationUpdate>) => {
  runner.apply(event.data);
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    const response = runner.evaluate();
    if (response) (self as unknown as Worker).postMessage(response);
  }, 0);
});
