// PDF structure checks done on the bytes, before any PDF library sees the file: header, the
// cross-reference pointer and end marker (truncation), encryption, embedded font programs whose
// bytes are not a font of their declared kind, and active content. Font descriptors and active
// content inside compressed object streams (PDF 1.5 /ObjStm) are found by inflating those streams
// under PDF_INFLATE_LIMITS. Nothing here executes the file.
import { Inflate } from 'fflate';
import { formatBytes, PDF_INFLATE_LIMITS, type PdfInflateLimits } from './limits';
import { pdfHeaderOffset } from './sniff';
import { decodeBytesAsLatin1 } from './text-decoding';

export interface PdfStructure {
  version: string;
  encrypted: boolean;
  /** Embedded fonts whose program is not what the descriptor says it is. */
  invalidFonts: InvalidFont[];
  /** How many embedded font programs were checked, those described in object streams included. */
  fontsChecked: number;
  /** Compressed object streams that were not inflated (over the limits, damaged): what they describe was not checked. */
  uninspectedObjectStreams: { object: string; reason: string }[];
  activeContent: string[];
}

export interface InvalidFont {
  /** The font program's stream object, "7 0". */
  object: string;
  kind: string;
  reason: string;
  /** The descriptor's /FontName, when it has one. */
  fontName?: string;
  /** The compressed object stream ("12 0") the font descriptor sits in, when it is not a top-level object. */
  inObjectStream?: string;
}

export type PdfStructureResult =
  | { ok: true; structure: PdfStructure }
  | { ok: false; code: 'pdf-truncated' | 'pdf-corrupt'; reason: string };

/** Font programs are inflated to check their first bytes; never further than this. */
const FONT_INFLATE_LIMIT = 16 * 1024 * 1024;
const FONT_SAMPLE_BYTES = 8;
const TAIL_WINDOW = 64 * 1024;
const MAX_FONTS_CHECKED = 64;

