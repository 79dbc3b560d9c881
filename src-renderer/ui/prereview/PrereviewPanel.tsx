// The formal pre-review (形式预审): every material item of the profile with its clause, the files
// (and pages) placed in it — a click opens the page in the viewer —, its checks passed, failed or to
// be done by hand with their reasons, why a conditional item is or is not required, and the
// supplement notice the applicant gets (printable as the bureau's 补正通知). The reviewer moves a
// file to another item (or to "not a material"); the correction is an edit with its audit entry,
// and the view and the notice follow at once.
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import type { MaterialCheckResult, MaterialStatus, PlacedDocument, PrereviewResult, SupplementEntry } from '../../core/prereview';
import type { MaterialItem, Profile } from '../../core/profiles/schema';
import type { Applicant } from '../../core/types';
import { placeName, placeNames } from '../../core/places';
import { isMessageKey, useI18n, type MessageKey } from '../../i18n';
import { useProfile } from '../../state/profiles';
import { usePrereviewReadings } from '../../state/prereview';
import { useUi } from '../../state/ui';
import { isLocked, useWorkspace } from '../../state/workspace';
import { collectOpenDossier } from '../../state/export-collect';
import { useExport } from '../export/useExport';
import { printSupplementNotice } from './print-notice';
import { usePrereviewRich, usePrereviewText, type PrereviewMessageKey } from './messages';
import './prereview.css';

type Lang = 'zh' | 'en';
type Text = ReturnType<typeof usePrereviewText>;
type Rich = ReturnType<typeof usePrereviewRich>;

const STATUS_ORDER: MaterialStatus['status'][] = ['present', 'missing', 'doubtful', 'not-required'];

function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Why a conditional item is (or is not) required of this applicant, from the profile's data. */
function conditionNotes(item: MaterialItem, profile: Profile, applicant: Applicant, lang: Lang, text: Rich): ReactNode[] {
  const notes: ReactNode[] = [];
  if (item.categories) {
    const label = (id: string) => profile.categories.find((category) => category.id === id)?.label[lang] ?? id;
    const categories = item.categories.map(label).join(lang === 'zh' ? '、' : ', ');
    notes.push(applicant.category ? text('applies.category', { categories, category: label(applicant.category) }) : text('applies.categoryMet', { categories }));
  }
  if (item.whenRegisteredIn) notes.push(text('applies.registeredIn', { places: placeNames(item.whenRegisteredIn, lang) }));
  if (item.whenNotRegisteredIn) notes.push(text('applies.notRegisteredIn', { places: placeNames(item.whenNotRegisteredIn, lang) }));
  const places = item.whenRegisteredIn ?? item.whenNotRegisteredIn;
  if (places) {
    const registeredIn = typeof applicant.registeredIn === 'string' ? applicant.registeredIn.trim() : '';
    notes.push(registeredIn ? text('applies.applicantPlace', { place: placeName(registeredIn, lang) }) : text('applies.applicantPlaceUnknown', {}));
    // Where the place is not known, the two items stand for each other (core/prereview/evaluate.ts alternativesOf).
    const other = registeredIn ? null : profile.materials.find((candidate) => candidate.id !== item.id && (item.whenRegisteredIn ? candidate.whenNotRegisteredIn : candidate.whenRegisteredIn)?.join() === places.join());
    if (other) notes.push(text('applies.alternative', { clause: other.clause }));
  }
  return notes;
}

/** A check's sentence with the file names in it marked as data (translate="no"). */
function markFiles(sentence: string): ReactNode {
  const parts = sentence.split(/([^\s：:，,（()）、]+\.(?:pdf|ofd|xml|jpe?g|png|csv|xlsx))/i);
  return parts.map((part, index) => (index % 2 === 1 ? <span key={index} translate="no">{part}</span> : part));
}

