// Progress of a long `check` on stderr (stdout stays the report): how many of the dossier's files
// have been read, at most every two seconds, and the reconciliation of its declared rows.

const EVERY_MS = 2000;

export interface ProgressReporter {
  /** The number of files the dossier holds (called as the import moves on). */
  files(total: number): void;
  fileRead(): void;
  filesDone(): void;
  reconciling(rows: number): void;
  reconciled(rows: number): void;
}

export function progressReporter(write: (text: string) => void, now: () => number = Date.now): ProgressReporter {
  const started = now();
  let total = 0;
  let read = 0;
  let shown = started;
  let reconcileStarted = started;
  const seconds = (from: number) => `${((now() - from) / 1000).toFixed(1)} s`;
  const line = () => write(`dossier-desk check progress: ${read} documents read of the dossier's ${total} files (${seconds(started)})\n`);
  return {
    files(count) {
      total = count;
    },
    fileRead() {
      read++;
      if (now() - shown >= EVERY_MS) {
        shown = now();
        line();
      }
    },
    filesDone() {
      if (read > 0) line();
    },
    reconciling(rows) {
      reconcileStarted = now();
      write(`dossier-desk check progress: reconciling ${rows} declared rows\n`);
    },
    reconciled(rows) {
      write(`dossier-desk check progress: rows reconciled ${rows} (${seconds(reconcileStarted)}; ${seconds(started)} in all)\n`);
    },
  };
}
