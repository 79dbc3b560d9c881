// Window side of the evaluation worker (workers/evaluation.worker.ts): started once, on the first
// large dossier opened (state/report.ts), and kept for the next.
import type { EvaluationResponse, EvaluationUpdate } from '../workers/evaluation-protocol';

/** What state/report.ts needs of a Worker (a test gives its own). */
export interface EvaluationWorkerLike {
  postMessage(message: EvaluationUpdate): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EvaluationResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** A new evaluation worker; null where the runtime has no workers (the dossier is then evaluated in the window). */
export function startEvaluationWorker(): EvaluationWorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('../workers/evaluation.worker.ts', import.meta.url), { type: 'module', name: 'dossier-evaluation' }) as EvaluationWorkerLike;
}
