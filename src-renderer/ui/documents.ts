// Document ordering and state labels shared by the tree, the viewer and the actions.
import { DOCUMENT_KINDS, type DocumentKind } from '../core/types';
import { isMessageKey, type MessageKey } from '../i18n';
import type { DeskDocument } from '../state/workspace';

export type DocumentState = 'text' | 'ocr' | 'ocr-pending' | 'cancelled' | 'structured' | 'error' | 'pending';

/** One collator for every comparison (localeCompare with a locale builds one per call: seconds over 10,000 files). */
const byChineseOrder = new Intl.Collator('zh-CN');

export function sortDocuments(documents: DeskDocument[]): DeskDocument[] {
  const order = (kind: DocumentKind) => DOCUMENT_KINDS.indexOf(kind);
  return [...documents].sort((a, b) => order(a.kind) - order(b.kind) || byChineseOrder.compare(a.path, b.path));
}

/** What has been read from a file: its text layer, OCR, structured data, or an error. */
export function documentState(document: DeskDocument): DocumentState {
  if (document.problems.some((problem) => problem.severity === 'error') || (document.extraction?.errors.length ?? 0) > 0) return 'error';
  if (document.ocrPending) return 'ocr-pending';
  if (document.readingCancelled && !document.extraction) return 'cancelled';
  const methods = new Set(document.extraction?.invoices.map((invoice) => invoice.method) ?? []);
  if (methods.has('ocr')) return 'ocr';
  if (methods.has('xml') || methods.has('ofd') || document.type === 'csv' || document.type === 'xlsx') return 'structured';
  if (methods.has('text') || (document.type === 'pdf' && !document.encrypted)) return 'text';
  return 'pending';
}

export interface DocumentError {
  /** The message naming this kind of error in the reviewer's language, when there is one. */
  label: MessageKey | null;
  /** The detail as the import or the extraction reported it, without the file's path. */
  detail: string;
}

/** Why a file could not be imported or read, import problems first. */
export function documentErrors(document: DeskDocument): DocumentError[] {
  const labelled = (key: string, message: string): DocumentError => ({
    label: isMessageKey(key) ? key : null,
    detail: message.startsWith(`${document.path}: `) ? message.slice(document.path.length + 2) : message,
  });
  return [
    ...document.problems.filter((problem) => problem.severity === 'error').map((problem) => labelled(`problem.${problem.code}`, problem.message)),
    ...(document.extraction?.errors.map((error) => labelled(`extractError.${error.code}`, error.message)) ?? []),
  ];
}

export function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}
