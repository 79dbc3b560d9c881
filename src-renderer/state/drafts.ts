// Text the reviewer has typed but not yet committed (Enter, leaving the field, or ✓). It lives in this
// tab's sessionStorage so that a reload in the middle of typing gives it back, marked as a draft; the
// store of record only ever receives committed values, each with its audit entry.
import { useEffect } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface DraftState {
  drafts: Record<string, string>;
  setDraft(key: string, value: string): void;
  clearDraft(key: string): void;
}

export const useDrafts = create<DraftState>()(
  persist(
    (set) => ({
      drafts: {},
      setDraft: (key, value) => set((state) => ({ drafts: { ...state.drafts, [key]: value } })),
      clearDraft: (key) =>
        set((state) => {
          if (!(key in state.drafts)) return state;
          const { [key]: _dropped, ...rest } = state.drafts;
          return { drafts: rest };
        }),
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
}

/**
 * An input's text: the draft while the reviewer types, else the stored value. A draft equal to the
 * stored value (after a commit) is dropped.
 */
export function useDraftText(key: string, stored: string): DraftText {
  const draft = useDrafts((state) => state.drafts[key]);
  const setDraft = useDrafts((state) => state.setDraft);
  const clearDraft = useDrafts((state) => state.clearDraft);
  useEffect(() => {
    if (draft !== undefined && draft === stored) clearDraft(key);
  }, [draft, stored, key, clearDraft]);
  return {
    value: draft ?? stored,
    setValue: (value) => (value === stored ? clearDraft(key) : setDraft(key, value)),
    isDraft: draft !== undefined && draft !== stored,
    discard: () => clearDraft(key),
    settle: (committed) => {
      const current = useDrafts.getState().drafts[key];
      if (current === undefined || current === committed) clearDraft(key);
    },
  };
}
