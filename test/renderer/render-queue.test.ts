import { describe, expect, it } from 'vitest';
import { schedulePaint } from '../../src-renderer/ui/viewer/render-queue';
import type { PaintJob } from '../../src-renderer/ui/viewer/render-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('paint queue', () => {
  it('paints one page at a time, nearest to the reader first, and drops cancelled jobs', async () => {
    const started: number[] = [];
    const gates = new Map<number, ReturnType<typeof deferred>>();
    const job = (page: number, distance: number): PaintJob => schedulePaint('page', () => distance, () => {
      started.push(page);
      const gate = deferred();
      gates.set(page, gate);
      return { promise: gate.promise, cancel: () => undefined };
    });
    const far = job(9, 8);
    const near = job(2, 1);
    const cancelled = job(3, 0);
    const nearest = job(1, 0);
    cancelled.cancel();
    await expect(cancelled.promise).rejects.toMatchObject({ name: 'RenderingCancelledException' });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(started).toEqual([1]);
    gates.get(1)!.resolve();
    await nearest.promise;
    await settle();
    expect(started).toEqual([1, 2]);
    gates.get(2)!.resolve();
    await near.promise;
    await settle();
    expect(started).toEqual([1, 2, 9]);
    gates.get(9)!.resolve();
    await far.promise;
  });
});