export function inspectPdf(bytes: Uint8Array, inflateLimits: PdfInflateLimits = PDF_INFLATE_LIMITS): PdfStructureResult {
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
  const compressed = readObjectStreams(bytes, text, inflateLimits);
  const compressedText = compressed.streams.flatMap((stream) => stream.objects.map((object) => object.text)).join('\n');
  const fonts = checkFonts(bytes, text, compressed.streams);
  return {
    ok: true,
    structure: {
      version,
      encrypted: /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(text),
      invalidFonts: fonts.invalid,
      fontsChecked: fonts.checked,
      uninspectedObjectStreams: compressed.uninspected,
      activeContent: findActiveContent(compressedText ? `${text}\n${compressedText}` : text),
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
  return streamAt(bytes, text, head.index + head[0].length);
}

/** The dictionary and raw data of the stream object whose dictionary starts at dictionaryStart. */
function streamAt(bytes: Uint8Array, text: string, dictionaryStart: number): StreamObject | null {
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

interface FontReference {
  kind: string;
  generation: string;
  objectNumber: string;
  fontName?: string;
  inObjectStream?: string;
}

const FONT_FILE_REFERENCE = /\/(FontFile[23]?)\s+(\d+)\s+(\d+)\s+R/g;

/** A PDF name with its #xx escapes decoded (/Evil#20Font → "Evil Font"). */
function pdfName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function fontNameIn(dictionaryText: string): string | undefined {
  const raw = /\/FontName\s*\/([^\s/<>[\]()%{}]+)/.exec(dictionaryText)?.[1];
  return raw === undefined ? undefined : pdfName(raw);
}

function referencesIn(objectText: string, windowOf: (index: number) => string, inObjectStream?: string): FontReference[] {
  const found: FontReference[] = [];
  const pattern = new RegExp(FONT_FILE_REFERENCE.source, 'g');
  for (let match = pattern.exec(objectText); match; match = pattern.exec(objectText)) {
    const reference: FontReference = { kind: match[1]!, objectNumber: match[2]!, generation: match[3]! };
    const fontName = fontNameIn(windowOf(match.index));
    if (fontName !== undefined) reference.fontName = fontName;
    if (inObjectStream) reference.inObjectStream = inObjectStream;
    found.push(reference);
    if (found.length > MAX_FONTS_CHECKED) break;
  }
  return found;
}

/** The top-level object around a position: from the previous "obj" keyword to the next "endobj". */
function topLevelWindow(text: string, index: number): string {
  const start = Math.max(0, text.lastIndexOf('obj', index), index - 4096);
  const endObject = text.indexOf('endobj', index);
  const end = endObject < 0 ? Math.min(text.length, index + 4096) : Math.min(endObject, index + 4096);
  return text.slice(start, end);
}

function checkFonts(bytes: Uint8Array, text: string, objectStreams: ObjectStreamContent[]): { invalid: InvalidFont[]; checked: number } {
  const invalid: InvalidFont[] = [];
  let checked = 0;
  const seen = new Set<string>();
  const references = [
    ...referencesIn(text, (index) => topLevelWindow(text, index)),
    ...objectStreams.flatMap((stream) => stream.objects.flatMap((object) => referencesIn(object.text, () => object.text, stream.object))),
  ];
  for (const reference of references) {
    const { kind } = reference;
    const object = `${reference.objectNumber} ${reference.generation}`;
    if (seen.has(object)) continue;
    // Each lookup scans the file; a crafted PDF with thousands of font references must not turn
    // the check itself into the denial of service.
    if (seen.size >= MAX_FONTS_CHECKED) break;
    seen.add(object);
    // Streams are never inside object streams: the font program is a top-level object.
    const stream = findStreamObject(bytes, text, Number(reference.objectNumber), Number(reference.generation));
    if (!stream) continue;
    const filter = /\/Filter\s*\[?\s*\/(\w+)/.exec(stream.dictionary)?.[1];
    const subtype = /\/Subtype\s*\/(\w+)/.exec(stream.dictionary)?.[1];
    let head: Uint8Array | null;
    if (!filter) head = stream.data.subarray(0, FONT_SAMPLE_BYTES);
    else if (filter === 'FlateDecode') head = inflateHead(stream.data);
    else continue;
    checked++;
    const describe = (reason: string): InvalidFont => {
      const font: InvalidFont = { object, kind, reason };
      if (reference.fontName !== undefined) font.fontName = reference.fontName;
      if (reference.inObjectStream) font.inObjectStream = reference.inObjectStream;
      return font;
    };
    if (!head || head.length < 4) {
      invalid.push(describe('its compressed data cannot be inflated'));
      continue;
    }
    const reason = fontProgramProblem(kind, subtype, head);
    if (reason) invalid.push(describe(reason));
  }
  return { invalid, checked };
}

// ---- compressed object streams (PDF 1.5 /ObjStm) ---------------------------------------------------

interface ObjectStreamContent {
  /** The object stream itself, "12 0". */
  object: string;
  /** The objects it holds, each as Latin-1 text ("5 0" or, when the header is unreadable, the whole stream). */
  objects: { object: string; text: string }[];
}

interface ObjectStreams {
  streams: ObjectStreamContent[];
  uninspected: PdfStructure['uninspectedObjectStreams'];
}

class InflateStop extends Error {}

/**
 * Inflates zlib data chunk by chunk, stopping as soon as the output passes `cap` or the ratio
 * limit (once past the floor): the limits hold on what is actually produced, whatever the data says.
 */
function inflateCapped(data: Uint8Array, cap: number, capReason: string, limits: PdfInflateLimits): { ok: true; data: Uint8Array } | { ok: false; reason: string } {
  if (data.length < 3) return { ok: false, reason: 'its compressed data is empty' };
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let ended = false;
  try {
    const inflater = new Inflate((chunk, final) => {
      produced += chunk.length;
      if (produced > limits.ratioFloorBytes && produced > data.length * limits.maxCompressionRatio) {
        throw new InflateStop(`it inflates more than ${limits.maxCompressionRatio} times its compressed size (${formatBytes(data.length)}), the mark of a compression bomb (stopped while inflating)`);
      }
      if (produced > cap) throw new InflateStop(capReason);
      chunks.push(chunk);
      if (final) ended = true;
    });
    const body = data.subarray(2);
    for (let offset = 0; offset < body.length; offset += INFLATE_CHUNK) {
      inflater.push(body.subarray(offset, offset + INFLATE_CHUNK), offset + INFLATE_CHUNK >= body.length);
    }
  } catch (error) {
    if (error instanceof InflateStop) return { ok: false, reason: error.message };
    return { ok: false, reason: 'its compressed data cannot be inflated (damaged)' };
  }
  if (!ended) return { ok: false, reason: 'its compressed data ends early (damaged)' };
  const out = new Uint8Array(produced);
  let at = 0;
  for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
  return { ok: true, data: out };
}

const INFLATE_CHUNK = 16 * 1024;
const OBJECT_HEADER = /(\d+)\s+(\d+)\s+obj\b/g;

/** The objects of an inflated object stream, from its header of "number offset" pairs. */
function splitObjectStream(text: string, object: string, dictionary: string): ObjectStreamContent['objects'] {
  const count = Number(/\/N\s+(\d+)/.exec(dictionary)?.[1]);
  const first = Number(/\/First\s+(\d+)/.exec(dictionary)?.[1]);
  const whole = [{ object: `${object} (compressed objects)`, text }];
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(first) || first > text.length || count <= 0) return whole;
  const numbers = text.slice(0, first).trim().split(/\s+/).map(Number);
  if (numbers.length < count * 2 || numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) return whole;
  const objects: ObjectStreamContent['objects'] = [];
  for (let i = 0; i < count; i++) {
    const start = first + numbers[i * 2 + 1]!;
    const end = i + 1 < count ? first + numbers[i * 2 + 3]! : text.length;
    if (start > text.length || end < start) return whole;
    objects.push({ object: `${numbers[i * 2]} 0`, text: text.slice(start, end) });
  }
  return objects;
}

function readObjectStreams(bytes: Uint8Array, text: string, limits: PdfInflateLimits): ObjectStreams {
  const result: ObjectStreams = { streams: [], uninspected: [] };
  let remaining = limits.maxTotalInflatedBytes;
  let found = 0;
  for (let at = text.indexOf('/ObjStm'); at >= 0; at = text.indexOf('/ObjStm', at + 7)) {
    OBJECT_HEADER.lastIndex = 0;
    const head = lastMatch(OBJECT_HEADER, text.slice(Math.max(0, at - 4096), at));
    if (!head) continue;
    const headerEnd = Math.max(0, at - 4096) + head.index + head[0].length;
    const stream = streamAt(bytes, text, headerEnd);
    if (!stream || !/\/Type\s*\/ObjStm\b/.test(stream.dictionary)) continue;
    const object = `${head[1]} ${head[2]}`;
    found++;
    if (found > limits.maxObjectStreams) {
      result.uninspected.push({ object, reason: `the PDF has more than ${limits.maxObjectStreams} compressed object streams; the rest were not inflated` });
      break;
    }
    const filter = /\/Filter\s*\[?\s*\/(\w+)/.exec(stream.dictionary)?.[1];
    const predictor = Number(/\/Predictor\s+(\d+)/.exec(stream.dictionary)?.[1] ?? 1);
    if (filter !== undefined && (filter !== 'FlateDecode' || predictor > 1)) {
      const how = filter === 'FlateDecode' ? `FlateDecode with predictor ${predictor}` : filter;
      result.uninspected.push({ object, reason: `it is compressed with ${how}, which is not inflated here` });
      continue;
    }
    const cap = Math.min(limits.maxObjectStreamBytes, remaining);
    const capReason = remaining < limits.maxObjectStreamBytes
      ? `the PDF's object streams inflate to more than ${formatBytes(limits.maxTotalInflatedBytes)} in total (stopped while inflating)`
      : `it inflates to more than ${formatBytes(limits.maxObjectStreamBytes)} (stopped while inflating)`;
    const inflated = filter === undefined
      ? (stream.data.length > cap ? { ok: false as const, reason: capReason } : { ok: true as const, data: stream.data })
      : inflateCapped(stream.data, cap, capReason, limits);
    if (!inflated.ok) {
      result.uninspected.push({ object, reason: inflated.reason });
      continue;
    }
    remaining -= inflated.data.length;
    result.streams.push({ object, objects: splitObjectStream(decodeBytesAsLatin1(inflated.data), object, stream.dictionary) });
  }
  return result;
}
