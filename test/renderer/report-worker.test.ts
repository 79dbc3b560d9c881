// state/report.ts with the evaluation worker (workers/evaluation.worker.ts), here run in process with
// the worker's own runner and the worker's copying of messages: a large dossier is evaluated there, not
// in the window; the worker is sent only what changed; the report is said not current until the
// result of the latest change is in; a result older than one shown, or of another dossier, is dropped;
// a worker that fails hands the evaluation back to the window.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewFile } from '../../src-renderer/core/types';
import { largeDossier } from './large-dossier';
import type { EvaluationWorkerLike } from '../../src-renderer/platform/evaluation-client';
import type { EvaluationResponse, EvaluationUpdate } from '../../src-renderer/workers/evaluation-protocol';
import { EvaluationRunner } from '../../src-renderer/workers/evaluation-runner';

const evaluations = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src-renderer/core/engine', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src-renderer/core/engine')>();
  return { ...original, evaluateDossier: (...args: Parameters<typeof original.evaluateDossier>) => { evaluations.count++; return original.evaluateDossier(...args); } };
});

const { startEvaluation, setEvaluationWorkerStarter, LARGE_DOSSIER_ROWS } = await import('../../src-renderer/state/report');
const { useWorkspace } = await import('../../src-renderer/state/workspace');
const { cutStandingOf } = await import('../../src-renderer/state/cut-standing');
const { usePrereviewReadings } = await import('../../src-renderer/state/prereview');

const ROWS = LARGE_DOSSIER_ROWS + 20;
const { profileJson, manifest, review, claimedFen: CLAIMED_FEN } = largeDossier(ROWS);

/** The worker in process: messages copied as postMessage copies them, evaluated by the worker's runner when the test says. */
class InProcessEvaluationWorker implements EvaluationWorkerLike {
  readonly updates: EvaluationUpdate[] = [];
  private readonly runner = new EvaluationRunner();
  private readonly messageListeners: ((event: MessageEvent<EvaluationResponse>) => void)[] = [];
  private readonly errorListeners: ((event: ErrorEvent) => void)[] = [];
  terminated = false;

  postMessage(message: EvaluationUpdate): void {
    const copy = structuredClone(message);
    this.updates.push(copy);
    this.runner.apply(copy);
  }

  /** The worker's evaluation of everything it was sent so far (not yet delivered). */
  evaluate(): EvaluationResponse {
    const before = evaluations.count;
    const response = structuredClone(this.runner.evaluate()!);
    workerEvaluations += evaluations.count - before;
    return response;
  }

  deliver(response: EvaluationResponse): void {
    for (const listener of this.messageListeners) listener({ data: structuredClone(response) } as MessageEvent<EvaluationResponse>);
  }

  fail(message: string): void {
    for (const listener of this.errorListeners) listener({ message } as ErrorEvent);
  }

  addEventListener(type: 'message', listener: (event: MessageEvent<EvaluationResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<EvaluationResponse>) => void) | ((event: ErrorEvent) => void)): void {
    if (type === 'message') this.messageListeners.push(listener as (event: MessageEvent<EvaluationResponse>) => void);
    else this.errorListeners.push(listener as (event: ErrorEvent) => void);
  }

  terminate(): void {
    this.terminated = true;
  }
}

let worker: InProcessEvaluationWorker;
let workerEvaluations = 0;
const state = () => useWorkspace.getState();
const cutOn = (claimId: string, amount: string) => state().edit({ type: 'cut', claimId, cut: { claimId, amount, reason: 'other' } });
/** Waits until the worker has been sent `count` updates in all. */
const sentUpdates = (count: number) => vi.waitFor(() => expect(worker.updates).toHaveLength(count));

