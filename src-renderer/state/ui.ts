// Session and UI state (zustand). Nothing here is the reviewer's work: that goes to the Dexie store
// at once. Where the reviewer was (language, the open dossier, tab, document, page and claim, zoom)
// survives a reload and a crash, through a durable IndexedDB storage (state/ui-persistence.ts).
// It is read back asynchronously: the app waits for `uiRestored()` before it opens anything.
import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import type { MessageKey } from '../i18n/messages';
import { uiStateStorage } from './ui-persistence';

export type Language = 'zh-CN' | 'en';
export type ReviewTab = 'invoice' | 'claims' | 'reconcile' | 'checks' | 'score' | 'checklists' | 'prereview' | 'log';
export const REVIEW_TABS: ReviewTab[] = ['invoice', 'claims', 'reconcile', 'checks', 'score', 'checklists', 'prereview', 'log'];
/**
 * Which declared rows the reconciliation view lists: all, rows with proposals, rows with an open one,
 * rows whose proposals are all decided, or the rows of the review's audit sample (offered beside the
 * others when a sample is drawn).
 */
export type ReconcileFilter = 'all' | 'proposals' | 'open' | 'decided' | 'sampled';
export const RECONCILE_FILTERS: ReconcileFilter[] = ['all', 'proposals', 'open', 'decided'];
export type ZoomMode = 'fit-width' | 'fit-page' | 'custom';

export const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];

export interface FieldFocus {
  file: string;
  page: number;
  field: string;
  /** Box in page coordinates (points, origin top-left). */
  box?: [number, number, number, number];
}

export interface ProgressState {
  kind: 'import' | 'ocr';
  /** Of an import: what `done` counts (zip entries inflated, files checked, declared rows parsed, the files being stored). */
  stage?: 'inflate' | 'files' | 'claims' | 'save';
  done: number;
  total: number;
  current: string;
  /** The page of the current file being read by OCR, of its page count (a long scan shows its pages). */
  page?: { page: number; pageCount: number };
}

/** A notice as data (its message key and parameters): translated where it is shown (ui/AppNotice), so it follows a language switch. */
export type Notice =
  | { tone: 'info' | 'error'; code: MessageKey; params?: Record<string, string | number> }
  /** A notice whose text was made elsewhere (a host's message, one rendered once at start). */
  | { tone: 'info' | 'error'; text: string };

export interface UiState {
  language: Language;
  activeDossierId: string | null;
  activeFile: string | null;
  activeTab: ReviewTab;
  zoomMode: ZoomMode;
  zoom: number;
  rotation: number;
  currentPage: number;
  /** A page to scroll to; consumed by the viewer. `nonce` makes repeated requests distinct. */
  pageRequest: { page: number; nonce: number; box?: [number, number, number, number] } | null;
  focusedField: FieldFocus | null;
  selectedClaimId: string | null;
  /** The reconciliation proposal the keyboard's accept / reject act on (null: the selected row's first open one). */
  selectedProposalId: string | null;
  reconcileFilter: ReconcileFilter;
  searchOpen: boolean;
  searchQuery: string;
  legendOpen: boolean;
  thumbnailsOpen: boolean;
  progress: ProgressState | null;
  notice: Notice | null;

  setLanguage(language: Language): void;
  openDossier(id: string | null): void;
  openFile(file: string | null, page?: number): void;
  setTab(tab: ReviewTab): void;
  setZoomMode(mode: Exclude<ZoomMode, 'custom'>): void;
  setZoom(zoom: number): void;
  zoomStep(direction: 1 | -1, currentScale: number): void;
  rotate(): void;
  setCurrentPage(page: number): void;
  goToPage(page: number, box?: [number, number, number, number]): void;
  focusField(focus: FieldFocus | null): void;
  selectClaim(id: string | null): void;
  selectProposal(claimId: string, proposalId: string | null): void;
  setReconcileFilter(filter: ReconcileFilter): void;
  setSearchOpen(open: boolean): void;
  setSearchQuery(query: string): void;
  setLegendOpen(open: boolean): void;
  toggleThumbnails(): void;
  setProgress(progress: ProgressState | null): void;
  setNotice(notice: Notice | null): void;
}

function nextZoomStep(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current + 0.001) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 0.001) ?? ZOOM_STEPS[0]!;
}

let pageRequestNonce = 0;

/**
 * How the UI state kept from the last session came back: restored, or not (reading it failed, or it
 * did not come within the time allowed), with the reason. zustand's persist calls the post-rehydration
 * callback on success and on failure, but its finish-hydration listeners only on success: waiting for
 * those alone would wait for ever after a failed read.
 */
export type UiRestoreOutcome = { restored: true } | { restored: false; reason: string };

let settleHydration: (outcome: UiRestoreOutcome) => void = () => undefined;
const hydration = new Promise<UiRestoreOutcome>((resolve) => {
  settleHydration = resolve;
});

