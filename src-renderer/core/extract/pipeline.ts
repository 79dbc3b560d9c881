// The invoice extraction pipeline: what a file is (core/import/sniff.ts), then its reader. For each
// file, in order of trust: 数电 XML; OFD (custom data, semantic tags, embedded invoice XML, then page
// text); the PDF text layer; OCR only for pages and images without text. The invoice QR code, where
// a decoder is available, is cross-checked against the printed fields. Pages that are not invoices
// are classified by their content and, when they are contract key pages or bank receipts, read by
// those readers (core/extract/evidence.ts). I/O reaches the pipeline only through ports (PDF reader, OCR, image and QR
// decoders, hasher), so the same code runs in Node (CLI) and in the browser (web workers).
import type { CheckOutcome, ExtractedInvoice, ExtractionMethod, FileExtraction } from '../types';
import type { Hasher, ImageDecoder, OcrEngine, OcrResult, PdfDocumentHandle, PdfPageText, PdfReader, PdfTextItem, QrDecoder, RasterImage } from '../ports';
import { invoiceKey } from '../invoice-index';
import { parseChineseAmount, tryParseYuan } from '../money';
import { checkInvoice, usccWellFormed } from './checks';
import { looksLikeContract } from './contract';
import { type EvidencePage, EvidencePages } from './evidence';
import { looksLikeReceipt } from './receipt';
import { parseInvoiceQr } from './qr';
import { type InvoiceDraft, SCALAR_FIELD_NAMES, emptyDraft, keyFieldCount, mergeDrafts, setField, toFields } from './draft';
import { isInvoiceXmlRoot, readInvoiceXml } from './invoice-xml';
import { DISAGREEING_READINGS_CONFIDENCE, codeInCorner, type LayoutReading, parseLayout, rateFromAmounts, saysInvoice } from './layout';
import { type OfdContent, OfdFormatError, readOfd, readOfdPart } from './ofd';
import { doubtDisagreeingWords, reconcileWithQrAmount, repairOcrDraft, splitTotalByRate } from './ocr-repair';
import { completeLostCheckCharacters, correctFieldsByGrammar, doubtFailedTaxIds, doubtWeightlessNames, dropStrayCharacters, mendNameWords, mendTaxIdsByPartyCity } from './field-grammar';
import { rereadFieldRegions } from './field-regions';
import { type Box, type PositionedPage, type PositionedText, mapBoxes } from './positioned-text';
import { applyExifOrientation, capPixels, cropRaster, isHardCompressedJpeg, looksLikeCleanRender, prepareForOcr, rotateRaster, whitenQrBlocks } from './raster';
import { type PageQuad, type PictureMapping, type PreparedGeometry, straightenPage } from './page-geometry';
import { type QuarterTurn, lineLooksOver, linesVerdict, probeLines, startLineLooksOver, turnOfLines } from './orientation';
import { boxToPrint, closeLetterSpacing, isLetterSpaced, mapResultBoxes } from './letter-spacing';
import { normalizeAmount, normalizeChineseAmountText, normalizeDate, normalizeName, normalizeRate, normalizeTaxId, placesApart } from './text-normalize';
import { XmlSyntaxError, parseXml } from './xml';
import { PICTURE_FILE_TYPES, describeContent, howToImport, sniffContent, startsLikeMarkup } from '../import/sniff';
import { isInvoiceCodeForm, isInvoiceNumberForm } from './invoice-identity';

export interface ExtractPorts {
  hasher: Hasher;
  pdf: PdfReader;
  image: ImageDecoder;
  /** Without an OCR engine, scans and image-only pages are reported as `ocr-unavailable`. */
  ocr?: OcrEngine;
  /** Without a QR decoder, the QR cross-check is skipped (unless the file carries the payload). */
  qr?: QrDecoder;
}

export type ExtractStage = 'hashing' | 'reading' | 'text' | 'rendering' | 'ocr' | 'qr' | 'done';

export interface ExtractProgress {
  file: string;
  stage: ExtractStage;
  page?: number;
  pageCount?: number;
}

export interface ExtractOptions {
  /** Raster resolution for OCR (default 300 DPI). */
  ocrDpi?: number;
  /** Pixel cap of a raster (default 10 megapixels). */
  maxPixels?: number;
  /** Resolution at which text pages are rendered to look for the QR code (default 200 DPI). */
  qrDpi?: number;
  /** Minimum non-space characters for a PDF page to count as having a text layer (default 20). */
  minTextChars?: number;
  onProgress?: (progress: ExtractProgress) => void;
  /** Receives the words of every OCR'd page, so that scans can be searched like text PDFs. */
  onOcrText?: (text: OcrPageText) => void;
  /**
   * Receives what each OCR'd page (of a scanned PDF or OFD, or a picture) came to as soon as that page
   * is read, so that a reading cut short (cancelled, crashed) can resume without reading it again (see `readPages`).
   */
  onPageRead?: (outcome: PageOutcome) => void;
  /**
   * Pages read by an earlier, interrupted reading (their `onPageRead` outcomes): taken as they are,
   * without rendering or OCR, when `sha256` is the hash of this file's bytes (else all are read again).
   */
  readPages?: { sha256: string; pages: readonly PageOutcome[] };
  isCancelled?: () => boolean;
}

/**
 * What one OCR'd page (of a PDF, an OFD scan or a picture) came to: the file's result is assembled from these exactly as from
 * a single pass, whichever pages were read in an earlier run.
 */
export interface PageOutcome {
  page: number;
  /** The page's invoice reading; null when the page is not an invoice. */
  result: PageResult | null;
  /** What the page added to the file's contracts and receipts; null when nothing. */
  evidence: EvidencePage | null;
  /** The page is a preview with placeholder data (仅供预览). */
  preview: boolean;
  /** The words of the page's OCR, as `onOcrText` received them. */
  ocrText: OcrPageText[];
}

export class ExtractionCancelledError extends Error {
  constructor() {
    super('extraction cancelled');
    this.name = 'ExtractionCancelledError';
  }
}

export type FileKind = 'pdf' | 'ofd' | 'xml' | 'image' | 'unknown';

/** Which reader a file goes to: by its content (core/import/sniff.ts), and for text by its name. */
export function sniffFileKind(path: string, bytes: Uint8Array): FileKind {
  const content = sniffContent(bytes);
  if (content === 'pdf') return 'pdf';
  if (content === 'zip') return 'ofd';
  if (PICTURE_FILE_TYPES.has(content)) return 'image';
  return startsLikeMarkup(bytes) || /\.xml$/i.test(path) ? 'xml' : 'unknown';
}

/** A global of every host the core runs in (Node, browsers, workers); the core's ES-only type library does not name it. */
declare const structuredClone: <T>(value: T) => T;

const DEFAULTS = { ocrDpi: 300, maxPixels: 10_000_000, qrDpi: 200, minTextChars: 20 };
const MAX_IMAGE_PIXELS = 80_000_000;
/**
 * Pictures of at least this many pixels are a camera's full-size photos (a phone's 8-13 megapixels;
 * a scan of an invoice at 300 DPI holds about 5, a screen capture less): print photographed on paper,
 * whose page is read in the grey of coloured ink (raster.ts prepareForOcr inkGrey).
 */
const CAMERA_PHOTO_PIXELS = 8_000_000;
/** Width an invoice page has at about 300 DPI (an A5-landscape 数电 invoice is 210 mm wide). */
const OCR_TARGET_WIDTH = 2480;
/**
 * Height of a line of text (about one CJK character) at which the engine reads best: pages whose
 * measured text is smaller are enlarged to it (a 10.5 pt character at 300 DPI is about 44 px; the
 * real renders read best at 28–33 px).
 */
const OCR_TEXT_HEIGHT = 30;

export interface PageResult {
  page: number;
  method: ExtractionMethod;
  draft: InvoiceDraft;
  reading?: LayoutReading;
}

class FileProblem extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * Whether an error ends a reading because it was cancelled: the pipeline's own error, or any error an
 * adapter threw once cancellation was asked for (an engine stopped mid-page). Never an unreadable file.
 */
export function isCancellation(error: unknown, isCancelled?: () => boolean): boolean {
  return error instanceof ExtractionCancelledError || isCancelled?.() === true;
}

function cancelled(options: ExtractOptions): void {
  if (options.isCancelled?.()) throw new ExtractionCancelledError();
}

function pdfTextPage(text: { page: number; width: number; height: number; items: { str: string; box: Box }[] }): PositionedPage {
  return {
    page: text.page,
    width: text.width,
    height: text.height,
    items: text.items.map((item) => ({ text: item.str, box: item.box, confidence: 1 })),
  };
}

/**
 * Skew of an OCR page as a slope (dy/dx), the median over the engine's lines of three or more words;
 * 0 when it cannot be measured.
 */
export function estimateSkewSlope(words: OcrResult['words']): number {
  const byLine = new Map<number, OcrResult['words']>();
  for (const word of words) {
    if (word.line === undefined) continue;
    byLine.set(word.line, [...(byLine.get(word.line) ?? []), word]);
  }
  const slopes: number[] = [];
  for (const lineWords of byLine.values()) {
    if (lineWords.length < 3) continue;
    const sorted = [...lineWords].sort((a, b) => a.box[0] - b.box[0]);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const dx = last.box[0] + last.box[2] / 2 - (first.box[0] + first.box[2] / 2);
    if (dx < first.box[3] * 8) continue;
    const bottom = (word: OcrResult['words'][number]) => word.box[1] + word.box[3];
    slopes.push((bottom(last) - bottom(first)) / dx);
  }
  if (slopes.length < 3) return 0;
  slopes.sort((a, b) => a - b);
  const median = slopes[Math.floor(slopes.length / 2)]!;
  return Math.abs(median) < 0.08 ? median : 0;
}

/**
 * OCR words (pixel boxes) to positioned text in page units (scale = page units per pixel), with the
 * page's skew sheared out so that the words of one printed row share a baseline.
 */
export function ocrToPage(result: OcrResult, page: number, width: number, height: number, scale: number): PositionedPage {
  const source = result.words.length > 0 ? result.words : result.lines;
  const slope = estimateSkewSlope(source);
  const items: PositionedText[] = source
    .filter((word) => word.text.trim() !== '')
    .map((word) => ({
      text: word.text,
      box: [word.box[0] * scale, (word.box[1] - (word.box[0] + word.box[2] / 2) * slope) * scale, word.box[2] * scale, word.box[3] * scale] as Box,
      confidence: Math.max(0, Math.min(1, word.confidence > 1 ? word.confidence / 100 : word.confidence)),
      ...(word.line === undefined ? {} : { lineKey: word.line }),
    }));
  return { page, width, height, items };
}

export interface OcrPageText extends PdfPageText {
  items: (PdfTextItem & { confidence: number })[];
}

/** OCR words as searchable page text in page units, boxes where the engine saw them (not de-skewed). */
export function ocrPageText(result: OcrResult, page: number, width: number, height: number, scale: number): OcrPageText {
  const items = result.words
    .filter((word) => word.text.trim() !== '')
    .map((word) => ({
      str: word.text,
      box: [word.box[0] * scale, word.box[1] * scale, word.box[2] * scale, word.box[3] * scale] as Box,
      confidence: Math.max(0, Math.min(1, word.confidence > 1 ? word.confidence / 100 : word.confidence)),
    }));
  return { page, width, height, items };
}

