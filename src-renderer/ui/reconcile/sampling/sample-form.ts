// The draw-a-sample dialog's fields as the core's SampleRequest (core/sampling drawSample), the
// command line that draws the same sample, and which rows a plan marks. Plain functions, tested
// without a DOM.
import { tryParseYuan } from '../../../core/money';
import type { SampleMethod, SamplePlan, SampleRequest } from '../../../core/sampling';
import type { MessageKey } from '../../../i18n';

export interface SampleForm {
  method: SampleMethod;
  sizing: 'computed' | 'given';
  confidence: string;
  tolerable: string;
  expected: string;
  size: string;
  seed: string;
  /** Yuan; empty for none. */
  keyItems: string;
}

export type FormProblem = { key: MessageKey; params?: Record<string, string> };

const RATE = /^(0(\.\d+)?|\.\d+)$/;

/** A fresh form: MUS at 95 % confidence, 5 % tolerable and 1 % expected, with the given seed. */
export function initialSampleForm(seed: string): SampleForm {
  return { method: 'mus', sizing: 'computed', confidence: '0.95', tolerable: '0.05', expected: '0.01', size: '60', seed, keyItems: '' };
}

/**
 * The form of a plan already drawn, to draw again from. A MUS plan's key-item amount is left out:
 * MUS sets one itself (the interval the rates allow), and the plan does not say whether the auditor
 * gave it; a random plan's is always the auditor's.
 */
export function formOfPlan(plan: SamplePlan, keyItemYuan: (fen: number) => string): SampleForm {
  return {
    method: plan.method,
    sizing: plan.tolerable ? 'computed' : 'given',
    confidence: plan.confidence,
    tolerable: plan.tolerable ?? '0.05',
    expected: plan.expected ?? '0.01',
    size: String(plan.size),
    seed: plan.seed,
    keyItems: plan.method === 'random' && plan.keyItemFen !== null ? keyItemYuan(plan.keyItemFen) : '',
  };
}

/** The request the form describes, or the first problem with it (for the reviewer, translated). */
export function sampleRequestOf(form: SampleForm): { request: SampleRequest } | { problem: FormProblem } {
  const seed = form.seed.trim();
  if (!seed) return { problem: { key: 'sample.error.seed' } };
  const request: SampleRequest = { method: form.method, seed, confidence: form.confidence };
  if (form.sizing === 'given') {
    if (!/^\d+$/.test(form.size.trim()) || Number(form.size) < 1) return { problem: { key: 'sample.error.size' } };
    request.size = Number(form.size.trim());
  } else {
    for (const [what, value] of [['tolerable', form.tolerable], ['expected', form.expected]] as const) {
      if (!RATE.test(value.trim())) return { problem: { key: 'sample.error.rate', params: { what } } };
    }
    request.tolerable = form.tolerable.trim();
    request.expected = form.expected.trim();
  }
  if (form.keyItems.trim()) {
    const fen = tryParseYuan(form.keyItems.trim());
    if (fen === null || fen <= 0) return { problem: { key: 'sample.error.keyItems' } };
    request.keyItemFen = fen;
  }
  return { request };
}

function shellWord(text: string): string {
  return /^[\w.,:/@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The `dossier-desk sample` command that draws the same sample from the dossier folder. */
export function sampleCommandLine(request: SampleRequest): string {
  const words = ['dossier-desk', 'sample', 'DOSSIER', '--method', request.method, '--seed', shellWord(request.seed)];
  if (request.size !== undefined) words.push('--size', String(request.size));
  else words.push('--confidence', request.confidence ?? '0.95', '--tolerable', request.tolerable ?? '', '--expected', request.expected ?? '0');
  if (request.keyItemFen !== undefined) words.push('--key-items', `${Math.floor(request.keyItemFen / 100)}.${String(request.keyItemFen % 100).padStart(2, '0')}`);
  return words.join(' ');
}

/** How each sampled row is in the plan: a key item, or drawn (with its MUS hits). */
export function sampledRows(plan: SamplePlan | undefined): ReadonlyMap<string, { reason: 'key' | 'selected'; hits: number }> | null {
  if (!plan) return null;
  return new Map(plan.sample.map((row) => [row.claimId, { reason: row.reason, hits: row.hits ?? 1 }]));
}
