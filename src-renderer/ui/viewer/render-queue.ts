// One page painting at a time, nearest-to-the-reader first. pdf.js paints on the main thread, so
// painting many pages (or thumbnails) at once is what would block input while scrolling; a queue
// keeps each slice short. Thumbnails wait until the reader has stopped scrolling for a moment.

/** A page painting under way: settles when the page is painted, and can be stopped. */
export interface PaintJob {
  promise: Promise<void>;
  cancel(): void;
}

export type Lane = 'page' | 'thumbnail';

interface Entry {
  lane: Lane;
  priority: () => number;
  start: () => PaintJob;
  resolve: () => void;
  reject: (reason: unknown) => void;
  cancelled: boolean;
  running: PaintJob | null;
}

const SCROLL_QUIET_MS = 200;
const queue: Entry[] = [];
let active: Entry | null = null;
let lastScroll = 0;
let wakeTimer: ReturnType<typeof setTimeout> | null = null;

/** The viewer reports scrolling so that thumbnails hold back while the reader moves. */
export function noteScroll() {
  lastScroll = performance.now();
}

function cancelledError(): Error {
  const error = new Error('cancelled');
  error.name = 'RenderingCancelledException';
  return error;
}

function pick(): Entry | null {
  const pages = queue.filter((entry) => entry.lane === 'page');
  const candidates = pages.length > 0 ? pages : performance.now() - lastScroll >= SCROLL_QUIET_MS ? queue : [];
  if (candidates.length === 0) return null;
  return candidates.reduce((best, entry) => (entry.priority() < best.priority() ? entry : best));
}

function pump() {
  if (active) return;
  const next = pick();
  if (!next) {
    if (queue.length > 0 && !wakeTimer) {
      wakeTimer = setTimeout(() => {
        wakeTimer = null;
        pump();
      }, SCROLL_QUIET_MS);
    }
    return;
  }
  queue.splice(queue.indexOf(next), 1);
  active = next;
  const job = next.start();
  next.running = job;
  job.promise.then(next.resolve, next.reject).finally(() => {
    active = null;
    pump();
  });
}

/** Queues a paint; the returned job resolves when it has been painted and cancels cleanly either way. */
export function schedulePaint(lane: Lane, priority: () => number, start: () => PaintJob): PaintJob {
  let entry!: Entry;
  const promise = new Promise<void>((resolve, reject) => {
    entry = { lane, priority, start, resolve, reject, cancelled: false, running: null };
  });
  queue.push(entry);
  queueMicrotask(pump);
  return {
    promise,
    cancel: () => {
      if (entry.cancelled) return;
      entry.cancelled = true;
      const at = queue.indexOf(entry);
      if (at >= 0) {
        queue.splice(at, 1);
        entry.reject(cancelledError());
      } else entry.running?.cancel();
    },
  };
}