const READABLE_CHARACTER = /[\u2e80-\u9fff\uf900-\ufaff\uff01-\uff5e0-9A-Za-z.,:;!?%()[\]<>*+\-/\\¥￥@#&_=|'"，。：；、！？（）《》【】“”‘’·×—…]/u;
/** Fewer non-space characters than this and a page's text layer is a stamp or header, not the invoice. */
const THIN_TEXT_LAYER_CHARS = 80;

/**
 * A text layer that cannot carry the invoice: a few stray characters (a scan with a page stamp), or
 * mostly characters that are not text (fonts without a Unicode map give control and private-use
 * characters). Such pages go to OCR when their text does not read as an invoice.
 */
export function textLayerUnreliable(items: { str: string }[]): boolean {
  const characters = [...items.map((item) => item.str).join('').replace(/\s+/g, '')];
  if (characters.length < THIN_TEXT_LAYER_CHARS) return true;
  const readable = characters.filter((ch) => READABLE_CHARACTER.test(ch)).length;
  return readable / characters.length < 0.6;
}

/** Fewer key fields than this from a text layer that names an invoice, and OCR reads the page too. */
const COMPLETE_TEXT_READING = 6;

/** A ticket (no parties, no tax) whose text layer gives its code, number and total: all it prints, no OCR needed. */
function textTicketComplete(draft: InvoiceDraft): boolean {
  return draft.kind === 'ticket' && draft.values.invoiceCode !== undefined && draft.values.invoiceNumber !== undefined && draft.values.totalAmount !== undefined;
}

function keyOf(draft: InvoiceDraft): string | null {
  return invoiceKey(draft.values.invoiceCode ?? null, draft.values.invoiceNumber ?? null);
}

/** The page's text names the same invoice as the page before it (a continuation or a 销货清单). */
function samePrintedInvoice(previous: LayoutReading | null | undefined, draft: InvoiceDraft): boolean {
  const key = keyOf(draft);
  return previous !== null && previous !== undefined && key !== null && keyOf(previous.draft) === key;
}

/** Pages of one PDF read at once: the OCR engine runs two workers. */
const PAGE_LANES = 2;

/** A taxpayer id and an amount without the rest: values of an invoice whose labels are not text. */
function looksLikeInvoiceValues(draft: InvoiceDraft): boolean {
  const { buyerTaxId, sellerTaxId, amountExclTax, taxAmount, totalAmount } = draft.values;
  return (buyerTaxId !== undefined || sellerTaxId !== undefined) && (amountExclTax !== undefined || taxAmount !== undefined || totalAmount !== undefined);
}

/** The page prints an invoice number of a valid form: an invoice, whatever else it mentions. */
function hasInvoiceNumber(reading: LayoutReading): boolean {
  const number = reading.draft.values.invoiceNumber;
  return number !== undefined && isInvoiceNumberForm(number);
}

function isInvoicePage(reading: LayoutReading): boolean {
  if (hasInvoiceNumber(reading)) return true;
  return keyFieldCount(reading.draft) >= 4 && (reading.titled || taxedAmountsAddUp(reading.draft));
}

/**
 * An amount, a tax and a total where amount + tax = total, with an issue date or a total in words
 * that says the total: the sums of an invoice whose title and number the engine did not read
 * (masked by the uploader, a misread title, a page cut off above its totals).
 */
function taxedAmountsAddUp(draft: InvoiceDraft): boolean {
  const [amount, tax, total] = [draft.values.amountExclTax, draft.values.taxAmount, draft.values.totalAmount].map((value) => (value ? tryParseYuan(value) : null));
  const words = draft.values.totalInWords ? parseChineseAmount(draft.values.totalInWords) : null;
  const dated = draft.values.issueDate !== undefined || (words !== null && words === total);
  return dated && amount !== null && amount !== undefined && tax !== null && tax !== undefined && total !== null && total !== undefined && tax > 0 && amount + tax === total;
}

/** The invoice QR code sits in a top corner; a whole-page search runs on a reduced copy. */
const QR_FULL_PAGE_PIXELS = 1_000_000;

/**
 * Looks for the invoice QR code: first in the top-left and top-right corners, binarised with the
 * seal ink dropped (noise, JPEG artefacts and red seals make the decoder chase false finder
 * patterns for seconds), then on the whole page reduced to about a megapixel. On a small picture
 * (a screenshot, a low-resolution photo: the code has a pixel or two a module, and binarising at
 * the print threshold fills it in) each corner is tried again in grey and at a darker threshold.
 * The cost stays bounded on pages without a code.
 */
async function decodeQr(ports: ExtractPorts, image: RasterImage): Promise<string | undefined> {
  return (await findQr(ports, image, 'all'))?.payload;
}

/**
 * The invoice QR code of a page (decodeQr), and whether it was found in the page's top-left corner,
 * where invoices print it: looked for in every place ('all'), in the first places only (the corners
 * binarised, the whole page reduced: 'first'; the same but the top-left corner, looked at already:
 * 'first-but-top-left'), or in the retries for small pictures only ('retries').
 */
async function findQr(ports: ExtractPorts, image: RasterImage, places: 'all' | 'first' | 'first-but-top-left' | 'retries'): Promise<{ payload: string; topLeft: boolean } | undefined> {
  if (!ports.qr) return undefined;
  const corners = qrCorners(image);
  const corner = ([x, y, w, h]: [number, number, number, number]) => cropRaster(image, x, y, w, h);
  const asIs = { targetWidth: 0, maxPixels: Number.MAX_SAFE_INTEGER };
  const candidates: { topLeft: boolean; make: () => RasterImage }[] = places === 'retries' ? [] : [
    ...qrCornerCandidates(image).slice(places === 'first-but-top-left' ? 1 : 0),
    { topLeft: false, make: () => capPixels(image, QR_FULL_PAGE_PIXELS) },
  ];
  if (places !== 'first' && places !== 'first-but-top-left' && image.width * image.height <= QR_RETRY_MAX_PIXELS) {
    for (const [index, box] of corners.entries()) {
      candidates.push({ topLeft: index === 0, make: () => prepareForOcr(corner(box), asIs) }, { topLeft: index === 0, make: () => prepareForOcr(corner(box), { ...asIs, binarize: true, binaryThreshold: QR_DARK_THRESHOLD }) });
    }
  }
  for (const { topLeft, make } of candidates) {
    const payload = ports.qr.decode(make());
    if (payload && INVOICE_QR.test(payload.trim())) return { payload: payload.trim(), topLeft };
  }
  return undefined;
}

/** How an invoice QR code's payload begins (version and kind). */
const INVOICE_QR = /^\d{2},\d{2},/;

/** The page's two top corners, where invoices print their QR code (top-left first): x, y, width, height. */
function qrCorners(image: RasterImage): [number, number, number, number][] {
  return [
    [0, 0, image.width * 0.4, image.height * 0.45],
    [image.width * 0.6, 0, image.width * 0.4, image.height * 0.45],
  ];
}

/** The first places a page's QR code is looked for: its top corners binarised, the top-left first. */
function qrCornerCandidates(image: RasterImage): { topLeft: boolean; make: () => RasterImage }[] {
  const asIs = { targetWidth: 0, maxPixels: Number.MAX_SAFE_INTEGER, binarize: true };
  return qrCorners(image).map(([x, y, w, h], index) => ({ topLeft: index === 0, make: () => prepareForOcr(cropRaster(image, x, y, w, h), asIs) }));
}

/** Pages up to this size (pixels) are small pictures whose code may need the retries in grey. */
const QR_RETRY_MAX_PIXELS = 1_500_000;
/** Grey level below which a module is dark in the retry for light or blurred codes. */
const QR_DARK_THRESHOLD = 120;

/**
 * The QR code of a text page: read from the page's drawing where the reader can (see
 * PdfDocumentHandle.readQr), else from a rendering, which is skipped when the drawing holds nothing
 * a code could be made of.
 */
async function textPageQr(doc: PdfDocumentHandle, page: number, ports: ExtractPorts, options: { qrDpi: number; maxPixels: number }): Promise<string | undefined> {
  if (!ports.qr) return undefined;
  const drawn = doc.readQr ? await doc.readQr(page, ports.qr) : null;
  if (drawn?.payload) return drawn.payload;
  if (drawn?.drawsNoCode) return undefined;
  return decodeQr(ports, await doc.renderPage(page, { dpi: options.qrDpi, maxPixels: options.maxPixels }));
}

/** An OCR reading of a page, with the words it was read from (for the contract and receipt readers). */
interface OcrReading extends LayoutReading {
  positioned: PositionedPage;
}

async function ocrPage(ports: ExtractPorts, raster: RasterImage, page: number, pageWidth: number, pageHeight: number, options: ExtractOptions & { smoothBlocks?: boolean; inkGrey?: boolean; qrFirst?: Promise<string | undefined> }): Promise<OcrReading> {
  if (!ports.ocr) throw new FileProblem('ocr-unavailable', 'the page has no text layer and no OCR engine is available');
  const maxPixels = options.maxPixels ?? DEFAULTS.maxPixels;
  const clean = looksLikeCleanRender(raster);
  let prepared = prepareForOcr(raster, { targetWidth: OCR_TARGET_WIDTH, targetTextHeight: OCR_TEXT_HEIGHT, maxPixels, binarize: true, smoothBlocks: options.smoothBlocks === true, clean, inkGrey: !clean && options.inkGrey === true });
  // Letter spacing is a renderer's (scans and photos of print are read as they are: their grain would pass for gaps).
  let result = clean && isLetterSpaced(prepared)
    ? await readLetterSpaced(ports.ocr, prepared, options)
    : await ports.ocr.recognize(prepared, { isCancelled: options.isCancelled });
  cancelled(options);
  // A small photo enlarged in grey can give the engine's page layout no word at all (the bus-ticket
  // photo I16: its print on a patterned green ground); read at its own size, binarised, it gives words.
  let atOwnSize = false;
  if (result.words.length === 0 && !clean && prepared.width !== raster.width) {
    const asItIs = prepareForOcr(raster, { targetWidth: 0, maxPixels, binarize: true });
    const again = await ports.ocr.recognize(asItIs, { isCancelled: options.isCancelled });
    cancelled(options);
    if (again.words.length > 0) [prepared, result, atOwnSize] = [asItIs, again, true];
  }
  let positioned = ocrToPage(result, page, pageWidth, pageHeight, pageWidth / prepared.width);
  let reading = parseLayout(positioned, { fromOcr: true });
  correctFieldsByGrammar(reading.draft, result);
  if (atOwnSize) ({ prepared, result, positioned, reading } = await readDarkerCuts(ports.ocr, raster, { prepared, result, positioned, reading }, { page, pageWidth, pageHeight, maxPixels }, options));
  // A camera photo whose print reads as no invoice at all at the ink cut (pale print: a dot-matrix
  // printer's faded blue, lost with the paper), or with neither its code, its date nor a taxpayer id
  // (dark print: M02 of the twelfth set read only its sums), is read again in grey, the engine cutting
  // each part of the page at its own contrast. Not a page that reads as a receipt or a contract: its print read.
  if (!clean && options.inkGrey === true && (readsNoInvoice(reading.draft) || readsNoIdentity(reading.draft)) && !readsAsOtherEvidence(reading)) {
    const grey = prepareForOcr(raster, { targetWidth: OCR_TARGET_WIDTH, maxPixels, binarize: false, smoothBlocks: options.smoothBlocks === true, inkGrey: true });
    ({ prepared, result, positioned, reading } = strongestReading([{ prepared, result, positioned, reading }, await readCut(ports.ocr, grey, { page, pageWidth, pageHeight }, options)]));
  }
  options.onOcrText?.(ocrPageText(result, page, pageWidth, pageHeight, pageWidth / prepared.width));
  const otherEvidence = readsAsOtherEvidence(reading);
  // A page that reads like print upside down (characters as unsure as upside-down print reads, none
  // of an invoice's printed fields) is not read again in part: its header would read no better (a
  // picture upside down is read turned next).
  const readsLikeNoPrint = printedFieldCount(reading.draft) < 2 && textConfidence(result.words) < UPRIGHT_TEXT_CONFIDENCE;
  // The header is not read again where the page's QR code (looked for while the engine read the
  // page: qrFirst) settles the number, the code and the date: fillFromQr puts its values in for the
  // impossible ones, and the qr-matches check still reports a printed value that contradicts it.
  const identityRereadable = !otherEvidence && !readsLikeNoPrint;
  const headerWanted = identityRereadable && !hasValidIdentity(reading.draft, pageTextOf(reading)) && !identityReadApart(reading.draft) && !qrSettlesIdentity(await options.qrFirst);
  // A page lacking an old invoice's code has its code corner read while its header is (the engine's
  // other worker; the regions' readings do not depend on one another); the corner's code is put in
  // only where the header's reading leaves the code lacking, as when the corner is read after it.
  const cornerWithHeader = headerWanted && lacksOldInvoiceCode(reading) ? readCodeCorner(ports, prepared, page, pageWidth, pageHeight, options) : null;
  cornerWithHeader?.catch(() => undefined);
  if (headerWanted) await rereadHeader(ports, prepared, reading, page, pageWidth, pageHeight, options);
  if (identityRereadable && lacksOldInvoiceCode(reading) && !qrSettlesIdentity(await options.qrFirst)) {
    const code = await (cornerWithHeader ?? readCodeCorner(ports, prepared, page, pageWidth, pageHeight, options));
    if (code) setField(reading.draft, 'invoiceCode', code.value, code.confidence, code.box);
  }
  repairOcrDraft(reading.draft, reading.lines, reading.rawTotalInWords);
  if (!otherEvidence && ports.ocr.recognizeLine) {
    const recognizeLine = ports.ocr.recognizeLine.bind(ports.ocr);
    const scale = pageWidth / prepared.width;
    const slope = estimateSkewSlope(result.words.length > 0 ? result.words : result.lines);
    // The inverse of ocrToPage: page units to the pixels of the prepared page, the skew sheared back in.
    const toPixels = ([x, y, width, height]: Box): Box => [x / scale, y / scale + (x / scale + width / scale / 2) * slope, width / scale, height / scale];
    await rereadFieldRegions(reading.draft, { recognizeLine, raster: prepared, toPixels, ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}) });
    cancelled(options);
    // The sums read again may add up while both parts are misread.
    splitTotalByRate(reading.draft);
  }
  doubtWeightlessNames(reading.draft, result);
  completeLostCheckCharacters(reading.draft);
  dropStrayCharacters(reading.draft);
  mendTaxIdsByPartyCity(reading.draft);
  doubtFailedTaxIds(reading.draft);
  doubtDisagreeingWords(reading.draft);
  mendNameWords(reading.draft);
  return { ...reading, positioned };
}

