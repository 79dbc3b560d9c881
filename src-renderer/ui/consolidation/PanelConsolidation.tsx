// The panel consolidation screen: the chair loads the experts' review files, sees every score beside
// the engine's aggregation and flags, decides the disputed criteria and produces the panel result.
import { PLACEHOLDER_REVIEWER_NAMES } from '../../core/panel/sign-off';
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { ReviewFile } from '../../core/types';
import {
  decisionProblems, producePanelResult, resolvedScores,
  type ChairDecision, type PanelAggregate, type PanelCriterion, type PanelEngine, type ChairResult,
} from '../../core/panel/chair-decision';
import { panelText, type PanelLanguage } from './messages';

/** A reviewer's name as data; the name the workstation used before reviewers named themselves is said as such. */
function ReviewerName({ name, unnamed }: { name: string; unnamed: string }) {
  return PLACEHOLDER_REVIEWER_NAMES.includes(name.trim()) ? <span className="muted">{unnamed}</span> : <span translate="no">{name}</span>;
}

export interface PanelConsolidationProps {
  /** The program's scoring criteria, in rubric order. */
  criteria: PanelCriterion[];
  /** Name of the chair who signs the result. */
  chair: string;
  /** Reads and validates one review file (the engine's review reader); throws an Error naming the problem. */
  readReview: (text: string, fileName: string) => ReviewFile;
  /** The engine's panel aggregation and scoring. */
  engine: PanelEngine;
  /** Receives the produced panel result (outcome for the export, chair's review file to keep). */
  onResult: (result: ChairResult) => void;
  /** Reviews already in the store for this dossier. */
  initialReviews?: ReviewFile[];
  /** ISO 8601 time of signing; defaults to now. */
  now?: () => string;
  language?: PanelLanguage;
}

function isoNow(): string {
  return new Date().toISOString();
}