function CheckLine({ check, lang, text }: { check: MaterialCheckResult; lang: Lang; text: Text }) {
  const openFile = useUi((state) => state.openFile);
  const key: PrereviewMessageKey = check.ok === true ? 'check.passed' : check.ok === false ? 'check.failed' : 'check.unsure';
  const tone = check.ok === true ? 'pass' : check.ok === false ? 'fail' : 'unsure';
  return (
    <li className={`prereview-check prereview-check-${tone}`} data-testid={`prereview-check-${check.id}`}>
      <span className="prereview-check-mark" aria-label={text(key)} title={text(key)}>{check.ok === true ? '✓' : check.ok === false ? '✗' : '?'}</span>
      <span className="prereview-check-text">{markFiles(lang === 'zh' ? check.zh : check.en)}</span>
      {check.evidence && (
        <button type="button" className="tag tag-link" onClick={() => openFile(check.evidence!.file, check.evidence!.page ?? 1)}>
          <span translate="no">{fileName(check.evidence.file)}</span>{check.evidence.page ? ` ${text('page', { page: check.evidence.page })}` : ''}
        </button>
      )}
      <span className="muted small" translate="no"> {check.clause}</span>
    </li>
  );
}

interface MoveOption {
  value: string;
  label: string;
}

/** Every place a file can go: each material item (each recognition type where an item has several), or none. */
function moveOptions(profile: Profile, lang: Lang, text: Text): MoveOption[] {
  const options: MoveOption[] = [];
  for (const item of profile.materials) {
    const rules = item.recognize ?? [];
    // The clause leads in Chinese; an English option names the item only (a clause is Chinese data).
    const itemLabel = lang === 'zh' ? `${item.clause} ${item.label.zh}` : item.label.en;
    if (rules.length > 1) for (const rule of rules) options.push({ value: `${item.id}|${rule.id}`, label: `${itemLabel} — ${rule.label[lang]}` });
    else options.push({ value: `${item.id}|${rules[0]?.id ?? ''}`, label: itemLabel });
  }
  options.push({ value: '|', label: text('notMaterial') });
  return options;
}