/** One binarisation of a page read: the page as prepared, the engine's words, the layout reading. */
interface CutReading {
  prepared: RasterImage;
  result: OcrResult;
  positioned: PositionedPage;
  reading: LayoutReading;
}

/**
 * Darker cuts between ink and ground for a small picture read binarised at its own size, tried in
 * turn while the readings so far leave the code, number, date or total unread in a valid form. A
 * photo of print on a tinted, patterned ground (a ticket's green guilloche) passes the default cut
 * as ink around the figures at one cut and loses its thin strokes at another: the bus-ticket photo
 * I16 reads its date at the default cut only, its code, number and fare at 150.
 */
const DARKER_CUTS = [150, 135];

/** The identity fields and total a draft holds in a form their grammar allows. */
function validIdentityFields(draft: InvoiceDraft): Set<string> {
  const { invoiceCode: code, invoiceNumber: number, issueDate: date, totalAmount: total } = draft.values;
  const valid = new Set<string>();
  if (code && isInvoiceCodeForm(code)) valid.add('invoiceCode');
  if (number && isInvoiceNumberForm(number)) valid.add('invoiceNumber');
  if (date && normalizeDate(date) === date) valid.add('issueDate');
  if (total && tryParseYuan(total) !== null) valid.add('totalAmount');
  return valid;
}

/**
 * The page read at darker cuts (DARKER_CUTS) while the readings together miss one of the identity
 * fields or the total; the reading with the most of them valid (the first on a tie) is the page's,
 * and the others fill what it lacks (each value with its own confidence and box: every cut is read
 * at the same size, so the boxes agree).
 */
async function readDarkerCuts(ocr: OcrEngine, raster: RasterImage, first: CutReading, at: { page: number; pageWidth: number; pageHeight: number; maxPixels: number }, options: ExtractOptions): Promise<CutReading> {
  const readings = [first];
  const covered = () => new Set(readings.flatMap((candidate) => [...validIdentityFields(candidate.reading.draft)])).size;
  for (const threshold of DARKER_CUTS) {
    if (covered() === 4) break;
    const prepared = prepareForOcr(raster, { targetWidth: 0, maxPixels: at.maxPixels, binarize: true, binaryThreshold: threshold });
    readings.push(await readCut(ocr, prepared, at, options));
  }
  return strongestReading(readings);
}

/** One page, prepared one way, read and laid out. */
async function readCut(ocr: OcrEngine, prepared: RasterImage, at: { page: number; pageWidth: number; pageHeight: number }, options: ExtractOptions): Promise<CutReading> {
  const result = await ocr.recognize(prepared, { isCancelled: options.isCancelled });
  cancelled(options);
  const positioned = ocrToPage(result, at.page, at.pageWidth, at.pageHeight, at.pageWidth / prepared.width);
  const reading = parseLayout(positioned, { fromOcr: true });
  correctFieldsByGrammar(reading.draft, result);
  return { prepared, result, positioned, reading };
}

/**
 * Of readings of one page, the strongest (byStrength; the first on a tie); the others fill what it
 * lacks.
 */
function strongestReading(readings: CutReading[]): CutReading {
  const ranked = [...readings].sort((a, b) => byStrength(a.reading.draft, b.reading.draft));
  const [best, ...others] = ranked as [CutReading, ...CutReading[]];
  for (const other of others) best.reading.draft = mergeDrafts(best.reading.draft, other.reading.draft);
  return best;
}

/** A page that reads as a bank receipt or a contract page. */
function readsAsOtherEvidence(reading: LayoutReading): boolean {
  const text = pageTextOf(reading);
  return looksLikeReceipt(text) || looksLikeContract(text);
}

/** A reading with no identity field in a valid form and fewer than two printed fields: no invoice read. */
function readsNoInvoice(draft: InvoiceDraft): boolean {
  return validIdentityFields(draft).size === 0 && printedFieldCount(draft) < 2;
}

/** A reading with neither the invoice's code nor its date nor a taxpayer id of either party as their grammar has them. */
function readsNoIdentity(draft: InvoiceDraft): boolean {
  const valid = validIdentityFields(draft);
  const idForm = (id: string | undefined) => id !== undefined && (usccWellFormed(id) || /^\d{15}$/.test(id));
  return !valid.has('invoiceCode') && !valid.has('issueDate') && !idForm(draft.values.buyerTaxId) && !idForm(draft.values.sellerTaxId);
}

/**
 * A letter-spaced page (letter-spacing.ts), read with its spacing closed up; the words come back in
 * the coordinates of the page prepared for OCR.
 */
async function readLetterSpaced(ocr: OcrEngine, prepared: RasterImage, options: ExtractOptions): Promise<OcrResult> {
  const closed = closeLetterSpacing(prepared);
  return mapResultBoxes(await ocr.recognize(closed.image, { isCancelled: options.isCancelled }), boxToPrint(closed.toPageX));
}

function pageTextOf(reading: LayoutReading): string {
  return reading.lines.map((line) => line.text).join('\n');
}

/**
 * Labels only the old layout prints (密码区, 校验码, 发票代码): a 20-digit reading there is two fields
 * run together. Not the 数电 layout's 统一社会信用代码 (the label of both tax ids).
 */
const OLD_LAYOUT_LABELS = /密\s*码|校\s*验\s*码|(?<!信\s*用\s*)代\s*码|代\s*号/;

function hasValidIdentity(draft: InvoiceDraft, pageText: string): boolean {
  const { invoiceNumber: number, invoiceCode: code } = draft.values;
  if (number && /^\d{20}$/.test(number)) return !OLD_LAYOUT_LABELS.test(pageText);
  return !!number && /^\d{8}$/.test(number) && !!code && isInvoiceCodeForm(code);
}

/**
 * An 8-digit number and a code of digits (of a length the grammar does not allow: a made-up code, a
 * digit dropped), each read at its own label: the label rows were read apart, so reading the header
 * again reads them as the page read did; the code's own region is read again instead (field-regions.ts).
 */
function identityReadApart(draft: InvoiceDraft): boolean {
  const { invoiceNumber: number, invoiceCode: code } = draft.values;
  return number !== undefined && /^\d{8}$/.test(number) && code !== undefined && /^\d{9,13}$/.test(code) && draft.boxes.invoiceNumber !== undefined && draft.boxes.invoiceCode !== undefined;
}

/**
 * The invoice QR code gives the number, the code (where its layout has one) and the date: what
 * reading the header again could give, the code gives (fillFromQr). The page's own values stay as
 * read, so a printed value the code contradicts is still reported (qr-matches).
 */
function qrSettlesIdentity(payload: string | undefined): boolean {
  const qr = payload === undefined ? null : parseInvoiceQr(payload);
  return qr !== null && qr.issueDate !== null && (qr.invoiceCode !== null || /^\d{20}$/.test(qr.invoiceNumber));
}

/**
 * A large title next to the code and number block can make the engine read the label rows as one
 * line; reading the top-right corner of the page alone separates them again.
 */
