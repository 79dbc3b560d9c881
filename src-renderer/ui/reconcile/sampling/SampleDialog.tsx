// The draw-a-sample dialog: method (MUS or random), the size from confidence and the tolerable and
// expected misstatement rates (the core's AICPA tables) or given, the seed and the key-item amount.
// It previews the plan the core draws (size, interval, key items, rows) and the command line that
// draws the same one; "draw" records the plan in the review through the one edit path (a
// sample.draw audit entry), "withdraw" removes it (sample.clear).
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCny } from '../../../core/money';
import { CONFIDENCE_LEVELS, declaredPopulation, drawSample, type PopulationRow, type SamplePlan } from '../../../core/sampling';
import { useI18n } from '../../../i18n';
import { webCryptoHasher } from '../../../platform/hasher';
import { isLocked, useWorkspace } from '../../../state/workspace';
import { formOfPlan, initialSampleForm, sampleCommandLine, sampleRequestOf, type SampleForm } from './sample-form';
import { Modal } from '../../Modal';

/** A seed nobody chose to suit the result: eight random digits, shown and recorded with the plan. */
function freshSeed(): string {
  const digits = new Uint32Array(1);
  crypto.getRandomValues(digits);
  return String(digits[0]! % 100_000_000).padStart(8, '0');
}