function FileLine({ document, options, locked, labelOf, lang, text, mismatched }: {
  document: PlacedDocument; options: MoveOption[]; locked: boolean; labelOf: (id: string) => string; lang: Lang; text: Text;
  /** The manifest's kind disagrees with the content (the pre-review's document-kind-mismatch finding). */
  mismatched: boolean;
}) {
  const openFile = useUi((state) => state.openFile);
  const edit = useWorkspace((state) => state.edit);
  const rich = usePrereviewRich();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const kindMismatch = mismatched && document.manifestKind
    ? (isMessageKey(`kind.${document.manifestKind}`) ? t(`kind.${document.manifestKind}` as MessageKey) : document.manifestKind)
    : null;
  const current = `${document.material ?? ''}|${document.material ? (document.type ?? '') : ''}`;
  const selectable = options.some((option) => option.value === current) ? current : `${document.material ?? ''}|${options.find((option) => option.value.startsWith(`${document.material ?? ''}|`))?.value.split('|')[1] ?? ''}`;
  const move = async (value: string) => {
    const [material = '', type = ''] = value.split('|');
    setBusy(true);
    await edit({
      type: 'classification', file: document.file,
      correction: { material: material || null, ...(type ? { type } : {}) },
      placedBefore: { material: document.material, source: document.source },
    });
    setBusy(false);
  };
  const restore = async () => {
    setBusy(true);
    await edit({ type: 'classification', file: document.file, correction: null });
    setBusy(false);
  };
  return (
    <li className="prereview-file" data-testid={`prereview-file-${document.file}`}>
      <div className="prereview-file-row">
        <button type="button" className="link-button prereview-file-open" onClick={() => openFile(document.file, document.page ?? 1)}>
          <span translate="no">{fileName(document.file)}</span>
          {document.page ? <span className="muted small"> {text('page', { page: document.page })}</span> : null}
          {document.pageCount && document.pageCount > 1 ? <span className="muted small"> · {text('pages', { count: document.pageCount })}</span> : null}
        </button>
        <span className={`tag prereview-source prereview-source-${document.source}`}>{text(`source.${document.source}`)}</span>
        <label className="prereview-move">
          <span className="visually-hidden">{text('moveLabel', { file: fileName(document.file) })}</span>
          <select
            value={selectable}
            disabled={locked || busy}
            aria-label={text('moveLabel', { file: fileName(document.file) })}
            data-testid={`prereview-move-${document.file}`}
            onChange={(event) => void move(event.target.value)}
          >
            {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </label>
        {document.source === 'reviewer' && (
          <button type="button" className="text-button small" disabled={locked || busy} onClick={() => void restore()} data-testid={`prereview-restore-${document.file}`}>{text('restore')}</button>
        )}
      </div>
      {document.contentSuggests && <div className="muted small">{text('contentSuggests', { item: labelOf(document.contentSuggests.material) })}</div>}
      {document.signals.length > 0 && document.source === 'content' && (
        <div className="muted small prereview-signals">{text('signals', { signals: '' })}<span translate="no">{document.signals.slice(0, 3).join(lang === 'zh' ? '、' : ', ')}</span></div>
      )}
      {kindMismatch && <div className="prereview-warning small" data-testid={`prereview-kind-mismatch-${document.file}`}>{text('kindMismatch', { kind: kindMismatch })}</div>}
      {document.error && <div className="field-error small">{rich('unreadable', { reason: document.error })}</div>}
    </li>
  );
}

function MaterialRow({ status, item, profile, applicant, documents, options, locked, labelOf, lang, text, mismatches }: {
  status: MaterialStatus; item: MaterialItem; profile: Profile; applicant: Applicant; documents: PlacedDocument[]; options: MoveOption[]; locked: boolean;
  mismatches: ReadonlySet<string>;
  labelOf: (id: string) => string; lang: Lang; text: Text;
}) {
  const { t } = useI18n();
  const rich = usePrereviewRich();
  const notes = conditionNotes(item, profile, applicant, lang, rich);
  const placed = documents.filter((document) => document.material === status.item);
  return (
    <li className={`prereview-item prereview-item-${status.status}`} data-testid={`prereview-item-${status.item}`} data-status={status.status}>
      <div className="prereview-item-head">
        <span className={`prereview-status prereview-status-${status.status}`}>{text(`status.${status.status}`)}</span>
        <span className="prereview-clause" translate="no">{status.clause}</span>
        <span className="prereview-label">{status.label[lang]}</span>
      </div>
      {notes.length > 0 && <p className="prereview-condition muted small">{notes.map((note, index) => <Fragment key={index}>{index > 0 ? ' ' : ''}{note}</Fragment>)}</p>}
      {status.reviewerState && <p className="muted small">{text('reviewerState', { state: t(`checklists.state.${status.reviewerState}`) })}</p>}
      {placed.length > 0 ? (
        <ul className="prereview-files">
          {placed.map((document) => <FileLine key={document.file} document={document} options={options} locked={locked} labelOf={labelOf} lang={lang} text={text} mismatched={mismatches.has(document.file)} />)}
        </ul>
      ) : status.applies ? <p className="muted small prereview-nofile">{text('noFile')}</p> : null}
      {!status.applies && placed.length > 0 && <p className="prereview-warning small">{text('notApplicable')}</p>}
      {status.missingTypes.length > 0 && placed.length > 0 && (
        <p className="prereview-missing small">{text('missingTypes', { types: status.missingTypes.map((type) => type.label[lang]).join(lang === 'zh' ? '、' : ', ') })}</p>
      )}
      {status.checks.length > 0 && (
        <ul className="prereview-checks" aria-label={text('checks')}>
          {status.checks.map((check) => <CheckLine key={check.id} check={check} lang={lang} text={text} />)}
        </ul>
      )}
    </li>
  );
}

function NoticeList({ notice, lang, text }: { notice: SupplementEntry[]; lang: Lang; text: Text }) {
  if (notice.length === 0) return <p className="prereview-notice-none" data-testid="prereview-notice-none">{text('noticeNone')}</p>;
  return (
    <>
      <p className="small">{text('noticeLead', { count: notice.length })}</p>
      <ol className="prereview-notice" data-testid="prereview-notice">
        {notice.map((entry, index) => (
          <li key={`${entry.item}-${index}`} data-testid={`prereview-notice-${entry.item}`}>
            <span className="prereview-clause" translate="no">{entry.clause}</span>
            <span className={`tag ${entry.action === 'supply' ? 'tag-error' : 'tag-warning'}`}>{text(`action.${entry.action}`)}</span>
            <span>{markFiles(lang === 'zh' ? entry.zh : entry.en)}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

export function PrereviewPanel() {
  const text = usePrereviewText();
  const language = useUi((state) => state.language);
  const lang: Lang = language === 'en' ? 'en' : 'zh';
  const open = useWorkspace((state) => state.open);
  const { profile, error } = useProfile(open?.manifest.program);
  const result = usePrereviewReadings((state) => (state.dossierId === open?.id ? state.result : null));
  const pending = usePrereviewReadings((state) => (state.dossierId === open?.id ? state.pending : 0));
  const { busy, error: exportError, exportAs } = useExport(collectOpenDossier);
  const [print, setPrint] = useState<{ busy: boolean; saved: string | null; error: string | null }>({ busy: false, saved: null, error: null });
  const rich = usePrereviewRich();
  const options = useMemo(() => (profile ? moveOptions(profile, lang, text) : []), [profile, lang, text]);
  if (!open) return null;
  const locked = isLocked(open.review);
  const labelOf = (id: string) => profile?.materials.find((item) => item.id === id)?.label[lang] ?? id;
  const printNotice = async () => {
    setPrint({ busy: true, saved: null, error: null });
    try {
      setPrint({ busy: false, saved: await printSupplementNotice(), error: null });
    } catch (problem) {
      setPrint({ busy: false, saved: null, error: problem instanceof Error ? problem.message : String(problem) });
    }
  };
  return (
    <section className="panel prereview-panel" aria-labelledby="prereview-heading" data-testid="prereview-panel">
      <header className="panel-header"><h2 id="prereview-heading">{text('heading')}</h2></header>
      {error && <p role="alert" className="field-error">{error}</p>}
      {!profile || !result ? <p className="muted empty-note">{text('noProfile')}</p>
        : open.manifest.documents.length === 0 ? <p className="muted empty-note">{text('noDocuments')}</p>
          : <PrereviewBody result={result} profile={profile} applicant={open.manifest.applicant} options={options} locked={locked} labelOf={labelOf} lang={lang} text={text} pending={pending}
            actions={(
              <div className="prereview-actions">
                <button type="button" className="primary-button" disabled={print.busy} onClick={() => void printNotice()} data-testid="prereview-print-notice">{print.busy ? text('printing') : text('printNotice')}</button>
                <button type="button" className="text-button" disabled={busy !== null} onClick={() => void exportAs('xlsx')} data-testid="prereview-export-xlsx">{text('exportWorkbook')}</button>
                {print.saved && <span className="muted small" role="status" data-testid="prereview-printed">{rich('printed', { file: print.saved })}</span>}
                {(print.error ?? exportError) && <span className="field-error small" role="alert">{print.error ?? exportError}</span>}
              </div>
            )} />}
    </section>
  );
}

function PrereviewBody({ result, profile, applicant, options, locked, labelOf, lang, text, pending, actions }: {
  result: PrereviewResult; profile: Profile; applicant: Applicant; options: MoveOption[]; locked: boolean; labelOf: (id: string) => string;
  lang: Lang; text: Text; pending: number; actions: React.ReactNode;
}) {
  const counts = STATUS_ORDER.map((status) => ({ status, count: result.materials.filter((material) => material.status === status).length }));
  const unplaced = result.documents.filter((document) => document.material === null);
  const mismatches = new Set(result.findings.filter((finding) => finding.rule === 'document-kind-mismatch').map((finding) => finding.evidence?.file ?? ''));
  return (
    <>
      <p className="muted small">{text('lead')}</p>
      {pending > 0 && <p className="prereview-reading small" role="status" data-testid="prereview-reading">{text('reading', { count: pending })} {text('byManifest')}</p>}
      <div className="prereview-counts" data-testid="prereview-counts">
        {counts.map(({ status, count }) => <span key={status} className={`prereview-status prereview-status-${status}`}>{text(`count.${status}`, { count })}</span>)}
      </div>
      <h3>{text('noticeHeading')}</h3>
      <NoticeList notice={result.notice} lang={lang} text={text} />
      {actions}
      <h3>{text('materialsHeading')}</h3>
      <ul className="prereview-items">
        {result.materials.map((status) => {
          const item = profile.materials.find((entry) => entry.id === status.item);
          return item ? <MaterialRow key={status.item} status={status} item={item} profile={profile} applicant={applicant} documents={result.documents} options={options} locked={locked} labelOf={labelOf} lang={lang} text={text} mismatches={mismatches} /> : null;
        })}
      </ul>
      <h3>{text('otherHeading')}</h3>
      {unplaced.length === 0 ? <p className="muted small">{text('otherNone')}</p> : (
        <ul className="prereview-files" data-testid="prereview-unplaced">
          {unplaced.map((document) => <FileLine key={document.file} document={document} options={options} locked={locked} labelOf={labelOf} lang={lang} text={text} mismatched={mismatches.has(document.file)} />)}
        </ul>
      )}
    </>
  );
}