async function rereadHeader(ports: ExtractPorts, raster: RasterImage, reading: LayoutReading, page: number, pageWidth: number, pageHeight: number, options: ExtractOptions): Promise<void> {
  if (!ports.ocr) return;
  const left = Math.floor(raster.width * 0.62);
  const height = Math.floor(raster.height * 0.28);
  const corner = cropRaster(raster, left, 0, raster.width - left, height);
  const result = await ports.ocr.recognize(corner, { isCancelled: options.isCancelled });
  cancelled(options);
  const scale = pageWidth / raster.width;
  const positioned = ocrToPage(result, page, pageWidth, pageHeight, scale);
  for (const item of positioned.items) item.box = [item.box[0] + left * scale, item.box[1], item.box[2], item.box[3]];
  const header = parseLayout(positioned, { fromOcr: true, partOfInvoicePage: saysInvoice(reading.lines) }).draft;
  if (!hasValidIdentity(header, pageTextOf(reading))) return;
  for (const field of ['invoiceCode', 'invoiceNumber', 'issueDate'] as const) {
    const value = header.values[field];
    if (value !== undefined) setField(reading.draft, field, value, header.confidence[field] ?? 0.5, header.boxes[field]);
  }
  if (header.values.invoiceCode === undefined) delete reading.draft.values.invoiceCode;
}

/**
 * A page that says it is an invoice, no ticket, with no code read and an old invoice's 8-digit number
 * or none (a 数电 invoice's 20-digit number comes without a code).
 */
function lacksOldInvoiceCode(reading: LayoutReading): boolean {
  const { invoiceCode: code, invoiceNumber: number } = reading.draft.values;
  return code === undefined && (number === undefined || /^\d{8}$/.test(number)) && reading.draft.kind !== 'ticket' && saysInvoice(reading.lines);
}

/** Share of the page's width and height of its top-left corner, where an old invoice prints its QR code and code. */
const CODE_CORNER = { width: 0.45, height: 0.25 };

/**
 * An old invoice prints its code large beside the QR code at the top left, and the engine's page
 * layout may take the code for part of the QR code's picture and read nothing of it: the top-left
 * corner read alone, its QR code whitened (whitenQrBlocks), gives it (codeInCorner), unsure.
 */
async function readCodeCorner(ports: ExtractPorts, raster: RasterImage, page: number, pageWidth: number, pageHeight: number, options: ExtractOptions): Promise<ReturnType<typeof codeInCorner>> {
  if (!ports.ocr) return undefined;
  const corner = cropRaster(raster, 0, 0, Math.floor(raster.width * CODE_CORNER.width), Math.floor(raster.height * CODE_CORNER.height));
  whitenQrBlocks(corner);
  const result = await ports.ocr.recognize(corner, { isCancelled: options.isCancelled });
  cancelled(options);
  return codeInCorner(ocrToPage(result, page, pageWidth, pageHeight, pageWidth / raster.width));
}

async function readPdf(file: string, bytes: Uint8Array, ports: ExtractPorts, options: Required<Pick<ExtractOptions, 'ocrDpi' | 'maxPixels' | 'qrDpi' | 'minTextChars'>> & ExtractOptions, evidence: EvidencePages, resumed: ReadonlyMap<number, PageOutcome>): Promise<PageResult[]> {
  let doc: PdfDocumentHandle;
  try {
    doc = await ports.pdf.open(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) throw new FileProblem('encrypted', 'the PDF is encrypted with a password');
    throw new FileProblem('unreadable', `not a readable PDF (${message})`);
  }
  const read: (PageResult | null)[] = new Array<PageResult | null>(doc.pageCount).fill(null);
  let preview = false;
  try {
    // The text of every page first (cheap): a page's reading may depend on the page before it.
    const texts: PdfPageText[] = [];
    for (let page = 1; page <= doc.pageCount; page++) {
      cancelled(options);
      options.onProgress?.({ file, stage: 'text', page, pageCount: doc.pageCount });
      texts.push(await doc.pageText(page));
    }
    const textReadings = texts.map((text) => (text.items.reduce((sum, item) => sum + item.str.replace(/\s+/g, '').length, 0) >= options.minTextChars ? parseLayout(pdfTextPage(text)) : null));
    const readPage = async (page: number, pageOptions: ExtractOptions, outcome: { ocr: boolean; preview: boolean }): Promise<PageResult | null> => {
      cancelled(options);
      const text = texts[page - 1]!;
      const textReading = textReadings[page - 1]!;
      let reading: LayoutReading;
      let method: ExtractionMethod;
      let raster: RasterImage | undefined;
      let qrTried = false;
      let ocrWords: PositionedPage | undefined;
      const renderForOcr = async () => {
        outcome.ocr = true;
        options.onProgress?.({ file, stage: 'rendering', page, pageCount: doc.pageCount });
        const rendered = await doc.renderPage(page, { dpi: options.ocrDpi, maxPixels: options.maxPixels });
        options.onProgress?.({ file, stage: 'ocr', page, pageCount: doc.pageCount });
        return rendered;
      };
      if (textReading && !hasInvoiceNumber(textReading) && evidence.add(pdfTextPage(text), 'text') !== 'other') {
        // A contract or bank receipt with a text layer (it may mention 发票 and print tax ids and an
        // amount, but no invoice number): read by its reader, no OCR.
        return null;
      }
      if (textReading) {
        reading = textReading;
        method = 'text';
        if (!isInvoicePage(reading) && !reading.preview && (reading.titled || looksLikeInvoiceValues(reading.draft) || textLayerUnreliable(text.items))) {
          if (ports.qr && reading.titled) {
            qrTried = true;
            const payload = await textPageQr(doc, page, ports, options);
            if (payload) fillFromQr(reading, payload, { ocrAmounts: false });
          }
          if (!isInvoicePage(reading) && ports.ocr) {
            raster = await renderForOcr();
            const ocr = await ocrPage(ports, raster, page, text.width, text.height, pageOptions);
            reading = ocr;
            ocrWords = ocr.positioned;
            method = 'ocr';
          }
        } else if (isInvoicePage(reading) && keyFieldCount(reading.draft) < COMPLETE_TEXT_READING && !textTicketComplete(reading.draft) && !samePrintedInvoice(textReadings[page - 2], reading.draft) && ports.ocr) {
          // The text layer names the invoice but lacks most of its fields (labels drawn as graphics):
          // OCR reads the rest; every value the text layer gave stays.
          raster = await renderForOcr();
          const ocr = await ocrPage(ports, raster, page, text.width, text.height, pageOptions);
          reading = { ...ocr, draft: mergeDrafts(reading.draft, ocr.draft) };
          method = 'ocr';
        }
      } else {
        raster = await renderForOcr();
        const ocr = await ocrPage(ports, raster, page, text.width, text.height, pageOptions);
        reading = ocr;
        ocrWords = ocr.positioned;
        method = 'ocr';
      }
      if (reading.preview) outcome.preview = true;
      if (method === 'ocr' && raster && ports.qr) {
        const payload = await decodeQr(ports, raster);
        if (payload) fillFromQr(reading, payload);
      }
      const evidenceKind = ocrWords && !hasInvoiceNumber(reading) ? evidence.add(ocrWords, 'ocr') : 'other';
      if (!isInvoicePage(reading) || evidenceKind !== 'other') return null;
      evidence.remove(page);
      if (ports.qr && method === 'text' && !qrTried) {
        options.onProgress?.({ file, stage: 'qr', page, pageCount: doc.pageCount });
        const payload = await textPageQr(doc, page, ports, options);
        if (payload) reading.draft.qrPayload = payload;
      }
      return { page, method, draft: reading.draft, reading };
    };
    const readOrResume = async (page: number): Promise<PageResult | null> => {
      const { result, preview: pagePreview } = await readOrResumePage(page, resumed, options, evidence, (pageOptions, outcome) => readPage(page, pageOptions, outcome));
      if (pagePreview) preview = true;
      return result;
    };
    // Two pages at a time, so that a scanned PDF of many pages keeps both OCR workers busy.
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(PAGE_LANES, doc.pageCount) }, async () => {
      while (next < doc.pageCount) {
        const index = next++;
        read[index] = await readOrResume(index + 1);
      }
    }));
  } finally {
    await doc.close();
  }
  const results = read.filter((result): result is PageResult => result !== null);
  if (results.length === 0 && preview) throw new FileProblem('not-an-invoice', 'a preview with placeholder data (仅供预览), not an issued invoice');
  return joinContinuationPages(results);
}

/** How a page's reading went: whether it was OCR'd (and so worth keeping for a resume), whether it is a preview. */
interface PageReadOutcome {
  ocr: boolean;
  preview: boolean;
}

/**
 * One page of a file, read now or taken from an earlier, interrupted reading of the same bytes. A page
 * read before an interruption is taken as it came out (its evidence, preview mark and OCR words
 * included), without rendering, decoding or OCR; a page OCR'd now is handed out (`onPageRead`) as soon
 * as it is read, so that nothing read is lost if this reading is cut short too.
 */
async function readOrResumePage<Options extends ExtractOptions>(
  page: number, resumed: ReadonlyMap<number, PageOutcome>, options: Options, evidence: EvidencePages,
  read: (pageOptions: Options, outcome: PageReadOutcome) => Promise<PageResult | null>,
): Promise<{ result: PageResult | null; preview: boolean }> {
  const stored = resumed.get(page);
  if (stored) {
    cancelled(options);
    const kept = structuredClone(stored);
    if (kept.evidence) evidence.restore(kept.evidence);
    for (const text of kept.ocrText) options.onOcrText?.(text);
    return { result: kept.result, preview: kept.preview };
  }
  const ocrText: OcrPageText[] = [];
  const outcome: PageReadOutcome = { ocr: false, preview: false };
  const pageOptions: Options = { ...options, onOcrText: (text: OcrPageText) => { ocrText.push(text); options.onOcrText?.(text); } };
  const result = await read(pageOptions, outcome);
  if (outcome.ocr) options.onPageRead?.(structuredClone({ page, result, evidence: evidence.entry(page), preview: outcome.preview, ocrText }));
  return { result, preview: outcome.preview };
}

const SEE_LIST_ITEM = /详见.{0,4}清单|见清单/;
const TOTAL_FIELDS = ['amountExclTax', 'taxAmount', 'totalAmount', 'totalInWords'] as const;

/**
 * One invoice printed over several pages (a 数电 invoice with many lines, an old-layout invoice
 * followed by its 销货清单) reads as consecutive pages with the same code and number: they become
 * one invoice on its first page, with the items of every page in order (a "详见销货清单" line gives
 * way to the list) and the totals of the page that prints 价税合计 in words. A page that repeats a
 * complete invoice (both print 价税合计 in words) is a copy and adds nothing. Values taken from
 * another page keep no box, since boxes are on the invoice's page.
 */
export function joinContinuationPages(pages: PageResult[]): PageResult[] {
  const joined: PageResult[] = [];
  for (const page of pages) {
    const previous = joined[joined.length - 1];
    const key = keyOf(page.draft);
    const previousKey = previous && keyOf(previous.draft);
    if (!previous || key === null || key !== previousKey) {
      joined.push(page);
      continue;
    }
    const draft = previous.draft;
    if (page.draft.values.totalInWords !== undefined && draft.values.totalInWords !== undefined) continue;
    if (page.draft.values.totalInWords !== undefined) {
      for (const field of TOTAL_FIELDS) {
        delete draft.values[field];
        delete draft.confidence[field];
        delete draft.boxes[field];
      }
    }
    for (const field of SCALAR_FIELD_NAMES) {
      const value = page.draft.values[field];
      if (draft.values[field] !== undefined || value === undefined) continue;
      draft.values[field] = value;
      const confidence = page.draft.confidence[field];
      if (confidence !== undefined) draft.confidence[field] = confidence;
    }
    const listed = page.draft.items.filter((item) => !SEE_LIST_ITEM.test(item.name));
    if (listed.length > 0) {
      const own = draft.items.filter((item) => !SEE_LIST_ITEM.test(item.name));
      draft.items = [...own, ...listed];
      const confidences = [draft.confidence.items, page.draft.confidence.items].filter((c): c is number => c !== undefined);
      if (confidences.length > 0) draft.confidence.items = Math.min(...confidences);
      if (own.length === 0) delete draft.boxes.items;
    }
    draft.qrPayload ??= page.draft.qrPayload;
    if (page.method === 'ocr') previous.method = 'ocr';
  }
  return joined;
}

