// A dossier's rows read in pages. A dossier's documents, invoice rows and evidence readings have ids that
// begin with the dossier's id and a colon (`${dossierId}:${path}`, `${dossierId}:${path}#${page}`), so
// they are a range of the primary key: read a page at a time, each request is bounded (one read of
// 10,000 rows took the browser's IndexedDB 0.7–2 s, which nothing can interrupt once begun, and which a
// reload's next page waited behind), and a page that is going away stops before its next page.
import type { Table } from 'dexie';
import { PageLeavingError } from './leave-reads';

/** Rows per request: about a tenth of a 10,000-row dossier. */
export const READ_PAGE_ROWS = 1_000;

export interface PagedReadOptions {
  /** Rows per request (READ_PAGE_ROWS by default). */
  pageRows?: number;
  /** Checked before each page: true stops the read with PageLeavingError (the page is going away). */
  stopped?: () => boolean;
}

/**
 * The rows of `table` whose id begins with `${dossierId}:`, in the order of their ids (for documents:
 * of their paths), read `pageRows` at a time. Inside a transaction, the pages are read in it.
 */
export async function rowsOfDossier<T extends { id: string }, I>(table: Table<T, string, I>, dossierId: string, options: PagedReadOptions = {}): Promise<T[]> {
  const pageRows = options.pageRows ?? READ_PAGE_ROWS;
  const upper = `${dossierId};`;
  let lower = `${dossierId}:`;
  let first = true;
  let rows: T[] = [];
  for (;;) {
    if (options.stopped?.()) throw new PageLeavingError();
    const page = await table.where(':id').between(lower, upper, first, false).limit(pageRows).toArray();
    rows = rows.length === 0 ? page : rows.concat(page);
    if (page.length < pageRows) return rows;
    lower = page[page.length - 1]!.id;
    first = false;
  }
}
