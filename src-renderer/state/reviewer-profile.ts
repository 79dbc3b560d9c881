// The reviewer profile as this session holds it (a reflection of the Dexie `reviewers` row, which is
// the record) and the reviewer dialog's state. A leaf module: the store's actor name reads it.
import { create } from 'zustand';
import type { DeclaredRelation } from '../core/types';

export interface ReviewerProfile {
  name: string;
  /** auditor | expert | chair (the review file's reviewer.role). */
  role: string;
  organisation: string;
  /** Employers and clients of the last three years, screened against every dossier. */
  relations: DeclaredRelation[];
}

export const REVIEWER_ROLES = ['auditor', 'expert', 'chair'] as const;

export interface ReviewerDialogRequest {
  /** Why the dialog is open: asked before the first score or cut, or opened to edit. */
  reason: 'before-edit' | 'edit';
}

export interface ReviewerProfileState {
  /** null until read from the store. */
  profile: ReviewerProfile | null;
  dialog: ReviewerDialogRequest | null;
  setProfile(profile: ReviewerProfile): void;
  setDialog(dialog: ReviewerDialogRequest | null): void;
}

export const useReviewerProfile = create<ReviewerProfileState>((set) => ({
  profile: null,
  dialog: null,
  setProfile: (profile) => set({ profile }),
  setDialog: (dialog) => set({ dialog }),
}));

/** Whether the reviewer has named themselves: a name and an organisation (what sign-off needs). */
export function isNamedProfile(profile: ReviewerProfile | null): profile is ReviewerProfile {
  return Boolean(profile && profile.name.trim() !== '' && profile.organisation.trim() !== '');
}