const TAG_FIELDS: Record<string, Parameters<typeof setField>[1]> = {
  InvoiceCode: 'invoiceCode', InvoiceNo: 'invoiceNumber', InvoiceNumber: 'invoiceNumber', IssueDate: 'issueDate', BuyerName: 'buyerName',
  BuyerTaxID: 'buyerTaxId', BuyerTaxId: 'buyerTaxId', SellerName: 'sellerName', SellerTaxID: 'sellerTaxId', SellerTaxId: 'sellerTaxId',
  TaxExclusiveTotalAmount: 'amountExclTax', TaxTotalAmount: 'taxAmount', TaxInclusiveTotalAmount: 'totalAmount', Note: 'remarks',
};

/** OFD.xml DocInfo CustomData names (Chinese as the tax platform writes them, and the tag names some producers use). */
const CUSTOM_DATA_FIELDS: Record<string, Parameters<typeof setField>[1]> = {
  发票代码: 'invoiceCode', 发票号码: 'invoiceNumber', 开票日期: 'issueDate', 购买方纳税人识别号: 'buyerTaxId',
  销售方纳税人识别号: 'sellerTaxId', 合计金额: 'amountExclTax', 合计税额: 'taxAmount', 价税合计: 'totalAmount',
  '价税合计（小写）': 'totalAmount', 购买方名称: 'buyerName', 销售方名称: 'sellerName',
  InvoiceCode: 'invoiceCode', InvoiceNo: 'invoiceNumber', InvoiceNumber: 'invoiceNumber', IssueDate: 'issueDate',
  BuyerName: 'buyerName', BuyerTaxID: 'buyerTaxId', SellerName: 'sellerName', SellerTaxID: 'sellerTaxId',
  TaxExclusiveTotalAmount: 'amountExclTax', TaxTotalAmount: 'taxAmount', TaxInclusiveTotalAmount: 'totalAmount',
};

function normalizeFieldValue(field: Parameters<typeof setField>[1], value: string): string | null {
  switch (field) {
    case 'issueDate': return normalizeDate(value);
    case 'amountExclTax': case 'taxAmount': case 'totalAmount': return normalizeAmount(value);
    case 'buyerTaxId': case 'sellerTaxId': return normalizeTaxId(value);
    case 'buyerName': case 'sellerName': return normalizeName(value);
    case 'invoiceCode': case 'invoiceNumber': return value.replace(/\s+/g, '') || null;
    case 'totalInWords': return normalizeChineseAmountText(value);
    default: return value.replace(/\s+/g, ' ').trim() || null;
  }
}

/**
 * An OFD whose pages carry no text but a page-sized image (a scan saved as OFD): each such page
 * image is read by OCR, with its QR code, as an image file would be.
 */
async function readOfdScans(file: string, bytes: Uint8Array, content: OfdContent, ports: ExtractPorts, options: ExtractOptions & { maxPixels: number }, evidence: EvidencePages, resumed: ReadonlyMap<number, PageOutcome>): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const { page, part } of content.pageImages) {
    cancelled(options);
    const { result } = await readOrResumePage(page, resumed, options, evidence, async (pageOptions, outcome) => {
      const imageBytes = readOfdPart(bytes, part);
      const probe = imageBytes && await ports.image.probe(imageBytes);
      if (!imageBytes || !probe) throw new FileProblem('unreadable', `page ${page} is a scan whose image (${part}) is missing or not PNG or JPEG`);
      if (probe.width * probe.height > MAX_IMAGE_PIXELS) throw new FileProblem('too-large', `the scan of page ${page} is ${probe.width}×${probe.height} pixels, more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`);
      const image = await ports.image.decode(imageBytes);
      const size = content.pages[page - 1]!;
      options.onProgress?.({ file, stage: 'ocr', page, pageCount: content.pages.length });
      outcome.ocr = true;
      return (await readScan(ports, image, page, size.width, size.height, pageOptions, evidence)).result;
    });
    if (result) results.push(result);
  }
  return joinContinuationPages(results);
}

function readOfdFile(bytes: Uint8Array): { results: PageResult[]; content: OfdContent } {
  let content;
  try {
    content = readOfd(bytes);
  } catch (error) {
    if (error instanceof OfdFormatError) throw new FileProblem('unreadable', `not a readable OFD: ${error.message}`);
    throw error;
  }
  let structured = emptyDraft();
  for (const attachment of content.attachments) {
    try {
      const root = parseXml(attachment.xml);
      const draft = isInvoiceXmlRoot(root) ? readInvoiceXml(root) : null;
      if (draft) {
        structured = mergeDrafts(structured, draft);
        break;
      }
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
    }
  }
  const tagged = emptyDraft();
  let tagPage = 1;
  const tagItems: { name?: string; amount?: string; rate?: string; tax?: string }[] = [];
  const itemSlot = (key: 'name' | 'amount' | 'rate' | 'tax', value: string) => {
    let slot = tagItems.find((item) => item[key] === undefined);
    if (!slot) {
      slot = {};
      tagItems.push(slot);
    }
    slot[key] = value;
  };
  for (const tag of content.tags) {
    const last = tag.path[tag.path.length - 1] ?? '';
    const field = TAG_FIELDS[last];
    if (field === 'invoiceNumber') tagPage = tag.page;
    if (field) {
      // A remark printed over several lines keeps its line breaks as spaces.
      const text = field === 'remarks' ? tag.lines.join(' ') : tag.text;
      if (tagged.values[field] === undefined) setField(tagged, field, normalizeFieldValue(field, text), 0.99, tag.box);
      continue;
    }
    if (last === 'Item') itemSlot('name', tag.text.trim());
    else if (last === 'Amount') itemSlot('amount', tag.text);
    else if (last === 'TaxScheme') itemSlot('rate', tag.text);
    else if (last === 'TaxAmount') itemSlot('tax', tag.text);
  }
  if (tagItems.length > 0 && tagItems.every((item) => item.name && item.amount)) {
    tagged.items = tagItems.map((item) => ({
      name: item.name ?? '',
      amount: normalizeAmount(item.amount),
      rate: normalizeRate(item.rate),
      tax: normalizeAmount(item.tax),
    }));
    tagged.confidence.items = 0.99;
  }
  const fromCustomData = emptyDraft();
  for (const [name, value] of Object.entries(content.customData)) {
    const field = CUSTOM_DATA_FIELDS[name];
    if (field) setField(fromCustomData, field, normalizeFieldValue(field, value), 0.99);
  }
  const documentLevel = mergeDrafts(mergeDrafts(structured, tagged), fromCustomData);

  const results: PageResult[] = [];
  for (const page of content.pages) {
    const reading = parseLayout(page);
    const holdsDocumentFields = page.page === tagPage || (results.length === 0 && page.page === 1);
    if (holdsDocumentFields && keyFieldCount(documentLevel) > 0) {
      const merged = mergeDrafts(documentLevel, reading.draft);
      // Some producers tag only one line of a multi-line remark: the page's remark box, when it
      // holds the tagged text and more, is the whole remark.
      const tagRemark = merged.values.remarks;
      const pageRemark = reading.draft.values.remarks;
      const compact = (text: string) => normalizeTaxId(text) ?? ''; // half-width, no spaces, case folded
      if (tagRemark && pageRemark && compact(pageRemark).length > compact(tagRemark).length && compact(pageRemark).includes(compact(tagRemark))) {
        setField(merged, 'remarks', pageRemark, reading.draft.confidence.remarks ?? 0.9, reading.draft.boxes.remarks);
      }
      for (const [field, box] of Object.entries(reading.draft.boxes)) {
        const key = field as keyof typeof merged.boxes;
        if (!merged.boxes[key] && reading.draft.values[key as keyof typeof reading.draft.values] === merged.values[key as keyof typeof merged.values]) merged.boxes[key] = box;
      }
      results.push({ page: page.page, method: 'ofd', draft: merged, reading });
    } else if (isInvoicePage(reading) && reading.draft.values.invoiceNumber !== documentLevel.values.invoiceNumber) {
      results.push({ page: page.page, method: 'ofd', draft: reading.draft, reading });
    }
  }
  if (results.length === 0 && keyFieldCount(documentLevel) > 0) results.push({ page: 1, method: 'ofd', draft: documentLevel });
  // A 免税/不征税 invoice prints *** for its tax total: when the totals with and without tax are
  // the same figure, the tax is zero.
  for (const { draft } of results) {
    const { amountExclTax, totalAmount, taxAmount } = draft.values;
    if (taxAmount === undefined && amountExclTax !== undefined && amountExclTax === totalAmount) setField(draft, 'taxAmount', '0.00', 0.95);
  }
  // Without structured data every page stands alone: a 销货清单 printing the invoice's code and
  // number joins the invoice, as in PDFs.
  return { results: joinContinuationPages(results), content };
}

function readXmlFile(bytes: Uint8Array): PageResult[] {
  let root;
  try {
    root = parseXml(bytes);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new FileProblem('unreadable', `not well-formed XML (${error.message})`);
    throw error;
  }
  const draft = readInvoiceXml(root);
  if (!draft || keyFieldCount(draft) === 0) throw new FileProblem('not-an-invoice', `XML root <${root.name}> is not an electronic invoice`);
  return [{ page: 1, method: 'xml', draft }];
}

