// The ports through which the pure engine reaches I/O. Each host (Node for the CLI and tests,
// the browser for the app) supplies an adapter; core never imports a platform module.

export interface Clock {
  /** ISO 8601 timestamp with offset, e.g. 2024-10-20T10:00:00+08:00 */
  now(): string;
}

export interface Hasher {
  /** Lower-case hex SHA-256 of the bytes. */
  sha256(bytes: Uint8Array): Promise<string>;
}

export interface PdfTextItem {
  str: string;
  /** Box in PDF user-space points, origin at the page's top-left: [x, y, width, height]. */
  box: [number, number, number, number];
  fontName?: string;
}

export interface PdfPageText {
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

export interface RasterImage {
  width: number;
  height: number;
  /** RGBA, row-major, 4 bytes a pixel. */
  data: Uint8ClampedArray;
}

export interface PdfDocumentHandle {
  pageCount: number;
  encrypted: boolean;
  pageText(page: number): Promise<PdfPageText>;
  renderPage(page: number, options: { dpi: number; maxPixels: number }): Promise<RasterImage>;
  /**
   * The invoice QR code read from what the page draws (an image of the code, or its modules as
   * filled rectangles), without rendering the page; payload null when that finds none. Optional:
   * without it, or when it finds nothing on a page that draws images or filled shapes, the page is
   * rendered to look for the code; a page that draws none (`drawsNoCode`) is not.
   */
  readQr?(page: number, qr: QrDecoder): Promise<{ payload: string | null; drawsNoCode: boolean }>;
  close(): Promise<void>;
}

export interface PdfReader {
  open(bytes: Uint8Array): Promise<PdfDocumentHandle>;
}

/** One character of a word, with the alternatives the engine weighed for it (best first, confidence 0–1). */
export interface OcrSymbol {
  text: string;
  confidence: number;
  choices: { text: string; confidence: number }[];
}

export interface OcrWord {
  text: string;
  confidence: number;
  box: [number, number, number, number];
  /** Index of the text line the engine put this word in (words only). */
  line?: number;
  /** The word's characters with their alternatives, where the engine gives them. */
  symbols?: OcrSymbol[];
}

export interface OcrResult {
  text: string;
  confidence: number;
  words: OcrWord[];
  lines: OcrWord[];
}

/** How a cropped field region is read (OcrEngine.recognizeLine). */
export interface OcrLineOptions {
  /** The only characters the engine may read (digits for numbers and amounts, the credit-code alphabet for tax ids); any when absent. */
  whitelist?: string;
  isCancelled?: () => boolean;
}

export interface OcrEngine {
  /** Recognises a full page (page-segmentation mode 3, no character whitelist). */
  recognize(image: RasterImage | Uint8Array, options?: { isCancelled?: () => boolean }): Promise<OcrResult>;
  /**
   * Recognises a region cropped around one field's value as a single line of text
   * (page-segmentation mode 7), read only as characters of the whitelist when one is given. The
   * engine's full-page settings are in force again for the next `recognize`. Optional: without it,
   * field values are not re-read.
   */
  recognizeLine?(image: RasterImage, options?: OcrLineOptions): Promise<OcrResult>;
  readonly modelVersion: string;
}

export interface ImageDecoder {
  /**
   * Reads dimensions (as stored) without decoding pixels, so a pixel cap can be enforced first, and
   * the EXIF orientation of a JPEG (1 when upright or absent).
   */
  probe(bytes: Uint8Array): Promise<{ width: number; height: number; format: 'png' | 'jpeg' | 'webp'; orientation?: number } | null>;
  /** Decodes PNG, JPEG or WEBP to RGBA, turned upright by its EXIF orientation. */
  decode(bytes: Uint8Array): Promise<RasterImage>;
}

export interface QrDecoder {
  decode(image: RasterImage): string | null;
}
