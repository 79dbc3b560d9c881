// Per-file problems found during import. Every problem names its file and says what is wrong in
// words a reviewer understands; `code` is stable for programs and tests.

export const IMPORT_PROBLEM_CODES = [
  'path-traversal', 'absolute-path', 'link', 'path-too-deep', 'path-invalid',
  'archive-too-deep', 'archive-too-many-entries', 'archive-too-large', 'archive-ratio',
  'archive-encrypted', 'archive-corrupt', 'archive-unsupported',
  'too-many-files', 'too-large', 'empty', 'duplicate', 'unreadable',
  'type-mismatch', 'unsupported-type',
  'image-too-large', 'image-corrupt',
  'pdf-encrypted', 'pdf-truncated', 'pdf-corrupt', 'pdf-font-invalid', 'pdf-active-content',
  'manifest-invalid', 'manifest-missing-file', 'manifest-unlisted-file',
  'claims-invalid', 'claims-row',
  'extract-failed', 'cancelled',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  file: string;
  code: ImportProblemCode;
  /** error: the file is not imported; warning: imported, with something the reviewer must know. */
  severity: 'error' | 'warning';
  message: string;
}

export function problem(file: string, code: ImportProblemCode, severity: 'error' | 'warning', message: string): ImportProblem {
  return { file, code, severity, message };
}
