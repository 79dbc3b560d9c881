// Every user action in one registry (id, label, shortcut, perform), used by buttons, the keyboard
// handler and the `?` legend alike, so that the legend is always the truth.
import type { MessageKey } from '../i18n';
import { useUi, type UiState } from '../state/ui';
import { useWorkspace, confirmedField, isLocked, type WorkspaceState, type DeskDocument } from '../state/workspace';
import { proposalEdit, type ProposalStatus } from '../core/review/proposal-decisions';
import { sampledRows } from '../ui/reconcile/sampling/sample-form';
import { currentProposal, nextOpenProposal, stepRow } from '../ui/reconcile/view';
import { INVOICE_FIELD_NAMES, type ExtractedInvoice, type InvoiceNearMatch, type ReconciledRow } from '../core/types';
import { sortDocuments } from '../ui/documents';
import { fieldDraftKey, useDrafts } from '../state/drafts';

export interface ActionContext {
  ui: UiState;
  workspace: WorkspaceState;
}

export interface Action {
  id: string;
  labelKey: MessageKey;
  /** Shortcuts as shown and matched: "j", "Shift+C", "Ctrl+F", "?". */
  keys: string[];
  /** True for actions that also work while the focus is in a text field. */
  whileTyping?: boolean;
  perform(context: ActionContext): void;
}

export const SCALAR_FIELDS = INVOICE_FIELD_NAMES.filter((field) => field !== 'items');

function invoiceDocuments(workspace: WorkspaceState): DeskDocument[] {
  return sortDocuments(workspace.open?.documents ?? []).filter((doc) => doc.kind === 'invoice');
}

function stepInvoice({ ui, workspace }: ActionContext, direction: 1 | -1) {
  const invoices = invoiceDocuments(workspace);
  if (invoices.length === 0) return;
  const at = invoices.findIndex((doc) => doc.path === ui.activeFile);
  const next = at < 0 ? (direction > 0 ? 0 : invoices.length - 1) : Math.min(invoices.length - 1, Math.max(0, at + direction));
  ui.openFile(invoices[next]!.path);
  ui.setTab('invoice');
}

/** The invoice of a claim: the first document whose extraction carries one of its invoice numbers. */
export function documentOfInvoiceNumber(workspace: WorkspaceState, invoiceNumber: string): { document: DeskDocument; invoice: ExtractedInvoice } | null {
  for (const document of workspace.open?.documents ?? []) {
    for (const invoice of document.extraction?.invoices ?? []) {
      if (invoice.fields.invoiceNumber === invoiceNumber) return { document, invoice };
    }
  }
  return null;
}

function stepClaim({ ui, workspace }: ActionContext, direction: 1 | -1) {
  if (ui.activeTab === 'reconcile') {
    // In the reconciliation view j / k walk the rows the filter lists, and the evidence follows.
    const row = stepRow(workspace.report?.reconciliation ?? [], ui.selectedClaimId, direction, ui.reconcileFilter, sampledRows(workspace.open?.review.sample));
    if (row) ui.selectClaim(row.claimId);
    return;
  }
  const claims = workspace.open?.manifest.claims ?? [];
  if (claims.length === 0) return;
  const at = claims.findIndex((claim) => claim.id === ui.selectedClaimId);
  const next = at < 0 ? (direction > 0 ? 0 : claims.length - 1) : Math.min(claims.length - 1, Math.max(0, at + direction));
  const claim = claims[next]!;
  ui.selectClaim(claim.id);
  ui.setTab('claims');
  const number = claim.invoiceNumbers?.[0];
  const found = number ? documentOfInvoiceNumber(workspace, number) : null;
  if (found) ui.openFile(found.document.path, found.invoice.page);
}

/** The value a field has now: the reviewer's confirmed value, else what extraction read. */
export function currentFieldValue(workspace: WorkspaceState, file: string, invoice: ExtractedInvoice, field: string): string | null {
  const confirmed = confirmedField(workspace.open?.review, file, invoice.page, field);
  if (confirmed) return confirmed.value;
  const value = invoice.fields[field as keyof ExtractedInvoice['fields']];
  return typeof value === 'string' ? value : null;
}

function activeInvoice({ ui, workspace }: ActionContext): { document: DeskDocument; invoice: ExtractedInvoice } | null {
  const document = workspace.open?.documents.find((doc) => doc.path === ui.activeFile);
  const invoices = document?.extraction?.invoices ?? [];
  const invoice = invoices.find((candidate) => candidate.page === ui.currentPage) ?? invoices[0];
  return document && invoice ? { document, invoice } : null;
}

