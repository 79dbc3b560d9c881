// Text the reviewer has typed but not yet committed (Enter, leaving the field, or ✓). It lives in this
// tab's sessionStorage so that a reload in the middle of typing gives it back, marked as a draft; the
// store of record only ever receives committed values, each with its audit entry. Each draft keeps
// the review version on screen when the typing began: its commit is made on that version, so that
// a change another window stored meanwhile makes it stale (refused) rather than silently overwritten.
import { useEffect } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { reviewVersion, useWorkspace } from './workspace';

interface DraftState {
  drafts: Record<string, string>;
  /** The review version each draft was begun on. */
  bases: Record<string, number>;
  setDraft(key: string, value: string): void;
  clearDraft(key: string): void;
  /** The drafts of a dossier are now made on `version` (the reviewer has been shown it). */
  rebase(dossierId: string, version: number): void;
}

function shownVersion(): number {
  return reviewVersion(useWorkspace.getState().open?.review);
}

export const useDrafts = create<DraftState>()(
  persist(
    (set) => ({
      drafts: {},
      bases: {},
      setDraft: (key, value) => set((state) => ({
        drafts: { ...state.drafts, [key]: value },
        bases: key in state.bases ? state.bases : { ...state.bases, [key]: shownVersion() },
      })),
      clearDraft: (key) =>
        set((state) => {
          if (!(key in state.drafts) && !(key in state.bases)) return state;
          const { [key]: _dropped, ...rest } = state.drafts;
          const { [key]: _droppedBase, ...restBases } = state.bases;
          return { drafts: rest, bases: restBases };
        }),
      rebase: (dossierId, version) => set((state) => ({
        bases: Object.fromEntries(Object.entries(state.bases).map(([key, base]) => [key, key.startsWith(`${dossierId}|`) ? Math.max(base, version) : base])),
      })),
    }),
    { name: 'dossier-desk-drafts', storage: createJSONStorage(() => sessionStorage) },
  ),
);

/** The draft key of an invoice field, shared by the field's input and the keyboard's confirm action. */
export function fieldDraftKey(dossierId: string, file: string, page: number, field: string): string {
  return `${dossierId}|field|${file}|${page}|${field}`;
}

export interface DraftText {
  value: string;
  setValue(value: string): void;
  /** True while the text differs from what is stored. */
  isDraft: boolean;
  /** Drops the draft: the field shows the stored value again. */
  discard(): void;
  /**
   * After a commit of `committed` has been stored: drops the draft if it still holds that text.
   * What the reviewer typed while the write was under way stays as a draft.
   */
  settle(committed: string): void;
  /** The review version the draft was begun on; undefined when there is no draft. */
  basedOn: number | undefined;
}

/** The version an edit made of several drafts is made on: the earliest of theirs (undefined: none, the version on screen). */
export function earliestBase(...drafts: DraftText[]): number | undefined {
  const bases = drafts.flatMap((draft) => (draft.isDraft && draft.basedOn !== undefined ? [draft.basedOn] : []));
  return bases.length > 0 ? Math.min(...bases) : undefined;
}

/**
 * An input's text: the draft while the reviewer types, else the stored value. A draft equal to the
 * stored value (after a commit) is dropped.
 */
export function useDraftText(key: string, stored: string): DraftText {
  const draft = useDrafts((state) => state.drafts[key]);
  const basedOn = useDrafts((state) => state.bases[key]);
  const setDraft = useDrafts((state) => state.setDraft);
  const clearDraft = useDrafts((state) => state.clearDraft);
  useEffect(() => {
    if (draft !== undefined && draft === stored) clearDraft(key);
  }, [draft, stored, key, clearDraft]);
  return {
    value: draft ?? stored,
    setValue: (value) => (value === stored ? clearDraft(key) : setDraft(key, value)),
    isDraft: draft !== undefined && draft !== stored,
    basedOn: draft !== undefined ? basedOn : undefined,
    discard: () => clearDraft(key),
    settle: (committed) => {
      const current = useDrafts.getState().drafts[key];
      if (current === undefined || current === committed) clearDraft(key);
    },
  };
}