async function readImage(file: string, bytes: Uint8Array, ports: ExtractPorts, options: ExtractOptions & { maxPixels: number }, evidence: EvidencePages): Promise<PageResult[]> {
  const probe = await ports.image.probe(bytes);
  if (!probe) throw new FileProblem('unreadable', 'not a readable PNG, JPEG or WEBP image');
  if (probe.width * probe.height > MAX_IMAGE_PIXELS) throw new FileProblem('too-large', `the image is ${probe.width}×${probe.height} pixels, more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`);
  let image: RasterImage;
  try {
    image = await ports.image.decode(bytes);
  } catch (error) {
    throw new FileProblem('unreadable', `the image cannot be decoded (${error instanceof Error ? error.message : String(error)})`);
  }
  image = uprightImage(image, probe);
  cancelled(options);
  options.onProgress?.({ file, stage: 'ocr', page: 1, pageCount: 1 });
  const capped = capPixels(image, options.maxPixels);
  const hardJpeg = isHardCompressedJpeg(bytes);
  // A camera's full-size photo (CAMERA_PHOTO_PIXELS) is print photographed on paper: its page is read
  // in the grey of coloured ink (raster.ts prepareForOcr inkGrey).
  const cameraPhoto = image.width * image.height >= CAMERA_PHOTO_PIXELS;
  /** The invoice QR code once found at one turn of the picture. */
  const qrFound: QrFound = {};
  const readGeometry = async (turn: QuarterTurn, geometry: PreparedGeometry, texts: OcrPageText[]): Promise<ScanReading> => {
    const page = geometry.image;
    const unturn = unturnPoint(turn, capped.width, capped.height);
    const mapBox = boxToPicture((point) => unturn(geometry.toPicture(point)), image.width / capped.width, image);
    const onOcrText = options.onOcrText && ((text: OcrPageText) => texts.push({ ...text, width: image.width, height: image.height, items: text.items.map((item) => ({ ...item, box: mapBox(item.box) })) }));
    // A JPEG compressed hard has its page smoothed once enlarged (raster.ts smoothGrey).
    const scan = await readScan(ports, page, 1, page.width, page.height, { ...options, ...(onOcrText ? { onOcrText } : {}), ...(hardJpeg ? { smoothBlocks: true } : {}), ...(cameraPhoto ? { inkGrey: true } : {}) }, evidence, mapBox, qrFound);
    if (scan.result) mapBoxes(scan.result.draft.boxes, mapBox);
    return scan;
  };
  /** Whether the whole picture was read once already (at most once: the fallback below). */
  let wholeRead = false;
  /** The page found in the picture as it is, once found (asIsGeometry). */
  let asIsGeometry: PreparedGeometry | undefined;
  // The line probe searched the picture as it is for its page when the picture is small (its reduced copy is the picture): that page is taken.
  // A camera's photo of a sheet may show it curled: its page is levelled band by band (page-geometry.ts levelCurledBands).
  const geometryAt = (turn: QuarterTurn): PreparedGeometry => (turn === 0 ? (asIsGeometry ??= straightenPage(capped, { ...(lines ? { found: lines.pageSearch } : {}), levelCurl: cameraPhoto })) : straightenPage(rotateRaster(capped, turn), { levelCurl: cameraPhoto }));
  const read = async (turn: QuarterTurn): Promise<ScanReading> => {
    const turned = rotateRaster(capped, turn);
    const geometry = geometryAt(turn);
    let texts: OcrPageText[] = [];
    let scan = await readGeometry(turn, geometry, texts);
    // A page found in the picture that reads as no invoice, receipt or contract may be a part of the
    // sheet the page finder took for all of it (a receipt's title block above its rule, the rest in
    // shadow): the picture is read whole, and that reading is kept when it finds an invoice, a
    // receipt or a contract. Once a picture, and only where the page's print reads as surely as
    // print the right way up can (WHOLE_PICTURE_CONFIDENCE): at a wrong turn, or on a picture that
    // is no print at all, the whole picture reads no better, and each turn probed paid a second read.
    // Nor where the page fills the picture but for a thin frame (a screenshot's border): the whole
    // picture shows the same print and reads as the page did.
    // A page that reads as an invoice too weakly (WEAK_INVOICE_STRENGTH) has the whole picture read
    // too: the stronger reading is the picture's, and the other fills what it lacks.
    const weakInvoice = scan.result !== null && invoiceStrength(scan.result.draft) < WEAK_INVOICE_STRENGTH;
    if (!wholeRead && geometry.page && !pageFillsPicture(geometry.page, turned) && (!scan.result || weakInvoice) && scan.textConfidence >= WHOLE_PICTURE_CONFIDENCE && evidence.kindOf(1) !== 'receipt' && evidence.kindOf(1) !== 'contract') {
      wholeRead = true;
      const kept = evidence.entry(1);
      const wholeTexts: OcrPageText[] = [];
      const whole = await readGeometry(turn, straightenPage(turned, { wholePicture: true }), wholeTexts);
      const wholeKind = evidence.kindOf(1);
      if (weakInvoice) {
        if (whole.result && scan.result) {
          const [primary, secondary] = byStrength(scan.result.draft, whole.result.draft) > 0 ? [whole.result, scan.result] : [scan.result, whole.result];
          primary.draft = withSurerIdentity(mergeDrafts(primary.draft, secondary.draft), secondary.draft);
          if (primary.reading) primary.reading.draft = primary.draft;
          if (primary === whole.result) [scan, texts] = [whole, wholeTexts];
        } else if (kept) evidence.restore(kept);
        else evidence.remove(1);
      } else if (whole.result || wholeKind === 'receipt' || wholeKind === 'contract') [scan, texts] = [whole, wholeTexts];
      else if (kept) evidence.restore(kept);
      else evidence.remove(1);
    }
    for (const text of texts) options.onOcrText?.(text);
    return scan;
  };
  // Which way up the print is, from a few text lines read each way (orientation.ts): the page is
  // read once, turned that way. Where the lines cannot tell, or that reading finds no invoice and
  // its print reads unsurely (the guess may be wrong), the turns are probed by reading the page.
  // Lines running across the picture (told without OCR) are upright print or print upside down: the
  // page is read as it is first, and an invoice found there is upright without any more line read;
  // unless its most inked line reads better turned over (lineLooksOver), when the lines are asked
  // first and a picture they find upside down is read turned first, not read as it is in vain.
  const lines = ports.ocr?.recognizeLine ? probeLines(capped) : null;
  // An invoice QR code in the top-left corner of the page found as the picture is (the first place
  // the page's reading looks for it, one decode) says the print is upright, as it does after the
  // reading (uprightByQr): lineLooksOver is not asked whether it looks upside down (the read of its
  // line as it is, handed to the engine before the page was straightened, is left unused). The code
  // is handed to that page's reading, which does not look for it again.
  const qrInTopLeftAsItIs = (): boolean => {
    if (!ports.qr) return false;
    const page = geometryAt(0).image;
    const payload = ports.qr.decode(qrCornerCandidates(page)[0]!.make())?.trim();
    if (!payload || !INVOICE_QR.test(payload)) {
      qrFound.noneTopLeftOf = page;
      return false;
    }
    qrFound.payload = payload;
    qrFound.topLeftOf = page;
    return true;
  };
  /** Each turn's reading once made, with what it left in the evidence (put back when it is taken again), as a new reading would come out. */
  const made = new Map<QuarterTurn, { scan: ScanReading; evidence: EvidencePage | null }>();
  const readTurn = async (turn: QuarterTurn): Promise<ScanReading> => {
    const kept = made.get(turn);
    if (kept) {
      if (kept.evidence) evidence.restore(kept.evidence);
      else evidence.remove(1);
      return kept.scan;
    }
    const scan = await read(turn);
    made.set(turn, { scan, evidence: evidence.entry(1) });
    return scan;
  };
  const readUpright = (): Promise<ScanReading> => readTurn(0);
  let asked: QuarterTurn | null | undefined;
  if (lines?.direction === 'rows') {
    // lineLooksOver's first read is handed to the engine before the page is found and straightened
    // (for its top-left corner's QR code): the engine reads the line meanwhile, on a worker otherwise idle.
    if (ports.ocr) {
      startLineLooksOver(ports.ocr, lines, options.isCancelled);
      await nextTask();
    }
    if (ports.ocr && !qrInTopLeftAsItIs() && await lineLooksOver(ports.ocr, lines, options.isCancelled)) asked = await turnOfLines(ports.ocr, lines, options.isCancelled);
    cancelled(options);
    for (const turn of asked === 180 ? [180, 0] as const : [0] as const) {
      const scan = await readTurn(turn);
      if (scan.result && printedFieldCount(scan.result.draft) >= 2) return [scan.result];
    }
  }
  // A page read as it is whose invoice QR code lies in its top-left corner is upright: no line is read
  // to tell; nor where the page read as it is reads as surely as upright print does (print upside
  // down reads far less surely): it is upright, and its reading stands.
  const uprightByQr = made.get(0)?.scan.uprightByQr === true;
  const readSurelyAsItIs = (made.get(0)?.scan.textConfidence ?? 0) >= UPRIGHT_TEXT_CONFIDENCE;
  const verdict = asked !== undefined ? { turn: asked, decided: true } : uprightByQr || readSurelyAsItIs ? { turn: 0 as const, decided: true } : ports.ocr && lines ? await linesVerdict(ports.ocr, lines, options.isCancelled) : { turn: null, decided: false };
  cancelled(options);
  // A half turn only the lines' sums chose (no line read decidedly better turned over: lines of
  // noise), after the page read as it is found nothing: the reduced copy's half-turn probe (bestTurn)
  // decides before the page is read turned over, as it would after a page read in vain.
  let halfTurnProbed = false;
  if (verdict.turn === 180 && !verdict.decided && made.has(0)) {
    halfTurnProbed = true;
    if ((await bestTurn(ports, capped, [180, 0], options)) !== 180) verdict.turn = 0;
  }
  const guessed = verdict.turn;
  let guessedReading: ScanReading | null = null;
  if (guessed !== null) {
    guessedReading = await readTurn(guessed);
    const { result, textConfidence: guessedConfidence } = guessedReading;
    if (result && printedFieldCount(result.draft) >= 2) return [result];
    if (!result && (evidence.kindOf(1) === 'receipt' || evidence.kindOf(1) === 'contract')) return [];
    if (guessedConfidence >= UPRIGHT_TEXT_CONFIDENCE) return result ? [result] : [];
  }
  const guessedResult = guessedReading?.result ?? null;
  /** The reading with more printed fields, of the one found and the guessed turn's. */
  const richer = (found: PageResult | null): PageResult[] => {
    const best = guessedResult && (!found || printedFieldCount(guessedResult.draft) > printedFieldCount(found.draft)) ? guessedResult : found;
    return best ? [best] : [];
  };
  // Invoices are printed landscape: a portrait picture may be a quarter-turned one (or a contract
  // page, a receipt), read the way its text reads best. A landscape one is read as it is, and turned
  // over only when that finds no invoice and its text does not read with the confidence of upright
  // print (a cropped or masked invoice reads upright and is not probed again).
  // Not where the print's lines run across the picture (told without OCR): a quarter turn would set
  // them down it, and the page found in a portrait photo is a landscape sheet read as it is or turned over.
  if (capped.height > capped.width * PORTRAIT_RATIO && lines?.direction !== 'rows') {
    const turn = await bestTurn(ports, capped, [0, 90, 270], options);
    const { result } = turn === guessed && guessedReading ? guessedReading : await readTurn(turn);
    // An upright receipt or contract page can read as well sideways (each character recognised, the
    // lines running down the page): when the turn read neither an invoice nor other evidence, the
    // picture is read as it is too, and that reading replaces the turned one.
    if (!result && turn !== 0 && evidence.kindOf(1) !== 'receipt' && evidence.kindOf(1) !== 'contract') {
      const { result: upright } = guessed === 0 && guessedReading ? guessedReading : await readUpright();
      return richer(upright);
    }
    return richer(result);
  }
  const { result: upright, textConfidence: uprightConfidence } = guessed === 0 && guessedReading ? guessedReading : await readUpright();
  if (upright && printedFieldCount(upright.draft) >= 2) return [upright];
  // The half turn is probed first: a picture upside down is known at once (the upright reading was unsure).
  // Not where the half turn was the lines' guess and is read already (richer weighs its reading against
  // the upright one), nor where it was probed already.
  if (uprightConfidence < UPRIGHT_TEXT_CONFIDENCE && !uprightByQr && guessed !== 180 && !halfTurnProbed && (await bestTurn(ports, capped, [180, 0], options)) === 180) {
    const { result: turned } = await readTurn(180);
    if (turned && printedFieldCount(turned.draft) > (upright ? printedFieldCount(upright.draft) : 0)) return [turned];
  }
  return richer(upright);
}

