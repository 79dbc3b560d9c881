// Reads what the pre-review needs of one file, through the extraction ports: the text layer of a
// PDF's pages (OCR for the first pages of a scan), an image by OCR, an OFD's page text, the text of
// an XML, the rows of a csv / xlsx list. Never throws for bad input: the reason goes to `error`.

import type { ImageDecoder, OcrEngine, PdfReader, RasterImage } from '../ports';
import { parseCsv } from '../import/csv';
import { sniffContent, typeFromExtension } from '../import/sniff';
import type { SpreadsheetReader } from '../import/claims';
import { decodeText } from '../import/text-decoding';
import { readOfd } from '../extract/ofd';
import { ExtractionCancelledError, isCancellation } from '../extract/pipeline';
import { capPixels, prepareForOcr } from '../extract/raster';
import type { DocumentReading } from './classify';

export interface PrereviewPorts {
  pdf: PdfReader;
  image: ImageDecoder;
  /** Without OCR, scans are read as empty and reported so. */
  ocr?: OcrEngine;
  spreadsheet?: SpreadsheetReader;
}

export interface PrereviewReadOptions {
  /** Pages of a scan sent to OCR (default 2: titles, stamps and key phrases are on the first pages). */
  ocrPages?: number;
  /** Text-layer pages read (default 40, enough to count a plan's characters). */
  textPages?: number;
  /** OCR raster resolution (default 150 DPI: titles and body text, not invoice fine print). */
  ocrDpi?: number;
  isCancelled?: () => boolean;
}

const MIN_TEXT_CHARS = 20;
const MAX_OCR_PIXELS = 8_000_000;

/** Seal ink dropped, small scans enlarged to about an A4 page at 150 DPI, binarised. */
function forOcr(image: RasterImage): RasterImage {
  return prepareForOcr(capPixels(image, MAX_OCR_PIXELS), { targetWidth: 1240, maxPixels: MAX_OCR_PIXELS, binarize: true });
}

function tableText(rows: string[][]): string {
  return rows.map((row) => row.join(' ')).join('\n');
}

async function ocrText(ocr: OcrEngine, image: Parameters<OcrEngine['recognize']>[0], options: PrereviewReadOptions): Promise<string> {
  const result = await ocr.recognize(image, options.isCancelled ? { isCancelled: options.isCancelled } : {});
  return result.text;
}

async function readPdf(reading: DocumentReading, bytes: Uint8Array, ports: PrereviewPorts, options: Required<Omit<PrereviewReadOptions, 'isCancelled'>> & PrereviewReadOptions): Promise<void> {
  const document = await ports.pdf.open(bytes);
  try {
    if (document.encrypted) {
      reading.error = 'the PDF is encrypted';
      return;
    }
    reading.pageCount = document.pageCount;
    let ocrDone = 0;
    for (let page = 1; page <= Math.min(document.pageCount, options.textPages); page++) {
      const text = (await document.pageText(page)).items.map((item) => item.str).join(' ');
      if (text.replace(/\s+/g, '').length >= MIN_TEXT_CHARS) {
        reading.pages.push({ page, text, method: 'text' });
        continue;
      }
      if (!ports.ocr || ocrDone >= options.ocrPages) break;
      const raster = await document.renderPage(page, { dpi: options.ocrDpi, maxPixels: MAX_OCR_PIXELS });
      reading.pages.push({ page, text: await ocrText(ports.ocr, forOcr(raster), options), method: 'ocr' });
      ocrDone++;
    }
    if (reading.pages.length === 0 && !ports.ocr) reading.error = 'a scan without a text layer, and no OCR engine';
  } finally {
    await document.close();
  }
}

/** The file's type by its content first (pdf, png, jpg), its name where the content is a container or text. */
export function prereviewFileType(path: string, bytes: Uint8Array): string {
  const content = sniffContent(bytes);
  if (content === 'pdf' || content === 'png' || content === 'jpg' || content === 'webp') return content;
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  const named = typeFromExtension(extension);
  if (content === 'zip') return named === 'xlsx' ? 'xlsx' : 'ofd';
  if (content === 'text') return named === 'csv' || named === 'xml' ? named : 'text';
  return named ?? content;
}

/** Reads one file for the pre-review. `type` is the sniffed file type (pdf, ofd, xml, jpg, png, csv, xlsx). */
export async function readForPrereview(file: { path: string; bytes: Uint8Array; type: string }, ports: PrereviewPorts, options: PrereviewReadOptions = {}): Promise<DocumentReading> {
  const settings = { ocrPages: 2, textPages: 40, ocrDpi: 150, ...options };
  const reading: DocumentReading = { file: file.path, type: file.type, size: file.bytes.length, pageCount: 1, pages: [], table: null, error: null };
  try {
    switch (file.type) {
      case 'pdf':
        await readPdf(reading, file.bytes, ports, settings);
        break;
      case 'jpg': case 'jpeg': case 'png': case 'webp': {
        if (!ports.ocr) { reading.error = 'an image, and no OCR engine'; break; }
        const image = await ports.image.decode(file.bytes);
        reading.pages.push({ page: 1, text: await ocrText(ports.ocr, forOcr(image), settings), method: 'ocr' });
        break;
      }
      case 'ofd': {
        const content = readOfd(file.bytes);
        reading.pageCount = Math.max(1, content.pages.length);
        content.pages.slice(0, settings.textPages).forEach((page, index) => {
          reading.pages.push({ page: index + 1, text: page.items.map((item) => item.text).join(' '), method: 'text' });
        });
        break;
      }
      case 'xml':
        reading.pages.push({ page: 1, text: decodeText(file.bytes).text, method: 'xml' });
        break;
      case 'csv': {
        const rows = parseCsv(file.bytes).rows;
        reading.table = rows;
        reading.pages.push({ page: 1, text: tableText(rows), method: 'table' });
        break;
      }
      case 'xlsx': {
        if (!ports.spreadsheet) { reading.error = 'no spreadsheet reader'; break; }
        const sheets = await ports.spreadsheet(file.bytes);
        const largest = [...sheets].sort((a, b) => b.rows.length - a.rows.length)[0];
        reading.table = largest?.rows ?? [];
        reading.pages.push({ page: 1, text: sheets.map((sheet) => `${sheet.name}\n${tableText(sheet.rows)}`).join('\n'), method: 'table' });
        break;
      }
      default:
        reading.error = `a ${file.type} file is not read for the pre-review`;
    }
  } catch (error) {
    // A cancelled reading is not a file that could not be read: the caller learns it was cancelled.
    if (isCancellation(error, options.isCancelled)) throw error instanceof ExtractionCancelledError ? error : new ExtractionCancelledError();
    reading.error = error instanceof Error ? error.message : String(error);
  }
  return reading;
}
