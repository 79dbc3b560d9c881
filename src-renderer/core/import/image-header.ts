// Image dimensions from the header alone, so a pixel cap is enforced before any decoder runs, and the
// EXIF orientation a phone writes into a JPEG instead of turning its pixels.

export type ImageHeader = { ok: true; width: number; height: number } | { ok: false; reason: string };

function u32be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
}

export function readPngHeader(bytes: Uint8Array): ImageHeader {
  // Signature (8), IHDR length (4) = 13, "IHDR", width, height.
  if (bytes.length < 33) return { ok: false, reason: 'the PNG file ends inside its header' };
  if (u32be(bytes, 8) !== 13 || String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== 'IHDR') {
    return { ok: false, reason: 'the PNG file has no IHDR header where it must be' };
  }
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  if (width === 0 || height === 0) return { ok: false, reason: `the PNG header declares an empty image (${width}×${height})` };
  return { ok: true, width, height };
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A marker segment of a JPEG header: its marker byte, the offset of its 0xFF, and its length field (payload at at+4 .. at+2+length). */
export interface JpegSegment {
  marker: number;
  at: number;
  length: number;
}

/** Why the walk of a JPEG's header stopped: at its image data or end marker, at the end of the bytes, or at damage. */
export type JpegHeaderEnd = 'image-data' | 'end-of-image' | 'truncated' | 'damaged-marker' | 'impossible-length';

/**
 * The marker segments of a JPEG from its start to its image data (SOS), skipping fill bytes and the
 * markers that stand alone; the one walk that the frame size, the EXIF orientation and the
 * quantisation tables are read from.
 */
export function jpegSegments(bytes: Uint8Array): { segments: JpegSegment[]; end: JpegHeaderEnd } {
  const segments: JpegSegment[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { segments, end: 'damaged-marker' };
    const marker = bytes[at + 1]!;
    if (marker === 0xff) { at++; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    if (marker === 0xda) return { segments, end: 'image-data' };
    if (marker === 0xd9) return { segments, end: 'end-of-image' };
    const length = (bytes[at + 2]! << 8) + bytes[at + 3]!;
    if (length < 2) return { segments, end: 'impossible-length' };
    segments.push({ marker, at, length });
    at += 2 + length;
  }
  return { segments, end: 'truncated' };
}

const JPEG_HEADER_FAULTS: Record<JpegHeaderEnd, string> = {
  'image-data': 'the JPEG file has no frame header before its image data',
  'end-of-image': 'the JPEG file has no frame header before its image data',
  truncated: 'the JPEG file ends before its frame header',
  'damaged-marker': 'the JPEG file has a damaged marker before its frame header',
  'impossible-length': 'the JPEG file has a segment of impossible length',
};

export function readJpegHeader(bytes: Uint8Array): ImageHeader {
  const { segments, end } = jpegSegments(bytes);
  const frame = segments.find((segment) => SOF_MARKERS.has(segment.marker));
  if (!frame) return { ok: false, reason: JPEG_HEADER_FAULTS[end] };
  if (frame.at + 9 > bytes.length) return { ok: false, reason: JPEG_HEADER_FAULTS.truncated };
  const height = (bytes[frame.at + 5]! << 8) + bytes[frame.at + 6]!;
  const width = (bytes[frame.at + 7]! << 8) + bytes[frame.at + 8]!;
  if (width === 0 || height === 0) return { ok: false, reason: `the JPEG header declares an empty image (${width}×${height})` };
  return { ok: true, width, height };
}

/**
 * The mean of a JPEG's first quantisation table (DQT; its luminance's), or null when it has none
 * before its image data: how hard it was compressed (quality 95 about 5, quality 22 about 130).
 */
export function jpegQuantisationMean(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const table = jpegSegments(bytes).segments.find((segment) => segment.marker === 0xdb);
  if (!table) return null;
  // Precision 0: 64 bytes; 1: 64 big-endian 16-bit values.
  const start = table.at + 5;
  const wide = bytes[table.at + 4]! >> 4 === 1;
  if (start + (wide ? 128 : 64) > bytes.length) return null;
  let sum = 0;
  for (let k = 0; k < 64; k++) sum += wide ? (bytes[start + 2 * k]! << 8) | bytes[start + 2 * k + 1]! : bytes[start + k]!;
  return sum / 64;
}

/** The Orientation tag (0x0112) of an APP1 EXIF block (TIFF structure after "Exif\0\0"); 1 when absent. */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 14 || String.fromCharCode(...bytes.subarray(start, start + 4)) !== 'Exif') return 1;
  const tiff = start + 6;
  const little = bytes[tiff] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (tiff + 8 > end) return 1;
  const directory = tiff + view.getUint32(tiff + 4, little);
  if (directory + 2 > end) return 1;
  const entries = view.getUint16(directory, little);
  for (let i = 0; i < entries; i++) {
    const entry = directory + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** EXIF orientation (1–8) of a JPEG: the APP1 segments before its frame header. */
export function readJpegOrientation(bytes: Uint8Array): number {
  for (const segment of jpegSegments(bytes).segments) {
    if (SOF_MARKERS.has(segment.marker)) break;
    if (segment.marker !== 0xe1) continue;
    const orientation = exifOrientation(bytes, segment.at + 4, Math.min(bytes.length, segment.at + 2 + segment.length));
    if (orientation !== 1) return orientation;
  }
  return 1;
}

/** RIFF/WEBP size from its first image chunk (lossy VP8, lossless VP8L or extended VP8X). */
export function readWebpHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length < 30) return { ok: false, reason: 'the WEBP file ends inside its header' };
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  const at = 20;
  const size = chunk === 'VP8 '
    ? { width: (bytes[at + 6]! | (bytes[at + 7]! << 8)) & 0x3fff, height: (bytes[at + 8]! | (bytes[at + 9]! << 8)) & 0x3fff }
    : chunk === 'VP8L'
      ? { width: ((bytes[at + 1]! | (bytes[at + 2]! << 8)) & 0x3fff) + 1, height: (((bytes[at + 2]! >> 6) | (bytes[at + 3]! << 2) | (bytes[at + 4]! << 10)) & 0x3fff) + 1 }
      : chunk === 'VP8X'
        ? { width: 1 + (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16)), height: 1 + (bytes[at + 7]! | (bytes[at + 8]! << 8) | (bytes[at + 9]! << 16)) }
        : null;
  if (!size) return { ok: false, reason: `the WEBP file starts with an unknown chunk (${chunk})` };
  const { width, height } = size;
  if (width === 0 || height === 0) return { ok: false, reason: `the WEBP header declares an empty image (${width}×${height})` };
  return { ok: true, width, height };
}

function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP';
}

/**
 * Format and size (as stored) of a PNG, JPEG or WEBP from its header, and a JPEG's EXIF
 * orientation when it is not upright; null for anything else or a damaged header.
 */
export function probeImage(bytes: Uint8Array): { width: number; height: number; format: 'png' | 'jpeg' | 'webp'; orientation?: number } | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const header = readPngHeader(bytes);
    return header.ok ? { width: header.width, height: header.height, format: 'png' } : null;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const header = readJpegHeader(bytes);
    if (!header.ok) return null;
    const orientation = readJpegOrientation(bytes);
    return { width: header.width, height: header.height, format: 'jpeg', ...(orientation === 1 ? {} : { orientation }) };
  }
  if (isWebp(bytes)) {
    const header = readWebpHeader(bytes);
    return header.ok ? { width: header.width, height: header.height, format: 'webp' } : null;
  }
  return null;
}
