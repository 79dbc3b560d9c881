// The three-column workstation: dossiers and documents, the viewer, the review panels.
import { useI18n } from '../i18n';
import { useUi } from '../state/ui';
import { useWorkspace } from '../state/workspace';
import { DocumentTree, DossierList } from './Sidebar';
import { Viewer } from './viewer/Viewer';
import { ReviewTabs } from './ReviewTabs';
import { ErrorBoundary } from './ErrorBoundary';
import { IntegrityStatus } from './IntegrityStatus';
import { EvidenceBoard } from './reconcile/EvidenceBoard';

export function Workspace({ onImport }: { onImport: (source: 'zip' | 'folder' | 'files') => void }) {
  const { t } = useI18n();
  const open = useWorkspace((state) => state.open);
  const activeFile = useUi((state) => state.activeFile);
  const reconciling = useUi((state) => state.activeTab === 'reconcile');
  const document = open?.documents.find((doc) => doc.path === activeFile) ?? null;
  return (
    <div className="workspace">
      <aside className="sidebar" aria-label={t('dossiers.heading')}>
        <DossierList onImport={onImport} />
        {open && <DocumentTree />}
      </aside>
      {open && reconciling ? (
        <main className="viewer-column" aria-label={t('tabs.reconcile')}>
          <ErrorBoundary key="evidence" label={t('tabs.reconcile')}>
            <EvidenceBoard />
          </ErrorBoundary>
        </main>
      ) : (
        <main className="viewer-column" aria-label={document ? t('viewer.documentLabel', { file: document.path }) : t('viewer.noDocument')}>
          <ErrorBoundary key={document?.path ?? ''} label={document?.path ?? t('viewer.noDocument')}>
            <Viewer document={document} />
          </ErrorBoundary>
        </main>
      )}
      <aside className="review-column" aria-label={t('tabs.label')}>
        {open && <IntegrityStatus dossierId={open.id} />}
        {open && <ReviewTabs />}
      </aside>
    </div>
  );
}