function yuanOf(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

type Preview = { plan: SamplePlan } | { error: string } | null;

export function SampleDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const open = useWorkspace((state) => state.open);
  const current = open?.review.sample;
  const [form, setForm] = useState<SampleForm>(() => (current ? formOfPlan(current, yuanOf) : initialSampleForm(freshSeed())));
  const [preview, setPreview] = useState<Preview>(null);
  const [saving, setSaving] = useState(false);
  const seedRef = useRef<HTMLInputElement>(null);
  const manifest = open?.manifest;
  const population = useMemo<PopulationRow[] | { error: string }>(() => {
    try {
      return manifest ? declaredPopulation(manifest) : [];
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [manifest]);
  const parsed = sampleRequestOf(form);
  const problem = 'problem' in parsed ? t(parsed.problem.key, parsed.problem.params) : null;
  const requestKey = 'request' in parsed ? JSON.stringify(parsed.request) : null;

  useEffect(() => {
    seedRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!('request' in parsed) || !Array.isArray(population)) {
      setPreview(Array.isArray(population) ? null : { error: population.error });
      return;
    }
    let current = true;
    drawSample(population, parsed.request, webCryptoHasher)
      .then((plan) => { if (current) setPreview({ plan }); })
      .catch((error: unknown) => { if (current) setPreview({ error: error instanceof Error ? error.message : String(error) }); });
    return () => { current = false; };
    // The request is compared by its JSON: a new object with the same fields draws nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, population]);

  if (!open) return null;
  const locked = isLocked(open.review);
  const plan = preview && 'plan' in preview && 'request' in parsed ? preview.plan : null;
  const set = (patch: Partial<SampleForm>) => setForm((before) => ({ ...before, ...patch }));
  const record = (next: SamplePlan | null) => {
    setSaving(true);
    void useWorkspace.getState().edit({ type: 'sample', plan: next }).then((stored) => {
      setSaving(false);
      if (stored) onClose();
    });
  };
  const selected = plan ? plan.sample.filter((row) => row.reason === 'selected').length : 0;
  return (
    <Modal testId="sample-dialog" className="modal-wide sample-dialog" headingId="sample-heading" heading={t('sample.heading')} onClose={onClose} focusClose={false} isolateKeys>
      <p className="muted small">{t('sample.lead')}</p>
      <form
        className="sample-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (plan && !locked) record(plan);
        }}
      >
        <fieldset className="sample-choice">
          <legend>{t('sample.method')}</legend>
          {(['mus', 'random'] as const).map((method) => (
            <label key={method}>
              <input type="radio" name="sample-method" value={method} data-testid={`sample-method-${method}`} checked={form.method === method} onChange={() => set({ method })} />
              <span>{t(`sample.method.${method}`)}</span>
              <span className="small muted">{t(`sample.method.${method}Hint`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="sample-choice">
          <legend>{t('sample.sizing')}</legend>
          <div className="sample-sizing">
            {(['computed', 'given'] as const).map((sizing) => (
              <label key={sizing} className="inline">
                <input type="radio" name="sample-sizing" value={sizing} data-testid={`sample-sizing-${sizing}`} checked={form.sizing === sizing} onChange={() => set({ sizing })} />
                <span>{t(`sample.sizing.${sizing}`)}</span>
              </label>
            ))}
          </div>
          {form.sizing === 'computed' ? (
            <div className="sample-fields">
              <label>
                <span>{t('sample.confidence')}</span>
                <select data-testid="sample-confidence" value={form.confidence} onChange={(event) => set({ confidence: event.target.value })}>
                  {CONFIDENCE_LEVELS.map((level) => <option key={level} value={level}>{level}</option>)}
                </select>
              </label>
              <label>
                <span>{t('sample.tolerable')}</span>
                <input className="mono" data-testid="sample-tolerable" value={form.tolerable} inputMode="decimal" onChange={(event) => set({ tolerable: event.target.value })} />
              </label>
              <label>
                <span>{t('sample.expected')}</span>
                <input className="mono" data-testid="sample-expected" value={form.expected} inputMode="decimal" onChange={(event) => set({ expected: event.target.value })} />
              </label>
            </div>
          ) : (
            <div className="sample-fields">
              <label>
                <span>{t('sample.size')}</span>
                <input className="mono" data-testid="sample-size" value={form.size} inputMode="numeric" onChange={(event) => set({ size: event.target.value })} />
              </label>
            </div>
          )}
        </fieldset>
        <div className="sample-fields">
          <label>
            <span>{t('sample.seed')}</span>
            <input ref={seedRef} className="mono" data-testid="sample-seed" value={form.seed} onChange={(event) => set({ seed: event.target.value })} />
            <span className="small muted">{t('sample.seedHint')}</span>
          </label>
          <label>
            <span>{t('sample.keyItems')}</span>
            <input className="mono" data-testid="sample-key-items" value={form.keyItems} inputMode="decimal" onChange={(event) => set({ keyItems: event.target.value })} />
            <span className="small muted">{t('sample.keyItemsHint')}</span>
          </label>
        </div>
        <div className="sample-preview" data-testid="sample-preview" aria-live="polite"
          data-size={plan?.size ?? ''} data-rows={plan?.sample.length ?? ''} data-key-items={plan?.keyItems.length ?? ''} data-interval-fen={plan?.intervalFen ?? ''}>
          {problem ? <p className="field-error" role="alert" data-testid="sample-problem">{problem}</p>
            : preview && 'error' in preview ? <p className="field-error" role="alert" data-testid="sample-problem">{t('sample.error.design', { detail: preview.error })}</p>
              : plan && (
                <>
                  <p>
                    <strong>{t('sample.preview', { size: plan.size, keys: plan.keyItems.length, rows: plan.sample.length })}</strong>
                    {plan.intervalFen !== null && <span className="muted"> · {t('sample.previewInterval', { interval: formatCny(plan.intervalFen), start: formatCny(plan.randomStartFen ?? 0) })}</span>}
                    <span className="muted"> · {selected} / {plan.populationCount - plan.keyItems.length}</span>
                  </p>
                  {'request' in parsed && <p className="small muted">{t('sample.cli')}<code translate="no" data-testid="sample-command">{sampleCommandLine(parsed.request)}</code></p>}
                </>
              )}
        </div>
        {current && <p className="small muted">{t('sample.replaces', { seed: current.seed })}</p>}
        <div className="dialog-actions">
          {current && <button type="button" className="text-button" data-testid="sample-withdraw" disabled={locked || saving} onClick={() => record(null)}>{t('sample.withdraw')}</button>}
          <button type="button" className="text-button" onClick={onClose}>{t('sample.cancel')}</button>
          <button type="submit" className="primary-button" data-testid="sample-draw" disabled={!plan || locked || saving}>{t('sample.draw')}</button>
        </div>
      </form>
    </Modal>
  );
}
