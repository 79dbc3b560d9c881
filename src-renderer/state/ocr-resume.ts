// Session state of the documents whose OCR is under way: how many of each one's pages an earlier,
// interrupted reading kept (taken as they are, not read again) and how many were OCR'd and stored
// by this reading. The progress bar shows the first and exposes both.
import { create } from 'zustand';

export interface OcrPages {
  /** Pages taken from the stored pages of an earlier reading. */
  resumed: number;
  /** Pages OCR'd and stored by this reading. */
  read: number;
}

export interface OcrResumeState {
  /** By file path, the documents being read now. */
  files: Record<string, OcrPages>;
  start(file: string, resumed: number): void;
  pageStored(file: string): void;
  finish(file: string): void;
}

export const useOcrResume = create<OcrResumeState>()((set) => ({
  files: {},
  start: (file, resumed) => set((state) => ({ files: { ...state.files, [file]: { resumed, read: 0 } } })),
  pageStored: (file) => set((state) => {
    const pages = state.files[file];
    return pages ? { files: { ...state.files, [file]: { ...pages, read: pages.read + 1 } } } : {};
  }),
  finish: (file) => set((state) => {
    const files = { ...state.files };
    delete files[file];
    return { files };
  }),
}));
