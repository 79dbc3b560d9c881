// A worker thread of the command line's reading pool (reading-pool.ts): reads the dossier files it
// is sent through the one extraction pipeline, with its own PDF reader and OCR engine.
import { parentPort } from 'node:worker_threads';
import { createNodeExtractPorts } from './adapters';
import { readDossierFile } from './dossier-file-reading';
import type { ReadingRequest, ReadingResponse } from './reading-pool';

if (!parentPort) throw new Error('reading-thread runs as a worker thread');
const port = parentPort;
const ports = createNodeExtractPorts({ ocr: { workers: 1 } });

port.on('message', (message: ReadingRequest | 'close') => {
  if (message === 'close') {
    void ports.dispose().finally(() => process.exit(0));
    return;
  }
  readDossierFile(message.file, ports, message.options).then(
    (reading) => port.postMessage({ id: message.id, reading } satisfies ReadingResponse),
    (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ReadingResponse),
  );
});