/**
 * Mean word confidence (weighted by characters) above which a page's text reads upright: print
 * upside down reads as unsure characters (about 0.4 on the real renders and scans turned over),
 * upright print at about 0.7.
 */
const UPRIGHT_TEXT_CONFIDENCE = 0.55;
/**
 * Text confidence of a page found in a picture from which, reading as no invoice, the whole picture
 * is read too: the shaded taxi receipt's title block reads at about 0.6, an invoice scanned beside
 * two tickets at 0.53; a photo read at a wrong turn at 0.3-0.48.
 */
const WHOLE_PICTURE_CONFIDENCE = 0.5;
/**
 * Strength (invoiceStrength) below which a page found in a picture reads as an invoice too weakly to
 * be the whole of it: the sheet's part that the page finder left out may hold what is missing. On G03
 * (a sheet filling the photo with another sheet's edge above it) the page found cut off the sheet's
 * right side: code and number only, 2; the whole picture read its date, parties and ids as well.
 */
const WEAK_INVOICE_STRENGTH = 3;

/**
 * How much of an invoice a reading vouches for by its own checks: a point for each identity field of
 * a valid form (code, number, date, total), and two for sums that add up with the tax at a VAT rate.
 */
function invoiceStrength(draft: InvoiceDraft): number {
  const sumsAgree = taxedAmountsAddUp(draft) && rateFromAmounts(draft.values.amountExclTax ?? null, draft.values.taxAmount ?? null) !== null;
  return validIdentityFields(draft).size + (sumsAgree ? 2 : 0);
}

/** Orders readings of one invoice strongest first: invoiceStrength, then the most printed fields (0 on a tie). */
/**
 * Two readings of one page (the page found in a picture, the whole picture) that disagree on its
 * number or its code: the one read more surely, unsure. The stronger reading's identity may be its
 * weakest part (G03 of the seventh set: the whole picture's № figure read 18871541 at 0.21, the
 * page's small copy of it 12271541 at 0.5).
 */
export function withSurerIdentity(merged: InvoiceDraft, other: InvoiceDraft): InvoiceDraft {
  for (const field of ['invoiceNumber', 'invoiceCode'] as const) {
    const [value, otherValue] = [merged.values[field], other.values[field]];
    if (value === undefined || otherValue === undefined || value === otherValue) continue;
    const otherConfidence = other.confidence[field] ?? 0;
    if (otherConfidence > (merged.confidence[field] ?? 0)) setField(merged, field, otherValue, Math.min(otherConfidence, DISAGREEING_READINGS_CONFIDENCE), other.boxes[field]);
  }
  return merged;
}

function byStrength(a: InvoiceDraft, b: InvoiceDraft): number {
  return invoiceStrength(b) - invoiceStrength(a) || printedFieldCount(b) - printedFieldCount(a);
}

/**
 * Share of a picture's side within which a found page's edge lies for the page to fill the picture
 * but for a frame: the frame cannot hold a part of the sheet the page finder left out.
 */
const FRAME_SHARE = 0.05;

/** The found page reaches within FRAME_SHARE of every edge of the picture. */
function pageFillsPicture(page: PageQuad, picture: { width: number; height: number }): boolean {
  const xs = page.corners.map(([x]) => x);
  const ys = page.corners.map(([, y]) => y);
  const [frameX, frameY] = [picture.width * FRAME_SHARE, picture.height * FRAME_SHARE];
  return Math.min(...xs) <= frameX && Math.max(...xs) >= picture.width - frameX && Math.min(...ys) <= frameY && Math.max(...ys) >= picture.height - frameY;
}

/** The engine's mean confidence over the characters it read on a page (0 when it read none). */
export function textConfidence(items: readonly { text: string; confidence: number }[]): number {
  let weighted = 0;
  let characters = 0;
  for (const item of items) {
    const count = [...item.text.replace(/\s+/g, '')].length;
    characters += count;
    weighted += count * item.confidence;
  }
  return characters === 0 ? 0 : weighted / characters;
}

/** A scanned page's invoice (null when it holds none) and how confidently its text was read. */
interface ScanReading {
  result: PageResult | null;
  textConfidence: number;
  /**
   * The invoice's QR code was found in the page's top-left corner, where an invoice prints it (both
   * the old and the 数电 layouts): the page was read upright, however unsurely its print read.
   */
  uprightByQr: boolean;
}

/** Fields only the print gives (the QR code, read at any turn, gives number, code, date and an amount). */
function printedFieldCount(draft: InvoiceDraft): number {
  return (['buyerName', 'sellerName', 'buyerTaxId', 'sellerTaxId', 'taxAmount', 'totalInWords'] as const).filter((field) => draft.values[field] !== undefined).length;
}

/** A picture this much taller than wide shows a landscape invoice quarter-turned. */
const PORTRAIT_RATIO = 1.15;
/** Pixels of the reduced copy whose OCR confidence decides a turn. */
const TURN_PROBE_PIXELS = 700_000;

/** Where a point of the turned picture (rotateRaster, clockwise) lies in the picture before the turn. */
function unturnPoint(turn: QuarterTurn, width: number, height: number): PictureMapping {
  if (turn === 90) return ([x, y]) => [y, height - x];
  if (turn === 180) return ([x, y]) => [width - x, height - y];
  if (turn === 270) return ([x, y]) => [width - y, x];
  return (point) => point;
}

/**
 * The turn under which a reduced copy of the picture reads best: the engine's mean word confidence,
 * weighted by the characters read (upside-down or sideways print reads as few, unsure characters).
 * A turn whose print reads surely decides at once, without probing the turns after it.
 */
async function bestTurn(ports: ExtractPorts, image: RasterImage, turns: QuarterTurn[], options: ExtractOptions): Promise<QuarterTurn> {
  if (!ports.ocr) return turns[0]!;
  const probe = prepareForOcr(capPixels(image, TURN_PROBE_PIXELS), { targetWidth: 0, maxPixels: TURN_PROBE_PIXELS, binarize: true });
  let best = turns[0]!;
  let bestScore = -1;
  for (const turn of turns) {
    const result = await ports.ocr.recognize(rotateRaster(probe, turn), { isCancelled: options.isCancelled });
    cancelled(options);
    let weighted = 0;
    let characters = 0;
    for (const word of result.words) {
      const count = [...word.text.replace(/\s+/g, '')].length;
      characters += count;
      weighted += count * (word.confidence > 1 ? word.confidence / 100 : word.confidence);
    }
    if (weighted > bestScore) {
      bestScore = weighted;
      best = turn;
    }
    // Print read this surely, and this much of it, is upright: the other turns cannot read better.
    if (characters >= DECISIVE_TURN_CHARACTERS && weighted / characters >= DECISIVE_TURN_CONFIDENCE) return turn;
  }
  return best;
}

/** Mean confidence over at least so many characters at which a turn probe decides without the others. */
const DECISIVE_TURN_CONFIDENCE = 0.75;
const DECISIVE_TURN_CHARACTERS = 40;

/**
 * Boxes found on the prepared page (found, flattened, enlarged, levelled, reduced) as boxes of the
 * picture the viewer shows: each corner carried back, the box around them, inside the picture.
 */
function boxToPicture(toPicture: PictureMapping, scale: number, picture: { width: number; height: number }): (box: Box) => Box {
  return ([x, y, width, height]) => {
    const corners = ([[x, y], [x + width, y], [x, y + height], [x + width, y + height]] as const).map((corner) => toPicture([corner[0], corner[1]]));
    const xs = corners.map(([cx]) => Math.min(picture.width, Math.max(0, cx * scale)));
    const ys = corners.map(([, cy]) => Math.min(picture.height, Math.max(0, cy * scale)));
    const round = (value: number) => Math.round(value * 10) / 10;
    return [round(Math.min(...xs)), round(Math.min(...ys)), round(Math.max(...xs) - Math.min(...xs)), round(Math.max(...ys) - Math.min(...ys))];
  };
}

/**
 * Decoders turn a photo upright by its EXIF orientation (browsers and Skia do); a decoder that
 * returned the stored pixels of a quarter-turned photo gives them with width and height unswapped,
 * and the turn is applied here.
 */
function uprightImage(image: RasterImage, probe: { width: number; height: number; orientation?: number }): RasterImage {
  const orientation = probe.orientation ?? 1;
  const quarterTurn = orientation >= 5;
  if (quarterTurn && image.width === probe.width && image.height === probe.height && probe.width !== probe.height) return applyExifOrientation(image, orientation);
  return image;
}

/**
 * The invoice QR code once found on a picture (at one turn, or on one page found in it: the same
 * code), and the page whose top-left corner held it, if it was found there before that page was read.
 */
interface QrFound {
  payload?: string;
  topLeftOf?: RasterImage;
  /** A page whose top-left corner was looked at already and held no code: it is not looked at again. */
  noneTopLeftOf?: RasterImage;
}

/** A scanned page (an image file, or an OFD page that is one image): OCR, then its QR code. */
async function readScan(ports: ExtractPorts, image: RasterImage, page: number, pageWidth: number, pageHeight: number, options: ExtractOptions & { maxPixels: number; smoothBlocks?: boolean; inkGrey?: boolean }, evidence: EvidencePages, mapBox?: (box: Box) => Box, qrFound?: QrFound): Promise<ScanReading> {
  // The QR code's first places, once looked at, are handed to the page reading (qrFirst): a code that
  // settles the identity spares the header's second read.
  let settleQrFirst: (payload: string | undefined) => void = () => undefined;
  const qrFirst = new Promise<string | undefined>((resolve) => {
    settleQrFirst = resolve;
  });
  if (!ports.qr || qrFound?.payload !== undefined) settleQrFirst(qrFound?.payload);
  const reading = ocrPage(ports, capPixels(image, options.maxPixels), page, pageWidth, pageHeight, { ...options, qrFirst });
  // A reading that fails (a cancel, an engine error) while the QR code is still being looked for is
  // handled: it is awaited below, and until then its rejection is not an unhandled one.
  reading.catch(() => undefined);
  // The QR code is looked for while the engine reads the page in its own thread (the page's job is
  // handed to it first); the code is taken only where the page is no receipt or contract. A code
  // found on the picture at another turn (qrFound) is the same code: it is not looked for again.
  // The retries for small pictures wait for the reading: a reading whose identity, date and sums
  // are whole and agree takes nothing from a code (it would only vouch for them), and is not retried.
  let payload = qrFound?.payload;
  let qrTopLeft = payload !== undefined && qrFound?.topLeftOf === image;
  if (ports.qr && payload === undefined) {
    try {
      await nextTask();
      const found = await findQr(ports, image, qrFound?.noneTopLeftOf === image ? 'first-but-top-left' : 'first');
      payload = found?.payload;
      qrTopLeft = found?.topLeft === true;
    } catch (error) {
      settleQrFirst(undefined);
      await reading.catch(() => undefined);
      throw error;
    }
  }
  settleQrFirst(payload);
  const read = await reading;
  if (ports.qr && payload === undefined && !readsWhole(read)) {
    const found = await findQr(ports, image, 'retries');
    payload = found?.payload;
    qrTopLeft = found?.topLeft === true;
  }
  if (qrFound && payload !== undefined) qrFound.payload = payload;
  const confidence = textConfidence(read.positioned.items);
  const kind = hasInvoiceNumber(read) ? 'other' : evidence.add(read.positioned, 'ocr', mapBox);
  if (payload && kind === 'other') fillFromQr(read, payload);
  const uprightByQr = payload !== undefined && qrTopLeft && kind === 'other';
  if (!isInvoicePage(read) || kind !== 'other') return { result: null, textConfidence: confidence, uprightByQr };
  evidence.remove(page);
  return { result: { page, method: 'ocr', draft: read.draft, reading: read }, textConfidence: confidence, uprightByQr };
}

