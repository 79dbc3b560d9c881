// Types the store shares with the engine, re-exported so db code has one import site.
export type {
  AuditEntry, ChecklistEntry, CheckOutcome, ClassificationCorrection, DocumentKind, DossierManifest, ExtractionMethod, Finding, InvoiceFieldName,
  InvoiceFields, ManifestClaim, ReviewCut, FileExtraction, ExtractedContract, ExtractedPayment, DeclaredRelation, EvidenceRef, ReviewLinks,
} from '../core/types';

/** An OCR word or a text item with its box, as pages keep them. */
export interface OcrWordLike {
  text: string;
  confidence: number;
  box: [number, number, number, number];
}
