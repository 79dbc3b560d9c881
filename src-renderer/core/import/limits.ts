// Limits applied to every dossier import. All of them are enforced on what is actually read or
// inflated, never on sizes an archive declares about itself.

export interface ImportLimits {
  /** Largest single file, on disk or inflated from an archive. */
  maxFileBytes: number;
  /** Largest number of files in one dossier, archive entries included. */
  maxFiles: number;
  /** Most entries one archive may hold. */
  maxArchiveEntries: number;
  /** Most bytes all entries of one archive may inflate to. */
  maxArchiveInflatedBytes: number;
  /** Largest inflated/compressed ratio of one entry, checked once it has inflated past ratioFloorBytes. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /**
   * 1: an archive in the dossier is opened; an archive inside that one is refused. A dossier
   * delivered as one .zip is the dossier itself (depth 0), not a level of nesting.
   */
  maxArchiveDepth: number;
  /** Most folder levels in a path. */
  maxPathDepth: number;
  maxPathLength: number;
  /** Largest image, in pixels (width × height read from the header before any decoding). */
  maxImagePixels: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  // A comprehensive provider's dossier: 10,000 declared rows, each with an invoice and a receipt.
  maxFiles: 50_000,
  maxArchiveEntries: 50_000,
  maxArchiveInflatedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxArchiveDepth: 1,
  maxPathDepth: 16,
  maxPathLength: 512,
  maxImagePixels: 80_000_000,
};

/**
 * Compressed object streams (PDF 1.5 /ObjStm) are inflated to look for font descriptors inside
 * them, under the same kind of limits as archive entries: a cap on the bytes of one stream and of
 * all streams together, and on the inflated/compressed ratio, all counted while inflating.
 */
export interface PdfInflateLimits {
  /** Most object streams of one PDF that are inflated. */
  maxObjectStreams: number;
  /** Largest inflated size of one object stream. */
  maxObjectStreamBytes: number;
  /** Most bytes all object streams of one PDF may inflate to. */
  maxTotalInflatedBytes: number;
  maxCompressionRatio: number;
  ratioFloorBytes: number;
}

export const PDF_INFLATE_LIMITS: PdfInflateLimits = {
  maxObjectStreams: 256,
  maxObjectStreamBytes: 8 * 1024 * 1024,
  maxTotalInflatedBytes: 64 * 1024 * 1024,
  maxCompressionRatio: DEFAULT_IMPORT_LIMITS.maxCompressionRatio,
  ratioFloorBytes: DEFAULT_IMPORT_LIMITS.ratioFloorBytes,
};

export function resolveLimits(overrides: Partial<ImportLimits> | undefined): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...overrides };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${Math.round((bytes / (1024 * 1024 * 1024)) * 10) / 10} GB`;
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}