/**
 * A reading that takes nothing from the invoice's QR code: a valid identity (number, and code where the
 * layout has one), an issue date, and amount + tax = total (fillFromQr fills only missing or impossible
 * identity fields, and replaces no amount of sums that add up).
 */
function readsWhole(reading: LayoutReading): boolean {
  return hasValidIdentity(reading.draft, pageTextOf(reading)) && reading.draft.values.issueDate !== undefined && taxedAmountsAddUp(reading.draft);
}

/** Timers of every host the core runs in (Node, browsers, workers); the core's ES-only type library does not name them. */
declare const setTimeout: (callback: () => void, milliseconds: number) => unknown;

/** Resolves once the work already queued (an OCR job being handed to its worker) has run. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * On OCR pages the QR code is the more reliable reading of the invoice's identity: it supplies the
 * number, code and date where OCR found none or read one of an impossible form. The payload is
 * kept, so the qr-matches check still reports every remaining disagreement. A printed value the
 * code repeats is confirmed; on OCR readings the code's amount confirms or supplies a figure.
 */
export function fillFromQr(reading: LayoutReading, payload: string, options: { ocrAmounts: boolean } = { ocrAmounts: true }): void {
  const draft = reading.draft;
  draft.qrPayload = payload;
  const qr = parseInvoiceQr(payload);
  if (!qr) return;
  const number = draft.values.invoiceNumber;
  const numberPlausible = number !== undefined && (/^\d{20}$/.test(number) ? qr.invoiceCode === null : /^\d{8}$/.test(number));
  if (!numberPlausible) {
    setField(draft, 'invoiceNumber', qr.invoiceNumber, QR_CONFIDENCE);
    if (qr.invoiceCode === null) delete draft.values.invoiceCode;
  }
  const numberMisread = numberPlausible && number !== qr.invoiceNumber && (draft.confidence.invoiceNumber ?? 0) < OCR_SURE_NUMBER && placesApart(number, qr.invoiceNumber) <= MISREAD_NUMBER_DIGITS;
  if (numberMisread) {
    // A number read unsurely a digit or two off the code's: the print misread. A sure reading that
    // differs stays, for the qr-matches check to report.
    setField(draft, 'invoiceNumber', qr.invoiceNumber, QR_OVER_UNSURE_PRINT_CONFIDENCE, draft.boxes.invoiceNumber);
  }
  const code = draft.values.invoiceCode;
  if (qr.invoiceCode !== null && (code === undefined || !isInvoiceCodeForm(code))) setField(draft, 'invoiceCode', qr.invoiceCode, QR_CONFIDENCE);
  if (qr.issueDate !== null && draft.values.issueDate === undefined) setField(draft, 'issueDate', qr.issueDate, QR_CONFIDENCE);
  // A date read unsurely a figure or two off the code's ("2025-04-23" for 2025-09-23 in a small render), as the number.
  const date = draft.values.issueDate;
  const dateMisread = qr.issueDate !== null && date !== undefined && date !== qr.issueDate && (draft.confidence.issueDate ?? 0) < OCR_SURE_NUMBER && date.length === qr.issueDate.length && placesApart(date, qr.issueDate) <= MISREAD_NUMBER_DIGITS;
  if (dateMisread) setField(draft, 'issueDate', qr.issueDate!, QR_OVER_UNSURE_PRINT_CONFIDENCE, draft.boxes.issueDate);
  for (const field of ['invoiceNumber', 'invoiceCode', 'issueDate'] as const) {
    if ((field === 'invoiceNumber' && numberMisread) || (field === 'issueDate' && dateMisread)) continue;
    const printed = draft.values[field];
    const encoded = field === 'invoiceNumber' ? qr.invoiceNumber : field === 'invoiceCode' ? qr.invoiceCode : qr.issueDate;
    if (printed !== undefined && printed === encoded) draft.confidence[field] = Math.max(draft.confidence[field] ?? 0, QR_CONFIDENCE);
  }
  if (options.ocrAmounts) reconcileWithQrAmount(draft, qr, reading.lines, reading.rawTotalInWords);
}

const QR_CONFIDENCE = 0.95;
/** Below this confidence an OCR reading of the number or the date does not stand against the QR code's. */
const OCR_SURE_NUMBER = 0.8;
/** Figures in which an unsure reading of the number or the date may differ from the QR code's to be its misreading. */
const MISREAD_NUMBER_DIGITS = 2;
/** Confidence of the QR code's number or date taken over an unsure printed reading that differs (the print was not read to confirm it). */
const QR_OVER_UNSURE_PRINT_CONFIDENCE = 0.7;

function toInvoice(result: PageResult): ExtractedInvoice {
  const fields = toFields(result.draft);
  return {
    page: result.page,
    method: result.method,
    fields,
    confidence: { ...result.draft.confidence },
    boxes: { ...result.draft.boxes },
    checks: checkInvoice(fields, result.draft.qrPayload, result.draft.kind),
    ...(result.draft.kind ? { kind: result.draft.kind } : {}),
  };
}

/**
 * Extracts the invoices of one file, and the contracts and bank receipts on its other pages. Never
 * throws for bad input: problems are listed in `errors` (codes: unreadable, encrypted, not-an-invoice
 * when no page holds an invoice, contract or receipt, unsupported-type, too-large, ocr-unavailable).
 * Throws ExtractionCancelledError when options.isCancelled() turns true.
 */
export async function extractFile(input: { path: string; bytes: Uint8Array }, ports: ExtractPorts, options: ExtractOptions = {}): Promise<FileExtraction> {
  const settings = { ...DEFAULTS, ...options };
  const { path, bytes } = input;
  options.onProgress?.({ file: path, stage: 'hashing' });
  const extraction: FileExtraction = { file: path, sha256: await ports.hasher.sha256(bytes), invoices: [], contracts: [], payments: [], errors: [] };
  const evidence = new EvidencePages();
  try {
    options.onProgress?.({ file: path, stage: 'reading' });
    if (bytes.length === 0) throw new FileProblem('unreadable', 'the file is empty');
    const kind = sniffFileKind(path, bytes);
    let results: PageResult[];
    const resumed = new Map(options.readPages?.sha256 === extraction.sha256 ? options.readPages.pages.map((outcome) => [outcome.page, outcome]) : []);
    if (kind === 'pdf') results = await readPdf(path, bytes, ports, settings, evidence, resumed);
    else if (kind === 'ofd') {
      const read = readOfdFile(bytes);
      results = read.results.length === 0 && read.content.pageImages.length > 0 ? await readOfdScans(path, bytes, read.content, ports, settings, evidence, resumed) : read.results;
      if (read.content.pageImages.length === 0) {
        const invoicePages = new Set(results.map((result) => result.page));
        for (const page of read.content.pages) if (!invoicePages.has(page.page)) evidence.add(page, 'ofd');
      }
    }
    else if (kind === 'xml') results = readXmlFile(bytes);
    else if (kind === 'image') {
      // A picture is one page: read whole, or taken as an interrupted reading of the same bytes left it.
      const { result } = await readOrResumePage(1, resumed, settings, evidence, async (pageOptions, outcome) => {
        outcome.ocr = true;
        return (await readImage(path, bytes, ports, pageOptions, evidence))[0] ?? null;
      });
      results = result ? [result] : [];
    }
    else {
      const content = sniffContent(bytes);
      throw new FileProblem('unsupported-type', `not a PDF, OFD, XML, PNG, JPEG or WEBP file (content: ${describeContent(content)})${howToImport(content)}`);
    }
    extraction.contracts = evidence.contracts();
    extraction.payments = evidence.payments();
    if (results.length === 0 && extraction.contracts.length === 0 && extraction.payments.length === 0) {
      throw new FileProblem('not-an-invoice', 'no invoice found (no invoice number or totals on any page)');
    }
    extraction.invoices = results.map(toInvoice);
  } catch (error) {
    if (isCancellation(error, options.isCancelled)) throw error instanceof ExtractionCancelledError ? error : new ExtractionCancelledError();
    if (error instanceof FileProblem) extraction.errors.push({ code: error.code, message: `${path}: ${error.message}` });
    else extraction.errors.push({ code: 'unreadable', message: `${path}: ${error instanceof Error ? error.message : String(error)}` });
  }
  markDuplicates([extraction]);
  options.onProgress?.({ file: path, stage: 'done' });
  return extraction;
}

/**
 * Extracts several files (up to `concurrency` at a time, default 1, so that every OCR worker has a
 * page to read) and marks invoices that occur more than once in the input. Results keep input order.
 */
export async function extractFiles(inputs: { path: string; bytes: Uint8Array }[], ports: ExtractPorts, options: ExtractOptions & { concurrency?: number } = {}): Promise<FileExtraction[]> {
  const results: FileExtraction[] = new Array<FileExtraction>(inputs.length);
  let next = 0;
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, inputs.length));
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await extractFile(inputs[index]!, ports, options);
    }
  }));
  markDuplicates(results);
  return results;
}

/** Adds (or replaces) the `duplicate-in-input` check of every invoice in these files. */
export function markDuplicates(files: FileExtraction[]): void {
  const seen = new Map<string, { file: string; page: number }[]>();
  for (const file of files) {
    for (const invoice of file.invoices) {
      const key = invoiceKey(invoice.fields.invoiceCode, invoice.fields.invoiceNumber);
      if (!key) continue;
      seen.set(key, [...(seen.get(key) ?? []), { file: file.file, page: invoice.page }]);
    }
  }
  for (const file of files) {
    for (const invoice of file.invoices) {
      invoice.checks = invoice.checks.filter((check) => check.id !== 'duplicate-in-input');
      const key = invoiceKey(invoice.fields.invoiceCode, invoice.fields.invoiceNumber);
      if (!key) continue;
      const others = (seen.get(key) ?? []).filter((o) => !(o.file === file.file && o.page === invoice.page));
      const check: CheckOutcome = others.length === 0
        ? { id: 'duplicate-in-input', ok: true, message: 'this invoice occurs once in the input', messageZh: '该发票在本次材料中只出现一次', severity: 'info' }
        : {
          id: 'duplicate-in-input', ok: false, severity: 'error',
          message: `the same invoice also appears in ${others.map((o) => `${o.file} p.${o.page}`).join(', ')}`,
          messageZh: `同一张发票还出现在 ${others.map((o) => `${o.file} 第 ${o.page} 页`).join('、')}`,
        };
      invoice.checks.push(check);
    }
  }
}
