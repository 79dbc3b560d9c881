// The page's reads dropped when it goes. IndexedDB does a database's work in the browser process, one
// request after another: on a reload, the reads the page before had queued (the whole integrity check,
// the opening's reads of a 10,000-row dossier: seconds) still ran first, and the new page's database
// opened only after them. A page that is going away aborts its read-only transactions instead, so that
// what they had queued is not done for nobody; writes (an edit, an import, a reading) are left to commit.
// Read-only transactions begun after that are refused (a read in pages stops at its next page).
import type Dexie from 'dexie';
import type { DBCoreTransaction } from 'dexie';

/** The error a read begun after the page started to go away fails with. */
export class PageLeavingError extends Error {
  constructor() {
    super('the page is going away: its reads are dropped');
    this.name = 'PageLeavingError';
  }
}

export interface LeaveReads {
  /** Aborts the read-only transactions under way and refuses those begun later (writes go on). */
  drop(): void;
  /** Whether drop() was called: a read in pages stops before its next page. */
  readonly dropped: boolean;
  /** The read-only transactions under way (for tests). */
  readonly open: number;
}

/** Something that tells when its transaction has ended (an IDBTransaction, as the IndexedDB core gives it). */
type Ending = { addEventListener?: (type: string, listener: () => void) => void };

/** Installs the tracking of read-only transactions on `db` (before it is opened). */
export function leaveReads(db: Dexie): LeaveReads {
  const open = new Set<DBCoreTransaction>();
  let dropped = false;
  db.use({
    stack: 'dbcore',
    name: 'leave-reads',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        if (mode === 'readonly' && dropped) throw new PageLeavingError();
        const transaction = down.transaction(stores, mode, options);
        if (mode !== 'readonly') return transaction;
        open.add(transaction);
        const ended = () => open.delete(transaction);
        const events = transaction as unknown as Ending;
        events.addEventListener?.('complete', ended);
        events.addEventListener?.('abort', ended);
        events.addEventListener?.('error', ended);
        return transaction;
      },
    }),
  });
  return {
    drop() {
      dropped = true;
      for (const transaction of open) {
        try {
          transaction.abort();
        } catch {
          // Already finished: nothing of it is queued.
        }
      }
      open.clear();
    },
    get dropped() {
      return dropped;
    },
    get open() {
      return open.size;
    },
  };
}

/**
 * Drops the reads of `handle` when the page goes for good (a reload, a close, a navigation; not a page
 * kept in the back-forward cache, which may come back): what they had queued would hold the next
 * page's database behind them.
 */
export function dropReadsOnPageHide(target: Pick<EventTarget, 'addEventListener'>, handle: Pick<LeaveReads, 'drop'>): void {
  target.addEventListener('pagehide', (event) => {
    if (!(event as Event & { persisted?: boolean }).persisted) handle.drop();
  });
}