beforeEach(async () => {
  vi.stubGlobal('fetch', async () => ({ ok: true, status: 200, json: async () => profileJson }));
  worker = new InProcessEvaluationWorker();
  setEvaluationWorkerStarter(() => worker);
  state().load({ id: 'large', manifest, documents: [], review }, { reviewerId: 'local', write: async () => undefined });
  usePrereviewReadings.getState().reset('large');
  evaluations.count = 0;
  workerEvaluations = 0;
  await startEvaluation('large', 'shenzhen-2024-dsp', [], () => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
});
afterAll(() => {
  setEvaluationWorkerStarter(() => null);
});

describe('a large dossier evaluated in the worker', () => {
  it('is sent whole once, evaluated there and not in the window, and its report is pending until the result is in', async () => {
    expect(worker.updates).toHaveLength(1);
    const [first] = worker.updates;
    expect(first!.start?.profile.id).toBe('shenzhen-2024-dsp');
    expect(first!.manifest?.claims).toHaveLength(ROWS);
    expect(state().reportCurrent).toBe(false);
    expect(state().report).toBeNull();
    worker.deliver(worker.evaluate());
    expect(state().report!.claimedFen).toBe(CLAIMED_FEN);
    expect(state().reportCurrent).toBe(true);
    expect(usePrereviewReadings.getState().result).not.toBeNull();
    expect(evaluations.count).toBe(workerEvaluations);
    expect(workerEvaluations).toBe(1);
  });

  it('moves the gauge with a cut at once and sends the worker the review alone after the paint', async () => {
    worker.deliver(worker.evaluate());
    const stored = cutOn('L0519', '1000.00');
    expect(cutStandingOf(manifest, state().open!.review, state().report!.threshold).cutFen).toBe(100_000);
    expect(state().reportCurrent).toBe(false);
    expect(worker.updates).toHaveLength(1);
    await stored;
    await sentUpdates(2);
    const update = worker.updates[1]!;
    expect(Object.keys(update).sort()).toEqual(['dossierId', 'review', 'revision', 'type']);
    expect(update.review!.cuts).toHaveLength(1);
    expect(update.review!.auditLog).toEqual([]);
    expect(state().reportCurrent).toBe(false);
    const response = worker.evaluate();
    // The result crosses as a patch of the first, whole one.
    expect(response.type === 'result' && response.patch.base).toBe(1);
    worker.deliver(response);
    expect(state().report!.cutFen).toBe(100_000);
    expect(state().reportCurrent).toBe(true);
    expect(evaluations.count).toBe(workerEvaluations);
  });

  it('drops a result older than the one shown, and shows an older one that comes first as not current', async () => {
    worker.deliver(worker.evaluate());
    await cutOn('L0001', '100.00');
    await sentUpdates(2);
    const afterFirstCut = worker.evaluate();
    await cutOn('L0002', '200.00');
    await sentUpdates(3);
    const afterSecondCut = worker.evaluate();
    expect(afterSecondCut.revision).toBeGreaterThan(afterFirstCut.revision);

    worker.deliver(afterSecondCut);
    expect(state().report!.cutFen).toBe(30_000);
    expect(state().reportCurrent).toBe(true);
    const shown = state().report;
    worker.deliver(afterFirstCut);
    expect(state().report).toBe(shown);
    expect(state().report!.cutFen).toBe(30_000);
    expect(state().reportCurrent).toBe(true);

    await cutOn('L0003', '300.00');
    await sentUpdates(4);
    const afterThirdCut = worker.evaluate();
    await cutOn('L0004', '400.00');
    await sentUpdates(5);
    const afterFourthCut = worker.evaluate();
    worker.deliver(afterThirdCut);
    expect(state().report!.cutFen).toBe(60_000);
    expect(state().reportCurrent).toBe(false);
    worker.deliver(afterFourthCut);
    expect(state().report!.cutFen).toBe(100_000);
    expect(state().reportCurrent).toBe(true);
  });

  it('drops a result of another dossier', async () => {
    const response = worker.evaluate();
    worker.deliver({ ...response, dossierId: 'other', revision: response.revision + 10 });
    expect(state().report).toBeNull();
    worker.deliver(response);
    expect(state().report).not.toBeNull();
  });

  it('sends nothing when the review comes back from the store with the same content and a longer audit log', async () => {
    await cutOn('L0001', '100.00');
    await sentUpdates(2);
    worker.deliver(worker.evaluate());
    const stored = structuredClone(state().open!.review);
    stored.auditLog = [...stored.auditLog, { seq: 1 } as ReviewFile['auditLog'][number]];
    state().apply(stored);
    expect(state().reportCurrent).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(worker.updates).toHaveLength(2);
  });

  it('sends only the readings that are new', async () => {
    worker.deliver(worker.evaluate());
    const reading = (file: string) => ({ file, type: 'xml', size: 1, pageCount: 1, pages: [], table: null, error: null });
    usePrereviewReadings.getState().addReadings('large', [reading('a.xml'), reading('b.xml')]);
    expect(state().reportCurrent).toBe(false);
    await sentUpdates(2);
    expect(worker.updates[1]!.readings!.map(([file]) => file)).toEqual(['a.xml', 'b.xml']);
    usePrereviewReadings.getState().addReading('large', reading('c.xml'));
    await sentUpdates(3);
    expect(worker.updates[2]!.readings!.map(([file]) => file)).toEqual(['c.xml']);
    expect(worker.updates[2]!.replaceReadings).toBeUndefined();
    worker.deliver(worker.evaluate());
    expect(state().reportCurrent).toBe(true);
  });

  it('evaluates in the window once the worker fails', async () => {
    worker.fail('out of memory');
    expect(worker.terminated).toBe(true);
    expect(state().report!.claimedFen).toBe(CLAIMED_FEN);
    expect(state().reportCurrent).toBe(true);
    expect(evaluations.count).toBe(1);
    await cutOn('L0001', '100.00');
    await vi.waitFor(() => expect(state().report!.cutFen).toBe(10_000));
    expect(worker.updates).toHaveLength(1);
  });
});
