// Dossier import: the public surface for the UI, the CLI and the store.
export {
  importDossier, type ImportInputFile, type ImportOptions, type ImportReport, type ImportedDocument, type RejectedFile,
  type ImportProgress, type Extractor, type ExtractorInput, type ClaimTableInfo, type ClaimMappingChoice,
} from './pipeline';
export { DEFAULT_IMPORT_LIMITS, resolveLimits, formatBytes, type ImportLimits } from './limits';
export { IMPORT_PROBLEM_CODES, type ImportProblem, type ImportProblemCode } from './problems';
export {
  CLAIM_COLUMNS, cellText, detectClaimColumns, locateClaimTable, readClaimTable, parseAmountCell, parseDateCell, splitInvoiceNumbers,
  type ClaimColumn, type ClaimColumnMapping, type SheetRows, type SpreadsheetReader,
} from './claims';
export { parseCsv, parseCsvText } from './csv';
export { parseManifest, manifestSchema } from './manifest';
export { classifyByName, classifyByContent, type Classification } from './classify';
export { checkRelativePath } from './paths';
export { sniffContent, FILE_TYPES, type FileType } from './sniff';
export { readZip } from './zip';
export { inspectPdf, type PdfStructure } from './pdf-structure';
export { readPngHeader, readJpegHeader } from './image-header';
export { decodeText } from './text-decoding';
