// Web worker that runs one dossier import (zip inflating, sniffing, structure checks, the declared
// list's CSV or XLSX, dossier.json) off the window's thread: see workers/import-runner.ts. The
// window terminates it to cancel.
import type { ImportWorkerRequest } from './import-protocol';
import { runImportRequest } from './import-runner';

self.addEventListener('message', (event: MessageEvent<ImportWorkerRequest>) => {
  void runImportRequest(event.data, (message, transfer = []) => (self as unknown as Worker).postMessage(message, transfer));
});
