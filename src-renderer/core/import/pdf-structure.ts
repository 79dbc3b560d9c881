// PDF structure checks done on the bytes, before any PDF library sees the file: header, the
// cross-reference pointer and end marker (truncation), encryption, embedded font programs whose
// bytes are not a font of their declared kind, and active content. Nothing here executes the file.
import { Inflate } from 'fflate';
import { pdfHeaderOffset } from './sniff';
import { decodeBytesAsLatin1 } from './text-decoding';

export interface PdfStructure {
  version: string;
  encrypted: boolean;
  /** Embedded fonts whose program is not what the descriptor says it is. */
  invalidFonts: { object: string; kind: string; reason: string }[];
  activeContent: string[];
}

export type PdfStructureResult =
  | { ok: true; structure: PdfStructure }
  | { ok: false; code: 'pdf-truncated' | 'pdf-corrupt'; reason: string };

/** Font programs are inflated to check their first bytes; never further than this. */
const FONT_INFLATE_LIMIT = 16 * 1024 * 1024;
const FONT_SAMPLE_BYTES = 8;
const TAIL_WINDOW = 64 * 1024;
const MAX_FONTS_CHECKED = 64;

export function inspectPdf(bytes: Uint8Array): PdfStructureResult {
  const header = pdfHeaderOffset(bytes);
  if (header < 0) return { ok: false, code: 'pdf-corrupt', reason: 'it has no %PDF- header' };
  const text = decodeBytesAsLatin1(bytes);
  const version = /^%PDF-(\d\.\d)/.exec(text.slice(header, header + 16))?.[1];
  if (!version) return { ok: false, code: 'pdf-corrupt', reason: 'its %PDF- header carries no version number' };
  // Writers and transfers sometimes pad after %%EOF (NULs, blanks); the end marker is looked for
  // before that padding, within the last 64 KB.
  let end = text.length;
  while (end > 0 && /[\s\0]/.test(text[end - 1]!)) end--;
  const tail = text.slice(Math.max(0, end - TAIL_WINDOW), end);
  if (!tail.includes('%%EOF')) {
    return { ok: false, code: 'pdf-truncated', reason: 'it is cut off: the %%EOF end marker is missing (incomplete download or copy)' };
  }
  const startxref = lastMatch(/startxref\s+(\d+)\s+%%EOF/g, tail) ?? lastMatch(/startxref\s+(\d+)/g, text);
  if (!startxref) return { ok: false, code: 'pdf-truncated', reason: 'it has no startxref pointer to its cross-reference table' };
  const xrefOffset = Number(startxref[1]) + header;
  if (!Number.isSafeInteger(xrefOffset) || xrefOffset >= bytes.length) {
    return { ok: false, code: 'pdf-truncated', reason: 'its cross-reference pointer points past the end of the file (truncated)' };
  }
  const atXref = text.slice(xrefOffset, xrefOffset + 32);
  const atXrefUnshifted = text.slice(xrefOffset - header, xrefOffset - header + 32);
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(atXref) && !/^\s*(xref|\d+\s+\d+\s+obj)/.test(atXrefUnshifted)) {
    return { ok: false, code: 'pdf-corrupt', reason: 'its cross-reference pointer does not lead to a cross-reference table' };
  }
  if (!/\d+\s+\d+\s+obj\b/.test(text)) return { ok: false, code: 'pdf-corrupt', reason: 'it contains no PDF objects' };
  return {
    ok: true,
    structure: {
      version,
      encrypted: /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(text),
      invalidFonts: findInvalidFonts(bytes, text),
      activeContent: findActiveContent(text),
    },
  };
}

function lastMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match;
  return last;
}

function findActiveContent(text: string): string[] {
  const found: string[] = [];
  if (/\/(JavaScript|JS)\b/.test(text)) found.push('JavaScript');
  if (/\/Launch\b/.test(text)) found.push('a launch action');
  if (/\/EmbeddedFile\b/.test(text)) found.push('embedded files');
  return found;
}

interface StreamObject { dictionary: string; data: Uint8Array }