function confirmField(context: ActionContext, all: boolean) {
  const active = activeInvoice(context);
  if (!active) return;
  const { document, invoice } = active;
  const review = context.workspace.open?.review;
  const focused = context.ui.focusedField;
  const targets = all
    ? SCALAR_FIELDS.filter((field) => !confirmedField(review, document.path, invoice.page, field))
    : [focused && focused.file === document.path && focused.page === invoice.page
      ? focused.field
      : SCALAR_FIELDS.find((field) => !confirmedField(review, document.path, invoice.page, field))].filter((field): field is (typeof SCALAR_FIELDS)[number] => Boolean(field));
  void (async () => {
    for (const field of targets) {
      const key = fieldDraftKey(context.workspace.open?.id ?? '', document.path, invoice.page, field);
      const draft = useDrafts.getState().drafts[key];
      const value = draft === undefined ? currentFieldValue(useWorkspace.getState(), document.path, invoice, field) : draft.trim() === '' ? null : draft.trim();
      await useWorkspace.getState().edit({ type: 'field', file: document.path, page: invoice.page, field, value }, { basedOn: draft === undefined ? undefined : useDrafts.getState().bases[key] });
    }
  })();
}

/** The draft key of the note the reviewer writes on a row's decisions (used by the view's note field and the keys alike). */
export function proposalNoteDraftKey(dossierId: string, claimId: string): string {
  return `${dossierId}|proposal-note|${claimId}`;
}

/**
 * Accepts, rejects or reopens the proposal the reconciliation view has selected (or the selected
 * row's first open one), through the one write path; then selects the next open proposal.
 */
export function decideProposal({ ui, workspace }: Pick<ActionContext, 'ui' | 'workspace'>, status: ProposalStatus, proposalId?: string): void {
  const open = workspace.open;
  const rows = workspace.report?.reconciliation ?? [];
  if (!open || isLocked(open.review)) return;
  // Keys act only where the proposals are on screen.
  if (!proposalId && ui.activeTab !== 'reconcile') return;
  const target = proposalId
    ? rows.flatMap((row) => row.proposals.filter((proposal) => proposal.id === proposalId).map((proposal) => ({ row, proposal })))[0] ?? null
    : currentProposal(rows, ui.selectedClaimId, ui.selectedProposalId);
  if (!target || target.proposal.status === status) return;
  const noteKey = proposalNoteDraftKey(open.id, target.row.claimId);
  const note = useDrafts.getState().drafts[noteKey] ?? '';
  const edit = proposalEdit(open.review, target.row, target.proposal.id, status, note);
  const selectedAtDecision = { claimId: ui.selectedClaimId, proposalId: ui.selectedProposalId };
  void workspace.edit(edit).then((stored) => {
    if (!stored) return;
    useDrafts.getState().clearDraft(noteKey);
    // Stored a moment later: a reviewer who has meanwhile selected another row or proposal keeps it.
    const selectedNow = useUi.getState();
    if (selectedNow.selectedClaimId !== selectedAtDecision.claimId || selectedNow.selectedProposalId !== selectedAtDecision.proposalId) return;
    if (status === 'open') {
      useUi.getState().selectProposal(target.row.claimId, target.proposal.id);
      return;
    }
    // The next open proposal of the same row, else the row stays selected (its decisions stay on screen).
    const after = useWorkspace.getState().report?.reconciliation ?? [];
    const next = nextOpenProposal(after.filter((row) => row.claimId === target.row.claimId), { claimId: target.row.claimId, proposalId: target.proposal.id });
    useUi.getState().selectProposal(target.row.claimId, next?.proposal.id ?? target.proposal.id);
  });
}

/**
 * The reviewer takes a near match (an invoice number read close to one the row lists) as the row's
 * invoice: the row's invoices become those it has plus the near match's page, one logged link edit.
 */
export function linkNearMatch({ workspace }: Pick<ActionContext, 'workspace'>, row: ReconciledRow, match: InvoiceNearMatch): Promise<boolean> {
  const open = workspace.open;
  if (!open || isLocked(open.review)) return Promise.resolve(false);
  const refs = [...row.invoices.map((invoice) => ({ file: invoice.file, page: invoice.page })), { file: match.file, page: match.page }];
  return workspace.edit({ type: 'link', claimId: row.claimId, kind: 'invoices', refs });
}

/** Gives a row's invoices back to the automatic links (one logged link edit). */
export function resetInvoiceLinks({ workspace }: Pick<ActionContext, 'workspace'>, claimId: string): Promise<boolean> {
  const open = workspace.open;
  if (!open || isLocked(open.review)) return Promise.resolve(false);
  return workspace.edit({ type: 'link', claimId, kind: 'invoices', refs: null });
}

