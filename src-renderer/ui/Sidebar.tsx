// Left column: the dossier list (program, status, verdict, score) and the open dossier's documents
// grouped by kind with what has been read from each.
import { memo, useMemo, useRef } from 'react';
import { useI18n } from '../i18n';
import { useProfile } from '../state/profiles';
import { useUi } from '../state/ui';
import { kindOf, useWorkspace, type DeskDocument } from '../state/workspace';
import { useVerdictQualifier } from '../state/cut-standing';
import { VerdictChip } from './VerdictChip';
import { DOCUMENT_KINDS, type DocumentKind } from '../core/types';
import { documentErrors, documentState, fileName, sortDocuments } from './documents';
import { showImportReport } from './ImportDialogs';
import { useRowWindow } from './row-window';

/** A program by its name in the reviewer's language (the id only until the profile is loaded or when it is unknown). */
function ProgramName({ id }: { id: string }) {
  const { t, language } = useI18n();
  const { profile } = useProfile(id);
  const name = profile?.name[language === 'en' ? 'en' : 'zh'] ?? id;
  return <span className="muted program-name" title={`${t('dossiers.program')}: ${name}`}>{name}</span>;
}

export function DossierList({ onImport }: { onImport: (source: 'zip' | 'folder' | 'files') => void }) {
  const { t } = useI18n();
  const dossiers = useWorkspace((state) => state.dossiers);
  const activeId = useUi((state) => state.activeDossierId);
  const openDossier = useUi((state) => state.openDossier);
  const liveReport = useWorkspace((state) => state.report);
  const liveQualifier = useVerdictQualifier();
  const liveId = useWorkspace((state) => state.open?.id);
  const signed = useWorkspace((state) => Boolean(state.open?.review.decision?.signedAt));
  return (
    <section className="sidebar-section" aria-labelledby="dossiers-heading">
      <header className="section-header">
        <h2 id="dossiers-heading">{t('dossiers.heading')}</h2>
        <div className="import-group" role="group" aria-label={t('dossiers.new')}>
          <button type="button" className="text-button small" onClick={() => onImport('zip')} data-testid="import-zip-sidebar" title={t('empty.import')}>+ zip</button>
          <button type="button" className="text-button small" onClick={() => onImport('folder')} title={t('empty.importFolder')}>+ {t('dossiers.folder')}</button>
          <button type="button" className="text-button small" onClick={() => onImport('files')} data-testid="import-files-sidebar" title={t('empty.importFiles')}>+ {t('dossiers.files')}</button>
        </div>
      </header>
      <ul className="dossier-list" data-testid="dossier-list" aria-label={t('dossiers.heading')}>
        {dossiers.length === 0 && <li className="muted">{t('dossiers.empty')}</li>}
        {dossiers.map((stored) => {
          const live = stored.id === liveId && liveReport;
          const dossier = live
            ? { ...stored, verdict: liveQualifier?.verdict ?? liveReport.verdict, score: liveReport.score?.total ?? null, status: signed ? ('signed' as const) : stored.status }
            : stored;
          return (
          <li key={dossier.id}>
            <button type="button" className={`dossier-item${dossier.id === activeId ? ' active' : ''}`} aria-current={dossier.id === activeId ? 'true' : undefined} onClick={() => openDossier(dossier.id)} data-testid={`dossier-${dossier.id.slice(0, 12)}`}>
              {dossier.applicant ? <span className="dossier-name" translate="no">{dossier.applicant}</span> : <span className="dossier-name">{t('dossiers.unnamed')}</span>}
              <span className="dossier-meta">
                {dossier.program && <ProgramName id={dossier.program} />}
                <span className={`status status-${dossier.status}`} title={t('dossiers.status')}>{t(`status.${dossier.status}`)}</span>
                {dossier.verdict && <VerdictChip verdict={dossier.verdict} qualifier={live ? liveQualifier : null} signed={dossier.status === 'signed'} label={t('dossiers.verdict')} />}
                {dossier.score && <span className="score-chip" title={t('dossiers.score')}>{dossier.score}</span>}
              </span>
            </button>
          </li>
          );
        })}
      </ul>
    </section>
  );
}

const NO_DOCUMENTS: DeskDocument[] = [];

/** Memoised: a file read re-renders its own line, not the 10,000 others of a large dossier. */
const DocumentItem = memo(function DocumentItem({ document, active }: { document: DeskDocument; active: boolean }) {
  const { t } = useI18n();
  const openFile = useUi((state) => state.openFile);
  const state = documentState(document);
  const errors = documentErrors(document);
  return (
    <li>
      <button type="button" className={`document-item${active ? ' active' : ''}`} aria-current={active ? 'true' : undefined} onClick={() => openFile(document.path)} translate="no" title={[document.path, ...errors.map((error) => error.detail)].join('\n')} data-testid={`doc-${document.path}`}>
        <span className="document-name" translate="no">{fileName(document.path)}</span>
        <span className={`doc-state doc-state-${state}`} data-state={state}>{t(`tree.state.${state}`)}</span>
      </button>
      {errors[0] && <p className="doc-error" title={errors.map((error) => error.detail).join('\n')}>{errors[0].label ? t(errors[0].label) : errors[0].detail}</p>}
    </li>
  );
});

