// The import worker run in the test's own thread (jsdom has no Worker): requests go to
// workers/import-runner exactly as workers/import.worker.ts hands them over, answers come back as
// message events, and terminate() stops every answer after it, as terminating a worker does.
import type { ImportWorkerLike } from '../../src-renderer/platform/import-client';
import type { ImportWorkerResponse } from '../../src-renderer/workers/import-protocol';
import { runImportRequest } from '../../src-renderer/workers/import-runner';

export interface InProcessImportWorker extends ImportWorkerLike {
  terminated: boolean;
  posted: ImportWorkerResponse[];
}

/** `tick` advances the runner's clock by more than its throttle on every reading: every progress step is posted. */
export function inProcessImportWorker(onMessage: (message: ImportWorkerResponse) => void = () => undefined): InProcessImportWorker {
  const listeners: ((event: MessageEvent<ImportWorkerResponse>) => void)[] = [];
  let clock = 0;
  const worker: InProcessImportWorker = {
    terminated: false,
    posted: [],
    postMessage(request) {
      void runImportRequest(request, (message) => {
        if (worker.terminated) return;
        worker.posted.push(message);
        onMessage(message);
        for (const listener of listeners) listener({ data: message } as MessageEvent<ImportWorkerResponse>);
      }, () => (clock += 1000));
    },
    addEventListener(type: 'message' | 'error', listener: unknown) {
      if (type === 'message') listeners.push(listener as (event: MessageEvent<ImportWorkerResponse>) => void);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}