export function PanelConsolidation(props: PanelConsolidationProps) {
  const { criteria, chair, readReview, engine, onResult, language = 'zh-CN', now = isoNow } = props;
  const t = (key: Parameters<typeof panelText>[1], params?: Record<string, string>) => panelText(language, key, params);
  const [reviews, setReviews] = useState<ReviewFile[]>(props.initialReviews ?? []);
  const [loadMessages, setLoadMessages] = useState<{ text: string; error: boolean }[]>([]);
  const [decisions, setDecisions] = useState<Record<string, ChairDecision>>({});
  const [produced, setProduced] = useState<ChairResult | null>(null);
  const [pickedCount, setPickedCount] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const scorers = useMemo(() => reviews.filter((review) => review.reviewer.role !== 'chair'), [reviews]);
  const aggregation = useMemo((): { aggregate: PanelAggregate; error: string | null } => {
    try {
      return { aggregate: engine.aggregate(scorers), error: null };
    } catch (error) {
      return { aggregate: { scores: {}, disputed: [], flags: [] }, error: error instanceof Error ? error.message : String(error) };
    }
  }, [engine, scorers]);
  const aggregate = aggregation.aggregate;
  const problems = decisionProblems(criteria, aggregate, decisions);
  const scores = resolvedScores(criteria, aggregate, decisions);
  const complete = criteria.every((criterion) => scores[criterion.id] !== undefined);
  const preview = scorers.length > 0 && aggregation.error === null && complete && problems.length === 0 ? engine.total(scores) : null;
  const labelOf = (id: string) => criteria.find((criterion) => criterion.id === id)?.label ?? id;

  async function load(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setPickedCount(files.length);
    const messages: { text: string; error: boolean }[] = [];
    let next = reviews;
    for (const file of files) {
      try {
        const review = readReview(await file.text(), file.name);
        const existing = next.findIndex((entry) => entry.reviewer.name === review.reviewer.name);
        if (existing >= 0) {
          messages.push({ text: t('replaced', { file: file.name, name: review.reviewer.name }), error: false });
          next = next.map((entry, index) => (index === existing ? review : entry));
        } else {
          next = [...next, review];
        }
      } catch (error) {
        messages.push({ text: error instanceof Error ? error.message : `${file.name}: ${String(error)}`, error: true });
      }
    }
    setReviews(next);
    setLoadMessages(messages);
    setProduced(null);
  }

  function decide(criterion: string, change: Partial<ChairDecision>) {
    setDecisions((previous) => ({ ...previous, [criterion]: { value: '', note: '', ...previous[criterion], ...change } }));
    setProduced(null);
  }

  function produce() {
    const result = producePanelResult({ criteria, reviews: scorers, aggregate, decisions, engine, chair, signedAt: now() });
    setProduced(result);
    onResult(result);
  }

  return (
    <section aria-labelledby="panel-title" data-testid="panel-consolidation">
      <h2 id="panel-title">{t('title')}</h2>
      <div className="file-pick">
        <button type="button" onClick={() => fileInput.current?.click()} aria-describedby="panel-load-hint" data-testid="panel-load-button">{t('load')}</button>
        <span data-testid="panel-load-picked">{pickedCount === 0 ? t('pickedNone') : t('picked', { count: String(pickedCount) })}</span>
        <input ref={fileInput} className="visually-hidden" tabIndex={-1} aria-hidden="true" type="file" multiple accept=".json,application/json" data-testid="panel-load-reviews" onChange={(event) => void load(event)} />
      </div>
      <p id="panel-load-hint">{t('loadHint')}</p>
      {loadMessages.length > 0 && (
        <ul data-testid="panel-load-messages">
          {loadMessages.map((message, index) => (
            <li key={index} role={message.error ? 'alert' : 'status'}>{message.text}</li>
          ))}
        </ul>
      )}
      {aggregation.error && <p role="alert" data-testid="panel-engine-error">{aggregation.error}</p>}
      {scorers.length === 0 ? (
        <p>{t('noReviews')}</p>
      ) : (
        <table data-testid="panel-table">
          <thead>
            <tr>
              <th scope="col">{t('criterion')}</th>
              <th scope="col">{t('max')}</th>
              {scorers.map((review) => (
                <th scope="col" key={review.reviewer.name} data-testid={`panel-reviewer-${review.reviewer.name}`}>
                  <span className="reviewer-head">
                    <ReviewerName name={review.reviewer.name} unnamed={t('unnamedReviewer')} />{review.conflictOfInterest?.declared ? t('conflict') : ''}
                    <button type="button" className="icon-button icon-button-small" onClick={() => { setReviews(reviews.filter((entry) => entry !== review)); setProduced(null); }} aria-label={`${t('remove')} "${review.reviewer.name}"`}>×</button>
                  </span>
                </th>
              ))}
              <th scope="col">{t('aggregate')}</th>
              <th scope="col">{t('decision')}</th>
              <th scope="col">{t('note')}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((criterion) => {
              const disputed = aggregate.disputed.includes(criterion.id);
              const decision = decisions[criterion.id] ?? { value: '', note: '' };
              return (
                <tr key={criterion.id} data-testid={`panel-row-${criterion.id}`} data-disputed={disputed ? 'true' : 'false'}>
                  <th scope="row">{criterion.label}{disputed ? ` ⚠ ${t('disputed')}` : ''}</th>
                  <td>{criterion.max}</td>
                  {scorers.map((review) => <td key={review.reviewer.name}>{review.scores[criterion.id] ?? '—'}</td>)}
                  <td data-testid={`panel-aggregate-${criterion.id}`}>{aggregate.scores[criterion.id] ?? '—'}</td>
                  <td>
                    <input
                      inputMode="decimal"
                      aria-label={`${t('decision')} ${criterion.label}`}
                      data-testid={`panel-decision-${criterion.id}`}
                      value={decision.value}
                      placeholder={aggregate.scores[criterion.id] ?? ''}
                      onChange={(event) => decide(criterion.id, { value: event.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${t('note')} ${criterion.label}`}
                      data-testid={`panel-note-${criterion.id}`}
                      value={decision.note}
                      onChange={(event) => decide(criterion.id, { note: event.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total')}</th>
              <td colSpan={scorers.length + 4} data-testid="panel-total">
                {preview ? `${preview.total}${preview.band ? `（${t('band')} ${preview.band}）` : ''}` : '—'}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {scorers.length > 0 && (
        <section aria-labelledby="panel-comments-title" data-testid="panel-comments" className="panel-comments">
          <h3 id="panel-comments-title">{t('comments')}</h3>
          {scorers.map((review) => {
            const comments = criteria.filter((criterion) => review.comments?.[criterion.id]?.trim());
            return (
              <div key={review.reviewer.name} data-testid={`panel-comments-${review.reviewer.name}`}>
                <h4><ReviewerName name={review.reviewer.name} unnamed={t('unnamedReviewer')} />{review.reviewer.organisation ? <span translate="no">（{review.reviewer.organisation}）</span> : ''}</h4>
                {comments.length === 0 && !review.opinion?.trim() ? <p>{t('noComments')}</p> : (
                  <dl>
                    {comments.map((criterion) => (
                      <div key={criterion.id}><dt>{criterion.label}</dt><dd translate="no">{review.comments![criterion.id]}</dd></div>
                    ))}
                    {review.opinion?.trim() && <div><dt>{t('opinion')}</dt><dd translate="no" data-testid={`panel-opinion-${review.reviewer.name}`}>{review.opinion}</dd></div>}
                  </dl>
                )}
              </div>
            );
          })}
        </section>
      )}
      {aggregate.flags.length > 0 && (
        <section aria-label={t('flags')} data-testid="panel-flags">
          <h3>{t('flags')}</h3>
          <ul>{aggregate.flags.map((flag, index) => <li key={index}>{flag.message}</li>)}</ul>
        </section>
      )}
      {problems.length > 0 && (
        <ul data-testid="panel-problems">
          {problems.map((problem) => <li key={`${problem.criterion}-${problem.problem}`}>{t(`problem.${problem.problem}`, { criterion: labelOf(problem.criterion) })}</li>)}
        </ul>
      )}
      <button type="button" data-testid="panel-produce" disabled={scorers.length === 0 || !preview} onClick={produce}>{t('produce')}</button>
      {produced && <p role="status" data-testid="panel-produced">{t('produced', { total: produced.outcome.total ?? '—' })}</p>}
    </section>
  );
}
