// A yield of the window's thread to what it has queued.
/**
 * Resolves in a task of its own, so that what the window has queued runs first: above all a reload's
 * or a close's commit, which waits for the window's thread (a chain of awaits on work already done runs
 * as one task, and held a reload for 3 s behind the mirror's check). Once the page has gone, it never
 * resolves: the work after it is not done.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function' || typeof window === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