/** How long the app waits for the UI state before it starts without it. */
export const UI_RESTORE_TIMEOUT_MS = 15_000;

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      language: 'zh-CN',
      activeDossierId: null,
      activeFile: null,
      activeTab: 'invoice',
      zoomMode: 'fit-width',
      zoom: 1,
      rotation: 0,
      currentPage: 1,
      pageRequest: null,
      focusedField: null,
      selectedClaimId: null,
      selectedProposalId: null,
      reconcileFilter: 'all',
      searchOpen: false,
      searchQuery: '',
      legendOpen: false,
      thumbnailsOpen: true,
      progress: null,
      notice: null,

      setLanguage: (language) => set({ language }),
      openDossier: (id) => set({ activeDossierId: id, activeFile: null, currentPage: 1, focusedField: null, selectedClaimId: null, selectedProposalId: null, pageRequest: null }),
      openFile: (file, page = 1) =>
        set((state) => (state.activeFile === file
          ? { pageRequest: { page, nonce: ++pageRequestNonce } }
          : { activeFile: file, currentPage: page, rotation: 0, focusedField: null, pageRequest: page > 1 ? { page, nonce: ++pageRequestNonce } : null })),
      setTab: (activeTab) => set({ activeTab }),
      setZoomMode: (zoomMode) => set({ zoomMode }),
      setZoom: (zoom) => set({ zoomMode: 'custom', zoom }),
      zoomStep: (direction, currentScale) => set({ zoomMode: 'custom', zoom: nextZoomStep(currentScale, direction) }),
      rotate: () => set((state) => ({ rotation: (state.rotation + 90) % 360 })),
      setCurrentPage: (currentPage) => set({ currentPage }),
      goToPage: (page, box) => set({ pageRequest: { page, nonce: ++pageRequestNonce, ...(box ? { box } : {}) } }),
      focusField: (focusedField) => set({ focusedField }),
      selectClaim: (selectedClaimId) => set((state) => (state.selectedClaimId === selectedClaimId ? {} : { selectedClaimId, selectedProposalId: null })),
      selectProposal: (selectedClaimId, selectedProposalId) => set({ selectedClaimId, selectedProposalId }),
      setReconcileFilter: (reconcileFilter) => set({ reconcileFilter }),
      setSearchOpen: (searchOpen) => set({ searchOpen }),
      setSearchQuery: (searchQuery) => set({ searchQuery }),
      setLegendOpen: (legendOpen) => set({ legendOpen }),
      toggleThumbnails: () => set((state) => ({ thumbnailsOpen: !state.thumbnailsOpen })),
      setProgress: (progress) => set({ progress }),
      setNotice: (notice) => set({ notice }),
    }),
    {
      name: 'dossier-desk-ui',
      storage: createJSONStorage(() => uiStateStorage),
      partialize: (state) => ({
        language: state.language,
        activeDossierId: state.activeDossierId,
        activeFile: state.activeFile,
        activeTab: state.activeTab,
        currentPage: state.currentPage,
        selectedClaimId: state.selectedClaimId,
        zoomMode: state.zoomMode,
        zoom: state.zoom,
        thumbnailsOpen: state.thumbnailsOpen,
        reconcileFilter: state.reconcileFilter,
      }),
      merge: (persisted, current) => ({ ...current, ...keptUiState(persisted, current) }),
      // The viewer scrolls to the page the reviewer was on. The state read back is written once
      // (goToPage writes it too): a change made before it came back (written then, with the state of
      // before) is superseded, and a state read from the side copy goes back into IndexedDB.
      onRehydrateStorage: () => (state, error) => {
        if (error !== undefined) {
          settleHydration({ restored: false, reason: error instanceof Error ? error.message : String(error) });
          return;
        }
        if (state && state.currentPage > 1) state.goToPage(state.currentPage);
        else if (state) useUi.setState({});
        settleHydration({ restored: true });
      },
    },
  ),
);

/** What each kept field may hold: a value kept by an older version, edited by hand or damaged is left out, and the app's own stays. */
const KEPT_FIELDS: { [K in keyof UiState]?: (value: unknown) => boolean } = {
  language: (value) => value === 'zh-CN' || value === 'en',
  activeDossierId: (value) => value === null || typeof value === 'string',
  activeFile: (value) => value === null || typeof value === 'string',
  activeTab: (value) => REVIEW_TABS.includes(value as ReviewTab),
  currentPage: (value) => Number.isInteger(value) && (value as number) >= 1,
  selectedClaimId: (value) => value === null || typeof value === 'string',
  zoomMode: (value) => value === 'fit-width' || value === 'fit-page' || value === 'custom',
  zoom: (value) => typeof value === 'number' && value >= ZOOM_STEPS[0]! && value <= ZOOM_STEPS[ZOOM_STEPS.length - 1]!,
  thumbnailsOpen: (value) => typeof value === 'boolean',
  reconcileFilter: (value) => [...RECONCILE_FILTERS, 'sampled'].includes(value as ReconcileFilter),
};

/**
 * The UI state read back, checked field by field: a kept field whose value it may not hold is left
 * out; a field the state does not know (kept by a later version) is kept as it is; a field that is
 * not kept (a notice, the progress, an action) is never taken from storage.
 */
export function keptUiState(persisted: unknown, current: UiState): Partial<UiState> {
  if (typeof persisted !== 'object' || persisted === null) return {};
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(persisted)) {
    const valid = KEPT_FIELDS[key as keyof UiState];
    if (valid ? valid(value) : !(key in current)) kept[key] = value;
  }
  return kept as Partial<UiState>;
}

/**
 * Settles once the UI state kept from the last session (or crash) is back, or could not be read, or
 * after `timeoutMs`: it never waits for ever. The app starts in every case, with a notice when not restored.
 */
export function uiRestored(timeoutMs = UI_RESTORE_TIMEOUT_MS): Promise<UiRestoreOutcome> {
  if (useUi.persist.hasHydrated()) return Promise.resolve({ restored: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<UiRestoreOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ restored: false, reason: `not read within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
  });
  return Promise.race([hydration, timedOut]).finally(() => clearTimeout(timer));
}