function goToNextOpenProposal({ ui, workspace }: ActionContext): void {
  const next = nextOpenProposal(workspace.report?.reconciliation ?? [], { claimId: ui.selectedClaimId, proposalId: ui.selectedProposalId }, ui.reconcileFilter, sampledRows(workspace.open?.review.sample));
  if (!next) return;
  ui.setTab('reconcile');
  ui.selectProposal(next.row.claimId, next.proposal.id);
}

export const ACTIONS: Action[] = [
  { id: 'next-invoice', labelKey: 'action.nextInvoice', keys: [']'], perform: (c) => stepInvoice(c, 1) },
  { id: 'prev-invoice', labelKey: 'action.prevInvoice', keys: ['['], perform: (c) => stepInvoice(c, -1) },
  { id: 'next-claim', labelKey: 'action.nextClaim', keys: ['j'], perform: (c) => stepClaim(c, 1) },
  { id: 'prev-claim', labelKey: 'action.prevClaim', keys: ['k'], perform: (c) => stepClaim(c, -1) },
  { id: 'accept-proposal', labelKey: 'action.acceptProposal', keys: ['a'], perform: (c) => decideProposal(c, 'accepted') },
  { id: 'reject-proposal', labelKey: 'action.rejectProposal', keys: ['x'], perform: (c) => decideProposal(c, 'rejected') },
  { id: 'reopen-proposal', labelKey: 'action.reopenProposal', keys: ['u'], perform: (c) => decideProposal(c, 'open') },
  { id: 'next-proposal', labelKey: 'action.nextProposal', keys: ['o'], perform: goToNextOpenProposal },
  { id: 'confirm-field', labelKey: 'action.confirmField', keys: ['c'], perform: (c) => confirmField(c, false) },
  { id: 'confirm-all-fields', labelKey: 'action.confirmAllFields', keys: ['Shift+C'], perform: (c) => confirmField(c, true) },
  { id: 'zoom-in', labelKey: 'action.zoomIn', keys: ['+', '='], perform: ({ ui }) => ui.zoomStep(1, currentScale()) },
  { id: 'zoom-out', labelKey: 'action.zoomOut', keys: ['-'], perform: ({ ui }) => ui.zoomStep(-1, currentScale()) },
  { id: 'fit-width', labelKey: 'action.fitWidth', keys: ['w'], perform: ({ ui }) => ui.setZoomMode('fit-width') },
  { id: 'fit-page', labelKey: 'action.fitPage', keys: ['e'], perform: ({ ui }) => ui.setZoomMode('fit-page') },
  { id: 'rotate', labelKey: 'action.rotate', keys: ['r'], perform: ({ ui }) => ui.rotate() },
  { id: 'next-page', labelKey: 'action.nextPage', keys: ['n'], perform: ({ ui }) => ui.goToPage(ui.currentPage + 1) },
  { id: 'prev-page', labelKey: 'action.prevPage', keys: ['p'], perform: ({ ui }) => ui.goToPage(Math.max(1, ui.currentPage - 1)) },
  { id: 'search', labelKey: 'action.search', keys: ['Ctrl+F', '/'], whileTyping: true, perform: ({ ui }) => ui.setSearchOpen(true) },
  { id: 'toggle-language', labelKey: 'action.toggleLanguage', keys: ['Shift+L'], perform: ({ ui }) => ui.setLanguage(ui.language === 'zh-CN' ? 'en' : 'zh-CN') },
  { id: 'show-shortcuts', labelKey: 'action.showShortcuts', keys: ['?'], perform: ({ ui }) => ui.setLegendOpen(!ui.legendOpen) },
];

let lastScale = 1;
/** The viewer reports its scale so that zoom steps start from what is on screen. */
export function reportScale(scale: number) {
  lastScale = scale;
}
function currentScale() {
  return lastScale;
}

/** "Shift+C" style name of a key event, the way `keys` are written (letters upper-case with a modifier). */
export function keyName(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  let key = event.key;
  if (/^[a-z]$/i.test(key)) {
    if (event.shiftKey) parts.push('Shift');
    key = parts.length > 0 ? key.toUpperCase() : key.toLowerCase();
  }
  parts.push(key);
  return parts.join('+');
}

export function findAction(name: string): Action | undefined {
  return ACTIONS.find((action) => action.keys.includes(name));
}

export function performAction(id: string) {
  const action = ACTIONS.find((candidate) => candidate.id === id);
  action?.perform({ ui: useUi.getState(), workspace: useWorkspace.getState() });
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The global keyboard handler: one listener, the registry decides. */
export function handleKeyDown(event: KeyboardEvent) {
  const name = keyName(event);
  const action = findAction(name);
  if (!action) return;
  if (isTyping(event.target) && !action.whileTyping) return;
  if (isTyping(event.target) && action.whileTyping && !name.startsWith('Ctrl')) return;
  event.preventDefault();
  action.perform({ ui: useUi.getState(), workspace: useWorkspace.getState() });
}