function findStreamObject(bytes: Uint8Array, text: string, object: number, generation: number): StreamObject | null {
  const pattern = new RegExp(`(?:^|[^0-9])${object}\\s+${generation}\\s+obj\\b`, 'g');
  const head = lastMatch(pattern, text);
  if (!head) return null;
  const dictionaryStart = head.index + head[0].length;
  const streamKeyword = text.indexOf('stream', dictionaryStart);
  const endObject = text.indexOf('endobj', dictionaryStart);
  if (streamKeyword < 0 || (endObject >= 0 && endObject < streamKeyword)) return null;
  const dictionary = text.slice(dictionaryStart, streamKeyword);
  let dataStart = streamKeyword + 'stream'.length;
  if (text[dataStart] === '\r') dataStart++;
  if (text[dataStart] === '\n') dataStart++;
  const directLength = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  let dataEnd = directLength ? dataStart + Number(directLength[1]) : text.indexOf('endstream', dataStart);
  if (dataEnd < dataStart || dataEnd > bytes.length) dataEnd = text.indexOf('endstream', dataStart);
  if (dataEnd < 0) return null;
  return { dictionary, data: bytes.subarray(dataStart, dataEnd) };
}

function inflateHead(data: Uint8Array): Uint8Array | null {
  // zlib wrapper (2 bytes) around raw deflate; only the first bytes of the program are needed.
  if (data.length < 2) return null;
  const chunks: Uint8Array[] = [];
  let produced = 0;
  try {
    const inflater = new Inflate((chunk) => {
      produced += chunk.length;
      chunks.push(chunk);
      if (produced > FONT_INFLATE_LIMIT) throw new RangeError('font program too large');
    });
    const body = data.subarray(2);
    for (let offset = 0; offset < body.length && produced < FONT_SAMPLE_BYTES; offset += 16 * 1024) {
      inflater.push(body.subarray(offset, offset + 16 * 1024), offset + 16 * 1024 >= body.length);
    }
  } catch {
    if (produced < FONT_SAMPLE_BYTES) return null;
  }
  const out = new Uint8Array(Math.min(produced, FONT_SAMPLE_BYTES));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= out.length) break;
    const part = chunk.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function fontProgramProblem(kind: string, subtype: string | undefined, head: Uint8Array): string | null {
  const trueType = (head[0] === 0 && head[1] === 1 && head[2] === 0 && head[3] === 0) || startsWithAscii(head, 'true') || startsWithAscii(head, 'ttcf');
  const openType = startsWithAscii(head, 'OTTO') || trueType;
  if (kind === 'FontFile2') return trueType ? null : 'it is declared a TrueType font program but does not start like one';
  if (kind === 'FontFile') {
    return startsWithAscii(head, '%!') || head[0] === 0x80 ? null : 'it is declared a Type 1 font program but does not start like one';
  }
  if (subtype === 'OpenType') return openType ? null : 'it is declared an OpenType font program but does not start like one';
  // CFF (Type1C, CIDFontType0C): major version 1, header size 4, offset size 1..4.
  const cff = head[0] === 1 && head[2]! >= 4 && head[3]! >= 1 && head[3]! <= 4;
  return cff || openType ? null : 'it is declared a compact (CFF) font program but does not start like one';
}

function findInvalidFonts(bytes: Uint8Array, text: string): PdfStructure['invalidFonts'] {
  const invalid: PdfStructure['invalidFonts'] = [];
  const seen = new Set<string>();
  const references = /\/(FontFile[23]?)\s+(\d+)\s+(\d+)\s+R/g;
  for (let match = references.exec(text); match; match = references.exec(text)) {
    const kind = match[1]!;
    const object = `${match[2]} ${match[3]}`;
    if (seen.has(object)) continue;
    // Each lookup scans the file; a crafted PDF with thousands of font references must not turn
    // the check itself into the denial of service.
    if (seen.size >= MAX_FONTS_CHECKED) break;
    seen.add(object);
    const stream = findStreamObject(bytes, text, Number(match[2]), Number(match[3]));
    if (!stream) continue;
    const filter = /\/Filter\s*\[?\s*\/(\w+)/.exec(stream.dictionary)?.[1];
    const subtype = /\/Subtype\s*\/(\w+)/.exec(stream.dictionary)?.[1];
    let head: Uint8Array | null;
    if (!filter) head = stream.data.subarray(0, FONT_SAMPLE_BYTES);
    else if (filter === 'FlateDecode') head = inflateHead(stream.data);
    else continue;
    if (!head || head.length < 4) {
      invalid.push({ object, kind, reason: 'its compressed data cannot be inflated' });
      continue;
    }
    const reason = fontProgramProblem(kind, subtype, head);
    if (reason) invalid.push({ object, kind, reason });
  }
  return invalid;
}