/** The documents grouped by kind in the tree's order; the order is sorted again only when paths or kinds change, not on every reading. */
function useDocumentGroups(documents: DeskDocument[]): [DocumentKind, DeskDocument[]][] {
  const previous = useRef<{ documents: DeskDocument[]; order: number[] } | null>(null);
  return useMemo(() => {
    const before = previous.current;
    const sameShape = before !== null && before.documents.length === documents.length && documents.every((doc, index) => {
      const was = before.documents[index]!;
      return doc.path === was.path && doc.kind === was.kind && doc.contentKind === was.contentKind;
    });
    const indexOf = new Map(documents.map((doc, index) => [doc, index]));
    const order = sameShape ? before.order : sortDocuments(documents).map((doc) => indexOf.get(doc)!);
    previous.current = { documents, order };
    const groups = new Map<DocumentKind, DeskDocument[]>();
    for (const index of order) {
      const doc = documents[index]!;
      const kind = kindOf(doc);
      const group = groups.get(kind);
      if (group) group.push(doc);
      else groups.set(kind, [doc]);
    }
    return DOCUMENT_KINDS.flatMap((kind) => (groups.has(kind) ? [[kind, groups.get(kind)!] as [DocumentKind, DeskDocument[]]] : []));
  }, [documents]);
}

/** A line of the tree before the rendered lines are measured. */
const TREE_LINE_HEIGHT = 24;
const TREE_OVERSCAN_LINES = 20;
/** Lines assumed in view before the tree is measured (and where nothing is laid out, as in tests). */
const TREE_UNMEASURED_VIEW_LINES = 40;

export function DocumentTree() {
  const { t } = useI18n();
  const documents = useWorkspace((state) => state.open?.documents ?? NO_DOCUMENTS);
  const refused = useWorkspace((state) => state.open?.refused);
  const openId = useWorkspace((state) => state.open?.id);
  const activeFile = useUi((state) => state.activeFile);
  const groups = useDocumentGroups(documents);
  // Each group takes its heading line and its documents' lines, in order.
  const firstLineOf: number[] = [];
  let lines = 0;
  for (const [, ofKind] of groups) {
    firstLineOf.push(lines + 1);
    lines += 1 + ofKind.length;
  }
  const activeLine = (() => {
    if (!activeFile) return -1;
    for (const [index, [, ofKind]] of groups.entries()) {
      const at = ofKind.findIndex((doc) => doc.path === activeFile);
      if (at >= 0) return firstLineOf[index]! + at;
    }
    return -1;
  })();
  // A long tree (10,000 files) renders the lines in view and a margin; each group's other lines are spacers.
  const { ref: scroller, windowed, start, end, rowHeight: lineHeight, onScroll } = useRowWindow<HTMLElement>({
    count: lines, activeIndex: activeLine, estimatedHeight: TREE_LINE_HEIGHT, overscan: TREE_OVERSCAN_LINES,
    unmeasuredRows: TREE_UNMEASURED_VIEW_LINES, marginRows: 3, renderedRows: '.document-tree li:not(.window-spacer)',
  });
  return (
    <section ref={scroller} className="sidebar-section document-tree-section" aria-labelledby="tree-heading" data-windowed={windowed || undefined} onScroll={onScroll}>
      <header className="section-header">
        <h2 id="tree-heading">{t('tree.heading')}</h2><span className="muted small">{documents.length}</span>
        {openId && <button type="button" className="text-button small tree-report-button" onClick={() => showImportReport(openId)} data-testid="open-import-report">{t('importReport.open')}</button>}
      </header>
      <nav className="document-tree" data-testid="document-tree" aria-labelledby="tree-heading">
        {groups.map(([kind, ofKind], index) => {
          const from = Math.max(0, Math.min(ofKind.length, start - firstLineOf[index]!));
          const to = Math.max(from, Math.min(ofKind.length, end - firstLineOf[index]!));
          return (
            <section key={kind} className="tree-group" aria-labelledby={`tree-kind-${kind}`}>
              <h3 id={`tree-kind-${kind}`} className="tree-group-label">{t(`kind.${kind}`)} <span className="muted">{ofKind.length}</span></h3>
              <ul>
                {from > 0 && <li className="window-spacer" aria-hidden="true" style={{ height: from * lineHeight }} />}
                {ofKind.slice(from, to).map((doc) => <DocumentItem key={doc.path} document={doc} active={doc.path === activeFile} />)}
                {to < ofKind.length && <li className="window-spacer" aria-hidden="true" style={{ height: (ofKind.length - to) * lineHeight }} />}
              </ul>
            </section>
          );
        })}
        {refused && refused.length > 0 && (
          <section className="tree-group" data-testid="refused-files" aria-labelledby="tree-refused">
            <h3 id="tree-refused" className="tree-group-label">{t('tree.refused')} <span className="muted">{refused.length}</span></h3>
            <ul>
              {refused.map((file) => (
                <li key={file.path} className="refused-item" title={file.problems.map((problem) => problem.message).join('\n')}>
                  <span className="document-name">{fileName(file.path)}</span>
                  <span className="doc-state doc-state-error">{t('tree.state.error')}</span>
                  {file.problems[0] && <p className="doc-error" data-code={file.problems[0].code}>{t(`problem.${file.problems[0].code}`)}</p>}
                </li>
              ))}
            </ul>
          </section>
        )}
      </nav>
    </section>
  );
}
