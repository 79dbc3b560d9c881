// The pages of a file that are not invoices, read for the other evidence a dossier carries: bank
// receipts and contract key pages. The pipeline hands over every such page as positioned text (its
// text layer, OFD text or OCR words); each is classified by its content and read by its reader.
import type { ExtractedContract, ExtractedPayment, ExtractionMethod } from '../types';
import { assembleContracts, contractPages, parseContractPage, type ContractPageReading } from './contract';
import { type Box, type PositionedPage, mapBoxes } from './positioned-text';
import { parseReceiptPage, toPayment } from './receipt';

export type PageKind = 'receipt' | 'contract' | 'other';

/** What one page added to a file's contracts and receipts. */
export interface EvidencePage {
  page: number;
  method: ExtractionMethod;
  kind: PageKind;
  payments: ExtractedPayment[];
  reading: ContractPageReading;
}

/** Collects the non-invoice pages of one file, then gives its contracts and payments in page order. */
export class EvidencePages {
  private readonly pages = new Map<number, EvidencePage>();

  /** Forgets a page (it turned out to be an invoice). */
  remove(page: number): void {
    this.pages.delete(page);
  }

  /**
   * Reads one page (a later reading of the same page, by OCR, replaces the first); returns what it
   * was classified as. `mapBox` carries the boxes found into the coordinates the page is shown in.
   */
  add(positioned: PositionedPage, method: ExtractionMethod, mapBox?: (box: Box) => Box): PageKind {
    const fromOcr = method === 'ocr';
    const receipts = parseReceiptPage(positioned, { fromOcr });
    const payments = receipts.map((reading) => toPayment(reading, positioned.page, method));
    const reading = parseContractPage(positioned, { fromOcr });
    const kind: PageKind = payments.length > 0 ? 'receipt' : reading.contractLike ? 'contract' : 'other';
    if (mapBox) {
      for (const payment of payments) mapBoxes(payment.boxes, mapBox);
      mapBoxes(reading.boxes, mapBox);
    }
    this.pages.set(positioned.page, { page: positioned.page, method, kind, payments, reading });
    return kind;
  }

  /** What the page came to here, or null when it added nothing (kept for a reading resumed later). */
  entry(page: number): EvidencePage | null {
    return this.pages.get(page) ?? null;
  }

  /** Puts back what a page came to in an earlier, interrupted reading of the same file. */
  restore(entry: EvidencePage): void {
    this.pages.set(entry.page, entry);
  }

  /** What a page was classified as, or null when it was not read here. */
  kindOf(page: number): PageKind | null {
    return this.pages.get(page)?.kind ?? null;
  }

  payments(): ExtractedPayment[] {
    return this.sorted().flatMap((page) => page.payments);
  }

  contracts(): ExtractedContract[] {
    const candidates = this.sorted().filter((page) => page.kind !== 'receipt');
    return assembleContracts(contractPages(candidates));
  }

  private sorted(): EvidencePage[] {
    return [...this.pages.values()].sort((a, b) => a.page - b.page);
  }
}
